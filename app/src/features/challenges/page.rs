//! The challenge page's read model: the challenge as this reader may see
//! it, with its team, its ideas, its shared goals and the reader's follow
//! and report. A
//! surface in the feature order (README.md): the rules in `service.rs`
//! need none of it.

use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder};

use super::service::{cards, hidden_from, visible};
use super::types::{ChallengeCard, ChallengeDetail, TeamMember, ViewerOnChallenge};
use crate::entities::challenge_member;
use crate::error::AppError;
use crate::features::accounts::types::Author;
use crate::features::accounts::types::Viewer;
use crate::features::follows::{service as follows, types::Subject};
use crate::features::goals::service::{Linked, active_goals};
use crate::features::moderation::types::Hidden;

pub async fn detail(
    db: &DatabaseConnection,
    viewer: Option<&Viewer>,
    id: i64,
) -> Result<ChallengeDetail, AppError> {
    let found = visible(db, viewer, id).await?;
    let card = cards(db, vec![found.clone()])
        .await?
        .pop()
        .ok_or(AppError::NotFound)?;
    let members = challenge_member::Entity::find()
        .filter(challenge_member::Column::ChallengeId.eq(id))
        .order_by_asc(challenge_member::Column::JoinedAt)
        .all(db)
        .await?;
    let mut people_ids: Vec<i64> = members.iter().map(|m| m.account_id).collect();
    people_ids.extend(found.proposed_by);
    let people = crate::features::accounts::authors::authors(db, &people_ids).await?;
    let person = |id: i64| people.get(&id).cloned().unwrap_or_else(Author::deleted);
    let is_member =
        viewer.is_some_and(|viewer| members.iter().any(|m| m.account_id == viewer.account_id));
    let state = found.state;
    let hidden = Hidden::from_columns(found.hidden_at, found.hidden_reason.clone());
    if hidden_from(&found, viewer) {
        return Ok(ChallengeDetail {
            card: ChallengeCard {
                title: String::new(),
                department: None,
                accepts_ideas: false,
                ..card
            },
            problem_html: String::new(),
            decline_reason: None,
            proposed_by: None,
            team: Vec::new(),
            ideas: Vec::new(),
            viewer: ViewerOnChallenge {
                signed_in: viewer.is_some(),
                ..ViewerOnChallenge::default()
            },
            hidden,
            redacted: true,
            goals: Vec::new(),
        });
    }
    let reported = match viewer {
        Some(viewer) => crate::features::moderation::reports::reported_by(
            db,
            viewer.account_id,
            "challenge",
            &[id],
        )
        .await?
        .contains(&id),
        None => false,
    };
    Ok(ChallengeDetail {
        hidden,
        redacted: false,
        problem_html: crate::markdown::render(&found.problem),
        decline_reason: found.decline_reason.clone(),
        proposed_by: found.proposed_by.map(person),
        team: members
            .iter()
            .map(|member| TeamMember {
                person: person(member.account_id),
                note: member.note.clone(),
                joined_at: member.joined_at,
            })
            .collect(),
        ideas: crate::features::ideas::lists::in_challenge(db, id).await?,
        viewer: ViewerOnChallenge {
            signed_in: viewer.is_some(),
            is_member,
            can_join: viewer.is_some() && !is_member && state.accepts_members(),
            can_manage: viewer.is_some_and(Viewer::acts_as_staff),
            following: match viewer {
                Some(viewer) => {
                    follows::is_following(db, viewer.account_id, Subject::Challenge(id)).await?
                }
                None => false,
            },
            reported,
            moderates: viewer.is_some_and(Viewer::moderates),
        },
        goals: active_goals(db, Linked::Challenge(id)).await?,
        card,
    })
}
