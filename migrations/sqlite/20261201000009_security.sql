-- Issue #11. One table for every throttle: failed sign-ins, reset requests, guesses of the current
-- password, and writes per person. `subject` is what is limited (an email, a user id), `client`
-- where the attempt came from (an address key, or a known device). Rows older than a day are purged.
CREATE TABLE attempts (
    id      INTEGER PRIMARY KEY,
    kind    TEXT NOT NULL,
    subject TEXT NOT NULL,
    client  TEXT NOT NULL,
    at      TEXT NOT NULL
);
CREATE INDEX attempts_subject_idx ON attempts (kind, subject, at);
CREATE INDEX attempts_client_idx ON attempts (kind, client, at);
CREATE INDEX attempts_at_idx ON attempts (at);
DROP TABLE sign_in_failures;
DROP TABLE password_reset_requests;

-- Browsers someone signed in from before (a device cookie holds the token; only its SHA-256 is
-- kept). A correct password from such a browser is not held up by a stranger's failures.
CREATE TABLE known_devices (
    id           INTEGER PRIMARY KEY,
    token_hash   TEXT    NOT NULL,
    user_id      INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at   TEXT    NOT NULL,
    last_used_at TEXT    NOT NULL
);
CREATE UNIQUE INDEX known_devices_token_hash_key ON known_devices (token_hash);
CREATE INDEX known_devices_user_idx ON known_devices (user_id);

-- What a form without JavaScript had typed when the server sent it back with errors, so that no
-- typed text travels in a URL. Found by a random token's SHA-256; kept for an hour.
CREATE TABLE form_drafts (
    id         INTEGER PRIMARY KEY,
    token_hash TEXT    NOT NULL,
    user_id    INTEGER REFERENCES users (id) ON DELETE CASCADE,
    fields     TEXT    NOT NULL,
    created_at TEXT    NOT NULL
);
CREATE UNIQUE INDEX form_drafts_token_hash_key ON form_drafts (token_hash);
CREATE INDEX form_drafts_created_idx ON form_drafts (created_at);

-- Purging expired sessions and links.
CREATE INDEX sessions_expires_idx ON sessions (expires_at);
CREATE INDEX sessions_last_seen_idx ON sessions (last_seen_at);
CREATE INDEX password_tokens_expires_idx ON password_tokens (expires_at);

-- The sign-in secrets an email in the dev mailbox carries, hidden from everyone but its recipient.
ALTER TABLE dev_mailbox ADD COLUMN secrets TEXT NOT NULL DEFAULT '[]';
