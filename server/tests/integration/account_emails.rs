//! The emailed links of accounts, followed as a person would: the mail
//! arrives at a real SMTP server, the link opens a page whose button posts.
//! On both databases.
use crate::common;

use anyhow::{Context, ensure};
use app::entities::{account, email_token};
use common::smtp::{ReceivedEmail, SmtpServer};
use common::{Backend, TestApp};
use reqwest::StatusCode;
use sea_orm::sea_query::Expr;
use sea_orm::{EntityTrait, PaginatorTrait};

on_both_backends_by_backend!(
    the_verification_link_confirms_the_address_once,
    a_wrong_or_expired_verification_link_is_refused_clearly,
    a_reset_link_sets_a_new_password_once_and_ends_every_session,
    a_reset_for_an_unknown_address_answers_alike_and_sends_nothing,
    a_new_address_takes_effect_from_its_link_and_the_old_one_is_told,
    outstanding_reset_links_die_when_the_password_or_address_changes,
);

const PASSWORD: &str = "sykkelsti langs fjorden";
const EMAIL: &str = "kari@example.no";

async fn app_with_smtp(backend: Backend) -> anyhow::Result<(SmtpServer, TestApp)> {
    let smtp = SmtpServer::start().await?;
    let url = smtp.url();
    let app =
        TestApp::spawn_with(backend, &[("SMTP_URL", &url), ("MAIL_RETRY_SECONDS", "0")]).await?;
    Ok((smtp, app))
}

async fn register(app: &TestApp) -> anyhow::Result<()> {
    let response = app
        .post_same_origin("/api/accounts/register")
        .header("accept", "application/json")
        .form(&[
            ("display_name", "Kari Nordmann"),
            ("email", EMAIL),
            ("password", PASSWORD),
            ("actor_type", "resident"),
            ("organisation", ""),
            ("idempotency_key", &uuid::Uuid::new_v4().to_string()),
        ])
        .send()
        .await?;
    ensure!(
        response.status().is_success(),
        "registered: {}",
        response.status()
    );
    Ok(())
}

/// The link in an email, from its plain-text part.
fn link_in(email: &ReceivedEmail, path: &str) -> anyhow::Result<String> {
    let text = email.part("text/plain").context("a text part")?;
    text.split_whitespace()
        .find(|word| word.contains(&format!("{path}?token=")))
        .map(|word| word.trim_end_matches(['.', ',', ')']).to_owned())
        .context("a link in the email")
}

/// A link's token, and the same link on this test server.
fn token_of(link: &str) -> anyhow::Result<String> {
    Ok(link.split("token=").nth(1).context("a token")?.to_owned())
}

/// Whether the test's one account has confirmed its address.
async fn is_verified(app: &TestApp) -> anyhow::Result<bool> {
    let stored = account::Entity::find().one(&app.db).await?;
    Ok(stored
        .and_then(|account| account.email_verified_at)
        .is_some())
}

async fn post_token(
    app: &TestApp,
    endpoint: &str,
    fields: &[(&str, &str)],
) -> anyhow::Result<reqwest::Response> {
    common::people::post_as(app, None, endpoint, fields).await
}

async fn the_verification_link_confirms_the_address_once(backend: Backend) -> anyhow::Result<()> {
    let (smtp, app) = app_with_smtp(backend).await?;
    register(&app).await?;
    let emails = smtp.wait_for(1).await?;
    assert_eq!(emails[0].rcpt_to, vec![EMAIL.to_owned()]);
    let link = link_in(&emails[0], "/verify-email")?;
    ensure!(
        link.starts_with(&app.address),
        "the link points at this site: {link}"
    );
    let token = token_of(&link)?;

    // Opening the link (as a mail scanner would) changes nothing.
    let page = app.client.get(&link).send().await?;
    assert_eq!(page.status(), StatusCode::OK);
    ensure!(
        page.text().await?.contains("name=\"token\""),
        "the page has the confirming form"
    );
    assert!(!is_verified(&app).await?);

    let confirmed = post_token(&app, "/api/accounts/verify-email", &[("token", &token)]).await?;
    assert_eq!(confirmed.status(), StatusCode::OK);
    assert!(is_verified(&app).await?);

    let replayed = post_token(&app, "/api/accounts/verify-email", &[("token", &token)]).await?;
    assert_eq!(replayed.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body: serde_json::Value = replayed.json().await?;
    assert_eq!(body["Validation"]["problem"], "LinkInvalid");
    Ok(())
}

async fn a_wrong_or_expired_verification_link_is_refused_clearly(
    backend: Backend,
) -> anyhow::Result<()> {
    let (smtp, app) = app_with_smtp(backend).await?;
    register(&app).await?;
    let token = token_of(&link_in(&smtp.wait_for(1).await?[0], "/verify-email")?)?;

    for wrong in ["", "not-a-token", &format!("{token}x")] {
        let response = post_token(&app, "/api/accounts/verify-email", &[("token", wrong)]).await?;
        assert_eq!(
            response.status(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "{wrong:?}"
        );
    }
    // A day later the link has expired.
    email_token::Entity::update_many()
        .col_expr(
            email_token::Column::ExpiresAt,
            Expr::value(chrono::Utc::now() - chrono::Duration::minutes(1)),
        )
        .exec(&app.db)
        .await?;
    let expired = post_token(&app, "/api/accounts/verify-email", &[("token", &token)]).await?;
    assert_eq!(expired.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = app
        .post_same_origin("/api/accounts/verify-email")
        .header("accept", "text/html")
        .header(
            "referer",
            format!("{}/verify-email?token={token}", app.address),
        )
        .form(&[
            ("token", token.as_str()),
            ("idempotency_key", &uuid::Uuid::new_v4().to_string()),
        ])
        .send()
        .await?;
    assert_eq!(page.status(), StatusCode::SEE_OTHER);
    let back = page.headers()["location"].to_str()?.to_owned();
    let shown = app
        .client
        .get(&back)
        .header("accept-language", "en")
        .send()
        .await?
        .text()
        .await?;
    ensure!(
        shown.contains("The link is invalid, expired or already used."),
        "a clear message"
    );
    assert!(!is_verified(&app).await?);
    Ok(())
}

async fn a_reset_link_sets_a_new_password_once_and_ends_every_session(
    backend: Backend,
) -> anyhow::Result<()> {
    let (smtp, app) = app_with_smtp(backend).await?;
    register(&app).await?;
    smtp.wait_for(1).await?;
    let signed_in = post_token(
        &app,
        "/api/accounts/sign-in",
        &[("email", EMAIL), ("password", PASSWORD)],
    )
    .await?;
    assert_eq!(signed_in.status(), StatusCode::OK);
    assert_eq!(app_sessions(&app).await?, 1);

    let asked = post_token(
        &app,
        "/api/accounts/request-reset",
        &[("email", " Kari@Example.no ")],
    )
    .await?;
    assert_eq!(asked.status(), StatusCode::OK);
    let emails = smtp.wait_for(2).await?;
    let token = token_of(&link_in(&emails[1], "/reset-password")?)?;

    // A weak password is refused and does not use the link up.
    let weak = post_token(
        &app,
        "/api/accounts/reset-password",
        &[("token", &token), ("password", "kort")],
    )
    .await?;
    assert_eq!(weak.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let new_password = "en helt ny setning om vinteren";
    let reset = post_token(
        &app,
        "/api/accounts/reset-password",
        &[("token", &token), ("password", new_password)],
    )
    .await?;
    assert_eq!(reset.status(), StatusCode::OK);
    assert_eq!(app_sessions(&app).await?, 0, "every session ended");

    let replayed = post_token(
        &app,
        "/api/accounts/reset-password",
        &[("token", &token), ("password", "nok en ny setning her")],
    )
    .await?;
    assert_eq!(replayed.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let old = post_token(
        &app,
        "/api/accounts/sign-in",
        &[("email", EMAIL), ("password", PASSWORD)],
    )
    .await?;
    assert_eq!(old.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let new = post_token(
        &app,
        "/api/accounts/sign-in",
        &[("email", EMAIL), ("password", new_password)],
    )
    .await?;
    assert_eq!(new.status(), StatusCode::OK);
    Ok(())
}

async fn app_sessions(app: &TestApp) -> anyhow::Result<u64> {
    Ok(app::entities::session::Entity::find()
        .count(&app.db)
        .await?)
}

async fn a_reset_for_an_unknown_address_answers_alike_and_sends_nothing(
    backend: Backend,
) -> anyhow::Result<()> {
    let (smtp, mut app) = app_with_smtp(backend).await?;
    register(&app).await?;
    smtp.wait_for(1).await?;
    let known = post_token(&app, "/api/accounts/request-reset", &[("email", EMAIL)]).await?;
    let unknown = post_token(
        &app,
        "/api/accounts/request-reset",
        &[("email", "nobody@example.no")],
    )
    .await?;
    assert_eq!(known.status(), unknown.status());
    assert_eq!(known.text().await?, unknown.text().await?);
    smtp.wait_for(2).await?;
    app.settle_mail().await?;
    let recipients: Vec<_> = smtp
        .received()
        .iter()
        .flat_map(|email| email.rcpt_to.clone())
        .collect();
    assert!(
        !recipients.iter().any(|to| to == "nobody@example.no"),
        "{recipients:?}"
    );
    Ok(())
}

async fn a_new_address_takes_effect_from_its_link_and_the_old_one_is_told(
    backend: Backend,
) -> anyhow::Result<()> {
    let (smtp, app) = app_with_smtp(backend).await?;
    register(&app).await?;
    smtp.wait_for(1).await?;
    let kari = common::people::sign_in(&app, EMAIL).await?;

    let wrong_password = change_email(&app, &kari, "kari@nytt.no", "ikke passordet").await?;
    assert_eq!(wrong_password.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let asked = change_email(&app, &kari, "Kari@Nytt.no", PASSWORD).await?;
    assert_eq!(asked.status(), StatusCode::OK);
    let emails = smtp.wait_for(2).await?;
    assert_eq!(
        emails[1].rcpt_to,
        vec!["kari@nytt.no".to_owned()],
        "the link goes to the new address"
    );
    let stored = account::Entity::find()
        .one(&app.db)
        .await?
        .context("kari")?;
    assert_eq!(
        stored.email, EMAIL,
        "nothing changes before the link is used"
    );

    let token = token_of(&link_in(&emails[1], "/verify-email")?)?;
    let confirmed = post_token(&app, "/api/accounts/verify-email", &[("token", &token)]).await?;
    assert_eq!(confirmed.status(), StatusCode::OK);
    let stored = account::Entity::find()
        .one(&app.db)
        .await?
        .context("kari")?;
    assert_eq!(stored.email, "kari@nytt.no");
    let emails = smtp.wait_for(3).await?;
    assert_eq!(
        emails[2].rcpt_to,
        vec![EMAIL.to_owned()],
        "the old address is told"
    );
    ensure!(
        emails[2]
            .part("text/plain")
            .unwrap_or_default()
            .contains("kari@nytt.no")
    );

    // Signing in now takes the new address.
    let old = post_token(
        &app,
        "/api/accounts/sign-in",
        &[("email", EMAIL), ("password", PASSWORD)],
    )
    .await?;
    assert_eq!(old.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let new = post_token(
        &app,
        "/api/accounts/sign-in",
        &[("email", "kari@nytt.no"), ("password", PASSWORD)],
    )
    .await?;
    assert_eq!(new.status(), StatusCode::OK);
    Ok(())
}

async fn change_email(
    app: &TestApp,
    who: &common::people::Person,
    address: &str,
    password: &str,
) -> anyhow::Result<reqwest::Response> {
    common::people::post_as(
        app,
        Some(who),
        "/api/accounts/email",
        &[("new_email", address), ("current_password", password)],
    )
    .await
}

/// Asks for a reset link and returns its token, once the email arrives.
async fn reset_token(app: &TestApp, smtp: &SmtpServer, email: &str) -> anyhow::Result<String> {
    let before = smtp.received().len();
    let asked = post_token(app, "/api/accounts/request-reset", &[("email", email)]).await?;
    assert_eq!(asked.status(), StatusCode::OK);
    let emails = smtp.wait_for(before + 1).await?;
    token_of(&link_in(&emails[before], "/reset-password")?)
}

/// Whether a reset link still sets a password.
async fn resets(app: &TestApp, token: &str) -> anyhow::Result<bool> {
    let reset = post_token(
        app,
        "/api/accounts/reset-password",
        &[
            ("token", token),
            ("password", "et passord fra en gammel lenke"),
        ],
    )
    .await?;
    Ok(reset.status() == StatusCode::OK)
}

/// A reset link proves only that someone could read the mailbox when it was
/// sent. After the owner changes the password, resets it with another link,
/// or moves to a new address, an older link must not take the account back.
async fn outstanding_reset_links_die_when_the_password_or_address_changes(
    backend: Backend,
) -> anyhow::Result<()> {
    let (smtp, app) = app_with_smtp(backend).await?;
    register(&app).await?;
    smtp.wait_for(1).await?;
    let kari = common::people::sign_in(&app, EMAIL).await?;

    // A password change.
    let early = reset_token(&app, &smtp, EMAIL).await?;
    let changed = common::people::post_as(
        &app,
        Some(&kari),
        "/api/accounts/password",
        &[
            ("current_password", PASSWORD),
            ("new_password", "en annen lang setning"),
        ],
    )
    .await?;
    assert_eq!(changed.status(), StatusCode::OK);
    ensure!(
        !resets(&app, &early).await?,
        "the link from before the change"
    );

    // A reset with one of two links.
    let first = reset_token(&app, &smtp, EMAIL).await?;
    let second = reset_token(&app, &smtp, EMAIL).await?;
    let reset = post_token(
        &app,
        "/api/accounts/reset-password",
        &[("token", &second), ("password", PASSWORD)],
    )
    .await?;
    assert_eq!(reset.status(), StatusCode::OK);
    ensure!(!resets(&app, &first).await?, "the other link of the two");

    // A new address. (Three reset links an hour is the limit per address;
    // this test has used them up.)
    sea_orm::ConnectionTrait::execute_unprepared(&app.db, "DELETE FROM rate_limit").await?;
    let kari = common::people::sign_in(&app, EMAIL).await?;
    let to_old_address = reset_token(&app, &smtp, EMAIL).await?;
    let before = smtp.received().len();
    let asked = change_email(&app, &kari, "kari@nytt.no", PASSWORD).await?;
    assert_eq!(asked.status(), StatusCode::OK);
    let emails = smtp.wait_for(before + 1).await?;
    let token = token_of(&link_in(&emails[before], "/verify-email")?)?;
    let confirmed = post_token(&app, "/api/accounts/verify-email", &[("token", &token)]).await?;
    assert_eq!(confirmed.status(), StatusCode::OK);
    ensure!(
        !resets(&app, &to_old_address).await?,
        "a link sent to the old address"
    );
    Ok(())
}
