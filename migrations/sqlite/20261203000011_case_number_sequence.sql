-- PostgreSQL moves case numbers to a sequence in this migration. SQLite has one writer at a time,
-- so its `counters` row hands them out as before: nothing changes here.
SELECT 1;
