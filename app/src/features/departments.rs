//! The municipality's departments (virksomheter). Staff belong to them,
//! they own challenges, and they own ideas from review onwards.

use serde::{Deserialize, Serialize};

/// A department as forms and lists show it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Department {
    pub id: i64,
    pub name: String,
}

/// `(value, label)` pairs for a department select.
pub fn select_options(departments: Vec<Department>) -> Vec<(String, String)> {
    departments
        .into_iter()
        .map(|department| (department.id.to_string(), department.name))
        .collect()
}

/// Every department, by name.
#[cfg(feature = "ssr")]
pub async fn all(
    db: &impl sea_orm::ConnectionTrait,
) -> Result<Vec<Department>, crate::error::AppError> {
    use sea_orm::{EntityTrait, QueryOrder};

    use crate::entities::department;

    Ok(department::Entity::find()
        .order_by_asc(department::Column::Name)
        .all(db)
        .await?
        .into_iter()
        .map(|found| Department {
            id: found.id,
            name: found.name,
        })
        .collect())
}
