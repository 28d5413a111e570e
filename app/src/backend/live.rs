//! This process's side of live pages: one task reads the database's feed of changes
//! ([`Store::changes_after`]) whenever there may be news, and hands each change to every open live
//! page of this process (`services::live` filters them per reader). However many pages are open,
//! the feed is read once per wake, not once per page.
//!
//! What wakes it: a transaction of this process that announced changes, PostgreSQL's `NOTIFY` from
//! the other processes (the listener reconnects by itself, and a reconnect reads the feed too, so a
//! change made while it was away is not lost), and failing both, a slow tick.
use crate::backend::store::{ChangeListener, ChangeRow, Store, StoreResult};
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::broadcast;

/// Changes read at once.
const BATCH: i64 = 500;
/// The slow tick: news from a process the notifications did not reach (a command on the same
/// SQLite file; a listener that is reconnecting) arrives within this.
const TICK: Duration = Duration::from_secs(5);
/// Wait before asking a database that did not answer again.
const RETRY: Duration = Duration::from_secs(1);
/// Changes a slow page may fall behind by before it reads the rest from the database itself.
const BACKLOG: usize = 1024;

/// The changes of this process's feed, as they are read.
#[derive(Debug)]
pub struct ChangeFeed {
    sender: broadcast::Sender<Arc<ChangeRow>>,
}

impl ChangeFeed {
    /// A feed with its reader task on the current runtime (it ends with the runtime).
    pub fn start(store: Arc<Store>) -> Arc<Self> {
        let (sender, _) = broadcast::channel(BACKLOG);
        tokio::spawn(read(store, sender.clone()));
        Arc::new(Self { sender })
    }

    /// Every change read from now on. A receiver that falls more than [`BACKLOG`] behind gets
    /// `Lagged` and reads what it missed from the database.
    pub fn subscribe(&self) -> broadcast::Receiver<Arc<ChangeRow>> {
        self.sender.subscribe()
    }
}

/// The reader task: from the newest change at start, every change in order.
async fn read(store: Arc<Store>, sender: broadcast::Sender<Arc<ChangeRow>>) {
    let mut last = loop {
        match store.last_change().await {
            Ok(id) => break id,
            Err(e) => {
                tracing::warn!(error = %e, "live updates: reading the feed's position failed");
                tokio::time::sleep(RETRY).await;
            }
        }
    };
    let mut listener: Option<ChangeListener> = None;
    let listens = store.backend() == crate::backend::store::Backend::Postgres;
    loop {
        if listens && listener.is_none() {
            match store.listen_changes().await {
                Ok(l) => listener = l,
                Err(e) => tracing::warn!(error = %e, "live updates: LISTEN failed"),
            }
        }
        tokio::select! {
            () = store.changes_committed() => {}
            heard = notification(&mut listener) => {
                if let Err(e) = heard {
                    tracing::warn!(error = %e, "live updates: the listener lost the database");
                    listener = None;
                    tokio::time::sleep(RETRY).await;
                }
            }
            () = tokio::time::sleep(TICK) => {}
        }
        let mut pages = ChangesAfter::new(last);
        loop {
            match pages.next(&store).await {
                Ok(Some(rows)) => {
                    for row in rows {
                        last = row.id;
                        // Nobody listening is fine: the row stays in the database for replays.
                        let _ = sender.send(Arc::new(row));
                    }
                }
                Ok(None) => break,
                Err(e) => {
                    tracing::warn!(error = %e, "live updates: reading the feed failed");
                    break;
                }
            }
        }
    }
}

/// The feed after a position, [`BATCH`] rows per query, up to its end: the one way it is read,
/// by this process's reader and by a page catching up.
#[derive(Debug)]
pub struct ChangesAfter {
    after: i64,
    at_end: bool,
}

impl ChangesAfter {
    /// The changes after position `after`.
    pub fn new(after: i64) -> Self {
        Self {
            after,
            at_end: false,
        }
    }

    /// The next rows, oldest first; `None` once the end of the feed was reached.
    pub async fn next(&mut self, store: &Store) -> StoreResult<Option<Vec<ChangeRow>>> {
        if self.at_end {
            return Ok(None);
        }
        let rows = store.changes_after(self.after, BATCH).await?;
        self.at_end = (rows.len() as i64) < BATCH;
        match rows.last() {
            Some(last) => {
                self.after = last.id;
                Ok(Some(rows))
            }
            None => Ok(None),
        }
    }
}

/// The next notification of `listener`; never, without one.
async fn notification(listener: &mut Option<ChangeListener>) -> StoreResult<()> {
    match listener {
        Some(l) => l.next().await,
        None => std::future::pending().await,
    }
}
