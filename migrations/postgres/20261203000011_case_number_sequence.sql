-- Case numbers come from a sequence on PostgreSQL: the `counters` row was a lock that every new
-- case held until its commit (and its WAL flush), so creations ran one at a time however many
-- processes and connections there were. A sequence hands out unique, increasing numbers without
-- a lock; a creation that rolls back leaves a gap, as Salesforce's auto-numbers do. The counter
-- row stays (SQLite's single writer uses its counter, and old binaries read it).
CREATE SEQUENCE case_numbers AS BIGINT MINVALUE 1 MAXVALUE 99999999 NO CYCLE;
SELECT setval('case_numbers', value, true) FROM counters WHERE name = 'case_number' AND value > 0;
