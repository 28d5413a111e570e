//! "Recently viewed", kept off the page's request path. Opening a case page only notes the view in
//! this process (a map, so opening one case fifty times is one row to write); a background task
//! writes what was noted in one transaction a moment later, so a page GET never waits for a
//! database write (under SQLite's single writer such a wait took a case page's p99 to 740 ms).
//! Reading "Recently viewed" writes what is still noted first, so a person always finds the case
//! they just opened there. A process that dies loses at most the last moment's views: the list is
//! a convenience, not a record.
use crate::backend::store::{Store, StoreResult};
use crate::domain::{CaseId, UserId};
use chrono::{DateTime, Utc};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::sync::Notify;

/// How long noted views wait, so that a burst of page views becomes one write.
const BATCH_WINDOW: Duration = Duration::from_millis(200);

/// Views noted and not written yet.
#[derive(Debug, Default)]
pub struct ViewLog {
    pending: Mutex<HashMap<(UserId, CaseId), DateTime<Utc>>>,
    noted: Notify,
    /// Held from taking the noted views until they are committed, so that a reader's flush waits
    /// for a batch the background task already took instead of reading before it lands.
    writing: tokio::sync::Mutex<()>,
}

impl ViewLog {
    /// A log with its writer task on the current runtime (it ends with the runtime).
    pub fn start(store: Arc<Store>) -> Arc<Self> {
        let log = Arc::new(Self::default());
        let writer = log.clone();
        tokio::spawn(async move {
            loop {
                writer.noted.notified().await;
                tokio::time::sleep(BATCH_WINDOW).await;
                if let Err(e) = writer.flush(&store).await {
                    tracing::warn!(error = %e, "writing recently viewed cases");
                }
            }
        });
        log
    }

    /// Notes that `user` opened `case` at `at` (a later view of the same case replaces it).
    pub fn note(&self, user: UserId, case: CaseId, at: DateTime<Utc>) {
        self.lock().insert((user, case), at);
        self.noted.notify_one();
    }

    /// Writes every noted view in one transaction. A failed batch is logged and dropped rather
    /// than retried forever (one bad row would otherwise hold back every later view).
    pub async fn flush(&self, store: &Store) -> StoreResult<()> {
        let _writing = self.writing.lock().await;
        let rows: Vec<_> = self
            .lock()
            .drain()
            .map(|((user, case), at)| (user, case, at))
            .collect();
        if rows.is_empty() {
            return Ok(());
        }
        store.record_case_views(&rows).await
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<(UserId, CaseId), DateTime<Utc>>> {
        // A panic while holding the lock leaves a plain map behind: still usable.
        self.pending.lock().unwrap_or_else(|p| p.into_inner())
    }
}
