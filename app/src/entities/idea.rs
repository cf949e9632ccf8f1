use sea_orm::entity::prelude::*;

use crate::features::accounts::types::ActorType;
use crate::features::focus_area::FocusArea;
use crate::features::ideas::status::IdeaStatus;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "idea")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub author_id: Option<i64>,
    pub author_actor_type: ActorType,
    pub title: String,
    pub summary: String,
    /// Markdown, rendered and sanitised when shown.
    pub body: String,
    pub focus_area: FocusArea,
    pub district: Option<String>,
    pub challenge_id: Option<i64>,
    pub status: IdeaStatus,
    pub support_count: i32,
    pub comment_count: i32,
    pub hot_score: f64,
    pub first_vote_at: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub published_at: Option<DateTimeUtc>,
    pub threshold_reached_at: Option<DateTimeUtc>,
    /// Hidden from all but its author and moderators; a null reason means
    /// hidden by reports, waiting for a moderator.
    pub hidden_at: Option<DateTimeUtc>,
    pub hidden_reason: Option<String>,
    /// The idea a moderator merged this one into (status duplicate).
    pub duplicate_of_id: Option<i64>,
    /// When it entered the status it is in (written with each timeline row).
    pub stage_entered_at: Option<DateTimeUtc>,
    /// Nominated into triage by staff while below the threshold.
    pub nominated_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
