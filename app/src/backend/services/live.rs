//! Live pages: the changes one reader may hear of, for one case page or for the case lists, from
//! a point in the feed on. What the reader missed (the page was rendered a moment before it
//! connected; the connection dropped) is read from the database first, then changes follow as
//! this process's feed ([`ChangeFeed`](crate::backend::live::ChangeFeed)) reads them. Every change
//! passes [`policy::can_hear_change`], and the reader's session is looked up again now and then:
//! signed out, deactivated or moved to another company, the stream ends.
use crate::backend::access;
use crate::backend::auth::{self, Actor};
use crate::backend::live::ChangesAfter;
use crate::backend::policy;
use crate::backend::state::AppState;
use crate::backend::store::ChangeRow;
use crate::domain::CaseNumber;
use crate::domain::live::LiveChange;
use crate::error::AppError;
use std::time::Duration;
use tokio::sync::{broadcast, mpsc};

/// How often an open stream looks its reader's session up again.
pub const RECHECK: Duration = Duration::from_secs(30);

/// What a live page follows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Follow {
    /// One case's page (its number as the URL has it).
    Case(String),
    /// The case lists and the queue: every case the reader may see (`mine`: only those the
    /// reader is the contact of, "My cases").
    Cases {
        /// "My cases" only.
        mine: bool,
    },
}

/// What a live page is told.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LiveEvent {
    /// A change, with its place in the feed (the SSE id a reconnect sends back).
    Change(i64, LiveChange),
    /// Changes were missed that the feed no longer keeps (or the position is not this feed's):
    /// the page should load itself again. Carries the position to go on from.
    Reset(i64),
}

/// What a stream picks out of the feed: fixed when it opens.
#[derive(Debug, Clone, Copy)]
enum Target {
    Case(CaseNumber),
    Cases { mine: bool },
}

/// Opens a live stream for `actor` (whose session cookie is `token`) following `what`, from
/// position `after` (`None`: from now). `Unauthenticated` for nobody; a case `actor` may not see
/// answers `NotFound`, exactly like a missing one. The events arrive on the receiver until the
/// reader goes (drop it) or may no longer hear them.
pub async fn follow(
    state: &AppState,
    actor: Actor,
    token: Option<String>,
    what: Follow,
    after: Option<i64>,
) -> Result<mpsc::Receiver<LiveEvent>, AppError> {
    actor.signed_in()?;
    let target = match what {
        Follow::Case(number) => Target::Case(CaseNumber(
            access::visible_case(&state.store, &actor, &number)
                .await?
                .number,
        )),
        Follow::Cases { mine } => Target::Cases { mine },
    };
    // Subscribed before the catch-up is read: a change is in one or the other (or both: the
    // position skips a repeat), never in neither.
    let feed = state.live.subscribe();
    let newest = state.store.last_change().await?;
    let (start, reset) = match after {
        None => (newest, false),
        Some(seen) if seen > newest => (newest, true),
        Some(seen) => {
            let oldest = state.store.first_change().await?;
            // Changes after `seen` were pruned: the page cannot be brought up to date one by one.
            if oldest.is_some_and(|first| first > seen + 1) {
                (newest, true)
            } else {
                (seen, false)
            }
        }
    };
    let (sender, receiver) = mpsc::channel(64);
    if reset {
        let _ = sender.send(LiveEvent::Reset(start)).await;
    }
    let stream = Stream {
        state: state.clone(),
        actor,
        token,
        target,
        position: start,
        sender,
    };
    tokio::spawn(stream.run(feed));
    Ok(receiver)
}

/// One open stream.
struct Stream {
    state: AppState,
    actor: Actor,
    token: Option<String>,
    target: Target,
    /// The last change passed on or passed over.
    position: i64,
    sender: mpsc::Sender<LiveEvent>,
}

impl Stream {
    async fn run(mut self, mut feed: broadcast::Receiver<std::sync::Arc<ChangeRow>>) {
        if self.catch_up().await.is_err() {
            return;
        }
        let mut recheck = tokio::time::interval_at(tokio::time::Instant::now() + RECHECK, RECHECK);
        loop {
            let going_on = tokio::select! {
                heard = feed.recv() => match heard {
                    Ok(row) => self.pass(&row).await,
                    // Fell behind this process's feed: the rest comes from the database.
                    Err(broadcast::error::RecvError::Lagged(_)) => self.catch_up().await.is_ok(),
                    Err(broadcast::error::RecvError::Closed) => false,
                },
                _ = recheck.tick() => self.still_allowed().await,
                () = self.sender.closed() => false,
            };
            if !going_on {
                return;
            }
        }
    }

    /// Reads from the database what came after the position; `Err` when the reader is gone or the
    /// database does not answer (the stream ends; the page reconnects and tries again).
    async fn catch_up(&mut self) -> Result<(), ()> {
        let mut pages = ChangesAfter::new(self.position);
        loop {
            let rows = match pages.next(&self.state.store).await {
                Ok(Some(rows)) => rows,
                Ok(None) => return Ok(()),
                Err(e) => {
                    tracing::warn!(error = %e, "live updates: catching up failed");
                    return Err(());
                }
            };
            for row in rows {
                if !self.pass(&row).await {
                    return Err(());
                }
            }
        }
    }

    /// Passes `row` on if this reader may hear of it and follows its case; whether the reader is
    /// still there.
    async fn pass(&mut self, row: &ChangeRow) -> bool {
        if row.id <= self.position {
            return true;
        }
        self.position = row.id;
        if !self.hears(row) {
            return true;
        }
        let change = LiveChange {
            case: row.number.to_string(),
            kind: row.kind,
        };
        self.sender
            .send(LiveEvent::Change(row.id, change))
            .await
            .is_ok()
    }

    fn hears(&self, row: &ChangeRow) -> bool {
        let followed = match self.target {
            Target::Case(number) => row.number == number,
            Target::Cases { mine } => !mine || self.actor.signed_in().ok() == Some(row.contact_id),
        };
        followed && policy::can_hear_change(&self.actor, row.account_id, row.staff_only)
    }

    /// Whether the session still makes the same reader: signed out, expired, deactivated, another
    /// role or company ends the stream (a reconnect then asks afresh). While the database cannot
    /// say, the stream goes on (it carries nothing new then anyway) and asks again next time.
    async fn still_allowed(&self) -> bool {
        let Some(token) = &self.token else {
            return false;
        };
        match auth::still_valid(&self.state.store, token).await {
            Ok(now) => Actor::from_session(now.as_ref()) == self.actor,
            Err(_) => true,
        }
    }
}
