//! Blobs as files under `data_dir`: written to `tmp/` and renamed into `blobs/` on commit (the
//! same file system, so a blob appears whole or not at all); no route serves either folder.
use super::{BlobError, BlobReader, BlobStore, BlobWriter, new_key, valid_key};
use std::path::{Path, PathBuf};
use tokio::io::AsyncWriteExt;

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
    async fn create(&self, key: &str) -> Result<Box<dyn BlobWriter>, BlobError> {
        let target = self.path(key)?;
        let tmp = self.root.join("tmp").join(format!("{}.part", new_key()));
        let file = tokio::fs::File::create(&tmp).await?;
        Ok(Box::new(LocalWriter {
            file: Some(file),
            tmp,
            target,
            committed: false,
        }))
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

    async fn keys(&self) -> Result<Vec<String>, BlobError> {
        let mut keys = Vec::new();
        let mut folders = tokio::fs::read_dir(self.root.join("blobs")).await?;
        while let Some(folder) = folders.next_entry().await? {
            if !folder.file_type().await?.is_dir() {
                continue;
            }
            let mut files = tokio::fs::read_dir(folder.path()).await?;
            while let Some(file) = files.next_entry().await? {
                if let Some(name) = file.file_name().to_str().filter(|n| valid_key(n)) {
                    keys.push(name.to_string());
                }
            }
        }
        Ok(keys)
    }

    fn describe(&self) -> String {
        format!("local folder {}", self.root.join("blobs").display())
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
    target: PathBuf,
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

    async fn commit(mut self: Box<Self>) -> Result<(), BlobError> {
        if let Some(mut f) = self.file.take() {
            f.flush().await?;
            f.sync_all().await?;
        }
        place(&self.tmp, &self.target).await?;
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
