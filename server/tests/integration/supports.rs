//! Supports: exact counts under concurrency, who may support what, and the
//! support threshold. Both databases; the race runs on PostgreSQL, where
//! requests really run side by side.
use crate::common;

use anyhow::ensure;
use app::entities::idea;
use app::features::notifications::types::Kind;
use chrono::{Duration, Utc};
use common::engagement::{
    crowd, idea_row, notifications_of, support, support_threshold, supports_counted,
};
use common::ideas::{municipality, participant, published_idea};
use common::people::{Person, person, person_with_role, post_as};
use common::{Backend, TestApp};
use futures::future::join_all;
use reqwest::StatusCode;
use sea_orm::{ActiveModelTrait, ActiveValue::Set};

on_both_backends!(
    a_double_support_counts_once_and_withdrawing_takes_it_back,
    supports_are_refused_where_they_do_not_belong,
    the_threshold_is_reached_once_and_never_undone,
    supports_after_the_window_do_not_reach_the_threshold,
    a_deleted_account_takes_its_supports_along,
);

async fn ready(app: &TestApp) -> anyhow::Result<(Person, i64)> {
    municipality(app).await?;
    let author = participant(app, "forfatter@example.no", "Forfatter").await?;
    let idea = published_idea(app, &author, "Benker langs Lysakerelva", "Flere benker.").await?;
    Ok((author, idea))
}

async fn problem(response: reqwest::Response) -> anyhow::Result<(StatusCode, String)> {
    Ok((response.status(), response.text().await?))
}

async fn a_double_support_counts_once_and_withdrawing_takes_it_back(
    app: TestApp,
) -> anyhow::Result<()> {
    let (_, idea) = ready(&app).await?;
    let kari = participant(&app, "kari@example.no", "Kari").await?;
    for _ in 0..2 {
        let answer = support(&app, Some(&kari), idea, true).await?;
        ensure!(answer.status() == StatusCode::OK, "{}", answer.status());
        let state: serde_json::Value = answer.json().await?;
        ensure!(state["supported"] == true && state["count"] == 1, "{state}");
    }
    ensure!(supports_counted(&app, idea).await? == (1, 1));
    ensure!(
        idea_row(&app, idea).await?.first_vote_at.is_some(),
        "the first support closes the author's edit window"
    );
    for _ in 0..2 {
        let answer = support(&app, Some(&kari), idea, false).await?;
        ensure!(answer.status() == StatusCode::OK);
    }
    ensure!(supports_counted(&app, idea).await? == (0, 0));
    // The supporter follows the idea from the first support on.
    let following = app::features::follows::service::is_following(
        &app.db,
        kari.id,
        app::features::follows::types::Subject::Idea(idea),
    )
    .await?;
    ensure!(following, "a supporter follows the idea");
    Ok(())
}

async fn supports_are_refused_where_they_do_not_belong(app: TestApp) -> anyhow::Result<()> {
    let (author, idea) = ready(&app).await?;
    let kari = participant(&app, "kari@example.no", "Kari").await?;

    let (status, body) = problem(support(&app, None, idea, true).await?).await?;
    ensure!(
        status == StatusCode::UNAUTHORIZED,
        "signed out: {status} {body}"
    );

    let (status, body) = problem(support(&app, Some(&author), idea, true).await?).await?;
    ensure!(
        status == StatusCode::UNPROCESSABLE_ENTITY && body.contains("OwnContent"),
        "own idea: {status} {body}"
    );

    let unconfirmed = person(&app, "ny@example.no", "Ny").await?;
    let (status, body) = problem(support(&app, Some(&unconfirmed), idea, true).await?).await?;
    ensure!(
        status == StatusCode::UNPROCESSABLE_ENTITY && body.contains("EmailNotVerified"),
        "unconfirmed address: {status} {body}"
    );

    // Naming someone else in the form does not act for them: the session
    // decides who supports.
    let ola = participant(&app, "ola@example.no", "Ola").await?;
    let answer = post_as(
        &app,
        Some(&kari),
        "/api/supports/idea",
        &[
            ("idea_id", &idea.to_string()),
            ("support", "true"),
            ("account_id", &ola.id.to_string()),
        ],
    )
    .await?;
    ensure!(answer.status().is_success(), "{}", answer.status());
    let supporters =
        app::features::supports::service::supported_ideas(&app.db, ola.id, &[idea]).await?;
    ensure!(supporters.is_empty(), "Ola's support was cast by Kari");
    ensure!(supports_counted(&app, idea).await? == (1, 1));

    // Closed, withdrawn and not yet public ideas take no supports.
    for status in ["declined", "under_review", "withdrawn"] {
        set_status(&app, idea, status).await?;
        let (code, body) = problem(support(&app, Some(&ola), idea, true).await?).await?;
        ensure!(
            code == StatusCode::UNPROCESSABLE_ENTITY && body.contains("VotingClosed"),
            "{status}: {code} {body}"
        );
        // Taking a support back is closed too: the count stays as it was
        // when the idea moved on.
        let (code, _) = problem(support(&app, Some(&kari), idea, false).await?).await?;
        ensure!(code == StatusCode::UNPROCESSABLE_ENTITY, "{status}: {code}");
    }
    set_status(&app, idea, "awaiting_approval").await?;
    let (code, _) = problem(support(&app, Some(&ola), idea, true).await?).await?;
    ensure!(code == StatusCode::NOT_FOUND, "awaiting approval: {code}");
    ensure!(supports_counted(&app, idea).await? == (1, 1));

    // Without JavaScript the refusal comes back to the page (303).
    set_status(&app, idea, "declined").await?;
    let refused = app
        .post_same_origin("/api/supports/idea")
        .header("accept", "text/html")
        .header("cookie", &ola.cookie)
        .form(&[
            ("idea_id", idea.to_string()),
            ("support", "true".to_owned()),
        ])
        .send()
        .await?;
    ensure!(
        refused.status() == StatusCode::SEE_OTHER,
        "{}",
        refused.status()
    );
    Ok(())
}

async fn set_status(app: &TestApp, id: i64, status: &str) -> anyhow::Result<()> {
    let mut change: idea::ActiveModel = idea_row(app, id).await?.into();
    change.status = Set(status.parse()?);
    change.update(&app.db).await?;
    Ok(())
}

async fn the_threshold_is_reached_once_and_never_undone(app: TestApp) -> anyhow::Result<()> {
    let (author, idea) = ready(&app).await?;
    support_threshold(&app, 3, 90).await?;
    let staff = person_with_role(&app, "saksbehandler@example.no", "staff").await?;
    let supporters = crowd(&app, 4).await?;
    for supporter in &supporters[..2] {
        support(&app, Some(supporter), idea, true).await?;
    }
    ensure!(idea_row(&app, idea).await?.status.as_str() == "published");
    support(&app, Some(&supporters[2]), idea, true).await?;
    let reached = idea_row(&app, idea).await?;
    ensure!(
        reached.status.as_str() == "threshold_reached" && reached.threshold_reached_at.is_some(),
        "{reached:?}"
    );
    // A withdrawn support never moves it back; more supports never move it again.
    support(&app, Some(&supporters[2]), idea, false).await?;
    support(&app, Some(&supporters[3]), idea, true).await?;
    support(&app, Some(&supporters[2]), idea, true).await?;
    let after = idea_row(&app, idea).await?;
    ensure!(after.status.as_str() == "threshold_reached" && after.support_count == 4);
    ensure!(after.threshold_reached_at == reached.threshold_reached_at);

    let told_staff: Vec<_> = notifications_of(&app, &staff)
        .await?
        .into_iter()
        .filter(|row| row.kind == Kind::ThresholdReached)
        .collect();
    ensure!(
        told_staff.len() == 1,
        "staff told {} times",
        told_staff.len()
    );
    let told_author: Vec<_> = notifications_of(&app, &author)
        .await?
        .into_iter()
        .filter(|row| row.kind == Kind::IdeaStatus)
        .collect();
    ensure!(
        told_author.len() == 1 && told_author[0].detail.as_deref() == Some("threshold_reached"),
        "{told_author:?}"
    );
    Ok(())
}

async fn supports_after_the_window_do_not_reach_the_threshold(app: TestApp) -> anyhow::Result<()> {
    let (_, idea) = ready(&app).await?;
    support_threshold(&app, 2, 90).await?;
    let mut change: idea::ActiveModel = idea_row(&app, idea).await?.into();
    change.published_at = Set(Some(Utc::now() - Duration::days(91)));
    change.update(&app.db).await?;
    for supporter in crowd(&app, 3).await? {
        support(&app, Some(&supporter), idea, true).await?;
    }
    let row = idea_row(&app, idea).await?;
    ensure!(
        row.status.as_str() == "published" && row.support_count == 3,
        "{row:?}"
    );
    Ok(())
}

async fn a_deleted_account_takes_its_supports_along(app: TestApp) -> anyhow::Result<()> {
    let (_, idea) = ready(&app).await?;
    let kari = participant(&app, "kari@example.no", "Kari").await?;
    support(&app, Some(&kari), idea, true).await?;
    ensure!(supports_counted(&app, idea).await? == (1, 1));
    let deleted = post_as(
        &app,
        Some(&kari),
        "/api/accounts/delete",
        &[("current_password", common::people::PASSWORD)],
    )
    .await?;
    ensure!(deleted.status().is_success(), "{}", deleted.status());
    ensure!(supports_counted(&app, idea).await? == (0, 0));
    Ok(())
}

/// 100 people each send their support twice, all 200 requests at once; then
/// each takes it back twice, all at once. A multi-threaded runtime, so the
/// server really handles the requests side by side.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_hundred_racing_supports_from_a_hundred_people_count_exactly() -> anyhow::Result<()> {
    race(Backend::Postgres).await
}

/// The same race on the embedded database, where one writer at a time is
/// the rule and the others must wait their turn rather than fail.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn racing_supports_count_exactly_on_sqlite_too() -> anyhow::Result<()> {
    race(Backend::Sqlite).await
}

async fn race(backend: Backend) -> anyhow::Result<()> {
    let app = TestApp::spawn(backend).await?;
    let (_, idea) = ready(&app).await?;
    let staff = person_with_role(&app, "saksbehandler@example.no", "staff").await?;
    let people = crowd(&app, 100).await?;
    let twice = || people.iter().chain(people.iter());

    let answers = join_all(twice().map(|who| support(&app, Some(who), idea, true))).await;
    for answer in answers {
        let answer = answer?;
        ensure!(answer.status() == StatusCode::OK, "{}", answer.status());
    }
    ensure!(
        supports_counted(&app, idea).await? == (100, 100),
        "{:?}",
        supports_counted(&app, idea).await?
    );
    // The default threshold (50) was crossed once, whichever request did it.
    ensure!(idea_row(&app, idea).await?.status.as_str() == "threshold_reached");
    let told = notifications_of(&app, &staff).await?;
    ensure!(told.len() == 1, "staff told {} times", told.len());

    let answers = join_all(twice().map(|who| support(&app, Some(who), idea, false))).await;
    for answer in answers {
        ensure!(answer?.status() == StatusCode::OK);
    }
    ensure!(supports_counted(&app, idea).await? == (0, 0));
    ensure!(idea_row(&app, idea).await?.status.as_str() == "threshold_reached");
    Ok(())
}
