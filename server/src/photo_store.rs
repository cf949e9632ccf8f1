//! Photos in S3-compatible object storage (`PHOTO_STORE=s3://bucket`), so
//! any number of instances serve the same photos: the `object_store`
//! crate's S3 client behind the application's [`PhotoStore`]. A PUT is
//! atomic in S3, so a reader sees the old photo or all of the new one.

use std::io;
use std::sync::Arc;

use anyhow::Context;
use app::features::photos::store::{FileSystemStore, PhotoKey, PhotoStore};
use object_store::ObjectStore;
use object_store::aws::{AmazonS3, AmazonS3Builder};
use object_store::path::Path;

use crate::config::{Config, PhotoStoreConfig};

/// The store `config` names: the data folder, or a bucket.
pub fn from_config(config: &Config) -> anyhow::Result<Arc<dyn PhotoStore>> {
    Ok(match &config.photo_store {
        PhotoStoreConfig::Files => Arc::new(FileSystemStore::new(config.data_dir.join("photos"))),
        PhotoStoreConfig::S3 {
            bucket,
            prefix,
            settings,
        } => {
            let mut builder = AmazonS3Builder::new().with_bucket_name(bucket);
            for (name, value) in &settings.0 {
                let key = name
                    .to_ascii_lowercase()
                    .parse()
                    .with_context(|| format!("{name} is not an S3 setting"))?;
                builder = builder.with_config(key, value);
            }
            let store = builder
                .build()
                .context("cannot use PHOTO_STORE with the AWS_* settings given")?;
            Arc::new(S3Store {
                store,
                prefix: Path::from(prefix.as_str()),
            })
        }
    })
}

struct S3Store {
    store: AmazonS3,
    prefix: Path,
}

impl S3Store {
    fn path(&self, key: &PhotoKey) -> Path {
        // A key is 32 hex digits and a suffix: always one plain segment.
        self.prefix.child(key.as_str())
    }
}

fn io_error(error: object_store::Error) -> io::Error {
    io::Error::other(error)
}

#[async_trait::async_trait]
impl PhotoStore for S3Store {
    async fn put(&self, key: &PhotoKey, bytes: Vec<u8>) -> io::Result<()> {
        self.store
            .put(&self.path(key), bytes.into())
            .await
            .map(|_| ())
            .map_err(io_error)
    }

    async fn get(&self, key: &PhotoKey) -> io::Result<Option<Vec<u8>>> {
        match self.store.get(&self.path(key)).await {
            Ok(found) => Ok(Some(found.bytes().await.map_err(io_error)?.to_vec())),
            Err(object_store::Error::NotFound { .. }) => Ok(None),
            Err(error) => Err(io_error(error)),
        }
    }

    async fn delete(&self, key: &PhotoKey) -> io::Result<()> {
        match self.store.delete(&self.path(key)).await {
            Ok(()) | Err(object_store::Error::NotFound { .. }) => Ok(()),
            Err(error) => Err(io_error(error)),
        }
    }
}
