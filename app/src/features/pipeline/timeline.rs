//! Writing and reading an idea's timeline: one row per status change, in
//! the transaction of the change. Writing it also stamps when the idea
//! entered its new stage, which the staff board shows as the card's age,
//! and ends a nomination into triage (only published ideas carry one).

use chrono::Utc;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder,
};

use super::types::TimelineEntry;
use crate::entities::{idea, idea_status_change};
use crate::features::ideas::status::IdeaStatus;

/// Records that idea `idea_id` moved from `from` to `to`.
pub async fn record(
    db: &impl ConnectionTrait,
    idea_id: i64,
    from: Option<IdeaStatus>,
    to: IdeaStatus,
    actor: Option<i64>,
    note: Option<String>,
) -> Result<(), DbErr> {
    record_with_response(db, idea_id, from, to, actor, note, None).await
}

/// Records a move that came with the municipality's official response.
pub async fn record_with_response(
    db: &impl ConnectionTrait,
    idea_id: i64,
    from: Option<IdeaStatus>,
    to: IdeaStatus,
    actor: Option<i64>,
    note: Option<String>,
    response: Option<String>,
) -> Result<(), DbErr> {
    let now = Utc::now();
    // A new stage; a nomination into triage is used up by any move.
    idea::Entity::update_many()
        .col_expr(idea::Column::StageEnteredAt, Expr::value(now))
        .col_expr(
            idea::Column::NominatedAt,
            Expr::value(Option::<chrono::DateTime<Utc>>::None),
        )
        .filter(idea::Column::Id.eq(idea_id))
        .exec(db)
        .await?;
    idea_status_change::Entity::insert(idea_status_change::ActiveModel {
        idea_id: Set(idea_id),
        from_status: Set(from.map(|status| status.as_str().to_owned())),
        to_status: Set(to.as_str().to_owned()),
        actor_id: Set(actor),
        note: Set(note),
        response: Set(response),
        created_at: Set(now),
        ..Default::default()
    })
    .exec(db)
    .await?;
    Ok(())
}

/// The idea's timeline, oldest first.
pub async fn of(db: &impl ConnectionTrait, idea_id: i64) -> Result<Vec<TimelineEntry>, DbErr> {
    Ok(idea_status_change::Entity::find()
        .filter(idea_status_change::Column::IdeaId.eq(idea_id))
        .order_by_asc(idea_status_change::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .filter_map(|row| {
            Some(TimelineEntry {
                at: row.created_at,
                from: row.from_status.as_deref().and_then(IdeaStatus::parse),
                to: IdeaStatus::parse(&row.to_status)?,
                note: row.note,
                response_html: row.response.as_deref().map(crate::markdown::render),
            })
        })
        .collect())
}
