//! A person's data: support staff download everything Portico holds about someone as a ZIP (JSON
//! and their files), and admins erase it. Erasure keeps the company's cases, comments and survey
//! answers under a placeholder ("— #42", `erased-42@erased.invalid`), removes the person's files
//! (rows and bytes), the raw emails they sent, and every way to sign in as them. Both are recorded
//! in the audit log.
use crate::backend::auth::Actor;
use crate::backend::policy;
use crate::backend::services::audit;
use crate::backend::state::AppState;
use crate::backend::store::PersonalData;
use crate::domain::audit::AuditAction;
use crate::domain::{UserId, normalize_email};
use crate::error::AppError;
use crate::messages::MessageKey;
use tokio::io::AsyncReadExt;

/// The domain of erased people's placeholder addresses (`.invalid` can never receive mail).
pub const ERASED_DOMAIN: &str = "erased.invalid";

/// The placeholder name and address of erased person `id`.
pub fn placeholder(id: UserId) -> (String, String) {
    (
        format!("— #{}", id.0),
        format!("erased-{}@{ERASED_DOMAIN}", id.0),
    )
}

/// A piece of the ZIP, from the async side that reads the store and blobs to the thread that
/// writes the file.
enum Part {
    /// A whole entry.
    Entry(String, Vec<u8>),
    /// A file's entry begins.
    Begin(String),
    /// More of it.
    Chunk(Vec<u8>),
}

/// The export: a temporary ZIP file (already unlinked: it goes when the answer is sent) and its
/// length.
pub struct Export {
    /// The open file, at its start.
    pub file: tokio::fs::File,
    /// Its length in bytes.
    pub len: u64,
    /// The file name to suggest.
    pub name: String,
}

/// `value` as indented JSON.
fn json<T: serde::Serialize>(value: &T) -> Result<Vec<u8>, AppError> {
    serde_json::to_vec_pretty(value).map_err(|e| {
        tracing::error!(error = %e, "encoding an export");
        AppError::Internal
    })
}

/// Everything Portico holds about `person`, as a ZIP (support staff): `person.json`,
/// `cases.json`, `comments.json`, `files.json` with the files under `files/`, `surveys.json`,
/// `sessions.json`, `identities.json` (who single sign-on providers say they are),
/// `passkeys.json` (their names and dates) and
/// `history.json` (the audit log's lines by or to them: sign-ins and
/// changes). Written to a temporary file while the files stream in from storage, never whole in
/// memory. `client`: the address asking (for the audit log).
pub async fn export(
    state: &AppState,
    actor: &Actor,
    person: UserId,
    client: &str,
) -> Result<Export, AppError> {
    let me = policy::require(actor, policy::can_export_personal_data)?;
    let data: PersonalData = state.store.personal_data(person).await?;
    let history = state
        .store
        .audit_page(i64::MAX, 100_000, Some(person))
        .await?;
    let history: Vec<serde_json::Value> = history
        .into_iter()
        .map(|h| {
            serde_json::json!({
                "at": h.at, "action": h.action, "by": h.actor, "to": h.subject,
                "detail": h.detail, "from": h.client,
            })
        })
        .collect();
    let path = std::env::temp_dir().join(format!(
        "portico-export-{}",
        crate::backend::auth::new_token()
    ));
    let (tx, mut rx) = tokio::sync::mpsc::channel::<Part>(8);
    let writer_path = path.clone();
    let writer = tokio::task::spawn_blocking(move || -> Result<(), String> {
        use std::io::Write;
        let file = std::fs::File::create(&writer_path).map_err(|e| e.to_string())?;
        let mut zip = zip::ZipWriter::new(file);
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated)
            .large_file(true);
        while let Some(part) = rx.blocking_recv() {
            match part {
                Part::Entry(name, bytes) => {
                    zip.start_file(name, options).map_err(|e| e.to_string())?;
                    zip.write_all(&bytes).map_err(|e| e.to_string())?;
                }
                Part::Begin(name) => zip.start_file(name, options).map_err(|e| e.to_string())?,
                Part::Chunk(bytes) => zip.write_all(&bytes).map_err(|e| e.to_string())?,
            }
        }
        zip.finish().map_err(|e| e.to_string())?;
        Ok(())
    });
    let send = |part| {
        let tx = tx.clone();
        async move {
            tx.send(part).await.map_err(|_| {
                tracing::error!("the export's writer stopped");
                AppError::Internal
            })
        }
    };
    let feed = async {
        for (name, bytes) in [
            ("person.json", json(&data.profile)?),
            ("cases.json", json(&data.cases)?),
            ("comments.json", json(&data.comments)?),
            ("files.json", json(&data.files)?),
            ("surveys.json", json(&data.surveys)?),
            ("sessions.json", json(&data.sessions)?),
            ("identities.json", json(&data.identities)?),
            ("passkeys.json", json(&data.passkeys)?),
            ("history.json", json(&history)?),
        ] {
            send(Part::Entry(name.to_string(), bytes)).await?;
        }
        for file in &data.files {
            let name = format!(
                "files/{}-{}",
                file.id.0,
                crate::domain::attachments::sanitize_file_name(&file.file_name)
            );
            let mut reader = state.blobs.open(&file.storage_key).await?;
            send(Part::Begin(name)).await?;
            let mut buf = vec![0u8; 64 * 1024];
            loop {
                let n = reader.read(&mut buf).await.map_err(|e| {
                    tracing::error!(error = %e, "reading a file for an export");
                    AppError::Unavailable
                })?;
                if n == 0 {
                    break;
                }
                send(Part::Chunk(buf[..n].to_vec())).await?;
            }
        }
        Ok::<(), AppError>(())
    };
    let fed = feed.await;
    drop(tx);
    let written = writer.await.map_err(|e| {
        tracing::error!(error = %e, "the export's writer panicked");
        AppError::Internal
    })?;
    let opened = async {
        fed?;
        written.map_err(|e| {
            tracing::error!(error = %e, "writing an export");
            AppError::Unavailable
        })?;
        let file = tokio::fs::File::open(&path).await.map_err(|e| {
            tracing::error!(error = %e, "opening an export");
            AppError::Internal
        })?;
        let len = file.metadata().await.map(|m| m.len()).unwrap_or(0);
        Ok::<_, AppError>((file, len))
    }
    .await;
    // Unlinked at once: the open file lives until the answer has been sent, nothing stays behind.
    let _ = tokio::fs::remove_file(&path).await;
    let (file, len) = opened?;
    let action = AuditAction::PersonalDataExported;
    audit::record_from(&state.store, Some(me), action, Some(person), "", client).await;
    tracing::info!(person = %person, files = data.files.len(), bytes = len, "personal data exported");
    Ok(Export {
        file,
        len,
        name: format!("personal-data-{}.zip", person.0),
    })
}

/// Erases `person`'s personal data (admins; not their own), once `confirm` repeats the person's
/// address (field error `confirm_email` otherwise). Their files' and emails' bytes are deleted
/// after the change commits (a failure there is logged: nothing reaches them any more).
pub async fn erase(
    state: &AppState,
    actor: &Actor,
    person: UserId,
    confirm: &str,
) -> Result<(), AppError> {
    let me = policy::require(actor, policy::can_erase_personal_data)?;
    let user = state.store.get_user(person).await?;
    if me == person {
        return Err(AppError::field("_form", MessageKey::EraseSelf));
    }
    if user.email.ends_with(&format!("@{ERASED_DOMAIN}")) {
        return Err(AppError::field("_form", MessageKey::AlreadyErased));
    }
    if normalize_email(confirm).as_deref() != Some(user.email.as_str()) {
        return Err(AppError::field(
            "confirm_email",
            MessageKey::ConfirmEmailMismatch,
        ));
    }
    let (name, email) = placeholder(person);
    let erased = state
        .store
        .erase_person(person, me, &name, &email, chrono::Utc::now())
        .await?;
    for key in erased.file_keys.iter().chain(&erased.mail_keys) {
        if let Err(e) = state.blobs.delete(key).await {
            tracing::warn!(error = %e, key, "deleting an erased person's bytes failed");
        }
    }
    let detail = format!("files={}", erased.file_keys.len());
    audit::record(
        &state.store,
        Some(me),
        AuditAction::PersonalDataErased,
        Some(person),
        &detail,
    )
    .await;
    tracing::info!(person = %person, files = erased.file_keys.len(), "personal data erased");
    Ok(())
}
