//! `/admin/export` and `/admin/ideas.csv`: staff download the public ideas
//! they choose by status, focus area, district, owner department, goal
//! and publication days, as CSV safe to open in a spreadsheet; hidden
//! ideas and authors' names stay out; no one else downloads anything; a
//! choice the form could not send comes back to the page at its field.
//! Both databases.
use crate::common;

use anyhow::{Context, ensure};
use app::entities::{idea, idea_department, idea_goal};
use app::features::goals::types::{GoalText, Localized};
use chrono::{TimeZone, Utc};
use common::ideas::{hide_idea, municipality, participant, published_idea, set_idea};
use common::people::{Cast, Person, get_as};
use common::pipeline::department_id;
use common::{Backend, TestApp};
use reqwest::StatusCode;
use sea_orm::{ActiveValue::Set, EntityTrait};

on_both_backends!(
    staff_download_the_ideas_they_choose,
    only_staff_download_ideas,
    a_choice_the_form_could_not_send_comes_back_to_its_field,
);

/// The ids in the first column of the CSV `staff` downloads with `query`.
async fn exported(
    app: &TestApp,
    staff: &Person,
    query: &str,
) -> anyhow::Result<(Vec<i64>, String)> {
    let answer = get_as(app, Some(staff), &format!("/admin/ideas.csv?{query}")).await?;
    ensure!(
        answer.status() == StatusCode::OK,
        "{query}: {}",
        answer.status()
    );
    ensure!(
        answer.headers()["content-type"] == "text/csv; charset=utf-8"
            && answer.headers()["content-disposition"]
                == "attachment; filename=\"samskap-ideas.csv\"",
        "a CSV download"
    );
    let body = answer.text().await?;
    let ids = body
        .lines()
        .skip(1)
        .map(|line| {
            line.trim_start_matches('"')
                .split('"')
                .next()
                .context("an id")?
                .parse::<i64>()
                .context("a number")
        })
        .collect::<anyhow::Result<Vec<_>>>()?;
    Ok((ids, body))
}

async fn staff_download_the_ideas_they_choose(app: TestApp) -> anyhow::Result<()> {
    municipality(&app).await?;
    let cast = Cast::assemble(&app).await?;
    let author = participant(&app, "forfatter@example.no", "Kari Forfatter").await?;
    let mut ids = Vec::new();
    for title in [
        "Benker ved stasjonen",
        "Lys i parken",
        "Sykkelparkering",
        "Gjemt idé her",
    ] {
        ids.push(published_idea(&app, &author, title, "Flere benker, mer lys.").await?);
    }
    let [benches, lights, bikes, hidden] = ids[..] else {
        anyhow::bail!("four ideas");
    };
    set_idea(
        &app,
        benches,
        idea::Column::Title,
        "=HYPERLINK(\"https://example.com\")".into(),
    )
    .await?;
    set_idea(
        &app,
        benches,
        idea::Column::District,
        Some("Bekkestua".to_owned()).into(),
    )
    .await?;
    set_idea(&app, lights, idea::Column::Status, "under_review".into()).await?;
    set_idea(&app, lights, idea::Column::FocusArea, "gain".into()).await?;
    let spring = Utc
        .with_ymd_and_hms(2025, 4, 30, 22, 30, 0)
        .single()
        .context("a time")?;
    set_idea(&app, bikes, idea::Column::PublishedAt, Some(spring).into()).await?;
    hide_idea(&app, hidden).await?;
    let roads = department_id(&app, "Vei og trafikk").await?;
    idea_department::Entity::insert(idea_department::ActiveModel {
        idea_id: Set(lights),
        department_id: Set(roads),
        added_at: Set(Utc::now()),
    })
    .exec(&app.db)
    .await?;
    let text = |name: &str| GoalText {
        name: Localized {
            nb: name.to_owned(),
            ..Localized::default()
        },
        description: Localized::default(),
    };
    let goals = app::features::goals::service::ensure(&app.db, &[text("Trygg oppvekst")]).await?;
    idea_goal::Entity::insert(idea_goal::ActiveModel {
        idea_id: Set(lights),
        goal_id: Set(goals[0]),
        added_at: Set(Utc::now()),
    })
    .exec(&app.db)
    .await?;

    let (all, body) = exported(&app, &cast.staff, "").await?;
    assert_eq!(
        all,
        [benches, lights, bikes],
        "every public idea but the hidden one, oldest first"
    );
    ensure!(
        body.starts_with("id,title,status,focus_area,district,sender,published_on,supports,comments,challenge_id,departments,goals,address\r\n"),
        "the header"
    );
    ensure!(
        body.contains("\"'=HYPERLINK(\"\"https://example.com\"\")\""),
        "a formula stays text: {body}"
    );
    ensure!(!body.contains("Kari Forfatter"), "no author's name");
    let lights_line = body
        .lines()
        .find(|line| line.starts_with(&format!("\"{lights}\"")))
        .context("the lights")?;
    ensure!(
        lights_line.contains("\"under_review\",\"gain\"")
            && lights_line.contains("\"Vei og trafikk\",\"Trygg oppvekst\"")
            && lights_line.contains(&format!("/ideas/{lights}\"")),
        "status, area, owner, goal and address: {lights_line}"
    );

    assert_eq!(
        exported(&app, &cast.staff, "status=under_review").await?.0,
        [lights]
    );
    assert_eq!(
        exported(&app, &cast.staff, "focus_area=gain").await?.0,
        [lights]
    );
    assert_eq!(
        exported(&app, &cast.staff, "district=Bekkestua").await?.0,
        [benches]
    );
    assert_eq!(
        exported(&app, &cast.staff, &format!("department={roads}"))
            .await?
            .0,
        [lights]
    );
    assert_eq!(
        exported(&app, &cast.staff, &format!("goal={}", goals[0]))
            .await?
            .0,
        [lights]
    );
    // 22:30 UTC on 30 April is 1 May in Oslo.
    assert_eq!(
        exported(&app, &cast.staff, "from=2025-05-01&to=2025-05-01")
            .await?
            .0,
        [bikes]
    );
    assert_eq!(
        exported(&app, &cast.staff, "to=2025-04-30").await?.0,
        Vec::<i64>::new()
    );
    assert_eq!(
        exported(&app, &cast.admin, "status=&goal=&from=")
            .await?
            .0
            .len(),
        3,
        "empty is any"
    );
    Ok(())
}

async fn only_staff_download_ideas(app: TestApp) -> anyhow::Result<()> {
    municipality(&app).await?;
    let cast = Cast::assemble(&app).await?;
    let author = participant(&app, "forfatter@example.no", "Kari Forfatter").await?;
    published_idea(&app, &author, "Benker ved stasjonen", "Flere benker.").await?;
    for (name, who) in cast.actors() {
        let download = get_as(&app, who, "/admin/ideas.csv").await?;
        let page = get_as(&app, who, "/admin/export").await?;
        let expected = match name {
            "staff" | "admin" => (StatusCode::OK, StatusCode::OK),
            "anonymous" => (StatusCode::SEE_OTHER, StatusCode::SEE_OTHER),
            _ => (StatusCode::FORBIDDEN, StatusCode::FORBIDDEN),
        };
        assert_eq!((download.status(), page.status()), expected, "{name}");
        if expected.0 != StatusCode::OK {
            ensure!(
                !download.text().await?.contains("Benker"),
                "{name} gets no ideas"
            );
        }
    }
    Ok(())
}

async fn a_choice_the_form_could_not_send_comes_back_to_its_field(
    app: TestApp,
) -> anyhow::Result<()> {
    municipality(&app).await?;
    let cast = Cast::assemble(&app).await?;
    let answer = get_as(
        &app,
        Some(&cast.staff),
        "/admin/ideas.csv?focus_area=gain&from=2026-13-01",
    )
    .await?;
    assert_eq!(answer.status(), StatusCode::SEE_OTHER);
    let back = app.redirect_target(&answer)?;
    ensure!(
        back.ends_with("/admin/export?focus_area=gain&from=2026-13-01&refused=1"),
        "{back}"
    );
    let page = get_as(
        &app,
        Some(&cast.staff),
        "/admin/export?focus_area=gain&from=2026-13-01&refused=1",
    )
    .await?;
    assert_eq!(page.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = page.text().await?;
    let field = html
        .split_once("id=\"export-from\"")
        .context("the field")?
        .1;
    ensure!(
        field.contains("Skriv en gyldig dato"),
        "the message at the field"
    );
    ensure!(
        html.contains("<option value=\"gain\" selected"),
        "the focus area kept"
    );
    Ok(())
}
