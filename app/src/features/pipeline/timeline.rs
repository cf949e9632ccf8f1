//! Reading an idea's timeline: one row per status change (written by
//! `ideas::lifecycle` with the change), with the official responses
//! (`responses.rs`) woven in: each with the move it came with, or as a
//! step of its own.

use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder};

use super::responses::{self, Published};
use super::types::TimelineEntry;
use crate::entities::idea_status_change;

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
        .map(|row| {
            let response = responses
                .iter()
                .position(|published| published.status_change_id == Some(row.id))
                .map(|at| responses.remove(at).response);
            TimelineEntry {
                at: row.created_at,
                from: row.from_status,
                to: Some(row.to_status),
                note: row.note,
                card_title: None,
                response,
            }
        })
        .collect();
    let moves = with_card_titles(db, moves).await?;
    let alone = responses
        .into_iter()
        .map(|Published { response, .. }| TimelineEntry {
            at: response.at,
            from: None,
            to: None,
            note: None,
            card_title: None,
            response: Some(response),
        })
        .collect();
    Ok(interleave(moves, alone))
}

/// Names the solution cards here that moves link to, by their title now
/// (a card that is gone keeps its bare address).
async fn with_card_titles(
    db: &impl ConnectionTrait,
    mut moves: Vec<TimelineEntry>,
) -> Result<Vec<TimelineEntry>, DbErr> {
    let cards: Vec<i64> = moves
        .iter()
        .filter_map(|entry| entry.note.as_deref().and_then(super::service::local_card))
        .collect();
    if cards.is_empty() {
        return Ok(moves);
    }
    let titles = crate::entities::solution::Entity::find()
        .filter(crate::entities::solution::Column::Id.is_in(cards))
        .filter(crate::entities::solution::Column::Version.gt(0))
        .all(db)
        .await?;
    for entry in &mut moves {
        let card = entry.note.as_deref().and_then(super::service::local_card);
        entry.card_title = titles
            .iter()
            .find(|found| Some(found.id) == card)
            .map(|found| found.title.clone());
    }
    Ok(moves)
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
