-- Case lists (PostgreSQL; twin in ../sqlite/): a folded subject for search within a list (folded by
-- the app, as products.search_name), indexes for keyset pages per sort column within a company or a
-- contact (covering the list's count too), who viewed which case when ("Recently viewed"), and who follows a case.
ALTER TABLE cases ADD COLUMN search_subject TEXT NOT NULL DEFAULT '';
UPDATE cases SET search_subject = lower(subject);

CREATE INDEX cases_account_opened_idx ON cases (account_id, opened_at, id);
CREATE INDEX cases_account_number_idx ON cases (account_id, number);
CREATE INDEX cases_account_subject_idx ON cases (account_id, search_subject, id);
CREATE INDEX cases_account_status_idx ON cases (account_id, status, opened_at, id);
CREATE INDEX cases_contact_number_idx ON cases (contact_id, number);
CREATE INDEX cases_contact_status_idx ON cases (contact_id, status, account_id, opened_at, id);
CREATE INDEX cases_contact_account_idx ON cases (contact_id, account_id, opened_at, id);
CREATE INDEX cases_opened_idx ON cases (opened_at, id);

CREATE TABLE case_views (
    user_id   BIGINT      NOT NULL REFERENCES users (id),
    case_id   BIGINT      NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    viewed_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (user_id, case_id)
);
CREATE INDEX case_views_recent_idx ON case_views (user_id, viewed_at);

CREATE TABLE case_followers (
    case_id    BIGINT      NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    user_id    BIGINT      NOT NULL REFERENCES users (id),
    created_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (case_id, user_id)
);
