//! On the embedded default, the server and the operator's commands share
//! one SQLite file: `samskap create-admin` while the server is busy
//! writing must succeed at its first try, and so must the server's writes.
use crate::common;

use std::io::Write as _;
use std::process::Stdio;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use anyhow::ensure;
use app::features::settings::types::{RateLimits, Thresholds};
use common::engagement::support;
use common::ideas::{municipality_with, participant, published_idea};
use common::{Backend, TestApp};

/// Runs `samskap create-admin` on the app's database, as an operator would.
fn create_admin(app: &TestApp, email: &str) -> anyhow::Result<std::process::Output> {
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_samskap"))
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("DATABASE_URL", &app.config.database_url)
        .env("DATA_DIR", &app.config.data_dir)
        .args(["create-admin", "--email", email])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()?;
    if let Some(mut stdin) = child.stdin.take() {
        writeln!(stdin, "en lang og god setning")?;
    }
    Ok(child.wait_with_output()?)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_command_and_the_busy_server_share_the_database_file() -> anyhow::Result<()> {
    let app = TestApp::spawn(Backend::Sqlite).await?;
    let limits = RateLimits {
        supports_per_hour: 100_000,
        ..RateLimits::default()
    };
    municipality_with(&app, Thresholds::default(), limits).await?;
    let author = participant(&app, "forfatter@example.no", "Forfatter").await?;
    let kari = participant(&app, "kari@example.no", "Kari").await?;
    let idea = published_idea(&app, &author, "Benker langs elva i Sandvika", "Flere.").await?;

    // The server writes without pause: a support given and taken back.
    let app = Arc::new(app);
    let stop = Arc::new(AtomicBool::new(false));
    let (written, failed) = (Arc::new(AtomicUsize::new(0)), Arc::new(AtomicUsize::new(0)));
    let load = tokio::spawn({
        let (app, stop) = (app.clone(), stop.clone());
        let (written, failed) = (written.clone(), failed.clone());
        async move {
            let mut on = true;
            while !stop.load(Ordering::Relaxed) {
                match support(&app, Some(&kari), idea, on).await {
                    Ok(answer) if answer.status().is_success() => {
                        written.fetch_add(1, Ordering::Relaxed)
                    }
                    _ => failed.fetch_add(1, Ordering::Relaxed),
                };
                on = !on;
            }
        }
    });
    while written.load(Ordering::Relaxed) < 20 {
        tokio::time::sleep(std::time::Duration::from_millis(10)).await;
    }
    for n in 0..5 {
        let app = app.clone();
        let output = tokio::task::spawn_blocking(move || {
            create_admin(&app, &format!("admin{n}@example.no"))
        })
        .await??;
        ensure!(
            output.status.success(),
            "create-admin {n} failed: {}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
    stop.store(true, Ordering::Relaxed);
    load.await?;
    assert_eq!(
        failed.load(Ordering::Relaxed),
        0,
        "every write of the server succeeded"
    );
    ensure!(written.load(Ordering::Relaxed) > 20);
    Ok(())
}
