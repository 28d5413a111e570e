-- Twin of ../postgres/20261210000018_knowledge_search_steady.sql, which turns off the pending list
-- of PostgreSQL's GIN index; SQLite's FTS5 index has nothing of the kind.
SELECT 1;
