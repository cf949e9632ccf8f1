//! Challenges: staff publish, participants propose and staff approve or
//! decline with a reason; who sees a proposal; joining and leaving the
//! team. Both databases.
use crate::common;

use anyhow::{Context, ensure};
use app::entities::{challenge, challenge_member, department};
use common::ideas::{challenge_in, municipality, participant};
use common::people::{get_as, person, person_with_role, post_as};
use common::{Backend, TestApp};
use reqwest::StatusCode;
use sea_orm::{EntityTrait, PaginatorTrait};

on_both_backends!(
    staff_publish_at_once_and_participants_propose,
    a_proposal_is_approved_with_an_owner_or_declined_with_a_reason,
    co_creators_join_with_a_note_and_leave_again,
    bad_challenge_forms_get_their_messages,
);

async fn first_department(app: &TestApp) -> anyhow::Result<i64> {
    Ok(department::Entity::find()
        .one(&app.db)
        .await?
        .context("a department")?
        .id)
}

fn form(department: &str) -> Vec<(&'static str, String)> {
    let today = chrono::Utc::now().date_naive();
    vec![
        ("title", "Tryggere skoleveier i Bærum".into()),
        (
            "problem",
            "Mange barn går langs **trafikkerte** veier.".into(),
        ),
        ("focus_area", "co_creation".into()),
        ("department_id", department.into()),
        ("opens_on", today.to_string()),
        (
            "closes_on",
            (today + chrono::Duration::days(30)).to_string(),
        ),
    ]
}

async fn create(
    app: &TestApp,
    who: &common::people::Person,
    form: &[(&'static str, String)],
) -> anyhow::Result<reqwest::Response> {
    let fields: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
    post_as(app, Some(who), "/api/challenges/create", &fields).await
}

async fn state(app: &TestApp, id: i64) -> anyhow::Result<String> {
    Ok(challenge::Entity::find_by_id(id)
        .one(&app.db)
        .await?
        .context("challenge")?
        .state
        .to_string())
}

async fn change(
    app: &TestApp,
    who: &common::people::Person,
    id: i64,
    fields: Vec<(&'static str, String)>,
) -> anyhow::Result<reqwest::Response> {
    let id = id.to_string();
    let mut all: Vec<(&str, &str)> = vec![("challenge_id", id.as_str())];
    all.extend(fields.iter().map(|(k, v)| (*k, v.as_str())));
    post_as(app, Some(who), "/api/challenges/state", &all).await
}

async fn join(
    app: &TestApp,
    id: i64,
    who: &common::people::Person,
    note: &str,
) -> anyhow::Result<reqwest::Response> {
    post_as(
        app,
        Some(who),
        "/api/challenges/join",
        &[("challenge_id", &id.to_string()), ("note", note)],
    )
    .await
}

async fn staff_publish_at_once_and_participants_propose(app: TestApp) -> anyhow::Result<()> {
    municipality(&app).await?;
    let department = first_department(&app).await?.to_string();
    let staff = person_with_role(&app, "staff@example.no", "staff").await?;
    common::ideas::verify(&app, &staff).await?;
    let kari = participant(&app, "kari@example.no", "Kari").await?;
    let ola = participant(&app, "ola@example.no", "Ola").await?;

    let published: i64 = create(&app, &staff, &form(&department))
        .await?
        .text()
        .await?
        .trim()
        .parse()?;
    let proposed: i64 = create(&app, &kari, &form(""))
        .await?
        .text()
        .await?
        .trim()
        .parse()?;
    assert_eq!(state(&app, published).await?, "open");
    assert_eq!(state(&app, proposed).await?, "proposed");

    // The proposal is seen by its proposer and staff only.
    for (who, expected) in [
        (None, StatusCode::NOT_FOUND),
        (Some(&ola), StatusCode::NOT_FOUND),
        (Some(&kari), StatusCode::OK),
        (Some(&staff), StatusCode::OK),
    ] {
        assert_eq!(
            get_as(&app, who, &format!("/challenges/{proposed}"))
                .await?
                .status(),
            expected
        );
    }
    let list = app.get("/challenges").await?.text().await?;
    ensure!(
        list.contains(&format!("/challenges/{published}"))
            && !list.contains(&format!("/challenges/{proposed}\"")),
        "the public list"
    );
    Ok(())
}

async fn a_proposal_is_approved_with_an_owner_or_declined_with_a_reason(
    app: TestApp,
) -> anyhow::Result<()> {
    municipality(&app).await?;
    let department = first_department(&app).await?.to_string();
    let staff = person_with_role(&app, "staff@example.no", "staff").await?;
    let kari = participant(&app, "kari@example.no", "Kari").await?;
    let first: i64 = create(&app, &kari, &form(""))
        .await?
        .text()
        .await?
        .trim()
        .parse()?;
    let second: i64 = create(&app, &kari, &form(""))
        .await?
        .text()
        .await?
        .trim()
        .parse()?;
    // Only staff; an approval needs an owner, a decline a reason.
    assert_eq!(
        change(&app, &kari, first, vec![("state", "open".into())])
            .await?
            .status(),
        StatusCode::FORBIDDEN
    );
    let no_owner = change(&app, &staff, first, vec![("state", "open".into())]).await?;
    assert_eq!(no_owner.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let no_reason = change(
        &app,
        &staff,
        second,
        vec![("state", "declined".into()), ("reason", " ".into())],
    )
    .await?;
    assert_eq!(no_reason.status(), StatusCode::UNPROCESSABLE_ENTITY);
    // A move the table does not have.
    let skipping = change(&app, &staff, first, vec![("state", "done".into())]).await?;
    assert_eq!(skipping.status(), StatusCode::UNPROCESSABLE_ENTITY);

    ensure!(
        change(
            &app,
            &staff,
            first,
            vec![
                ("state", "open".into()),
                ("department_id", department.clone())
            ]
        )
        .await?
        .status()
        .is_success(),
        "approve"
    );
    ensure!(
        change(
            &app,
            &staff,
            second,
            vec![
                ("state", "declined".into()),
                ("reason", "Dekkes av en annen utfordring.".into())
            ]
        )
        .await?
        .status()
        .is_success(),
        "decline"
    );
    let approved = challenge::Entity::find_by_id(first)
        .one(&app.db)
        .await?
        .context("first")?;
    assert_eq!(
        (
            approved.state.as_str(),
            approved.department_id.map(|d| d.to_string())
        ),
        ("open", Some(department))
    );
    let declined = challenge::Entity::find_by_id(second)
        .one(&app.db)
        .await?
        .context("second")?;
    assert_eq!(
        declined.decline_reason.as_deref(),
        Some("Dekkes av en annen utfordring.")
    );
    let page = get_as(&app, Some(&kari), &format!("/challenges/{second}"))
        .await?
        .text()
        .await?;
    ensure!(
        page.contains("Dekkes av en annen utfordring."),
        "the proposer reads the reason"
    );
    Ok(())
}

async fn co_creators_join_with_a_note_and_leave_again(app: TestApp) -> anyhow::Result<()> {
    municipality(&app).await?;
    let id = challenge_in(&app, "open", -1, 30).await?;
    let kari = participant(&app, "kari@example.no", "Kari").await?;
    let unconfirmed = person(&app, "ny@example.no", "Ny").await?;
    let empty = join(&app, id, &kari, " ").await?;
    assert_eq!(empty.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        join(&app, id, &unconfirmed, "Jeg kan tegne kart")
            .await?
            .status(),
        StatusCode::UNPROCESSABLE_ENTITY
    );
    ensure!(
        join(&app, id, &kari, "Jeg kjenner skoleveiene på Høvik")
            .await?
            .status()
            .is_success(),
        "joining"
    );
    // Joining twice (a double click) keeps one membership.
    ensure!(
        join(&app, id, &kari, "Jeg kjenner skoleveiene på Høvik")
            .await?
            .status()
            .is_success(),
        "joining again"
    );
    assert_eq!(challenge_member::Entity::find().count(&app.db).await?, 1);
    let page = app.get(&format!("/challenges/{id}")).await?.text().await?;
    ensure!(
        page.contains("Jeg kjenner skoleveiene på Høvik") && page.contains("Kari"),
        "the team shows her note"
    );
    ensure!(
        post_as(
            &app,
            Some(&kari),
            "/api/challenges/leave",
            &[("challenge_id", &id.to_string())]
        )
        .await?
        .status()
        .is_success(),
        "leaving"
    );
    assert_eq!(challenge_member::Entity::find().count(&app.db).await?, 0);
    // A declined proposal takes nobody.
    let declined = challenge_in(&app, "declined", 1, 30).await?;
    let refused = post_as(
        &app,
        Some(&kari),
        "/api/challenges/join",
        &[("challenge_id", &declined.to_string()), ("note", "Hei")],
    )
    .await?;
    assert_eq!(refused.status(), StatusCode::NOT_FOUND);
    Ok(())
}

async fn bad_challenge_forms_get_their_messages(app: TestApp) -> anyhow::Result<()> {
    municipality(&app).await?;
    let kari = participant(&app, "kari@example.no", "Kari").await?;
    let staff = person_with_role(&app, "staff@example.no", "staff").await?;
    common::ideas::verify(&app, &staff).await?;
    let cases: Vec<(&common::people::Person, &'static str, String, &str)> = vec![
        (&kari, "title", String::new(), "Required"),
        (&kari, "problem", " ".into(), "Required"),
        (&kari, "focus_area", "x".into(), "UnknownChoice"),
        (&kari, "opens_on", "30.11.2026".into(), "InvalidDate"),
        (&kari, "closes_on", "2000-01-01".into(), "DateBeforeStart"),
        (&kari, "department_id", "999999".into(), "UnknownChoice"),
        (&staff, "department_id", String::new(), "Required"),
    ];
    for (who, field, value, problem) in cases {
        let mut fields = form("");
        for entry in fields.iter_mut().filter(|(name, _)| *name == field) {
            entry.1 = value.clone();
        }
        let response = create(&app, who, &fields).await?;
        assert_eq!(
            response.status(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "{field}"
        );
        let body: serde_json::Value = response.json().await?;
        assert_eq!(body["Validation"]["field"], field);
        assert_eq!(body["Validation"]["problem"], problem, "{field}");
    }
    assert_eq!(challenge::Entity::find().count(&app.db).await?, 0);
    Ok(())
}
