//! The audit log's server function: admins only.

use leptos::prelude::*;
use server_fn::codec::GetUrl;

use super::types::AuditPage;
use crate::error::AppError;

#[server(endpoint = "admin/audit", input = GetUrl)]
pub async fn load_audit_log(
    action: Option<String>,
    actor: Option<String>,
    before: Option<i64>,
) -> Result<AuditPage, AppError> {
    use super::types::AuditFilter;
    use crate::features::accounts::types::Role;
    use crate::server::{app_state, auth};

    auth::require_role(Role::Admin)?;
    let filter = AuditFilter::parse(action.as_deref(), actor.as_deref());
    let state = app_state()?;
    Ok(super::service::page(&state.db, &filter, before).await?)
}
