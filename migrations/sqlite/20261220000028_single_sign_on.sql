-- Single sign-on with OpenID Connect (SQLite; twin in ../postgres/). Admins register identity
-- providers: the issuer (its discovery document says the rest), Portico's client id and secret
-- there, the email domains it may vouch for (space-separated, lower case), and whom it serves: staff,
-- and the companies listed in identity_provider_companies. Signing in with one never creates an
-- account: the provider's email must belong to an invited, active person it serves.
CREATE TABLE identity_providers (
    id              INTEGER PRIMARY KEY,
    name            TEXT    NOT NULL,
    issuer          TEXT    NOT NULL,
    client_id       TEXT    NOT NULL,
    client_secret   TEXT    NOT NULL,
    allowed_domains TEXT    NOT NULL,
    for_staff       BOOLEAN NOT NULL DEFAULT FALSE,
    active          BOOLEAN NOT NULL DEFAULT TRUE,
    created_at      TEXT    NOT NULL,
    updated_at      TEXT    NOT NULL
);
CREATE TABLE identity_provider_companies (
    provider_id INTEGER NOT NULL REFERENCES identity_providers (id) ON DELETE CASCADE,
    account_id  INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    PRIMARY KEY (provider_id, account_id)
);
-- A sign-in on its way through a provider: the browser holds the token (a short-lived cookie), the
-- database its SHA-256 with the `state` sent, the nonce expected back in the ID token and the PKCE
-- verifier. Taken (deleted) by the one callback that uses it, so a replayed answer finds nothing.
CREATE TABLE sso_sign_ins (
    id            INTEGER PRIMARY KEY,
    token_hash    TEXT    NOT NULL UNIQUE,
    provider_id   INTEGER NOT NULL REFERENCES identity_providers (id) ON DELETE CASCADE,
    state         TEXT    NOT NULL,
    nonce         TEXT    NOT NULL,
    pkce_verifier TEXT    NOT NULL,
    next          TEXT    NOT NULL,
    created_at    TEXT    NOT NULL,
    expires_at    TEXT    NOT NULL
);
-- Which identity at a provider (its `sub`) a person signed in as first: later sign-ins must be the
-- same one, so an email address handed to someone else at the provider does not open the account.
CREATE TABLE user_identities (
    provider_id INTEGER NOT NULL REFERENCES identity_providers (id) ON DELETE CASCADE,
    user_id     INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    subject     TEXT    NOT NULL,
    linked_at   TEXT    NOT NULL,
    PRIMARY KEY (provider_id, user_id),
    UNIQUE (provider_id, subject)
);
