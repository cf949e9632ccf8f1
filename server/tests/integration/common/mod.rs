//! The integration harness: each test gets the real server on port 0 with a
//! fresh database of its own, on SQLite or PostgreSQL, copied from one
//! migrated template (`template`).

pub mod answers;
pub mod engagement;
pub mod gains;
pub mod ideas;
pub mod instances;
pub mod outbox;
pub mod people;
pub mod pipeline;
pub mod s3;
pub mod smtp;
mod template;

use std::sync::Arc;
use std::time::Duration;

use anyhow::Context;
use app::server::jobs::JobWorker;
use app::server::mail::MailWorker;
use sea_orm::{ConnectionTrait, Database, DatabaseConnection};
use server::config::Config;

/// Polls `check` until it has an answer, for up to 30 seconds.
pub async fn eventually<T, Fut>(what: &str, mut check: impl FnMut() -> Fut) -> anyhow::Result<T>
where
    Fut: std::future::Future<Output = anyhow::Result<Option<T>>>,
{
    let deadline = tokio::time::Instant::now() + Duration::from_secs(30);
    loop {
        if let Some(answer) = check().await? {
            return Ok(answer);
        }
        anyhow::ensure!(
            tokio::time::Instant::now() < deadline,
            "timed out waiting for {what}"
        );
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

pub struct TestApp {
    pub address: String,
    pub client: reqwest::Client,
    pub db: DatabaseConnection,
    pub backend: Backend,
    pub config: Config,
    /// The settings the server keeps; a test that saves settings directly
    /// in the database forgets them, as the admin page does.
    pub settings: app::features::settings::kept::KeptSettings,
    /// `None` while a test has stopped it.
    pub mail_worker: Option<MailWorker>,
    /// Turns notifications into emails; dropped with the app.
    pub job_worker: Option<JobWorker>,
    /// Dropped last (by the last instance using it): removes the database and
    /// the data folder.
    database: Arc<TestDatabase>,
}

/// The PostgreSQL server the tests create their databases on.
fn postgres_admin_url() -> String {
    std::env::var("TEST_POSTGRES_URL").unwrap_or_else(|_| {
        "postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable".to_owned()
    })
}

enum TestDatabase {
    Sqlite(tempfile::TempDir),
    Postgres {
        name: String,
        data_dir: tempfile::TempDir,
    },
}

impl TestDatabase {
    async fn create(backend: Backend) -> anyhow::Result<(Self, String)> {
        match backend {
            Backend::Sqlite => {
                let dir = tempfile::tempdir()?;
                let file = dir.path().join("samskap.db");
                template::create_sqlite_database(&file).await?;
                let url = format!("sqlite://{}?mode=rwc", file.display());
                Ok((Self::Sqlite(dir), url))
            }
            Backend::Postgres => {
                let admin_url = postgres_admin_url();
                let name = format!("samskap_test_{}", uuid::Uuid::new_v4().simple());
                template::create_postgres_database(&admin_url, &name).await?;
                let url = database_url_named(&admin_url, &name)?;
                Ok((
                    Self::Postgres {
                        name,
                        data_dir: tempfile::tempdir()?,
                    },
                    url,
                ))
            }
        }
    }

    fn data_dir(&self) -> &std::path::Path {
        match self {
            Self::Sqlite(dir) => dir.path(),
            Self::Postgres { data_dir, .. } => data_dir.path(),
        }
    }
}

fn database_url_named(admin_url: &str, name: &str) -> anyhow::Result<String> {
    let mut url = url::Url::parse(admin_url)?;
    url.set_path(&format!("/{name}"));
    Ok(url.to_string())
}

impl Drop for TestDatabase {
    fn drop(&mut self) {
        if let Self::Postgres { name, .. } = self {
            let statement = format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
            // Drop runs outside any async context; a short-lived runtime on its own thread does the cleanup.
            let _ = std::thread::spawn(move || {
                let Ok(runtime) = tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build()
                else {
                    return;
                };
                runtime.block_on(async {
                    if let Ok(admin) = Database::connect(&postgres_admin_url()).await {
                        let _ = admin.execute_unprepared(&statement).await;
                        let _ = admin.close().await;
                    }
                });
            })
            .join();
        }
    }
}

impl TestApp {
    pub async fn spawn(backend: Backend) -> anyhow::Result<Self> {
        Self::spawn_with(backend, &[]).await
    }

    /// The server with more configuration, e.g. `SMTP_URL` or `MAIL_RETRY_SECONDS`.
    pub async fn spawn_with(backend: Backend, env: &[(&str, &str)]) -> anyhow::Result<Self> {
        let (database, database_url) = TestDatabase::create(backend).await?;
        Self::start(backend, Arc::new(database), &database_url, env).await
    }

    /// One more instance of the server on this one's database, as a second
    /// machine behind the load balancer would be.
    pub async fn spawn_another_instance(&self, env: &[(&str, &str)]) -> anyhow::Result<Self> {
        let database_url = self.config.database_url.clone();
        Self::start(self.backend, self.database.clone(), &database_url, env).await
    }

    async fn start(
        backend: Backend,
        database: Arc<TestDatabase>,
        database_url: &str,
        env: &[(&str, &str)],
    ) -> anyhow::Result<Self> {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
        let address = format!("http://{}", listener.local_addr()?);
        let site_root = concat!(env!("CARGO_MANIFEST_DIR"), "/../public");
        let data_dir = database.data_dir().to_string_lossy().into_owned();
        let site_addr = listener.local_addr()?.to_string();
        let vars = [
            ("DATABASE_URL", database_url),
            ("DATA_DIR", data_dir.as_str()),
            ("LEPTOS_SITE_ADDR", site_addr.as_str()),
            ("LEPTOS_SITE_ROOT", site_root),
        ];
        let config = Config::from_lookup(|name| {
            env.iter()
                .chain(vars.iter())
                .find(|(key, _)| *key == name)
                .map(|(_, value)| (*value).to_owned())
        })?;
        let built = server::build(&config).await?;
        let db = built.state.db.clone();
        let settings = built.state.settings.clone();
        tokio::spawn(server::serve(listener, built.router));

        let client = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .timeout(Duration::from_secs(30))
            .build()?;
        Ok(Self {
            address,
            client,
            db,
            backend,
            config,
            settings,
            mail_worker: Some(built.mail_worker),
            job_worker: Some(built.job_worker),
            database,
        })
    }

    /// This test's client and database, asking the server at `address`
    /// (another process on the same database, or a balancer in front of
    /// several): the helpers then work through it.
    pub fn at(&self, address: String) -> Self {
        Self {
            address,
            client: self.client.clone(),
            db: self.db.clone(),
            backend: self.backend,
            config: self.config.clone(),
            settings: self.settings.clone(),
            mail_worker: None,
            job_worker: None,
            database: self.database.clone(),
        }
    }

    /// Stops this instance's workers (mail and jobs), so other instances
    /// do all the background work.
    pub async fn stop_workers(&mut self) {
        self.stop_mail_worker().await;
        if let Some(worker) = self.job_worker.take() {
            worker.stop().await;
        }
    }

    /// Stops this instance's mail worker; the email in hand is finished.
    pub async fn stop_mail_worker(&mut self) {
        if let Some(worker) = self.mail_worker.take() {
            worker.stop().await;
        }
    }

    /// Waits until every email this app will send has been sent, so a test
    /// can count what arrived, and a copy sent twice is among it: the outbox
    /// has nothing left to send or retry (`outbox::claim` takes only rows
    /// unsent and not set aside), and the mail worker, stopped, has finished
    /// the email in hand. A fresh worker then carries on.
    pub async fn settle_mail(&mut self) -> anyhow::Result<()> {
        use app::entities::outbox;
        use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
        eventually("every queued email sent or set aside", || async {
            let waiting = outbox::Entity::find()
                .filter(outbox::Column::SentAt.is_null())
                .filter(outbox::Column::FailedAt.is_null())
                .count(&self.db)
                .await?;
            Ok((waiting == 0).then_some(()))
        })
        .await?;
        self.stop_mail_worker().await;
        self.start_mail_worker()
    }

    /// Starts a fresh mail worker, as a restarted instance would.
    pub fn start_mail_worker(&mut self) -> anyhow::Result<()> {
        self.mail_worker = Some(server::start_mail_worker(&self.config, self.db.clone())?);
        Ok(())
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.address)
    }

    /// Where a redirect sends the browser, as a full address on this app.
    pub fn redirect_target(&self, answer: &reqwest::Response) -> anyhow::Result<String> {
        let location = answer
            .headers()
            .get("location")
            .and_then(|value| value.to_str().ok())
            .context("a Location")?;
        Ok(if location.starts_with("http") {
            location.to_owned()
        } else {
            self.url(location)
        })
    }

    pub async fn get(&self, path: &str) -> anyhow::Result<reqwest::Response> {
        Ok(self.client.get(self.url(path)).send().await?)
    }

    /// A POST as a browser on this site sends it.
    pub fn post_same_origin(&self, path: &str) -> reqwest::RequestBuilder {
        self.client
            .post(self.url(path))
            .header("origin", &self.address)
            .header("sec-fetch-site", "same-origin")
    }

    /// The page paths of the route table that need no parameter. Pages of
    /// one idea or challenge (`/ideas/{id}`) are tried by their features' tests.
    pub fn page_paths() -> Vec<String> {
        server::router::page_routes()
            .iter()
            .map(|route| route.path().to_owned())
            .filter(|path| !path.contains('{'))
            .collect()
    }
}

/// Runs each named test, an `async fn(TestApp) -> anyhow::Result<()>`, once
/// on SQLite and once on PostgreSQL, as `<name>::sqlite` and `<name>::postgres`.
#[macro_export]
macro_rules! on_both_backends {
    ($($name:ident),* $(,)?) => {$(
        mod $name {
            use super::*;

            #[tokio::test]
            async fn sqlite() -> anyhow::Result<()> {
                super::$name(TestApp::spawn(Backend::Sqlite).await?).await
            }

            #[tokio::test]
            async fn postgres() -> anyhow::Result<()> {
                super::$name(TestApp::spawn(Backend::Postgres).await?).await
            }
        }
    )*};
}

/// Like [`on_both_backends!`] for tests that need something running before the
/// app starts (an SMTP server, say): each named test is an
/// `async fn(Backend) -> anyhow::Result<()>` and spawns its own app.
#[macro_export]
macro_rules! on_both_backends_by_backend {
    ($($name:ident),* $(,)?) => {$(
        mod $name {
            #[tokio::test]
            async fn sqlite() -> anyhow::Result<()> {
                super::$name($crate::common::Backend::Sqlite).await
            }

            #[tokio::test]
            async fn postgres() -> anyhow::Result<()> {
                super::$name($crate::common::Backend::Postgres).await
            }
        }
    )*};
}
