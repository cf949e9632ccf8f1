//! Everything staff read about their work on one idea: owners, the internal
//! log, scorecards with their summary, and internal notes. Read only
//! through `load_idea_work`, which only staff pass.

use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

use super::evaluation::{self, scores_of};
use super::owners::staff_idea;
use super::types::{IdeaWork, InternalNote, Scorecard, WorkLogEntry};
use crate::entities::{idea_department, idea_note, idea_pipeline_event};
use crate::error::AppError;
use crate::features::accounts::authors::authors;
use crate::features::accounts::types::Viewer;
use crate::features::departments::service as departments;
use crate::features::goals::service::{self as goals, Linked};
use crate::features::ideas::status::IdeaStatus;

/// The staff's side of idea `idea_id`.
pub async fn load(
    db: &impl ConnectionTrait,
    staff: &Viewer,
    idea_id: i64,
) -> Result<IdeaWork, AppError> {
    let (found, status) = staff_idea(db, staff, idea_id).await?;
    let departments = departments::all(db).await?;
    let department_name = |id: Option<i64>| {
        departments
            .iter()
            .find(|known| Some(known.id) == id)
            .map(|known| known.name.clone())
    };
    let owner_ids: Vec<i64> = idea_department::Entity::find()
        .filter(idea_department::Column::IdeaId.eq(idea_id))
        .all(db)
        .await?
        .into_iter()
        .map(|owner| owner.department_id)
        .collect();
    // Owners are shown retired or not; only departments still offered can
    // be named as new owners.
    let owners = departments
        .iter()
        .filter(|known| owner_ids.contains(&known.id))
        .cloned()
        .collect();
    let offered = departments
        .iter()
        .filter(|known| !known.retired)
        .cloned()
        .collect();
    let events = idea_pipeline_event::Entity::find()
        .filter(idea_pipeline_event::Column::IdeaId.eq(idea_id))
        .order_by_asc(idea_pipeline_event::Column::Id)
        .all(db)
        .await?;
    let cards = evaluation::of_ideas(db, vec![idea_id]).await?;
    let notes = idea_note::Entity::find()
        .filter(idea_note::Column::IdeaId.eq(idea_id))
        .order_by_asc(idea_note::Column::Id)
        .all(db)
        .await?;
    let people: Vec<i64> = events
        .iter()
        .map(|event| event.actor_id)
        .chain(cards.iter().map(|card| card.evaluator_id))
        .chain(notes.iter().map(|note| note.author_id))
        .flatten()
        .collect();
    let people = authors(db, &people).await?;
    let name = |id: Option<i64>| {
        id.and_then(|id| people.get(&id))
            .and_then(|author| author.display_name.clone())
    };
    let log = events
        .into_iter()
        .map(|event| WorkLogEntry {
            at: event.created_at,
            event: event.kind,
            department: department_name(event.department_id),
            actor: name(event.actor_id),
        })
        .collect();
    let mine = cards
        .iter()
        .find(|card| card.evaluator_id == Some(staff.account_id))
        .map(|card| scorecard(card, name(card.evaluator_id)));
    let summary = evaluation::summary(&cards);
    let linked_goals = goals::linked_ids(db, Linked::Idea(idea_id)).await?;
    let takes_goals = super::goals::open_for_goals(db, idea_id, status).await?;
    let scorecards = cards
        .iter()
        .map(|card| scorecard(card, name(card.evaluator_id)))
        .collect();
    Ok(IdeaWork {
        idea_id,
        status,
        // Any status change ends a nomination (`ideas::lifecycle`).
        nominated: found.nominated_at.is_some(),
        owners,
        departments: offered,
        log,
        summary,
        scorecards,
        mine,
        can_score: status == IdeaStatus::UnderReview,
        notes: notes
            .into_iter()
            .map(|note| InternalNote {
                author: name(note.author_id),
                at: note.created_at,
                body_html: crate::markdown::render(&note.body),
            })
            .collect(),
        goals: goals::all(db).await?,
        linked_goals,
        takes_goals,
    })
}

fn scorecard(
    card: &crate::entities::idea_evaluation::Model,
    evaluator: Option<String>,
) -> Scorecard {
    Scorecard {
        evaluator,
        scores: scores_of(card),
        comment: card.comment.clone(),
        at: card.updated_at,
    }
}
