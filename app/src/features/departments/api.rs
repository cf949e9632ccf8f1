//! The departments page's server functions: admins only. Each change
//! answers a plain form with a redirect back to `/admin/departments`.

use leptos::prelude::*;
use server_fn::codec::GetUrl;

use super::types::DepartmentRow;
use crate::error::AppError;

/// Every department, retired ones too, for `/admin/departments`. A read,
/// so a GET: a restricted admin may still read, as every restricted person may.
#[server(endpoint = "admin/departments", input = GetUrl)]
pub async fn load_departments() -> Result<Vec<DepartmentRow>, AppError> {
    use crate::features::accounts::types::Role;
    use crate::server::{app_state, auth};

    auth::require_role(Role::Admin)?;
    let state = app_state()?;
    super::service::list(&state.db).await
}

/// Adds a department. A repeat of the same form adds it once.
#[server(endpoint = "admin/departments/add")]
pub async fn add_department(name: String, idempotency_key: String) -> Result<i64, AppError> {
    use crate::features::accounts::types::Role;
    use crate::server::{app_state, auth, idempotency};

    let admin = auth::require_role(Role::Admin)?;
    let typed = serde_json::json!({ "name": name });
    let keep = |error: AppError| error.keeping(&typed);
    let key = idempotency::IdempotencyKey::parse(&idempotency_key)?;
    let name = super::types::parse_name(&name).map_err(keep)?;
    let state = app_state()?;
    let id = idempotency::run_once(&state.db, &key, "admin/departments/add", || {
        super::service::add(&state.db, &admin, name)
    })
    .await
    .map_err(keep)?;
    crate::server::responses::redirect(&format!("/admin/departments?saved={id}#department-{id}"));
    Ok(id)
}

/// Renames a department; names stay unique whatever their case.
#[server(endpoint = "admin/departments/rename")]
pub async fn rename_department(department_id: i64, name: String) -> Result<(), AppError> {
    use crate::features::accounts::types::Role;
    use crate::server::{app_state, auth};

    let admin = auth::require_role(Role::Admin)?;
    // The department's id rides along, so the page shows the message on
    // the form of the department it is about.
    let typed = serde_json::json!({ "department_id": department_id, "name": name });
    let keep = |error: AppError| error.keeping(&typed);
    let name = super::types::parse_name(&name).map_err(keep)?;
    let state = app_state()?;
    super::service::rename(&state.db, &admin, department_id, name)
        .await
        .map_err(keep)?;
    crate::server::responses::redirect(&format!(
        "/admin/departments?saved={department_id}#department-{department_id}"
    ));
    Ok(())
}

/// Retires a department: it stays where it is attached and is no longer
/// offered.
#[server(endpoint = "admin/departments/retire")]
pub async fn retire_department(department_id: i64) -> Result<(), AppError> {
    set_retired(department_id, true).await
}

/// Offers a retired department again.
#[server(endpoint = "admin/departments/restore")]
pub async fn restore_department(department_id: i64) -> Result<(), AppError> {
    set_retired(department_id, false).await
}

#[cfg(feature = "ssr")]
async fn set_retired(department_id: i64, retired: bool) -> Result<(), AppError> {
    use crate::features::accounts::types::Role;
    use crate::server::{app_state, auth};

    let admin = auth::require_role(Role::Admin)?;
    let state = app_state()?;
    super::service::set_retired(&state.db, &admin, department_id, retired).await?;
    crate::server::responses::redirect(&format!(
        "/admin/departments?saved={department_id}#department-{department_id}"
    ));
    Ok(())
}
