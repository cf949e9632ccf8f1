//! Under parallel load every answer keeps what its own page or form set
//! for it: an unknown idea's 404, a protected page's redirect to sign-in,
//! a no-JavaScript form post's redirect back (and its cookie), and each
//! page's own Content-Security-Policy with the nonce its scripts carry.
//! Files served beside them keep the deny-all policy and nothing else.
//! On both databases, on a server with several worker threads as in
//! production, with 32 requests in flight.
use crate::common;

use anyhow::{Context, bail, ensure};
use app::server::security::NON_PAGE_POLICY;
use common::{Backend, TestApp};
use futures::StreamExt;
use reqwest::StatusCode;

const IN_FLIGHT: usize = 32;
const ROUNDS: usize = 40;

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn sqlite() -> anyhow::Result<()> {
    every_answer_keeps_its_own_status_and_headers(TestApp::spawn(Backend::Sqlite).await?).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn postgres() -> anyhow::Result<()> {
    every_answer_keeps_its_own_status_and_headers(TestApp::spawn(Backend::Postgres).await?).await
}

/// The kinds of request a browser sends side by side.
#[derive(Clone, Copy, Debug)]
enum Ask {
    /// A page that exists: 200 with its own policy.
    Page,
    /// An idea that does not exist: 404, still a page with its own policy.
    UnknownIdea,
    /// A page for signed-in people, asked signed out: sent to sign in.
    ProtectedPage,
    /// A file from the site root: the deny-all policy, no cookie, no redirect.
    File,
    /// A language choice posted without JavaScript: back to the page, with the cookie.
    FormPost,
    /// The same form refused: back to the page with the error.
    RefusedFormPost,
}

const ASKS: [Ask; 6] = [
    Ask::Page,
    Ask::UnknownIdea,
    Ask::ProtectedPage,
    Ask::File,
    Ask::FormPost,
    Ask::RefusedFormPost,
];

async fn every_answer_keeps_its_own_status_and_headers(app: TestApp) -> anyhow::Result<()> {
    let asks = (0..ROUNDS).flat_map(|_| ASKS);
    let failures: Vec<String> = futures::stream::iter(asks)
        .map(|ask| {
            let app = &app;
            async move {
                check(app, ask)
                    .await
                    .map_err(|error| format!("{ask:?}: {error:#}"))
            }
        })
        .buffer_unordered(IN_FLIGHT)
        .filter_map(|outcome| async move { outcome.err() })
        .collect()
        .await;
    ensure!(
        failures.is_empty(),
        "{} of {} answers lost what was set for them, e.g.:\n{}",
        failures.len(),
        ROUNDS * ASKS.len(),
        failures
            .iter()
            .take(5)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    );
    Ok(())
}

async fn check(app: &TestApp, ask: Ask) -> anyhow::Result<()> {
    match ask {
        Ask::Page => {
            let answer = app.get("/ideas").await?;
            ensure!(answer.status() == StatusCode::OK, "{}", answer.status());
            has_its_own_page_policy(answer).await
        }
        Ask::UnknownIdea => {
            let answer = app.get("/ideas/987654321").await?;
            ensure!(
                answer.status() == StatusCode::NOT_FOUND,
                "{}",
                answer.status()
            );
            has_its_own_page_policy(answer).await
        }
        Ask::ProtectedPage => {
            let answer = app.get("/notifications").await?;
            ensure!(
                answer.status() == StatusCode::SEE_OTHER,
                "{}",
                answer.status()
            );
            let location = header(&answer, "location")?;
            ensure!(
                location.starts_with("/login?return_to=%2Fnotifications"),
                "sent to {location}"
            );
            Ok(())
        }
        Ask::File => {
            let answer = app.get("/favicon.svg").await?;
            ensure!(answer.status() == StatusCode::OK, "{}", answer.status());
            let policy = header(&answer, "content-security-policy")?;
            ensure!(policy == NON_PAGE_POLICY, "a file carried {policy}");
            for taken in ["location", "set-cookie"] {
                ensure!(
                    answer.headers().get(taken).is_none(),
                    "a file carried a {taken}"
                );
            }
            Ok(())
        }
        Ask::FormPost | Ask::RefusedFormPost => {
            let refused = matches!(ask, Ask::RefusedFormPost);
            let answer = app
                .post_same_origin("/api/language")
                .header("accept", "text/html")
                .header("referer", app.url("/challenges"))
                .form(&[("locale", if refused { "xx" } else { "en" })])
                .send()
                .await?;
            ensure!(answer.status().is_redirection(), "{}", answer.status());
            let location = header(&answer, "location")?;
            ensure!(location.contains("/challenges"), "sent to {location}");
            ensure!(location.contains("__err") == refused, "sent to {location}");
            let cookie = answer.headers().get("set-cookie");
            ensure!(
                cookie.is_some() != refused,
                "a language cookie {}",
                if refused { "on a refusal" } else { "missing" }
            );
            Ok(())
        }
    }
}

fn header(answer: &reqwest::Response, name: &str) -> anyhow::Result<String> {
    Ok(answer
        .headers()
        .get(name)
        .with_context(|| format!("no {name}"))?
        .to_str()?
        .to_owned())
}

/// The policy names the nonce this very page gave its scripts.
async fn has_its_own_page_policy(answer: reqwest::Response) -> anyhow::Result<()> {
    let policy = header(&answer, "content-security-policy")?;
    let page = answer.text().await?;
    let Some((_, after)) = page.split_once("<script nonce=\"") else {
        bail!("the page has no script with a nonce");
    };
    let nonce = after.split('"').next().unwrap_or_default();
    ensure!(
        policy.contains(&format!("'nonce-{nonce}'")),
        "the page's scripts carry {nonce}, its policy says {policy}"
    );
    Ok(())
}
