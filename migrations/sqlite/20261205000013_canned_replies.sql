-- Canned replies (SQLite; twin in ../postgres/): support's shared answers, one language each, with
-- placeholders filled in when one is inserted into a case's reply box. A title is unique within
-- its language, in any case (`title_folded` is the title in lower case).
CREATE TABLE canned_replies (
    id           INTEGER PRIMARY KEY,
    title        TEXT    NOT NULL,
    title_folded TEXT    NOT NULL,
    language     TEXT    NOT NULL,
    body         TEXT    NOT NULL,
    updated_by   INTEGER NOT NULL REFERENCES users (id),
    updated_at   TEXT    NOT NULL
);
CREATE UNIQUE INDEX canned_replies_title_folded_idx ON canned_replies (language, title_folded);
