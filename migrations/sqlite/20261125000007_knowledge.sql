-- Knowledge base (SQLite; twin in ../postgres/): articles people search from the portal, and the
-- ones support attaches to a case. `search_title` and `search_text` are folded by the app (Rust's
-- Unicode lower-casing, as for products: SQLite's lower() folds ASCII only).
CREATE TABLE kb_articles (
    id           INTEGER PRIMARY KEY,
    number       INTEGER NOT NULL UNIQUE,
    language     TEXT    NOT NULL,
    title        TEXT    NOT NULL,
    summary      TEXT    NOT NULL DEFAULT '',
    body         TEXT    NOT NULL,
    search_title TEXT    NOT NULL,
    search_text  TEXT    NOT NULL,
    published    BOOLEAN NOT NULL DEFAULT TRUE,
    updated_at   TEXT    NOT NULL
);

CREATE TABLE case_articles (
    case_id     INTEGER NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    article_id  INTEGER NOT NULL REFERENCES kb_articles (id) ON DELETE CASCADE,
    attached_by INTEGER NOT NULL REFERENCES users (id),
    attached_at TEXT    NOT NULL,
    PRIMARY KEY (case_id, article_id)
);
