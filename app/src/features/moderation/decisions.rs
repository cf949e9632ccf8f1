//! A moderator's decisions on items: approve what waits for approval, hide
//! with a public reason, restore, dismiss reports. Each decision, the
//! author's notification and the audit row are one transaction.

use chrono::Utc;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, DatabaseConnection, DatabaseTransaction, EntityTrait, QueryFilter};

use super::facts::{self, Facts, facts};
use super::reports::resolve;
use super::types::{Decision, Hidden, Item};
use crate::entities::comment;
use crate::error::{AppError, Problem};
use crate::features::accounts::types::Viewer;
use crate::features::audit::service as audit;
use crate::features::audit::types::{AuditAction, AuditSubject};
use crate::features::ideas::lifecycle::{self, StatusChange};
use crate::features::ideas::status::IdeaStatus;
use crate::features::ideas::transitions::By;
use crate::features::notifications::service::{self as notifications, Recipients};
use crate::features::notifications::types::Kind;

pub const UPHELD: &str = "upheld";
pub const DISMISSED: &str = "dismissed";

/// How the audit log names an item.
pub fn audit_subject(item: Item) -> AuditSubject {
    match item {
        Item::Idea(id) => AuditSubject::Idea(id),
        Item::Comment(id) => AuditSubject::Comment(id),
        Item::Challenge(id) => AuditSubject::Challenge(id),
        Item::Account(id) => AuditSubject::Account(id),
    }
}

/// Carries out `decision` on `item`. Deciding what already holds (restoring
/// shown content, approving an approved idea) changes nothing and logs
/// nothing, so a double submit acts once.
pub async fn decide(
    db: &DatabaseConnection,
    moderator: &Viewer,
    item: Item,
    decision: Decision,
) -> Result<(), AppError> {
    moderator.require_moderator()?;
    let transaction = crate::server::transactions::begin(db).await?;
    let found = facts(&transaction, item).await?;
    let outcome = match &decision {
        Decision::Approve => approve(&transaction, &found, moderator.account_id).await?,
        Decision::Hide(reason) => hide(&transaction, &found, reason).await?,
        Decision::Restore => restore(&transaction, &found).await?,
        Decision::Dismiss => dismiss(&transaction, &found).await?,
    };
    if let Some((action, told)) = outcome {
        if let (Some(kind), Some(author)) = (told, found.author_id) {
            let mut notice = found.notice(kind);
            if let Decision::Hide(reason) = &decision {
                notice = notice.detail(reason.as_str());
            }
            notifications::send(
                &transaction,
                notice,
                Recipients::Account(author),
                Some(moderator.account_id),
            )
            .await?;
        }
        let why = match &decision {
            Decision::Hide(reason) => format!("{}: {reason}", found.describe()),
            _ => found.describe(),
        };
        audit::record(&transaction, moderator, action, audit_subject(item), why).await?;
    }
    transaction.commit().await?;
    Ok(())
}

/// What a decision did: the audit action, and what the author is told.
type Outcome = Option<(AuditAction, Option<Kind>)>;

async fn approve(
    db: &DatabaseTransaction,
    found: &Facts,
    moderator: i64,
) -> Result<Outcome, AppError> {
    if !found.held {
        return Ok(None);
    }
    let approved = match found.item {
        Item::Idea(id) => {
            let change = StatusChange::new(
                id,
                IdeaStatus::AwaitingApproval,
                IdeaStatus::Published,
                By::Moderator,
            )
            .actor(moderator);
            match lifecycle::change_status(db, change).await {
                // Another moderator approved it first.
                Err(AppError::Conflict) => false,
                moved => moved.map(|_| true)?,
            }
        }
        Item::Comment(id) => {
            let released = comment::Entity::update_many()
                .col_expr(
                    comment::Column::HeldAt,
                    Expr::value(Option::<chrono::DateTime<Utc>>::None),
                )
                .filter(comment::Column::Id.eq(id))
                .filter(comment::Column::HeldAt.is_not_null())
                .exec(db)
                .await?
                .rows_affected
                == 1;
            if released && let Some(row) = comment::Entity::find_by_id(id).one(db).await? {
                crate::features::comments::service::announce(db, &row).await?;
            }
            released
        }
        Item::Challenge(_) | Item::Account(_) => false,
    };
    Ok(approved.then_some((AuditAction::ContentApproved, Some(Kind::ContentApproved))))
}

async fn hide(db: &DatabaseTransaction, found: &Facts, reason: &str) -> Result<Outcome, AppError> {
    if !found.item.is_content() {
        return Err(AppError::invalid("reason", Problem::NotAllowedNow));
    }
    if found.hidden == Some(Hidden::ByModerator(reason.to_owned())) {
        return Ok(None);
    }
    facts::hide(db, found.item, Some(reason), false).await?;
    resolve(db, found.item, UPHELD).await?;
    Ok(Some((
        AuditAction::ContentHidden,
        Some(Kind::ContentHidden),
    )))
}

async fn restore(db: &DatabaseTransaction, found: &Facts) -> Result<Outcome, AppError> {
    if !facts::show(db, found.item).await? {
        return Ok(None);
    }
    resolve(db, found.item, DISMISSED).await?;
    Ok(Some((
        AuditAction::ContentRestored,
        Some(Kind::ContentRestored),
    )))
}

/// The reports were unfounded. Content they hid is shown again (and its
/// author told); content a moderator hid stays hidden.
async fn dismiss(db: &DatabaseTransaction, found: &Facts) -> Result<Outcome, AppError> {
    let closed = resolve(db, found.item, DISMISSED).await?;
    let shown = found.hidden == Some(Hidden::ByReports) && facts::show(db, found.item).await?;
    if closed == 0 && !shown {
        return Ok(None);
    }
    Ok(Some((
        AuditAction::ReportsDismissed,
        shown.then_some(Kind::ContentRestored),
    )))
}
