//! The staff's work in the pipeline: triage (threshold ideas and hand
//! nominations), owner departments and their hand-offs, scorecards with
//! their mean and spread, internal notes that only staff ever read, and
//! the board's columns and filters. Both databases.
use crate::common;

use anyhow::ensure;
use app::entities::{idea, idea_status_change};
use app::features::ideas::status::IdeaStatus;
use app::features::pipeline::types::{Criterion, WorkEvent};
use common::engagement::{crowd, notifications_of, support, support_threshold};
use common::ideas::{municipality, participant, published_idea};
use common::people::{Person, get_as, person_with_role, post_as};
use common::pipeline::{
    board, column, column_count, department_id, move_with_owner, staff_in, work,
};
use common::{Backend, TestApp};
use futures::future::join_all;
use reqwest::StatusCode;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

#[test]
fn the_board_asks_for_triage_as_its_index_holds_it() {
    assert_eq!(
        app::features::pipeline::board::IN_TRIAGE,
        migrations::m20261207_000022_index_triage::IN_TRIAGE
    );
}

on_both_backends!(
    triage_holds_threshold_ideas_and_nominations_until_staff_take_them_into_review,
    departments_co_own_ideas_and_every_hand_off_is_logged,
    evaluators_score_and_staff_read_the_mean_and_the_spread,
    nobody_but_staff_reads_internal_notes_or_scores,
);

const MARKER: &str = "Internmarkør5521";

struct Office {
    author: Person,
    roads: Person,
    schools: Person,
    idea: i64,
}

/// An author's published idea, and a staff member in each department.
async fn office(app: &TestApp) -> anyhow::Result<Office> {
    municipality(app).await?;
    let author = participant(app, "forfatter@example.no", "Forfatter").await?;
    let roads = staff_in(app, "vei@example.no", "Vei og trafikk").await?;
    let schools = staff_in(app, "skole@example.no", "Skoler").await?;
    let idea = published_idea(app, &author, "Benker langs elva", "Flere benker.").await?;
    Ok(Office {
        author,
        roads,
        schools,
        idea,
    })
}

async fn set_status(app: &TestApp, id: i64, status: IdeaStatus) -> anyhow::Result<()> {
    idea::Entity::update_many()
        .col_expr(idea::Column::Status, Expr::value(status.as_str()))
        .filter(idea::Column::Id.eq(id))
        .exec(&app.db)
        .await?;
    Ok(())
}

async fn answer(response: reqwest::Response) -> anyhow::Result<(StatusCode, String)> {
    let status = response.status();
    Ok((status, response.text().await?))
}

async fn nominate(
    app: &TestApp,
    who: &Person,
    idea: i64,
    on: bool,
) -> anyhow::Result<reqwest::Response> {
    post_as(
        app,
        Some(who),
        "/api/pipeline/nominate",
        &[
            ("idea_id", &idea.to_string()),
            ("nominated", &on.to_string()),
        ],
    )
    .await
}

async fn owner(
    app: &TestApp,
    who: &Person,
    idea: i64,
    add: bool,
    department: i64,
) -> anyhow::Result<reqwest::Response> {
    let path = if add {
        "/api/pipeline/owners/add"
    } else {
        "/api/pipeline/owners/remove"
    };
    post_as(
        app,
        Some(who),
        path,
        &[
            ("idea_id", &idea.to_string()),
            ("department_id", &department.to_string()),
        ],
    )
    .await
}

async fn score(
    app: &TestApp,
    who: &Person,
    idea: i64,
    scores: [&str; 4],
    comment: &str,
) -> anyhow::Result<reqwest::Response> {
    let id = idea.to_string();
    let mut form: Vec<(&str, &str)> = vec![("idea_id", &id), ("comment", comment)];
    form.extend(Criterion::ALL.iter().map(|c| c.as_str()).zip(scores));
    post_as(app, Some(who), "/api/pipeline/score", &form).await
}

async fn note(
    app: &TestApp,
    who: &Person,
    idea: i64,
    body: &str,
) -> anyhow::Result<reqwest::Response> {
    post_as(
        app,
        Some(who),
        "/api/pipeline/notes/add",
        &[("idea_id", &idea.to_string()), ("body", body)],
    )
    .await
}

async fn triage_holds_threshold_ideas_and_nominations_until_staff_take_them_into_review(
    app: TestApp,
) -> anyhow::Result<()> {
    let office = office(&app).await?;
    let staff = &office.roads;
    let plain = office.idea;
    let reached = published_idea(&app, &office.author, "Lys i lysløypa", "Lenger.").await?;
    set_status(&app, reached, IdeaStatus::ThresholdReached).await?;
    let nominated = published_idea(&app, &office.author, "Vann ved banen", "Fontene.").await?;

    ensure!(column(&board(&app, staff, "").await?, "triage") == vec![reached]);
    for _ in 0..2 {
        let (status, body) = answer(nominate(&app, staff, nominated, true).await?).await?;
        ensure!(status.is_success(), "{status} {body}");
    }
    let triage = column(&board(&app, staff, "").await?, "triage");
    ensure!(
        triage.len() == 2 && triage.contains(&reached) && triage.contains(&nominated),
        "triage: {triage:?}"
    );
    ensure!(
        !triage.contains(&plain),
        "a plain published idea is not in triage"
    );
    // Counted from the tally and the nominations, or, narrowed to an
    // owner, from the ideas themselves: the same two either way.
    for query in [
        "",
        "department=1",
        "focus_area=co_creation",
        "focus_area=gain",
        "waiting=me",
    ] {
        let counted = column_count(&board(&app, staff, query).await?, "triage");
        let expected = if matches!(query, "waiting=me" | "focus_area=gain") {
            0
        } else {
            2
        };
        ensure!(
            counted == expected,
            "triage counts {counted} with {query:?}"
        );
    }
    let log = work(&app, staff, nominated).await?.log;
    ensure!(
        log.len() == 1 && log[0].event == WorkEvent::Nominated,
        "nominating twice is logged once: {log:?}"
    );
    // An idea at the threshold is in triage already; it takes no nomination.
    let (status, body) = answer(nominate(&app, staff, reached, true).await?).await?;
    ensure!(status == StatusCode::UNPROCESSABLE_ENTITY && body.contains("NotAllowedNow"));

    // Into review only with an owner department; without one nothing moves.
    let (status, body) =
        answer(move_with_owner(&app, staff, reached, "under_review", None).await?).await?;
    ensure!(
        status == StatusCode::UNPROCESSABLE_ENTITY
            && body.contains(r#""field":"department_id","problem":"Required""#),
        "{status} {body}"
    );
    ensure!(
        idea::Entity::find_by_id(reached)
            .one(&app.db)
            .await?
            .map(|found| found.status.as_str())
            == Some("threshold_reached"),
        "the refused move changed nothing"
    );
    let roads = department_id(&app, "Vei og trafikk").await?;
    for id in [reached, nominated] {
        let (status, body) =
            answer(move_with_owner(&app, staff, id, "under_review", Some(roads)).await?).await?;
        ensure!(status.is_success(), "{status} {body}");
    }
    let now = board(&app, staff, "").await?;
    ensure!(column(&now, "triage").is_empty(), "triage emptied");
    ensure!(
        column_count(&now, "triage") == 0 && column_count(&now, "under_review") == 2,
        "the counts follow the move"
    );
    let in_review = column(&now, "under_review");
    ensure!(in_review.contains(&reached) && in_review.contains(&nominated));
    let owners = work(&app, staff, reached).await?.owners;
    ensure!(owners.len() == 1 && owners[0].id == roads);
    // Taking an idea out of triage again.
    let another = published_idea(&app, &office.author, "Søppelkasser", "Flere.").await?;
    nominate(&app, staff, another, true).await?;
    nominate(&app, staff, another, false).await?;
    ensure!(!column(&board(&app, staff, "").await?, "triage").contains(&another));
    Ok(())
}

async fn departments_co_own_ideas_and_every_hand_off_is_logged(app: TestApp) -> anyhow::Result<()> {
    let office = office(&app).await?;
    let idea = office.idea;
    let roads = department_id(&app, "Vei og trafikk").await?;
    let schools = department_id(&app, "Skoler").await?;
    // Owners belong to ideas in review or later.
    let (status, body) = answer(owner(&app, &office.roads, idea, true, schools).await?).await?;
    ensure!(status == StatusCode::UNPROCESSABLE_ENTITY && body.contains("NotAllowedNow"));

    move_with_owner(&app, &office.roads, idea, "under_review", Some(roads)).await?;
    for _ in 0..2 {
        ensure!(
            owner(&app, &office.roads, idea, true, schools)
                .await?
                .status()
                .is_success()
        );
    }
    let by_schools = board(&app, &office.schools, &format!("department={schools}")).await?;
    let by_roads = board(&app, &office.schools, &format!("department={roads}")).await?;
    ensure!(
        column(&by_schools, "under_review") == vec![idea],
        "each owner's board shows it"
    );
    ensure!(column(&by_roads, "under_review") == vec![idea]);
    // Roads hands it over to schools.
    ensure!(
        owner(&app, &office.schools, idea, false, roads)
            .await?
            .status()
            .is_success()
    );
    let by_roads = board(&app, &office.schools, &format!("department={roads}")).await?;
    ensure!(column(&by_roads, "under_review").is_empty(), "handed over");
    // The last owner stays.
    let (status, body) = answer(owner(&app, &office.schools, idea, false, schools).await?).await?;
    ensure!(
        status == StatusCode::UNPROCESSABLE_ENTITY && body.contains("LastOwner"),
        "{status} {body}"
    );
    let seen = work(&app, &office.schools, idea).await?;
    ensure!(seen.owners.len() == 1 && seen.owners[0].id == schools);
    let log: Vec<(WorkEvent, Option<String>, Option<String>)> = seen
        .log
        .into_iter()
        .map(|entry| (entry.event, entry.department, entry.actor))
        .collect();
    ensure!(
        log == vec![
            (
                WorkEvent::OwnerAdded,
                Some("Vei og trafikk".to_owned()),
                Some("staff".to_owned())
            ),
            (
                WorkEvent::OwnerAdded,
                Some("Skoler".to_owned()),
                Some("staff".to_owned())
            ),
            (
                WorkEvent::OwnerRemoved,
                Some("Vei og trafikk".to_owned()),
                Some("staff".to_owned())
            ),
        ],
        "every hand-off once, with who made it: {log:?}"
    );
    Ok(())
}

async fn evaluators_score_and_staff_read_the_mean_and_the_spread(
    app: TestApp,
) -> anyhow::Result<()> {
    let office = office(&app).await?;
    let idea = office.idea;
    // Not before the idea is under review.
    let (status, body) =
        answer(score(&app, &office.roads, idea, ["3", "3", "3", "3"], "").await?).await?;
    ensure!(status == StatusCode::UNPROCESSABLE_ENTITY && body.contains("NotAllowedNow"));

    let roads = department_id(&app, "Vei og trafikk").await?;
    let schools = department_id(&app, "Skoler").await?;
    move_with_owner(&app, &office.roads, idea, "under_review", Some(roads)).await?;
    owner(&app, &office.roads, idea, true, schools).await?;
    for who in [&office.roads, &office.schools] {
        let seen = board(&app, who, "waiting=me").await?;
        ensure!(seen.waiting_for_me == 1 && column(&seen, "under_review") == vec![idea]);
    }
    let (status, body) =
        answer(score(&app, &office.roads, idea, ["6", "3", "3", "3"], "").await?).await?;
    ensure!(
        status == StatusCode::UNPROCESSABLE_ENTITY
            && body.contains(r#""field":"value_for_residents","problem":"ScoreOutOfRange""#),
        "{status} {body}"
    );
    ensure!(
        score(
            &app,
            &office.roads,
            idea,
            ["5", "4", "3", "2"],
            "Godt forslag."
        )
        .await?
        .status()
        .is_success()
    );
    // Revising replaces the card.
    ensure!(
        score(&app, &office.roads, idea, ["5", "4", "3", "1"], "Billig.")
            .await?
            .status()
            .is_success()
    );
    ensure!(
        score(&app, &office.schools, idea, ["3", "4", "5", "3"], "")
            .await?
            .status()
            .is_success()
    );

    let seen = work(&app, &office.roads, idea).await?;
    ensure!(seen.scorecards.len() == 2, "one card per evaluator");
    ensure!(seen.mine.as_ref().and_then(|card| card.comment.as_deref()) == Some("Billig."));
    let summary = seen.summary;
    let value = summary.criteria[0];
    ensure!(value.criterion == Criterion::ValueForResidents);
    ensure!((value.mean - 4.0).abs() < 1e-9 && value.lowest == 3 && value.highest == 5);
    let fit = summary.criteria[3];
    ensure!((fit.mean - 2.0).abs() < 1e-9 && fit.lowest == 1 && fit.highest == 3);
    let mean = summary.mean.unwrap_or_default();
    ensure!((mean - 3.5).abs() < 1e-9, "the mean of both cards: {mean}");
    let seen = board(&app, &office.roads, "").await?;
    ensure!(seen.waiting_for_me == 0, "nothing waits for a score given");
    let card = &seen
        .columns
        .iter()
        .flat_map(|column| &column.cards)
        .find(|card| card.id == idea);
    ensure!(card.is_some_and(|card| card.scorecards == 2 && !card.waits_for_me));
    // An admin without a department scores too; nothing waits for them.
    let admin = person_with_role(&app, "admin@example.no", "admin").await?;
    ensure!(board(&app, &admin, "").await?.waiting_for_me == 0);
    ensure!(
        score(&app, &admin, idea, ["1", "1", "1", "1"], "")
            .await?
            .status()
            .is_success()
    );
    // Once selected, the cards are kept and closed.
    common::gains::a_kpi(&app, idea).await?;
    move_with_owner(&app, &office.roads, idea, "selected", None).await?;
    let (status, _) =
        answer(score(&app, &office.schools, idea, ["1", "1", "1", "1"], "").await?).await?;
    ensure!(status == StatusCode::UNPROCESSABLE_ENTITY);
    ensure!(work(&app, &office.roads, idea).await?.scorecards.len() == 3);
    Ok(())
}

async fn nobody_but_staff_reads_internal_notes_or_scores(app: TestApp) -> anyhow::Result<()> {
    let office = office(&app).await?;
    let idea = office.idea;
    let roads = department_id(&app, "Vei og trafikk").await?;
    move_with_owner(&app, &office.roads, idea, "under_review", Some(roads)).await?;
    let (status, body) =
        answer(note(&app, &office.roads, idea, &format!("Dyrt. {MARKER}")).await?).await?;
    ensure!(status.is_success(), "{status} {body}");
    let (status, body) = answer(note(&app, &office.roads, idea, "  ").await?).await?;
    ensure!(
        status == StatusCode::UNPROCESSABLE_ENTITY
            && body.contains(r#""field":"body","problem":"Required""#)
    );
    score(
        &app,
        &office.roads,
        idea,
        ["4", "4", "4", "4"],
        &format!("Kost {MARKER}"),
    )
    .await?;

    let kari = participant(&app, "kari@example.no", "Kari").await?;
    let moderator = person_with_role(&app, "moderator@example.no", "moderator").await?;
    let mut pages: Vec<String> = common::TestApp::page_paths();
    for route in server::router::page_routes() {
        pages.push(route.path().replace("{id}", &idea.to_string()));
    }
    pages.extend([
        format!("/api/ideas/detail?idea_id={idea}"),
        format!("/api/comments/page?idea_id={idea}"),
        format!("/api/pipeline/work?idea_id={idea}"),
        "/api/pipeline/board".to_owned(),
        "/api/notifications/page".to_owned(),
        "/admin/pipeline".to_owned(),
        "/me/export".to_owned(),
    ]);
    for who in [None, Some(&office.author), Some(&kari), Some(&moderator)] {
        for path in &pages {
            let body = get_as(&app, who, path).await?.text().await?;
            ensure!(
                !body.contains(MARKER) && !body.contains("Intern behandling"),
                "{path} shows staff work to {:?}",
                who.map(|person| person.id)
            );
        }
        let refused = match who {
            None => StatusCode::UNAUTHORIZED,
            Some(_) => StatusCode::FORBIDDEN,
        };
        for path in [
            format!("/api/pipeline/work?idea_id={idea}"),
            "/api/pipeline/board".to_owned(),
        ] {
            let status = get_as(&app, who, &path).await?.status();
            ensure!(status == refused, "{path}: {status}");
        }
        // Nor do they write any of it.
        if let Some(who) = who {
            for response in [
                note(&app, who, idea, "Hei").await?,
                score(&app, who, idea, ["5", "5", "5", "5"], "").await?,
                owner(&app, who, idea, true, roads).await?,
                nominate(&app, who, idea, true).await?,
            ] {
                ensure!(
                    response.status() == StatusCode::FORBIDDEN,
                    "{}",
                    response.status()
                );
            }
        }
    }
    // Staff read both on the idea's page.
    let page = get_as(&app, Some(&office.schools), &format!("/ideas/{idea}"))
        .await?
        .text()
        .await?;
    ensure!(page.contains(&format!("Dyrt. {MARKER}")) && page.contains(&format!("Kost {MARKER}")));
    Ok(())
}

/// Many people support at once and cross the threshold together: the idea
/// enters triage once, with one timeline row and one word to staff.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn the_threshold_puts_an_idea_in_triage_once_under_racing_supports_on_postgres()
-> anyhow::Result<()> {
    threshold_race(Backend::Postgres).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn the_threshold_puts_an_idea_in_triage_once_under_racing_supports_on_sqlite()
-> anyhow::Result<()> {
    threshold_race(Backend::Sqlite).await
}

async fn threshold_race(backend: Backend) -> anyhow::Result<()> {
    let app = TestApp::spawn(backend).await?;
    let office = office(&app).await?;
    support_threshold(&app, 5, 90).await?;
    let idea = office.idea;
    let people = crowd(&app, 40).await?;
    let answers = join_all(
        people
            .iter()
            .map(|who| support(&app, Some(who), idea, true)),
    )
    .await;
    for answer in answers {
        let answer = answer?;
        ensure!(answer.status().is_success(), "{}", answer.status());
    }
    let triage = column(&board(&app, &office.roads, "").await?, "triage");
    ensure!(triage == vec![idea], "in triage once: {triage:?}");
    let entered = idea_status_change::Entity::find()
        .filter(idea_status_change::Column::IdeaId.eq(idea))
        .filter(idea_status_change::Column::ToStatus.eq("threshold_reached"))
        .count(&app.db)
        .await?;
    ensure!(entered == 1, "one timeline row: {entered}");
    for staff in [&office.roads, &office.schools] {
        let told = notifications_of(&app, staff).await?;
        ensure!(told.len() == 1, "staff told {} times", told.len());
    }
    Ok(())
}
