//! A case's history: every change with who made it and when, written in the transaction of the
//! change itself, so the history never tells of a change that did not happen (or misses one).

use super::*;
use crate::domain::case_page::EventKind;

/// One entry to record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewEvent {
    /// What.
    pub kind: EventKind,
    /// The value before.
    pub old_value: String,
    /// The value after.
    pub new_value: String,
    /// Whether customers may read it (the status, the resolution and public comments); internal
    /// comments, assignment and priority are support's business.
    pub public: bool,
}

/// An entry as stored, with its author's name.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct EventRow {
    /// What.
    pub kind: EventKind,
    /// Who (`None`: Portico itself).
    pub actor_name: Option<String>,
    /// The value before.
    pub old_value: String,
    /// The value after.
    pub new_value: String,
    /// Readable by customers.
    pub public: bool,
    /// When.
    pub created_at: DateTime<Utc>,
}

mod sql {
    pub const INSERT_EVENT: &str = "INSERT INTO case_events \
         (case_id, actor_id, kind, old_value, new_value, public, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7)";
    macro_rules! events_of_case {
        ($filter:literal) => {
            concat!(
                "SELECT e.kind, u.name AS actor_name, e.old_value, e.new_value, e.public, \
                 e.created_at FROM case_events e LEFT JOIN users u ON u.id = e.actor_id \
                 WHERE e.case_id = $1 ",
                $filter,
                " ORDER BY e.created_at, e.id"
            )
        };
    }
    // As with comments, internal entries are left out in SQL unless the caller asks for them.
    pub const PUBLIC_EVENTS: &str = events_of_case!("AND e.public = TRUE");
    pub const ALL_EVENTS: &str = events_of_case!("");
}

impl Tx {
    /// Records `events` of `case` by `actor` (`None`: Portico itself) at `at`, in this
    /// transaction.
    pub async fn record(
        &mut self,
        case: CaseId,
        actor: Option<UserId>,
        events: &[NewEvent],
        at: DateTime<Utc>,
    ) -> StoreResult<()> {
        self.hook_events(case, actor, events);
        for e in events {
            self.announce(
                case,
                crate::domain::live::ChangeKind::of(e.kind),
                e.kind.is_internal(),
            );
            tx!(self, |conn, DB| sqlx::query::<DB>(sql::INSERT_EVENT)
                .bind(case)
                .bind(actor)
                .bind(e.kind)
                .bind(&e.old_value)
                .bind(&e.new_value)
                .bind(e.public)
                .bind(at)
                .execute(conn)
                .await
                .map(|_| ()))?;
        }
        Ok(())
    }
}

impl Store {
    /// A case's history, oldest first: public entries, and internal ones only with `internal`.
    pub async fn case_events(&self, case: CaseId, internal: bool) -> StoreResult<Vec<EventRow>> {
        let text = if internal {
            sql::ALL_EVENTS
        } else {
            sql::PUBLIC_EVENTS
        };
        db!(self, |pool, DB| {
            sqlx::query_as::<DB, EventRow>(text)
                .bind(case)
                .fetch_all(pool)
                .await
                .map_err(StoreError::from_sqlx)
        })
    }
}
