//! Moving attachment bytes to another store (`portico storage migrate`): each blob is streamed
//! across, read back, and its SHA-256 compared with the source's and with the one recorded when it
//! was uploaded. Safe to run again: a blob already there and intact is left alone.
use crate::backend::store::Store;
use crate::backend::uploads::{BlobError, BlobStore};
use sha2::{Digest, Sha256};
use tokio::io::AsyncReadExt;

/// What a migration did.
#[derive(Debug, Default)]
pub struct MigrationReport {
    /// Blobs copied and verified.
    pub copied: usize,
    /// Bytes of those.
    pub bytes: u64,
    /// Blobs the target already held, byte for byte.
    pub already_there: usize,
    /// Blobs that could not be copied or did not verify, with the reason.
    pub failed: Vec<(String, String)>,
}

/// Copies every blob of `from` into `to`, verifying each one.
pub async fn migrate(
    store: &Store,
    from: &dyn BlobStore,
    to: &dyn BlobStore,
) -> Result<MigrationReport, BlobError> {
    let mut keys = from.keys().await?;
    keys.sort();
    let mut report = MigrationReport::default();
    for key in keys {
        match migrate_one(store, from, to, &key).await {
            Ok(Moved::Copied(size)) => {
                report.copied += 1;
                report.bytes += size;
            }
            Ok(Moved::AlreadyThere) => report.already_there += 1,
            Err(why) => {
                tracing::warn!(key, why, "storage migration: not copied");
                report.failed.push((key, why));
            }
        }
    }
    Ok(report)
}

enum Moved {
    Copied(u64),
    AlreadyThere,
}

async fn migrate_one(
    store: &Store,
    from: &dyn BlobStore,
    to: &dyn BlobStore,
    key: &str,
) -> Result<Moved, String> {
    let recorded = store
        .attachment_hash_by_key(key)
        .await
        .map_err(|e| format!("database: {e}"))?;
    let (source_hash, size) = digest(from, key)
        .await
        .map_err(|e| format!("reading: {e}"))?;
    if recorded.as_ref().is_some_and(|r| *r != source_hash) {
        return Err("the file differs from the SHA-256 recorded at its upload".into());
    }
    match digest(to, key).await {
        Ok((there, _)) if there == source_hash => return Ok(Moved::AlreadyThere),
        Ok(_) | Err(BlobError::NotFound) => {}
        Err(e) => return Err(format!("looking at the target: {e}")),
    }
    copy(from, to, key)
        .await
        .map_err(|e| format!("copying: {e}"))?;
    let (copied_hash, _) = digest(to, key)
        .await
        .map_err(|e| format!("reading the copy back: {e}"))?;
    if copied_hash != source_hash {
        let _ = to.delete(key).await;
        return Err("the copy read back differs from the file".into());
    }
    Ok(Moved::Copied(size))
}

/// The SHA-256 (hex) and size of a blob, streamed.
pub async fn digest(blobs: &dyn BlobStore, key: &str) -> Result<(String, u64), BlobError> {
    let mut reader = blobs.open(key).await?;
    let mut hasher = Sha256::new();
    let mut buffer = vec![0u8; 64 * 1024];
    let mut size = 0u64;
    loop {
        let n = reader.read(&mut buffer).await?;
        if n == 0 {
            break;
        }
        hasher.update(&buffer[..n]);
        size += n as u64;
    }
    Ok((crate::backend::auth::hex(&hasher.finalize()), size))
}

async fn copy(from: &dyn BlobStore, to: &dyn BlobStore, key: &str) -> Result<(), BlobError> {
    let mut reader = from.open(key).await?;
    let mut writer = to.create(key).await?;
    let mut buffer = vec![0u8; 256 * 1024];
    loop {
        let n = reader.read(&mut buffer).await?;
        if n == 0 {
            break;
        }
        writer.write(&buffer[..n]).await?;
    }
    writer.commit().await
}
