//! "Hva er gevinsten?": staff write an idea's benefit plan (estimates and
//! KPIs) while it is in review; it is selected only with a KPI; values are
//! measured from then on, a correction supersedes and keeps the history;
//! it is closed as benefits realised only with a target reached or a
//! reason everyone reads; owners are reminded once when a date passes
//! unmeasured; the board ranks by expected benefit per krone; and nothing
//! internal leaves staff pages. Both databases.
use crate::common;

use anyhow::{Context, ensure};
use app::entities::{idea_status_change, kpi, kpi_measurement, notification};
use app::features::gains::reminders::remind_overdue;
use app::features::notifications::types::Kind;
use app::features::pipeline::types::WorkEvent;
use chrono::{Duration, NaiveDate, Utc};
use common::answers::{page, refusal, refused, refused_plain_form};
use common::gains::{a_kpi, kpi_towards, plan};
use common::ideas::{municipality, participant, published_idea};
use common::people::{Person, get_as, person_with_role, post_as};
use common::pipeline::{board, column, department_id, move_with_owner, staff_in, work};
use common::{Backend, TestApp};
use reqwest::StatusCode;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder};

on_both_backends!(
    staff_write_a_plan_and_select_the_idea_only_once_it_has_a_kpi,
    benefits_are_realised_with_a_target_reached_or_a_reason_everyone_reads,
    a_correction_supersedes_a_measurement_and_keeps_it_as_history,
    bad_plan_input_is_refused_next_to_the_field,
    a_measured_kpi_stays_and_a_selected_idea_keeps_one,
    nothing_internal_of_a_plan_leaves_staff_pages,
    the_board_ranks_by_expected_benefit_per_krone,
    an_owner_is_reminded_once_when_a_target_date_passes_unmeasured,
);

const MARKER: &str = "Gevinstmarkør8812";

struct Town {
    author: Person,
    staff: Person,
    roads: i64,
    idea: i64,
}

/// An author's idea in review, owned by roads, and a staff member there.
async fn town(app: &TestApp) -> anyhow::Result<Town> {
    municipality(app).await?;
    let author = participant(app, "forfatter@example.no", "Forfatter").await?;
    let staff = staff_in(app, "vei@example.no", "Vei og trafikk").await?;
    let roads = department_id(app, "Vei og trafikk").await?;
    let idea = published_idea(app, &author, "Benker langs elva", "Flere benker.").await?;
    moved(app, &staff, idea, "under_review", Some(roads)).await?;
    Ok(Town {
        author,
        staff,
        roads,
        idea,
    })
}

async fn moved(
    app: &TestApp,
    staff: &Person,
    idea: i64,
    to: &str,
    department: Option<i64>,
) -> anyhow::Result<()> {
    let answer = move_with_owner(app, staff, idea, to, department).await?;
    let status = answer.status();
    ensure!(
        status.is_success(),
        "to {to}: {status} {}",
        answer.text().await?
    );
    Ok(())
}

/// The KPI form as staff fill it in, with `changes` over a good KPI.
fn kpi_form(department: i64, changes: &[(&'static str, &str)]) -> Vec<(&'static str, String)> {
    let mut form: Vec<(&'static str, String)> = vec![
        ("name", "Ventetid på svar".to_owned()),
        ("unit", "dager".to_owned()),
        ("category", "time_or_cost_saved".to_owned()),
        ("baseline", "30".to_owned()),
        ("target", "10".to_owned()),
        ("target_date", "2027-06-30".to_owned()),
        (
            "method",
            "Uttrekk fra saksbehandlingssystemet hver måned.".to_owned(),
        ),
        ("owner_department_id", department.to_string()),
        ("owner_account_id", String::new()),
    ];
    for (field, value) in changes {
        match form.iter_mut().find(|(name, _)| name == field) {
            Some(entry) => entry.1 = (*value).to_owned(),
            None => form.push((field, (*value).to_owned())),
        }
    }
    form
}

async fn post_form(
    app: &TestApp,
    who: Option<&Person>,
    path: &str,
    form: &[(&'static str, String)],
) -> anyhow::Result<reqwest::Response> {
    let fields: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
    post_as(app, who, path, &fields).await
}

async fn add_kpi(
    app: &TestApp,
    who: Option<&Person>,
    idea: i64,
    form: Vec<(&'static str, String)>,
) -> anyhow::Result<reqwest::Response> {
    let mut form = form;
    form.push(("idea_id", idea.to_string()));
    post_form(app, who, "/api/gains/kpi/add", &form).await
}

async fn added_kpi(
    app: &TestApp,
    who: &Person,
    idea: i64,
    form: Vec<(&'static str, String)>,
) -> anyhow::Result<i64> {
    let answer = add_kpi(app, Some(who), idea, form).await?;
    let status = answer.status();
    let body = answer.text().await?;
    ensure!(status == StatusCode::OK, "{status} {body}");
    Ok(body.trim().parse()?)
}

async fn measure(
    app: &TestApp,
    who: Option<&Person>,
    kpi: i64,
    value: &str,
    on: NaiveDate,
) -> anyhow::Result<reqwest::Response> {
    post_as(
        app,
        who,
        "/api/gains/measurement/add",
        &[
            ("kpi_id", &kpi.to_string()),
            ("value", value),
            ("measured_on", &on.to_string()),
            ("source", "Saksbehandlingssystemet"),
            ("comment", ""),
        ],
    )
    .await
}

async fn measured(
    app: &TestApp,
    who: &Person,
    kpi: i64,
    value: &str,
    on: NaiveDate,
) -> anyhow::Result<()> {
    let answer = measure(app, Some(who), kpi, value, on).await?;
    let status = answer.status();
    ensure!(
        status == StatusCode::OK,
        "{status} {}",
        answer.text().await?
    );
    Ok(())
}

async fn correct(
    app: &TestApp,
    who: &Person,
    measurement: i64,
    value: &str,
    on: NaiveDate,
) -> anyhow::Result<reqwest::Response> {
    post_as(
        app,
        Some(who),
        "/api/gains/measurement/correct",
        &[
            ("measurement_id", &measurement.to_string()),
            ("value", value),
            ("measured_on", &on.to_string()),
            ("source", "Saksbehandlingssystemet, rettet tall"),
            ("comment", "Feil uttrekk i mars."),
        ],
    )
    .await
}

async fn figures(
    app: &TestApp,
    who: Option<&Person>,
    idea: i64,
    cost: &str,
    value: &str,
) -> anyhow::Result<reqwest::Response> {
    post_as(
        app,
        who,
        "/api/gains/figures",
        &[
            ("idea_id", &idea.to_string()),
            ("estimated_cost_nok", cost),
            ("effort_person_days", "12"),
            ("expected_value_nok", value),
        ],
    )
    .await
}

fn days_ago(days: i64) -> NaiveDate {
    (Utc::now() - Duration::days(days)).date_naive()
}

async fn staff_write_a_plan_and_select_the_idea_only_once_it_has_a_kpi(
    app: TestApp,
) -> anyhow::Result<()> {
    let town = town(&app).await?;
    let refused_select = move_with_owner(&app, &town.staff, town.idea, "selected", None).await?;
    assert_eq!(refusal(refused_select).await?, refused("to", "KpiRequired"));

    let saved = figures(&app, Some(&town.staff), town.idea, "200 000", "50 000").await?;
    ensure!(saved.status() == StatusCode::OK, "{}", saved.status());
    let kpi = added_kpi(
        &app,
        &town.staff,
        town.idea,
        kpi_form(town.roads, &[("public", "on")]),
    )
    .await?;
    moved(&app, &town.staff, town.idea, "selected", None).await?;

    let read = plan(&app, &town.staff, town.idea).await?;
    assert_eq!(read.figures.estimated_cost_nok, Some(200_000));
    assert_eq!(read.figures.benefit_per_krone(), Some(0.25));
    let only = read.kpis.first().context("the KPI")?;
    assert_eq!(
        (only.id, only.baseline, only.target, only.public),
        (kpi, 30.0, 10.0, true)
    );
    assert_eq!(only.owner_department, "Vei og trafikk");

    let log: Vec<WorkEvent> = work(&app, &town.staff, town.idea)
        .await?
        .log
        .into_iter()
        .map(|entry| entry.event)
        .collect();
    for event in [WorkEvent::PlanChanged, WorkEvent::KpiAdded] {
        ensure!(log.contains(&event), "{event:?} in {log:?}");
    }
    // The same estimates again change nothing and log nothing.
    figures(&app, Some(&town.staff), town.idea, "200000", "50000").await?;
    let changes = work(&app, &town.staff, town.idea)
        .await?
        .log
        .iter()
        .filter(|entry| entry.event == WorkEvent::PlanChanged)
        .count();
    assert_eq!(changes, 1);

    // A double tap adds one KPI.
    let key = uuid::Uuid::new_v4().to_string();
    let mut form = kpi_form(town.roads, &[("name", "Fornøyde brukere")]);
    form.push(("idea_id", town.idea.to_string()));
    form.push(("idempotency_key", key));
    for _ in 0..2 {
        let again = app
            .post_same_origin("/api/gains/kpi/add")
            .header("accept", "application/json")
            .header("cookie", &town.staff.cookie)
            .form(&form)
            .send()
            .await?;
        ensure!(again.status() == StatusCode::OK, "{}", again.status());
    }
    assert_eq!(plan(&app, &town.staff, town.idea).await?.kpis.len(), 2);

    // The staff page shows it all, the idea's page only the public KPI.
    let staff_page = page(
        &app,
        Some(&town.staff),
        &format!("/ideas/{}/benefits", town.idea),
    )
    .await?;
    ensure!(staff_page.contains("Fornøyde brukere") && staff_page.contains("Ventetid på svar"));
    let public = page(&app, None, &format!("/ideas/{}", town.idea)).await?;
    ensure!(public.contains("Ventetid på svar") && !public.contains("Fornøyde brukere"));
    Ok(())
}

async fn benefits_are_realised_with_a_target_reached_or_a_reason_everyone_reads(
    app: TestApp,
) -> anyhow::Result<()> {
    let town = town(&app).await?;
    let kpi = a_kpi(&app, town.idea).await?;
    moved(&app, &town.staff, town.idea, "selected", None).await?;
    moved(&app, &town.staff, town.idea, "implemented", None).await?;
    measured(&app, &town.staff, kpi, "18", days_ago(40)).await?;

    let early = move_with_owner(&app, &town.staff, town.idea, "benefits_realised", None).await?;
    assert_eq!(refusal(early).await?, refused("reason", "TargetNotReached"));
    // Going down from 30, 10 is reached at 10 or below.
    measured(&app, &town.staff, kpi, "9,5", days_ago(2)).await?;
    moved(&app, &town.staff, town.idea, "benefits_realised", None).await?;

    // A second idea closes without its target reached, with a reason.
    let other = published_idea(&app, &town.author, "Lys i lysløypa", "Mer lys.").await?;
    moved(&app, &town.staff, other, "under_review", Some(town.roads)).await?;
    a_kpi(&app, other).await?;
    for to in ["selected", "implemented"] {
        moved(&app, &town.staff, other, to, None).await?;
    }
    let reason = "Lysene er på plass; målingen viste at færre bruker løypa om vinteren.";
    let closed = post_as(
        &app,
        Some(&town.staff),
        "/api/pipeline/move",
        &[
            ("idea_id", &other.to_string()),
            ("to", "benefits_realised"),
            ("reason", reason),
        ],
    )
    .await?;
    ensure!(closed.status() == StatusCode::OK, "{}", closed.status());
    let last = idea_status_change::Entity::find()
        .filter(idea_status_change::Column::IdeaId.eq(other))
        .order_by_desc(idea_status_change::Column::Id)
        .one(&app.db)
        .await?
        .context("the closing move")?;
    assert_eq!(last.note.as_deref(), Some(reason));
    let public = page(&app, None, &format!("/ideas/{other}")).await?;
    ensure!(
        public.contains("færre bruker løypa"),
        "the reason is on the public timeline"
    );
    Ok(())
}

async fn a_correction_supersedes_a_measurement_and_keeps_it_as_history(
    app: TestApp,
) -> anyhow::Result<()> {
    let town = town(&app).await?;
    let kpi = a_kpi(&app, town.idea).await?;
    moved(&app, &town.staff, town.idea, "selected", None).await?;
    measured(&app, &town.staff, kpi, "8", days_ago(10)).await?;
    let first = kpi_measurement::Entity::find()
        .filter(kpi_measurement::Column::KpiId.eq(kpi))
        .one(&app.db)
        .await?
        .context("the measurement")?;

    // The 8 was a mistake: 14 is the real value, so the target is not met.
    let corrected = correct(&app, &town.staff, first.id, "14", days_ago(10)).await?;
    ensure!(
        corrected.status() == StatusCode::OK,
        "{}",
        corrected.status()
    );
    let again = correct(&app, &town.staff, first.id, "13", days_ago(10)).await?;
    assert_eq!(refusal(again).await?, refused("value", "ChangedMeanwhile"));

    let read = plan(&app, &town.staff, town.idea).await?;
    let read_kpi = read.kpis.first().context("the KPI")?;
    let values: Vec<(f64, bool)> = read_kpi
        .measurements
        .iter()
        .map(|m| (m.value, m.superseded))
        .collect();
    assert_eq!(values.len(), 2, "{values:?}");
    ensure!(
        values.contains(&(14.0, false)) && values.contains(&(8.0, true)),
        "{values:?}"
    );
    ensure!(!read_kpi.reached(), "a superseded value does not count");
    assert_eq!(read_kpi.latest().map(|m| m.value), Some(14.0));

    moved(&app, &town.staff, town.idea, "implemented", None).await?;
    let closing = move_with_owner(&app, &town.staff, town.idea, "benefits_realised", None).await?;
    assert_eq!(
        refusal(closing).await?,
        refused("reason", "TargetNotReached")
    );
    let history = page(
        &app,
        Some(&town.staff),
        &format!("/ideas/{}/benefits", town.idea),
    )
    .await?;
    ensure!(
        history.contains("Feil uttrekk i mars."),
        "the correction's comment is shown"
    );
    Ok(())
}

async fn bad_plan_input_is_refused_next_to_the_field(app: TestApp) -> anyhow::Result<()> {
    let town = town(&app).await?;
    for (changes, field, problem) in [
        (vec![("target", "30")], "target", "TargetIsBaseline"),
        (vec![("baseline", "mange")], "baseline", "NotANumber"),
        (
            vec![("target_date", "31.12.2027")],
            "target_date",
            "InvalidDate",
        ),
        (vec![("category", "lykke")], "category", "UnknownChoice"),
        (vec![("method", " ")], "method", "Required"),
        (
            vec![("owner_account_id", "999999")],
            "owner_account_id",
            "UnknownChoice",
        ),
    ] {
        let answer = add_kpi(
            &app,
            Some(&town.staff),
            town.idea,
            kpi_form(town.roads, &changes),
        )
        .await?;
        assert_eq!(
            refusal(answer).await?,
            refused(field, problem),
            "{changes:?}"
        );
    }
    // A person who does not work for the municipality owns no KPI.
    let author = town.author.id.to_string();
    let answer = add_kpi(
        &app,
        Some(&town.staff),
        town.idea,
        kpi_form(town.roads, &[("owner_account_id", &author)]),
    )
    .await?;
    assert_eq!(
        refusal(answer).await?,
        refused("owner_account_id", "UnknownChoice")
    );
    // The public switch is a checkbox: "on" or nothing.
    let answer = add_kpi(
        &app,
        Some(&town.staff),
        town.idea,
        kpi_form(town.roads, &[("public", "yes")]),
    )
    .await?;
    ensure!(answer.status().is_client_error(), "{}", answer.status());
    let answer = figures(&app, Some(&town.staff), town.idea, "-5", "").await?;
    assert_eq!(
        refusal(answer).await?,
        refused("estimated_cost_nok", "OutOfRange")
    );

    // Measured only from selection on, and never a day to come.
    let kpi = a_kpi(&app, town.idea).await?;
    let early = measure(&app, Some(&town.staff), kpi, "12", days_ago(1)).await?;
    assert_eq!(
        refusal(early).await?,
        refused("value", "MeasurementsClosed")
    );
    moved(&app, &town.staff, town.idea, "selected", None).await?;
    let tomorrow = measure(&app, Some(&town.staff), kpi, "12", days_ago(-2)).await?;
    assert_eq!(
        refusal(tomorrow).await?,
        refused("measured_on", "DateInFuture")
    );

    // A refused plain form comes back to the page with the typed values.
    let mut form = kpi_form(town.roads, &[("target", "30"), ("name", "Ventetid Q3")]);
    form.push(("idea_id", town.idea.to_string()));
    let benefits = format!("/ideas/{}/benefits", town.idea);
    let refused_page =
        refused_plain_form(&app, &town.staff, "/api/gains/kpi/add", &benefits, &form).await?;
    ensure!(
        refused_page.contains("value=\"Ventetid Q3\""),
        "the typed name is kept"
    );
    ensure!(
        refused_page.contains("Målet må være et annet enn utgangsverdien"),
        "the message is shown"
    );
    Ok(())
}

async fn a_measured_kpi_stays_and_a_selected_idea_keeps_one(app: TestApp) -> anyhow::Result<()> {
    let town = town(&app).await?;
    let first = added_kpi(&app, &town.staff, town.idea, kpi_form(town.roads, &[])).await?;
    let second = added_kpi(
        &app,
        &town.staff,
        town.idea,
        kpi_form(town.roads, &[("name", "Fornøyde brukere")]),
    )
    .await?;
    let remove = |kpi: i64| {
        let staff = &town.staff;
        let app = &app;
        async move {
            post_as(
                app,
                Some(staff),
                "/api/gains/kpi/remove",
                &[("kpi_id", &kpi.to_string())],
            )
            .await
        }
    };
    moved(&app, &town.staff, town.idea, "selected", None).await?;
    measured(&app, &town.staff, first, "25", days_ago(3)).await?;
    assert_eq!(
        refusal(remove(first).await?).await?,
        refused("kpi_id", "KpiMeasured")
    );
    ensure!(remove(second).await?.status() == StatusCode::OK);
    let last = added_kpi(
        &app,
        &town.staff,
        town.idea,
        kpi_form(town.roads, &[("name", "Færre klager")]),
    )
    .await?;
    ensure!(remove(last).await?.status() == StatusCode::OK);
    let left = kpi::Entity::find()
        .filter(kpi::Column::IdeaId.eq(town.idea))
        .count(&app.db)
        .await?;
    assert_eq!(left, 1, "only the measured KPI is left");

    // Another idea, selected with one unmeasured KPI, keeps it.
    let other = published_idea(&app, &town.author, "Lys i lysløypa", "Mer lys.").await?;
    moved(&app, &town.staff, other, "under_review", Some(town.roads)).await?;
    let only = a_kpi(&app, other).await?;
    moved(&app, &town.staff, other, "selected", None).await?;
    assert_eq!(
        refusal(remove(only).await?).await?,
        refused("kpi_id", "LastKpi")
    );
    Ok(())
}

async fn nothing_internal_of_a_plan_leaves_staff_pages(app: TestApp) -> anyhow::Result<()> {
    let town = town(&app).await?;
    figures(&app, Some(&town.staff), town.idea, "7 654 321", "1 234 567").await?;
    let internal = added_kpi(
        &app,
        &town.staff,
        town.idea,
        kpi_form(
            town.roads,
            &[
                ("name", &format!("Intern kost {MARKER}")),
                ("method", &format!("Regneark {MARKER}")),
            ],
        ),
    )
    .await?;
    added_kpi(
        &app,
        &town.staff,
        town.idea,
        kpi_form(
            town.roads,
            &[
                ("name", "Offentlig ventetid"),
                ("public", "on"),
                ("method", &format!("Metode {MARKER}")),
            ],
        ),
    )
    .await?;
    moved(&app, &town.staff, town.idea, "selected", None).await?;
    measured(&app, &town.staff, internal, "12", days_ago(1)).await?;
    moved(&app, &town.staff, town.idea, "piloting", None).await?;
    let saved = lesson(&app, &town, &format!("Intern læring {MARKER}"), false).await?;
    ensure!(saved.status() == StatusCode::OK, "{}", saved.status());

    let participant_ = participant(&app, "kari@example.no", "Kari").await?;
    let moderator = person_with_role(&app, "moderator@example.no", "moderator").await?;
    let mut pages: Vec<String> = common::TestApp::page_paths();
    for route in server::router::page_routes() {
        pages.push(route.path().replace("{id}", &town.idea.to_string()));
    }
    pages.extend([
        format!("/api/ideas/detail?idea_id={}", town.idea),
        format!("/api/gains/plan?idea_id={}", town.idea),
        format!("/api/gains/lesson?idea_id={}", town.idea),
        "/api/impact".to_owned(),
        "/impact".to_owned(),
        "/me/export".to_owned(),
    ]);
    for who in [
        None,
        Some(&town.author),
        Some(&participant_),
        Some(&moderator),
    ] {
        for path in &pages {
            let body = get_as(&app, who, path).await?.text().await?;
            for secret in [
                MARKER,
                "7654321",
                "7\u{a0}654\u{a0}321",
                "1234567",
                "1\u{a0}234\u{a0}567",
            ] {
                ensure!(
                    !body.contains(secret),
                    "{path} shows {secret} to {:?}",
                    who.map(|p| p.id)
                );
            }
        }
        let refused_status = if who.is_some() {
            StatusCode::FORBIDDEN
        } else {
            StatusCode::UNAUTHORIZED
        };
        let status = get_as(&app, who, &format!("/api/gains/plan?idea_id={}", town.idea))
            .await?
            .status();
        ensure!(status == refused_status, "the plan: {status}");
        let writes = [
            figures(&app, who, town.idea, "1", "1").await?,
            add_kpi(&app, who, town.idea, kpi_form(town.roads, &[])).await?,
            measure(&app, who, internal, "1", days_ago(1)).await?,
        ];
        for answer in writes {
            ensure!(
                answer.status() == refused_status,
                "a write: {}",
                answer.status()
            );
        }
    }
    let public = page(&app, None, &format!("/ideas/{}", town.idea)).await?;
    ensure!(
        public.contains("Offentlig ventetid"),
        "the public KPI is on the idea's page"
    );
    // Published, the lesson is everyone's, on the idea's page and /impact.
    lesson(&app, &town, "Vi lærte at benker må ha ryggstø.", true).await?;
    for path in [format!("/ideas/{}", town.idea), "/impact".to_owned()] {
        let body = page(&app, None, &path).await?;
        ensure!(
            body.contains("benker må ha ryggstø"),
            "{path} shows the published lesson"
        );
    }
    Ok(())
}

/// Staff write the lesson of the town's idea, public or not.
async fn lesson(
    app: &TestApp,
    town: &Town,
    body: &str,
    public: bool,
) -> anyhow::Result<reqwest::Response> {
    let idea = town.idea.to_string();
    let mut form = vec![("idea_id", idea.as_str()), ("body", body)];
    if public {
        form.push(("public", "on"));
    }
    post_as(app, Some(&town.staff), "/api/gains/lesson/save", &form).await
}

async fn the_board_ranks_by_expected_benefit_per_krone(app: TestApp) -> anyhow::Result<()> {
    let town = town(&app).await?;
    let cheap = published_idea(&app, &town.author, "Sykkelstativ", "Flere stativ.").await?;
    let unplanned = published_idea(&app, &town.author, "Lys i lysløypa", "Mer lys.").await?;
    for idea in [cheap, unplanned] {
        moved(&app, &town.staff, idea, "under_review", Some(town.roads)).await?;
    }
    // 50 000 a year for 200 000 (0,25), and 40 000 for 20 000 (2).
    figures(&app, Some(&town.staff), town.idea, "200000", "50000").await?;
    figures(&app, Some(&town.staff), cheap, "20000", "40000").await?;

    let waiting = board(&app, &town.staff, "").await?;
    assert_eq!(
        column(&waiting, "under_review"),
        vec![town.idea, cheap, unplanned]
    );
    let ranked = board(&app, &town.staff, "rank=benefit").await?;
    assert_eq!(
        column(&ranked, "under_review"),
        vec![cheap, town.idea, unplanned]
    );
    let card = ranked
        .columns
        .iter()
        .flat_map(|column| &column.cards)
        .find(|card| card.id == cheap)
        .context("the card")?;
    assert_eq!(card.figures.benefit_per_krone(), Some(2.0));
    let html = page(&app, Some(&town.staff), "/admin/pipeline?rank=benefit").await?;
    ensure!(
        html.contains("Gevinst per krone 2"),
        "the card shows the ratio"
    );
    Ok(())
}

async fn an_owner_is_reminded_once_when_a_target_date_passes_unmeasured(
    app: TestApp,
) -> anyhow::Result<()> {
    let town = town(&app).await?;
    let colleague = staff_in(&app, "vei2@example.no", "Vei og trafikk").await?;
    let overdue = kpi_towards(&app, town.idea, 30.0, 10.0, days_ago(5)).await?;
    // Measured since its date: no reminder.
    let measured_since = kpi_towards(&app, town.idea, 30.0, 10.0, days_ago(5)).await?;
    // Not due yet.
    kpi_towards(&app, town.idea, 30.0, 10.0, days_ago(-30)).await?;
    moved(&app, &town.staff, town.idea, "selected", None).await?;
    measured(&app, &town.staff, measured_since, "20", days_ago(1)).await?;

    let now = Utc::now();
    assert_eq!(remind_overdue(&app.db, now).await?, 1);
    assert_eq!(remind_overdue(&app.db, now).await?, 0, "once");
    // No one person owns it, so its department hears: both of them.
    for person in [&town.staff, &colleague] {
        let told = notification::Entity::find()
            .filter(notification::Column::AccountId.eq(person.id))
            .filter(notification::Column::Kind.eq(Kind::KpiOverdue.as_str()))
            .all(&app.db)
            .await?;
        assert_eq!(told.len(), 1);
        assert_eq!(told[0].detail.as_deref(), Some("Ventetid på svar"));
    }
    ensure!(
        kpi::Entity::find_by_id(overdue)
            .one(&app.db)
            .await?
            .context("kpi")?
            .reminded_at
            .is_some()
    );
    let list = page(&app, Some(&town.staff), "/notifications").await?;
    ensure!(
        list.contains(&format!("/ideas/{}/benefits", town.idea)),
        "the notice leads to the plan"
    );
    Ok(())
}
