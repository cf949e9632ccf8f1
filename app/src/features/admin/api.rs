use leptos::prelude::*;

use super::types::AccountRow;
use crate::error::AppError;
use crate::features::departments::types::Department;

/// Accounts matching a search, for `/admin/users`. Admins only. A read,
/// so a GET: a restricted admin may still read, as every restricted person may.
#[server(endpoint = "admin/users/find", input = server_fn::codec::GetUrl)]
pub async fn find_accounts(query: String) -> Result<(Vec<AccountRow>, Vec<Department>), AppError> {
    use crate::features::accounts::types::Role;
    use crate::server::{app_state, auth};

    auth::require_role(Role::Admin)?;
    let state = app_state()?;
    let accounts = super::service::find_accounts(&state.db, &query).await?;
    let departments = crate::features::departments::service::all(&state.db).await?;
    Ok((accounts, departments))
}

/// Sets one account's roles and departments. Admins only.
#[server(endpoint = "admin/users/access")]
pub async fn set_access(
    account_id: i64,
    staff: Option<String>,
    moderator: Option<String>,
    admin: Option<String>,
    departments: Option<Vec<i64>>,
    return_query: Option<String>,
) -> Result<(), AppError> {
    use crate::error::Problem;
    use crate::features::accounts::types::Role;
    use crate::features::departments::types::DEPARTMENTS_MAX;
    use crate::server::{app_state, auth};

    let acting = auth::require_role(Role::Admin)?;
    let departments = departments.unwrap_or_default();
    // No municipality has more departments than Samskap keeps; a longer
    // list is refused before any of it is looked up.
    if departments.len() > DEPARTMENTS_MAX {
        return Err(AppError::invalid("departments", Problem::TooLong));
    }
    let roles: Vec<Role> = [
        (staff, Role::Staff),
        (moderator, Role::Moderator),
        (admin, Role::Admin),
    ]
    .into_iter()
    .filter_map(|(checked, role)| checked.map(|_| role))
    .collect();
    let state = app_state()?;
    super::service::set_access(&state.db, &acting, account_id, &roles, &departments).await?;
    let mut back = url::form_urlencoded::Serializer::new(String::new());
    back.append_pair("q", return_query.as_deref().unwrap_or_default())
        .append_pair("saved", &account_id.to_string());
    crate::server::responses::redirect(&format!("/admin/users?{}", back.finish()));
    Ok(())
}
