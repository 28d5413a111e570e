-- Case creation (PostgreSQL; twin in ../sqlite/): a random thread reference per case, carried in the
-- subject of every email about it (a later issue threads email replies by it), and a folded product
-- name for autocomplete, computed by the app (Rust's Unicode lower-casing, the same on both
-- databases: SQLite's lower() folds ASCII only).
ALTER TABLE cases ADD COLUMN thread_token TEXT;
CREATE UNIQUE INDEX cases_thread_token_key ON cases (thread_token);

ALTER TABLE products ADD COLUMN search_name TEXT NOT NULL DEFAULT '';
UPDATE products SET search_name = lower(name);
CREATE INDEX products_search_idx ON products (search_name);
