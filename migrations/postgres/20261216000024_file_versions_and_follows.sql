-- Versions, removal and followers of a case's files (PostgreSQL; twin in ../sqlite/). A file is a
-- chain of versions: the first version's row is the file (`document_id` empty), each later one
-- names it in `document_id` and counts up `version`; only the newest has `superseded_at` empty.
-- Removing a file marks every version `removed_at` (the rows stay for the history; the bytes go).
-- `file_follows`: who gets an email when a file they may see gets a new version or is removed.
ALTER TABLE attachments ADD COLUMN document_id BIGINT REFERENCES attachments (id) ON DELETE CASCADE;
ALTER TABLE attachments ADD COLUMN version INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1);
ALTER TABLE attachments ADD COLUMN superseded_at TIMESTAMPTZ;
ALTER TABLE attachments ADD COLUMN removed_at TIMESTAMPTZ;
ALTER TABLE attachments ADD COLUMN removed_by BIGINT REFERENCES users (id) ON DELETE SET NULL;
CREATE INDEX attachments_document_idx ON attachments (document_id) WHERE document_id IS NOT NULL;

CREATE TABLE file_follows (
    user_id     BIGINT      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    document_id BIGINT      NOT NULL REFERENCES attachments (id) ON DELETE CASCADE,
    created_at  TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (user_id, document_id)
);
CREATE INDEX file_follows_document_idx ON file_follows (document_id);
