//! Live pages in the browser: the case page brings in what changed as it happens, and the case
//! lists and the queue say "New updates: 3 — refresh" instead of moving rows under the reader's
//! cursor. Both follow the server's events (`/live/cases…`, see `server/src/routes/live.rs`).
//!
//! The connection is ours, not the browser's: after an error or 45 s without even a heartbeat
//! (a proxy that dropped the stream without closing it), it reconnects after 1 s, then 2, 4 … up
//! to a minute, each with some randomness so that a restarted server is not met by every page at
//! once; the reconnect names the last event it received (`?after=`) and hears what it missed.
//! Without JavaScript the pages are as they were when loaded (the Refresh link reloads them).
use crate::domain::live::LiveChange;
use crate::i18n::*;
use leptos::prelude::*;

/// What a case page's change tells a screen reader, by kind.
fn announcement(locale: Locale, kind: crate::domain::live::ChangeKind) -> &'static str {
    use crate::domain::live::ChangeKind as K;
    match kind {
        K::Comment => td_string!(locale, live_new_comment),
        K::Files => td_string!(locale, live_files_changed),
        K::Created | K::Articles | K::Details => td_string!(locale, live_case_changed),
    }
}

/// The case page's live part: brings in the parts of the page that changed (their HTML, read
/// again from the server) and says so to screen readers. Renders only the announcement.
#[island]
pub fn LiveCase(
    /// The case's event URL, with the page's feed position (`?after=`).
    feed: String,
) -> impl IntoView {
    let i18n = use_i18n();
    let said = RwSignal::new(String::new());
    Effect::new(move |_| {
        let locale = i18n.get_locale_untracked();
        let refresh = browser::Refresh::new();
        let on_reset = refresh.clone();
        browser::follow(
            feed.clone(),
            move |change: LiveChange| {
                said.set(announcement(locale, change.kind).to_string());
                refresh.soon();
            },
            move || on_reset.soon(),
        );
    });
    view! {
        <p class="sr-only" role="status">
            {move || said.get()}
        </p>
    }
}

/// A case list's (or the queue's) live notice: "New updates: N — refresh" once cases the reader
/// may see changed since the list was read; the link loads the list again.
#[island]
pub fn LiveListNotice(
    /// The lists' event URL, with the page's feed position (`?after=`).
    feed: String,
    /// The list's own URL.
    refresh: String,
) -> impl IntoView {
    let i18n = use_i18n();
    let news = RwSignal::new(0_u32);
    Effect::new(move |_| {
        browser::follow(
            feed.clone(),
            move |_| news.update(|n| *n += 1),
            move || news.update(|n| *n = (*n).max(1)),
        );
    });
    view! {
        <p class="list-header__news" aria-live="polite">
            {move || {
                let count = news.get();
                (count > 0)
                    .then(|| {
                        view! {
                            <a href=refresh.clone()>{t!(i18n, live_list_news, count = count)}</a>
                        }
                    })
            }}
        </p>
    }
}

/// The browser's part (the server renders the islands without running it).
#[cfg(feature = "hydrate")]
mod browser {
    use super::*;
    use crate::domain::live::{CHANGE_EVENT, PING_EVENT, RESET_EVENT};
    use std::cell::RefCell;
    use std::rc::Rc;
    use std::time::Duration;
    use wasm_bindgen::JsCast;
    use wasm_bindgen::prelude::Closure;

    /// The first wait before reconnecting; it doubles after each failure up to [`LAST_RETRY`].
    const FIRST_RETRY: Duration = Duration::from_secs(1);
    const LAST_RETRY: Duration = Duration::from_secs(60);
    /// The server sends a heartbeat every 15 s: this long without anything, the stream is dead.
    const SILENCE: Duration = Duration::from_secs(45);
    /// Changes arriving within this are brought in with one read of the page.
    const GATHER: Duration = Duration::from_millis(150);
    /// A part of the page the reader is using (focus inside, a disclosure open) is brought up to
    /// date once they leave it, looked at this often.
    const WAIT_FOR_READER: Duration = Duration::from_secs(2);

    /// One followed event stream.
    struct Feed {
        url: String,
        last_id: Option<String>,
        source: Option<web_sys::EventSource>,
        /// The listeners of the current source (kept while it may call them).
        listeners: Vec<Closure<dyn FnMut(web_sys::Event)>>,
        failures: u32,
        /// When the current source last said anything (`Date.now()`, ms).
        last_heard: f64,
        on_change: Rc<dyn Fn(LiveChange)>,
        on_reset: Rc<dyn Fn()>,
    }

    type Shared = Rc<RefCell<Feed>>;

    /// Follows the event stream at `url` for as long as the page lives.
    pub fn follow(
        url: String,
        on_change: impl Fn(LiveChange) + 'static,
        on_reset: impl Fn() + 'static,
    ) {
        let feed = Rc::new(RefCell::new(Feed {
            url,
            last_id: None,
            source: None,
            listeners: Vec::new(),
            failures: 0,
            last_heard: 0.0,
            on_change: Rc::new(on_change),
            on_reset: Rc::new(on_reset),
        }));
        connect(&feed);
        // One watch for the page's life (not a timer per event): an open source silent for too
        // long is dead.
        let watched = feed.clone();
        let _ = set_interval_with_handle(
            move || {
                let silent = {
                    let f = watched.borrow();
                    f.source.is_some()
                        && web_sys::js_sys::Date::now() - f.last_heard > SILENCE.as_millis() as f64
                };
                if silent {
                    retry(&watched);
                }
            },
            SILENCE / 3,
        );
    }

    fn connect(feed: &Shared) {
        let url = {
            let f = feed.borrow();
            match &f.last_id {
                Some(id) => with_after(&f.url, id),
                None => f.url.clone(),
            }
        };
        let Ok(source) = web_sys::EventSource::new(&url) else {
            retry(feed);
            return;
        };
        let listener = |feed: &Shared, handle: fn(&Shared, web_sys::Event)| {
            let feed = feed.clone();
            Closure::<dyn FnMut(web_sys::Event)>::new(move |ev| handle(&feed, ev))
        };
        let listeners = vec![
            (CHANGE_EVENT, listener(feed, on_message)),
            (RESET_EVENT, listener(feed, on_message)),
            (PING_EVENT, listener(feed, |feed, _| alive(feed))),
            (
                "open",
                listener(feed, |feed, _| {
                    feed.borrow_mut().failures = 0;
                    alive(feed);
                }),
            ),
            ("error", listener(feed, |feed, _| retry(feed))),
        ];
        for (name, l) in &listeners {
            let _ = source.add_event_listener_with_callback(name, l.as_ref().unchecked_ref());
        }
        {
            let mut f = feed.borrow_mut();
            // The old source is closed: its listeners can no longer be called.
            f.listeners = listeners.into_iter().map(|(_, l)| l).collect();
            f.source = Some(source);
        }
        alive(feed);
    }

    fn on_message(feed: &Shared, ev: web_sys::Event) {
        alive(feed);
        let Ok(message) = ev.dyn_into::<web_sys::MessageEvent>() else {
            return;
        };
        let id = message.last_event_id();
        if !id.is_empty() {
            feed.borrow_mut().last_id = Some(id);
        }
        if message.type_() == RESET_EVENT {
            let reset = feed.borrow().on_reset.clone();
            reset();
            return;
        }
        let change = message
            .data()
            .as_string()
            .and_then(|data| serde_json::from_str::<LiveChange>(&data).ok());
        if let Some(change) = change {
            let on_change = feed.borrow().on_change.clone();
            on_change(change);
        }
    }

    /// Something arrived: the stream is alive for another [`SILENCE`].
    fn alive(feed: &Shared) {
        feed.borrow_mut().last_heard = web_sys::js_sys::Date::now();
    }

    /// Closes the stream and opens it again after the back-off.
    fn retry(feed: &Shared) {
        let failures = {
            let mut f = feed.borrow_mut();
            if let Some(source) = f.source.take() {
                source.close();
            }
            f.failures = f.failures.saturating_add(1);
            f.failures
        };
        let doubled = FIRST_RETRY.saturating_mul(1 << failures.saturating_sub(1).min(6));
        let wait = doubled
            .min(LAST_RETRY)
            .mul_f64(0.75 + web_sys::js_sys::Math::random() / 2.0);
        let feed = feed.clone();
        set_timeout(move || connect(&feed), wait);
    }

    fn with_after(url: &str, id: &str) -> String {
        let (path, query) = url.split_once('?').unwrap_or((url, ""));
        let kept = query
            .split('&')
            .filter(|p| !p.is_empty() && !p.starts_with("after="));
        let mut parts: Vec<String> = kept.map(str::to_owned).collect();
        parts.push(format!("after={id}"));
        format!("{path}?{}", parts.join("&"))
    }

    /// Reads the page again and brings its live parts (`data-live="…"`) up to date.
    #[derive(Clone)]
    pub struct Refresh(Rc<RefCell<RefreshState>>);

    #[derive(Default)]
    struct RefreshState {
        /// A read is planned.
        planned: bool,
        /// The last read page, while some of its parts wait for the reader to leave them.
        waiting: Option<web_sys::Document>,
    }

    impl Refresh {
        pub fn new() -> Self {
            Self(Rc::new(RefCell::new(RefreshState::default())))
        }

        /// Reads the page again shortly (changes arriving together make one read).
        pub fn soon(&self) {
            if std::mem::replace(&mut self.0.borrow_mut().planned, true) {
                return;
            }
            let this = self.clone();
            set_timeout(move || this.read(), GATHER);
        }

        fn read(&self) {
            self.0.borrow_mut().planned = false;
            let Ok(request) = web_sys::XmlHttpRequest::new() else {
                return;
            };
            let href = window().location().href().unwrap_or_default();
            if request.open("GET", &href).is_err() {
                return;
            }
            request.set_response_type(web_sys::XmlHttpRequestResponseType::Document);
            let this = self.clone();
            let answered = request.clone();
            let done = Closure::once_into_js(move || {
                // Another answer (the case is gone for this reader, a sign-in page): left alone.
                let page = Some(answered)
                    .filter(|r| r.status().is_ok_and(|s| s == 200))
                    .and_then(|r| r.response_xml().ok().flatten());
                if let Some(page) = page {
                    this.0.borrow_mut().waiting = None;
                    this.bring_in(page);
                }
            });
            request.set_onload(Some(done.unchecked_ref()));
            let _ = request.send();
        }

        /// Replaces each live part that differs from `page`'s, except one the reader is using.
        fn bring_in(&self, page: web_sys::Document) {
            let Ok(parts) = document().query_selector_all("[data-live]") else {
                return;
            };
            let mut postponed = false;
            for i in 0..parts.length() {
                let Some(part) = parts
                    .item(i)
                    .and_then(|n| n.dyn_into::<web_sys::Element>().ok())
                else {
                    continue;
                };
                let name = part.get_attribute("data-live").unwrap_or_default();
                let selector = format!("[data-live=\"{name}\"]");
                let Some(fresh) = page.query_selector(&selector).ok().flatten() else {
                    continue;
                };
                let html = fresh.inner_html();
                if part.inner_html() == html {
                    continue;
                }
                if in_use(&part) {
                    postponed = true;
                    continue;
                }
                part.set_inner_html(&html);
                // A moment's highlight (CSS) on what changed.
                let _ = part.class_list().remove_1("live-changed");
                let _ = part.get_bounding_client_rect();
                let _ = part.class_list().add_1("live-changed");
            }
            if postponed {
                self.0.borrow_mut().waiting = Some(page);
                let this = self.clone();
                set_timeout(
                    move || {
                        let page = this.0.borrow_mut().waiting.take();
                        if let Some(page) = page {
                            this.bring_in(page);
                        }
                    },
                    WAIT_FOR_READER,
                );
            }
        }
    }

    /// Whether the reader is using `part`: the focus is inside, or a disclosure in it is open.
    fn in_use(part: &web_sys::Element) -> bool {
        let focused = document()
            .active_element()
            .is_some_and(|el| part.contains(Some(&el)));
        focused
            || part
                .query_selector("details[open]")
                .ok()
                .flatten()
                .is_some()
    }
}

/// On the server the islands render only; nothing follows anything.
#[cfg(not(feature = "hydrate"))]
mod browser {
    use super::LiveChange;

    pub fn follow(_: String, _: impl Fn(LiveChange) + 'static, _: impl Fn() + 'static) {}

    #[derive(Clone)]
    pub struct Refresh;

    impl Refresh {
        pub fn new() -> Self {
            Self
        }
        pub fn soon(&self) {}
    }
}
