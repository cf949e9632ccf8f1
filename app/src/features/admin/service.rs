//! Admins find accounts and set their roles and department memberships.

use chrono::Utc;
use sea_orm::sea_query::{Expr, ExprTrait as _, Func};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, Condition, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect,
};

use super::types::{AccountRow, PAGE_SIZE};
use crate::entities::{account, account_role, department, department_member};
use crate::error::{AppError, Problem};
use crate::features::accounts::types::{Role, Viewer};
use crate::features::audit::service as audit;
use crate::features::audit::types::{AuditAction, AuditSubject};

/// Accounts whose name or email contains `query` (any case), by name.
pub async fn find_accounts(
    db: &DatabaseConnection,
    query: &str,
) -> Result<Vec<AccountRow>, AppError> {
    let mut select = account::Entity::find()
        .order_by_asc(account::Column::DisplayName)
        .limit(PAGE_SIZE);
    let needle = query.trim().to_lowercase();
    if !needle.is_empty() {
        // Wildcards typed into the search are dropped, so they cannot widen it.
        let pattern = format!("%{}%", needle.replace(['\\', '%', '_'], ""));
        select = select.filter(
            Condition::any()
                .add(
                    Expr::expr(Func::lower(Expr::col(account::Column::Email)))
                        .like(pattern.clone()),
                )
                .add(
                    Expr::expr(Func::lower(Expr::col(account::Column::DisplayName))).like(pattern),
                ),
        );
    }
    let accounts = select.all(db).await?;
    let ids: Vec<i64> = accounts.iter().map(|found| found.id).collect();
    let roles = account_role::Entity::find()
        .filter(account_role::Column::AccountId.is_in(ids.clone()))
        .all(db)
        .await?;
    let memberships = department_member::Entity::find()
        .filter(department_member::Column::AccountId.is_in(ids))
        .all(db)
        .await?;
    Ok(accounts
        .into_iter()
        .map(|found| AccountRow {
            id: found.id,
            roles: roles
                .iter()
                .filter(|r| r.account_id == found.id)
                .map(|r| r.role)
                .collect(),
            department_ids: memberships
                .iter()
                .filter(|m| m.account_id == found.id)
                .map(|m| m.department_id)
                .collect(),
            display_name: found.display_name,
            email: found.email,
            email_verified: found.email_verified_at.is_some(),
            actor_type: found.actor_type,
        })
        .collect())
}

/// Replaces an account's roles and department memberships. An admin cannot
/// take the admin role from themselves, so the last admin cannot lock
/// everyone out by mistake.
pub async fn set_access(
    db: &DatabaseConnection,
    admin: &Viewer,
    account_id: i64,
    roles: &[Role],
    department_ids: &[i64],
) -> Result<(), AppError> {
    if account_id == admin.account_id && !roles.contains(&Role::Admin) {
        return Err(AppError::invalid("admin", Problem::CannotRemoveOwnAdmin));
    }
    let transaction = crate::server::transactions::begin(db).await?;
    let person = account::Entity::find_by_id(account_id)
        .one(&transaction)
        .await?
        .ok_or(AppError::NotFound)?;
    let known = department::Entity::find()
        .filter(department::Column::Id.is_in(department_ids.to_vec()))
        .all(&transaction)
        .await?;
    if known.len() != department_ids.len() {
        return Err(AppError::invalid("departments", Problem::UnknownChoice));
    }
    // A retired department keeps the people in it, and takes no one new.
    let members_before: Vec<i64> = department_member::Entity::find()
        .filter(department_member::Column::AccountId.eq(account_id))
        .all(&transaction)
        .await?
        .into_iter()
        .map(|membership| membership.department_id)
        .collect();
    if known
        .iter()
        .any(|found| found.retired_at.is_some() && !members_before.contains(&found.id))
    {
        return Err(AppError::invalid("departments", Problem::DepartmentRetired));
    }
    account_role::Entity::delete_many()
        .filter(account_role::Column::AccountId.eq(account_id))
        .exec(&transaction)
        .await?;
    department_member::Entity::delete_many()
        .filter(department_member::Column::AccountId.eq(account_id))
        .exec(&transaction)
        .await?;
    let now = Utc::now();
    for role in roles {
        account_role::Entity::insert(account_role::ActiveModel {
            account_id: Set(account_id),
            role: Set(*role),
            granted_at: Set(now),
        })
        .exec(&transaction)
        .await?;
    }
    for department_id in department_ids {
        department_member::Entity::insert(department_member::ActiveModel {
            account_id: Set(account_id),
            department_id: Set(*department_id),
        })
        .exec(&transaction)
        .await?;
    }
    let role_names: Vec<&str> = roles.iter().map(|role| role.as_str()).collect();
    let department_names: Vec<String> = known.into_iter().map(|found| found.name).collect();
    audit::record(
        &transaction,
        admin,
        AuditAction::AccessChanged,
        AuditSubject::Account(account_id),
        format!(
            "{}: roles [{}], departments [{}]",
            person.display_name,
            role_names.join(", "),
            department_names.join(", ")
        ),
    )
    .await?;
    transaction.commit().await?;
    Ok(())
}
