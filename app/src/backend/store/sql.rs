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
/// The columns of a `UserRow`, of `users` aliased `u` (one list for every query that reads one).
macro_rules! user_columns {
    () => {
        "u.id, u.email, u.name, u.phone, u.role, u.language, u.account_id, u.active, \
         u.password_hash, u.created_at, u.notify_new_cases, u.notify_replies"
    };
}

pub const FIND_USER_BY_EMAIL: &str = concat!(
    "SELECT ",
    user_columns!(),
    " FROM users u WHERE u.email = $1"
);

// Both dialects accept ON CONFLICT DO NOTHING against the expression index on lower(name).
pub const INSERT_PRODUCT_IF_NEW: &str =
    "INSERT INTO products (name, active, search_name) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING";
pub const FIND_PRODUCT_ID_BY_NAME: &str = "SELECT id FROM products WHERE lower(name) = lower($1)";
pub const COUNT_PRODUCTS: &str = "SELECT COUNT(*) FROM products";
pub const INSERT_PRODUCT: &str =
    "INSERT INTO products (name, active, search_name) VALUES ($1, TRUE, $2) RETURNING id";
pub const GET_PRODUCT: &str = "SELECT id, name, active FROM products WHERE id = $1";
pub const RENAME_PRODUCT: &str = "UPDATE products SET name = $2, search_name = $3 WHERE id = $1";
pub const SET_PRODUCT_ACTIVE: &str = "UPDATE products SET active = $2 WHERE id = $1";
pub const ALL_PRODUCTS: &str = "SELECT id, name, active FROM products ORDER BY search_name, id";
pub const FIND_PRODUCTS: &str = "SELECT id, name, active FROM products \
     WHERE search_name LIKE $1 ESCAPE '\\' ORDER BY search_name, id LIMIT $2";
pub const COUNT_FOUND_PRODUCTS: &str =
    "SELECT COUNT(*) FROM products WHERE search_name LIKE $1 ESCAPE '\\'";

// DIALECT: SQLite writes one transaction at a time, so the counter row is free whenever a creation
// asks; PostgreSQL's sequence hands out numbers without the row lock that made every creation
// wait for the one before it to commit (see migration 11).
pub const NEXT_CASE_NUMBER_POSTGRES: &str = "SELECT nextval('case_numbers')";

macro_rules! case_columns {
    () => {
        "id, number, subject, description, product_id, country, status, origin, account_id, \
         contact_id, resolution, opened_at, updated_at, closed_at, thread_token"
    };
}

/// A new case; `$number` is where its number comes from.
macro_rules! insert_case {
    ($number:literal) => {
        concat!(
            "INSERT INTO cases (number, subject, description, product_id, country, status, origin, \
             account_id, contact_id, opened_at, updated_at, thread_token, search_subject) VALUES (",
            $number,
            ", $2, $3, $4, $5, $6, $7, $8, $9, $10, $10, $11, $12) RETURNING ",
            case_columns!()
        )
    };
}
pub const INSERT_CASE: &str = insert_case!("$1");
// DIALECT: on SQLite a new case draws its number, queues its emails (appended between the two,
// from `$13` on: `OUTBOX_VALUES`) and is written by one script, one request to SQLite's worker
// thread instead of three: each round trip there is taken while holding the one write lock, and
// this is the busiest write (`$1` is unused; `$N` binds by number in every statement).
pub const DRAW_CASE_NUMBER_SQLITE: &str =
    "UPDATE counters SET value = value + 1 WHERE name = 'case_number';";
pub const INSERT_CASE_DRAWN_SQLITE: &str =
    insert_case!("(SELECT value FROM counters WHERE name = 'case_number')");
/// The rows of a multi-row outbox insert, after `VALUES`: kind and payload bound from `$first`
/// on, two per job, queued at `$at`.
pub fn outbox_values(jobs: usize, first: usize, at: usize) -> String {
    (0..jobs)
        .map(|i| {
            let k = first + 2 * i;
            format!("(${k}, ${}, ${at}, 0, ${at})", k + 1)
        })
        .collect::<Vec<_>>()
        .join(", ")
}
pub const INSERT_OUTBOX_ROWS: &str =
    "INSERT INTO outbox (kind, payload, run_after, attempts, created_at) VALUES ";
pub const GET_CASE: &str = concat!("SELECT ", case_columns!(), " FROM cases WHERE id = $1");
pub const CASE_BY_THREAD: &str = concat!(
    "SELECT ",
    case_columns!(),
    " FROM cases WHERE thread_token = $1"
);

pub const FIND_USER_BY_ID: &str =
    concat!("SELECT ", user_columns!(), " FROM users u WHERE u.id = $1");

pub const INSERT_SESSION: &str = "INSERT INTO sessions \
     (token_hash, user_id, created_at, last_seen_at, expires_at, must_change_password) \
     VALUES ($1, $2, $3, $3, $4, $5)";
// `u.active` is a boolean on PostgreSQL and 0/1 on SQLite; both read it as a condition.
pub const FIND_SESSION: &str = "SELECT s.id AS session_id, s.last_seen_at, s.must_change_password, u.id AS user_id, u.email, u.name, \
     u.role, u.language, u.time_zone, u.account_id FROM sessions s JOIN users u ON u.id = s.user_id \
     WHERE s.token_hash = $1 AND s.expires_at > $2 AND s.last_seen_at > $3 AND u.active";
pub const TOUCH_SESSION: &str = "UPDATE sessions SET last_seen_at = $1 WHERE id = $2";
pub const DELETE_SESSION: &str = "DELETE FROM sessions WHERE token_hash = $1";
pub const DELETE_USER_SESSIONS: &str = "DELETE FROM sessions WHERE user_id = $1";
// A new password also ends any temporary one.
pub const UPDATE_PASSWORD: &str = "UPDATE users SET password_hash = $1, temp_password_hash = NULL, \
     temp_password_expires_at = NULL WHERE id = $2";
pub const DELETE_OTHER_SESSIONS: &str = "DELETE FROM sessions WHERE user_id = $1 AND id <> $2";

// ---- outbox and dev mailbox ----

pub const INSERT_OUTBOX: &str = "INSERT INTO outbox (kind, payload, run_after, attempts, created_at) \
     VALUES ($1, $2, $3, 0, $3) RETURNING id";
// DIALECT: PostgreSQL skips rows another worker has locked mid-claim (`FOR UPDATE SKIP LOCKED`), so
// several processes claim different rows without waiting. SQLite has one writer at a time, so the
// plain one-statement UPDATE .. RETURNING is already exclusive. Both set a lease (`locked_until`):
// a worker killed mid-job leaves rows that another claims once the lease has passed. Up to $3 rows
// at once: one write per batch instead of one per email.
macro_rules! claim_outbox {
    ($lock:literal) => {
        concat!(
            "UPDATE outbox SET locked_until = $2, attempts = attempts + 1 WHERE id IN (",
            "SELECT id FROM outbox WHERE dead_at IS NULL AND run_after <= $1 ",
            "AND (locked_until IS NULL OR locked_until <= $1) ORDER BY run_after, id LIMIT $3",
            $lock,
            ") RETURNING id, kind, payload, attempts, created_at"
        )
    };
}
pub const CLAIM_OUTBOX_POSTGRES: &str = claim_outbox!(" FOR UPDATE SKIP LOCKED");
pub const CLAIM_OUTBOX_SQLITE: &str = claim_outbox!("");
// A claimed row handed back untried: as it was before the claim.
pub const RELEASE_OUTBOX: &str =
    "UPDATE outbox SET locked_until = NULL, attempts = attempts - 1 WHERE id = $1";
pub const DELETE_OUTBOX: &str = "DELETE FROM outbox WHERE id = $1";
pub const FAIL_OUTBOX: &str = "UPDATE outbox SET locked_until = NULL, last_error = $2, run_after = $3, \
     dead_at = $4 WHERE id = $1";
pub const NEXT_OUTBOX_DUE: &str =
    "SELECT MIN(run_after) FROM outbox WHERE dead_at IS NULL AND locked_until IS NULL";
pub const LIST_OUTBOX: &str = "SELECT id, kind, attempts, last_error, run_after, dead_at, created_at \
     FROM outbox ORDER BY id DESC LIMIT $1";
macro_rules! insert_dev_mail {
    () => {
        "INSERT INTO dev_mailbox \
         (outbox_id, message_id, to_addr, subject, text_body, html_body, secrets, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT DO NOTHING"
    };
}
// DIALECT: an email delivered to the dev mailbox and its outbox job done, in one statement
// (PostgreSQL: a data-modifying `WITH`) or one script (SQLite: `$1` binds in both statements),
// one round trip inside the write transaction instead of two.
pub const DELIVER_DEV_MAIL_SQLITE: &str =
    concat!(insert_dev_mail!(), "; DELETE FROM outbox WHERE id = $1;");
pub const DELIVER_DEV_MAIL_POSTGRES: &str = concat!(
    "WITH done AS (DELETE FROM outbox WHERE id = $1) ",
    insert_dev_mail!()
);
pub const LIST_DEV_MAIL: &str = "SELECT id, message_id, to_addr, subject, text_body, html_body, \
     secrets, created_at FROM dev_mailbox ORDER BY id DESC LIMIT $1";
pub const GET_DEV_MAIL: &str = "SELECT id, message_id, to_addr, subject, text_body, html_body, \
     secrets, created_at FROM dev_mailbox WHERE id = $1";

// ---- access: tokens, temporary passwords, contacts ----

pub const DELETE_UNUSED_PASSWORD_TOKENS: &str =
    "DELETE FROM password_tokens WHERE user_id = $1 AND used_at IS NULL";
pub const INSERT_PASSWORD_TOKEN: &str = "INSERT INTO password_tokens (user_id, token_hash, expires_at, created_at) \
     VALUES ($1, $2, $3, $4)";
pub const FIND_PASSWORD_TOKEN_USER: &str = concat!(
    "SELECT ",
    user_columns!(),
    " FROM password_tokens t JOIN users u ON u.id = t.user_id \
     WHERE t.token_hash = $1 AND t.used_at IS NULL AND t.expires_at > $2 AND u.active"
);
// Marks the token used only if it still is usable: of two concurrent redemptions one wins.
pub const USE_PASSWORD_TOKEN: &str = "UPDATE password_tokens SET used_at = $2 \
     WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2 \
     AND user_id IN (SELECT id FROM users WHERE active) RETURNING user_id";
pub const SET_TEMP_PASSWORD: &str =
    "UPDATE users SET temp_password_hash = $2, temp_password_expires_at = $3 WHERE id = $1";
pub const CLEAR_TEMP_PASSWORD: &str = "UPDATE users SET temp_password_hash = NULL, \
     temp_password_expires_at = NULL WHERE id = $1";
pub const FIND_SIGN_IN_USER: &str = "SELECT id, email, name, role, language, account_id, active, password_hash, \
     temp_password_hash, temp_password_expires_at FROM users WHERE email = $1";
pub const CLEAR_MUST_CHANGE: &str =
    "UPDATE sessions SET must_change_password = FALSE WHERE id = $1";

pub const ACCOUNT_NAMES: &str = "SELECT id, name FROM accounts ORDER BY lower(name), id LIMIT $1";
pub const LIST_ACCOUNTS: &str = "SELECT a.id, a.name, a.phone, a.country, a.portal_contact_limit, \
     (SELECT COUNT(*) FROM users u WHERE u.account_id = a.id) AS contacts, \
     (SELECT COUNT(*) FROM users u WHERE u.account_id = a.id AND u.active) AS with_access \
     FROM accounts a ORDER BY lower(a.name)";
pub const UPDATE_ACCOUNT: &str =
    "UPDATE accounts SET name = $2, phone = $3, country = $4 WHERE id = $1";
pub const GET_ACCOUNT: &str = "SELECT id, name, phone, country, portal_contact_limit, created_at \
     FROM accounts WHERE id = $1";
// Taking the account row's write lock (a no-op UPDATE) orders concurrent contact changes of one
// company on both dialects, so two staff members cannot both add "the last" contact.
pub const LOCK_ACCOUNT: &str = "UPDATE accounts SET portal_contact_limit = portal_contact_limit \
     WHERE id = $1 RETURNING portal_contact_limit";
pub const COUNT_ACTIVE_CONTACTS: &str =
    "SELECT COUNT(*) FROM users WHERE account_id = $1 AND active AND id <> $2";
pub const UPDATE_ACCOUNT_LIMIT: &str =
    "UPDATE accounts SET portal_contact_limit = $2 WHERE id = $1";
pub const LIST_CONTACTS: &str = "SELECT u.id, u.email, u.name, u.phone, u.language, u.active, \
     (u.password_hash IS NOT NULL) AS has_password, u.created_at, \
     (SELECT MAX(t.created_at) FROM password_tokens t WHERE t.user_id = u.id) AS invited_at \
     FROM users u WHERE u.account_id = $1 ORDER BY lower(u.name), u.id";
pub const STAFF_TOLD_OF_NEW_CASES: &str = "SELECT id FROM users WHERE role IN ('agent', 'admin') \
     AND active AND notify_new_cases ORDER BY id";
pub const SET_DESK_EMAILS: &str = "UPDATE users SET notify_new_cases = $2, notify_replies = $3 \
     WHERE id = $1 AND role IN ('agent', 'admin')";
// A person's own language and time zone (anyone signed in, for themselves).
pub const SET_USER_SETTINGS: &str = "UPDATE users SET language = $2, time_zone = $3 WHERE id = $1";
pub const SET_USER_LANGUAGE: &str = "UPDATE users SET language = $2 WHERE id = $1";
// The browser's zone, saved only while the person has none (the first signed-in page).
pub const GUESS_USER_TIME_ZONE: &str =
    "UPDATE users SET time_zone = $2 WHERE id = $1 AND time_zone = ''";
pub const LIST_STAFF: &str = "SELECT u.id, u.email, u.name, u.role, u.language, u.active, \
     (u.password_hash IS NOT NULL) AS has_password, \
     (SELECT MAX(t.created_at) FROM password_tokens t WHERE t.user_id = u.id) AS invited_at \
     FROM users u WHERE u.role IN ('agent', 'admin') ORDER BY lower(u.name), u.id";
pub const UPDATE_STAFF: &str =
    "UPDATE users SET role = $2, active = $3 WHERE id = $1 AND role IN ('agent', 'admin')";
pub const UPDATE_CONTACT: &str = "UPDATE users SET email = $2, name = $3, phone = $4, language = $5, \
     active = $6 WHERE id = $1 AND role = 'customer' AND account_id = $7";

// ---- case creation: product autocomplete, the confirmation email's data ----

// `search_name` is the name lower-cased by the app; `$1`/`$2` are LIKE patterns with `\` escaping.
pub const SEARCH_PRODUCTS: &str = "SELECT id, name, active FROM products \
     WHERE active AND search_name LIKE $1 ESCAPE '\\' \
     ORDER BY CASE WHEN search_name LIKE $2 ESCAPE '\\' THEN 0 ELSE 1 END, search_name, id LIMIT $3";
pub const PRODUCTS_STARTING_WITH: &str = "SELECT id, name, active FROM products \
     WHERE active AND search_name LIKE $1 ESCAPE '\\' ORDER BY search_name, id LIMIT $2";
pub const FIND_PRODUCT_BY_SEARCH_NAME: &str =
    "SELECT id, name, active FROM products WHERE search_name = $1";
pub const CASE_MAIL: &str = "SELECT c.number, c.subject, c.description, c.country, c.thread_token, \
     c.opened_at, u.email, u.name AS contact_name, u.language, u.time_zone, \
     p.name AS product_name, a.name AS account_name FROM cases c JOIN users u ON u.id = c.contact_id \
     JOIN accounts a ON a.id = c.account_id LEFT JOIN products p ON p.id = c.product_id \
     WHERE c.thread_token = $1";
pub const CASE_SUMMARY: &str = "SELECT c.id, c.account_id, c.subject, c.description, c.country, \
     p.name AS product_name FROM cases c LEFT JOIN products p ON p.id = c.product_id \
     WHERE c.number = $1";

// ---- attachments ----

macro_rules! attachment_select {
    () => {
        "SELECT a.id, a.case_id, a.uploaded_by, a.file_name, a.content_type, a.size_bytes, \
         a.sha256, a.storage_key, a.created_at, c.number AS case_number, \
         c.account_id AS case_account_id, a.article_id, k.published AS article_published, \
         COALESCE(a.document_id, a.id) AS document, a.version, \
         (a.superseded_at IS NOT NULL) AS superseded, (a.removed_at IS NOT NULL) AS removed, a.removed_by, k.number AS article_number \
         FROM attachments a LEFT JOIN cases c ON c.id = a.case_id \
         LEFT JOIN kb_articles k ON k.id = a.article_id "
    };
}

pub const INSERT_ATTACHMENT: &str = "INSERT INTO attachments \
     (case_id, uploaded_by, file_name, content_type, size_bytes, sha256, storage_key, created_at) \
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id";
// The hash recorded at upload for the bytes under a storage key (`portico storage migrate`).
pub const ATTACHMENT_HASH_BY_KEY: &str =
    "SELECT sha256 FROM attachments WHERE storage_key = $1 LIMIT 1";
pub const GET_ATTACHMENT: &str = concat!(attachment_select!(), "WHERE a.id = $1");
pub const CASE_ATTACHMENTS: &str = concat!(
    attachment_select!(),
    "WHERE a.case_id = $1 AND a.superseded_at IS NULL AND a.removed_at IS NULL \
     ORDER BY COALESCE(a.document_id, a.id)"
);
// Earlier versions of a case's files that are still there, newest first.
pub const CASE_EARLIER_VERSIONS: &str = concat!(
    attachment_select!(),
    "WHERE a.case_id = $1 AND a.superseded_at IS NOT NULL AND a.removed_at IS NULL \
     ORDER BY a.version DESC"
);
// A new version: first the newest so far ($1) is superseded at $2 (no row when another version
// or a removal came first); then the link puts upload $2 (a pending upload of $4) on case $1 as
// version $5 of file $3.
pub const SUPERSEDE_FILE_VERSION: &str = "UPDATE attachments SET superseded_at = $2 \
     WHERE id = $1 AND superseded_at IS NULL AND removed_at IS NULL RETURNING version";
pub const LINK_FILE_VERSION: &str = "UPDATE attachments SET case_id = $1, document_id = $3, \
     version = $5 WHERE id = $2 AND uploaded_by = $4 AND case_id IS NULL AND article_id IS NULL \
     RETURNING file_name";
// Every version of file $1 is removed (by $3 at $2); their blob keys.
pub const REMOVE_FILE: &str = "UPDATE attachments SET removed_at = $2, removed_by = $3 \
     WHERE (id = $1 OR document_id = $1) AND removed_at IS NULL RETURNING storage_key";
pub const FOLLOW_FILE: &str = "INSERT INTO file_follows (user_id, document_id, created_at) \
     VALUES ($1, $2, $3) ON CONFLICT DO NOTHING";
pub const UNFOLLOW_FILE: &str = "DELETE FROM file_follows WHERE user_id = $1 AND document_id = $2";
// The files $1 follows.
pub const FOLLOWED_FILES_OF: &str = "SELECT document_id FROM file_follows WHERE user_id = $1";
pub const FILE_FOLLOWERS: &str =
    "SELECT user_id FROM file_follows WHERE document_id = $1 ORDER BY user_id";
pub const ARTICLE_ATTACHMENTS: &str = concat!(
    attachment_select!(),
    "WHERE a.article_id = $1 AND a.removed_at IS NULL ORDER BY a.created_at, a.id"
);
// A pending upload of the writer ($3) joins article $1.
pub const LINK_ARTICLE_ATTACHMENT: &str = "UPDATE attachments SET article_id = $1 \
     WHERE id = $2 AND uploaded_by = $3 AND case_id IS NULL AND article_id IS NULL \
     RETURNING file_name";
// Removed like a case's file (by $4 at $3): the row stays for its followers' email.
pub const REMOVE_ARTICLE_ATTACHMENT: &str = "UPDATE attachments SET removed_at = $3, removed_by = $4 \
     WHERE id = $1 AND article_id = $2 AND removed_at IS NULL RETURNING storage_key";
// Pending uploads, below: rows that no case and no article holds yet. Only the uploader's own.
pub const DELETE_PENDING_ATTACHMENT: &str = "DELETE FROM attachments \
     WHERE id = $1 AND uploaded_by = $2 AND case_id IS NULL AND article_id IS NULL \
     RETURNING storage_key";
// DIALECT: PostgreSQL sums a BIGINT into NUMERIC; the cast gives both an integer.
pub const PENDING_USAGE: &str = "SELECT COUNT(*), CAST(COALESCE(SUM(size_bytes), 0) AS BIGINT) \
     FROM attachments WHERE uploaded_by = $1 AND case_id IS NULL AND article_id IS NULL";
// DIALECT: SQLite's `BEGIN IMMEDIATE` already keeps every other writer out; PostgreSQL locks the
// row until the case that takes it commits.
pub const PENDING_ATTACHMENT_SQLITE: &str = "SELECT id FROM attachments \
     WHERE id = $1 AND uploaded_by = $2 AND case_id IS NULL AND article_id IS NULL";
pub const PENDING_ATTACHMENT_POSTGRES: &str = "SELECT id FROM attachments \
     WHERE id = $1 AND uploaded_by = $2 AND case_id IS NULL AND article_id IS NULL FOR UPDATE";
pub const LINK_ATTACHMENT: &str = "UPDATE attachments SET case_id = $1 \
     WHERE id = $2 AND uploaded_by = $3 AND case_id IS NULL AND article_id IS NULL \
     RETURNING file_name";
pub const STALE_PENDING_ATTACHMENTS: &str = "DELETE FROM attachments WHERE id IN \
     (SELECT id FROM attachments WHERE case_id IS NULL AND article_id IS NULL AND created_at < $1 \
     ORDER BY id LIMIT $2) RETURNING storage_key";
// The picker's lists: files of the company's cases, one row per (name, content) pair, newest first.
// $1 company, $2 me, $3 uploaded since, $4 limit. Owned: mine; shared: support's; recent: both, since.
macro_rules! picker_list {
    ($who:literal) => {
        concat!(
            attachment_select!(),
            "WHERE a.id IN (SELECT MAX(a2.id) FROM attachments a2 \
             JOIN cases c2 ON c2.id = a2.case_id JOIN users u2 ON u2.id = a2.uploaded_by \
             WHERE c2.account_id = $1 AND a2.created_at > $3 \
             AND a2.superseded_at IS NULL AND a2.removed_at IS NULL AND ",
            $who,
            " GROUP BY a2.file_name, a2.sha256) ORDER BY a.created_at DESC, a.id DESC LIMIT $4"
        )
    };
}
pub const OWNED_FILES: &str = picker_list!("a2.uploaded_by = $2");
pub const SHARED_FILES: &str = picker_list!("a2.uploaded_by <> $2 AND u2.role <> 'customer'");
pub const RECENT_FILES: &str = picker_list!("(a2.uploaded_by = $2 OR u2.role <> 'customer')");
pub const FOLLOWED_FILES: &str = picker_list!(
    "EXISTS (SELECT 1 FROM file_follows f \
     WHERE f.user_id = $2 AND f.document_id = COALESCE(a2.document_id, a2.id))"
);

// ---- case lists ----

// One row per (person, case); a later view moves it to the front.
pub const RECORD_CASE_VIEW: &str = "INSERT INTO case_views (user_id, case_id, viewed_at) VALUES ($1, $2, $3) \
     ON CONFLICT (user_id, case_id) DO UPDATE SET viewed_at = excluded.viewed_at";

// ---- the case page ----

pub const CASE_DETAIL: &str = "SELECT c.id, c.number, c.subject, c.description, c.status, c.origin, \
     c.country, c.resolution, c.opened_at, c.account_id, a.name AS account_name, \
     a.phone AS company_phone, c.contact_id, u.name AS contact_name, u.phone AS contact_phone, \
     p.name AS product_name, c.thread_token, c.priority, c.assignee_id, s.name AS assignee_name, \
     c.product_id \
     FROM cases c JOIN accounts a ON a.id = c.account_id \
     JOIN users u ON u.id = c.contact_id LEFT JOIN products p ON p.id = c.product_id \
     LEFT JOIN users s ON s.id = c.assignee_id WHERE c.number = $1";
pub const EDIT_CASE: &str = "UPDATE cases SET subject = $2, search_subject = $3, description = $4, \
     product_id = $5, country = $6, contact_id = $7, updated_at = $8 WHERE id = $1";
pub const SOLVED_BEFORE: &str = "SELECT number FROM cases WHERE status = 'solved' AND updated_at < $1 \
     ORDER BY updated_at, id LIMIT $2";
macro_rules! comments_of_case {
    ($filter:literal) => {
        concat!(
            "SELECT cc.id, u.name AS author_name, u.role AS author_role, cc.public, cc.created_at, \
             cc.body FROM case_comments cc JOIN users u ON u.id = cc.author_id \
             WHERE cc.case_id = $1 ",
            $filter,
            " ORDER BY cc.created_at, cc.id"
        )
    };
}
// Internal comments are left out in SQL unless the caller (staff, by policy) asks for them.
pub const PUBLIC_COMMENTS: &str = comments_of_case!("AND cc.public = TRUE");
pub const ALL_COMMENTS: &str = comments_of_case!("");
pub const INSERT_COMMENT: &str = "INSERT INTO case_comments (case_id, author_id, body, public, created_at) \
     VALUES ($1, $2, $3, $4, $5) RETURNING id";
pub const TOUCH_CASE: &str = "UPDATE cases SET updated_at = $1 WHERE id = $2";
pub const REOPEN_CASE: &str =
    "UPDATE cases SET status = 'in_progress', updated_at = $1 WHERE id = $2";
pub const CASE_FOLLOWERS: &str =
    "SELECT user_id FROM case_followers WHERE case_id = $1 ORDER BY user_id";
pub const FOLLOW_CASE: &str = "INSERT INTO case_followers (case_id, user_id, created_at) \
     VALUES ($1, $2, $3) ON CONFLICT (case_id, user_id) DO NOTHING";
pub const UNFOLLOW_CASE: &str = "DELETE FROM case_followers WHERE case_id = $1 AND user_id = $2";
pub const COMMENT_MAIL: &str = "SELECT c.number, c.subject, c.thread_token, a.name AS author_name, \
     cc.body, cc.public, r.email, r.name, r.language, r.role, r.active FROM case_comments cc \
     JOIN cases c ON c.id = cc.case_id JOIN users a ON a.id = cc.author_id \
     JOIN users r ON r.id = $2 WHERE cc.id = $1";

// ---- throttles, known devices, form drafts, purging (issue #11) ----

pub const INSERT_ATTEMPT: &str =
    "INSERT INTO attempts (kind, subject, client, at) VALUES ($1, $2, $3, $4) RETURNING id";
// PostgreSQL only (see `Tx::lock_throttle`).
pub const LOCK_THROTTLE_POSTGRES: &str = "SELECT pg_advisory_xact_lock(hashtextextended($1, 0))";
pub const DELETE_ATTEMPT: &str = "DELETE FROM attempts WHERE id = $1";
pub const ATTEMPTS_BY_PAIR: &str = "SELECT COUNT(*) AS count, MIN(at) AS oldest FROM attempts \
     WHERE kind = $1 AND subject = $2 AND client = $3 AND at > $4";
pub const ATTEMPTS_BY_SUBJECT: &str = "SELECT COUNT(*) AS count, MIN(at) AS oldest FROM attempts \
     WHERE kind = $1 AND subject = $2 AND at > $3";
pub const ATTEMPTS_BY_CLIENT: &str = "SELECT COUNT(*) AS count, MIN(at) AS oldest FROM attempts \
     WHERE kind = $1 AND client = $2 AND at > $3";
pub const CLEAR_ATTEMPTS: &str =
    "DELETE FROM attempts WHERE kind = $1 AND subject = $2 AND client = $3";

pub const INSERT_DEVICE: &str = "INSERT INTO known_devices (token_hash, user_id, created_at, last_used_at) \
     VALUES ($1, $2, $3, $3)";
pub const DEVICE_USER: &str = "UPDATE known_devices SET last_used_at = $2 WHERE token_hash = $1 \
     RETURNING user_id";

pub const INSERT_DRAFT: &str =
    "INSERT INTO form_drafts (token_hash, user_id, fields, created_at) VALUES ($1, $2, $3, $4)";
pub const GET_DRAFT: &str =
    "SELECT user_id, fields FROM form_drafts WHERE token_hash = $1 AND created_at > $2";

// Purging what can no longer be used.
pub const PURGE_SESSIONS: &str =
    "DELETE FROM sessions WHERE expires_at <= $1 OR last_seen_at <= $2";
pub const PURGE_PASSWORD_TOKENS: &str = "DELETE FROM password_tokens \
     WHERE (used_at IS NOT NULL AND used_at <= $1) OR expires_at <= $2";
pub const PURGE_TEMP_PASSWORDS: &str = "UPDATE users SET temp_password_hash = NULL, \
     temp_password_expires_at = NULL WHERE temp_password_expires_at <= $1";
pub const PURGE_ATTEMPTS: &str = "DELETE FROM attempts WHERE at <= $1";
pub const PURGE_DRAFTS: &str = "DELETE FROM form_drafts WHERE created_at <= $1";
pub const PURGE_DEVICES: &str = "DELETE FROM known_devices WHERE last_used_at <= $1";
pub const PURGE_DELIVERIES: &str = "DELETE FROM webhook_deliveries WHERE created_at <= $1";
