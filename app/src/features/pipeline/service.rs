//! Staff moving ideas through the pipeline. Every move goes through the
//! ideas' one status change (`ideas::lifecycle`: the transition table, a
//! conditional update so that of two staff moving the same idea at once
//! one wins and the other is told, and the timeline row), published with
//! the official response staff wrote (if any, `responses.rs`) and told to
//! the idea's followers, status and response in one notification, in one
//! transaction.

use sea_orm::{DatabaseConnection, EntityTrait};

use super::owners;
use super::responses::{self, ResponseText};
use super::types::NOTE_MAX;
use crate::entities::idea;
use crate::error::{AppError, Problem};
use crate::features::accounts::types::Viewer;
use crate::features::follows::types::Subject;
use crate::features::ideas::lifecycle::{self, StatusChange};
use crate::features::ideas::status::IdeaStatus;
use crate::features::ideas::transitions::{self, By, Needs};
use crate::features::notifications::service::{self as notifications, Notice, Recipients};
use crate::features::notifications::types::Kind;

/// What the move form sends: where to, and the reason or link if asked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Move {
    pub to: IdeaStatus,
    pub note: Option<String>,
    /// The municipality's official response, published with the move.
    pub response: Option<ResponseText>,
}

impl Move {
    /// Checks `to` and the note against what the move from `from` needs.
    pub fn parse(
        from: IdeaStatus,
        to: &str,
        reason: &str,
        link: &str,
        response: &str,
    ) -> Result<Self, AppError> {
        let to =
            IdeaStatus::parse(to).ok_or_else(|| AppError::invalid("to", Problem::UnknownChoice))?;
        let transition = transitions::find(from, to, By::Staff)
            .ok_or_else(|| AppError::invalid("to", Problem::NotAllowedNow))?;
        let note = match transition.needs {
            Needs::Reason => Some(crate::text::required_text("reason", reason, NOTE_MAX)?),
            Needs::Link => Some(parse_link(link)?),
            // Without a target reached, the reason is what closes it.
            Needs::TargetOrReason => crate::text::optional_text("reason", reason, NOTE_MAX)?,
            Needs::Nothing | Needs::Merge | Needs::MergeUndo | Needs::Owner | Needs::Kpi => None,
        };
        let response = ResponseText::optional(response)?;
        Ok(Self { to, note, response })
    }
}

/// A web address where the need is already met: another site's (a
/// partner's solution card among them), or a solution card here, written
/// `/solutions/12` (its existence is checked by [`move_idea`]).
fn parse_link(value: &str) -> Result<String, AppError> {
    let value = value.trim();
    if value.is_empty() {
        return Err(AppError::invalid("link", Problem::Required));
    }
    if let Some(card) = local_card(value) {
        return Ok(format!("/solutions/{card}"));
    }
    match url::Url::parse(value) {
        Ok(link)
            if matches!(link.scheme(), "http" | "https")
                && link.has_host()
                && value.len() <= NOTE_MAX =>
        {
            Ok(link.to_string())
        }
        _ => Err(AppError::invalid("link", Problem::InvalidLink)),
    }
}

/// The id of the solution card here that `link` names (`/solutions/12`).
pub fn local_card(link: &str) -> Option<i64> {
    let id = link.strip_prefix("/solutions/")?;
    if id.is_empty() || id.len() > 18 || !id.bytes().all(|byte| byte.is_ascii_digit()) {
        return None;
    }
    id.parse().ok()
}

/// Refuses a link to a card here that nobody may read: unknown, or a
/// draft.
async fn check_local_card(
    db: &impl sea_orm::ConnectionTrait,
    note: Option<&str>,
) -> Result<(), AppError> {
    use sea_orm::{ColumnTrait, QueryFilter};
    let Some(card) = note.and_then(local_card) else {
        return Ok(());
    };
    let published = crate::entities::solution::Entity::find_by_id(card)
        .filter(crate::entities::solution::Column::Version.gt(0))
        .one(db)
        .await?;
    match published {
        Some(_) => Ok(()),
        None => Err(AppError::invalid("link", Problem::InvalidLink)),
    }
}

/// What staff ask of a move, as the form typed it.
#[derive(Clone, Copy, Debug, Default)]
pub struct MoveRequest<'a> {
    pub to: &'a str,
    pub reason: &'a str,
    pub link: &'a str,
    pub response: &'a str,
    /// A department to own the idea from now on (moves into review).
    pub department: &'a str,
}

/// Moves idea `id` as `staff` asks, if the table allows it from where the
/// idea is now, with the official response if one is given. A move into
/// review leaves the idea with at least one owner department. Returns the
/// status it left.
pub async fn move_idea(
    db: &DatabaseConnection,
    staff: &Viewer,
    id: i64,
    request: MoveRequest<'_>,
) -> Result<IdeaStatus, AppError> {
    let MoveRequest {
        to,
        reason,
        link,
        response,
        department,
    } = request;
    staff.require_staff()?;
    let transaction = crate::server::transactions::begin(db).await?;
    let found = idea::Entity::find_by_id(id)
        .one(&transaction)
        .await?
        .ok_or(AppError::NotFound)?;
    let from = found.status;
    let wanted = Move::parse(from, to, reason, link, response)?;
    check_local_card(&transaction, wanted.note.as_deref()).await?;
    let department = match department.trim() {
        "" => None,
        named => Some(owners::known_department(&transaction, named).await?),
    };
    let change = lifecycle::change_status(
        &transaction,
        StatusChange::new(id, from, wanted.to, By::Staff)
            .actor(staff.account_id)
            .note(wanted.note),
    )
    .await?;
    if let Some(department) = department.filter(|_| wanted.to.is_in_pipeline()) {
        owners::add(&transaction, id, department, staff.account_id).await?;
    }
    let needs_owner = transitions::find(from, wanted.to, By::Staff)
        .is_some_and(|transition| transition.needs == Needs::Owner);
    if needs_owner && owners::count(&transaction, id).await? == 0 {
        // Dropping the transaction undoes the move.
        return Err(AppError::invalid("department_id", Problem::Required));
    }
    let mut notice = Notice::new(Kind::IdeaStatus)
        .idea(id)
        .detail(wanted.to.as_str());
    if let Some(text) = wanted.response {
        let response = responses::publish(
            &transaction,
            id,
            wanted.to,
            staff.account_id,
            Some(change),
            text,
        )
        .await?;
        notice = notice.response(response);
    }
    notifications::send(
        &transaction,
        notice,
        Recipients::Followers(Subject::Idea(id)),
        Some(staff.account_id),
    )
    .await?;
    transaction.commit().await?;
    Ok(from)
}
