//! Reads from a PostgreSQL streaming replica (`DATABASE_REPLICA_URL`),
//! tested against a real one (`server/scripts/replica.sh` makes it with
//! `pg_basebackup -R` on port 5433): a visitor's pages come from the
//! replica, a signed-in person's from the primary (they see what they just
//! wrote at once), and every write goes to the primary.
//!
//! To tell the two apart, the test pauses the replica's replay: what is
//! written meanwhile is on the primary only.
use crate::common;

use anyhow::{Context, ensure};
use common::ideas::{municipality, participant, published_idea};
use common::people::get_as;
use common::{Backend, TestApp, eventually};
use sea_orm::{ConnectionTrait, Database, DatabaseConnection};

/// The replica's server, as `server/scripts/replica.sh` starts it.
fn replica_server() -> String {
    std::env::var("TEST_POSTGRES_REPLICA_URL").unwrap_or_else(|_| {
        "postgres://postgres@127.0.0.1:5433/postgres?sslmode=disable".to_owned()
    })
}

/// `database_url` with the replica server's host and port.
fn on_the_replica(database_url: &str) -> anyhow::Result<String> {
    let server = url::Url::parse(&replica_server())?;
    let mut url = url::Url::parse(database_url)?;
    url.set_host(server.host_str())?;
    url.set_port(server.port())
        .map_err(|()| anyhow::anyhow!("a port"))?;
    Ok(url.to_string())
}

/// Pauses or resumes the replica's replay of the primary's changes.
async fn replay(replica: &DatabaseConnection, on: bool) -> anyhow::Result<()> {
    let call = if on {
        "pg_wal_replay_resume"
    } else {
        "pg_wal_replay_pause"
    };
    replica
        .execute_unprepared(&format!("SELECT {call}()"))
        .await
        .context("the replica (run server/scripts/replica.sh)")?;
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn visitors_read_from_the_replica_and_people_from_the_primary() -> anyhow::Result<()> {
    let primary = TestApp::spawn(Backend::Postgres).await?;
    let replica_url = on_the_replica(&primary.config.database_url)?;
    let replica = Database::connect(replica_server()).await?;
    replay(&replica, true).await?;
    // The new test database reaches the replica in a moment.
    let app = eventually("the test database on the replica", || async {
        Ok(primary
            .spawn_another_instance(&[("DATABASE_REPLICA_URL", &replica_url)])
            .await
            .ok())
    })
    .await?;
    municipality(&app).await?;
    let kari = participant(&app, "kari@example.no", "Kari").await?;
    let first = published_idea(&app, &kari, "Benker langs Lysakerelva", "Flere benker.").await?;
    let shows = |html: &str, id: i64| html.contains(&format!("href=\"/ideas/{id}\""));
    eventually("the first idea on the replica", || async {
        Ok(shows(&app.get("/ideas").await?.text().await?, first).then_some(()))
    })
    .await?;

    replay(&replica, false).await?;
    let outcome = async {
        // Written while the replica stands still: on the primary only.
        let second = published_idea(&app, &kari, "Lys i lysløypa", "Hele vinteren.").await?;
        let for_visitors = app.get("/ideas").await?.text().await?;
        ensure!(
            shows(&for_visitors, first) && !shows(&for_visitors, second),
            "a visitor reads the replica"
        );
        let api = app.get("/api/v1/ideas").await?.text().await?;
        ensure!(!api.contains("Lys i lysløypa"), "the API reads the replica");
        let for_kari = get_as(&app, Some(&kari), "/ideas").await?.text().await?;
        ensure!(
            shows(&for_kari, second),
            "Kari sees the idea she just posted"
        );
        let page = get_as(&app, Some(&kari), &format!("/ideas/{second}")).await?;
        ensure!(page.status() == 200, "and its page: {}", page.status());
        Ok(second)
    }
    .await;
    replay(&replica, true).await?;
    let second = outcome?;
    eventually(
        "the second idea reaches visitors once replay goes on",
        || async { Ok(shows(&app.get("/ideas").await?.text().await?, second).then_some(())) },
    )
    .await?;
    Ok(())
}
