//! Where attachment bytes live: the [`BlobStore`] interface, its local-disk implementation (the
//! default) and an S3-compatible one for several processes (`PORTICO_STORAGE_URL`).
//!
//! Uploads stream through a [`BlobWriter`] chunk by chunk (never a whole file in memory); nothing
//! is visible under a key until `commit`, and a writer dropped without `commit` leaves nothing
//! behind. Keys come from [`new_key`]; callers never pass names people chose.
use tokio::io::AsyncRead;

mod local;
mod s3;

pub use local::LocalBlobStore;
/// The key and secret an object store signs with (`S3Credentials::from_env` reads the AWS
/// variables).
pub use rusty_s3::Credentials as S3Credentials;
pub use s3::{ObjectStorage, PART_BYTES, S3BlobStore, S3Location};

/// What a blob store can fail with.
#[derive(Debug, thiserror::Error)]
pub enum BlobError {
    /// No blob under that key.
    #[error("blob not found")]
    NotFound,
    /// The key is not one this store hands out.
    #[error("invalid blob key")]
    InvalidKey,
    /// Disk, network, ...
    #[error(transparent)]
    Io(#[from] std::io::Error),
    /// The object store answered with an error (status and the start of its message).
    #[error("object store: {0}")]
    Remote(String),
}

impl From<BlobError> for crate::error::AppError {
    fn from(err: BlobError) -> Self {
        match err {
            BlobError::NotFound => Self::NotFound,
            other => {
                tracing::error!(error = %other, "blob store error");
                Self::Internal
            }
        }
    }
}

/// A readable blob.
pub type BlobReader = Box<dyn AsyncRead + Send + Unpin>;

/// Storage for attachment bytes, by key.
#[async_trait::async_trait]
pub trait BlobStore: Send + Sync + 'static {
    /// Starts writing a new blob that becomes readable under `key` on `commit`.
    async fn create(&self, key: &str) -> Result<Box<dyn BlobWriter>, BlobError>;
    /// Opens the blob under `key` for reading.
    async fn open(&self, key: &str) -> Result<BlobReader, BlobError> {
        self.open_at(key, 0).await
    }
    /// Opens the blob under `key` for reading from byte `offset` on (a video's seek, a resumed
    /// download).
    async fn open_at(&self, key: &str, offset: u64) -> Result<BlobReader, BlobError>;
    /// Copies the blob under `from` to the new key `to`.
    async fn copy(&self, from: &str, to: &str) -> Result<(), BlobError>;
    /// Removes the blob under `key` (no error if it is already gone).
    async fn delete(&self, key: &str) -> Result<(), BlobError>;
    /// Every key the store holds (for `portico storage migrate`), in no particular order.
    async fn keys(&self) -> Result<Vec<String>, BlobError>;
    /// Where the blobs are, for logs ("local folder ./data", "s3://bucket at http://…").
    fn describe(&self) -> String;
}

/// A blob being written. Dropping it without `commit` discards what was written.
#[async_trait::async_trait]
pub trait BlobWriter: Send {
    /// Appends a chunk.
    async fn write(&mut self, chunk: &[u8]) -> Result<(), BlobError>;
    /// Makes the blob readable under its key.
    async fn commit(self: Box<Self>) -> Result<(), BlobError>;
}

/// A fresh random key (32 hex characters).
pub fn new_key() -> String {
    crate::backend::auth::new_token()[..32].to_string()
}

/// Whether `key` is one [`new_key`] could have made (stores refuse any other).
fn valid_key(key: &str) -> bool {
    key.len() >= 8 && key.bytes().all(|b| b.is_ascii_hexdigit())
}

/// Stores `bytes` under a fresh key in one go (demo data, a whole email already in memory).
pub async fn put_bytes(blobs: &dyn BlobStore, bytes: &[u8]) -> Result<String, BlobError> {
    let key = new_key();
    let mut writer = blobs.create(&key).await?;
    writer.write(bytes).await?;
    writer.commit().await?;
    Ok(key)
}
