//! An idea's benefit plan: the estimates staff rank ideas by, and the KPIs
//! that say what it should achieve. Staff write it from review until the
//! idea is implemented; each change is a line of the idea's internal log.
//! Only KPIs marked public, with their values, ever leave staff pages
//! (`public_kpis`).

use std::collections::HashMap;

use chrono::Utc;
use sea_orm::sea_query::OnConflict;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait,
    PaginatorTrait, QueryFilter, QueryOrder,
};

use super::types::{
    BenefitPlan, KPIS_MAX, Kpi, KpiInput, KpiOwnerChoice, Measurement, PlanFigures, PublicKpi,
    plan_open,
};
use crate::entities::{
    account, account_role, benefit_plan, department_member, idea_department, kpi, kpi_measurement,
};
use crate::error::{AppError, Problem};
use crate::features::accounts::types::{Role, Viewer};
use crate::features::departments::service as departments;
use crate::features::ideas::status::IdeaStatus;
use crate::features::pipeline::owners::{self, staff_idea};
use crate::features::pipeline::types::WorkEvent;

/// The plan of idea `idea_id` as `staff` read it, with every KPI and
/// measurement, and the choices its forms offer.
pub async fn load(
    db: &impl ConnectionTrait,
    staff: &Viewer,
    idea_id: i64,
) -> Result<BenefitPlan, AppError> {
    let (found, status) = staff_idea(db, staff, idea_id).await?;
    let owner_departments: Vec<i64> = idea_department::Entity::find()
        .filter(idea_department::Column::IdeaId.eq(idea_id))
        .all(db)
        .await?
        .into_iter()
        .map(|owner| owner.department_id)
        .collect();
    let mut every_department = departments::all(db).await?;
    every_department.sort_by_key(|department| !owner_departments.contains(&department.id));
    Ok(BenefitPlan {
        idea_id,
        title: found.title,
        status,
        figures: figures(db, idea_id).await?,
        kpis: kpis_of(db, &[idea_id])
            .await?
            .remove(&idea_id)
            .unwrap_or_default(),
        departments: every_department,
        owner_departments,
        people: kpi_owner_choices(db).await?,
        today: crate::time::today_in_oslo(Utc::now()),
    })
}

/// The estimates of idea `idea_id`; all empty before anyone wrote them.
pub async fn figures(db: &impl ConnectionTrait, idea_id: i64) -> Result<PlanFigures, DbErr> {
    Ok(benefit_plan::Entity::find_by_id(idea_id)
        .one(db)
        .await?
        .map(|plan| plan.figures())
        .unwrap_or_default())
}

/// The KPIs of `ideas`, by idea, each with its measurements newest first.
pub async fn kpis_of(
    db: &impl ConnectionTrait,
    ideas: &[i64],
) -> Result<HashMap<i64, Vec<Kpi>>, DbErr> {
    let rows = kpi::Entity::find()
        .filter(kpi::Column::IdeaId.is_in(ideas.iter().copied()))
        .order_by_asc(kpi::Column::Id)
        .all(db)
        .await?;
    let mut measured: HashMap<i64, Vec<kpi_measurement::Model>> = HashMap::new();
    for row in kpi_measurement::Entity::find()
        .filter(kpi_measurement::Column::KpiId.is_in(rows.iter().map(|kpi| kpi.id)))
        .order_by_desc(kpi_measurement::Column::MeasuredOn)
        .order_by_desc(kpi_measurement::Column::Id)
        .all(db)
        .await?
    {
        measured.entry(row.kpi_id).or_default().push(row);
    }
    let people: Vec<i64> = rows
        .iter()
        .filter_map(|kpi| kpi.owner_account_id)
        .chain(measured.values().flatten().filter_map(|m| m.recorded_by))
        .collect();
    let names = names_of(db, &people).await?;
    let department_names: HashMap<i64, String> = departments::rows(db)
        .await?
        .into_iter()
        .map(|department| (department.id, department.name))
        .collect();
    let mut by_idea: HashMap<i64, Vec<Kpi>> = HashMap::new();
    for row in rows {
        let measurements = measured
            .remove(&row.id)
            .unwrap_or_default()
            .into_iter()
            .map(|m| Measurement {
                id: m.id,
                value: m.value,
                measured_on: m.measured_on,
                source: m.source,
                comment: m.comment,
                recorded_by: m.recorded_by.and_then(|id| names.get(&id).cloned()),
                recorded_at: m.recorded_at,
                superseded: m.superseded_by_id.is_some(),
            })
            .collect();
        by_idea.entry(row.idea_id).or_default().push(Kpi {
            id: row.id,
            owner: row.owner_account_id.and_then(|id| names.get(&id).cloned()),
            owner_department: department_names
                .get(&row.owner_department_id)
                .cloned()
                .unwrap_or_default(),
            name: row.name,
            unit: row.unit,
            category: row.category,
            baseline: row.baseline,
            target: row.target,
            target_date: row.target_date,
            method: row.method,
            owner_account_id: row.owner_account_id,
            owner_department_id: row.owner_department_id,
            public: row.public,
            measurements,
        });
    }
    Ok(by_idea)
}

async fn names_of(db: &impl ConnectionTrait, ids: &[i64]) -> Result<HashMap<i64, String>, DbErr> {
    Ok(account::Entity::find()
        .filter(account::Column::Id.is_in(ids.iter().copied()))
        .all(db)
        .await?
        .into_iter()
        .map(|person| (person.id, person.display_name))
        .collect())
}

/// Who may own a KPI: the people who work for the municipality in
/// Samskap, by name.
pub async fn kpi_owner_choices(db: &impl ConnectionTrait) -> Result<Vec<KpiOwnerChoice>, DbErr> {
    let staff: Vec<i64> = account_role::Entity::find()
        .filter(account_role::Column::Role.is_in([Role::Staff.as_str(), Role::Admin.as_str()]))
        .all(db)
        .await?
        .into_iter()
        .map(|role| role.account_id)
        .collect();
    let mut people: Vec<KpiOwnerChoice> = names_of(db, &staff)
        .await?
        .into_iter()
        .map(|(account_id, name)| KpiOwnerChoice { account_id, name })
        .collect();
    people.sort_by(|a, b| a.name.cmp(&b.name).then(a.account_id.cmp(&b.account_id)));
    Ok(people)
}

/// The idea for `staff` to plan, locked in `transaction` so its status and
/// KPIs are read as they stay until the change commits.
async fn plannable(
    transaction: &impl ConnectionTrait,
    staff: &Viewer,
    idea_id: i64,
) -> Result<IdeaStatus, AppError> {
    staff_idea(transaction, staff, idea_id).await?;
    crate::features::ideas::service::lock_idea(transaction, idea_id).await?;
    let (_, status) = staff_idea(transaction, staff, idea_id).await?;
    if !plan_open(status) {
        return Err(AppError::invalid("idea_id", Problem::PlanClosed));
    }
    Ok(status)
}

/// Saves the estimates of idea `idea_id`. The same figures again change
/// nothing and log nothing.
pub async fn save_figures(
    db: &DatabaseConnection,
    staff: &Viewer,
    idea_id: i64,
    wanted: PlanFigures,
) -> Result<(), AppError> {
    let transaction = crate::server::transactions::begin(db).await?;
    plannable(&transaction, staff, idea_id).await?;
    if figures(&transaction, idea_id).await? == wanted {
        return Ok(());
    }
    benefit_plan::Entity::insert(benefit_plan::ActiveModel {
        idea_id: Set(idea_id),
        estimated_cost_nok: Set(wanted.estimated_cost_nok),
        effort_person_days: Set(wanted.effort_person_days),
        expected_value_nok: Set(wanted.expected_value_nok),
        updated_at: Set(Utc::now()),
        updated_by: Set(Some(staff.account_id)),
    })
    .on_conflict(
        OnConflict::column(benefit_plan::Column::IdeaId)
            .update_columns([
                benefit_plan::Column::EstimatedCostNok,
                benefit_plan::Column::EffortPersonDays,
                benefit_plan::Column::ExpectedValueNok,
                benefit_plan::Column::UpdatedAt,
                benefit_plan::Column::UpdatedBy,
            ])
            .to_owned(),
    )
    .exec(&transaction)
    .await?;
    owners::log(
        &transaction,
        idea_id,
        WorkEvent::PlanChanged,
        None,
        staff.account_id,
    )
    .await?;
    transaction.commit().await?;
    crate::server::rollup_cache::changed();
    Ok(())
}

/// The department and person a KPI names: a department still offered (or
/// the one it has, `kept`, retired since), and someone who works for the
/// municipality.
async fn check_owner(
    db: &impl ConnectionTrait,
    input: &KpiInput,
    kept: Option<i64>,
) -> Result<(), AppError> {
    if kept != Some(input.owner_department_id) {
        departments::require_offered(db, "owner_department_id", input.owner_department_id).await?;
    }
    if let Some(person) = input.owner_account_id {
        let is_staff = account_role::Entity::find()
            .filter(account_role::Column::AccountId.eq(person))
            .filter(account_role::Column::Role.is_in([Role::Staff.as_str(), Role::Admin.as_str()]))
            .count(db)
            .await?
            > 0;
        if !is_staff {
            return Err(AppError::invalid(
                "owner_account_id",
                Problem::UnknownChoice,
            ));
        }
    }
    Ok(())
}

fn kpi_columns(input: KpiInput, now: chrono::DateTime<Utc>) -> kpi::ActiveModel {
    kpi::ActiveModel {
        name: Set(input.name),
        unit: Set(input.unit),
        category: Set(input.category),
        baseline: Set(input.baseline),
        target: Set(input.target),
        target_date: Set(input.target_date),
        method: Set(input.method),
        owner_account_id: Set(input.owner_account_id),
        owner_department_id: Set(input.owner_department_id),
        public: Set(input.public),
        updated_at: Set(now),
        ..Default::default()
    }
}

/// Adds a KPI to idea `idea_id`'s plan.
pub async fn add_kpi(
    db: &DatabaseConnection,
    staff: &Viewer,
    idea_id: i64,
    input: KpiInput,
) -> Result<i64, AppError> {
    let transaction = crate::server::transactions::begin(db).await?;
    plannable(&transaction, staff, idea_id).await?;
    check_owner(&transaction, &input, None).await?;
    let existing = kpi_count(&transaction, idea_id).await?;
    if existing >= KPIS_MAX as u64 {
        return Err(AppError::invalid("name", Problem::TooManyKpis));
    }
    let now = Utc::now();
    let department = input.owner_department_id;
    let mut row = kpi_columns(input, now);
    row.idea_id = Set(idea_id);
    row.created_at = Set(now);
    let id = kpi::Entity::insert(row)
        .exec(&transaction)
        .await?
        .last_insert_id;
    owners::log(
        &transaction,
        idea_id,
        WorkEvent::KpiAdded,
        Some(department),
        staff.account_id,
    )
    .await?;
    transaction.commit().await?;
    crate::server::rollup_cache::changed();
    Ok(id)
}

/// How many KPIs idea `idea_id`'s plan has.
pub async fn kpi_count(db: &impl ConnectionTrait, idea_id: i64) -> Result<u64, DbErr> {
    kpi::Entity::find()
        .filter(kpi::Column::IdeaId.eq(idea_id))
        .count(db)
        .await
}

/// The KPI `kpi_id`, found or `NotFound`.
pub async fn find_kpi(db: &impl ConnectionTrait, kpi_id: i64) -> Result<kpi::Model, AppError> {
    kpi::Entity::find_by_id(kpi_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)
}

/// Changes KPI `kpi_id`; returns its idea. A changed target or date
/// stands from now on: a reminder already sent may come again.
pub async fn edit_kpi(
    db: &DatabaseConnection,
    staff: &Viewer,
    kpi_id: i64,
    input: KpiInput,
) -> Result<i64, AppError> {
    let idea_id = find_kpi(db, kpi_id).await?.idea_id;
    let transaction = crate::server::transactions::begin(db).await?;
    plannable(&transaction, staff, idea_id).await?;
    let before = find_kpi(&transaction, kpi_id).await?;
    check_owner(&transaction, &input, Some(before.owner_department_id)).await?;
    let department = input.owner_department_id;
    let mut row = kpi_columns(input, Utc::now());
    if row.target_date.as_ref() != &before.target_date {
        row.reminded_at = Set(None);
    }
    row.id = Set(kpi_id);
    kpi::Entity::update(row).exec(&transaction).await?;
    owners::log(
        &transaction,
        idea_id,
        WorkEvent::KpiChanged,
        Some(department),
        staff.account_id,
    )
    .await?;
    transaction.commit().await?;
    crate::server::rollup_cache::changed();
    Ok(idea_id)
}

/// Removes KPI `kpi_id`, which nobody has measured yet; a selected idea
/// keeps at least one. Returns its idea.
pub async fn remove_kpi(
    db: &DatabaseConnection,
    staff: &Viewer,
    kpi_id: i64,
) -> Result<i64, AppError> {
    let idea_id = find_kpi(db, kpi_id).await?.idea_id;
    let transaction = crate::server::transactions::begin(db).await?;
    let status = plannable(&transaction, staff, idea_id).await?;
    let found = find_kpi(&transaction, kpi_id).await?;
    let measured = kpi_measurement::Entity::find()
        .filter(kpi_measurement::Column::KpiId.eq(kpi_id))
        .count(&transaction)
        .await?;
    if measured > 0 {
        return Err(AppError::invalid("kpi_id", Problem::KpiMeasured));
    }
    let left = kpi_count(&transaction, idea_id).await?;
    if status != IdeaStatus::UnderReview && left <= 1 {
        return Err(AppError::invalid("kpi_id", Problem::LastKpi));
    }
    kpi::Entity::delete_by_id(kpi_id).exec(&transaction).await?;
    owners::log(
        &transaction,
        idea_id,
        WorkEvent::KpiRemoved,
        Some(found.owner_department_id),
        staff.account_id,
    )
    .await?;
    transaction.commit().await?;
    crate::server::rollup_cache::changed();
    Ok(idea_id)
}

/// The KPIs of idea `idea_id` that staff made public, with the values that
/// count, oldest first: what everyone may read. Nothing else of the plan.
pub async fn public_kpis(db: &impl ConnectionTrait, idea_id: i64) -> Result<Vec<PublicKpi>, DbErr> {
    Ok(public_kpis_of(db, &[idea_id])
        .await?
        .remove(&idea_id)
        .unwrap_or_default())
}

/// [`public_kpis`] of several ideas in two queries, by idea (a page of
/// stories asks once, not once per idea).
pub async fn public_kpis_of(
    db: &impl ConnectionTrait,
    idea_ids: &[i64],
) -> Result<HashMap<i64, Vec<PublicKpi>>, DbErr> {
    if idea_ids.is_empty() {
        return Ok(HashMap::new());
    }
    let rows = kpi::Entity::find()
        .filter(kpi::Column::IdeaId.is_in(idea_ids.iter().copied()))
        .filter(kpi::Column::Public.eq(true))
        .order_by_asc(kpi::Column::Id)
        .all(db)
        .await?;
    if rows.is_empty() {
        return Ok(HashMap::new());
    }
    let mut readings: HashMap<i64, Vec<(chrono::NaiveDate, f64)>> = HashMap::new();
    for m in kpi_measurement::Entity::find()
        .filter(kpi_measurement::Column::KpiId.is_in(rows.iter().map(|kpi| kpi.id)))
        .filter(kpi_measurement::Column::SupersededById.is_null())
        .order_by_asc(kpi_measurement::Column::MeasuredOn)
        .order_by_asc(kpi_measurement::Column::Id)
        .all(db)
        .await?
    {
        readings
            .entry(m.kpi_id)
            .or_default()
            .push((m.measured_on, m.value));
    }
    let mut by_idea: HashMap<i64, Vec<PublicKpi>> = HashMap::new();
    for row in rows {
        by_idea.entry(row.idea_id).or_default().push(PublicKpi {
            readings: readings.remove(&row.id).unwrap_or_default(),
            id: row.id,
            name: row.name,
            unit: row.unit,
            category: row.category,
            baseline: row.baseline,
            target: row.target,
            target_date: row.target_date,
        });
    }
    Ok(by_idea)
}

/// The members of department `department_id`: who hears of its KPIs when
/// no one person owns them.
pub async fn members_of(db: &impl ConnectionTrait, department_id: i64) -> Result<Vec<i64>, DbErr> {
    Ok(department_member::Entity::find()
        .filter(department_member::Column::DepartmentId.eq(department_id))
        .all(db)
        .await?
        .into_iter()
        .map(|member| member.account_id)
        .collect())
}
