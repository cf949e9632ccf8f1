//! A local S3 server for the photo store's tests: `moto` in server mode
//! (from PyPI; `server/scripts/services.sh` installs it), one bucket,
//! stopped when dropped.

use std::process::Stdio;
use std::time::Duration;

use anyhow::{Context, bail};
use tokio::process::{Child, Command};

pub const BUCKET: &str = "samskap-photos";

pub struct S3Server {
    pub endpoint: String,
    process: Child,
}

impl S3Server {
    pub async fn start() -> anyhow::Result<Self> {
        let port = std::net::TcpListener::bind("127.0.0.1:0")?
            .local_addr()?
            .port();
        let process = Command::new("moto_server")
            .args(["-H", "127.0.0.1", "-p", &port.to_string()])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .kill_on_drop(true)
            .spawn()
            .context("starting moto_server (pip install 'moto[server]')")?;
        let server = Self {
            endpoint: format!("http://127.0.0.1:{port}"),
            process,
        };
        let client = reqwest::Client::new();
        for _ in 0..100 {
            // moto takes requests unsigned: this creates the bucket.
            let made = client.put(server.url(BUCKET)).send().await;
            if made.is_ok_and(|made| made.status().is_success()) {
                return Ok(server);
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        bail!("moto_server did not answer within 10 s")
    }

    fn url(&self, path: &str) -> String {
        format!("{}/{path}", self.endpoint)
    }

    /// The settings an instance needs to keep its photos here, under `prefix`.
    pub fn settings(&self, prefix: &str) -> Vec<(&'static str, String)> {
        vec![
            ("PHOTO_STORE", format!("s3://{BUCKET}/{prefix}")),
            ("AWS_ENDPOINT_URL", self.endpoint.clone()),
            ("AWS_ALLOW_HTTP", "true".to_owned()),
            ("AWS_REGION", "eu-north-1".to_owned()),
            ("AWS_ACCESS_KEY_ID", "samskap-test".to_owned()),
            ("AWS_SECRET_ACCESS_KEY", "samskap-test-secret".to_owned()),
        ]
    }

    /// The keys in the bucket, as S3's own listing gives them.
    pub async fn keys(&self) -> anyhow::Result<Vec<String>> {
        let listing = reqwest::get(self.url(&format!("{BUCKET}?list-type=2")))
            .await?
            .text()
            .await?;
        Ok(listing
            .split("<Key>")
            .skip(1)
            .filter_map(|rest| rest.split_once("</Key>").map(|(key, _)| key.to_owned()))
            .collect())
    }

    /// An object's bytes, straight from the bucket (read signed, as the
    /// bucket is private).
    pub async fn object(&self, key: &str) -> anyhow::Result<Vec<u8>> {
        use object_store::ObjectStore as _;
        let mut client = object_store::aws::AmazonS3Builder::new().with_bucket_name(BUCKET);
        for (name, value) in self.settings("") {
            if let Ok(setting) = name.to_ascii_lowercase().parse() {
                client = client.with_config(setting, value);
            }
        }
        let found = client
            .build()?
            .get(&object_store::path::Path::from(key))
            .await?;
        Ok(found.bytes().await?.to_vec())
    }

    pub fn running(&mut self) -> bool {
        matches!(self.process.try_wait(), Ok(None))
    }
}
