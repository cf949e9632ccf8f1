//! Writing and reading an idea's timeline: one row per status change, in
//! the transaction of the change. Writing it also stamps when the idea
//! entered its new stage, which the staff board shows as the card's age,
//! and ends a nomination into triage (only published ideas carry one).
//! Reading it weaves in the official responses (`responses.rs`): each
//! with the move it came with, or as a step of its own.

use chrono::Utc;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder,
};

use super::responses::{self, Published};
use super::types::TimelineEntry;
use crate::entities::{idea, idea_status_change};
use crate::features::ideas::status::IdeaStatus;

/// Records that idea `idea_id` moved from `from` to `to`.
pub async fn record(
    db: &impl ConnectionTrait,
    idea_id: i64,
    from: Option<IdeaStatus>,
    to: IdeaStatus,
    actor: Option<i64>,
    note: Option<String>,
) -> Result<(), DbErr> {
    record_change(db, idea_id, from, to, actor, note).await?;
    Ok(())
}

/// Records the move and returns its row's id, for an official response
/// published with it.
pub(super) async fn record_change(
    db: &impl ConnectionTrait,
    idea_id: i64,
    from: Option<IdeaStatus>,
    to: IdeaStatus,
    actor: Option<i64>,
    note: Option<String>,
) -> Result<i64, DbErr> {
    let now = Utc::now();
    // A new stage; a nomination into triage is used up by any move.
    idea::Entity::update_many()
        .col_expr(idea::Column::StageEnteredAt, Expr::value(now))
        .col_expr(
            idea::Column::NominatedAt,
            Expr::value(Option::<chrono::DateTime<Utc>>::None),
        )
        .filter(idea::Column::Id.eq(idea_id))
        .exec(db)
        .await?;
    let inserted = idea_status_change::Entity::insert(idea_status_change::ActiveModel {
        idea_id: Set(idea_id),
        from_status: Set(from.map(|status| status.as_str().to_owned())),
        to_status: Set(to.as_str().to_owned()),
        actor_id: Set(actor),
        note: Set(note),
        created_at: Set(now),
        ..Default::default()
    })
    .exec(db)
    .await?;
    Ok(inserted.last_insert_id)
}

/// The idea's timeline, oldest first: its status changes, each with the
/// official response published with it, and the responses on their own.
pub async fn of(db: &impl ConnectionTrait, idea_id: i64) -> Result<Vec<TimelineEntry>, DbErr> {
    let changes = idea_status_change::Entity::find()
        .filter(idea_status_change::Column::IdeaId.eq(idea_id))
        .order_by_asc(idea_status_change::Column::Id)
        .all(db)
        .await?;
    let mut responses = responses::of_idea(db, idea_id).await?;
    let moves: Vec<TimelineEntry> = changes
        .into_iter()
        .filter_map(|row| {
            let to = IdeaStatus::parse(&row.to_status)?;
            let response = responses
                .iter()
                .position(|published| published.status_change_id == Some(row.id))
                .map(|at| responses.remove(at).response);
            Some(TimelineEntry {
                at: row.created_at,
                from: row.from_status.as_deref().and_then(IdeaStatus::parse),
                to: Some(to),
                note: row.note,
                response,
            })
        })
        .collect();
    let alone = responses
        .into_iter()
        .map(|Published { response, .. }| TimelineEntry {
            at: response.at,
            from: None,
            to: None,
            note: None,
            response: Some(response),
        })
        .collect();
    Ok(interleave(moves, alone))
}

/// Two lists, each oldest first, as one list oldest first; each keeps its
/// own order where times are equal.
fn interleave(moves: Vec<TimelineEntry>, alone: Vec<TimelineEntry>) -> Vec<TimelineEntry> {
    let mut merged = Vec::with_capacity(moves.len() + alone.len());
    let mut alone = alone.into_iter().peekable();
    for entry in moves {
        while let Some(response) = alone.next_if(|response| response.at < entry.at) {
            merged.push(response);
        }
        merged.push(entry);
    }
    merged.extend(alone);
    merged
}
