//! The municipality's official responses: public answers to an idea,
//! written by staff at any public stage, on their own or with a status
//! move (`service::move_idea`). Either way a response is one row of
//! `idea_official_response`, signed with a department of its writer, shown
//! in the idea's timeline and, the newest, at the top of the idea's page;
//! and the idea's followers are told with its text, in the transaction
//! that publishes it.

use chrono::Utc;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait,
    QueryFilter, QueryOrder, QuerySelect,
};

use super::types::{OfficialResponse, RESPONSE_MAX, takes_responses};
use crate::entities::{
    department, department_member, idea, idea_department, idea_official_response,
};
use crate::error::{AppError, Problem};
use crate::features::accounts::types::Viewer;
use crate::features::follows::types::Subject;
use crate::features::ideas::status::IdeaStatus;
use crate::features::notifications::service::{self as notifications, Notice, Recipients};
use crate::features::notifications::types::Kind;

/// The text of an official response, as the form typed it: required, at
/// most [`RESPONSE_MAX`] characters, Markdown.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ResponseText(String);

impl ResponseText {
    pub fn parse(value: &str) -> Result<Self, AppError> {
        crate::text::required_text("response", value, RESPONSE_MAX).map(Self)
    }

    /// The response a move's form may carry: none when left empty.
    pub fn optional(value: &str) -> Result<Option<Self>, AppError> {
        Ok(crate::text::optional_text("response", value, RESPONSE_MAX)?.map(Self))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Staff publish `text` as the municipality's response to idea `idea_id`,
/// without moving it, and its followers are told. Who may move ideas may
/// respond: staff and admins. Returns the response's id.
pub async fn respond(
    db: &DatabaseConnection,
    staff: &Viewer,
    idea_id: i64,
    text: ResponseText,
) -> Result<i64, AppError> {
    staff.require_staff()?;
    let transaction = crate::server::transactions::begin(db).await?;
    // On the idea's row lock: a move at the same moment comes before or
    // after, and the response names the status the idea really has.
    crate::features::ideas::service::lock_idea(&transaction, idea_id).await?;
    let found = idea::Entity::find_by_id(idea_id)
        .one(&transaction)
        .await?
        .ok_or(AppError::NotFound)?;
    let status = found.status;
    // A hidden idea, like a draft, is nothing the public may read, so
    // nothing to answer in public either.
    if !status.is_public() || found.hidden_at.is_some() {
        return Err(AppError::NotFound);
    }
    if !takes_responses(status) {
        return Err(AppError::invalid("response", Problem::NotAllowedNow));
    }
    let id = publish(&transaction, idea_id, status, staff.account_id, None, text).await?;
    notifications::send(
        &transaction,
        Notice::new(Kind::IdeaResponse).idea(idea_id).response(id),
        Recipients::Followers(Subject::Idea(idea_id)),
        Some(staff.account_id),
    )
    .await?;
    transaction.commit().await?;
    Ok(id)
}

/// Writes the response, signed with a department of `author`'s: one that
/// owns the idea if there is one, else the first they belong to. The
/// caller tells the followers (with a move: in the move's notification).
pub(super) async fn publish(
    db: &impl ConnectionTrait,
    idea_id: i64,
    status: IdeaStatus,
    author: i64,
    status_change_id: Option<i64>,
    text: ResponseText,
) -> Result<i64, DbErr> {
    let department_id = signing_department(db, idea_id, author).await?;
    let inserted = idea_official_response::Entity::insert(idea_official_response::ActiveModel {
        idea_id: Set(idea_id),
        status_change_id: Set(status_change_id),
        author_id: Set(Some(author)),
        department_id: Set(department_id),
        status: Set(status),
        body: Set(text.0),
        created_at: Set(Utc::now()),
        ..Default::default()
    })
    .exec(db)
    .await?;
    Ok(inserted.last_insert_id)
}

async fn signing_department(
    db: &impl ConnectionTrait,
    idea_id: i64,
    author: i64,
) -> Result<Option<i64>, DbErr> {
    let mine: Vec<i64> = department_member::Entity::find()
        .select_only()
        .column(department_member::Column::DepartmentId)
        .filter(department_member::Column::AccountId.eq(author))
        .order_by_asc(department_member::Column::DepartmentId)
        .into_tuple()
        .all(db)
        .await?;
    let Some(first) = mine.first().copied() else {
        return Ok(None);
    };
    let owning: Option<i64> = idea_department::Entity::find()
        .select_only()
        .column(idea_department::Column::DepartmentId)
        .filter(idea_department::Column::IdeaId.eq(idea_id))
        .filter(idea_department::Column::DepartmentId.is_in(mine))
        .order_by_asc(idea_department::Column::DepartmentId)
        .into_tuple()
        .one(db)
        .await?;
    Ok(Some(owning.unwrap_or(first)))
}

/// A response of the idea's, with the move it came with (if any).
pub(super) struct Published {
    pub status_change_id: Option<i64>,
    pub response: OfficialResponse,
}

/// Every official response to idea `idea_id`, oldest first, as the public
/// reads them.
pub(super) async fn of_idea(
    db: &impl ConnectionTrait,
    idea_id: i64,
) -> Result<Vec<Published>, DbErr> {
    let rows = idea_official_response::Entity::find()
        .filter(idea_official_response::Column::IdeaId.eq(idea_id))
        .order_by_asc(idea_official_response::Column::Id)
        .all(db)
        .await?;
    if rows.is_empty() {
        return Ok(Vec::new());
    }
    let department_ids: Vec<i64> = rows.iter().filter_map(|row| row.department_id).collect();
    let departments: Vec<(i64, String)> = department::Entity::find()
        .select_only()
        .columns([department::Column::Id, department::Column::Name])
        .filter(department::Column::Id.is_in(department_ids))
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|row| Published {
            status_change_id: row.status_change_id,
            response: OfficialResponse {
                at: row.created_at,
                department: departments
                    .iter()
                    .find(|(id, _)| Some(*id) == row.department_id)
                    .map(|(_, name)| name.clone()),
                status: row.status,
                html: crate::markdown::render(&row.body),
            },
        })
        .collect())
}
