//! Owner departments and nominations: who works on an idea, and how it got
//! into triage below the threshold. Each change is a line of the idea's
//! internal log, in the change's transaction, so hand-offs between
//! departments stay on record.

use chrono::Utc;
use sea_orm::sea_query::{Expr, OnConflict, Query};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait,
    PaginatorTrait, QueryFilter,
};

use super::types::WorkEvent;
use crate::entities::{idea, idea_department, idea_pipeline_event};
use crate::error::{AppError, Problem};
use crate::features::accounts::types::Viewer;
use crate::features::departments::service as departments;
use crate::features::ideas::status::IdeaStatus;

/// The idea `id` for `staff` to work on: any idea the public may read.
pub async fn staff_idea(
    db: &impl ConnectionTrait,
    staff: &Viewer,
    id: i64,
) -> Result<(idea::Model, IdeaStatus), AppError> {
    staff.require_staff()?;
    let found = idea::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let status = found.status;
    if !status.is_public() {
        return Err(AppError::NotFound);
    }
    Ok((found, status))
}

/// The department a form names by id: one still offered (a retired
/// department owns what it owned, and takes on nothing new).
pub async fn known_department(db: &impl ConnectionTrait, value: &str) -> Result<i64, AppError> {
    let value = value.trim();
    if value.is_empty() {
        return Err(AppError::invalid("department_id", Problem::Required));
    }
    let id: i64 = value
        .parse()
        .map_err(|_| AppError::invalid("department_id", Problem::UnknownChoice))?;
    Ok(departments::require_offered(db, "department_id", id)
        .await?
        .id)
}

/// Writes a line of the internal log.
pub async fn log(
    db: &impl ConnectionTrait,
    idea_id: i64,
    event: WorkEvent,
    department_id: Option<i64>,
    actor: i64,
) -> Result<(), DbErr> {
    idea_pipeline_event::Entity::insert(idea_pipeline_event::ActiveModel {
        idea_id: Set(idea_id),
        kind: Set(event),
        department_id: Set(department_id),
        actor_id: Set(Some(actor)),
        created_at: Set(Utc::now()),
        ..Default::default()
    })
    .exec(db)
    .await?;
    Ok(())
}

/// Makes `department_id` an owner of the idea, unless it is one already;
/// logs the hand-off when it is new.
pub async fn add(
    db: &impl ConnectionTrait,
    idea_id: i64,
    department_id: i64,
    actor: i64,
) -> Result<(), DbErr> {
    let insert = Query::insert()
        .into_table(idea_department::Entity)
        .columns([
            idea_department::Column::IdeaId,
            idea_department::Column::DepartmentId,
            idea_department::Column::AddedAt,
        ])
        .values_panic([idea_id.into(), department_id.into(), Utc::now().into()])
        .on_conflict(
            OnConflict::columns([
                idea_department::Column::IdeaId,
                idea_department::Column::DepartmentId,
            ])
            .do_nothing()
            .to_owned(),
        )
        .to_owned();
    if db.execute(&insert).await?.rows_affected() == 1 {
        log(
            db,
            idea_id,
            WorkEvent::OwnerAdded,
            Some(department_id),
            actor,
        )
        .await?;
    }
    Ok(())
}

/// How many departments own the idea.
pub async fn count(db: &impl ConnectionTrait, idea_id: i64) -> Result<u64, DbErr> {
    idea_department::Entity::find()
        .filter(idea_department::Column::IdeaId.eq(idea_id))
        .count(db)
        .await
}

/// Staff add a co-owner department to an idea in review or later.
pub async fn add_owner(
    db: &DatabaseConnection,
    staff: &Viewer,
    idea_id: i64,
    department: &str,
) -> Result<(), AppError> {
    let (_, status) = staff_idea(db, staff, idea_id).await?;
    if !status.is_in_pipeline() {
        return Err(AppError::invalid("department_id", Problem::NotAllowedNow));
    }
    let department_id = known_department(db, department).await?;
    let transaction = crate::server::transactions::begin(db).await?;
    crate::features::ideas::service::lock_idea(&transaction, idea_id).await?;
    add(&transaction, idea_id, department_id, staff.account_id).await?;
    transaction.commit().await?;
    Ok(())
}

/// Staff hand an idea away from one owner department. The last owner
/// stays: an idea in review or later is always someone's.
pub async fn remove_owner(
    db: &DatabaseConnection,
    staff: &Viewer,
    idea_id: i64,
    department_id: i64,
) -> Result<(), AppError> {
    let (_, status) = staff_idea(db, staff, idea_id).await?;
    if !status.is_in_pipeline() {
        return Err(AppError::invalid("department_id", Problem::NotAllowedNow));
    }
    let transaction = crate::server::transactions::begin(db).await?;
    crate::features::ideas::service::lock_idea(&transaction, idea_id).await?;
    let removed = idea_department::Entity::delete_many()
        .filter(idea_department::Column::IdeaId.eq(idea_id))
        .filter(idea_department::Column::DepartmentId.eq(department_id))
        .exec(&transaction)
        .await?;
    if removed.rows_affected == 0 {
        // Removed already (a double submit): nothing more to do.
        return Ok(());
    }
    if count(&transaction, idea_id).await? == 0 {
        return Err(AppError::invalid("department_id", Problem::LastOwner));
    }
    log(
        &transaction,
        idea_id,
        WorkEvent::OwnerRemoved,
        Some(department_id),
        staff.account_id,
    )
    .await?;
    transaction.commit().await?;
    Ok(())
}

/// Staff put a published idea below the threshold into triage by hand, or
/// take it out again. Doing it twice is the same as once.
pub async fn nominate(
    db: &DatabaseConnection,
    staff: &Viewer,
    idea_id: i64,
    nominated: bool,
) -> Result<(), AppError> {
    let (_, status) = staff_idea(db, staff, idea_id).await?;
    if nominated && status != IdeaStatus::Published {
        return Err(AppError::invalid("nominated", Problem::NotAllowedNow));
    }
    let transaction = crate::server::transactions::begin(db).await?;
    let mut update = idea::Entity::update_many().filter(idea::Column::Id.eq(idea_id));
    update = if nominated {
        update
            .col_expr(idea::Column::NominatedAt, Expr::value(Utc::now()))
            .filter(idea::Column::Status.eq(IdeaStatus::Published.as_str()))
            .filter(idea::Column::NominatedAt.is_null())
    } else {
        update
            .col_expr(
                idea::Column::NominatedAt,
                Expr::value(Option::<chrono::DateTime<Utc>>::None),
            )
            .filter(idea::Column::NominatedAt.is_not_null())
    };
    if update.exec(&transaction).await?.rows_affected == 1 {
        let event = if nominated {
            WorkEvent::Nominated
        } else {
            WorkEvent::Unnominated
        };
        log(&transaction, idea_id, event, None, staff.account_id).await?;
    }
    transaction.commit().await?;
    Ok(())
}
