//! The pipeline for tests: departments by name, staff in a department,
//! moves, and the board and an idea's staff side as staff read them.

use anyhow::{Context, ensure};
use app::entities::{department, department_member};
use app::features::pipeline::types::{Board, IdeaWork};
use sea_orm::{ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter};

use super::TestApp;
use super::people::{Person, get_as, person_with_role, post_as};

/// The id of the department named `name` (see `ideas::municipality`).
pub async fn department_id(app: &TestApp, name: &str) -> anyhow::Result<i64> {
    Ok(department::Entity::find()
        .filter(department::Column::Name.eq(name))
        .one(&app.db)
        .await?
        .with_context(|| format!("the department {name}"))?
        .id)
}

/// A staff member of the department named `department`.
pub async fn staff_in(app: &TestApp, email: &str, department: &str) -> anyhow::Result<Person> {
    let staff = person_with_role(app, email, "staff").await?;
    super::ideas::verify(app, &staff).await?;
    department_member::Entity::insert(department_member::ActiveModel {
        account_id: Set(staff.id),
        department_id: Set(department_id(app, department).await?),
    })
    .exec(&app.db)
    .await?;
    Ok(staff)
}

/// Staff move `idea` to `to`, naming `department` as owner (ignored by
/// moves that need none).
pub async fn move_with_owner(
    app: &TestApp,
    who: &Person,
    idea: i64,
    to: &str,
    department: Option<i64>,
) -> anyhow::Result<reqwest::Response> {
    let department = department.map(|id| id.to_string()).unwrap_or_default();
    post_as(
        app,
        Some(who),
        "/api/pipeline/move",
        &[
            ("idea_id", &idea.to_string()),
            ("to", to),
            ("department_id", &department),
        ],
    )
    .await
}

/// The board as `who` sees it with `query` (`department=2&waiting=me`).
pub async fn board(app: &TestApp, who: &Person, query: &str) -> anyhow::Result<Board> {
    let answer = get_as(app, Some(who), &format!("/api/pipeline/board?{query}")).await?;
    let status = answer.status();
    let body = answer.text().await?;
    ensure!(status.is_success(), "the board: {status} {body}");
    Ok(serde_json::from_str(&body)?)
}

/// The count the board's column for `stage` ("triage" or a status) shows.
pub fn column_count(board: &Board, stage: &str) -> u64 {
    board
        .columns
        .iter()
        .find(|column| column.stage.map_or("triage", |status| status.as_str()) == stage)
        .map_or(0, |column| column.count)
}

/// The ids on the board's column for `stage` ("triage" or a status).
pub fn column(board: &Board, stage: &str) -> Vec<i64> {
    board
        .columns
        .iter()
        .find(|column| column.stage.map_or("triage", |status| status.as_str()) == stage)
        .map(|column| column.cards.iter().map(|card| card.id).collect())
        .unwrap_or_default()
}

/// The staff's side of `idea`, as `who` reads it.
pub async fn work(app: &TestApp, who: &Person, idea: i64) -> anyhow::Result<IdeaWork> {
    let answer = get_as(
        app,
        Some(who),
        &format!("/api/pipeline/work?idea_id={idea}"),
    )
    .await?;
    let status = answer.status();
    let body = answer.text().await?;
    ensure!(status.is_success(), "the idea's work: {status} {body}");
    Ok(serde_json::from_str(&body)?)
}
