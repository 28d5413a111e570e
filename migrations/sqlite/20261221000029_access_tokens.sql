-- Personal access tokens for the REST API (SQLite; twin in ../postgres/): made and revoked on a
-- person's account page, shown once, only their SHA-256 kept. `scope` is 'read' (GET only) or
-- 'write'. A token acts as its person, with exactly their rights; it ends when revoked, when it
-- expires, or when its person loses access.
CREATE TABLE personal_access_tokens (
    id           INTEGER PRIMARY KEY,
    user_id      INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name         TEXT    NOT NULL,
    token_hash   TEXT    NOT NULL UNIQUE,
    scope        TEXT    NOT NULL,
    created_at   TEXT    NOT NULL,
    expires_at   TEXT,
    last_used_at TEXT,
    revoked_at   TEXT
);
CREATE INDEX personal_access_tokens_user_idx ON personal_access_tokens (user_id);
