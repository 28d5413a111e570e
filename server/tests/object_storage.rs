//! Attachments in an S3-compatible object store (`PORTICO_STORAGE_URL`), against a real server
//! process on loopback (moto's server mode): the store streams both ways and writes large files as
//! multipart uploads, a blob appears only whole, the app uploads and downloads through it, a store
//! that is down makes an upload fail with a clear message and leaves nothing, and
//! `portico storage migrate` copies a folder's files into a bucket, verified by their hashes.
mod common;

use app::backend::uploads::{BlobError, BlobStore, PART_BYTES, new_key};
use app::domain::Role;
use common::{ObjectStoreServer, Reply, TestApp, TestDb, multipart, post_multipart};
use sha2::{Digest, Sha256};
use tokio::io::AsyncReadExt;

const PASSWORD: &str = "correct horse battery";

async fn read_all(blobs: &dyn BlobStore, key: &str, offset: u64) -> Result<Vec<u8>, BlobError> {
    let mut reader = blobs.open_at(key, offset).await?;
    let mut out = Vec::new();
    reader.read_to_end(&mut out).await?;
    Ok(out)
}

/// `len` bytes that differ from place to place (a shifted part would not compare equal).
fn pattern(len: usize) -> Vec<u8> {
    (0..len)
        .map(|i| (i % 251) as u8 ^ (i / 65_536) as u8)
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_object_store_keeps_small_and_multipart_blobs_whole() {
    let server = ObjectStoreServer::start();
    let blobs = server.store("blobs").await;

    // A small blob: one PutObject; readable whole, from an offset, copied, deleted.
    let small = new_key();
    let mut writer = blobs.create(&small).await.expect("create");
    writer.write(b"hello ").await.expect("write");
    writer.write(b"object store").await.expect("write");
    assert!(
        matches!(read_all(&blobs, &small, 0).await, Err(BlobError::NotFound)),
        "nothing is readable before the commit"
    );
    writer.commit().await.expect("commit");
    assert_eq!(
        read_all(&blobs, &small, 0).await.expect("read"),
        b"hello object store"
    );
    assert_eq!(
        read_all(&blobs, &small, 6).await.expect("range"),
        b"object store"
    );
    let copy = new_key();
    blobs.copy(&small, &copy).await.expect("copy");
    assert_eq!(
        read_all(&blobs, &copy, 0).await.expect("read copy"),
        b"hello object store"
    );
    blobs.delete(&small).await.expect("delete");
    assert!(matches!(
        read_all(&blobs, &small, 0).await,
        Err(BlobError::NotFound)
    ));
    blobs
        .delete(&small)
        .await
        .expect("deleting twice is no error");
    assert!(matches!(
        blobs.copy(&small, &new_key()).await,
        Err(BlobError::NotFound)
    ));

    // A blob of two and a half parts, written in 1 MiB chunks: a multipart upload, read back
    // byte for byte, and from an offset inside the second part.
    let large = pattern(PART_BYTES * 5 / 2);
    let key = new_key();
    let mut writer = blobs.create(&key).await.expect("create");
    for chunk in large.chunks(1 << 20) {
        writer.write(chunk).await.expect("write");
    }
    writer.commit().await.expect("commit");
    let back = read_all(&blobs, &key, 0).await.expect("read");
    assert_eq!(back.len(), large.len());
    assert_eq!(Sha256::digest(&back), Sha256::digest(&large));
    let offset = PART_BYTES as u64 + 12_345;
    let tail = read_all(&blobs, &key, offset).await.expect("range");
    assert_eq!(tail, large[offset as usize..]);

    // A writer dropped after its first part (an upload broken off): no object, and its multipart
    // upload is aborted rather than left to cost storage.
    let broken = new_key();
    let mut writer = blobs.create(&broken).await.expect("create");
    writer
        .write(&pattern(PART_BYTES + 10))
        .await
        .expect("write");
    assert_eq!(
        blobs.open_uploads().await.expect("uploads"),
        1,
        "the part went out"
    );
    drop(writer);
    let mut open = 1;
    for _ in 0..50 {
        open = blobs.open_uploads().await.expect("uploads");
        if open == 0 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert_eq!(open, 0, "the broken-off upload was aborted");
    assert!(matches!(
        read_all(&blobs, &broken, 0).await,
        Err(BlobError::NotFound)
    ));

    let mut keys = blobs.keys().await.expect("keys");
    keys.sort();
    let mut expected = vec![copy, key];
    expected.sort();
    assert_eq!(
        keys, expected,
        "the bucket holds exactly the committed blobs"
    );
}

/// `portico` with `env` on a new SQLite database; its exit code and what it printed.
fn portico(args: &[&str], env: &[(&str, &str)]) -> (Option<i32>, String) {
    let db = TestDb::sqlite();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_portico"))
        .args(args)
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("PORTICO_DATABASE_URL", &db.url)
        .env("PORTICO_DATA_DIR", db.dir().join("files"))
        .env(
            "PORTICO_LISTEN",
            format!("127.0.0.1:{}", common::closed_port()),
        )
        .envs(env.iter().copied())
        .output()
        .expect("run portico");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.code(), text)
}

#[test]
fn a_portal_does_not_start_on_an_object_store_it_cannot_use() {
    let url = format!(
        "s3://files?endpoint=http://127.0.0.1:{}&region=eu-west-1",
        common::closed_port()
    );
    let (code, text) = portico(&["migrate"], &[("PORTICO_STORAGE_URL", &url)]);
    assert_eq!(code, Some(2), "{text}");
    assert!(
        text.contains("PORTICO_STORAGE_URL") && text.contains("AWS_ACCESS_KEY_ID"),
        "without credentials: {text}"
    );
    let (code, text) = portico(
        &["migrate"],
        &[("PORTICO_STORAGE_URL", "s3://files?endpoint=ftp://x")],
    );
    assert_eq!(code, Some(2), "{text}");
    assert!(
        text.contains("endpoint must be http:// or https://"),
        "{text}"
    );
    let (code, text) = portico(
        &["serve", "--dev-mailbox"],
        &[
            ("PORTICO_STORAGE_URL", &url),
            ("AWS_ACCESS_KEY_ID", "portico-test"),
            ("AWS_SECRET_ACCESS_KEY", "secret-test"),
        ],
    );
    assert_ne!(code, Some(0), "{text}");
    assert!(
        text.contains("does not answer") && text.contains("unreachable"),
        "a store that is down stops the start, saying so: {text}"
    );
}

async fn upload(app: &TestApp, cookie: &str, name: &str, bytes: &[u8]) -> Reply {
    let body = multipart(&[], &[("file", name, "application/octet-stream", bytes)]);
    post_multipart(app, "/api/attachments", body, Some(cookie), true).await
}

fn stored_id(reply: &Reply) -> i64 {
    let v: serde_json::Value = serde_json::from_str(&reply.body).expect("JSON");
    v["stored"]["id"]
        .as_i64()
        .unwrap_or_else(|| panic!("not stored: {}", reply.body))
}

/// Every file under the app's data folder (there should be none: the bytes are in the bucket).
fn local_files(app: &TestApp) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    let mut dirs = vec![app.state.settings.data_dir.clone()];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
            if entry.path().is_dir() {
                dirs.push(entry.path());
            } else {
                out.push(entry.path());
            }
        }
    }
    out
}

async fn uploads_and_downloads_go_through_the_object_store(db: TestDb) {
    let mut server = ObjectStoreServer::start();
    let bucket = server.store("files").await;
    let app = TestApp::with_settings(db, |s| {
        s.storage = Some(server.storage("files"));
        s.max_upload_mb = 25;
    })
    .await;
    app.add_user("anna@acme.example", Role::Customer, PASSWORD)
        .await;
    let anna = app.sign_in("anna@acme.example", PASSWORD).await;

    // A 20 MB file (three parts) goes up and comes back byte for byte, also as a range.
    let big = pattern(20_000_000);
    let reply = upload(&app, &anna, "trace.bin", &big).await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    let id = stored_id(&reply);
    let row = app
        .state
        .store
        .get_attachment(app::domain::AttachmentId(id))
        .await
        .expect("store")
        .expect("row");
    assert_eq!(
        bucket.keys().await.expect("keys"),
        vec![row.storage_key.clone()],
        "the bytes are in the bucket"
    );
    assert!(
        local_files(&app).is_empty(),
        "and nowhere on this machine's disk"
    );
    let (got, bytes) = app
        .get_bytes(&format!("/attachments/{id}"), &[("cookie", &anna)])
        .await;
    assert_eq!(got.status, 200);
    assert_eq!(Sha256::digest(&bytes), Sha256::digest(&big));
    let (part, bytes) = app
        .get_bytes(
            &format!("/attachments/{id}"),
            &[("cookie", &anna), ("range", "bytes=19999990-")],
        )
        .await;
    assert_eq!(part.status, 206);
    assert_eq!(bytes, big[19_999_990..]);

    // The store goes down: the upload fails with a clear message and keeps nothing.
    server.stop();
    let reply = upload(&app, &anna, "second.bin", &pattern(3_000_000)).await;
    assert_eq!(reply.status, 503, "{}", reply.body);
    assert!(
        reply.body.contains("\"error\":\"error_file_not_stored\""),
        "the page shows \"The file could not be stored just now, and nothing of it was kept…\": {}",
        reply.body
    );
    let pending = app
        .state
        .store
        .pending_usage(row.uploaded_by)
        .await
        .expect("usage");
    assert_eq!(pending.0, 1, "no row for the failed upload: {pending:?}");
    assert!(local_files(&app).is_empty());

    // Back (empty, as a new store would be): uploads work again without restarting Portico.
    server.restart();
    let bucket = server.store("files").await;
    let reply = upload(&app, &anna, "third.bin", b"after the outage").await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    assert_eq!(bucket.keys().await.expect("keys").len(), 1);
}

async fn migrate_copies_local_files_into_a_bucket_and_verifies_them(db: TestDb) {
    let server = ObjectStoreServer::start();
    let app = TestApp::new(db).await;
    app.add_user("anna@acme.example", Role::Customer, PASSWORD)
        .await;
    let anna = app.sign_in("anna@acme.example", PASSWORD).await;
    let files = [
        ("report.pdf", b"%PDF-1.4 the report".to_vec()),
        ("photo.jpg", pattern(300_000)),
    ];
    let mut ids = Vec::new();
    for (name, bytes) in &files {
        let reply = upload(&app, &anna, name, bytes).await;
        assert_eq!(reply.status, 200, "{}", reply.body);
        ids.push(stored_id(&reply));
    }

    let migrate = |bucket: &str| {
        std::process::Command::new(env!("CARGO_BIN_EXE_portico"))
            .args(["storage", "migrate", "--create-bucket"])
            .env_clear()
            .env("PATH", std::env::var("PATH").unwrap_or_default())
            .env("PORTICO_DATABASE_URL", &app.db.url)
            .env("PORTICO_DATA_DIR", &app.state.settings.data_dir)
            .env("PORTICO_STORAGE_URL", server.url(bucket))
            .env("AWS_ACCESS_KEY_ID", "portico-test")
            .env("AWS_SECRET_ACCESS_KEY", "secret-test")
            .output()
            .expect("run portico")
    };
    let text = |out: &std::process::Output| {
        format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    };
    let first = migrate("moved");
    assert!(first.status.success(), "{}", text(&first));
    assert!(
        text(&first).contains("2 copied (300019 bytes), 0 already there and intact, 0 failed."),
        "{}",
        text(&first)
    );
    let again = migrate("moved");
    assert!(again.status.success(), "{}", text(&again));
    assert!(
        text(&again).contains("0 copied (0 bytes), 2 already there and intact, 0 failed."),
        "a second run copies nothing: {}",
        text(&again)
    );

    // A portal on the bucket (same database) serves both files, byte for byte.
    let moved = TestApp::with_settings(TestDb::existing(&app.db.url), |s| {
        s.storage = Some(server.storage("moved"));
        s.data_dir = app.db.dir().join("elsewhere");
    })
    .await;
    let anna_there = moved.sign_in("anna@acme.example", PASSWORD).await;
    for (id, (_, bytes)) in ids.iter().zip(&files) {
        let (got, body) = moved
            .get_bytes(&format!("/attachments/{id}"), &[("cookie", &anna_there)])
            .await;
        assert_eq!(got.status, 200);
        assert_eq!(&body, bytes);
    }

    // A local file changed since its upload is reported, not copied as if it were fine.
    let row = app
        .state
        .store
        .get_attachment(app::domain::AttachmentId(ids[0]))
        .await
        .expect("store")
        .expect("row");
    let path = app
        .state
        .settings
        .data_dir
        .join("blobs")
        .join(&row.storage_key[..2])
        .join(&row.storage_key);
    std::fs::write(&path, b"tampered").expect("write");
    let bad = migrate("second");
    assert!(!bad.status.success(), "{}", text(&bad));
    assert!(
        text(&bad).contains("1 copied (300000 bytes), 0 already there and intact, 1 failed.")
            && text(&bad).contains("differs from the SHA-256 recorded at its upload"),
        "{}",
        text(&bad)
    );
}

on_both_backends!(
    uploads_and_downloads_go_through_the_object_store,
    migrate_copies_local_files_into_a_bucket_and_verifies_them,
);
