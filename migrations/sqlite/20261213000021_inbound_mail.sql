-- The inbound mailbox (SQLite; twin in ../postgres/). Every message read from IMAP is one row,
-- claimed by its dedupe key (its Message-ID, else a hash of its bytes): whichever process inserts
-- the row first handles it, and the same message delivered twice is handled once. The raw bytes
-- are kept in the blob store (`blob_key`; `too_large`: over the size limit, only its header is kept).
-- `status`: received (waiting for the worker), case (opened a case), comment (added a comment),
-- held (waiting for staff: `reason` says why), failed (could not be read: `detail`), ignored
-- (automatic mail, unknown sender), accepted or rejected (by staff).
CREATE TABLE inbound_mail (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    dedupe_key  TEXT    NOT NULL UNIQUE,
    received_at TEXT    NOT NULL,
    sender      TEXT    NOT NULL DEFAULT '',
    subject     TEXT    NOT NULL DEFAULT '',
    size_bytes  INTEGER NOT NULL,
    blob_key    TEXT,
    too_large   BOOLEAN NOT NULL DEFAULT FALSE,
    status      TEXT    NOT NULL DEFAULT 'received'
                CHECK (status IN ('received', 'case', 'comment', 'held', 'failed', 'ignored',
                                  'accepted', 'rejected')),
    reason      TEXT    NOT NULL DEFAULT '',
    detail      TEXT    NOT NULL DEFAULT '',
    case_id     INTEGER REFERENCES cases (id) ON DELETE SET NULL,
    decided_by  INTEGER REFERENCES users (id),
    decided_at  TEXT
);
CREATE INDEX inbound_mail_status_idx ON inbound_mail (status, received_at);
CREATE INDEX inbound_mail_case_idx ON inbound_mail (case_id) WHERE case_id IS NOT NULL;
