//! One upload in the attachments field: where it stands, and the browser request that sends it
//! (XHR, since fetch reports no upload progress). On the server these are inert: uploads start from
//! browser events only.
use crate::domain::attachments::FileInfo;
#[cfg(feature = "hydrate")]
use crate::i18n::*;
#[cfg(feature = "hydrate")]
use crate::messages::MessageKey;
use leptos::prelude::*;

/// Where an upload stands.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Upload {
    /// Sending; percent of the bytes sent.
    Sending(u32),
    /// Stored as a pending upload.
    Stored(FileInfo),
    /// Refused or broken off; the message key.
    Failed(String),
}

/// One row of the list.
#[derive(Clone)]
pub(super) struct Entry {
    pub key: u64,
    pub name: String,
    pub size: i64,
    pub state: RwSignal<Upload>,
    /// The request while it runs (so Remove can abort it).
    pub request: RequestSlot,
}

/// Where an upload's running request is kept. Browser-only: a `LocalStorage` value created while
/// rendering on the server would be dropped on another thread (a panic), and the server never has
/// an upload in flight anyway.
#[cfg(feature = "hydrate")]
pub(super) type RequestSlot = StoredValue<Option<web_sys::XmlHttpRequest>, LocalStorage>;
#[cfg(not(feature = "hydrate"))]
pub(super) type RequestSlot = StoredValue<()>;

#[cfg(feature = "hydrate")]
pub(super) fn request_slot() -> RequestSlot {
    StoredValue::new_local(None)
}

#[cfg(not(feature = "hydrate"))]
pub(super) fn request_slot() -> RequestSlot {
    StoredValue::new(())
}

/// Stops the upload's request, if it still runs.
#[cfg(feature = "hydrate")]
pub(super) fn abort(slot: RequestSlot) {
    if let Some(request) = slot.get_value() {
        let _ = request.abort();
    }
}

#[cfg(not(feature = "hydrate"))]
pub(super) fn abort(_slot: RequestSlot) {}

/// Sends one file to `/api/attachments` with progress events (fetch has none for uploads).
#[cfg(feature = "hydrate")]
pub(super) fn send(file: &web_sys::File, entry: &Entry, announce: RwSignal<String>) {
    use crate::domain::attachments::UploadReply;
    use wasm_bindgen::JsCast;
    use wasm_bindgen::closure::Closure;
    let state = entry.state;
    let name = entry.name.clone();
    let i18n = use_i18n();
    let fail = move |key: MessageKey| {
        state.set(Upload::Failed(key.into()));
    };
    let (Ok(xhr), Ok(form)) = (web_sys::XmlHttpRequest::new(), web_sys::FormData::new()) else {
        fail(MessageKey::Generic);
        return;
    };
    if form
        .append_with_blob_and_filename("file", file, &file.name())
        .is_err()
        || xhr.open("POST", "/api/attachments").is_err()
    {
        fail(MessageKey::Generic);
        return;
    }
    let _ = xhr.set_request_header("Accept", "application/json");
    if let Ok(upload) = xhr.upload() {
        let progress =
            Closure::<dyn FnMut(web_sys::ProgressEvent)>::new(move |ev: web_sys::ProgressEvent| {
                if ev.length_computable() && ev.total() > 0.0 {
                    // 100 % only once the server has kept the file.
                    let pct = (ev.loaded() / ev.total() * 100.0).floor().min(99.0) as u32;
                    state.set(Upload::Sending(pct));
                }
            });
        upload.set_onprogress(Some(progress.into_js_value().unchecked_ref()));
    }
    let request = xhr.clone();
    let done_name = name.clone();
    let on_load = Closure::once_into_js(move || {
        let status = request.status().unwrap_or(0);
        let body = request.response_text().ok().flatten().unwrap_or_default();
        let next = match (status, serde_json::from_str::<UploadReply>(&body)) {
            (200, Ok(UploadReply::Stored(info))) => Upload::Stored(info),
            (_, Ok(UploadReply::Refused { error, .. })) => Upload::Failed(error),
            _ => Upload::Failed(MessageKey::Generic.into()),
        };
        let text = match &next {
            Upload::Failed(key) => crate::messages::text(i18n.get_locale_untracked(), key),
            _ => t_string!(i18n, file_uploaded),
        };
        announce.set(format!("{done_name}: {text}"));
        state.set(next);
    });
    xhr.set_onload(Some(on_load.unchecked_ref()));
    let on_error = Closure::once_into_js(move || {
        announce.set(format!(
            "{name}: {}",
            MessageKey::FileInterrupted.text(i18n.get_locale_untracked())
        ));
        state.set(Upload::Failed(MessageKey::FileInterrupted.into()));
    });
    xhr.set_onerror(Some(on_error.unchecked_ref()));
    entry.request.set_value(Some(xhr.clone()));
    if xhr.send_with_opt_form_data(Some(&form)).is_err() {
        fail(MessageKey::FileInterrupted);
    }
}

/// Without the browser there is nothing to send (uploads start from browser events only).
#[cfg(not(feature = "hydrate"))]
pub(super) fn send(_file: &web_sys::File, _entry: &Entry, _announce: RwSignal<String>) {}
