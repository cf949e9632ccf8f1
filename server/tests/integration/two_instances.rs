//! Two `samskap serve` processes behind nginx on one PostgreSQL, as a
//! bigger municipality runs Samskap: a session started through one is
//! valid on both, each email is sent once and every notification emailed
//! once though both run the workers, a rate limit counts the attempts made
//! at either, and a burst of pages through the balancer all succeed.
use crate::common;

use std::collections::BTreeMap;

use anyhow::{Context, ensure};
use app::entities::{notification, outbox};
use common::engagement::comment_on;
use common::ideas::{municipality, published_idea, verify};
use common::instances::BehindNginx;
use common::people::{PASSWORD, get_as, registered_person};
use common::smtp::SmtpServer;
use common::{Backend, TestApp, eventually};
use reqwest::StatusCode;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_processes_behind_nginx_act_as_one_site() -> anyhow::Result<()> {
    let smtp = SmtpServer::start().await?;
    let mut app = TestApp::spawn(Backend::Postgres).await?;
    // The processes do all the background work; this one only holds the
    // database and the test's helpers.
    app.stop_workers().await;
    let url = smtp.url();
    let mut pair =
        BehindNginx::start(&app, &[("SMTP_URL", &url), ("MAIL_RETRY_SECONDS", "0")]).await?;
    let site = app.at(pair.balancer.clone());
    municipality(&site).await?;

    // Registering through the balancer: one request to each instance in
    // turn. The session is valid on both.
    let kari = registered_person(&site, "kari@example.no", "Kari Nordmann").await?;
    for instance in &pair.instances {
        let page = get_as(&app.at(instance.clone()), Some(&kari), "/me").await?;
        ensure!(
            page.status() == StatusCode::OK,
            "{instance}/me: {}",
            page.status()
        );
        let html = page.text().await?;
        ensure!(
            html.contains("Kari Nordmann"),
            "{instance} knows Kari's session"
        );
    }

    // Emails and notifications: more sign-ups and replies to Kari, while
    // both instances' workers claim side by side.
    let author = registered_person(&site, "forfatter@example.no", "Forfatter").await?;
    for someone in [&kari, &author] {
        verify(&site, someone).await?;
    }
    for n in 0..6 {
        registered_person(&site, &format!("nabo{n}@example.no"), "Nabo").await?;
    }
    let idea = published_idea(&site, &author, "Benker langs Lysakerelva", "Flere benker.").await?;
    let asked = comment_on(&site, &kari, idea, None, "Ja takk, ved Granfoss.").await?;
    for n in 0..4 {
        comment_on(&site, &author, idea, Some(asked), &format!("Svar {n}")).await?;
    }
    eventually(
        "every notification handled and every email sent",
        || async {
            let notifications = notification::Entity::find()
                .filter(notification::Column::EmailDue.is_not_null())
                .count(&app.db)
                .await?;
            let emails = outbox::Entity::find()
                .filter(outbox::Column::SentAt.is_null())
                .count(&app.db)
                .await?;
            Ok((notifications == 0 && emails == 0).then_some(()))
        },
    )
    .await?;
    let sent = outbox::Entity::find().all(&app.db).await?;
    ensure!(
        sent.len() >= 9,
        "8 sign-ups and Kari's notifications: {}",
        sent.len()
    );
    ensure!(
        sent.iter().all(|row| row.attempts == 1),
        "an email was claimed twice"
    );
    let mut arrived: BTreeMap<String, usize> = BTreeMap::new();
    for email in smtp.received() {
        *arrived
            .entry(email.header("Message-ID").unwrap_or_default())
            .or_default() += 1;
    }
    ensure!(
        arrived.len() == sent.len() && arrived.values().all(|count| *count == 1),
        "each of {} emails arrived once: {arrived:?}",
        sent.len()
    );

    // The sign-in limit (10 tries per address and email a quarter of an
    // hour) counts the tries made at either instance.
    let guesser = "203.0.113.9";
    for attempt in 0..10 {
        let instance = &pair.instances[attempt % 2];
        let answer = wrong_sign_in(&app, instance, &pair.balancer, guesser).await?;
        ensure!(
            answer != StatusCode::TOO_MANY_REQUESTS,
            "try {attempt} refused early"
        );
    }
    for instance in &pair.instances {
        let answer = wrong_sign_in(&app, instance, &pair.balancer, guesser).await?;
        ensure!(
            answer == StatusCode::TOO_MANY_REQUESTS,
            "{instance} lets an 11th try through: {answer}"
        );
    }

    // A burst of pages through the balancer: every one answered.
    let mut requests = tokio::task::JoinSet::new();
    for n in 0..200 {
        let client = app.client.clone();
        let address = format!(
            "{}{}",
            pair.balancer,
            ["/", "/ideas", &format!("/ideas/{idea}")][n % 3]
        );
        requests.spawn(async move {
            client
                .get(address)
                .send()
                .await
                .map(|answer| answer.status())
        });
    }
    while let Some(answer) = requests.join_next().await {
        let status = answer?.context("a page through the balancer")?;
        ensure!(
            status == StatusCode::OK,
            "a page through the balancer: {status}"
        );
    }
    ensure!(pair.all_running(), "both instances and nginx still run");
    Ok(())
}

/// A sign-in with the wrong password, made at `instance` as the balancer
/// forwards it for a client at `client`.
async fn wrong_sign_in(
    app: &TestApp,
    instance: &str,
    site: &str,
    client: &str,
) -> anyhow::Result<StatusCode> {
    let answer = app
        .client
        .post(format!("{instance}/api/accounts/sign-in"))
        .header("origin", site)
        .header("sec-fetch-site", "same-origin")
        .header("x-forwarded-for", client)
        .header("accept", "application/json")
        .form(&[
            ("email", "kari@example.no"),
            ("password", &format!("{PASSWORD}-feil")),
        ])
        .send()
        .await?;
    Ok(answer.status())
}
