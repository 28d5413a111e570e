//! SQL text shared by both backends. `$N` placeholders bind by number on SQLite too.

pub const PING: &str = "SELECT 1";

pub const INSERT_ACCOUNT: &str = "INSERT INTO accounts (name, phone, country, portal_contact_limit, created_at) \
     VALUES ($1, $2, $3, $4, $5) RETURNING id";
pub const FIND_ACCOUNT_BY_NAME: &str = "SELECT id, name, phone, country, portal_contact_limit, created_at \
     FROM accounts WHERE lower(name) = lower($1)";
pub const COUNT_ACCOUNTS: &str = "SELECT COUNT(*) FROM accounts";

pub const INSERT_USER: &str = "INSERT INTO users \
     (email, name, phone, role, language, account_id, active, password_hash, created_at) \
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id";
pub const FIND_USER_BY_EMAIL: &str = "SELECT id, email, name, phone, role, language, account_id, active, \
     password_hash, created_at FROM users WHERE email = $1";

// Both dialects accept ON CONFLICT DO NOTHING against the expression index on lower(name).
pub const INSERT_PRODUCT_IF_NEW: &str =
    "INSERT INTO products (name, active) VALUES ($1, $2) ON CONFLICT DO NOTHING";
pub const FIND_PRODUCT_ID_BY_NAME: &str = "SELECT id FROM products WHERE lower(name) = lower($1)";
pub const COUNT_PRODUCTS: &str = "SELECT COUNT(*) FROM products";

pub const NEXT_COUNTER: &str =
    "UPDATE counters SET value = value + 1 WHERE name = $1 RETURNING value";

macro_rules! case_columns {
    () => {
        "id, number, subject, description, product_id, country, status, origin, account_id, \
         contact_id, resolution, opened_at, updated_at, closed_at"
    };
}

pub const INSERT_CASE: &str = concat!(
    "INSERT INTO cases (number, subject, description, product_id, country, status, origin, \
     account_id, contact_id, opened_at, updated_at) \
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10) RETURNING ",
    case_columns!()
);
pub const GET_CASE: &str = concat!("SELECT ", case_columns!(), " FROM cases WHERE id = $1");

pub const FIND_USER_BY_ID: &str = "SELECT id, email, name, phone, role, language, account_id, active, \
     password_hash, created_at FROM users WHERE id = $1";

pub const INSERT_SESSION: &str = "INSERT INTO sessions (token_hash, user_id, created_at, last_seen_at, expires_at) \
     VALUES ($1, $2, $3, $3, $4)";
// `u.active` is a boolean on PostgreSQL and 0/1 on SQLite; both read it as a condition.
pub const FIND_SESSION: &str = "SELECT s.id AS session_id, s.last_seen_at, u.id AS user_id, u.email, u.name, \
     u.role, u.language, u.account_id FROM sessions s JOIN users u ON u.id = s.user_id \
     WHERE s.token_hash = $1 AND s.expires_at > $2 AND s.last_seen_at > $3 AND u.active";
pub const TOUCH_SESSION: &str = "UPDATE sessions SET last_seen_at = $1 WHERE id = $2";
pub const DELETE_SESSION: &str = "DELETE FROM sessions WHERE token_hash = $1";
pub const DELETE_USER_SESSIONS: &str = "DELETE FROM sessions WHERE user_id = $1";
pub const UPDATE_PASSWORD: &str = "UPDATE users SET password_hash = $1 WHERE id = $2";
pub const DELETE_OTHER_SESSIONS: &str = "DELETE FROM sessions WHERE user_id = $1 AND id <> $2";

pub const INSERT_SIGN_IN_FAILURE: &str =
    "INSERT INTO sign_in_failures (email, client, at) VALUES ($1, $2, $3)";
pub const PRUNE_SIGN_IN_FAILURES: &str = "DELETE FROM sign_in_failures WHERE at < $1";
pub const FAILURES_BY_PAIR: &str = "SELECT COUNT(*) AS count, MIN(at) AS oldest FROM sign_in_failures WHERE email = $1 AND client = $2 AND at > $3";
pub const FAILURES_BY_EMAIL: &str = "SELECT COUNT(*) AS count, MIN(at) AS oldest FROM sign_in_failures WHERE email = $1 AND at > $2";
pub const FAILURES_BY_CLIENT: &str = "SELECT COUNT(*) AS count, MIN(at) AS oldest FROM sign_in_failures WHERE client = $1 AND at > $2";
pub const CLEAR_PAIR_FAILURES: &str =
    "DELETE FROM sign_in_failures WHERE email = $1 AND client = $2";
