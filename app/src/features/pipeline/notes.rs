//! Internal notes: what staff tell each other about an idea. Only staff
//! read them: the idea page asks for them through a staff-only server
//! function, and nothing public (pages, feeds, the API) reads this table.

use chrono::Utc;
use sea_orm::{ActiveValue::Set, DatabaseConnection, EntityTrait};

use super::owners::staff_idea;
use super::types::INTERNAL_NOTE_MAX;
use crate::entities::idea_note;
use crate::error::AppError;
use crate::features::accounts::types::Viewer;

/// Adds `staff`'s note to the idea.
pub async fn add(
    db: &DatabaseConnection,
    staff: &Viewer,
    idea_id: i64,
    body: &str,
) -> Result<(), AppError> {
    let body = crate::text::required_text("body", body, INTERNAL_NOTE_MAX)?;
    staff_idea(db, staff, idea_id).await?;
    idea_note::Entity::insert(idea_note::ActiveModel {
        idea_id: Set(idea_id),
        author_id: Set(Some(staff.account_id)),
        body: Set(body),
        created_at: Set(Utc::now()),
        ..Default::default()
    })
    .exec(db)
    .await?;
    Ok(())
}
