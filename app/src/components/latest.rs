//! The islands that ask the server as someone types (the product combobox, the article preview,
//! the suggestions on the new-case form) wait for a pause and show only the latest answer: an
//! answer to an older request, arriving late, must never replace a newer one.
use leptos::prelude::*;
use std::future::Future;

/// The latest of a series of requests.
#[derive(Clone, Copy)]
pub struct Latest(StoredValue<u64>);

impl Latest {
    /// A new series.
    pub fn new() -> Self {
        Self(StoredValue::new(0))
    }

    /// Makes every request started so far stale (their answers are dropped).
    pub fn cancel(self) {
        self.0.update_value(|g| *g += 1);
    }

    /// After `delay_ms` without another request (at once for 0), runs `ask` and hands its answer
    /// to `show`, unless a newer request started meanwhile.
    pub fn ask<T, Fut>(
        self,
        delay_ms: u64,
        ask: impl FnOnce() -> Fut + 'static,
        show: impl FnOnce(T) + 'static,
    ) where
        T: 'static,
        Fut: Future<Output = T> + 'static,
    {
        self.cancel();
        let ticket = self.0.get_value();
        let current = move || self.0.get_value() == ticket;
        let run = move || {
            if !current() {
                return;
            }
            leptos::task::spawn_local(async move {
                let answer = ask().await;
                if current() {
                    show(answer);
                }
            });
        };
        if delay_ms == 0 {
            run();
        } else {
            set_timeout(run, std::time::Duration::from_millis(delay_ms));
        }
    }
}

impl Default for Latest {
    fn default() -> Self {
        Self::new()
    }
}
