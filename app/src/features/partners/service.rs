//! The partner list: admins add and remove partner instances; everything
//! that fetches from another server takes the listed origins from here.

use chrono::Utc;
use sea_orm::{
    ActiveValue::Set, ConnectionTrait, DatabaseConnection, EntityTrait, QueryOrder, QuerySelect,
};

use super::input::PartnerInput;
use super::types::Partner;
use crate::entities::partner;
use crate::error::{AppError, Problem};
use crate::features::accounts::types::Viewer;

fn require_admin(viewer: &Viewer) -> Result<(), AppError> {
    if viewer.has_role(crate::features::accounts::types::Role::Admin) {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

fn partner_of(found: partner::Model) -> Partner {
    Partner {
        id: found.id,
        name: found.name,
        base_url: found.base_url,
    }
}

/// Every partner, by name.
pub async fn list(db: &impl ConnectionTrait) -> Result<Vec<Partner>, AppError> {
    Ok(partner::Entity::find()
        .order_by_asc(partner::Column::Name)
        .all(db)
        .await?
        .into_iter()
        .map(partner_of)
        .collect())
}

/// The origins Samskap may fetch from.
pub async fn listed_origins(db: &impl ConnectionTrait) -> Result<Vec<String>, AppError> {
    Ok(partner::Entity::find()
        .select_only()
        .column(partner::Column::BaseUrl)
        .into_tuple()
        .all(db)
        .await?)
}

pub async fn find(db: &impl ConnectionTrait, id: i64) -> Result<Partner, AppError> {
    partner::Entity::find_by_id(id)
        .one(db)
        .await?
        .map(partner_of)
        .ok_or(AppError::NotFound)
}

/// Adds a partner; the same address twice is refused at its field.
pub async fn add(
    db: &DatabaseConnection,
    admin: &Viewer,
    input: PartnerInput,
) -> Result<i64, AppError> {
    require_admin(admin)?;
    let added = partner::Entity::insert(partner::ActiveModel {
        name: Set(input.name),
        base_url: Set(input.base_url),
        created_at: Set(Utc::now()),
        ..Default::default()
    })
    .exec(db)
    .await
    .map_err(|error| AppError::from(error).conflict_as("base_url", Problem::PartnerTaken))?;
    Ok(added.last_insert_id)
}

/// Removes a partner: its host is no longer fetched from, and the
/// adoptions it reported go with it.
pub async fn remove(db: &DatabaseConnection, admin: &Viewer, id: i64) -> Result<(), AppError> {
    require_admin(admin)?;
    partner::Entity::delete_by_id(id).exec(db).await?;
    Ok(())
}
