//! What an operator running several instances reads: `/metrics` in
//! Prometheus's format (requests by route, the pool, the outbox, the job
//! worker's lag), readable from this machine or with the token only; a
//! request id on every response; JSON log lines when asked for.
use crate::common;

use std::process::Command;

use anyhow::{Context, ensure};
use app::i18n::Locale;
use app::server::mail::{self, EmailTemplate};
use common::{Backend, TestApp};
use reqwest::StatusCode;

on_both_backends_by_backend!(
    metrics_count_requests_by_route_and_show_the_outbox,
    metrics_are_for_this_machine_or_the_token_only,
);

async fn metrics_count_requests_by_route_and_show_the_outbox(
    backend: Backend,
) -> anyhow::Result<()> {
    let mut app = TestApp::spawn(backend).await?;
    app.stop_workers().await;
    for _ in 0..3 {
        ensure!(app.get("/ideas").await?.status() == StatusCode::OK);
    }
    ensure!(app.get("/ideas/999999").await?.status() == StatusCode::NOT_FOUND);
    mail::enqueue(
        &app.db,
        mail::render(
            EmailTemplate::VerifyEmail {
                name: "Kari",
                link: "https://samskap.example.no/verify-email?token=x",
                hours: 24,
            },
            Locale::Nb,
            "kari@example.no",
        ),
    )
    .await?;

    let answer = app.get("/metrics").await?;
    ensure!(answer.status() == StatusCode::OK, "{}", answer.status());
    let kind = answer
        .headers()
        .get("content-type")
        .context("a content type")?
        .to_str()?
        .to_owned();
    ensure!(kind.starts_with("application/openmetrics-text"), "{kind}");
    let text = answer.text().await?;
    for expected in [
        r#"samskap_http_requests_total{route="/ideas",method="GET",status="200"} 3"#,
        // The route's pattern, never the address asked for.
        r#"samskap_http_requests_total{route="/ideas/{id}",method="GET",status="404"} 1"#,
        r#"samskap_http_request_duration_seconds_count{route="/ideas"} 3"#,
        "samskap_outbox_waiting_emails 1",
        "samskap_jobs_notifications_waiting 0",
        "samskap_jobs_lag_seconds 0",
    ] {
        ensure!(text.contains(expected), "{expected} in\n{text}");
    }
    // Only the labels, `{…}`: a value (a latency sum) may have a run of nines.
    let labels = text
        .lines()
        .filter_map(|line| line.split_once('{'))
        .filter_map(|(_, rest)| rest.split_once('}'))
        .map(|(labels, _)| labels);
    ensure!(
        labels.clone().all(|labels| !labels.contains("999999")),
        "no address in a label"
    );
    ensure!(labels.count() > 0, "labels were read");
    let value = |name: &str| -> anyhow::Result<f64> {
        text.lines()
            .find_map(|line| line.strip_prefix(&format!("{name} ")))
            .with_context(|| format!("{name} in\n{text}"))?
            .parse::<f64>()
            .map_err(Into::into)
    };
    ensure!(value("samskap_outbox_oldest_waiting_seconds")? >= 0.0);
    ensure!(value("samskap_db_pool_connections")? >= 1.0);
    // Statements are counted: a page of ideas costs some.
    let before = value("samskap_db_statements_total")?;
    ensure!(app.get("/ideas").await?.status() == StatusCode::OK);
    let text = app.get("/metrics").await?.text().await?;
    let after = text
        .lines()
        .find_map(|line| line.strip_prefix("samskap_db_statements_total "))
        .context("the statement count")?
        .parse::<f64>()?;
    ensure!(after > before, "statements counted: {before} → {after}");
    Ok(())
}

async fn metrics_are_for_this_machine_or_the_token_only(backend: Backend) -> anyhow::Result<()> {
    // Behind a proxy on this machine, a visitor's request arrives from
    // loopback but names the visitor: still refused.
    let app = TestApp::spawn_with(backend, &[("TRUSTED_PROXIES", "127.0.0.1/32")]).await?;
    let from_visitor = app
        .client
        .get(app.url("/metrics"))
        .header("x-forwarded-for", "203.0.113.5")
        .send()
        .await?;
    ensure!(from_visitor.status() == StatusCode::NOT_FOUND);

    let app = TestApp::spawn_with(backend, &[("METRICS_TOKEN", "s3cret-scraper-token")]).await?;
    for (authorization, expected) in [
        (None, StatusCode::NOT_FOUND),
        (Some("Bearer wrong"), StatusCode::NOT_FOUND),
        (Some("Bearer s3cret-scraper-token"), StatusCode::OK),
    ] {
        let mut request = app.client.get(app.url("/metrics"));
        if let Some(authorization) = authorization {
            request = request.header("authorization", authorization);
        }
        let status = request.send().await?.status();
        ensure!(status == expected, "{authorization:?}: {status}");
    }

    // Every response carries a request id: a new one, or the proxy's.
    let answer = app.get("/").await?;
    let id = answer
        .headers()
        .get("x-request-id")
        .context("a request id")?
        .to_str()?;
    ensure!(uuid::Uuid::parse_str(id).is_ok(), "{id}");
    let given = app
        .client
        .get(app.url("/ideas"))
        .header("x-request-id", "fra-proxyen-42")
        .send()
        .await?;
    ensure!(
        given.headers().get("x-request-id").map(|v| v.as_bytes())
            == Some(b"fra-proxyen-42".as_slice())
    );
    Ok(())
}

#[test]
fn log_format_json_writes_one_json_object_per_line() -> anyhow::Result<()> {
    let folder = tempfile::tempdir()?;
    let samskap = || {
        let mut command = Command::new(env!("CARGO_BIN_EXE_samskap"));
        command
            .arg("migrate")
            .env_clear()
            .env("PATH", std::env::var("PATH").unwrap_or_default())
            .env("DATA_DIR", folder.path());
        command
    };
    let output = samskap().env("LOG_FORMAT", "json").output()?;
    ensure!(output.status.success(), "{output:?}");
    let stderr = String::from_utf8(output.stderr)?;
    let lines: Vec<&str> = stderr.lines().collect();
    ensure!(!lines.is_empty(), "something is logged");
    for line in lines {
        let entry: serde_json::Value = serde_json::from_str(line).context(line.to_owned())?;
        ensure!(
            entry["level"].is_string() && entry["fields"]["message"].is_string(),
            "{line}"
        );
    }
    let refused = samskap().env("LOG_FORMAT", "xml").output()?;
    ensure!(refused.status.code() == Some(2));
    ensure!(String::from_utf8(refused.stderr)?.contains("LOG_FORMAT"));
    Ok(())
}
