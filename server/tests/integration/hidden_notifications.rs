//! Hidden means absent from notifications too: a follower's list, the
//! `/notifications` page and their emails never carry a hidden idea's or
//! challenge's title, not even in notifications written before it was
//! hidden; and what staff do to hidden content afterwards tells no
//! follower. Its author still reads her own titles. Both databases.
use crate::common;

use anyhow::ensure;
use app::entities::{challenge, outbox};
use app::features::notifications::{digest, mailer};
use common::engagement::{notifications_of, support};
use common::ideas::{challenge_in, municipality, participant, published_idea};
use common::people::{Person, get_as, person_with_role, post_as};
use common::pipeline::{department_id, move_with_owner, staff_in};
use common::{Backend, TestApp};
use reqwest::StatusCode;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

on_both_backends!(
    hidden_titles_leave_the_list_the_page_and_the_emails,
    moves_on_hidden_content_tell_no_follower,
    a_merged_idea_hidden_afterwards_leaves_its_merge_notice,
);

/// Something no page would say by chance: the hidden titles carry it.
const MARKER: &str = "Skjultmarkør4417";

/// An idea and a challenge, both with the marker in their titles, each
/// followed by Kari (daily digest) and Ola (email at once).
struct Room {
    author: Person,
    kari: Person,
    ola: Person,
    staff: Person,
    moderator: Person,
    idea: i64,
    challenge: i64,
}

async fn room(app: &TestApp) -> anyhow::Result<Room> {
    municipality(app).await?;
    let author = participant(app, "forfatter@example.no", "Forfatter").await?;
    let kari = participant(app, "kari@example.no", "Kari").await?;
    let ola = participant(app, "ola@example.no", "Ola").await?;
    let staff = staff_in(app, "staff@example.no", "Vei og trafikk").await?;
    let moderator = person_with_role(app, "moderator@example.no", "moderator").await?;
    let idea = published_idea(
        app,
        &author,
        &format!("Benker langs elva {MARKER}"),
        "Flere benker.",
    )
    .await?;
    let challenge = challenge_in(app, "open", 0, 30).await?;
    challenge::Entity::update_many()
        .col_expr(
            challenge::Column::Title,
            Expr::value(format!("Utfordring {MARKER}")),
        )
        .filter(challenge::Column::Id.eq(challenge))
        .exec(&app.db)
        .await?;
    for who in [&kari, &ola] {
        // Supporters follow the idea.
        let supported = support(app, Some(who), idea, true).await?;
        ensure!(supported.status().is_success(), "{}", supported.status());
        let followed = post_as(
            app,
            Some(who),
            "/api/follows/set",
            &[
                ("subject", "challenge"),
                ("subject_id", &challenge.to_string()),
                ("follow", "true"),
            ],
        )
        .await?;
        ensure!(followed.status().is_success(), "{}", followed.status());
    }
    let daily = post_as(
        app,
        Some(&kari),
        "/api/notifications/email-choice",
        &[("choice", "daily")],
    )
    .await?;
    ensure!(daily.status().is_success(), "{}", daily.status());
    Ok(Room {
        author,
        kari,
        ola,
        staff,
        moderator,
        idea,
        challenge,
    })
}

/// Staff take the idea into review and close the challenge for ideas:
/// both tell their followers.
async fn staff_move_both(app: &TestApp, room: &Room) -> anyhow::Result<()> {
    let roads = department_id(app, "Vei og trafikk").await?;
    let moved = move_with_owner(app, &room.staff, room.idea, "under_review", Some(roads)).await?;
    let status = moved.status();
    ensure!(status.is_success(), "{status} {}", moved.text().await?);
    let closed = post_as(
        app,
        Some(&room.staff),
        "/api/challenges/state",
        &[
            ("challenge_id", &room.challenge.to_string()),
            ("state", "closed"),
            ("reason", ""),
            ("department_id", ""),
        ],
    )
    .await?;
    let status = closed.status();
    ensure!(status.is_success(), "{status} {}", closed.text().await?);
    Ok(())
}

async fn hide_both(app: &TestApp, room: &Room) -> anyhow::Result<()> {
    for (kind, id) in [("idea", room.idea), ("challenge", room.challenge)] {
        let hidden = post_as(
            app,
            Some(&room.moderator),
            "/api/moderation/decide",
            &[
                ("kind", kind),
                ("id", &id.to_string()),
                ("decision", "hide"),
                ("reason", "Personopplysninger"),
            ],
        )
        .await?;
        ensure!(hidden.status().is_success(), "{kind}: {}", hidden.status());
    }
    Ok(())
}

async fn text(app: &TestApp, who: &Person, path: &str) -> anyhow::Result<String> {
    let answer = get_as(app, Some(who), path).await?;
    let status = answer.status();
    let body = answer.text().await?;
    ensure!(status == StatusCode::OK, "{path}: {status}");
    Ok(body)
}

async fn hidden_titles_leave_the_list_the_page_and_the_emails(
    mut app: TestApp,
) -> anyhow::Result<()> {
    let room = room(&app).await?;
    // Nothing is emailed until the test says so: the notifications below
    // are written before the hiding and emailed after it.
    if let Some(worker) = app.job_worker.take() {
        worker.stop().await;
    }
    staff_move_both(&app, &room).await?;
    hide_both(&app, &room).await?;

    for who in [&room.kari, &room.ola] {
        let answer = text(&app, who, "/api/notifications/page").await?;
        ensure!(!answer.contains(MARKER), "the list's answer: {answer}");
        let page: serde_json::Value = serde_json::from_str(&answer)?;
        let items = page["items"].as_array().map_or(0, Vec::len);
        ensure!(items == 2, "both notifications are listed: {answer}");
        let page = text(&app, who, "/notifications").await?;
        ensure!(!page.contains(MARKER), "the page /notifications");
        ensure!(page.contains("(skjult)"), "the title's place says hidden");
    }
    // The author still reads her own idea's title.
    let own = text(&app, &room.author, "/api/notifications/page").await?;
    ensure!(own.contains(MARKER), "the author's own title: {own}");

    // Ola's emails at once, Kari's in the digest.
    let public_url = app.config.public_url.clone();
    while mailer::email_waiting(&app.db, &public_url).await? > 0 {}
    digest::send(&app.db, &public_url).await?;
    let emails = outbox::Entity::find().all(&app.db).await?;
    for (address, template) in [
        ("ola@example.no", "notification"),
        ("kari@example.no", "digest"),
    ] {
        ensure!(
            emails
                .iter()
                .any(|email| email.recipient.contains(address) && email.template == template),
            "a {template} email to {address}"
        );
    }
    for email in emails
        .iter()
        .filter(|email| !email.recipient.contains("forfatter"))
    {
        for part in [&email.subject, &email.body_text, &email.body_html] {
            ensure!(
                !part.contains(MARKER),
                "the {} email to {}: {part}",
                email.template,
                email.recipient
            );
        }
    }
    Ok(())
}

async fn moves_on_hidden_content_tell_no_follower(app: TestApp) -> anyhow::Result<()> {
    let room = room(&app).await?;
    hide_both(&app, &room).await?;
    let before = [
        notifications_of(&app, &room.kari).await?.len(),
        notifications_of(&app, &room.ola).await?.len(),
    ];
    staff_move_both(&app, &room).await?;
    let after = [
        notifications_of(&app, &room.kari).await?.len(),
        notifications_of(&app, &room.ola).await?.len(),
    ];
    ensure!(before == after, "followers told: {before:?} → {after:?}");
    // The author was told of the hiding itself, and of nothing since.
    let told: Vec<String> = notifications_of(&app, &room.author)
        .await?
        .into_iter()
        .map(|row| row.kind.to_string())
        .collect();
    ensure!(told == ["content_hidden"], "{told:?}");
    Ok(())
}

/// The notice of a merge names the merged idea in its text: once that idea
/// is hidden, its supporters read the notice without the name.
async fn a_merged_idea_hidden_afterwards_leaves_its_merge_notice(
    app: TestApp,
) -> anyhow::Result<()> {
    let room = room(&app).await?;
    let target = published_idea(&app, &room.ola, "Flere benker ved elva", "Samme idé.").await?;
    let merged = post_as(
        &app,
        Some(&room.moderator),
        "/api/moderation/merge",
        &[
            ("idea_id", &room.idea.to_string()),
            ("into", &target.to_string()),
        ],
    )
    .await?;
    ensure!(merged.status().is_success(), "{}", merged.status());
    let before = text(&app, &room.kari, "/api/notifications/page").await?;
    ensure!(before.contains("IdeaMerged"), "Kari is told: {before}");
    hide_both(&app, &room).await?;
    let after = text(&app, &room.kari, "/api/notifications/page").await?;
    ensure!(!after.contains(MARKER), "the list's answer: {after}");
    let page = text(&app, &room.kari, "/notifications").await?;
    ensure!(!page.contains(MARKER), "the page /notifications");
    ensure!(page.contains("(skjult)"), "the name's place says hidden");
    Ok(())
}
