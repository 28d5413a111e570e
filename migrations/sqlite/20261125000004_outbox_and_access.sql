-- Email outbox and durable jobs, the dev mailbox, set-password links, temporary passwords, forced
-- password changes, and password-reset rate limits (SQLite). Twin: ../postgres/.

-- Work to do after a change commits, written in the same transaction as the change. A worker claims
-- a due row by setting `locked_until` (a lease), does the work, and deletes the row; a failure sets
-- `run_after` later (backoff). After too many attempts `dead_at` marks it for an operator.
-- DIALECT: AUTOINCREMENT, so that an id is never handed out twice (plain INTEGER PRIMARY KEY reuses
-- the id of a deleted row, and completed jobs are deleted); the dev mailbox and Message-IDs rely on it.
CREATE TABLE outbox (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    kind         TEXT    NOT NULL,
    payload      TEXT    NOT NULL,
    run_after    TEXT NOT NULL,
    attempts     INTEGER NOT NULL DEFAULT 0,
    last_error   TEXT,
    locked_until TEXT,
    dead_at      TEXT,
    created_at   TEXT NOT NULL
);
CREATE INDEX outbox_due_idx ON outbox (run_after) WHERE dead_at IS NULL;

-- Emails delivered while no SMTP relay is configured; admins read them at /admin/mail.
CREATE TABLE dev_mailbox (
    id           INTEGER PRIMARY KEY,
    outbox_id    INTEGER NOT NULL,
    message_id   TEXT   NOT NULL,
    to_addr      TEXT   NOT NULL,
    subject      TEXT   NOT NULL,
    text_body    TEXT   NOT NULL,
    html_body    TEXT   NOT NULL,
    created_at   TEXT NOT NULL
);
-- Delivery is at-least-once; this makes a second delivery of the same outbox row a no-op.
CREATE UNIQUE INDEX dev_mailbox_outbox_key ON dev_mailbox (outbox_id);

-- Single-use set-password links (welcome emails). Only the token's SHA-256 is stored.
CREATE TABLE password_tokens (
    id         INTEGER PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    token_hash TEXT   NOT NULL,
    expires_at TEXT NOT NULL,
    used_at    TEXT,
    created_at TEXT NOT NULL
);
CREATE UNIQUE INDEX password_tokens_hash_key ON password_tokens (token_hash);
CREATE INDEX password_tokens_user_idx ON password_tokens (user_id);

-- A temporary password (forgot password) lives beside the real one, so that a stranger asking for
-- a reset cannot lock the owner out: the old password keeps working until a new one is set.
ALTER TABLE users ADD COLUMN temp_password_hash TEXT;
ALTER TABLE users ADD COLUMN temp_password_expires_at TEXT;

-- A session opened with a temporary password reaches nothing but the "set a new password" page.
ALTER TABLE sessions ADD COLUMN must_change_password INTEGER NOT NULL DEFAULT 0 CHECK (must_change_password IN (0, 1));

-- "Forgot password" requests, for rate limiting per email and per client address.
CREATE TABLE password_reset_requests (
    id     INTEGER PRIMARY KEY,
    email  TEXT NOT NULL,
    client TEXT NOT NULL,
    at     TEXT NOT NULL
);
CREATE INDEX password_reset_requests_email_idx ON password_reset_requests (email, at);
CREATE INDEX password_reset_requests_client_idx ON password_reset_requests (client, at);
