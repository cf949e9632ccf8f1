//! One email waiting in, or delivered from, the outbox (see `server::mail`).
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "outbox")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    /// The unique part of the Message-ID header: `<message_id@sender's domain>`.
    #[sea_orm(unique)]
    pub message_id: String,
    pub recipient: String,
    pub template: String,
    #[sea_orm(column_type = "Text")]
    pub subject: String,
    #[sea_orm(column_type = "Text")]
    pub body_text: String,
    #[sea_orm(column_type = "Text")]
    pub body_html: String,
    /// Extra headers as a JSON array of `[name, value]` pairs.
    #[sea_orm(column_type = "Text")]
    pub headers: String,
    pub created_at: DateTimeUtc,
    pub attempts: i32,
    /// Not before this time: the back-off after a failure, or the end of the
    /// lease of the worker holding it.
    pub next_attempt_at: DateTimeUtc,
    pub lease_token: Option<String>,
    #[sea_orm(column_type = "Text", nullable)]
    pub last_error: Option<String>,
    pub sent_at: Option<DateTimeUtc>,
    /// Set aside after the mail server kept refusing it.
    pub failed_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
