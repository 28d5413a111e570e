-- The audit log (SQLite; twin in ../postgres/): who did what to whom, when and from where, for
-- admins to read. People are kept by id and named when the log is read, so a person whose data is
-- erased shows as erased here too. `action` is a code (`domain::audit::AuditAction`); `detail` a
-- short text of that action's own (a role, a setting and its new value).
CREATE TABLE audit_log (
    id         INTEGER PRIMARY KEY,
    at         TEXT    NOT NULL,
    actor_id   INTEGER REFERENCES users (id) ON DELETE SET NULL,
    action     TEXT    NOT NULL,
    subject_id INTEGER REFERENCES users (id) ON DELETE SET NULL,
    detail     TEXT    NOT NULL DEFAULT '',
    client     TEXT    NOT NULL DEFAULT ''
);
CREATE INDEX audit_log_subject_idx ON audit_log (subject_id, id);
CREATE INDEX audit_log_actor_idx ON audit_log (actor_id, id);
