-- The support desk (SQLite; twin in ../postgres/): who works a case and how urgent it is, what
-- happened to it (history), and which emails each staff member asks for.
--
-- Priority is stored as its rank (1 Low .. 4 Urgent), so that "most urgent first" walks an index.
ALTER TABLE cases ADD COLUMN assignee_id INTEGER REFERENCES users (id);
ALTER TABLE cases ADD COLUMN priority INTEGER NOT NULL DEFAULT 2 CHECK (priority BETWEEN 1 AND 4);

-- The queue: open cases (new, in progress, awaiting the customer) of every company, by last update,
-- age or priority; each status on its own; one person's cases. SQLite uses a partial index only
-- when the query repeats its `WHERE` term exactly (`store::case_list` writes the same text).
CREATE INDEX cases_open_updated_idx ON cases (updated_at, id)
    WHERE status IN ('new', 'in_progress', 'awaiting_customer');
CREATE INDEX cases_open_opened_idx ON cases (opened_at, id)
    WHERE status IN ('new', 'in_progress', 'awaiting_customer');
CREATE INDEX cases_open_priority_idx ON cases (priority, id)
    WHERE status IN ('new', 'in_progress', 'awaiting_customer');
CREATE INDEX cases_status_updated_idx ON cases (status, updated_at, id);
CREATE INDEX cases_open_assignee_idx ON cases (assignee_id, updated_at, id)
    WHERE status IN ('new', 'in_progress', 'awaiting_customer');

-- Every change of a case, with who made it (NULL: Portico itself, as the auto-close) and when.
-- `public = 0` entries (internal notes, assignment, priority) reach staff only.
CREATE TABLE case_events (
    id         INTEGER PRIMARY KEY,
    case_id    INTEGER NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    actor_id   INTEGER REFERENCES users (id),
    kind       TEXT    NOT NULL,
    old_value  TEXT    NOT NULL DEFAULT '',
    new_value  TEXT    NOT NULL DEFAULT '',
    public     INTEGER NOT NULL DEFAULT 0 CHECK (public IN (0, 1)),
    created_at TEXT    NOT NULL
);
CREATE INDEX case_events_case_idx ON case_events (case_id, created_at, id);

-- Staff's email choices: every new case, and customer replies on cases they are assigned to.
ALTER TABLE users ADD COLUMN notify_new_cases INTEGER NOT NULL DEFAULT 0 CHECK (notify_new_cases IN (0, 1));
ALTER TABLE users ADD COLUMN notify_replies INTEGER NOT NULL DEFAULT 1 CHECK (notify_replies IN (0, 1));
