//! The partners' server functions: the admin's list, and staff's search
//! of every partner catalogue and import of a partner's card.

use leptos::prelude::*;
use server_fn::codec::GetUrl;

use super::types::{Partner, PartnerResults};
use crate::error::AppError;

/// Every partner, for `/admin/partners`.
#[server(endpoint = "admin/partners", input = GetUrl)]
pub async fn load_partners() -> Result<Vec<Partner>, AppError> {
    use crate::features::accounts::types::Role;
    crate::server::auth::require_role(Role::Admin)?;
    super::service::list(&crate::server::app_state()?.db).await
}

/// Lists a partner instance; a repeat of the same form adds it once.
#[server(endpoint = "admin/partners/add")]
pub async fn add_partner(
    name: String,
    base_url: String,
    idempotency_key: String,
) -> Result<i64, AppError> {
    use crate::features::accounts::types::Role;
    use crate::server::{app_state, auth, idempotency};

    let admin = auth::require_role(Role::Admin)?;
    let typed = serde_json::json!({ "name": name, "base_url": base_url });
    let keep = |error: AppError| error.keeping(&typed);
    let key = idempotency::IdempotencyKey::parse(&idempotency_key)?;
    let input = super::input::PartnerInput::parse(&name, &base_url).map_err(keep)?;
    let state = app_state()?;
    let id = idempotency::run_once(&state.db, &key, "admin/partners/add", || {
        super::service::add(&state.db, &admin, input)
    })
    .await
    .map_err(keep)?;
    crate::server::responses::redirect("/admin/partners?saved=1");
    Ok(id)
}

/// Takes a partner off the list.
#[server(endpoint = "admin/partners/remove")]
pub async fn remove_partner(partner_id: i64) -> Result<(), AppError> {
    use crate::features::accounts::types::Role;
    use crate::server::{app_state, auth};

    let admin = auth::require_role(Role::Admin)?;
    super::service::remove(&app_state()?.db, &admin, partner_id).await?;
    crate::server::responses::redirect("/admin/partners?saved=1");
    Ok(())
}

/// What every partner's catalogue holds for the search `q`: staff's.
#[server(endpoint = "partners/search", input = GetUrl)]
pub async fn search_partners(q: String) -> Result<Vec<PartnerResults>, AppError> {
    let viewer = crate::server::auth::require_viewer_even_if_restricted()?;
    viewer.require_staff()?;
    let q: String = q
        .chars()
        .take(crate::features::ideas::listing::SEARCH_MAX)
        .collect();
    super::catalogue::search(&crate::server::app_state()?.db, &q).await
}

/// Imports card `remote_id` of partner `partner_id` as a local draft and
/// leads to it; a repeat with the same key imports it once.
#[server(endpoint = "partners/import")]
pub async fn import_solution(
    partner_id: i64,
    remote_id: i64,
    idempotency_key: String,
) -> Result<i64, AppError> {
    use crate::server::{app_state, auth, idempotency};

    let staff = auth::require_viewer()?;
    staff.require_staff()?;
    let key = idempotency::IdempotencyKey::parse(&idempotency_key)?;
    let state = app_state()?;
    let id = idempotency::run_once(&state.db, &key, "partners/import", || {
        super::import::import(&state.db, &staff, partner_id, remote_id)
    })
    .await?;
    crate::server::responses::redirect(&format!("/solutions/{id}?imported=1"));
    Ok(id)
}
