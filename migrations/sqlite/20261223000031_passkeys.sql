-- Passkeys (WebAuthn; SQLite, twin in ../postgres/). A person's passkeys: the credential's id
-- (base64url, unique: one authenticator credential opens one account), the user handle the
-- authenticator keeps with it (a random UUID per person, the same on all their passkeys), the name
-- they gave it, webauthn-rs's credential (public key, signature counter, backup flags) as JSON, and
-- when it was added and last used.
CREATE TABLE passkeys (
    id            INTEGER PRIMARY KEY,
    user_id       INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    credential_id TEXT    NOT NULL UNIQUE,
    user_handle   TEXT    NOT NULL,
    name          TEXT    NOT NULL,
    credential    TEXT    NOT NULL,
    created_at    TEXT    NOT NULL,
    last_used_at  TEXT
);
CREATE INDEX passkeys_user_idx ON passkeys (user_id);
-- A passkey ceremony between its two requests: the browser holds the token, the database its
-- SHA-256 with webauthn-rs's state (the challenge). Adding a passkey names its person (and the
-- name it will have); signing in names nobody until the passkey says who. Taken (deleted) by the
-- one request that finishes it, so an answer cannot be replayed.
CREATE TABLE passkey_ceremonies (
    id         INTEGER PRIMARY KEY,
    token_hash TEXT    NOT NULL UNIQUE,
    user_id    INTEGER REFERENCES users (id) ON DELETE CASCADE,
    name       TEXT    NOT NULL,
    state      TEXT    NOT NULL,
    created_at TEXT    NOT NULL,
    expires_at TEXT    NOT NULL
);
