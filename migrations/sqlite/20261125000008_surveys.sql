-- Satisfaction surveys (SQLite; twin in ../postgres/): closing a case invites its contact once; the
-- answer (1-5 and an optional comment) is kept with the invitation.
CREATE TABLE case_surveys (
    id           INTEGER PRIMARY KEY,
    case_id      INTEGER NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    recipient_id INTEGER NOT NULL REFERENCES users (id),
    sent_at      TEXT    NOT NULL,
    rating       INTEGER CHECK (rating BETWEEN 1 AND 5),
    feedback     TEXT    NOT NULL DEFAULT '',
    answered_at  TEXT,
    UNIQUE (case_id, recipient_id)
);
