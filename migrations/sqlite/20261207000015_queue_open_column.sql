-- The queue's indexes, again (SQLite; twin in ../postgres/). Its open cases were found by
-- `status IN ('new', 'in_progress', 'awaiting_customer')`, and SQLite (3.46, with or without
-- ANALYZE) then looked the three statuses up in `cases_status_updated_idx` and sorted every open
-- case: 75 ms at 1,000,000 cases, for 50 rows. A column that says whether a case is open leaves it
-- no such index to take: the partial indexes below, on `is_open = TRUE`, are read in order and
-- stop after the page. `store::case_list` writes the same term.
ALTER TABLE cases ADD COLUMN is_open INTEGER
    GENERATED ALWAYS AS (status IN ('new', 'in_progress', 'awaiting_customer')) VIRTUAL;
DROP INDEX cases_open_updated_idx;
DROP INDEX cases_open_opened_idx;
DROP INDEX cases_open_priority_idx;
DROP INDEX cases_open_assignee_idx;
CREATE INDEX cases_open_updated_idx ON cases (updated_at, id) WHERE is_open = TRUE;
CREATE INDEX cases_open_opened_idx ON cases (opened_at, id) WHERE is_open = TRUE;
CREATE INDEX cases_open_priority_idx ON cases (priority, id) WHERE is_open = TRUE;
CREATE INDEX cases_open_assignee_idx ON cases (assignee_id, updated_at, id) WHERE is_open = TRUE;
-- One status for one person (or nobody): the tab's count reads the index alone, and its page
-- walks it in order.
CREATE INDEX cases_status_assignee_idx ON cases (status, assignee_id, updated_at, id);
-- One status at one priority, likewise (priority is a filter of its own in the queue).
CREATE INDEX cases_status_priority_idx ON cases (status, priority, updated_at, id);
