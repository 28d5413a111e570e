-- Files of knowledge articles (SQLite; twin in ../postgres/): images shown in the text, downloads
-- and training videos. They are attachment rows like a case's, served by the same download route
-- with the same safety headers; a row belongs to a case, to an article, or (for a day at most) to
-- nobody while its uploader is still writing.
ALTER TABLE attachments ADD COLUMN article_id INTEGER REFERENCES kb_articles (id) ON DELETE CASCADE;
CREATE INDEX attachments_article_idx ON attachments (article_id) WHERE article_id IS NOT NULL;
