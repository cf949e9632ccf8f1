use sea_orm::entity::prelude::*;

use crate::features::ideas::status::IdeaStatus;

/// The municipality's official response to an idea: public, written by
/// staff at any public stage, with a status move or on its own.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "idea_official_response")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub idea_id: i64,
    /// The move it was published with; none for a response on its own.
    pub status_change_id: Option<i64>,
    pub author_id: Option<i64>,
    /// The department it is signed with.
    pub department_id: Option<i64>,
    /// The idea's status when it was published (after its move).
    pub status: IdeaStatus,
    /// Markdown, rendered and sanitised when shown.
    pub body: String,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
