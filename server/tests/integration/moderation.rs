//! Moderation: reports hide content at the threshold, hidden content is gone
//! from every list, search and API answer (yet its author still reads it),
//! the moderators' decisions and sanctions, merging duplicates and undoing
//! it, pre-moderation, and the limits against scripts. Both databases.
use crate::common;

use anyhow::{Context, ensure};
use app::entities::{account, audit_log, idea_support, notification};
use app::features::settings::types::{RateLimits, Thresholds};
use common::engagement::{comment_on, idea_row, post_comment, support};
use common::ideas::{challenge_in, municipality_with, participant, published_idea};
use common::people::{Person, get_as, person_with_role, post_as, sign_in};
use common::{Backend, TestApp};
use reqwest::StatusCode;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};

on_both_backends!(
    reports_hide_content_at_the_threshold_and_its_author_still_reads_it,
    hidden_content_is_absent_from_every_list_search_and_api_answer,
    drafts_and_held_ideas_reach_their_author_only_whatever_is_asked,
    only_moderators_moderate_and_only_admins_administer,
    decisions_tell_the_author_and_are_logged_once,
    suspended_and_banned_people_read_but_do_not_act,
    merge_then_undo_gives_every_support_back,
    pre_moderation_holds_ideas_and_new_accounts_comments,
    rate_limits_and_the_honeypot_stop_scripts,
);

on_both_backends_by_backend!(limits_per_address_count_the_client_a_trusted_proxy_names);

/// Something no page would say by chance: hidden content carries it.
const MARKER: &str = "Markørstreng7731";

struct Room {
    author: Person,
    kari: Person,
    ola: Person,
    moderator: Person,
    idea: i64,
}

async fn room(app: &TestApp, thresholds: Thresholds, limits: RateLimits) -> anyhow::Result<Room> {
    municipality_with(app, thresholds, limits).await?;
    let author = participant(app, "forfatter@example.no", "Forfatter").await?;
    let kari = participant(app, "kari@example.no", "Kari").await?;
    let ola = participant(app, "ola@example.no", "Ola").await?;
    let moderator = person_with_role(app, "moderator@example.no", "moderator").await?;
    let idea = published_idea(
        app,
        &author,
        &format!("Benker langs elva {MARKER}"),
        &format!("Flere benker. {MARKER}"),
    )
    .await?;
    Ok(Room {
        author,
        kari,
        ola,
        moderator,
        idea,
    })
}

async fn report(
    app: &TestApp,
    who: &Person,
    kind: &str,
    id: i64,
    reason: &str,
) -> anyhow::Result<reqwest::Response> {
    post_as(
        app,
        Some(who),
        "/api/moderation/report",
        &[
            ("kind", kind),
            ("id", &id.to_string()),
            ("reason", reason),
            ("detail", ""),
        ],
    )
    .await
}

async fn decide(
    app: &TestApp,
    who: &Person,
    kind: &str,
    id: i64,
    decision: &str,
    reason: &str,
) -> anyhow::Result<reqwest::Response> {
    post_as(
        app,
        Some(who),
        "/api/moderation/decide",
        &[
            ("kind", kind),
            ("id", &id.to_string()),
            ("decision", decision),
            ("reason", reason),
        ],
    )
    .await
}

async fn text(app: &TestApp, who: Option<&Person>, path: &str) -> anyhow::Result<String> {
    Ok(get_as(app, who, path).await?.text().await?)
}

async fn kinds_told(app: &TestApp, who: &Person) -> anyhow::Result<Vec<(String, Option<String>)>> {
    Ok(notification::Entity::find()
        .filter(notification::Column::AccountId.eq(who.id))
        .order_by_asc(notification::Column::Id)
        .all(&app.db)
        .await?
        .into_iter()
        .map(|row| (row.kind.to_string(), row.detail))
        .collect())
}

async fn reports_hide_content_at_the_threshold_and_its_author_still_reads_it(
    app: TestApp,
) -> anyhow::Result<()> {
    let thresholds = Thresholds {
        auto_hide_reports: 2,
        ..Thresholds::default()
    };
    let room = room(&app, thresholds, RateLimits::default()).await?;
    let path = format!("/ideas/{}", room.idea);

    // One person's report counts once, however often it is sent.
    for _ in 0..3 {
        let sent = report(&app, &room.kari, "idea", room.idea, "spam").await?;
        ensure!(sent.status().is_success(), "{}", sent.status());
    }
    ensure!(
        text(&app, None, &path).await?.contains(MARKER),
        "one report hides nothing"
    );
    let own = report(&app, &room.author, "idea", room.idea, "spam").await?;
    ensure!(
        own.status() == StatusCode::UNPROCESSABLE_ENTITY,
        "not one's own"
    );
    let other = report(&app, &room.ola, "idea", room.idea, "offensive").await?;
    ensure!(other.status().is_success());

    let public = text(&app, None, &path).await?;
    ensure!(!public.contains(MARKER), "the second report hid it");
    ensure!(
        public.contains("Skjult mens en moderator"),
        "the notice stands in its place"
    );
    let author = text(&app, Some(&room.author), &path).await?;
    ensure!(author.contains(MARKER) && author.contains("Skjult mens en moderator"));
    ensure!(
        kinds_told(&app, &room.author)
            .await?
            .contains(&("content_hidden".to_owned(), None)),
        "the author is told"
    );
    // "Other" needs words; a report of what cannot be seen is not found.
    let wordless = report(&app, &room.kari, "comment", 1, "other").await?;
    ensure!(wordless.status().is_client_error());
    let vague = post_as(
        &app,
        Some(&room.ola),
        "/api/moderation/report",
        &[
            ("kind", "idea"),
            ("id", "999"),
            ("reason", "other"),
            ("detail", ""),
        ],
    )
    .await?;
    let body = vague.text().await?;
    ensure!(body.contains("ReasonRequired"), "{body}");
    Ok(())
}

async fn hidden_content_is_absent_from_every_list_search_and_api_answer(
    app: TestApp,
) -> anyhow::Result<()> {
    let room = room(&app, Thresholds::default(), RateLimits::default()).await?;
    let other = published_idea(
        &app,
        &room.kari,
        "Sykkelparkering ved stasjonen",
        "Tak over.",
    )
    .await?;
    let comment = comment_on(&app, &room.author, other, None, &format!("Ja! {MARKER}")).await?;
    let challenge = challenge_in(&app, "open", 0, 30).await?;
    app::entities::challenge::Entity::update_many()
        .col_expr(
            app::entities::challenge::Column::Title,
            sea_orm::sea_query::Expr::value(format!("Utfordring {MARKER}")),
        )
        .filter(app::entities::challenge::Column::Id.eq(challenge))
        .exec(&app.db)
        .await?;
    // The other idea belongs to the challenge, whose title it would name.
    app::entities::idea::Entity::update_many()
        .col_expr(
            app::entities::idea::Column::ChallengeId,
            sea_orm::sea_query::Expr::value(challenge),
        )
        .filter(app::entities::idea::Column::Id.eq(other))
        .exec(&app.db)
        .await?;
    support(&app, Some(&room.kari), room.idea, true).await?;
    for (kind, id) in [
        ("idea", room.idea),
        ("comment", comment),
        ("challenge", challenge),
    ] {
        let hidden = decide(
            &app,
            &room.moderator,
            kind,
            id,
            "hide",
            "Personopplysninger",
        )
        .await?;
        ensure!(hidden.status().is_success(), "{kind}: {}", hidden.status());
    }

    let idea = room.idea;
    // Every page of the route table, each page of one thing tried with
    // every id above, then the lists' searches and the server functions
    // that read.
    let mut pages: Vec<String> = Vec::new();
    for route in server::router::page_routes() {
        let path = route.path();
        for id in [idea, other, challenge] {
            pages.push(
                path.replace("{id}", &id.to_string())
                    .replace("{comment_id}", &comment.to_string()),
            );
        }
    }
    pages.dedup();
    pages.extend([
        "/ideas?sort=new".to_owned(),
        "/ideas?q=elva".to_owned(),
        "/ideas?q=benker".to_owned(),
        "/ideas?status=published".to_owned(),
        format!("/ideas?challenge={challenge}"),
        format!("/api/ideas/detail?idea_id={idea}"),
        format!("/api/ideas/similar?title=Benker%20langs%20elva&except={other}"),
        format!("/api/comments/page?idea_id={other}"),
        format!("/api/comments/thread?comment_id={comment}"),
        format!("/api/comments/page?idea_id={idea}"),
        format!("/api/challenges/detail?challenge_id={challenge}"),
        "/api/challenges/lists".to_owned(),
        "/api/notifications/page".to_owned(),
        "/theme.css".to_owned(),
    ]);
    for who in [None, Some(&room.kari), Some(&room.ola)] {
        for path in &pages {
            let body = text(&app, who, path).await?;
            ensure!(
                !body.contains(MARKER),
                "{path} shows hidden content to {:?}",
                who.map(|person| person.id)
            );
        }
    }
    // Its author reads it all, with the reason.
    for path in [format!("/ideas/{idea}"), format!("/ideas/{other}")] {
        let body = text(&app, Some(&room.author), &path).await?;
        ensure!(
            body.contains(MARKER) && body.contains("Personopplysninger"),
            "{path}"
        );
    }
    // Hidden content takes no supports and no replies.
    let refused = support(&app, Some(&room.ola), idea, true).await?;
    ensure!(refused.status() == StatusCode::UNPROCESSABLE_ENTITY);
    let reply = post_comment(&app, &room.ola, other, Some(comment), "Svar", "").await?;
    ensure!(reply.status() == StatusCode::UNPROCESSABLE_ENTITY);
    Ok(())
}

/// A draft and an idea awaiting approval are read by their author (and the
/// moderators) only. Tried through every page of the route table and every
/// server function that reads, each asked as its page would and with what a
/// hand-written request could send (a draft's status in the list's JSON).
async fn drafts_and_held_ideas_reach_their_author_only_whatever_is_asked(
    app: TestApp,
) -> anyhow::Result<()> {
    const DRAFTED: &str = "Utkastmarkør4417";
    let thresholds = Thresholds {
        pre_moderation: true,
        ..Thresholds::default()
    };
    let room = room(&app, thresholds, RateLimits::default()).await?;
    let held = room.idea;
    ensure!(idea_row(&app, held).await?.status.as_str() == "awaiting_approval");
    let form = common::ideas::idea_form(
        &format!("Benker langs elva {DRAFTED}"),
        &format!("Et utkast. {DRAFTED}"),
    );
    let draft = common::ideas::draft(&app, &room.author, &form).await?;

    let mut paths: Vec<String> = Vec::new();
    for route in server::router::page_routes() {
        for id in [held, draft] {
            paths.push(route.path().replace("{id}", &id.to_string()));
        }
    }
    paths.dedup();
    for status in ["draft", "awaiting_approval", "Draft", "AwaitingApproval"] {
        paths.push(format!("/ideas?status={status}"));
        paths.push(format!("/ideas?status={status}&q=elva"));
    }
    // Every server function that reads (a GET), with every id it might take.
    let mut reading: Vec<&str> = leptos::server_fn::axum::server_fn_paths()
        .filter(|(_, method)| *method == http::Method::GET)
        .map(|(path, _)| path)
        .collect();
    reading.sort_unstable();
    ensure!(reading.len() >= 15, "the server functions: {reading:?}");
    for path in &reading {
        for id in [held, draft] {
            paths.push(format!(
                "{path}?idea_id={id}&challenge_id={id}&comment_id={id}&title=Benker+langs+elva&except=0&token=x"
            ));
        }
    }
    // The list's JSON endpoint, asked for what its page refuses.
    let hostile_lists = [
        serde_json::json!({ "query": { "status": "draft" } }),
        serde_json::json!({ "query": { "status": "Draft" } }),
        serde_json::json!({ "query": { "status": "awaiting_approval" } }),
        serde_json::json!({ "query": { "status": "AwaitingApproval", "q": "elva" } }),
        serde_json::json!({ "query": { "sort": "New", "status": "Draft", "search": "", "focus_area": null, "district": null, "challenge": null, "tag": null, "actor": null, "after": null } }),
    ];
    for who in [None, Some(&room.kari), Some(&room.ola)] {
        for path in &paths {
            let body = text(&app, who, path).await?;
            ensure!(
                !body.contains(MARKER) && !body.contains(DRAFTED),
                "{path} shows a draft or held idea to {:?}",
                who.map(|person| person.id)
            );
        }
        for hostile in &hostile_lists {
            let mut request = app
                .post_same_origin("/api/ideas/list")
                .header("accept", "application/json")
                .json(hostile);
            if let Some(who) = who {
                request = request.header("cookie", &who.cookie);
            }
            let answer = request.send().await?;
            ensure!(
                answer.status().is_success() || answer.status().is_client_error(),
                "{hostile}: {}",
                answer.status()
            );
            let body = answer.text().await?;
            ensure!(
                !body.contains(MARKER) && !body.contains(DRAFTED),
                "the list's JSON endpoint shows a draft or held idea for {hostile}: {body}"
            );
        }
    }
    // Their author still reads both.
    for id in [held, draft] {
        let body = text(&app, Some(&room.author), &format!("/ideas/{id}")).await?;
        ensure!(body.contains(MARKER) || body.contains(DRAFTED), "{id}");
    }
    Ok(())
}

async fn only_moderators_moderate_and_only_admins_administer(app: TestApp) -> anyhow::Result<()> {
    let room = room(&app, Thresholds::default(), RateLimits::default()).await?;
    let staff = person_with_role(&app, "staff@example.no", "staff").await?;
    let id = room.idea.to_string();
    let moderation_posts: [(&str, Vec<(&str, &str)>); 5] = [
        (
            "/api/moderation/decide",
            vec![
                ("kind", "idea"),
                ("id", &id),
                ("decision", "hide"),
                ("reason", "Nei"),
            ],
        ),
        (
            "/api/moderation/sanction",
            vec![("account_id", "1"), ("sanction", "warn"), ("reason", "Nei")],
        ),
        (
            "/api/moderation/merge",
            vec![("idea_id", &id), ("into", "1")],
        ),
        ("/api/moderation/undo-merge", vec![("idea_id", &id)]),
        (
            "/api/moderation/decide",
            vec![("kind", "idea"), ("id", &id), ("decision", "dismiss")],
        ),
    ];
    for who in [&room.kari, &staff] {
        for (path, form) in &moderation_posts {
            let refused = post_as(&app, Some(who), path, form).await?;
            ensure!(
                refused.status() == StatusCode::FORBIDDEN,
                "{path}: {}",
                refused.status()
            );
        }
        let queue = get_as(&app, Some(who), "/api/moderation/queue").await?;
        ensure!(queue.status() == StatusCode::FORBIDDEN);
        let page = get_as(&app, Some(who), "/admin/moderation").await?;
        ensure!(page.status() == StatusCode::FORBIDDEN, "{}", page.status());
    }
    ensure!(
        idea_row(&app, room.idea).await?.hidden_at.is_none(),
        "nothing changed"
    );
    let queue = get_as(&app, Some(&room.moderator), "/admin/moderation").await?;
    ensure!(queue.status() == StatusCode::OK);
    for path in [
        "/admin/settings",
        "/admin/users",
        "/admin/audit",
        "/admin/audit.csv",
    ] {
        let refused = get_as(&app, Some(&room.moderator), path).await?;
        ensure!(
            refused.status() == StatusCode::FORBIDDEN,
            "{path}: {}",
            refused.status()
        );
    }
    let access = post_as(
        &app,
        Some(&room.moderator),
        "/api/admin/users/access",
        &[("account_id", &room.kari.id.to_string()), ("admin", "on")],
    )
    .await?;
    ensure!(access.status() == StatusCode::FORBIDDEN);
    // A moderator cannot sanction staff; that is for an admin.
    let staff_warned = post_as(
        &app,
        Some(&room.moderator),
        "/api/moderation/sanction",
        &[
            ("account_id", &staff.id.to_string()),
            ("sanction", "ban"),
            ("reason", "Nei"),
        ],
    )
    .await?;
    ensure!(staff_warned.status() == StatusCode::FORBIDDEN);
    Ok(())
}

async fn decisions_tell_the_author_and_are_logged_once(app: TestApp) -> anyhow::Result<()> {
    let room = room(&app, Thresholds::default(), RateLimits::default()).await?;
    report(&app, &room.kari, "idea", room.idea, "offensive").await?;
    for _ in 0..2 {
        let hidden = decide(
            &app,
            &room.moderator,
            "idea",
            room.idea,
            "hide",
            "Usaklig språk",
        )
        .await?;
        ensure!(hidden.status().is_success(), "{}", hidden.status());
    }
    let missing_reason = decide(&app, &room.moderator, "idea", room.idea, "hide", " ").await?;
    ensure!(missing_reason.status() == StatusCode::UNPROCESSABLE_ENTITY);
    for _ in 0..2 {
        decide(&app, &room.moderator, "idea", room.idea, "restore", "").await?;
    }
    // Dismissing with no open reports does nothing.
    decide(&app, &room.moderator, "idea", room.idea, "dismiss", "").await?;

    let told = kinds_told(&app, &room.author).await?;
    ensure!(
        told.contains(&(
            "content_hidden".to_owned(),
            Some("Usaklig språk".to_owned())
        )) && told.contains(&("content_restored".to_owned(), None)),
        "{told:?}"
    );
    let actions: Vec<String> = audit_log::Entity::find()
        .order_by_asc(audit_log::Column::Id)
        .all(&app.db)
        .await?
        .into_iter()
        .map(|row| row.action.to_string())
        .collect();
    ensure!(
        actions == ["content_hidden", "content_restored"],
        "{actions:?}"
    );
    Ok(())
}

async fn suspended_and_banned_people_read_but_do_not_act(app: TestApp) -> anyhow::Result<()> {
    let room = room(&app, Thresholds::default(), RateLimits::default()).await?;
    let suspended = post_as(
        &app,
        Some(&room.moderator),
        "/api/moderation/sanction",
        &[
            ("account_id", &room.kari.id.to_string()),
            ("sanction", "suspend"),
            ("days", "3"),
            ("reason", "Gjentatt spam"),
        ],
    )
    .await?;
    ensure!(suspended.status().is_success(), "{}", suspended.status());
    // The old session ended.
    let me = post_as(&app, Some(&room.kari), "/api/accounts/viewer", &[])
        .await?
        .text()
        .await?;
    ensure!(me.trim() == "null", "{me}");
    // Signed in again, Kari reads but cannot act, and knows why.
    let kari = sign_in(&app, "kari@example.no").await?;
    let page = get_as(&app, Some(&kari), &format!("/ideas/{}", room.idea)).await?;
    ensure!(page.status() == StatusCode::OK);
    let refused = post_comment(&app, &kari, room.idea, None, "Hei", "").await?;
    let body = refused.text().await?;
    ensure!(body.contains("AccountRestricted"), "{body}");
    let refused = support(&app, Some(&kari), room.idea, true).await?;
    ensure!(refused.status() == StatusCode::UNPROCESSABLE_ENTITY);
    let told = kinds_told(&app, &kari_with_id(&kari, room.kari.id)).await?;
    ensure!(
        told.iter().any(|(kind, detail)| kind == "account_suspended"
            && detail
                .as_deref()
                .is_some_and(|detail| detail.ends_with("Gjentatt spam"))),
        "{told:?}"
    );
    let row = account::Entity::find_by_id(room.kari.id)
        .one(&app.db)
        .await?
        .context("Kari")?;
    ensure!(row.suspended_until.is_some());

    // Lifted, she takes part again.
    let lifted = post_as(
        &app,
        Some(&room.moderator),
        "/api/moderation/sanction",
        &[
            ("account_id", &room.kari.id.to_string()),
            ("sanction", "lift"),
        ],
    )
    .await?;
    ensure!(lifted.status().is_success());
    let kari = sign_in(&app, "kari@example.no").await?;
    comment_on(&app, &kari, room.idea, None, "Nå går det.").await?;

    // A ban ends the sessions for good.
    post_as(
        &app,
        Some(&room.moderator),
        "/api/moderation/sanction",
        &[
            ("account_id", &room.ola.id.to_string()),
            ("sanction", "ban"),
            ("reason", "Trusler"),
        ],
    )
    .await?;
    let ola = sign_in(&app, "ola@example.no").await?;
    let refused = report(&app, &ola, "idea", room.idea, "spam").await?;
    ensure!(refused.text().await?.contains("AccountRestricted"));
    let logged: Vec<(String, String)> = audit_log::Entity::find()
        .order_by_asc(audit_log::Column::Id)
        .all(&app.db)
        .await?
        .into_iter()
        .map(|row| (row.action.to_string(), row.detail))
        .collect();
    let actions: Vec<&str> = logged.iter().map(|(action, _)| action.as_str()).collect();
    ensure!(
        actions == ["account_suspended", "account_restored", "account_banned"],
        "{logged:?}"
    );
    ensure!(logged[0].1.contains("Gjentatt spam") && logged[2].1.contains("Trusler"));
    Ok(())
}

fn kari_with_id(signed_in: &Person, id: i64) -> Person {
    Person {
        id,
        cookie: signed_in.cookie.clone(),
    }
}

async fn merge_then_undo_gives_every_support_back(app: TestApp) -> anyhow::Result<()> {
    let room = room(&app, Thresholds::default(), RateLimits::default()).await?;
    let target = published_idea(&app, &room.kari, "Flere benker ved elva", "Samme idé.").await?;
    let both = participant(&app, "begge@example.no", "Begge").await?;
    // Ola supports the duplicate only; Begge both; Kari (the target's
    // author) the duplicate, which cannot move to her own idea.
    for (who, idea) in [
        (&room.ola, room.idea),
        (&both, room.idea),
        (&both, target),
        (&room.kari, room.idea),
    ] {
        ensure!(
            support(&app, Some(who), idea, true)
                .await?
                .status()
                .is_success()
        );
    }
    let before = support_rows(&app).await?;

    let merged = post_as(
        &app,
        Some(&room.moderator),
        "/api/moderation/merge",
        &[
            ("idea_id", &room.idea.to_string()),
            ("into", &format!("/ideas/{target}")),
        ],
    )
    .await?;
    ensure!(merged.status().is_success(), "{}", merged.status());
    // A double click merges once.
    let repeated = post_as(
        &app,
        Some(&room.moderator),
        "/api/moderation/merge",
        &[
            ("idea_id", &room.idea.to_string()),
            ("into", &target.to_string()),
        ],
    )
    .await?;
    ensure!(repeated.status().is_success(), "{}", repeated.status());
    let duplicate = idea_row(&app, room.idea).await?;
    ensure!(duplicate.status.as_str() == "duplicate" && duplicate.duplicate_of_id == Some(target));
    ensure!(duplicate.support_count == 0);
    let into = idea_row(&app, target).await?;
    ensure!(
        into.support_count == 2,
        "Begge once, Ola moved: {}",
        into.support_count
    );
    let page = text(&app, None, &format!("/ideas/{}", room.idea)).await?;
    ensure!(
        page.contains(&format!("/ideas/{target}")),
        "the duplicate links to the target"
    );
    let told = kinds_told(&app, &room.ola).await?;
    ensure!(
        told.iter().any(|(kind, _)| kind == "idea_merged"),
        "{told:?}"
    );
    // Merging into itself or a duplicate is refused.
    let again = post_as(
        &app,
        Some(&room.moderator),
        "/api/moderation/merge",
        &[
            ("idea_id", &target.to_string()),
            ("into", &room.idea.to_string()),
        ],
    )
    .await?;
    ensure!(again.status() == StatusCode::UNPROCESSABLE_ENTITY);

    let undone = post_as(
        &app,
        Some(&room.moderator),
        "/api/moderation/undo-merge",
        &[("idea_id", &room.idea.to_string())],
    )
    .await?;
    ensure!(undone.status().is_success(), "{}", undone.status());
    let repeated = post_as(
        &app,
        Some(&room.moderator),
        "/api/moderation/undo-merge",
        &[("idea_id", &room.idea.to_string())],
    )
    .await?;
    ensure!(repeated.status().is_success(), "an undo twice is harmless");
    ensure!(
        support_rows(&app).await? == before,
        "every support as it was"
    );
    let restored = idea_row(&app, room.idea).await?;
    ensure!(restored.status.as_str() == "published" && restored.duplicate_of_id.is_none());
    ensure!(restored.support_count == 3 && idea_row(&app, target).await?.support_count == 1);
    let actions: Vec<String> = audit_log::Entity::find()
        .all(&app.db)
        .await?
        .into_iter()
        .map(|row| row.action.to_string())
        .collect();
    ensure!(actions == ["ideas_merged", "merge_undone"], "{actions:?}");
    Ok(())
}

async fn support_rows(app: &TestApp) -> anyhow::Result<Vec<(i64, i64, i64)>> {
    Ok(idea_support::Entity::find()
        .order_by_asc(idea_support::Column::IdeaId)
        .order_by_asc(idea_support::Column::AccountId)
        .all(&app.db)
        .await?
        .into_iter()
        .map(|row| {
            (
                row.idea_id,
                row.account_id,
                row.created_at.timestamp_micros(),
            )
        })
        .collect())
}

async fn pre_moderation_holds_ideas_and_new_accounts_comments(app: TestApp) -> anyhow::Result<()> {
    let thresholds = Thresholds {
        pre_moderation: true,
        hold_comments_days: 7,
        ..Thresholds::default()
    };
    let room = room(&app, thresholds, RateLimits::default()).await?;
    let held = idea_row(&app, room.idea).await?;
    ensure!(held.status.as_str() == "awaiting_approval");
    let path = format!("/ideas/{}", room.idea);
    ensure!(get_as(&app, None, &path).await?.status() == StatusCode::NOT_FOUND);
    let queue = text(&app, Some(&room.moderator), "/admin/moderation").await?;
    ensure!(queue.contains(MARKER), "the queue shows it");
    let approved = decide(&app, &room.moderator, "idea", room.idea, "approve", "").await?;
    ensure!(approved.status().is_success());
    ensure!(get_as(&app, None, &path).await?.status() == StatusCode::OK);
    ensure!(
        kinds_told(&app, &room.author)
            .await?
            .iter()
            .any(|(kind, _)| kind == "content_approved")
    );

    // A new account's comment waits; only its author sees it meanwhile.
    // Staff and moderators are never held.
    common::ideas::verify(&app, &room.moderator).await?;
    let top = comment_on(
        &app,
        &room.moderator,
        room.idea,
        None,
        "Moderatorens innlegg",
    )
    .await?;
    let reply = comment_on(&app, &room.kari, room.idea, Some(top), "Kari svarer her").await?;
    ensure!(!text(&app, None, &path).await?.contains("Kari svarer her"));
    ensure!(
        text(&app, Some(&room.kari), &path)
            .await?
            .contains("Kari svarer her")
    );
    ensure!(
        idea_row(&app, room.idea).await?.comment_count == 2 - 1,
        "the held one counts not"
    );
    decide(&app, &room.moderator, "comment", reply, "approve", "").await?;
    ensure!(text(&app, None, &path).await?.contains("Kari svarer her"));
    ensure!(idea_row(&app, room.idea).await?.comment_count == 2);
    ensure!(
        kinds_told(&app, &room.moderator)
            .await?
            .iter()
            .any(|(kind, _)| kind == "reply")
    );
    ensure!(
        kinds_told(&app, &room.kari)
            .await?
            .iter()
            .any(|(kind, _)| kind == "content_approved")
    );
    Ok(())
}

async fn rate_limits_and_the_honeypot_stop_scripts(app: TestApp) -> anyhow::Result<()> {
    let limits = RateLimits {
        comments_per_hour: 2,
        ..RateLimits::default()
    };
    let room = room(&app, Thresholds::default(), limits).await?;
    for n in 0..2 {
        comment_on(&app, &room.kari, room.idea, None, &format!("Innlegg {n}")).await?;
    }
    let third = post_comment(&app, &room.kari, room.idea, None, "Ett for mye", "").await?;
    ensure!(
        third.status() == StatusCode::TOO_MANY_REQUESTS,
        "{}",
        third.status()
    );
    // Someone else is not held back by Kari's limit.
    comment_on(&app, &room.ola, room.idea, None, "Mitt første").await?;

    let script = post_as(
        &app,
        None,
        "/api/accounts/register",
        &[
            ("display_name", "Robot"),
            ("email", "robot@example.no"),
            ("password", "et langt passord for en robot"),
            ("actor_type", "resident"),
            ("organisation", ""),
            ("website", "https://spam.example"),
        ],
    )
    .await?;
    ensure!(
        script.status() == StatusCode::BAD_REQUEST,
        "{}",
        script.status()
    );
    let robots = account::Entity::find()
        .filter(account::Column::Email.eq("robot@example.no"))
        .all(&app.db)
        .await?;
    ensure!(robots.is_empty(), "no account for the script");
    let trap = post_as(
        &app,
        Some(&room.ola),
        "/api/comments/post",
        &[
            ("idea_id", &room.idea.to_string()),
            ("body", "Kjøp billig"),
            ("website", "x"),
        ],
    )
    .await?;
    ensure!(trap.status() == StatusCode::BAD_REQUEST);
    Ok(())
}

/// Posts a comment as `who`, through a load balancer that says the request
/// came from `client`.
async fn comment_from(
    app: &TestApp,
    who: &Person,
    client: &str,
    idea: i64,
) -> anyhow::Result<StatusCode> {
    let response = app
        .post_same_origin("/api/comments/post")
        .header("accept", "application/json")
        .header("cookie", &who.cookie)
        .header("x-forwarded-for", client)
        .form(&[
            ("idea_id", idea.to_string()),
            ("body", format!("Fra {client}")),
            ("idempotency_key", uuid::Uuid::new_v4().to_string()),
        ])
        .send()
        .await?;
    Ok(response.status())
}

async fn limits_per_address_count_the_client_a_trusted_proxy_names(
    backend: Backend,
) -> anyhow::Result<()> {
    let app = TestApp::spawn_with(backend, &[("TRUSTED_PROXIES", "127.0.0.1")]).await?;
    let limits = RateLimits {
        comments_per_hour: 1,
        people_per_address: 1,
        ..RateLimits::default()
    };
    let room = room(&app, Thresholds::default(), limits).await?;
    // Two homes behind the same balancer: each their own address.
    ensure!(
        comment_from(&app, &room.kari, "198.51.100.1", room.idea)
            .await?
            .is_success()
    );
    ensure!(
        comment_from(&app, &room.ola, "198.51.100.2", room.idea)
            .await?
            .is_success()
    );
    // A third person from Kari's home finds that address's hour used up.
    let third = comment_from(&app, &room.author, "198.51.100.1", room.idea).await?;
    ensure!(third == StatusCode::TOO_MANY_REQUESTS, "{third}");
    Ok(())
}
