//! Benefit plans for tests: a KPI put straight in the database, for tests
//! about something else that select an idea (which needs one), and the
//! plan as staff read it.

use anyhow::{Context, ensure};
use app::entities::{department, idea_department, kpi};
use app::features::gains::types::{BenefitCategory, BenefitPlan};
use chrono::{NaiveDate, Utc};
use sea_orm::{ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter};

use super::TestApp;
use super::people::{Person, get_as};

/// Gives `idea` an internal KPI owned by its first owner department (any
/// department, for an idea put in review straight in the database), from `baseline` towards `target` by `by`; returns
/// the KPI's id.
pub async fn kpi_towards(
    app: &TestApp,
    idea: i64,
    baseline: f64,
    target: f64,
    by: NaiveDate,
) -> anyhow::Result<i64> {
    let owner = match idea_department::Entity::find()
        .filter(idea_department::Column::IdeaId.eq(idea))
        .one(&app.db)
        .await?
    {
        Some(owner) => owner.department_id,
        None => {
            department::Entity::find()
                .one(&app.db)
                .await?
                .context("a department: see ideas::municipality")?
                .id
        }
    };
    let now = Utc::now();
    Ok(kpi::Entity::insert(kpi::ActiveModel {
        idea_id: Set(idea),
        name: Set("Ventetid på svar".to_owned()),
        unit: Set("dager".to_owned()),
        category: Set(BenefitCategory::TimeOrCostSaved),
        baseline: Set(baseline),
        target: Set(target),
        target_date: Set(by),
        method: Set("Uttrekk fra fagsystemet hver måned.".to_owned()),
        owner_account_id: Set(None),
        owner_department_id: Set(owner),
        public: Set(false),
        created_at: Set(now),
        updated_at: Set(now),
        reminded_at: Set(None),
        ..Default::default()
    })
    .exec(&app.db)
    .await?
    .last_insert_id)
}

/// Gives `idea` the one KPI selecting it needs (30 days down to 10 by the
/// end of next year).
pub async fn a_kpi(app: &TestApp, idea: i64) -> anyhow::Result<i64> {
    let next_year = NaiveDate::from_ymd_opt(2027, 12, 31).context("a date")?;
    kpi_towards(
        app,
        idea,
        30.0,
        10.0,
        next_year.max(Utc::now().date_naive()),
    )
    .await
}

/// The benefit plan of `idea` as `who` reads it.
pub async fn plan(app: &TestApp, who: &Person, idea: i64) -> anyhow::Result<BenefitPlan> {
    let answer = get_as(app, Some(who), &format!("/api/gains/plan?idea_id={idea}")).await?;
    let status = answer.status();
    let body = answer.text().await?;
    ensure!(status.is_success(), "the plan: {status} {body}");
    Ok(serde_json::from_str(&body)?)
}
