//! "What we learned": one lesson per idea, written by staff once the idea
//! was piloted, implemented or declined. It is internal until staff tick
//! "public"; then it is on the idea's page and gathered on `/impact`.

use chrono::Utc;
use sea_orm::sea_query::OnConflict;
use sea_orm::{ActiveValue::Set, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait};

use super::types::{LESSON_MAX, Lesson, takes_lesson};
use crate::entities::{account, idea_lesson};
use crate::error::{AppError, Problem};
use crate::features::accounts::types::Viewer;
use crate::features::pipeline::owners::{self, staff_idea};
use crate::features::pipeline::types::WorkEvent;

/// The lesson of idea `idea_id` as `staff` edit it.
pub async fn load(
    db: &impl ConnectionTrait,
    staff: &Viewer,
    idea_id: i64,
) -> Result<Lesson, AppError> {
    staff_idea(db, staff, idea_id).await?;
    let Some(found) = idea_lesson::Entity::find_by_id(idea_id).one(db).await? else {
        return Ok(Lesson::default());
    };
    let updated_by = match found.updated_by {
        Some(id) => account::Entity::find_by_id(id)
            .one(db)
            .await?
            .map(|person| person.display_name),
        None => None,
    };
    Ok(Lesson {
        body: found.body,
        public: found.public,
        updated_at: Some(found.updated_at),
        updated_by,
    })
}

/// Writes the lesson of idea `idea_id`; the same text and switch again
/// change nothing and log nothing.
pub async fn save(
    db: &DatabaseConnection,
    staff: &Viewer,
    idea_id: i64,
    body: &str,
    public: bool,
) -> Result<(), AppError> {
    let body = crate::text::required_text("body", body, LESSON_MAX)?;
    let transaction = crate::server::transactions::begin(db).await?;
    let (_, status) = staff_idea(&transaction, staff, idea_id).await?;
    if !takes_lesson(status) {
        return Err(AppError::invalid("body", Problem::LessonNotYet));
    }
    let before = idea_lesson::Entity::find_by_id(idea_id)
        .one(&transaction)
        .await?;
    if before.is_some_and(|found| found.body == body && found.public == public) {
        return Ok(());
    }
    idea_lesson::Entity::insert(idea_lesson::ActiveModel {
        idea_id: Set(idea_id),
        body: Set(body),
        public: Set(public),
        updated_at: Set(Utc::now()),
        updated_by: Set(Some(staff.account_id)),
    })
    .on_conflict(
        OnConflict::column(idea_lesson::Column::IdeaId)
            .update_columns([
                idea_lesson::Column::Body,
                idea_lesson::Column::Public,
                idea_lesson::Column::UpdatedAt,
                idea_lesson::Column::UpdatedBy,
            ])
            .to_owned(),
    )
    .exec(&transaction)
    .await?;
    owners::log(
        &transaction,
        idea_id,
        WorkEvent::LessonWritten,
        None,
        staff.account_id,
    )
    .await?;
    transaction.commit().await?;
    crate::server::rollup_cache::changed();
    Ok(())
}

/// The published lesson of idea `idea_id`, rendered and sanitised: what
/// everyone may read. An internal one stays out.
pub async fn public_lesson(
    db: &impl ConnectionTrait,
    idea_id: i64,
) -> Result<Option<String>, DbErr> {
    Ok(idea_lesson::Entity::find_by_id(idea_id)
        .one(db)
        .await?
        .filter(|found| found.public)
        .map(|found| crate::markdown::render(&found.body)))
}
