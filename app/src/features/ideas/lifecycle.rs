//! The one way an idea's status changes. Publishing, withdrawing, the
//! support threshold, a moderator's approval, a merge and its undo, and
//! staff moving an idea through the pipeline all come here: the move is
//! checked against the transition table (`transitions.rs`) for where the
//! idea is, where it goes and who moves it, with the gates of its benefit
//! plan (a KPI before it is selected, a target reached or a reason before
//! its benefits are called realised); the row changes only if it is
//! still where the caller saw it (a compare-and-swap, so of two racing
//! requests one wins and the other gets `Conflict`); and the timeline row
//! is written in the caller's transaction, with whatever else the caller
//! does there (notifications, owners, an official response).

use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, SimpleExpr};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter,
};

use super::ranking::hot_score;
use super::status::IdeaStatus;
use super::transitions::{self, By, Needs};
use crate::entities::{idea, idea_status_change, kpi, kpi_measurement};
use crate::error::{AppError, Problem};
use crate::features::gains::types::reached;

/// One change of an idea's status, as its caller asks for it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StatusChange {
    idea_id: i64,
    from: IdeaStatus,
    to: IdeaStatus,
    by: By,
    actor: Option<i64>,
    note: Option<String>,
    merged_into: Option<i64>,
}

impl StatusChange {
    /// Idea `idea_id`, which the caller saw in `from`, goes to `to`, moved
    /// by `by` (Samskap itself unless an account is named).
    pub fn new(idea_id: i64, from: IdeaStatus, to: IdeaStatus, by: By) -> Self {
        Self {
            idea_id,
            from,
            to,
            by,
            actor: None,
            note: None,
            merged_into: None,
        }
    }

    /// The person who makes the move.
    pub fn actor(mut self, account_id: i64) -> Self {
        self.actor = Some(account_id);
        self
    }

    /// The reason or link the move needs; everyone reads it on the timeline.
    pub fn note(mut self, note: Option<String>) -> Self {
        self.note = note;
        self
    }

    /// For a merge: the idea this one becomes a duplicate of.
    pub fn merged_into(mut self, idea_id: i64) -> Self {
        self.merged_into = Some(idea_id);
        self
    }
}

/// Makes the change in `db` (the caller's transaction) and returns the id
/// of its timeline row. `Conflict` when the idea is no longer in `from`
/// (another request moved it first); a field error when the table has no
/// such move for `by`, or the move lacks what it needs.
pub async fn change_status(
    db: &impl ConnectionTrait,
    change: StatusChange,
) -> Result<i64, AppError> {
    let transition = transitions::find(change.from, change.to, change.by)
        .ok_or_else(|| AppError::invalid("to", Problem::NotAllowedNow))?;
    check_needs(transition.needs, &change)?;
    let now = Utc::now();
    let mut update = idea::Entity::update_many();
    for (column, value) in columns(&change, now) {
        update = update.col_expr(column, value);
    }
    let changed = update
        .filter(idea::Column::Id.eq(change.idea_id))
        .filter(idea::Column::Status.eq(change.from))
        .exec(db)
        .await?;
    if changed.rows_affected != 1 {
        return Err(AppError::Conflict);
    }
    // After the update, which holds the idea's row lock: a KPI removed by
    // a change that took the lock first is gone from what this reads, and
    // one waiting for the lock sees the new status. Refused, the caller's
    // transaction is dropped, and the update with it.
    check_gains(db, transition.needs, &change).await?;
    // The dashboards count ideas by status (a moment early, as the caller
    // commits later: at worst a count is a minute behind).
    crate::server::rollup_cache::changed();
    let row = idea_status_change::Entity::insert(idea_status_change::ActiveModel {
        idea_id: Set(change.idea_id),
        from_status: Set(Some(change.from)),
        to_status: Set(change.to),
        actor_id: Set(change.actor),
        note: Set(change.note),
        created_at: Set(now),
        ..Default::default()
    })
    .exec(db)
    .await?;
    Ok(row.last_insert_id)
}

/// What the table says the move needs and this module can see. An owner
/// department is the pipeline's to check, in the same transaction.
fn check_needs(needs: Needs, change: &StatusChange) -> Result<(), AppError> {
    let missing = match needs {
        Needs::Reason if change.note.is_none() => Some("reason"),
        Needs::Link if change.note.is_none() => Some("link"),
        Needs::Merge if change.merged_into.is_none() => Some("into"),
        _ => None,
    };
    match missing {
        Some(field) => Err(AppError::invalid(field, Problem::Required)),
        None => Ok(()),
    }
}

/// The gates of "hva er gevinsten?": an idea is selected on the effects
/// expected of it, and closed as benefits realised when a measurement shows
/// a target reached, or with a reason everyone reads. Read in the move's
/// transaction, after the move took the idea's row lock.
async fn check_gains(
    db: &impl ConnectionTrait,
    needs: Needs,
    change: &StatusChange,
) -> Result<(), AppError> {
    let missing = match needs {
        Needs::Kpi => {
            let kpis = kpi::Entity::find()
                .filter(kpi::Column::IdeaId.eq(change.idea_id))
                .count(db)
                .await?;
            (kpis == 0).then_some(("to", Problem::KpiRequired))
        }
        Needs::TargetOrReason if change.note.is_none() => {
            let reached = a_target_is_reached(db, change.idea_id).await?;
            (!reached).then_some(("reason", Problem::TargetNotReached))
        }
        _ => None,
    };
    match missing {
        Some((field, problem)) => Err(AppError::invalid(field, problem)),
        None => Ok(()),
    }
}

/// Whether a measurement that counts (none corrected it) has reached its
/// KPI's target, in the direction the target lies from the baseline.
async fn a_target_is_reached(db: &impl ConnectionTrait, idea_id: i64) -> Result<bool, AppError> {
    let kpis = kpi::Entity::find()
        .filter(kpi::Column::IdeaId.eq(idea_id))
        .all(db)
        .await?;
    let measured = kpi_measurement::Entity::find()
        .filter(kpi_measurement::Column::KpiId.is_in(kpis.iter().map(|kpi| kpi.id)))
        .filter(kpi_measurement::Column::SupersededById.is_null())
        .all(db)
        .await?;
    Ok(measured.iter().any(|measurement| {
        kpis.iter().any(|kpi| {
            kpi.id == measurement.kpi_id && reached(kpi.baseline, kpi.target, measurement.value)
        })
    }))
}

/// The columns the move writes: the status, when it changed and entered
/// its stage; a nomination into triage is used up by any move; and what
/// belongs to particular moves.
fn columns(change: &StatusChange, now: DateTime<Utc>) -> Vec<(idea::Column, SimpleExpr)> {
    use IdeaStatus::*;
    let mut columns = vec![
        (idea::Column::Status, Expr::value(change.to)),
        (idea::Column::UpdatedAt, Expr::value(now)),
        (idea::Column::StageEnteredAt, Expr::value(now)),
        (
            idea::Column::NominatedAt,
            Expr::value(Option::<DateTime<Utc>>::None),
        ),
    ];
    // Leaving the author's hands: the support window and the ranking start
    // now (again when a moderator approves it).
    if matches!(change.from, Draft | AwaitingApproval)
        && matches!(change.to, AwaitingApproval | Published)
    {
        columns.push((idea::Column::PublishedAt, Expr::value(now)));
        columns.push((idea::Column::HotScore, Expr::value(hot_score(0, 0, now))));
    }
    if change.to == ThresholdReached {
        columns.push((idea::Column::ThresholdReachedAt, Expr::value(now)));
    }
    if change.to == Duplicate {
        columns.push((idea::Column::DuplicateOfId, Expr::value(change.merged_into)));
    }
    if change.from == Duplicate {
        columns.push((
            idea::Column::DuplicateOfId,
            Expr::value(Option::<i64>::None),
        ));
    }
    columns
}
