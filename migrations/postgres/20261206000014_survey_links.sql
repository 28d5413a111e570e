-- Survey links (PostgreSQL; twin in ../sqlite/): the invitation email carries a link that answers
-- the survey without signing in, so contacts without portal access can answer too. Only the
-- link's SHA-256 is kept; it is made when the email is sent and is valid until it expires.
ALTER TABLE case_surveys ADD COLUMN token_hash TEXT;
ALTER TABLE case_surveys ADD COLUMN token_expires_at TIMESTAMPTZ;
CREATE UNIQUE INDEX case_surveys_token_idx ON case_surveys (token_hash);
-- The satisfaction report reads answers by when they came.
CREATE INDEX case_surveys_answered_idx ON case_surveys (answered_at) WHERE answered_at IS NOT NULL;
