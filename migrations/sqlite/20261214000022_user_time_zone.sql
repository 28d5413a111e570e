-- Each person's time zone (an IANA name such as Europe/Amsterdam), in which pages and emails write
-- their dates. Empty until set: the browser's zone is saved on the first signed-in page, and until
-- then the person's language suggests one. Same text on SQLite and PostgreSQL.
ALTER TABLE users ADD COLUMN time_zone TEXT NOT NULL DEFAULT '';
