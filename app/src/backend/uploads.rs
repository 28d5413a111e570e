//! Where attachment bytes live: the [`BlobStore`] interface and its local-disk implementation.
//!
//! Uploads stream through a [`BlobWriter`] chunk by chunk (never a whole file in memory); nothing
//! is visible under a key until `commit`, and a writer dropped without `commit` leaves nothing
//! behind. The local store writes to `data_dir/tmp/` and renames into `data_dir/blobs/`, which no
//! route serves. An S3-compatible store maps the same calls onto a multipart upload (create, parts,
//! complete or abort), `CopyObject`, `GetObject` and `DeleteObject`.
use std::path::{Path, PathBuf};
use tokio::io::{AsyncRead, AsyncWriteExt};

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

/// Storage for attachment bytes, by key. Keys come from [`new_key`]; callers never pass names
/// people chose.
#[async_trait::async_trait]
pub trait BlobStore: Send + Sync + 'static {
    /// Starts writing a new blob.
    async fn create(&self) -> Result<Box<dyn BlobWriter>, BlobError>;
    /// Opens the blob under `key` for reading.
    async fn open(&self, key: &str) -> Result<BlobReader, BlobError>;
    /// Opens the blob under `key` for reading from byte `offset` on (a video's seek, a resumed
    /// download). By default it reads up to `offset` and drops those bytes; a store that can seek
    /// does.
    async fn open_at(&self, key: &str, offset: u64) -> Result<BlobReader, BlobError> {
        use tokio::io::AsyncReadExt;
        let mut reader = self.open(key).await?;
        tokio::io::copy(&mut (&mut reader).take(offset), &mut tokio::io::sink()).await?;
        Ok(reader)
    }
    /// Copies the blob under `from` to the new key `to`.
    async fn copy(&self, from: &str, to: &str) -> Result<(), BlobError>;
    /// Removes the blob under `key` (no error if it is already gone).
    async fn delete(&self, key: &str) -> Result<(), BlobError>;
}

/// A blob being written. Dropping it without `commit` discards what was written.
#[async_trait::async_trait]
pub trait BlobWriter: Send {
    /// Appends a chunk.
    async fn write(&mut self, chunk: &[u8]) -> Result<(), BlobError>;
    /// Makes the blob readable under `key`.
    async fn commit(self: Box<Self>, key: &str) -> Result<(), BlobError>;
}

/// A fresh random key (32 hex characters).
pub fn new_key() -> String {
    crate::backend::auth::new_token()[..32].to_string()
}

fn valid_key(key: &str) -> bool {
    key.len() >= 8 && key.bytes().all(|b| b.is_ascii_hexdigit())
}

/// Blobs as files under a folder: `blobs/<first two of key>/<key>`, written via `tmp/`.
#[derive(Debug, Clone)]
pub struct LocalBlobStore {
    root: PathBuf,
}

impl LocalBlobStore {
    /// A store under `data_dir` (creates its folders).
    pub fn new(data_dir: &Path) -> std::io::Result<Self> {
        std::fs::create_dir_all(data_dir.join("blobs"))?;
        std::fs::create_dir_all(data_dir.join("tmp"))?;
        Ok(Self {
            root: data_dir.to_path_buf(),
        })
    }

    fn path(&self, key: &str) -> Result<PathBuf, BlobError> {
        if !valid_key(key) {
            return Err(BlobError::InvalidKey);
        }
        Ok(self.root.join("blobs").join(&key[..2]).join(key))
    }
}

fn not_found(e: std::io::Error) -> BlobError {
    if e.kind() == std::io::ErrorKind::NotFound {
        BlobError::NotFound
    } else {
        BlobError::Io(e)
    }
}

#[async_trait::async_trait]
impl BlobStore for LocalBlobStore {
    async fn create(&self) -> Result<Box<dyn BlobWriter>, BlobError> {
        let tmp = self.root.join("tmp").join(format!("{}.part", new_key()));
        let file = tokio::fs::File::create(&tmp).await?;
        Ok(Box::new(LocalWriter {
            file: Some(file),
            tmp,
            root: self.root.clone(),
            committed: false,
        }))
    }

    async fn open(&self, key: &str) -> Result<BlobReader, BlobError> {
        let file = tokio::fs::File::open(self.path(key)?)
            .await
            .map_err(not_found)?;
        Ok(Box::new(file))
    }

    async fn open_at(&self, key: &str, offset: u64) -> Result<BlobReader, BlobError> {
        use tokio::io::AsyncSeekExt;
        let mut file = tokio::fs::File::open(self.path(key)?)
            .await
            .map_err(not_found)?;
        file.seek(std::io::SeekFrom::Start(offset)).await?;
        Ok(Box::new(file))
    }

    async fn copy(&self, from: &str, to: &str) -> Result<(), BlobError> {
        let source = self.path(from)?;
        let target = self.path(to)?;
        let tmp = self.root.join("tmp").join(format!("{}.part", new_key()));
        if let Err(e) = tokio::fs::copy(&source, &tmp).await {
            let _ = tokio::fs::remove_file(&tmp).await;
            return Err(not_found(e));
        }
        place(&tmp, &target).await
    }

    async fn delete(&self, key: &str) -> Result<(), BlobError> {
        match tokio::fs::remove_file(self.path(key)?).await {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
            Err(e) => Err(e.into()),
        }
    }
}

/// Moves a finished temporary file to its place (same file system, so the rename is atomic).
async fn place(tmp: &Path, target: &Path) -> Result<(), BlobError> {
    let result = async {
        if let Some(dir) = target.parent() {
            tokio::fs::create_dir_all(dir).await?;
        }
        tokio::fs::rename(tmp, target).await
    }
    .await;
    if let Err(e) = result {
        let _ = tokio::fs::remove_file(tmp).await;
        return Err(e.into());
    }
    Ok(())
}

struct LocalWriter {
    file: Option<tokio::fs::File>,
    tmp: PathBuf,
    root: PathBuf,
    committed: bool,
}

#[async_trait::async_trait]
impl BlobWriter for LocalWriter {
    async fn write(&mut self, chunk: &[u8]) -> Result<(), BlobError> {
        match self.file.as_mut() {
            Some(f) => Ok(f.write_all(chunk).await?),
            None => Err(BlobError::Io(std::io::Error::other("writer closed"))),
        }
    }

    async fn commit(mut self: Box<Self>, key: &str) -> Result<(), BlobError> {
        if !valid_key(key) {
            return Err(BlobError::InvalidKey);
        }
        if let Some(mut f) = self.file.take() {
            f.flush().await?;
            f.sync_all().await?;
        }
        let target = self.root.join("blobs").join(&key[..2]).join(key);
        place(&self.tmp, &target).await?;
        self.committed = true;
        Ok(())
    }
}

impl Drop for LocalWriter {
    fn drop(&mut self) {
        if !self.committed {
            self.file.take();
            // Synchronous, but a single unlink; the upload was refused or broken off anyway.
            let _ = std::fs::remove_file(&self.tmp);
        }
    }
}
