//! The demo's benefit plans: estimates and KPIs on ideas in the pipeline,
//! and months of measurements on the ones selected or further, so the
//! staff's plan pages, the board's ranking and the public KPIs on the
//! ideas' pages show something real; and what staff learned from three of
//! them. Dates are relative to today.

use std::collections::HashMap;

use anyhow::Context;
use app::entities::{benefit_plan, department, idea, idea_lesson, kpi, kpi_measurement};
use chrono::{Duration, Utc};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, DatabaseTransaction, EntityTrait};
use serde::Deserialize;

/// The plan of `ideas[idea]` (its index in `content.json`, as comments').
#[derive(Deserialize)]
pub(super) struct Plan {
    idea: usize,
    cost: Option<i64>,
    effort: Option<i32>,
    value: Option<i64>,
    kpis: Vec<Kpi>,
}

#[derive(Deserialize)]
struct Kpi {
    name: String,
    unit: String,
    category: String,
    baseline: f64,
    target: f64,
    /// From today; negative for a date passed.
    target_in_days: i64,
    method: String,
    department: String,
    /// A staff person's key, or none for the whole department.
    owner: Option<String>,
    public: bool,
    measurements: Vec<Measurement>,
}

/// What staff learned from `ideas[idea]`.
#[derive(Deserialize)]
pub(super) struct Lesson {
    idea: usize,
    body: String,
    public: bool,
}

#[derive(Deserialize)]
struct Measurement {
    days_ago: i64,
    value: f64,
    source: String,
    comment: String,
}

pub(super) async fn load(
    txn: &DatabaseTransaction,
    ideas: &[idea::Model],
    plans: Vec<Plan>,
    person: &impl Fn(&str) -> anyhow::Result<i64>,
) -> anyhow::Result<()> {
    let now = Utc::now();
    let today = now.date_naive();
    let departments: HashMap<String, i64> = department::Entity::find()
        .all(txn)
        .await?
        .into_iter()
        .map(|found| (found.name, found.id))
        .collect();
    for plan in plans {
        let on = ideas
            .get(plan.idea)
            .with_context(|| format!("demo plan of idea {}", plan.idea))?;
        benefit_plan::ActiveModel {
            idea_id: Set(on.id),
            estimated_cost_nok: Set(plan.cost),
            effort_person_days: Set(plan.effort),
            expected_value_nok: Set(plan.value),
            updated_at: Set(now),
            updated_by: Set(None),
        }
        .insert(txn)
        .await?;
        for found in plan.kpis {
            let department = *departments
                .get(&found.department)
                .with_context(|| format!("demo department {}", found.department))?;
            let owner = found.owner.as_deref().map(person).transpose()?;
            let created = kpi::ActiveModel {
                idea_id: Set(on.id),
                name: Set(found.name),
                unit: Set(found.unit),
                category: Set(found.category.parse()?),
                baseline: Set(found.baseline),
                target: Set(found.target),
                target_date: Set(today + Duration::days(found.target_in_days)),
                method: Set(found.method),
                owner_account_id: Set(owner),
                owner_department_id: Set(department),
                public: Set(found.public),
                created_at: Set(now),
                updated_at: Set(now),
                reminded_at: Set(None),
                ..Default::default()
            }
            .insert(txn)
            .await?;
            for measured in found.measurements {
                kpi_measurement::ActiveModel {
                    kpi_id: Set(created.id),
                    value: Set(measured.value),
                    measured_on: Set(today - Duration::days(measured.days_ago)),
                    source: Set(measured.source),
                    comment: Set(measured.comment),
                    recorded_by: Set(owner),
                    recorded_at: Set(now - Duration::days(measured.days_ago)),
                    superseded_by_id: Set(None),
                    ..Default::default()
                }
                .insert(txn)
                .await?;
            }
        }
    }
    Ok(())
}

pub(super) async fn load_lessons(
    txn: &DatabaseTransaction,
    ideas: &[idea::Model],
    lessons: Vec<Lesson>,
) -> anyhow::Result<()> {
    for lesson in lessons {
        let on = ideas
            .get(lesson.idea)
            .with_context(|| format!("demo lesson of idea {}", lesson.idea))?;
        idea_lesson::ActiveModel {
            idea_id: Set(on.id),
            body: Set(lesson.body),
            public: Set(lesson.public),
            updated_at: Set(Utc::now()),
            updated_by: Set(None),
        }
        .insert(txn)
        .await?;
    }
    Ok(())
}
