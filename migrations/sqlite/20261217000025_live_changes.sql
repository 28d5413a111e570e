-- Live updates (SQLite; twin in ../postgres/): one row per change of a case, numbered in commit
-- order (SQLite has one writer at a time), so a reader that saw change N has seen every change
-- before it. Open pages follow them over server-sent events and ask for what they missed with
-- `Last-Event-ID`. `account_id` and `contact_id` are the case's at the time, so a stream filters
-- without a join; `staff_only` marks what customers never hear of (an internal comment). Rows
-- older than a day are pruned. AUTOINCREMENT: a number is never used twice, even after pruning.
CREATE TABLE changes (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    case_id     INTEGER NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    account_id  INTEGER NOT NULL,
    contact_id  INTEGER NOT NULL,
    kind        TEXT    NOT NULL,
    staff_only  BOOLEAN NOT NULL,
    created_at  TEXT    NOT NULL
);
CREATE INDEX changes_created_idx ON changes (created_at);
