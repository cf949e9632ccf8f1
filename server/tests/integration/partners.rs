//! Sharing between two real Samskap instances on loopback, each with its
//! own database: the admins list each other as partners; B's staff search
//! and find A's card, import it (it keeps where it came from), publish it,
//! and A, told, checks that B's page links to its card before it shows
//! "adopted by B". A forged report (a page of B's without the link) is
//! refused; a partner that hangs is cut off within its time limit and the
//! page still answers; a host that is not listed is never contacted. Only
//! admins keep the list. Both databases.
use crate::common;

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use anyhow::{Context, ensure};
use app::entities::{partner, solution};
use app::features::solutions::service;
use app::features::solutions::types::SolutionText;
use common::answers::{page, refusal, refused};
use common::people::{Cast, get_as, post_as};
use common::{Backend, TestApp};
use reqwest::StatusCode;
use sea_orm::EntityTrait;

on_both_backends!(
    a_card_travels_from_a_to_b_and_a_verifies_the_adoption,
    a_forged_or_unlisted_report_is_refused_without_a_fetch,
    a_partner_that_hangs_is_cut_off_and_the_page_still_answers,
    only_admins_keep_the_partner_list,
);

/// A published card on `app`; returns its id.
async fn published_card(app: &TestApp, title: &str, done: &str) -> anyhow::Result<i64> {
    let id = service::create(
        &app.db,
        None,
        None,
        SolutionText {
            title: title.to_owned(),
            problem: "Mange står i kø ved servicetorget.".to_owned(),
            what_was_done: done.to_owned(),
            cost_nok: Some(90_000),
            ..SolutionText::default()
        },
        &[],
    )
    .await?;
    service::publish(&app.db, None, id, 1).await?;
    Ok(id)
}

/// Lists `partner` (by its address) on `app`, as `app`'s admin.
async fn list_partner(
    app: &TestApp,
    cast: &Cast,
    name: &str,
    address: &str,
) -> anyhow::Result<i64> {
    let answer = post_as(
        app,
        Some(&cast.admin),
        "/api/admin/partners/add",
        &[("name", name), ("base_url", address)],
    )
    .await?;
    ensure!(answer.status() == StatusCode::OK, "{}", answer.status());
    Ok(serde_json::from_str(&answer.text().await?)?)
}

/// A port that accepts connections, counts them and never answers.
async fn silent_host() -> anyhow::Result<(String, Arc<AtomicUsize>)> {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let address = format!("http://{}", listener.local_addr()?);
    let count = Arc::new(AtomicUsize::new(0));
    let counted = count.clone();
    tokio::spawn(async move {
        let mut held = Vec::new();
        while let Ok((stream, _)) = listener.accept().await {
            counted.fetch_add(1, Ordering::SeqCst);
            held.push(stream);
        }
    });
    Ok((address, count))
}

async fn report(app: &TestApp, source: &str, target: &str) -> anyhow::Result<reqwest::Response> {
    Ok(app
        .client
        .post(app.url("/api/v1/adoptions"))
        .form(&[("source", source), ("target", target)])
        .send()
        .await?)
}

async fn a_card_travels_from_a_to_b_and_a_verifies_the_adoption(a: TestApp) -> anyhow::Result<()> {
    let b = TestApp::spawn(a.backend).await?;
    let (cast_a, cast_b) = (Cast::assemble(&a).await?, Cast::assemble(&b).await?);
    let card = published_card(
        &a,
        "Chat med servicetorget",
        "Vi åpnet en **chat** på nettsidene.",
    )
    .await?;
    list_partner(&a, &cast_a, "Bkommune", &b.address).await?;
    let a_on_b = list_partner(&b, &cast_b, "Akommune", &a.address).await?;

    // B's staff search, and find A's card with its import button.
    let found = page(&b, Some(&cast_b.staff), "/solutions?q=servicetorget").await?;
    ensure!(
        found.contains("partner-results-heading") && found.contains("Akommune"),
        "{found}"
    );
    let card_url = format!("{}/solutions/{card}", a.address);
    ensure!(found.contains(&format!("href=\"{card_url}\"")), "A's card");
    ensure!(
        found.contains(&format!("name=\"remote_id\" value=\"{card}\"")),
        "its import button"
    );
    // A visitor on B sees nothing of the partners.
    ensure!(
        !page(&b, None, "/solutions?q=servicetorget")
            .await?
            .contains("Akommune")
    );

    let (partner_field, remote_field) = (a_on_b.to_string(), card.to_string());
    let imported = post_as(
        &b,
        Some(&cast_b.staff),
        "/api/partners/import",
        &[("partner_id", &partner_field), ("remote_id", &remote_field)],
    )
    .await?;
    ensure!(imported.status() == StatusCode::OK, "{}", imported.status());
    let local: i64 = serde_json::from_str(&imported.text().await?)?;
    let copy = solution::Entity::find_by_id(local)
        .one(&b.db)
        .await?
        .context("the imported card")?;
    ensure!(copy.version == 0, "a draft to adapt");
    ensure!(
        copy.what_was_done == "Vi åpnet en **chat** på nettsidene.",
        "the Markdown"
    );
    ensure!(copy.origin_url == card_url && copy.origin_version == Some(1));
    ensure!(copy.origin_partner_id == Some(a_on_b));

    // Published, B tells A; A checks B's page and shows the adoption.
    let published = post_as(
        &b,
        Some(&cast_b.staff),
        "/api/solutions/publish",
        &[
            ("id", &local.to_string()),
            ("base_revision", &copy.revision.to_string()),
        ],
    )
    .await?;
    ensure!(
        published.status() == StatusCode::OK,
        "{}",
        published.status()
    );
    let told = solution::Entity::find_by_id(local)
        .one(&b.db)
        .await?
        .context("the card")?;
    ensure!(told.origin_notified_at.is_some(), "A accepted the report");
    let b_page = format!("{}/solutions/{local}", b.address);
    let adopted = page(&a, None, &format!("/solutions/{card}")).await?;
    ensure!(
        adopted.contains("Tatt i bruk av") && adopted.contains(&format!("href=\"{b_page}\"")),
        "{adopted}"
    );
    ensure!(adopted.contains("Bkommune"));
    let copy_page = page(&b, None, &format!("/solutions/{local}")).await?;
    ensure!(copy_page.contains("Hentet fra") && copy_page.contains("Akommune, versjon 1"));
    Ok(())
}

async fn a_forged_or_unlisted_report_is_refused_without_a_fetch(a: TestApp) -> anyhow::Result<()> {
    let b = TestApp::spawn(a.backend).await?;
    let cast_a = Cast::assemble(&a).await?;
    let card = published_card(&a, "Chat med servicetorget", "Vi åpnet en chat.").await?;
    let target = format!("{}/solutions/{card}", a.address);
    list_partner(&a, &cast_a, "Bkommune", &b.address).await?;
    // A page of B's that does not link to A's card.
    let unrelated = published_card(&b, "Bysykler", "Vi kjøpte sykler.").await?;
    let forged = report(&a, &format!("{}/solutions/{unrelated}", b.address), &target).await?;
    ensure!(
        forged.status() == StatusCode::BAD_REQUEST,
        "{}",
        forged.status()
    );
    ensure!(forged.text().await?.contains("no_link"));

    // A host nobody listed is never contacted, whatever is asked.
    let (stranger, connections) = silent_host().await?;
    let from_stranger = report(&a, &format!("{stranger}/solutions/1"), &target).await?;
    ensure!(from_stranger.status() == StatusCode::BAD_REQUEST);
    ensure!(from_stranger.text().await?.contains("unknown_source"));
    // Nor through a listed host's address with another port, nor as a
    // target that is not a card here.
    let elsewhere = report(
        &a,
        &format!("{}/solutions/1", b.address),
        &format!("{stranger}/solutions/1"),
    )
    .await?;
    ensure!(elsewhere.text().await?.contains("unknown_target"));
    ensure!(
        connections.load(Ordering::SeqCst) == 0,
        "the stranger was contacted"
    );
    ensure!(
        !page(&a, None, &format!("/solutions/{card}"))
            .await?
            .contains("Tatt i bruk av"),
        "no adoption shows"
    );
    Ok(())
}

async fn a_partner_that_hangs_is_cut_off_and_the_page_still_answers(
    app: TestApp,
) -> anyhow::Result<()> {
    let cast = Cast::assemble(&app).await?;
    let (slow, connections) = silent_host().await?;
    list_partner(&app, &cast, "Treig kommune", &slow).await?;
    let started = Instant::now();
    let answer = get_as(&app, Some(&cast.staff), "/solutions?q=servicetorget").await?;
    let waited = started.elapsed();
    ensure!(answer.status() == StatusCode::OK, "{}", answer.status());
    let body = answer.text().await?;
    ensure!(
        body.contains("Treig kommune") && body.contains("Svarte ikke nå"),
        "named as unavailable"
    );
    ensure!(waited < Duration::from_secs(5), "cut off: {waited:?}");
    ensure!(connections.load(Ordering::SeqCst) >= 1, "it was asked");
    Ok(())
}

async fn only_admins_keep_the_partner_list(app: TestApp) -> anyhow::Result<()> {
    let cast = Cast::assemble(&app).await?;
    for (name, who) in cast.actors() {
        if name == "admin" {
            continue;
        }
        let expected = if who.is_some() {
            StatusCode::FORBIDDEN
        } else {
            StatusCode::UNAUTHORIZED
        };
        let added = post_as(
            &app,
            who,
            "/api/admin/partners/add",
            &[
                ("name", "Asker"),
                ("base_url", "https://samskap.asker.kommune.no"),
            ],
        )
        .await?;
        ensure!(added.status() == expected, "{name}: {}", added.status());
        ensure!(
            get_as(&app, who, "/api/admin/partners").await?.status() == expected,
            "{name} reads the list"
        );
    }
    let id = list_partner(
        &app,
        &cast,
        "Asker kommune",
        "https://samskap.asker.kommune.no/",
    )
    .await?;
    for (address, problem) in [
        ("samskap.asker.kommune.no", "PartnerAddress"),
        (
            "https://samskap.asker.kommune.no/solutions",
            "PartnerAddress",
        ),
        ("https://samskap.asker.kommune.no", "PartnerTaken"),
    ] {
        let again = post_as(
            &app,
            Some(&cast.admin),
            "/api/admin/partners/add",
            &[("name", "Asker"), ("base_url", address)],
        )
        .await?;
        assert_eq!(
            refusal(again).await?,
            refused("base_url", problem),
            "{address}"
        );
    }
    let listed = page(&app, Some(&cast.admin), "/admin/partners").await?;
    ensure!(
        listed.contains("Asker kommune") && listed.contains("https://samskap.asker.kommune.no")
    );
    let removed = post_as(
        &app,
        Some(&cast.staff),
        "/api/admin/partners/remove",
        &[("partner_id", &id.to_string())],
    )
    .await?;
    ensure!(removed.status() == StatusCode::FORBIDDEN);
    let removed = post_as(
        &app,
        Some(&cast.admin),
        "/api/admin/partners/remove",
        &[("partner_id", &id.to_string())],
    )
    .await?;
    ensure!(removed.status() == StatusCode::OK, "{}", removed.status());
    ensure!(partner::Entity::find().all(&app.db).await?.is_empty());
    Ok(())
}
