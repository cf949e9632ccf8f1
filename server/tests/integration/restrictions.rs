//! A suspension or ban limits every write but reading and deleting one's
//! own data, whoever holds it: a suspended moderator no longer moderates,
//! suspended staff no longer move ideas or write notes, and a banned
//! person can neither rename themselves nor post, yet still reads their
//! pages, downloads their data, turns emails off, changes their password,
//! signs out and deletes their account. Both databases.
use crate::common;

use anyhow::{Context, ensure};
use app::entities::{account, idea_note};
use common::engagement::{comment_on, comment_row, idea_row, post_comment};
use common::ideas::{
    challenge_in, idea_form, municipality, participant, published_idea, save_idea,
};
use common::people::{PASSWORD, Person, get_as, person_with_role, post_as, sign_in};
use common::pipeline::{department_id, move_with_owner, staff_in};
use common::{Backend, TestApp};
use reqwest::StatusCode;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

on_both_backends!(
    a_suspended_moderator_signed_in_again_no_longer_moderates,
    suspended_staff_no_longer_move_ideas_or_write_notes,
    a_banned_person_reads_exports_and_leaves_but_changes_nothing_else,
);

/// `sanction` ("suspend" or "ban") on `target`, decided by `by`.
async fn sanction(
    app: &TestApp,
    by: &Person,
    target: &Person,
    sanction: &str,
) -> anyhow::Result<()> {
    let decided = post_as(
        app,
        Some(by),
        "/api/moderation/sanction",
        &[
            ("account_id", &target.id.to_string()),
            ("sanction", sanction),
            ("days", "3"),
            ("reason", "Brudd på retningslinjene"),
        ],
    )
    .await?;
    let status = decided.status();
    ensure!(status.is_success(), "{sanction}: {status}");
    Ok(())
}

/// `email` signs in again after a sanction ended their sessions.
async fn back_again(app: &TestApp, email: &str, id: i64) -> anyhow::Result<Person> {
    let signed_in = sign_in(app, email).await?;
    Ok(Person {
        id,
        cookie: signed_in.cookie,
    })
}

/// The answer must be the refusal that points to the notification.
async fn refused_as_restricted(what: &str, answer: reqwest::Response) -> anyhow::Result<()> {
    let status = answer.status();
    let body = answer.text().await?;
    ensure!(
        status == StatusCode::UNPROCESSABLE_ENTITY && body.contains("AccountRestricted"),
        "{what}: {status} {body}"
    );
    Ok(())
}

async fn succeeded(what: &str, answer: reqwest::Response) -> anyhow::Result<()> {
    let status = answer.status();
    let body = answer.text().await?;
    ensure!(status.is_success(), "{what}: {status} {body}");
    Ok(())
}

async fn follow(
    app: &TestApp,
    who: &Person,
    idea: i64,
    on: &str,
) -> anyhow::Result<reqwest::Response> {
    post_as(
        app,
        Some(who),
        "/api/follows/set",
        &[
            ("subject", "idea"),
            ("subject_id", &idea.to_string()),
            ("follow", on),
        ],
    )
    .await
}

async fn a_suspended_moderator_signed_in_again_no_longer_moderates(
    app: TestApp,
) -> anyhow::Result<()> {
    municipality(&app).await?;
    let admin = person_with_role(&app, "admin@example.no", "admin").await?;
    let moderator = person_with_role(&app, "moderator@example.no", "moderator").await?;
    let author = participant(&app, "forfatter@example.no", "Forfatter").await?;
    let kari = participant(&app, "kari@example.no", "Kari").await?;
    let idea = published_idea(&app, &author, "Benker langs elva", "Flere benker.").await?;
    let reported = post_as(
        &app,
        Some(&kari),
        "/api/moderation/report",
        &[
            ("kind", "idea"),
            ("id", &idea.to_string()),
            ("reason", "spam"),
            ("detail", ""),
        ],
    )
    .await?;
    succeeded("the report", reported).await?;

    sanction(&app, &admin, &moderator, "suspend").await?;
    let moderator = back_again(&app, "moderator@example.no", moderator.id).await?;
    for (decision, reason) in [("hide", "Spam"), ("dismiss", "")] {
        let decided = post_as(
            &app,
            Some(&moderator),
            "/api/moderation/decide",
            &[
                ("kind", "idea"),
                ("id", &idea.to_string()),
                ("decision", decision),
                ("reason", reason),
            ],
        )
        .await?;
        refused_as_restricted(decision, decided).await?;
    }
    let warned = post_as(
        &app,
        Some(&moderator),
        "/api/moderation/sanction",
        &[
            ("account_id", &author.id.to_string()),
            ("sanction", "warn"),
            ("reason", "Nei"),
        ],
    )
    .await?;
    refused_as_restricted("a warning", warned).await?;
    ensure!(
        idea_row(&app, idea).await?.hidden_at.is_none(),
        "the idea is not hidden"
    );
    // Reading the queue is still reading.
    let queue = get_as(&app, Some(&moderator), "/admin/moderation").await?;
    ensure!(queue.status() == StatusCode::OK, "{}", queue.status());
    Ok(())
}

async fn suspended_staff_no_longer_move_ideas_or_write_notes(app: TestApp) -> anyhow::Result<()> {
    municipality(&app).await?;
    let admin = person_with_role(&app, "admin@example.no", "admin").await?;
    let staff = staff_in(&app, "staff@example.no", "Vei og trafikk").await?;
    let author = participant(&app, "forfatter@example.no", "Forfatter").await?;
    let idea = published_idea(&app, &author, "Benker langs elva", "Flere benker.").await?;

    sanction(&app, &admin, &staff, "suspend").await?;
    let staff = back_again(&app, "staff@example.no", staff.id).await?;
    let roads = department_id(&app, "Vei og trafikk").await?;
    let moved = move_with_owner(&app, &staff, idea, "under_review", Some(roads)).await?;
    refused_as_restricted("the move", moved).await?;
    ensure!(idea_row(&app, idea).await?.status.as_str() == "published");
    let noted = post_as(
        &app,
        Some(&staff),
        "/api/pipeline/notes/add",
        &[("idea_id", &idea.to_string()), ("body", "Ser bra ut")],
    )
    .await?;
    refused_as_restricted("the note", noted).await?;
    ensure!(idea_note::Entity::find().count(&app.db).await? == 0);
    // The board is still there to read.
    let board = get_as(&app, Some(&staff), "/admin/pipeline").await?;
    ensure!(board.status() == StatusCode::OK, "{}", board.status());
    Ok(())
}

async fn a_banned_person_reads_exports_and_leaves_but_changes_nothing_else(
    app: TestApp,
) -> anyhow::Result<()> {
    municipality(&app).await?;
    let moderator = person_with_role(&app, "moderator@example.no", "moderator").await?;
    let author = participant(&app, "forfatter@example.no", "Forfatter").await?;
    let kari = participant(&app, "kari@example.no", "Kari").await?;
    let idea = published_idea(&app, &author, "Benker langs elva", "Flere benker.").await?;
    let own_comment = comment_on(&app, &kari, idea, None, "Ja takk, ved Granfoss.").await?;
    let challenge = challenge_in(&app, "open", 0, 30).await?;
    let joined = post_as(
        &app,
        Some(&kari),
        "/api/challenges/join",
        &[
            ("challenge_id", &challenge.to_string()),
            ("note", "Jeg kan tegne"),
        ],
    )
    .await?;
    succeeded("joining", joined).await?;

    sanction(&app, &moderator, &kari, "ban").await?;
    let kari = back_again(&app, "kari@example.no", kari.id).await?;

    // No writing: not the profile, not a post, not a follow, not the address.
    let renamed = post_as(
        &app,
        Some(&kari),
        "/api/accounts/profile",
        &[
            ("display_name", "Nytt navn"),
            ("actor_type", "resident"),
            ("organisation", ""),
            ("locale", "nb"),
        ],
    )
    .await?;
    refused_as_restricted("the profile", renamed).await?;
    let name = account::Entity::find_by_id(kari.id)
        .one(&app.db)
        .await?
        .context("Kari")?
        .display_name;
    ensure!(name == "Kari", "renamed to {name}");
    let commented = post_comment(&app, &kari, idea, None, "Hei", "").await?;
    refused_as_restricted("a comment", commented).await?;
    let drafted = save_idea(
        &app,
        Some(&kari),
        &idea_form("Lys i lysløypa", "Lengre åpningstid."),
    )
    .await?;
    refused_as_restricted("an idea", drafted).await?;
    refused_as_restricted("a follow", follow(&app, &kari, idea, "true").await?).await?;
    let readdressed = post_as(
        &app,
        Some(&kari),
        "/api/accounts/email",
        &[
            ("new_email", "kari.ny@example.no"),
            ("current_password", PASSWORD),
        ],
    )
    .await?;
    refused_as_restricted("a new address", readdressed).await?;

    // Reading: the pages, the notifications and the export.
    for path in [
        format!("/ideas/{idea}"),
        "/me".to_owned(),
        "/notifications".to_owned(),
        "/api/notifications/page".to_owned(),
    ] {
        let page = get_as(&app, Some(&kari), &path).await?;
        ensure!(page.status() == StatusCode::OK, "{path}: {}", page.status());
    }
    let export = get_as(&app, Some(&kari), "/me/export").await?;
    ensure!(export.status() == StatusCode::OK, "{}", export.status());
    let export: serde_json::Value = export.json().await?;
    ensure!(export.to_string().contains("kari@example.no"), "{export}");

    // Deleting one's own data and leaving stay open.
    succeeded("an unfollow", follow(&app, &kari, idea, "false").await?).await?;
    let uncommented = post_as(
        &app,
        Some(&kari),
        "/api/comments/delete",
        &[("comment_id", &own_comment.to_string())],
    )
    .await?;
    succeeded("deleting her comment", uncommented).await?;
    ensure!(comment_row(&app, own_comment).await?.deleted_at.is_some());
    let left = post_as(
        &app,
        Some(&kari),
        "/api/challenges/leave",
        &[("challenge_id", &challenge.to_string())],
    )
    .await?;
    succeeded("leaving the team", left).await?;
    let emails_off = post_as(
        &app,
        Some(&kari),
        "/api/notifications/email-choice",
        &[("choice", "off")],
    )
    .await?;
    succeeded("emails off", emails_off).await?;
    let second = back_again(&app, "kari@example.no", kari.id).await?;
    succeeded(
        "signing out",
        post_as(&app, Some(&second), "/logout", &[]).await?,
    )
    .await?;
    let new_password = "en helt ny passordfrase langs elva";
    let changed = post_as(
        &app,
        Some(&kari),
        "/api/accounts/password",
        &[
            ("current_password", PASSWORD),
            ("new_password", new_password),
        ],
    )
    .await?;
    succeeded("a new password", changed).await?;
    let deleted = post_as(
        &app,
        Some(&kari),
        "/api/accounts/delete",
        &[("current_password", new_password)],
    )
    .await?;
    succeeded("deleting the account", deleted).await?;
    let left = account::Entity::find()
        .filter(account::Column::Email.eq("kari@example.no"))
        .count(&app.db)
        .await?;
    ensure!(left == 0, "the account is gone");
    Ok(())
}
