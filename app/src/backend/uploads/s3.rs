//! Blobs in an S3-compatible object store, so that several `portico` processes share them.
//!
//! rusty-s3 signs each request (AWS Signature Version 4, as a presigned URL) and hyper sends it.
//! A blob is written as one `PutObject` when it fits in a part, else as a multipart upload whose
//! parts are [`PART_BYTES`] each: at most one part of an upload is in memory, never the whole file.
//! Nothing is visible under the key until the upload completes; a writer dropped before `commit`
//! aborts its multipart upload. Reads stream the response body; `open_at` asks for a byte range.
use super::{BlobError, BlobReader, BlobStore, BlobWriter, valid_key};
use crate::backend::outbound::HttpClient;
use bytes::Bytes;
use futures_util::TryStreamExt;
use http::{Method, Request, Response, StatusCode};
use http_body_util::{BodyExt, Full};
use hyper::body::Incoming;
use rusty_s3::{Bucket, Credentials, S3Action, UrlStyle};
use std::sync::Arc;
use std::time::Duration;
use url::Url;

/// The size of each part of a multipart upload (S3 wants at least 5 MiB but for the last).
pub const PART_BYTES: usize = 8 * 1024 * 1024;
/// How long a signed request stays valid: long enough for a slow part, short enough to be useless
/// in a log.
const SIGNED_FOR: Duration = Duration::from_secs(15 * 60);
/// How long a request without a streamed body may take before the store counts as down.
const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);
/// The largest piece of an error answer kept for the log.
const ERROR_SNIPPET: usize = 300;

/// Where the blobs are: `PORTICO_STORAGE_URL=s3://bucket[/prefix]?endpoint=…&region=…[&style=…]`.
///
/// `endpoint` defaults to AWS (`https://s3.<region>.amazonaws.com`, virtual-host style); with an
/// endpoint of its own, a store is addressed path style (`<endpoint>/<bucket>/<key>`), which every
/// S3-compatible server understands; `style=virtual` or `style=path` overrides either default.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct S3Location {
    /// The bucket's name.
    pub bucket: String,
    /// What every key starts with inside the bucket ("" or ends with `/`).
    pub prefix: String,
    /// The server's base URL.
    pub endpoint: Url,
    /// The region the requests are signed for.
    pub region: String,
    /// Whether the bucket is a path segment (rather than part of the host name).
    pub path_style: bool,
}

impl S3Location {
    /// Reads an `s3://` URL; the error says what is wrong in words for an operator.
    pub fn parse(text: &str) -> Result<Self, String> {
        let url = Url::parse(text).map_err(|e| format!("not a URL ({e})"))?;
        if url.scheme() != "s3" {
            return Err("must start with s3://".into());
        }
        let bucket = url
            .host_str()
            .filter(|b| !b.is_empty())
            .ok_or("names no bucket (s3://bucket?…)")?
            .to_string();
        let mut prefix = url.path().trim_matches('/').to_string();
        if !prefix.is_empty() {
            prefix.push('/');
        }
        let mut region = None;
        let mut endpoint = None;
        let mut style = None;
        for (name, value) in url.query_pairs() {
            match name.as_ref() {
                "region" => region = Some(value.into_owned()),
                "endpoint" => {
                    let parsed =
                        Url::parse(&value).map_err(|e| format!("endpoint is not a URL ({e})"))?;
                    if !matches!(parsed.scheme(), "http" | "https") {
                        return Err("endpoint must be http:// or https://".into());
                    }
                    endpoint = Some(parsed);
                }
                "style" => match value.as_ref() {
                    "path" => style = Some(true),
                    "virtual" => style = Some(false),
                    other => return Err(format!("style must be path or virtual, not {other}")),
                },
                other => return Err(format!("unknown parameter {other}")),
            }
        }
        let region = region.unwrap_or_else(|| "us-east-1".to_string());
        let (endpoint, path_style) = match endpoint {
            Some(endpoint) => (endpoint, style.unwrap_or(true)),
            None => {
                let aws = format!("https://s3.{region}.amazonaws.com");
                (
                    Url::parse(&aws).map_err(|e| e.to_string())?,
                    style.unwrap_or(false),
                )
            }
        };
        Ok(Self {
            bucket,
            prefix,
            endpoint,
            region,
            path_style,
        })
    }
}

impl std::fmt::Display for S3Location {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "s3://{}/{} at {}",
            self.bucket, self.prefix, self.endpoint
        )
    }
}

/// An object store to use: where, and the credentials that sign for it.
#[derive(Debug, Clone)]
pub struct ObjectStorage {
    /// Bucket, prefix and server.
    pub location: S3Location,
    /// The key and secret (`Credentials::from_env`: the AWS variables).
    pub credentials: Credentials,
}

/// Blobs as objects of one bucket, named `<prefix><key>`.
#[derive(Clone)]
pub struct S3BlobStore {
    inner: Arc<Inner>,
}

struct Inner {
    bucket: Bucket,
    credentials: Credentials,
    prefix: String,
    client: HttpClient,
    described: String,
}

impl S3BlobStore {
    /// A store for `storage`. Sends nothing yet: [`S3BlobStore::check`] does.
    pub fn new(storage: &ObjectStorage) -> Result<Self, String> {
        let location = &storage.location;
        let style = if location.path_style {
            UrlStyle::Path
        } else {
            UrlStyle::VirtualHost
        };
        let bucket = Bucket::new(
            location.endpoint.clone(),
            style,
            location.bucket.clone(),
            location.region.clone(),
        )
        .map_err(|e| format!("cannot address bucket {}: {e}", location.bucket))?;
        let client = crate::backend::outbound::client()?;
        Ok(Self {
            inner: Arc::new(Inner {
                bucket,
                credentials: storage.credentials.clone(),
                prefix: location.prefix.clone(),
                client,
                described: location.to_string(),
            }),
        })
    }

    /// Asks the bucket whether it is there and these credentials may use it (at start-up, so a
    /// wrong URL fails loudly before the first upload does).
    pub async fn check(&self) -> Result<(), BlobError> {
        let inner = &self.inner;
        let url = inner
            .bucket
            .head_bucket(Some(&inner.credentials))
            .sign(SIGNED_FOR);
        match inner.send(Method::HEAD, url, &[], Bytes::new()).await {
            Ok(_) => Ok(()),
            // A HEAD answer has no body to tell a missing bucket from anything else.
            Err(BlobError::NotFound) => Err(BlobError::Remote("no such bucket".into())),
            Err(e) => Err(e),
        }
    }

    /// Makes the bucket (tests and `portico storage migrate --create-bucket`); no error if it is
    /// there already and ours.
    pub async fn create_bucket(&self) -> Result<(), BlobError> {
        let inner = &self.inner;
        let url = inner
            .bucket
            .create_bucket(&inner.credentials)
            .sign(SIGNED_FOR);
        match inner.send(Method::PUT, url, &[], Bytes::new()).await {
            Ok(_) => Ok(()),
            Err(BlobError::Remote(message)) if message.contains("BucketAlreadyOwnedByYou") => {
                Ok(())
            }
            Err(e) => Err(e),
        }
    }

    /// Multipart uploads under the prefix that were neither completed nor aborted (tests: a
    /// broken-off upload must leave none).
    pub async fn open_uploads(&self) -> Result<usize, BlobError> {
        let inner = &self.inner;
        // ListMultipartUploads is not among rusty-s3's actions: sign the bucket's URL as a
        // ListObjectsV2 would be, with `uploads` in place of its parameters.
        let mut action = inner.bucket.list_objects_v2(Some(&inner.credentials));
        action.query_mut().remove("list-type");
        action.query_mut().insert("uploads", "");
        if !inner.prefix.is_empty() {
            action.query_mut().insert("prefix", inner.prefix.clone());
        }
        let response = inner
            .send(Method::GET, action.sign(SIGNED_FOR), &[], Bytes::new())
            .await?;
        let body = read_text(response).await?;
        Ok(body.matches("<UploadId>").count())
    }
}

impl Inner {
    fn object(&self, key: &str) -> Result<String, BlobError> {
        if !valid_key(key) {
            return Err(BlobError::InvalidKey);
        }
        Ok(format!("{}{key}", self.prefix))
    }

    /// Sends one request; any answer but 2xx becomes an error (404 is [`BlobError::NotFound`]).
    async fn send(
        &self,
        method: Method,
        url: Url,
        headers: &[(&str, &str)],
        body: Bytes,
    ) -> Result<Response<Incoming>, BlobError> {
        // hyper leaves out `Content-Length: 0`, which S3 servers want on a PUT or POST.
        let sends_body = matches!(method, Method::PUT | Method::POST);
        let mut request = Request::builder().method(method).uri(url.as_str());
        if sends_body {
            request = request.header(http::header::CONTENT_LENGTH, body.len());
        }
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        let request = request
            .body(Full::new(body))
            .map_err(|e| BlobError::Remote(e.to_string()))?;
        let response = tokio::time::timeout(REQUEST_TIMEOUT, self.client.request(request))
            .await
            .map_err(|_| unreachable_store("no answer in time"))?
            .map_err(|e| unreachable_store(&e.to_string()))?;
        let status = response.status();
        if status.is_success() {
            return Ok(response);
        }
        if status == StatusCode::NOT_FOUND {
            let text = read_text(response).await.unwrap_or_default();
            if !text.contains("NoSuchBucket") {
                return Err(BlobError::NotFound);
            }
            return Err(BlobError::Remote(format!("{status}: {}", snippet(&text))));
        }
        let text = read_text(response).await.unwrap_or_default();
        Err(BlobError::Remote(format!("{status}: {}", snippet(&text))))
    }

    async fn abort(&self, object: &str, upload: &str) {
        let url = self
            .bucket
            .abort_multipart_upload(Some(&self.credentials), object, upload)
            .sign(SIGNED_FOR);
        if let Err(e) = self.send(Method::DELETE, url, &[], Bytes::new()).await {
            tracing::warn!(error = %e, object, "object store: aborting an upload failed");
        }
    }
}

fn unreachable_store(why: &str) -> BlobError {
    BlobError::Io(std::io::Error::new(
        std::io::ErrorKind::ConnectionRefused,
        format!("object store unreachable: {why}"),
    ))
}

fn snippet(text: &str) -> String {
    text.chars().take(ERROR_SNIPPET).collect()
}

async fn read_text(response: Response<Incoming>) -> Result<String, BlobError> {
    let bytes = tokio::time::timeout(REQUEST_TIMEOUT, response.into_body().collect())
        .await
        .map_err(|_| unreachable_store("answer cut off"))?
        .map_err(|e| unreachable_store(&e.to_string()))?
        .to_bytes();
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

fn etag(response: &Response<Incoming>) -> Result<String, BlobError> {
    response
        .headers()
        .get(http::header::ETAG)
        .and_then(|v| v.to_str().ok())
        .map(str::to_string)
        .ok_or_else(|| BlobError::Remote("a part was stored without an ETag".into()))
}

#[async_trait::async_trait]
impl BlobStore for S3BlobStore {
    async fn create(&self, key: &str) -> Result<Box<dyn BlobWriter>, BlobError> {
        let object = self.inner.object(key)?;
        Ok(Box::new(S3Writer {
            inner: self.inner.clone(),
            object,
            buffer: Vec::new(),
            upload: None,
            etags: Vec::new(),
            finished: false,
        }))
    }

    async fn open_at(&self, key: &str, offset: u64) -> Result<BlobReader, BlobError> {
        let inner = &self.inner;
        let object = inner.object(key)?;
        let url = inner
            .bucket
            .get_object(Some(&inner.credentials), &object)
            .sign(SIGNED_FOR);
        let range = format!("bytes={offset}-");
        let headers: &[(&str, &str)] = if offset > 0 {
            &[("range", &range)]
        } else {
            &[]
        };
        let response = inner.send(Method::GET, url, headers, Bytes::new()).await?;
        let stream = response
            .into_body()
            .into_data_stream()
            .map_err(|e| std::io::Error::other(format!("object store: download cut off: {e}")));
        Ok(Box::new(tokio_util::io::StreamReader::new(stream)))
    }

    async fn copy(&self, from: &str, to: &str) -> Result<(), BlobError> {
        let inner = &self.inner;
        let source = format!("/{}/{}", inner.bucket.name(), inner.object(from)?);
        let target = inner.object(to)?;
        let mut action = inner.bucket.put_object(Some(&inner.credentials), &target);
        action
            .headers_mut()
            .insert("x-amz-copy-source", source.clone());
        let url = action.sign(SIGNED_FOR);
        let response = inner
            .send(
                Method::PUT,
                url,
                &[("x-amz-copy-source", &source)],
                Bytes::new(),
            )
            .await?;
        // CopyObject may answer 200 and put its error in the body.
        let body = read_text(response).await?;
        if body.contains("<Error>") {
            if body.contains("NoSuchKey") {
                return Err(BlobError::NotFound);
            }
            return Err(BlobError::Remote(snippet(&body)));
        }
        Ok(())
    }

    async fn delete(&self, key: &str) -> Result<(), BlobError> {
        let inner = &self.inner;
        let object = inner.object(key)?;
        let url = inner
            .bucket
            .delete_object(Some(&inner.credentials), &object)
            .sign(SIGNED_FOR);
        match inner.send(Method::DELETE, url, &[], Bytes::new()).await {
            Ok(_) | Err(BlobError::NotFound) => Ok(()),
            Err(e) => Err(e),
        }
    }

    async fn keys(&self) -> Result<Vec<String>, BlobError> {
        let inner = &self.inner;
        let mut keys = Vec::new();
        let mut token: Option<String> = None;
        loop {
            let mut action = inner.bucket.list_objects_v2(Some(&inner.credentials));
            if !inner.prefix.is_empty() {
                action.with_prefix(inner.prefix.as_str());
            }
            if let Some(token) = &token {
                action.with_continuation_token(token.clone());
            }
            let url = action.sign(SIGNED_FOR);
            let response = inner.send(Method::GET, url, &[], Bytes::new()).await?;
            let text = read_text(response).await?;
            let page = rusty_s3::actions::ListObjectsV2::parse_response(&text)
                .map_err(|e| BlobError::Remote(format!("unreadable object list: {e}")))?;
            keys.extend(page.contents.into_iter().filter_map(|object| {
                let key = object.key.strip_prefix(&inner.prefix)?;
                valid_key(key).then(|| key.to_string())
            }));
            match page.next_continuation_token {
                Some(next) => token = Some(next),
                None => return Ok(keys),
            }
        }
    }

    fn describe(&self) -> String {
        self.inner.described.clone()
    }
}

struct S3Writer {
    inner: Arc<Inner>,
    object: String,
    /// Bytes not yet sent (less than a part, but for the moment a write fills one).
    buffer: Vec<u8>,
    /// The multipart upload, once the blob proved larger than a part.
    upload: Option<String>,
    etags: Vec<String>,
    finished: bool,
}

impl S3Writer {
    async fn send_part(&mut self, part: Bytes) -> Result<(), BlobError> {
        let inner = self.inner.clone();
        let upload = match &self.upload {
            Some(upload) => upload.clone(),
            None => {
                let url = inner
                    .bucket
                    .create_multipart_upload(Some(&inner.credentials), &self.object)
                    .sign(SIGNED_FOR);
                let response = inner.send(Method::POST, url, &[], Bytes::new()).await?;
                let text = read_text(response).await?;
                let created = rusty_s3::actions::CreateMultipartUpload::parse_response(&text)
                    .map_err(|e| BlobError::Remote(format!("unreadable upload id: {e}")))?;
                let upload = created.upload_id().to_string();
                self.upload = Some(upload.clone());
                upload
            }
        };
        let number = u16::try_from(self.etags.len() + 1)
            .map_err(|_| BlobError::Remote("more than 65,535 parts".into()))?;
        let url = inner
            .bucket
            .upload_part(Some(&inner.credentials), &self.object, number, &upload)
            .sign(SIGNED_FOR);
        let response = inner.send(Method::PUT, url, &[], part).await?;
        self.etags.push(etag(&response)?);
        Ok(())
    }
}

#[async_trait::async_trait]
impl BlobWriter for S3Writer {
    async fn write(&mut self, chunk: &[u8]) -> Result<(), BlobError> {
        self.buffer.extend_from_slice(chunk);
        while self.buffer.len() >= PART_BYTES {
            let rest = self.buffer.split_off(PART_BYTES);
            let part = std::mem::replace(&mut self.buffer, rest);
            self.send_part(Bytes::from(part)).await?;
        }
        Ok(())
    }

    async fn commit(mut self: Box<Self>) -> Result<(), BlobError> {
        let inner = self.inner.clone();
        let rest = Bytes::from(std::mem::take(&mut self.buffer));
        if self.upload.is_none() {
            let url = inner
                .bucket
                .put_object(Some(&inner.credentials), &self.object)
                .sign(SIGNED_FOR);
            inner.send(Method::PUT, url, &[], rest).await?;
            self.finished = true;
            return Ok(());
        }
        if !rest.is_empty() {
            self.send_part(rest).await?;
        }
        let upload = self.upload.clone().unwrap_or_default();
        let action = inner.bucket.complete_multipart_upload(
            Some(&inner.credentials),
            &self.object,
            &upload,
            self.etags.iter().map(String::as_str),
        );
        let url = action.sign(SIGNED_FOR);
        let body = action.body();
        let response = inner
            .send(Method::POST, url, &[], Bytes::from(body))
            .await?;
        // CompleteMultipartUpload may answer 200 and put its error in the body.
        let text = read_text(response).await?;
        if text.contains("<Error>") {
            return Err(BlobError::Remote(snippet(&text)));
        }
        self.finished = true;
        Ok(())
    }
}

impl Drop for S3Writer {
    fn drop(&mut self) {
        if self.finished {
            return;
        }
        if let (Some(upload), Ok(runtime)) =
            (self.upload.take(), tokio::runtime::Handle::try_current())
        {
            let inner = self.inner.clone();
            let object = std::mem::take(&mut self.object);
            runtime.spawn(async move { inner.abort(&object, &upload).await });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::S3Location;

    #[test]
    fn reads_a_storage_url() {
        let l =
            S3Location::parse("s3://files/portico?endpoint=http://127.0.0.1:9000&region=eu-west-1")
                .expect("valid");
        assert_eq!(l.bucket, "files");
        assert_eq!(l.prefix, "portico/");
        assert_eq!(l.endpoint.as_str(), "http://127.0.0.1:9000/");
        assert_eq!(l.region, "eu-west-1");
        assert!(
            l.path_style,
            "an endpoint of its own is addressed path style"
        );

        let aws = S3Location::parse("s3://files?region=eu-central-1").expect("valid");
        assert_eq!(
            aws.endpoint.as_str(),
            "https://s3.eu-central-1.amazonaws.com/"
        );
        assert!(!aws.path_style);
        assert_eq!(aws.prefix, "");
    }

    #[test]
    fn says_what_is_wrong_with_a_storage_url() {
        for (url, says) in [
            ("http://files", "s3://"),
            ("s3://?region=x", "bucket"),
            ("s3://files?endpoint=ftp://x", "http"),
            ("s3://files?style=sideways", "style"),
            ("s3://files?bucket=x", "unknown parameter bucket"),
        ] {
            let err = S3Location::parse(url).expect_err(url);
            assert!(err.contains(says), "{url}: {err}");
        }
    }
}
