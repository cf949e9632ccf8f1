//! Where processed photos are kept.
//!
//! Behind [`PhotoStore`] so that an S3-compatible store can replace the
//! local disk without touching the upload or serving code. Keys come back
//! from URLs, so [`PhotoKey`] only admits names this module generates.

use std::io;
use std::path::PathBuf;

/// The two renditions of a photo, each stored under its own key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PhotoKind {
    Large,
    Thumb,
}

impl PhotoKind {
    fn suffix(self) -> &'static str {
        match self {
            Self::Large => "-large.jpg",
            Self::Thumb => "-thumb.jpg",
        }
    }
}

/// The name of a stored photo, e.g. `3f2b…9c1d-large.jpg`.
///
/// Only 32 lowercase hex digits and a fixed suffix are accepted, so a key
/// taken from a request can never name a path outside the store (no `/`,
/// `..`, `\`, or NUL) and is safe to use as an object key or a URL segment
/// without escaping.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct PhotoKey(String);

impl PhotoKey {
    /// A fresh, unguessable key: photos of unpublished ideas must not be
    /// found by counting.
    pub fn new_random(kind: PhotoKind) -> Self {
        Self(format!(
            "{}{}",
            uuid::Uuid::new_v4().simple(),
            kind.suffix()
        ))
    }

    /// Accepts exactly the shape [`PhotoKey::new_random`] produces.
    pub fn parse(key: &str) -> Option<Self> {
        let hex = [PhotoKind::Large, PhotoKind::Thumb]
            .into_iter()
            .find_map(|kind| key.strip_suffix(kind.suffix()))?;
        let is_lower_hex = |b: u8| b.is_ascii_digit() || (b'a'..=b'f').contains(&b);
        (hex.len() == 32 && hex.bytes().all(is_lower_hex)).then(|| Self(key.to_owned()))
    }

    pub fn kind(&self) -> PhotoKind {
        if self.0.ends_with(PhotoKind::Thumb.suffix()) {
            PhotoKind::Thumb
        } else {
            PhotoKind::Large
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for PhotoKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

#[async_trait::async_trait]
pub trait PhotoStore: Send + Sync {
    /// Stores `bytes` under `key`, replacing what was there. Readers see
    /// either the old content or all of the new, never a partial photo.
    async fn put(&self, key: &PhotoKey, bytes: Vec<u8>) -> io::Result<()>;
    /// `Ok(None)` when nothing is stored under `key`.
    async fn get(&self, key: &PhotoKey) -> io::Result<Option<Vec<u8>>>;
    /// Succeeds when nothing is stored under `key`, so deleting an idea can
    /// be retried after a partial failure.
    async fn delete(&self, key: &PhotoKey) -> io::Result<()>;
}

/// Photos as files in one directory, named by their keys.
#[derive(Debug, Clone)]
pub struct FileSystemStore {
    root: PathBuf,
}

impl FileSystemStore {
    /// The directory is created on the first `put`, so a fresh install needs
    /// no setup step.
    pub fn new(root: impl Into<PathBuf>) -> Self {
        Self { root: root.into() }
    }

    fn path(&self, key: &PhotoKey) -> PathBuf {
        self.root.join(key.as_str())
    }
}

#[async_trait::async_trait]
impl PhotoStore for FileSystemStore {
    async fn put(&self, key: &PhotoKey, bytes: Vec<u8>) -> io::Result<()> {
        tokio::fs::create_dir_all(&self.root).await?;
        // In the same directory so the rename stays on one file system and is
        // atomic; the leading dot keeps it from ever parsing as a key.
        let temporary = self
            .root
            .join(format!(".{key}.{}.tmp", uuid::Uuid::new_v4().simple()));
        let written = write_durably(&temporary, bytes).await;
        let renamed = match written {
            Ok(()) => tokio::fs::rename(&temporary, self.path(key)).await,
            Err(error) => Err(error),
        };
        if renamed.is_err() {
            // Best effort: the original error is the one worth reporting.
            let _ = tokio::fs::remove_file(&temporary).await;
        }
        renamed
    }

    async fn get(&self, key: &PhotoKey) -> io::Result<Option<Vec<u8>>> {
        match tokio::fs::read(self.path(key)).await {
            Ok(bytes) => Ok(Some(bytes)),
            Err(error) if error.kind() == io::ErrorKind::NotFound => Ok(None),
            Err(error) => Err(error),
        }
    }

    async fn delete(&self, key: &PhotoKey) -> io::Result<()> {
        match tokio::fs::remove_file(self.path(key)).await {
            Err(error) if error.kind() != io::ErrorKind::NotFound => Err(error),
            _ => Ok(()),
        }
    }
}

/// Flushed to disk before the rename makes it visible: otherwise a crash
/// can leave a complete name pointing at an empty file.
async fn write_durably(path: &std::path::Path, bytes: Vec<u8>) -> io::Result<()> {
    tokio::fs::write(path, bytes).await?;
    tokio::fs::OpenOptions::new()
        .write(true)
        .open(path)
        .await?
        .sync_all()
        .await
}

#[cfg(test)]
mod tests {
    use super::*;

    type TestResult = Result<(), Box<dyn std::error::Error>>;

    #[test]
    fn random_keys_parse_back_and_differ() {
        for kind in [PhotoKind::Large, PhotoKind::Thumb] {
            let key = PhotoKey::new_random(kind);
            assert_eq!(PhotoKey::parse(key.as_str()), Some(key.clone()));
            assert_eq!(key.kind(), kind);
            assert_eq!(key.as_str().len(), 42);
            assert_ne!(key, PhotoKey::new_random(kind));
        }
        assert!(
            PhotoKey::new_random(PhotoKind::Large)
                .as_str()
                .ends_with("-large.jpg")
        );
        assert!(
            PhotoKey::new_random(PhotoKind::Thumb)
                .as_str()
                .ends_with("-thumb.jpg")
        );
    }

    #[test]
    fn keys_that_could_leave_the_store_or_were_not_made_here_are_refused() {
        let hex = "0123456789abcdef0123456789abcdef";
        assert!(PhotoKey::parse(&format!("{hex}-large.jpg")).is_some());
        assert!(PhotoKey::parse(&format!("{hex}-thumb.jpg")).is_some());
        for bad in [
            "../etc/passwd".to_owned(),
            "a/b".to_owned(),
            "".to_owned(),
            "-large.jpg".to_owned(),
            format!("{}-large.jpg", hex.to_uppercase()),
            format!("../{hex}-large.jpg"),
            format!("{hex}/../../x-large.jpg"),
            format!("{}/-large.jpg", &hex[..31]),
            format!("{}..-large.jpg", &hex[..30]),
            format!("{}\\-large.jpg", &hex[..31]),
            format!("{}\0-large.jpg", &hex[..31]),
            format!("{hex}-large.png"),
            format!("{hex}-small.jpg"),
            format!("{hex}-large.jpg/"),
            format!("{hex}-large.jpg.tmp"),
            format!(".{hex}-large.jpg"),
            format!("{hex}0-large.jpg"),
            format!("{}-large.jpg", &hex[..31]),
            format!("{}g-large.jpg", &hex[..31]),
            format!("{}é-large.jpg", &hex[..30]),
        ] {
            assert_eq!(PhotoKey::parse(&bad), None, "{bad:?}");
        }
    }

    #[tokio::test]
    async fn files_round_trip_and_missing_ones_are_not_errors() -> TestResult {
        let dir = tempfile::tempdir()?;
        // Not there yet: the first put creates it.
        let store = FileSystemStore::new(dir.path().join("uploads").join("photos"));
        let key = PhotoKey::new_random(PhotoKind::Large);

        assert_eq!(store.get(&key).await?, None);
        store.delete(&key).await?;

        store.put(&key, b"first".to_vec()).await?;
        assert_eq!(store.get(&key).await?.as_deref(), Some(&b"first"[..]));
        store.put(&key, b"second".to_vec()).await?;
        assert_eq!(store.get(&key).await?.as_deref(), Some(&b"second"[..]));

        let other = PhotoKey::new_random(PhotoKind::Thumb);
        store.put(&other, vec![7; 1000]).await?;

        // Only the photos themselves: no temporary files left behind.
        let mut names = Vec::new();
        let mut entries = tokio::fs::read_dir(dir.path().join("uploads/photos")).await?;
        while let Some(entry) = entries.next_entry().await? {
            names.push(entry.file_name().to_string_lossy().into_owned());
        }
        names.sort();
        let mut expected = vec![key.to_string(), other.to_string()];
        expected.sort();
        assert_eq!(names, expected);

        store.delete(&key).await?;
        assert_eq!(store.get(&key).await?, None);
        store.delete(&key).await?;
        assert_eq!(store.get(&other).await?, Some(vec![7; 1000]));
        Ok(())
    }

    #[tokio::test]
    async fn the_store_can_be_shared_as_a_trait_object() -> TestResult {
        let dir = tempfile::tempdir()?;
        let store: std::sync::Arc<dyn PhotoStore> =
            std::sync::Arc::new(FileSystemStore::new(dir.path()));
        let key = PhotoKey::new_random(PhotoKind::Thumb);
        let writer = {
            let store = store.clone();
            let key = key.clone();
            tokio::spawn(async move { store.put(&key, vec![1, 2, 3]).await })
        };
        writer.await??;
        assert_eq!(store.get(&key).await?, Some(vec![1, 2, 3]));
        Ok(())
    }
}
