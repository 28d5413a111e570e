//! Live pages' server-sent events: `GET /live/cases/{number}` (one case page) and
//! `GET /live/cases?view=mine|all` (the case lists and the queue). Each event is one change, `id`
//! its place in the feed and `data` `{"case":"00000042","kind":"comment"}`; the page reads what
//! changed the way it reads any page. A reconnect sends the last id back (`Last-Event-ID`, or
//! `?after=` from a page that opens a new `EventSource` itself) and hears what it missed first.
//! A `ping` event every 15 s keeps proxies from closing a quiet stream (and tells the page's script
//! the stream lives), and nothing buffers it:
//! it is never compressed, and `X-Accel-Buffering: no` tells nginx the same.
use super::not_found_text;
use app::backend::auth::{self, Actor};
use app::backend::services::live::{self, Follow, LiveEvent};
use app::backend::state::AppState;
use app::domain::live::{CHANGE_EVENT, PING_EVENT, RESET_EVENT};
use app::error::AppError;
use axum::extract::{Path, Query, State};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use http::{HeaderMap, HeaderValue, StatusCode};
use serde::Deserialize;
use std::time::Duration;

/// How often a quiet stream says it is alive.
const HEARTBEAT: Duration = Duration::from_secs(15);

/// The query of a live stream.
#[derive(Debug, Default, Deserialize)]
pub struct LiveQuery {
    /// The last change the page has (its HTML says which; a reconnect, the last event's id).
    after: Option<i64>,
    /// Lists: `mine` for "My cases", anything else every case the reader may see.
    view: Option<String>,
}

/// `GET /live/cases/{number}`: the changes of one case, for whoever may see it (404 otherwise,
/// exactly as for a missing case; 401 for nobody).
pub async fn case_events(
    State(state): State<AppState>,
    actor: Actor,
    headers: HeaderMap,
    Path(number): Path<String>,
    Query(query): Query<LiveQuery>,
) -> Response {
    events(&state, actor, &headers, Follow::Case(number), &query).await
}

/// `GET /live/cases`: the changes of every case the reader's lists may show.
pub async fn list_events(
    State(state): State<AppState>,
    actor: Actor,
    headers: HeaderMap,
    Query(query): Query<LiveQuery>,
) -> Response {
    let mine = query.view.as_deref() == Some("mine");
    events(&state, actor, &headers, Follow::Cases { mine }, &query).await
}

async fn events(
    state: &AppState,
    actor: Actor,
    headers: &HeaderMap,
    what: Follow,
    query: &LiveQuery,
) -> Response {
    // The browser's own reconnect names the last event it received; that wins over the page's.
    let after = headers
        .get("last-event-id")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<i64>().ok())
        .or(query.after);
    let token = auth::cookie(
        headers,
        auth::session_cookie_name(state.settings.secure_cookies()),
    )
    .map(str::to_owned);
    let mut receiver = match live::follow(state, actor, token, what, after).await {
        Ok(receiver) => receiver,
        Err(AppError::NotFound) => return not_found_text(headers),
        Err(AppError::Unavailable | AppError::Internal) => {
            // The database does not answer: the page waits and tries again.
            return (
                StatusCode::SERVICE_UNAVAILABLE,
                [(
                    http::header::RETRY_AFTER,
                    HeaderValue::from(app::error::RETRY_UNAVAILABLE_SECONDS),
                )],
            )
                .into_response();
        }
        Err(e) => return e.status().into_response(),
    };
    let stream = futures_util::stream::poll_fn(move |cx| receiver.poll_recv(cx)).map(|event| {
        Ok::<_, std::convert::Infallible>(match event {
            LiveEvent::Change(id, change) => Event::default()
                .event(CHANGE_EVENT)
                .id(id.to_string())
                .json_data(&change)
                .unwrap_or_default(),
            LiveEvent::Reset(id) => Event::default()
                .event(RESET_EVENT)
                .id(id.to_string())
                .data(""),
        })
    });
    let mut response = Sse::new(stream)
        .keep_alive(
            KeepAlive::new()
                .interval(HEARTBEAT)
                // An event, not a comment: the page's script sees it and knows the stream lives.
                .event(Event::default().event(PING_EVENT).data("")),
        )
        .into_response();
    let h = response.headers_mut();
    h.insert(
        http::header::CACHE_CONTROL,
        HeaderValue::from_static("no-cache, no-store"),
    );
    h.insert("x-accel-buffering", HeaderValue::from_static("no"));
    response
}

use futures_util::StreamExt as _;
