//! The idea page's read model: the idea as this reader may see it, with
//! what it gathers from other features (the reader's support, follow and
//! report, the timeline with the official responses). A surface in the
//! feature order (README.md): the rules in `service.rs` need none of it.

use chrono::Utc;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder};

use super::lists::cards_with_photos;
use super::service::{edit_window, editable, is_author, readable};
use super::types::{ChallengeLink, IdeaCard, IdeaDetail, ViewerOnIdea};
use crate::entities::{challenge, idea, idea_tag};
use crate::error::AppError;
use crate::features::accounts::types::{Author, Viewer};
use crate::features::follows::types::Subject;
use crate::features::goals::service::{Linked, active_goals};
use crate::features::moderation::types::Hidden;

pub async fn detail(
    db: &DatabaseConnection,
    viewer: Option<&Viewer>,
    id: i64,
) -> Result<IdeaDetail, AppError> {
    let found = readable(db, viewer, id).await?;
    let tags = idea_tag::Entity::find()
        .filter(idea_tag::Column::IdeaId.eq(id))
        .order_by_asc(idea_tag::Column::Tag)
        .all(db)
        .await?
        .into_iter()
        .map(|tag| tag.tag)
        .collect();
    let challenge = match found.challenge_id {
        Some(challenge_id) => challenge::Entity::find_by_id(challenge_id)
            .one(db)
            .await?
            // A hidden challenge is not named on its ideas' pages.
            .filter(|found| found.hidden_at.is_none())
            .map(|found| ChallengeLink {
                id: found.id,
                title: found.title,
            }),
        None => None,
    };
    let author = is_author(&found, viewer);
    let (can_edit, edit_until) = edit_window(&found, Utc::now());
    let (supported, following, reported) = match viewer {
        Some(viewer) => (
            crate::features::supports::service::supported_ideas(db, viewer.account_id, &[id])
                .await?
                .contains(&id),
            crate::features::follows::service::is_following(
                db,
                viewer.account_id,
                Subject::Idea(id),
            )
            .await?,
            crate::features::moderation::reports::reported_by(db, viewer.account_id, "idea", &[id])
                .await?
                .contains(&id),
        ),
        None => (false, false, false),
    };
    let hidden = Hidden::from_columns(found.hidden_at, found.hidden_reason.clone());
    let duplicate_of = match found.duplicate_of_id {
        Some(into) => idea::Entity::find_by_id(into)
            .one(db)
            .await?
            .filter(|target| target.hidden_at.is_none())
            .map(|target| ChallengeLink {
                id: target.id,
                title: target.title,
            }),
        None => None,
    };
    let viewer_on_idea = ViewerOnIdea {
        is_author: author,
        can_edit: author && can_edit,
        edit_until: edit_until.filter(|_| author),
        can_withdraw: author && found.status.can_be_withdrawn(),
        signed_in: viewer.is_some(),
        email_verified: viewer.is_some_and(|viewer| viewer.email_verified),
        supported,
        following,
        reported,
        moderates: viewer.is_some_and(Viewer::moderates),
        acts_as_staff: viewer.is_some_and(Viewer::acts_as_staff),
    };
    let timeline = crate::features::pipeline::timeline::of(db, id).await?;
    let goals = active_goals(db, Linked::Idea(id)).await?;
    let public_kpis = crate::features::gains::service::public_kpis(db, id).await?;
    let lesson_html = crate::features::gains::lessons::public_lesson(db, id).await?;
    let solution = crate::features::solutions::service::card_of_idea(db, id).await?;
    let body_html = crate::markdown::render(&found.body);
    let created_at = found.created_at;
    let body = if author {
        found.body.clone()
    } else {
        String::new()
    };
    let (card, photos) = cards_with_photos(db, vec![found])
        .await?
        .pop()
        .ok_or(AppError::NotFound)?;
    let detail = IdeaDetail {
        card,
        body,
        body_html,
        tags,
        challenge,
        photos,
        created_at,
        viewer: viewer_on_idea,
        hidden,
        duplicate_of,
        timeline,
        goals,
        public_kpis,
        lesson_html,
        solution,
    };
    Ok(if detail.redacted() {
        redact(detail)
    } else {
        detail
    })
}

/// A hidden idea as everyone but its author and moderators receives it:
/// the notice, with nothing of what was hidden.
fn redact(detail: IdeaDetail) -> IdeaDetail {
    IdeaDetail {
        card: IdeaCard {
            title: String::new(),
            summary: String::new(),
            author: Author::deleted(),
            thumbnail: None,
            ..detail.card
        },
        body: String::new(),
        body_html: String::new(),
        tags: Vec::new(),
        challenge: None,
        photos: Vec::new(),
        timeline: Vec::new(),
        goals: Vec::new(),
        public_kpis: Vec::new(),
        lesson_html: None,
        solution: None,
        ..detail
    }
}

/// The author's own idea, while they may still change it (the edit page).
pub async fn editable_detail(
    db: &DatabaseConnection,
    author: &Viewer,
    id: i64,
) -> Result<IdeaDetail, AppError> {
    editable(db, author, id).await?;
    detail(db, Some(author), id).await
}
