//! Importing a partner's solution card: its newest version is read from
//! the partner's open data API, checked as the card form checks what
//! staff type, and kept here as a draft that says where it came from (the
//! partner, the card's page, title and version), to adapt and publish.

use sea_orm::{ActiveModelTrait as _, ActiveValue::Set, DatabaseConnection, EntityTrait};
use serde::Deserialize;

use crate::entities::solution;
use crate::error::{AppError, Problem};
use crate::features::accounts::types::Viewer;
use crate::features::solutions::types::{SolutionForm, SolutionText};
use crate::server::outgoing::{self, PARTNER};

#[derive(Deserialize)]
struct Licence {
    id: String,
}

/// A card as a partner's API gives it.
#[derive(Deserialize)]
struct RemoteCard {
    url: String,
    version: i32,
    title: String,
    problem: String,
    context: String,
    what_was_done: String,
    cost_nok: Option<i64>,
    cost_note: String,
    contact: String,
    licence: Licence,
    maturity: String,
    focus_area: String,
}

/// Imports card `remote_id` of partner `partner_id` as a local draft made
/// by `staff`; returns its id. A partner that does not answer, or answers
/// with what the card form would refuse, is named at the form's field.
pub async fn import(
    db: &DatabaseConnection,
    staff: &Viewer,
    partner_id: i64,
    remote_id: i64,
) -> Result<i64, AppError> {
    staff.require_staff()?;
    let partner = super::service::find(db, partner_id)
        .await
        .map_err(|_| AppError::invalid("partner_id", Problem::UnknownChoice))?;
    let listed = super::service::listed_origins(db).await?;
    let url = url::Url::parse(&format!(
        "{}/api/v1/solutions/{remote_id}",
        partner.base_url
    ))
    .map_err(|_| AppError::invalid("partner_id", Problem::UnknownChoice))?;
    let unavailable = || AppError::invalid("partner_id", Problem::PartnerUnavailable);
    let body = outgoing::fetch(&url, &listed, PARTNER, None)
        .await
        .map_err(|error| {
            tracing::info!(partner = %partner.base_url, %error, "a partner's card could not be read");
            unavailable()
        })?;
    let remote: RemoteCard = serde_json::from_str(&body).map_err(|_| unavailable())?;
    if !remote.url.starts_with(&format!("{}/", partner.base_url)) {
        return Err(unavailable());
    }
    let cost = remote
        .cost_nok
        .map(|cost| cost.to_string())
        .unwrap_or_default();
    let text = SolutionText::parse(&SolutionForm {
        title: &remote.title,
        problem: &remote.problem,
        context: &remote.context,
        what_was_done: &remote.what_was_done,
        cost_nok: &cost,
        cost_note: &remote.cost_note,
        contact: &remote.contact,
        licence: &remote.licence.id,
        maturity: &remote.maturity,
        focus_area: &remote.focus_area,
    })
    .map_err(|_| unavailable())?;
    let title = text.title.clone();
    let id =
        crate::features::solutions::service::create(db, Some(staff.account_id), None, text, &[])
            .await?;
    let mut card: solution::ActiveModel = solution::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?
        .into();
    card.origin_partner_id = Set(Some(partner.id));
    card.origin_url = Set(remote.url);
    card.origin_title = Set(title);
    card.origin_version = Set(Some(remote.version));
    card.update(db).await?;
    Ok(id)
}
