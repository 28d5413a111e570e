-- Webhooks (SQLite; twin in ../postgres/). Admins subscribe a URL to events of cases
-- (`events`: space-separated codes such as `case.created`); Portico signs every delivery with the
-- webhook's secret (HMAC-SHA256 over timestamp and body). `allow_private`: an admin allowed an
-- address on loopback or a private network (refused otherwise, at saving and at each send).
CREATE TABLE webhooks (
    id            INTEGER PRIMARY KEY,
    url           TEXT    NOT NULL,
    description   TEXT    NOT NULL,
    events        TEXT    NOT NULL,
    secret        TEXT    NOT NULL,
    active        BOOLEAN NOT NULL,
    allow_private BOOLEAN NOT NULL,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
);
-- One event sent (or to send) to one webhook: written in the transaction of the change, with the
-- outbox job that sends it. `body` is the JSON as first sent (kept, so a retry and "send again"
-- send the same event); `status` is 'pending', 'delivered' or 'failed' (the last try failed; the
-- outbox tries again with back-off until it gives up). `actor_id`: who made the change (erasing
-- a person removes the deliveries that name them). Kept 30 days.
CREATE TABLE webhook_deliveries (
    id              INTEGER PRIMARY KEY,
    webhook_id      INTEGER NOT NULL REFERENCES webhooks (id) ON DELETE CASCADE,
    event           TEXT    NOT NULL,
    case_id         INTEGER REFERENCES cases (id) ON DELETE CASCADE,
    actor_id        INTEGER REFERENCES users (id) ON DELETE SET NULL,
    detail          TEXT    NOT NULL,
    body            TEXT,
    status          TEXT    NOT NULL,
    attempts        INTEGER NOT NULL DEFAULT 0,
    response_status INTEGER,
    last_error      TEXT,
    created_at      TEXT NOT NULL,
    last_tried_at   TEXT,
    delivered_at    TEXT
);
CREATE INDEX webhook_deliveries_webhook_idx ON webhook_deliveries (webhook_id, id);
CREATE INDEX webhook_deliveries_created_idx ON webhook_deliveries (created_at);
