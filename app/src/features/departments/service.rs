//! Admins add, rename, retire and restore departments. Every change is
//! written to the audit log in its own transaction, with the names before
//! and after. Changes take turns (`transactions::take_turns`), so two
//! admins cannot give two departments the same name at once.

use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait,
    QueryOrder,
};

use super::types::{DEPARTMENTS_MAX, Department, DepartmentRow};
use crate::entities::department;
use crate::error::{AppError, Problem};
use crate::features::accounts::types::Viewer;
use crate::features::audit::service as audit;
use crate::features::audit::types::{AuditAction, AuditSubject};
use crate::text::same_name;

/// The advisory lock department changes take on PostgreSQL. SQLite lets
/// one transaction write at a time anyway (they begin IMMEDIATE).
const CHANGES_LOCK_KEY: i64 = 0x5A4D_4445_5054; // fixed forever

/// Every department, retired ones too, by name.
pub async fn rows(db: &impl ConnectionTrait) -> Result<Vec<department::Model>, DbErr> {
    department::Entity::find()
        .order_by_asc(department::Column::Name)
        .all(db)
        .await
}

/// The departments as the admin's page lists them.
pub async fn list(db: &impl ConnectionTrait) -> Result<Vec<DepartmentRow>, AppError> {
    Ok(rows(db)
        .await?
        .into_iter()
        .map(|found| DepartmentRow {
            id: found.id,
            name: found.name,
            retired_at: found.retired_at,
        })
        .collect())
}

/// Refuses `name` when another department than `except` has it, in any
/// case. A retired department keeps its name: the admin restores it
/// rather than adding a second one. The database's unique key on
/// the name (which compares case) stands behind it and says the same
/// (`AppError::conflict_as`).
fn refuse_taken(
    departments: &[department::Model],
    name: &str,
    except: Option<i64>,
) -> Result<(), AppError> {
    let taken = departments
        .iter()
        .any(|other| Some(other.id) != except && same_name(&other.name, name));
    if taken {
        return Err(AppError::invalid("name", Problem::DepartmentNameTaken));
    }
    Ok(())
}

async fn find(db: &impl ConnectionTrait, id: i64) -> Result<department::Model, AppError> {
    department::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)
}

/// Adds the department `name` (already parsed); returns its id.
pub async fn add(db: &DatabaseConnection, admin: &Viewer, name: String) -> Result<i64, AppError> {
    let transaction = crate::server::transactions::begin(db).await?;
    crate::server::transactions::take_turns(&transaction, CHANGES_LOCK_KEY).await?;
    let departments = rows(&transaction).await?;
    refuse_taken(&departments, &name, None)?;
    if departments.len() >= DEPARTMENTS_MAX {
        return Err(AppError::invalid("name", Problem::TooManyDepartments));
    }
    let added = department::ActiveModel {
        name: Set(name.clone()),
        created_at: Set(Utc::now()),
        retired_at: Set(None),
        ..Default::default()
    }
    .insert(&transaction)
    .await
    .map_err(|error| AppError::from(error).conflict_as("name", Problem::DepartmentNameTaken))?;
    audit::record(
        &transaction,
        admin,
        AuditAction::DepartmentAdded,
        AuditSubject::Department(added.id),
        name,
    )
    .await?;
    transaction.commit().await?;
    Ok(added.id)
}

/// Gives department `id` the name `name` (already parsed). The same name
/// again changes nothing and logs nothing; a change of case alone is a
/// rename.
pub async fn rename(
    db: &DatabaseConnection,
    admin: &Viewer,
    id: i64,
    name: String,
) -> Result<(), AppError> {
    let transaction = crate::server::transactions::begin(db).await?;
    crate::server::transactions::take_turns(&transaction, CHANGES_LOCK_KEY).await?;
    let found = find(&transaction, id).await?;
    if found.name == name {
        return Ok(());
    }
    refuse_taken(&rows(&transaction).await?, &name, Some(id))?;
    let before = found.name.clone();
    let mut change: department::ActiveModel = found.into();
    change.name = Set(name.clone());
    change
        .update(&transaction)
        .await
        .map_err(|error| AppError::from(error).conflict_as("name", Problem::DepartmentNameTaken))?;
    audit::record(
        &transaction,
        admin,
        AuditAction::DepartmentRenamed,
        AuditSubject::Department(id),
        format!("{before} → {name}"),
    )
    .await?;
    transaction.commit().await?;
    Ok(())
}

/// Retires department `id` (`retired`), or restores it. Doing it twice is
/// the same as once, and logs once.
pub async fn set_retired(
    db: &DatabaseConnection,
    admin: &Viewer,
    id: i64,
    retired: bool,
) -> Result<(), AppError> {
    let transaction = crate::server::transactions::begin(db).await?;
    crate::server::transactions::take_turns(&transaction, CHANGES_LOCK_KEY).await?;
    let found = find(&transaction, id).await?;
    if found.retired_at.is_some() == retired {
        return Ok(());
    }
    let name = found.name.clone();
    let mut change: department::ActiveModel = found.into();
    change.retired_at = Set(retired.then(Utc::now));
    change.update(&transaction).await?;
    let action = if retired {
        AuditAction::DepartmentRetired
    } else {
        AuditAction::DepartmentRestored
    };
    audit::record(
        &transaction,
        admin,
        action,
        AuditSubject::Department(id),
        name,
    )
    .await?;
    transaction.commit().await?;
    Ok(())
}

/// Adds each of `names` that no department has yet (in any case), with no
/// admin behind it: for the demo data set and for tests.
pub async fn ensure(db: &impl ConnectionTrait, names: &[&str]) -> Result<(), AppError> {
    let mut known = rows(db).await?;
    for name in names {
        if known.iter().any(|found| same_name(&found.name, name)) {
            continue;
        }
        let added = department::ActiveModel {
            name: Set((*name).to_owned()),
            created_at: Set(Utc::now()),
            retired_at: Set(None),
            ..Default::default()
        }
        .insert(db)
        .await?;
        known.push(added);
    }
    Ok(())
}

/// Every department by name, the retired ones marked: names of departments
/// already attached and filters over what was keep them; a form's choices
/// pass through [`select_options`], which leaves them out.
pub async fn all(db: &impl ConnectionTrait) -> Result<Vec<Department>, AppError> {
    Ok(rows(db)
        .await?
        .into_iter()
        .map(|found| Department {
            id: found.id,
            retired: found.retired_at.is_some(),
            name: found.name,
        })
        .collect())
}

/// The department `id` that a form's `field` names, if it may be chosen:
/// an unknown id is not one of the options, a retired one is refused with
/// its own message.
pub async fn require_offered(
    db: &impl ConnectionTrait,
    field: &str,
    id: i64,
) -> Result<Department, AppError> {
    let found = crate::entities::department::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or_else(|| AppError::invalid(field, Problem::UnknownChoice))?;
    if found.retired_at.is_some() {
        return Err(AppError::invalid(field, Problem::DepartmentRetired));
    }
    Ok(Department {
        id: found.id,
        name: found.name,
        retired: false,
    })
}
