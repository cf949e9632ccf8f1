//! Warnings, suspensions and bans. A suspended or banned account may still
//! sign in and read (its notifications say why), but writes nothing, whatever
//! its roles (`server::auth::require_viewer`, and for participants also
//! `Viewer::require_participant`); its sessions end at once.

use chrono::{Duration, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter};

use super::decisions::UPHELD;
use super::reports::resolve;
use super::types::{Item, Sanction};
use crate::entities::{account, account_role};
use crate::error::{AppError, Problem};
use crate::features::accounts::types::Viewer;
use crate::features::audit::service as audit;
use crate::features::audit::types::{AuditAction, AuditSubject};
use crate::features::notifications::service::{self as notifications, Notice, Recipients};
use crate::features::notifications::types::Kind;
use crate::server::session;
use crate::time::today_in_oslo;

/// Applies `sanction` to account `account_id`. Moderators may sanction
/// participants; an account with any role (staff, moderators, admins) only
/// an admin may, and nobody themselves.
pub async fn sanction(
    db: &DatabaseConnection,
    moderator: &Viewer,
    account_id: i64,
    sanction: Sanction,
) -> Result<(), AppError> {
    moderator.require_moderator()?;
    if account_id == moderator.account_id {
        return Err(AppError::Forbidden);
    }
    let transaction = crate::server::transactions::begin(db).await?;
    let target = account::Entity::find_by_id(account_id)
        .one(&transaction)
        .await?
        .ok_or(AppError::NotFound)?;
    let has_role = account_role::Entity::find()
        .filter(account_role::Column::AccountId.eq(account_id))
        .one(&transaction)
        .await?
        .is_some();
    if has_role && !moderator.has_role(crate::features::accounts::types::Role::Admin) {
        return Err(AppError::Forbidden);
    }
    let now = Utc::now();
    let (suspended_until, banned_at, kind, action, detail) = match &sanction {
        Sanction::Warn(reason) => (
            target.suspended_until,
            target.banned_at,
            Kind::AccountWarned,
            AuditAction::AccountWarned,
            reason.clone(),
        ),
        Sanction::Suspend { days, reason } => {
            let until = now + Duration::days(i64::from(*days));
            (
                Some(until),
                None,
                Kind::AccountSuspended,
                AuditAction::AccountSuspended,
                format!("{}\n{reason}", today_in_oslo(until)),
            )
        }
        Sanction::Ban(reason) => (
            None,
            Some(now),
            Kind::AccountBanned,
            AuditAction::AccountBanned,
            reason.clone(),
        ),
        Sanction::Lift => {
            if target.suspended_until.is_none_or(|until| until <= now) && target.banned_at.is_none()
            {
                return Err(AppError::invalid("sanction", Problem::NotAllowedNow));
            }
            (
                None,
                None,
                Kind::AccountRestored,
                AuditAction::AccountRestored,
                String::new(),
            )
        }
    };
    account::Entity::update_many()
        .col_expr(
            account::Column::SuspendedUntil,
            Expr::value(suspended_until),
        )
        .col_expr(account::Column::BannedAt, Expr::value(banned_at))
        .filter(account::Column::Id.eq(account_id))
        .exec(&transaction)
        .await?;
    if matches!(sanction, Sanction::Suspend { .. } | Sanction::Ban(_)) {
        session::end_all(&transaction, account_id).await?;
    }
    if !matches!(sanction, Sanction::Lift) {
        resolve(&transaction, Item::Account(account_id), UPHELD).await?;
    }
    notifications::send(
        &transaction,
        Notice::new(kind).detail(detail.clone()),
        Recipients::Account(account_id),
        Some(moderator.account_id),
    )
    .await?;
    let logged = if detail.is_empty() {
        target.display_name
    } else {
        format!("{}: {}", target.display_name, detail.replace('\n', " — "))
    };
    audit::record(
        &transaction,
        moderator,
        action,
        AuditSubject::Account(account_id),
        logged,
    )
    .await?;
    transaction.commit().await?;
    Ok(())
}
