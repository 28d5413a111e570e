-- Portico's domain model (SQLite). The PostgreSQL twin has the same name in ../postgres/.
-- Times are UTC, stored as RFC 3339 text; booleans as 0/1.

CREATE TABLE accounts (
    id                   INTEGER PRIMARY KEY,
    name                 TEXT    NOT NULL,
    phone                TEXT    NOT NULL DEFAULT '',
    country              TEXT    NOT NULL DEFAULT '',
    portal_contact_limit INTEGER NOT NULL DEFAULT 3 CHECK (portal_contact_limit >= 0),
    created_at           TEXT    NOT NULL
);
CREATE UNIQUE INDEX accounts_name_key ON accounts (lower(name));

CREATE TABLE users (
    id            INTEGER PRIMARY KEY,
    email         TEXT    NOT NULL,
    name          TEXT    NOT NULL,
    phone         TEXT    NOT NULL DEFAULT '',
    role          TEXT    NOT NULL CHECK (role IN ('customer', 'agent', 'admin')),
    language      TEXT    NOT NULL DEFAULT 'en' CHECK (language IN ('en', 'ru', 'nl')),
    account_id    INTEGER REFERENCES accounts (id),
    active        INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    password_hash TEXT,
    created_at    TEXT    NOT NULL,
    -- Customers belong to exactly one company; support staff to none.
    CHECK ((role = 'customer') = (account_id IS NOT NULL))
);
CREATE UNIQUE INDEX users_email_key ON users (email);
CREATE INDEX users_account_idx ON users (account_id);

CREATE TABLE products (
    id     INTEGER PRIMARY KEY,
    name   TEXT    NOT NULL,
    active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
);
CREATE UNIQUE INDEX products_name_key ON products (lower(name));

-- Named counters; `case_number` hands out case numbers inside the transaction that inserts the case.
CREATE TABLE counters (
    name  TEXT    PRIMARY KEY,
    value INTEGER NOT NULL
);
INSERT INTO counters (name, value) VALUES ('case_number', 0);

CREATE TABLE cases (
    id          INTEGER PRIMARY KEY,
    number      INTEGER NOT NULL CHECK (number BETWEEN 1 AND 99999999),
    subject     TEXT    NOT NULL,
    description TEXT    NOT NULL DEFAULT '',
    product_id  INTEGER REFERENCES products (id),
    country     TEXT    NOT NULL DEFAULT '',
    status      TEXT    NOT NULL DEFAULT 'new'
                CHECK (status IN ('new', 'in_progress', 'awaiting_customer', 'solved', 'closed')),
    origin      TEXT    NOT NULL DEFAULT 'web' CHECK (origin IN ('web', 'email', 'phone')),
    account_id  INTEGER NOT NULL REFERENCES accounts (id),
    contact_id  INTEGER NOT NULL REFERENCES users (id),
    resolution  TEXT    NOT NULL DEFAULT '',
    opened_at   TEXT    NOT NULL,
    updated_at  TEXT    NOT NULL,
    closed_at   TEXT
);
CREATE UNIQUE INDEX cases_number_key ON cases (number);
CREATE INDEX cases_account_idx ON cases (account_id, opened_at);
CREATE INDEX cases_contact_idx ON cases (contact_id, opened_at);

CREATE TABLE case_comments (
    id         INTEGER PRIMARY KEY,
    case_id    INTEGER NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    author_id  INTEGER NOT NULL REFERENCES users (id),
    body       TEXT    NOT NULL,
    public     INTEGER NOT NULL DEFAULT 1 CHECK (public IN (0, 1)),
    created_at TEXT    NOT NULL
);
CREATE INDEX case_comments_case_idx ON case_comments (case_id, created_at);

CREATE TABLE attachments (
    id           INTEGER PRIMARY KEY,
    case_id      INTEGER REFERENCES cases (id) ON DELETE CASCADE,
    uploaded_by  INTEGER NOT NULL REFERENCES users (id),
    file_name    TEXT    NOT NULL,
    content_type TEXT    NOT NULL,
    size_bytes   INTEGER NOT NULL CHECK (size_bytes >= 0),
    sha256       TEXT    NOT NULL,
    storage_key  TEXT    NOT NULL,
    created_at   TEXT    NOT NULL
);
CREATE UNIQUE INDEX attachments_storage_key ON attachments (storage_key);
CREATE INDEX attachments_case_idx ON attachments (case_id);
CREATE INDEX attachments_uploader_idx ON attachments (uploaded_by, created_at);
