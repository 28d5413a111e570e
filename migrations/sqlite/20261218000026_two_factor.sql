-- Two-factor sign-in (SQLite; twin in ../postgres/). A person's authenticator app (TOTP, RFC 6238):
-- its secret (base32, 160 bits), when they confirmed it with a first code (NULL while they are
-- still setting it up) and the last time step a code was accepted for, so no code counts twice.
CREATE TABLE user_totp (
    user_id      INTEGER PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    secret       TEXT    NOT NULL,
    confirmed_at TEXT,
    last_step    INTEGER NOT NULL DEFAULT 0,
    created_at   TEXT    NOT NULL
);
-- Ten single-use recovery codes per person, only their SHA-256 kept.
CREATE TABLE recovery_codes (
    id        INTEGER PRIMARY KEY,
    user_id   INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    code_hash TEXT    NOT NULL,
    used_at   TEXT
);
CREATE INDEX recovery_codes_user_idx ON recovery_codes (user_id);
-- A sign-in whose password was right and whose second factor is still to come: the browser holds
-- the token (a short-lived cookie), the database its SHA-256. `enrol`: a staff member whom the
-- admins require to use two-factor sign-in sets it up here first. No session exists until the
-- code is right.
CREATE TABLE sign_in_challenges (
    id                   INTEGER PRIMARY KEY,
    token_hash           TEXT    NOT NULL UNIQUE,
    user_id              INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    must_change_password BOOLEAN NOT NULL,
    enrol                BOOLEAN NOT NULL,
    created_at           TEXT    NOT NULL,
    expires_at           TEXT    NOT NULL
);
CREATE INDEX sign_in_challenges_user_idx ON sign_in_challenges (user_id);
