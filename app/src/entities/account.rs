use sea_orm::entity::prelude::*;

use crate::features::accounts::types::ActorType;
use crate::features::notifications::types::EmailChoice;
use crate::i18n::Locale;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "account")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub email: String,
    pub email_verified_at: Option<DateTimeUtc>,
    pub password_hash: String,
    pub display_name: String,
    pub actor_type: ActorType,
    pub organisation: Option<String>,
    pub locale: Locale,
    /// immediately / daily / off (`features::notifications::EmailChoice`).
    pub email_notifications: EmailChoice,
    pub unsubscribe_token: Option<String>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    /// Until then the account may read but not act.
    pub suspended_until: Option<DateTimeUtc>,
    /// Banned: may read, never act, until an admin lifts it.
    pub banned_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
