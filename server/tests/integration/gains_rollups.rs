//! The roll-ups of `/admin/gains` and `/impact` on a fixed data set,
//! against numbers worked out by hand: the funnel, the median days in each
//! stage, KPI targets set and reached per goal (a retired goal too),
//! department and year, with a corrected measurement that no longer
//! counts; the filters; the public page with public KPIs only; and the
//! CSV downloads, staff only. Both databases.
use crate::common;

use std::collections::HashMap;

use anyhow::{Context, ensure};
use app::entities::{
    benefit_plan, challenge_tally, goal, idea, idea_department, idea_goal, idea_status_change,
    idea_tally, kpi_measurement,
};
use app::features::gains::types::{GainsDashboard, Impact, Realised};
use app::features::ideas::status::IdeaStatus;
use chrono::{DateTime, Datelike, Duration, NaiveDate, TimeZone, Utc};
use common::gains::kpi_towards;
use common::ideas::{challenge_in, draft, idea_form, municipality, participant, published_idea};
use common::people::{Person, get_as, person_with_role};
use common::pipeline::department_id;
use common::{Backend, TestApp};
use reqwest::StatusCode;
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter};

on_both_backends!(
    the_tally_the_database_keeps_counts_every_visible_idea,
    the_dashboard_adds_up_as_worked_out_by_hand,
    the_public_page_adds_up_public_kpis_only_and_the_downloads_are_for_staff,
);

/// The ids of the fixed data set's ideas and goals.
struct Town {
    staff: Person,
    a: i64,
    b: i64,
    safe: i64,
    retired: i64,
}

fn at(year: i32, month: u32, day: u32) -> anyhow::Result<DateTime<Utc>> {
    Utc.with_ymd_and_hms(year, month, day, 12, 0, 0)
        .single()
        .context("a date")
}

fn day(date: DateTime<Utc>) -> NaiveDate {
    date.date_naive()
}

async fn place(
    app: &TestApp,
    id: i64,
    status: IdeaStatus,
    focus_area: &str,
    published: DateTime<Utc>,
) -> anyhow::Result<()> {
    idea::Entity::update_many()
        .col_expr(idea::Column::Status, Expr::value(status.as_str()))
        .col_expr(idea::Column::FocusArea, Expr::value(focus_area))
        .col_expr(idea::Column::PublishedAt, Expr::value(published))
        .col_expr(idea::Column::StageEnteredAt, Expr::value(published))
        .filter(idea::Column::Id.eq(id))
        .exec(&app.db)
        .await?;
    idea_status_change::Entity::delete_many()
        .filter(idea_status_change::Column::IdeaId.eq(id))
        .exec(&app.db)
        .await?;
    Ok(())
}

/// The idea's timeline: the statuses it entered and when.
async fn timeline(
    app: &TestApp,
    id: i64,
    moves: &[(IdeaStatus, DateTime<Utc>)],
) -> anyhow::Result<()> {
    for (to, when) in moves {
        idea_status_change::Entity::insert(idea_status_change::ActiveModel {
            idea_id: Set(id),
            from_status: Set(None),
            to_status: Set(*to),
            actor_id: Set(None),
            note: Set(None),
            created_at: Set(*when),
            ..Default::default()
        })
        .exec(&app.db)
        .await?;
    }
    Ok(())
}

async fn owned(app: &TestApp, id: i64, department: i64, goals: &[i64]) -> anyhow::Result<()> {
    idea_department::Entity::insert(idea_department::ActiveModel {
        idea_id: Set(id),
        department_id: Set(department),
        added_at: Set(Utc::now()),
    })
    .exec(&app.db)
    .await?;
    for goal in goals {
        idea_goal::Entity::insert(idea_goal::ActiveModel {
            idea_id: Set(id),
            goal_id: Set(*goal),
            added_at: Set(Utc::now()),
        })
        .exec(&app.db)
        .await?;
    }
    Ok(())
}

async fn a_goal(app: &TestApp, name: &str, retired: bool) -> anyhow::Result<i64> {
    Ok(goal::Entity::insert(goal::ActiveModel {
        name_nb: Set(name.to_owned()),
        name_nn: Set(String::new()),
        name_en: Set(String::new()),
        description_nb: Set(String::new()),
        description_nn: Set(String::new()),
        description_en: Set(String::new()),
        created_at: Set(Utc::now()),
        retired_at: Set(retired.then(Utc::now)),
        ..Default::default()
    })
    .exec(&app.db)
    .await?
    .last_insert_id)
}

async fn plan(app: &TestApp, idea: i64, cost: i64, value: i64) -> anyhow::Result<()> {
    benefit_plan::Entity::insert(benefit_plan::ActiveModel {
        idea_id: Set(idea),
        estimated_cost_nok: Set(Some(cost)),
        effort_person_days: Set(None),
        expected_value_nok: Set(Some(value)),
        updated_at: Set(Utc::now()),
        updated_by: Set(None),
    })
    .exec(&app.db)
    .await?;
    Ok(())
}

async fn measure(
    app: &TestApp,
    kpi: i64,
    value: f64,
    on: NaiveDate,
    superseded_by: Option<i64>,
) -> anyhow::Result<i64> {
    Ok(
        kpi_measurement::Entity::insert(kpi_measurement::ActiveModel {
            kpi_id: Set(kpi),
            value: Set(value),
            measured_on: Set(on),
            source: Set("Fagsystemet".to_owned()),
            comment: Set(String::new()),
            recorded_by: Set(None),
            recorded_at: Set(Utc::now()),
            superseded_by_id: Set(superseded_by),
            ..Default::default()
        })
        .exec(&app.db)
        .await?
        .last_insert_id,
    )
}

/// Six ideas: A (benefits realised, 2025, goal "Trygg", roads), B
/// (implemented, 2026, the retired goal, schools), C (in review, roads),
/// D (declined), E (published) and F (selected, goal "Trygg", roads).
async fn town(app: &TestApp) -> anyhow::Result<Town> {
    municipality(app).await?;
    let author = participant(app, "forfatter@example.no", "Forfatter").await?;
    let staff = person_with_role(app, "stab@example.no", "staff").await?;
    let roads = department_id(app, "Vei og trafikk").await?;
    let schools = department_id(app, "Skoler").await?;
    let safe = a_goal(app, "Trygg oppvekst", false).await?;
    let retired = a_goal(app, "Gammelt mål", true).await?;
    let mut ids = Vec::new();
    for title in ["A", "B", "C", "D", "E", "F"] {
        ids.push(
            published_idea(
                app,
                &author,
                &format!("Idé {title} om benker"),
                "Flere benker.",
            )
            .await?,
        );
    }
    let [a, b, c, d, e, f] = ids[..] else {
        anyhow::bail!("six ideas");
    };
    let start_a = at(2025, 3, 1)?;
    place(app, a, IdeaStatus::BenefitsRealised, "gain", start_a).await?;
    timeline(
        app,
        a,
        &[
            (IdeaStatus::Published, start_a),
            (IdeaStatus::UnderReview, start_a + Duration::days(10)),
            (IdeaStatus::Selected, start_a + Duration::days(16)),
            (IdeaStatus::Implemented, start_a + Duration::days(40)),
            (IdeaStatus::BenefitsRealised, start_a + Duration::days(100)),
        ],
    )
    .await?;
    place(app, b, IdeaStatus::Implemented, "gain", at(2026, 2, 1)?).await?;
    place(
        app,
        c,
        IdeaStatus::UnderReview,
        "co_creation",
        at(2026, 6, 1)?,
    )
    .await?;
    place(app, d, IdeaStatus::Declined, "gain", at(2026, 6, 1)?).await?;
    place(
        app,
        e,
        IdeaStatus::Published,
        "co_creation",
        at(2026, 6, 1)?,
    )
    .await?;
    let start_f = at(2026, 6, 1)?;
    place(app, f, IdeaStatus::Selected, "gain", start_f).await?;
    timeline(
        app,
        f,
        &[
            (IdeaStatus::Published, start_f),
            (IdeaStatus::UnderReview, start_f + Duration::days(4)),
            (IdeaStatus::Selected, start_f + Duration::days(8)),
        ],
    )
    .await?;
    owned(app, a, roads, &[safe]).await?;
    owned(app, b, schools, &[retired]).await?;
    owned(app, c, roads, &[]).await?;
    owned(app, f, roads, &[safe]).await?;
    plan(app, a, 100, 300).await?;
    plan(app, b, 1000, 500).await?;
    plan(app, c, 200, 800).await?;

    let later = day(Utc::now() + Duration::days(200));
    // A's first KPI: the 9 that reached 10 was corrected to 12, which does not.
    let a1 = kpi_towards(app, a, 30.0, 10.0, later).await?;
    let corrected = measure(app, a1, 12.0, day(start_a + Duration::days(120)), None).await?;
    measure(
        app,
        a1,
        9.0,
        day(start_a + Duration::days(110)),
        Some(corrected),
    )
    .await?;
    // A's second, public, reached going up.
    let a2 = kpi_towards(app, a, 50.0, 80.0, later).await?;
    app::entities::kpi::Entity::update_many()
        .col_expr(app::entities::kpi::Column::Public, Expr::value(true))
        .filter(app::entities::kpi::Column::Id.eq(a2))
        .exec(&app.db)
        .await?;
    measure(app, a2, 85.0, day(start_a + Duration::days(120)), None).await?;
    // B's: its date passed unmeasured.
    kpi_towards(app, b, 0.0, 100.0, day(Utc::now() - Duration::days(3))).await?;
    // F's: measured, not reached.
    let f1 = kpi_towards(app, f, 10.0, 20.0, later).await?;
    measure(app, f1, 15.0, day(Utc::now() - Duration::days(1)), None).await?;
    Ok(Town {
        staff,
        a,
        b,
        safe,
        retired,
    })
}

async fn dashboard(app: &TestApp, staff: &Person, query: &str) -> anyhow::Result<GainsDashboard> {
    let answer = get_as(app, Some(staff), &format!("/api/gains/dashboard?{query}")).await?;
    let status = answer.status();
    let body = answer.text().await?;
    ensure!(status == StatusCode::OK, "{status} {body}");
    Ok(serde_json::from_str(&body)?)
}

fn counts(stages: &[app::features::gains::types::StageCount]) -> Vec<(&'static str, u64)> {
    stages
        .iter()
        .map(|stage| (stage.status.as_str(), stage.count))
        .collect()
}

/// (label, ideas, kpis, reached, expected value, cost) of each row.
fn rows(rows: &[Realised]) -> Vec<(String, u64, u64, u64, i64, i64)> {
    rows.iter()
        .map(|row| {
            (
                row.label.clone(),
                row.ideas,
                row.kpis,
                row.reached,
                row.expected_value_nok,
                row.estimated_cost_nok,
            )
        })
        .collect()
}

async fn the_dashboard_adds_up_as_worked_out_by_hand(app: TestApp) -> anyhow::Result<()> {
    let town = town(&app).await?;
    let all = dashboard(&app, &town.staff, "").await?;
    assert_eq!(
        counts(&all.funnel),
        [
            ("published", 6),
            ("threshold_reached", 4),
            ("under_review", 4),
            ("selected", 3),
            ("piloting", 2),
            ("implemented", 2),
            ("benefits_realised", 1),
        ]
    );
    assert_eq!(counts(&all.closed)[0], ("declined", 1));
    let medians: Vec<(&str, Option<f64>, u64)> = all
        .stage_days
        .iter()
        .map(|stage| (stage.status.as_str(), stage.median_days, stage.stays))
        .collect();
    assert_eq!(
        medians,
        [
            ("threshold_reached", None, 0),
            ("under_review", Some(5.0), 2),
            ("selected", Some(24.0), 1),
            ("piloting", None, 0),
            ("implemented", Some(60.0), 1),
        ]
    );
    let s = |text: &str| text.to_owned();
    assert_eq!(
        rows(&all.per_goal),
        [
            (s("Gammelt mål"), 1, 1, 0, 500, 1000),
            (s("Trygg oppvekst"), 2, 3, 1, 300, 100)
        ],
        "the retired goal keeps what is linked to it"
    );
    assert_eq!(
        rows(&all.per_department),
        [
            (s("Skoler"), 1, 1, 0, 500, 1000),
            (s("Vei og trafikk"), 3, 3, 1, 1100, 300)
        ]
    );
    assert_eq!(
        rows(&all.per_year),
        [
            (s("2026"), 3, 2, 0, 1300, 1200),
            (s("2025"), 1, 2, 1, 300, 100)
        ]
    );
    assert_eq!(all.overdue_count, 1);
    assert_eq!(all.overdue.first().map(|due| due.idea_id), Some(town.b));
    let gain = all
        .tallies
        .by_focus_area
        .iter()
        .find(|(area, _)| area.as_str() == "gain");
    assert_eq!(gain.map(|(_, n)| *n), Some(4));

    // The filters narrow every number.
    let of_2025 = dashboard(&app, &town.staff, "year=2025").await?;
    assert_eq!(counts(&of_2025.funnel)[0], ("published", 1));
    assert_eq!(
        rows(&of_2025.per_goal),
        [(s("Trygg oppvekst"), 1, 2, 1, 300, 100)]
    );
    let retired = dashboard(&app, &town.staff, &format!("goal={}", town.retired)).await?;
    assert_eq!(counts(&retired.funnel)[5], ("implemented", 1));
    assert_eq!(retired.overdue_count, 1);
    let safe = dashboard(
        &app,
        &town.staff,
        &format!("goal={}&focus_area=gain", town.safe),
    )
    .await?;
    assert_eq!(counts(&safe.funnel)[0], ("published", 2));
    assert_eq!(safe.overdue_count, 0);
    let schools = department_id(&app, "Skoler").await?;
    let by_schools = dashboard(&app, &town.staff, &format!("department={schools}")).await?;
    assert_eq!(
        rows(&by_schools.per_department),
        [(s("Skoler"), 1, 1, 0, 500, 1000)]
    );
    let page = common::answers::page(&app, Some(&town.staff), "/admin/gains?year=2025").await?;
    ensure!(
        page.contains("Trygg oppvekst") && page.contains("<svg"),
        "the page shows the charts"
    );
    ensure!(town.a > 0);
    Ok(())
}

async fn the_public_page_adds_up_public_kpis_only_and_the_downloads_are_for_staff(
    app: TestApp,
) -> anyhow::Result<()> {
    let town = town(&app).await?;
    let answer = get_as(&app, None, "/api/impact").await?;
    ensure!(answer.status() == StatusCode::OK, "{}", answer.status());
    let impact: Impact = answer.json().await?;
    assert_eq!(
        (
            impact.received,
            impact.in_pipeline,
            impact.implemented,
            impact.realised
        ),
        (6, 2, 2, 1)
    );
    assert_eq!((impact.public_kpis, impact.public_reached), (1, 1));
    assert_eq!(
        impact
            .per_goal
            .iter()
            .map(|row| (row.label.as_str(), row.kpis, row.reached))
            .collect::<Vec<_>>(),
        [("Trygg oppvekst", 1, 1)]
    );
    assert_eq!(
        impact
            .stories
            .iter()
            .map(|story| story.idea_id)
            .collect::<Vec<_>>(),
        [town.a]
    );
    let page = common::answers::page(&app, None, "/impact").await?;
    ensure!(page.contains("Ventetid på svar"), "the public KPI's story");
    ensure!(
        !page.contains("1\u{a0}000") && !page.contains(">1000<"),
        "no internal estimate"
    );

    let kari = participant(&app, "kari@example.no", "Kari").await?;
    for file in ["kpis.csv", "measurements.csv", "funnel.csv"] {
        let path = format!("/admin/gains/{file}");
        assert_eq!(
            get_as(&app, Some(&kari), &path).await?.status(),
            StatusCode::FORBIDDEN
        );
        assert_eq!(
            get_as(&app, None, &path).await?.status(),
            StatusCode::SEE_OTHER
        );
    }
    let kpis = get_as(&app, Some(&town.staff), "/admin/gains/kpis.csv")
        .await?
        .text()
        .await?;
    assert_eq!(kpis.lines().count(), 5, "a header and four KPIs: {kpis}");
    let measured = get_as(
        &app,
        Some(&town.staff),
        "/admin/gains/measurements.csv?year=2025",
    )
    .await?
    .text()
    .await?;
    assert_eq!(
        measured.lines().count(),
        4,
        "A's three measurements, the corrected one marked: {measured}"
    );
    let funnel = get_as(&app, Some(&town.staff), "/admin/gains/funnel.csv")
        .await?
        .text()
        .await?;
    ensure!(
        funnel.contains("\"under_review\",\"4\",\"1\",\"5\",\"2\""),
        "{funnel}"
    );
    Ok(())
}

/// The tally's rows, and the visible ideas counted by the same keys.
async fn tally_and_count(
    app: &TestApp,
) -> anyhow::Result<(
    HashMap<(String, String, String, String, i32), i64>,
    HashMap<(String, String, String, String, i32), i64>,
)> {
    let mut tally = HashMap::new();
    for row in idea_tally::Entity::find().all(&app.db).await? {
        if row.ideas != 0 {
            let key = (
                row.status.as_str().to_owned(),
                row.focus_area.as_str().to_owned(),
                row.district,
                row.actor_type.as_str().to_owned(),
                row.year,
            );
            tally.insert(key, row.ideas);
        }
    }
    let mut counted = HashMap::new();
    for row in idea::Entity::find()
        .filter(idea::Column::HiddenAt.is_null())
        .all(&app.db)
        .await?
    {
        let key = (
            row.status.as_str().to_owned(),
            row.focus_area.as_str().to_owned(),
            row.district.unwrap_or_default(),
            row.author_actor_type.as_str().to_owned(),
            row.published_at.map_or(0, |at| at.year()),
        );
        *counted.entry(key).or_insert(0) += 1;
    }
    Ok((tally, counted))
}

#[test]
fn the_people_tally_counts_the_statuses_the_list_shows() {
    let listed: Vec<String> = IdeaStatus::ACTIVE
        .iter()
        .map(|status| format!("'{}'", status.as_str()))
        .collect();
    let counted: Vec<String> = migrations::m20261207_000021_create_people_tally::ACTIVE
        .split(',')
        .map(|status| status.trim().to_owned())
        .collect();
    assert_eq!(counted, listed);
}

/// The ideas `challenge_tally` says `challenge` has, and its visible public
/// ideas counted from the ideas themselves.
async fn challenge_kept_and_counted(app: &TestApp, challenge: i64) -> anyhow::Result<(i64, i64)> {
    let kept = challenge_tally::Entity::find_by_id(challenge)
        .one(&app.db)
        .await?
        .map_or(0, |tally| tally.ideas);
    let counted = idea::Entity::find()
        .filter(idea::Column::ChallengeId.eq(challenge))
        .filter(idea::Column::HiddenAt.is_null())
        .filter(idea::Column::Status.is_in(IdeaStatus::public_names()))
        .all(&app.db)
        .await?
        .len() as i64;
    Ok((kept, counted))
}

/// The people `people_tally` says have an active visible idea, and the
/// distinct authors of such ideas counted from the ideas themselves.
async fn people_kept_and_counted(app: &TestApp) -> anyhow::Result<(i64, i64)> {
    use sea_orm::{ConnectionTrait, Statement};
    let active: Vec<&str> = IdeaStatus::ACTIVE.iter().map(|s| s.as_str()).collect();
    let mut counted: Vec<i64> = idea::Entity::find()
        .filter(idea::Column::HiddenAt.is_null())
        .filter(idea::Column::Status.is_in(active))
        .all(&app.db)
        .await?
        .into_iter()
        .filter_map(|found| found.author_id)
        .collect();
    counted.sort_unstable();
    counted.dedup();
    let row = app
        .db
        .query_one_raw(Statement::from_string(
            app.db.get_database_backend(),
            "SELECT people FROM people_tally WHERE id = 1",
        ))
        .await?
        .context("people_tally has its one row")?;
    Ok((row.try_get::<i64>("", "people")?, counted.len() as i64))
}

async fn the_tally_the_database_keeps_counts_every_visible_idea(
    app: TestApp,
) -> anyhow::Result<()> {
    municipality(&app).await?;
    let author = participant(&app, "forfatter@example.no", "Forfatter").await?;
    let mut ideas = Vec::new();
    for title in ["A", "B", "C", "D"] {
        ideas.push(
            published_idea(
                &app,
                &author,
                &format!("Idé {title} om benker"),
                "Flere benker.",
            )
            .await?,
        );
    }
    draft(
        &app,
        &author,
        &idea_form("Et utkast om benker", "Ikke publisert ennå."),
    )
    .await?;
    let other = participant(&app, "annen@example.no", "Annen").await?;
    let theirs = published_idea(&app, &other, "Idé om lys i parken", "Mer lys.").await?;
    let same = |step: &str, (tally, counted): (HashMap<_, i64>, HashMap<_, i64>)| {
        ensure!(
            tally == counted,
            "{step}: the tally {tally:?} against {counted:?}"
        );
        Ok(())
    };
    let people = |step: &'static str, expected: i64| {
        let app = &app;
        async move {
            let (kept, counted) = people_kept_and_counted(app).await?;
            ensure!(
                kept == counted && kept == expected,
                "{step}: people_tally says {kept}, the ideas {counted}, expected {expected}"
            );
            anyhow::Ok(())
        }
    };
    people("as written", 2).await?;
    // Two ideas in one challenge, one in another.
    let (first, second) = (
        challenge_in(&app, "open", -1, 30).await?,
        challenge_in(&app, "open", -1, 30).await?,
    );
    let change = |id: i64, column: idea::Column, value: sea_orm::Value| {
        idea::Entity::update_many()
            .col_expr(column, Expr::value(value))
            .filter(idea::Column::Id.eq(id))
            .exec(&app.db)
    };
    for (id, challenge) in [(ideas[0], first), (ideas[3], first), (theirs, second)] {
        change(id, idea::Column::ChallengeId, Some(challenge).into()).await?;
    }
    let challenges = |step: &'static str, expected: [i64; 2]| {
        let app = &app;
        async move {
            for (challenge, expected) in [first, second].into_iter().zip(expected) {
                let (kept, counted) = challenge_kept_and_counted(app, challenge).await?;
                ensure!(
                    kept == counted && kept == expected,
                    "{step}: challenge {challenge} kept {kept}, counted {counted}, expected {expected}"
                );
            }
            anyhow::Ok(())
        }
    };
    challenges("as put in challenges", [2, 1]).await?;
    same("as written", tally_and_count(&app).await?)?;
    change(
        ideas[0],
        idea::Column::Status,
        IdeaStatus::UnderReview.as_str().into(),
    )
    .await?;
    change(ideas[1], idea::Column::FocusArea, "steal_and_share".into()).await?;
    change(
        ideas[1],
        idea::Column::District,
        Some("Fornebu".to_owned()).into(),
    )
    .await?;
    change(
        ideas[2],
        idea::Column::PublishedAt,
        Some(at(2019, 6, 1)?).into(),
    )
    .await?;
    same(
        "moved, changed, published earlier",
        tally_and_count(&app).await?,
    )?;
    people("moved between active stages", 2).await?;
    change(
        theirs,
        idea::Column::Status,
        IdeaStatus::Declined.as_str().into(),
    )
    .await?;
    people("the other's only idea declined", 1).await?;
    change(
        theirs,
        idea::Column::Status,
        IdeaStatus::Selected.as_str().into(),
    )
    .await?;
    people("taken up again", 2).await?;
    change(theirs, idea::Column::AuthorId, Some(author.id).into()).await?;
    people("given to the first author", 1).await?;
    challenges("moved between public stages", [2, 1]).await?;
    change(ideas[3], idea::Column::HiddenAt, Some(Utc::now()).into()).await?;
    // A change while hidden counts nowhere until it is shown again.
    change(
        ideas[3],
        idea::Column::Status,
        IdeaStatus::Declined.as_str().into(),
    )
    .await?;
    same("hidden", tally_and_count(&app).await?)?;
    people("one of several hidden", 1).await?;
    challenges("one hidden", [1, 1]).await?;
    change(
        ideas[3],
        idea::Column::HiddenAt,
        None::<DateTime<Utc>>.into(),
    )
    .await?;
    // Counts are not among what the tally keeps.
    change(ideas[2], idea::Column::SupportCount, 7.into()).await?;
    same("shown again", tally_and_count(&app).await?)?;
    idea::Entity::delete_by_id(ideas[1]).exec(&app.db).await?;
    same("deleted", tally_and_count(&app).await?)?;
    people("deleted", 1).await?;
    change(ideas[0], idea::Column::ChallengeId, Some(second).into()).await?;
    challenges("moved to the other challenge", [1, 2]).await?;
    for id in [ideas[0], ideas[2], ideas[3], theirs] {
        idea::Entity::delete_by_id(id).exec(&app.db).await?;
    }
    people("every idea deleted", 0).await?;
    challenges("every idea deleted", [0, 0]).await?;
    let (tally, _) = tally_and_count(&app).await?;
    ensure!(
        tally.values().sum::<i64>() == 1,
        "only the draft is left: {tally:?}"
    );
    Ok(())
}
