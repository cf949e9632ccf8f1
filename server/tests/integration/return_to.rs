//! A visitor asked to sign in on the way somewhere ("Share an idea",
//! "Support", "Comment") lands there afterwards, through sign-in, through
//! registration and the emailed confirmation link too; never on another
//! site. On both databases.
use crate::common;

use anyhow::{Context, ensure};
use common::ideas::{municipality, participant, published_idea};
use common::people::PASSWORD;
use common::{Backend, TestApp};
use reqwest::StatusCode;

on_both_backends!(
    sign_in_leads_on_to_where_the_visitor_was_going,
    registration_and_its_emailed_link_lead_on_too,
);

fn location(answer: &reqwest::Response) -> anyhow::Result<String> {
    Ok(answer
        .headers()
        .get("location")
        .context("a Location")?
        .to_str()?
        .to_owned())
}

/// A plain form post (no JavaScript) from this site.
async fn post_form(
    app: &TestApp,
    path: &str,
    fields: &[(&str, &str)],
) -> anyhow::Result<reqwest::Response> {
    Ok(app
        .post_same_origin(path)
        .header("accept", "text/html")
        .form(fields)
        .send()
        .await?)
}

async fn sign_in_leads_on_to_where_the_visitor_was_going(app: TestApp) -> anyhow::Result<()> {
    municipality(&app).await?;
    let ola = participant(&app, "ola@example.no", "Ola").await?;
    let idea = published_idea(&app, &ola, "Benker langs elva i Sandvika", "Flere.").await?;

    // "Share an idea", signed out: to sign in, and back.
    let share = app.get("/ideas/new").await?;
    assert_eq!(share.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&share)?, "/login?return_to=%2Fideas%2Fnew");
    let login = app
        .get("/login?return_to=%2Fideas%2Fnew")
        .await?
        .text()
        .await?;
    ensure!(
        login.contains(r#"name="return_to" value="/ideas/new""#),
        "the form carries it"
    );
    ensure!(
        login.contains(r#"href="/register?return_to=%2Fideas%2Fnew""#),
        "and so does the way to register"
    );
    // The idea's page asks a signed-out visitor to sign in to support it, and back.
    let page = app.get(&format!("/ideas/{idea}")).await?.text().await?;
    ensure!(page.contains(&format!(
        r#"href="/login?return_to=%2Fideas%2F{idea}%23support""#
    )));

    let signed_in = post_form(
        &app,
        "/api/accounts/sign-in",
        &[
            ("email", "ola@example.no"),
            ("password", PASSWORD),
            ("return_to", "/ideas/new"),
        ],
    )
    .await?;
    ensure!(signed_in.status().is_redirection());
    assert_eq!(location(&signed_in)?, "/ideas/new");

    // Another site, or a path a browser would read as one, is not followed.
    for elsewhere in ["//evil.example", "https://evil.example", "/\t/evil.example"] {
        let signed_in = post_form(
            &app,
            "/api/accounts/sign-in",
            &[
                ("email", "ola@example.no"),
                ("password", PASSWORD),
                ("return_to", elsewhere),
            ],
        )
        .await?;
        assert_eq!(location(&signed_in)?, "/me", "{elsewhere:?}");
    }
    // The login page does not even carry such a path.
    let login = app
        .get("/login?return_to=%2F%2Fevil.example")
        .await?
        .text()
        .await?;
    ensure!(!login.contains("evil.example"));
    Ok(())
}

/// The confirmation link in the newest email of the outbox folder.
async fn confirmation_link(app: &TestApp) -> anyhow::Result<String> {
    common::outbox::newest_email(app)
        .await?
        .split_whitespace()
        .find(|word| word.contains("/verify-email?token="))
        .map(|word| word.trim_end_matches(['.', ',', ')']).to_owned())
        .context("the link")
}

async fn registration_and_its_emailed_link_lead_on_too(app: TestApp) -> anyhow::Result<()> {
    municipality(&app).await?;
    let register = app
        .get("/register?return_to=%2Fchallenges")
        .await?
        .text()
        .await?;
    ensure!(register.contains(r#"name="return_to" value="/challenges""#));
    ensure!(register.contains(r#"href="/login?return_to=%2Fchallenges""#));
    let key = uuid::Uuid::new_v4().to_string();
    let registered = post_form(
        &app,
        "/api/accounts/register",
        &[
            ("display_name", "Kari"),
            ("email", "kari@example.no"),
            ("password", PASSWORD),
            ("actor_type", "resident"),
            ("organisation", ""),
            ("idempotency_key", &key),
            ("return_to", "/challenges"),
        ],
    )
    .await?;
    ensure!(registered.status().is_redirection());

    let link = confirmation_link(&app).await?;
    ensure!(link.contains("return_to=%2Fchallenges"), "{link}");
    let (_, query) = link.split_once('?').context("a query")?;
    let page = app
        .get(&format!("/verify-email?{query}"))
        .await?
        .text()
        .await?;
    ensure!(page.contains(r#"name="return_to" value="/challenges""#));
    let token = url::form_urlencoded::parse(query.as_bytes())
        .find(|(name, _)| name == "token")
        .context("the token")?
        .1
        .into_owned();
    let confirmed = post_form(
        &app,
        "/api/accounts/verify-email",
        &[
            ("token", &token),
            ("idempotency_key", &uuid::Uuid::new_v4().to_string()),
            ("return_to", "/challenges"),
        ],
    )
    .await?;
    let onward = location(&confirmed)?;
    assert_eq!(onward, "/verify-email?confirmed=1&return_to=%2Fchallenges");
    let done = app.get(&onward).await?.text().await?;
    ensure!(
        done.contains(r#"href="/login?return_to=%2Fchallenges""#),
        "signed out, the way on is to sign in first"
    );
    Ok(())
}
