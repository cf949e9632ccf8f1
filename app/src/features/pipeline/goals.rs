//! The shared goals an idea works towards, chosen by staff from review
//! onwards. Each change is a line of the idea's internal log, and in the
//! audit log with the goals after it, so who tied an idea to which goal
//! stays on record.

use sea_orm::{ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter};

use super::owners::staff_idea;
use crate::entities::idea_status_change;
use crate::error::{AppError, Problem};
use crate::features::accounts::types::Viewer;
use crate::features::audit::service as audit;
use crate::features::audit::types::{AuditAction, AuditSubject};
use crate::features::goals::service::{self as goals, Linked};
use crate::features::goals::types::takes_goals;
use crate::features::ideas::status::IdeaStatus;

/// The most goals one form may send: more than Samskap keeps is no form's.
pub const CHOSEN_MAX: usize = crate::features::goals::types::GOALS_MAX;

/// Whether idea `idea_id` has ever been under review (a declined idea may
/// have been declined straight from triage).
pub async fn was_reviewed(db: &impl ConnectionTrait, idea_id: i64) -> Result<bool, AppError> {
    Ok(idea_status_change::Entity::find()
        .filter(idea_status_change::Column::IdeaId.eq(idea_id))
        .filter(idea_status_change::Column::ToStatus.eq(IdeaStatus::UnderReview.as_str()))
        .one(db)
        .await?
        .is_some())
}

/// Whether staff may link goals to the idea with `status` now.
pub async fn open_for_goals(
    db: &impl ConnectionTrait,
    idea_id: i64,
    status: IdeaStatus,
) -> Result<bool, AppError> {
    if status.is_in_pipeline() {
        return Ok(true);
    }
    Ok(takes_goals(status, was_reviewed(db, idea_id).await?))
}

/// Staff link idea `idea_id` to exactly the goals `chosen`: goals in use,
/// and those retired ones it is linked to already. Sending the same goals
/// again changes nothing and logs nothing.
pub async fn set_goals(
    db: &DatabaseConnection,
    staff: &Viewer,
    idea_id: i64,
    chosen: &[i64],
) -> Result<(), AppError> {
    staff_idea(db, staff, idea_id).await?;
    let transaction = crate::server::transactions::begin(db).await?;
    crate::features::ideas::service::lock_idea(&transaction, idea_id).await?;
    // Read again under the lock: the idea may have moved meanwhile.
    let (found, status) = staff_idea(&transaction, staff, idea_id).await?;
    if !open_for_goals(&transaction, idea_id, status).await? {
        return Err(AppError::invalid("goals", Problem::GoalsBeforeReview));
    }
    let linked = goals::linked_ids(&transaction, Linked::Idea(idea_id)).await?;
    let checked = goals::check_chosen(&transaction, "goals", chosen, &linked).await?;
    let ids: Vec<i64> = checked.iter().map(|goal| goal.id).collect();
    if !goals::replace(&transaction, Linked::Idea(idea_id), &ids).await? {
        return Ok(());
    }
    let names: Vec<&str> = checked.iter().map(|goal| goal.name.nb.as_str()).collect();
    super::owners::log(
        &transaction,
        idea_id,
        super::types::WorkEvent::GoalsChanged,
        None,
        staff.account_id,
    )
    .await?;
    audit::record(
        &transaction,
        staff,
        AuditAction::IdeaGoalsChanged,
        AuditSubject::Idea(idea_id),
        format!("{}: [{}]", found.title, names.join(", ")),
    )
    .await?;
    transaction.commit().await?;
    Ok(())
}
