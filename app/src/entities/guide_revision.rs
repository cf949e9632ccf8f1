use sea_orm::entity::prelude::*;

/// One saved version of a guide, numbered from 1; never changed. The
/// nynorsk and English columns are empty where bokmål stands in.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "guide_revision")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub guide_id: i64,
    #[sea_orm(primary_key, auto_increment = false)]
    pub number: i32,
    pub title_nb: String,
    pub title_nn: String,
    pub title_en: String,
    pub summary_nb: String,
    pub summary_nn: String,
    pub summary_en: String,
    pub body_nb: String,
    pub body_nn: String,
    pub body_en: String,
    /// What the editor said they changed; may be empty.
    pub note: String,
    pub edited_by: Option<i64>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
