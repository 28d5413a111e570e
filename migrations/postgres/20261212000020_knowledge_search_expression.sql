-- The knowledge search on PostgreSQL (twin in ../sqlite/): the stems' tsvector is the GIN index's
-- expression instead of a stored column. With the stored vector (large, so TOASTed) the planner
-- priced a search for a common word as cheapest by a sequential scan, which detoasted every
-- article's vector: 45 ms at 10,000 articles against 5 to 6 ms through the index. It did so for
-- the first executions of each prepared search (custom plans), which made the 99th percentile
-- 30 to 40 ms while the median was 4 to 6. A scan now has to compute `to_tsvector` for every row,
-- which the planner prices at what it costs, so it takes the index; the matches the index gives
-- are exact, so no row's vector is computed at search time.
DROP INDEX kb_articles_search;
ALTER TABLE kb_articles DROP COLUMN search_vector;
CREATE INDEX kb_articles_search ON kb_articles
    USING GIN (to_tsvector('simple', search_text)) WITH (fastupdate = off);
