-- Live updates (PostgreSQL; twin in ../sqlite/): one row per change of a case, numbered in commit
-- order (the writer holds an advisory lock from its insert to its commit, see `Tx::commit`), so a
-- reader that saw change N has seen every change before it. Open pages follow them over
-- server-sent events and ask for what they missed with `Last-Event-ID`. `account_id` and
-- `contact_id` are the case's at the time, so a stream filters without a join; `staff_only` marks
-- what customers never hear of (an internal comment). Rows older than a day are pruned.
CREATE TABLE changes (
    id          BIGSERIAL   PRIMARY KEY,
    case_id     BIGINT      NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    account_id  BIGINT      NOT NULL,
    contact_id  BIGINT      NOT NULL,
    kind        TEXT        NOT NULL,
    staff_only  BOOLEAN     NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL
);
CREATE INDEX changes_created_idx ON changes (created_at);
