//! The municipality's departments (virksomheter). Staff belong to them,
//! they own challenges, and they own ideas from review onwards.
//!
//! Admins add, rename, retire and restore them under `/admin/departments`.
//! A department is never deleted: a retired one stays by name on the ideas,
//! challenges and staff it is attached to, and is no longer offered where a
//! department is chosen (`select_options`); a server function refuses it
//! when it is sent by hand (`require_offered`).
pub mod api;
pub mod components;
#[cfg(feature = "ssr")]
pub mod service;
pub mod types;

use serde::{Deserialize, Serialize};

use crate::i18n::Messages;

/// A department as forms and lists show it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Department {
    pub id: i64,
    pub name: String,
    /// Retired by an admin: shown where attached, never offered.
    #[serde(default)]
    pub retired: bool,
}

impl Department {
    /// The name, marked when the department is retired.
    pub fn label(&self, t: &'static Messages) -> String {
        if self.retired {
            format!("{} ({})", self.name, t.departments_retired_mark)
        } else {
            self.name.clone()
        }
    }
}

/// `(value, label)` pairs for a department select: the departments still
/// offered, so a retired one is never chosen anew.
pub fn select_options(departments: Vec<Department>) -> Vec<(String, String)> {
    departments
        .into_iter()
        .filter(|department| !department.retired)
        .map(|department| (department.id.to_string(), department.name))
        .collect()
}

/// Like [`select_options`], with the department the form holds already
/// (`kept`: an edit's current owner) offered too, marked when retired: what
/// is attached may stay, but a retired department is not chosen anew.
pub fn select_options_keeping(
    departments: Vec<Department>,
    kept: Option<i64>,
    t: &'static Messages,
) -> Vec<(String, String)> {
    departments
        .into_iter()
        .filter(|department| !department.retired || Some(department.id) == kept)
        .map(|department| (department.id.to_string(), department.label(t)))
        .collect()
}

/// Every department by name, the retired ones marked: names of departments
/// already attached and filters over what was keep them; a form's choices
/// pass through [`select_options`], which leaves them out.
#[cfg(feature = "ssr")]
pub async fn all(
    db: &impl sea_orm::ConnectionTrait,
) -> Result<Vec<Department>, crate::error::AppError> {
    Ok(service::rows(db)
        .await?
        .into_iter()
        .map(|found| Department {
            id: found.id,
            retired: found.retired_at.is_some(),
            name: found.name,
        })
        .collect())
}

/// The department `id` that a form's `field` names, if it may be chosen:
/// an unknown id is not one of the options, a retired one is refused with
/// its own message.
#[cfg(feature = "ssr")]
pub async fn require_offered(
    db: &impl sea_orm::ConnectionTrait,
    field: &str,
    id: i64,
) -> Result<Department, crate::error::AppError> {
    use crate::error::{AppError, Problem};
    use sea_orm::EntityTrait;

    let found = crate::entities::department::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or_else(|| AppError::invalid(field, Problem::UnknownChoice))?;
    if found.retired_at.is_some() {
        return Err(AppError::invalid(field, Problem::DepartmentRetired));
    }
    Ok(Department {
        id: found.id,
        name: found.name,
        retired: false,
    })
}
