-- The knowledge search (SQLite; twin in ../postgres/): PostgreSQL's GIN index became an
-- expression index; SQLite's FTS5 table already holds the stems, so nothing changes here.
SELECT 1;
