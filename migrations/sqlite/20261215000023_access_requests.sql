-- Requests for portal access (SQLite; twin in ../postgres/): from the sign-in page's "No access
-- yet?" form (`requested_by` empty) or from a contact asking for a colleague (`requested_by` and
-- `account_id` set). Staff approve one (the contact is created within the company's limit and gets
-- the welcome email: `user_id`) or decline it with a `reason`, which the requester is emailed.
-- `status`: open, approved, declined.
CREATE TABLE access_requests (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    name         TEXT    NOT NULL,
    email        TEXT    NOT NULL,
    company      TEXT    NOT NULL,
    message      TEXT    NOT NULL DEFAULT '',
    language     TEXT    NOT NULL,
    account_id   INTEGER REFERENCES accounts (id),
    requested_by INTEGER REFERENCES users (id) ON DELETE SET NULL,
    created_at   TEXT    NOT NULL,
    status       TEXT    NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'approved', 'declined')),
    reason       TEXT    NOT NULL DEFAULT '',
    user_id      INTEGER REFERENCES users (id) ON DELETE SET NULL,
    decided_by   INTEGER REFERENCES users (id) ON DELETE SET NULL,
    decided_at   TEXT
);
CREATE INDEX access_requests_status_idx ON access_requests (status, created_at);
-- One open request per address: asking again changes nothing.
CREATE UNIQUE INDEX access_requests_open_email ON access_requests (email) WHERE status = 'open';
