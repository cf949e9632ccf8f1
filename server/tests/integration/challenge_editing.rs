//! Staff correct a published challenge: its text, owner and dates. Who may,
//! what the page then shows, the audit log's entry, who is told when the
//! dates move (the team and the followers, once each, not the editor),
//! the messages for bad input, and a save made from an outdated form. Both
//! databases.
use crate::common;

use anyhow::{Context, ensure};
use app::entities::{audit_log, challenge, department, notification};
use app::i18n::Locale;
use app::time::format_date;
use chrono::{Duration, NaiveDate, Utc};
use common::engagement::notifications_of;
use common::ideas::{challenge_edit_form, challenge_in, municipality, participant, verify};
use common::people::{Person, get_as, person_with_role, post_as};
use common::{Backend, TestApp, eventually};
use reqwest::StatusCode;
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter};

on_both_backends!(
    staff_correct_text_owner_and_dates_and_the_page_shows_them,
    moving_the_dates_tells_the_team_and_the_followers_once_each,
    only_staff_may_edit_and_an_unknown_challenge_is_not_found,
    bad_edits_get_their_messages_next_to_the_field,
    a_refused_form_without_javascript_comes_back_filled_in,
    an_edit_from_an_outdated_form_is_refused_and_a_repeat_is_not,
);

/// Staff with a confirmed address, as publishing and editing need.
async fn staff(app: &TestApp, email: &str) -> anyhow::Result<Person> {
    let someone = person_with_role(app, email, "staff").await?;
    verify(app, &someone).await?;
    Ok(someone)
}

async fn department_named(app: &TestApp, name: &str) -> anyhow::Result<i64> {
    Ok(department::Entity::find()
        .filter(department::Column::Name.eq(name))
        .one(&app.db)
        .await?
        .with_context(|| format!("department {name}"))?
        .id)
}

async fn row(app: &TestApp, id: i64) -> anyhow::Result<challenge::Model> {
    challenge::Entity::find_by_id(id)
        .one(&app.db)
        .await?
        .context("the challenge")
}

/// An open challenge owned by "Vei og trafikk", open from `opens` to
/// `closes` days from today, published by `who` (who then follows it).
async fn published(app: &TestApp, who: &Person, opens: i64, closes: i64) -> anyhow::Result<i64> {
    let owner = department_named(app, "Vei og trafikk").await?.to_string();
    let response = post_as(
        app,
        Some(who),
        "/api/challenges/create",
        &[
            ("title", "Tryggere skoleveier i Bærum"),
            ("problem", "Mange barn går langs trafikkerte veier."),
            ("focus_area", "co_creation"),
            ("department_id", &owner),
            ("opens_on", &day(opens).to_string()),
            ("closes_on", &day(closes).to_string()),
        ],
    )
    .await?;
    let status = response.status();
    let body = response.text().await?;
    ensure!(status.is_success(), "publishing: {status} {body}");
    Ok(body.trim().parse()?)
}

fn with(
    mut form: Vec<(&'static str, String)>,
    changes: &[(&str, String)],
) -> Vec<(&'static str, String)> {
    for (name, value) in changes {
        for field in form.iter_mut().filter(|(field, _)| field == name) {
            field.1 = value.clone();
        }
    }
    form
}

async fn edit(
    app: &TestApp,
    who: Option<&Person>,
    form: &[(&'static str, String)],
) -> anyhow::Result<reqwest::Response> {
    let fields: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
    post_as(app, who, "/api/challenges/update", &fields).await
}

async fn edited(
    app: &TestApp,
    who: &Person,
    form: &[(&'static str, String)],
) -> anyhow::Result<()> {
    let response = edit(app, Some(who), form).await?;
    let status = response.status();
    ensure!(
        status.is_success(),
        "editing: {status} {}",
        response.text().await?
    );
    Ok(())
}

async fn edit_entries(app: &TestApp) -> anyhow::Result<Vec<audit_log::Model>> {
    Ok(audit_log::Entity::find()
        .filter(audit_log::Column::Action.eq("challenge_edited"))
        .all(&app.db)
        .await?)
}

/// A day counted from today in Oslo, whose days a challenge's dates are.
fn day(days_from_today: i64) -> NaiveDate {
    app::time::today_in_oslo(Utc::now()) + Duration::days(days_from_today)
}

async fn staff_correct_text_owner_and_dates_and_the_page_shows_them(
    app: TestApp,
) -> anyhow::Result<()> {
    municipality(&app).await?;
    let editor = staff(&app, "saksbehandler@example.no").await?;
    let kari = participant(&app, "kari@example.no", "Kari").await?;
    let id = published(&app, &editor, 0, 30).await?;

    // Staff find the way to the form on the challenge page; residents do not.
    let edit_link = format!("href=\"/challenges/{id}/edit\"");
    let page = get_as(&app, Some(&editor), &format!("/challenges/{id}"))
        .await?
        .text()
        .await?;
    ensure!(page.contains(&edit_link), "staff get the edit link");
    let page = get_as(&app, Some(&kari), &format!("/challenges/{id}"))
        .await?
        .text()
        .await?;
    ensure!(!page.contains(&edit_link), "residents do not");

    // The form comes filled in, with the version it was filled in from.
    let form = challenge_edit_form(&app, id).await?;
    let page = get_as(&app, Some(&editor), &format!("/challenges/{id}/edit")).await?;
    assert_eq!(page.status(), StatusCode::OK);
    let page = page.text().await?;
    ensure!(
        page.contains("value=\"Tryggere skoleveier i Bærum\""),
        "the title"
    );
    ensure!(
        page.contains("Mange barn går langs trafikkerte veier."),
        "the problem"
    );
    ensure!(
        page.contains(&format!("name=\"version\" value=\"{}\"", form[1].1)),
        "the version"
    );

    let skoler = department_named(&app, "Skoler").await?;
    let closes = day(45);
    edited(
        &app,
        &editor,
        &with(
            form,
            &[
                ("title", "Tryggere skoleveier på Høvik".into()),
                (
                    "problem",
                    "Barna krysser **Drammensveien** hver dag.".into(),
                ),
                ("focus_area", "collaboration".into()),
                ("department_id", skoler.to_string()),
                ("closes_on", closes.to_string()),
            ],
        ),
    )
    .await?;
    let found = row(&app, id).await?;
    assert_eq!(found.title, "Tryggere skoleveier på Høvik");
    assert_eq!(found.problem, "Barna krysser **Drammensveien** hver dag.");
    assert_eq!(found.focus_area.as_str(), "collaboration");
    assert_eq!(found.department_id, Some(skoler));
    assert_eq!((found.opens_on, found.closes_on), (day(0), closes));
    assert_eq!(found.state.as_str(), "open", "the state stays");

    let page = get_as(&app, None, &format!("/challenges/{id}"))
        .await?
        .text()
        .await?;
    ensure!(page.contains("Tryggere skoleveier på Høvik"), "the title");
    ensure!(
        page.contains("<strong>Drammensveien</strong>"),
        "the problem"
    );
    ensure!(page.contains("Skoler"), "the owner");
    ensure!(
        page.contains(&format_date(closes, Locale::Nb)),
        "the last day"
    );

    let entries = edit_entries(&app).await?;
    ensure!(entries.len() == 1, "{entries:?}");
    let entry = &entries[0];
    assert_eq!(
        (
            entry.actor_id,
            entry.subject_type.as_deref(),
            entry.subject_id
        ),
        (Some(editor.id), Some("challenge"), Some(id))
    );
    for part in [
        "title: Tryggere skoleveier i Bærum → Tryggere skoleveier på Høvik".to_owned(),
        "problem changed".to_owned(),
        "focus_area: co_creation → collaboration".to_owned(),
        "owner: Vei og trafikk → Skoler".to_owned(),
        format!("closes_on: {} → {closes}", day(30)),
    ] {
        ensure!(entry.detail.contains(&part), "{part} in {}", entry.detail);
    }
    ensure!(
        !entry.detail.contains("Drammensveien") && !entry.detail.contains("opens_on"),
        "the long text and what stayed are left out: {}",
        entry.detail
    );

    // Saving the form unchanged logs nothing.
    edited(&app, &editor, &challenge_edit_form(&app, id).await?).await?;
    ensure!(edit_entries(&app).await?.len() == 1);
    Ok(())
}

async fn follow(app: &TestApp, who: &Person, id: i64, follow: bool) -> anyhow::Result<()> {
    let response = post_as(
        app,
        Some(who),
        "/api/follows/set",
        &[
            ("subject", "challenge"),
            ("subject_id", &id.to_string()),
            ("follow", if follow { "true" } else { "false" }),
        ],
    )
    .await?;
    ensure!(
        response.status().is_success(),
        "following: {}",
        response.status()
    );
    Ok(())
}

async fn join(app: &TestApp, who: &Person, id: i64) -> anyhow::Result<()> {
    let response = post_as(
        app,
        Some(who),
        "/api/challenges/join",
        &[
            ("challenge_id", &id.to_string()),
            ("note", "Jeg kjenner skoleveiene"),
        ],
    )
    .await?;
    ensure!(
        response.status().is_success(),
        "joining: {}",
        response.status()
    );
    Ok(())
}

/// The notification emails about challenge `id` in the outbox folder, by
/// the address they went to.
fn emails_about(app: &TestApp, id: i64) -> anyhow::Result<Vec<(String, String)>> {
    let folder = app.config.data_dir.join("outbox");
    let Ok(entries) = std::fs::read_dir(&folder) else {
        return Ok(Vec::new());
    };
    let link = format!("/challenges/{id}");
    let mut found = Vec::new();
    for entry in entries {
        let path = entry?.path();
        if path.extension().is_none_or(|ext| ext != "eml") {
            continue;
        }
        let text = std::fs::read_to_string(&path)?
            .replace("=\r\n", "")
            .replace("=\n", "")
            .replace("=3D", "=");
        if !text.contains(&link) || !text.contains("List-Unsubscribe") {
            continue;
        }
        let to = text
            .lines()
            .find(|line| line.to_ascii_lowercase().starts_with("to:"))
            .unwrap_or_default()
            .to_owned();
        found.push((to, text));
    }
    Ok(found)
}

async fn moving_the_dates_tells_the_team_and_the_followers_once_each(
    app: TestApp,
) -> anyhow::Result<()> {
    municipality(&app).await?;
    let editor = staff(&app, "saksbehandler@example.no").await?;
    let colleague = staff(&app, "kollega@example.no").await?;
    let kari = participant(&app, "kari@example.no", "Kari").await?;
    let ola = participant(&app, "ola@example.no", "Ola").await?;
    let per = participant(&app, "per@example.no", "Per").await?;
    let nina = participant(&app, "nina@example.no", "Nina").await?;
    // Not open yet, so both its days may still move.
    let id = published(&app, &colleague, 5, 40).await?;
    // Kari is in the team and follows (joining follows); Ola only follows;
    // Per is in the team but unfollowed; the editor follows too.
    join(&app, &kari, id).await?;
    follow(&app, &ola, id, true).await?;
    join(&app, &per, id).await?;
    follow(&app, &per, id, false).await?;
    follow(&app, &editor, id, true).await?;

    // A corrected text is news to nobody.
    let form = challenge_edit_form(&app, id).await?;
    edited(
        &app,
        &editor,
        &with(form, &[("title", "Tryggere skoleveier på Høvik".into())]),
    )
    .await?;
    ensure!(
        notification::Entity::find().all(&app.db).await?.is_empty(),
        "a text edit tells nobody"
    );

    let (opens, closes) = (day(7), day(50));
    let form = challenge_edit_form(&app, id).await?;
    edited(
        &app,
        &editor,
        &with(
            form,
            &[
                ("opens_on", opens.to_string()),
                ("closes_on", closes.to_string()),
            ],
        ),
    )
    .await?;
    let detail = format!("{opens}/{closes}");
    for (name, who, expected) in [
        ("Kari, team and follower", &kari, 1),
        ("Ola, follower", &ola, 1),
        ("Per, team", &per, 1),
        ("the colleague who published it", &colleague, 1),
        ("the editor", &editor, 0),
        ("Nina, neither", &nina, 0),
    ] {
        let told: Vec<_> = notifications_of(&app, who)
            .await?
            .into_iter()
            .filter(|row| row.kind.as_str() == "challenge_dates")
            .collect();
        ensure!(told.len() == expected, "{name}: {told:?}");
        ensure!(
            told.iter()
                .all(|row| row.detail.as_deref() == Some(detail.as_str())
                    && row.challenge_id == Some(id)),
            "{name}: {told:?}"
        );
    }

    // In the list, with the new dates in words.
    let list = get_as(&app, Some(&ola), "/notifications")
        .await?
        .text()
        .await?;
    let dates = format!(
        "{} – {}",
        format_date(opens, Locale::Nb),
        format_date(closes, Locale::Nb)
    );
    let sentence = format!(
        "Utfordringen «Tryggere skoleveier på Høvik» har fått nye datoer og tar imot idéer {dates}."
    );
    ensure!(list.contains(&sentence), "{sentence} in the list");

    // By email, once each.
    let emails = eventually("four emails about the new dates", || async {
        let emails = emails_about(&app, id)?;
        Ok((emails.len() >= 4).then_some(emails))
    })
    .await?;
    ensure!(emails.len() == 4, "{} emails", emails.len());
    for address in [
        "kari@example.no",
        "ola@example.no",
        "per@example.no",
        "kollega@example.no",
    ] {
        let to_them: Vec<_> = emails
            .iter()
            .filter(|(to, _)| to.contains(address))
            .collect();
        ensure!(to_them.len() == 1, "{address}: {}", to_them.len());
        // The dates are plain ASCII in Norwegian ("12. januar 2027").
        ensure!(
            to_them[0].1.contains(&format_date(closes, Locale::Nb)),
            "{address}: the new last day"
        );
    }
    Ok(())
}

async fn only_staff_may_edit_and_an_unknown_challenge_is_not_found(
    app: TestApp,
) -> anyhow::Result<()> {
    municipality(&app).await?;
    let editor = staff(&app, "saksbehandler@example.no").await?;
    let kari = participant(&app, "kari@example.no", "Kari").await?;
    let moderator = person_with_role(&app, "moderator@example.no", "moderator").await?;
    verify(&app, &moderator).await?;
    let admin = person_with_role(&app, "admin@example.no", "admin").await?;
    verify(&app, &admin).await?;
    let id = published(&app, &editor, 0, 30).await?;
    // Kari proposed this one: a proposer may not edit it either.
    let proposal = post_as(
        &app,
        Some(&kari),
        "/api/challenges/create",
        &[
            ("title", "Flere benker langs turveiene"),
            ("problem", "Eldre trenger steder å hvile."),
            ("focus_area", "co_creation"),
            ("opens_on", &day(10).to_string()),
            ("closes_on", &day(60).to_string()),
        ],
    )
    .await?
    .text()
    .await?
    .trim()
    .parse::<i64>()?;

    for (challenge, who, name) in [
        (id, &kari, "a resident"),
        (proposal, &kari, "the proposer"),
        (id, &moderator, "a moderator"),
    ] {
        let form = with(
            challenge_edit_form(&app, challenge).await?,
            &[("title", "Kapret".into())],
        );
        assert_eq!(
            edit(&app, Some(who), &form).await?.status(),
            StatusCode::FORBIDDEN,
            "{name}"
        );
        // Even a form full of mistakes: who may edit is settled first.
        let bad = with(form, &[("closes_on", "i morgen".into())]);
        assert_eq!(
            edit(&app, Some(who), &bad).await?.status(),
            StatusCode::FORBIDDEN,
            "{name}"
        );
        assert_eq!(
            get_as(&app, Some(who), &format!("/challenges/{challenge}/edit"))
                .await?
                .status(),
            StatusCode::FORBIDDEN,
            "{name}"
        );
    }
    let form = with(
        challenge_edit_form(&app, id).await?,
        &[("title", "Kapret".into())],
    );
    assert_eq!(
        edit(&app, None, &form).await?.status(),
        StatusCode::UNAUTHORIZED
    );
    let signed_out = get_as(&app, None, &format!("/challenges/{id}/edit")).await?;
    assert_eq!(signed_out.status(), StatusCode::SEE_OTHER);
    ensure!(
        signed_out
            .headers()
            .get("location")
            .and_then(|value| value.to_str().ok())
            .is_some_and(|location| location.starts_with("/login")),
        "sent to sign in"
    );
    ensure!(row(&app, id).await?.title == "Tryggere skoleveier i Bærum");
    ensure!(edit_entries(&app).await?.is_empty());

    // Admins may do what staff do; staff may correct a proposal too.
    edited(
        &app,
        &admin,
        &with(
            challenge_edit_form(&app, id).await?,
            &[("title", "Rettet".into())],
        ),
    )
    .await?;
    edited(
        &app,
        &editor,
        &with(
            challenge_edit_form(&app, proposal).await?,
            &[("title", "Flere benker langs turveiene i Lommedalen".into())],
        ),
    )
    .await?;
    ensure!(row(&app, id).await?.title == "Rettet");

    let unknown = with(
        challenge_edit_form(&app, id).await?,
        &[("challenge_id", "999999".into())],
    );
    assert_eq!(
        edit(&app, Some(&editor), &unknown).await?.status(),
        StatusCode::NOT_FOUND
    );
    for path in ["/challenges/999999/edit", "/challenges/nonsense/edit"] {
        assert_eq!(
            get_as(&app, Some(&editor), path).await?.status(),
            StatusCode::NOT_FOUND,
            "{path}"
        );
    }
    Ok(())
}

async fn bad_edits_get_their_messages_next_to_the_field(app: TestApp) -> anyhow::Result<()> {
    municipality(&app).await?;
    let editor = staff(&app, "saksbehandler@example.no").await?;
    // Open since ten days, and one closed for ideas.
    let running = published(&app, &editor, -10, 30).await?;
    let closed = challenge_in(&app, "closed", -40, -5).await?;
    let skoler = department_named(&app, "Skoler").await?;
    let mut set_owner: challenge::ActiveModel = row(&app, closed).await?.into();
    set_owner.department_id = Set(Some(skoler));
    set_owner.update(&app.db).await?;

    let cases: Vec<(i64, &str, String, &str)> = vec![
        (running, "title", " ".into(), "Required"),
        (running, "title", "x".repeat(121), "TooLong"),
        (running, "problem", String::new(), "Required"),
        (running, "focus_area", "x".into(), "UnknownChoice"),
        (running, "department_id", String::new(), "Required"),
        (running, "department_id", "999999".into(), "UnknownChoice"),
        (running, "closes_on", "31.12.2026".into(), "InvalidDate"),
        (
            running,
            "closes_on",
            day(-11).to_string(),
            "DateBeforeStart",
        ),
        // Ideas have come in since the first day: it stays.
        (running, "opens_on", day(-3).to_string(), "NotAllowedNow"),
        // Stopping the ideas is closing the challenge, not a date in the past.
        (
            running,
            "closes_on",
            day(-1).to_string(),
            "ClosingDayPassed",
        ),
        // A closed challenge's dates are history.
        (closed, "closes_on", day(20).to_string(), "NotAllowedNow"),
        (closed, "opens_on", day(-39).to_string(), "NotAllowedNow"),
    ];
    for (id, field, value, problem) in cases {
        let before = row(&app, id).await?;
        let form = with(
            challenge_edit_form(&app, id).await?,
            &[(field, value.clone())],
        );
        let response = edit(&app, Some(&editor), &form).await?;
        assert_eq!(
            response.status(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "{field} = {value}"
        );
        let body: serde_json::Value = response.json().await?;
        assert_eq!(body["Validation"]["field"], field, "{field} = {value}");
        assert_eq!(body["Validation"]["problem"], problem, "{field} = {value}");
        ensure!(row(&app, id).await? == before, "{field}: nothing changed");
    }
    ensure!(edit_entries(&app).await?.is_empty());

    // The last day may become today; a closed challenge's text may change.
    edited(
        &app,
        &editor,
        &with(
            challenge_edit_form(&app, running).await?,
            &[("closes_on", day(0).to_string())],
        ),
    )
    .await?;
    edited(
        &app,
        &editor,
        &with(
            challenge_edit_form(&app, closed).await?,
            &[("title", "Tryggere skoleveier (avsluttet)".into())],
        ),
    )
    .await?;
    ensure!(edit_entries(&app).await?.len() == 2);
    Ok(())
}

async fn a_refused_form_without_javascript_comes_back_filled_in(
    app: TestApp,
) -> anyhow::Result<()> {
    municipality(&app).await?;
    let editor = staff(&app, "saksbehandler@example.no").await?;
    let id = published(&app, &editor, -10, 30).await?;
    let form_page = app.url(&format!("/challenges/{id}/edit"));
    let form = with(
        challenge_edit_form(&app, id).await?,
        &[
            ("title", "Tryggere skoleveier på Høvik".into()),
            ("closes_on", day(-2).to_string()),
        ],
    );
    let refused = app
        .post_same_origin("/api/challenges/update")
        .header("accept", "text/html")
        .header("referer", &form_page)
        .header("cookie", &editor.cookie)
        .form(&form)
        .send()
        .await?;
    ensure!(refused.status().is_redirection(), "{}", refused.status());
    let url = app.redirect_target(&refused)?;
    ensure!(url.starts_with(&form_page), "back to the form: {url}");
    let page = app
        .client
        .get(&url)
        .header("cookie", &editor.cookie)
        .send()
        .await?;
    assert_eq!(page.status(), StatusCode::OK);
    let page = page.text().await?;
    ensure!(
        page.contains("id=\"challenge-closes-message\"")
            && page.contains("Siste dag kan ikke være passert."),
        "the message sits next to the last day"
    );
    ensure!(
        page.contains("value=\"Tryggere skoleveier på Høvik\""),
        "the title typed is kept"
    );
    ensure!(row(&app, id).await?.title == "Tryggere skoleveier i Bærum");

    // Fixed and sent again, it is saved and leads back to the challenge.
    let saved = app
        .post_same_origin("/api/challenges/update")
        .header("accept", "text/html")
        .header("referer", &form_page)
        .header("cookie", &editor.cookie)
        .form(&with(form, &[("closes_on", day(40).to_string())]))
        .send()
        .await?;
    ensure!(saved.status().is_redirection(), "{}", saved.status());
    assert_eq!(
        saved
            .headers()
            .get("location")
            .and_then(|value| value.to_str().ok()),
        Some(format!("/challenges/{id}?saved=1").as_str())
    );
    let page = get_as(&app, Some(&editor), &format!("/challenges/{id}?saved=1"))
        .await?
        .text()
        .await?;
    ensure!(page.contains("Endringene er lagret."), "the saved note");
    ensure!(page.contains("Tryggere skoleveier på Høvik"));
    Ok(())
}

async fn an_edit_from_an_outdated_form_is_refused_and_a_repeat_is_not(
    app: TestApp,
) -> anyhow::Result<()> {
    municipality(&app).await?;
    let editor = staff(&app, "saksbehandler@example.no").await?;
    let colleague = staff(&app, "kollega@example.no").await?;
    let id = published(&app, &editor, 0, 30).await?;
    // Both open the form.
    let form = challenge_edit_form(&app, id).await?;
    let mine = with(
        form.clone(),
        &[("title", "Tryggere skoleveier på Høvik".into())],
    );
    let theirs = with(form, &[("closes_on", day(40).to_string())]);
    edited(&app, &colleague, &theirs).await?;

    let stale = edit(&app, Some(&editor), &mine).await?;
    assert_eq!(stale.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body: serde_json::Value = stale.json().await?;
    assert_eq!(body["Validation"]["field"], "version");
    assert_eq!(body["Validation"]["problem"], "ChangedMeanwhile");
    let found = row(&app, id).await?;
    assert_eq!(
        (found.title.as_str(), found.closes_on),
        ("Tryggere skoleveier i Bærum", day(40)),
        "the colleague's change stands"
    );

    // The colleague's save sent twice (a double click) is done once.
    edited(&app, &colleague, &theirs).await?;
    ensure!(edit_entries(&app).await?.len() == 1);

    // The form as it is now saves.
    edited(
        &app,
        &editor,
        &with(
            challenge_edit_form(&app, id).await?,
            &[("title", "Tryggere skoleveier på Høvik".into())],
        ),
    )
    .await?;
    let found = row(&app, id).await?;
    assert_eq!(
        (found.title.as_str(), found.closes_on),
        ("Tryggere skoleveier på Høvik", day(40))
    );
    ensure!(edit_entries(&app).await?.len() == 2);
    Ok(())
}
