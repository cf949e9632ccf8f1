//! Writing the audit log and reading it back.

use chrono::Utc;
use sea_orm::sea_query::{Expr, ExprTrait as _, Func};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, QueryTrait, Select,
};

use super::types::{AuditAction, AuditEntry, AuditFilter, AuditPage, AuditSubject};
use crate::entities::audit_log;
use crate::features::accounts::types::Viewer;

/// Rows on one page of `/admin/audit`.
pub const PAGE_SIZE: u64 = 50;

/// Adds one row, on `db`, which should be the transaction of the action
/// itself: the row exists exactly when the action happened.
pub async fn record(
    db: &impl ConnectionTrait,
    actor: &Viewer,
    action: AuditAction,
    subject: AuditSubject,
    detail: impl Into<String>,
) -> Result<(), DbErr> {
    audit_log::Entity::insert(audit_log::ActiveModel {
        actor_id: Set(Some(actor.account_id)),
        actor_name: Set(actor.display_name.clone()),
        action: Set(action),
        subject_type: Set(Some(subject.kind().to_owned())),
        subject_id: Set(subject.id()),
        detail: Set(detail.into()),
        created_at: Set(Utc::now()),
        ..Default::default()
    })
    .exec(db)
    .await?;
    Ok(())
}

fn filtered(filter: &AuditFilter) -> Select<audit_log::Entity> {
    audit_log::Entity::find()
        .apply_if(filter.action, |select, action| {
            select.filter(audit_log::Column::Action.eq(action.as_str()))
        })
        .apply_if(filter.actor.as_deref(), |select, actor| {
            // Case-insensitive on both databases.
            select.filter(
                Expr::expr(Func::lower(Expr::col(audit_log::Column::ActorName)))
                    .like(format!("%{}%", without_wildcards(&actor.to_lowercase()))),
            )
        })
}

/// A name is matched as typed: the wildcards `%` and `_` (and the escape
/// character) are left out rather than interpreted.
fn without_wildcards(text: &str) -> String {
    text.replace(['\\', '%', '_'], "")
}

/// A page of rows matching `filter`, newest first, older than `before`.
pub async fn page(
    db: &impl ConnectionTrait,
    filter: &AuditFilter,
    before: Option<i64>,
) -> Result<AuditPage, DbErr> {
    let mut rows = filtered(filter)
        .apply_if(before, |select, before| {
            select.filter(audit_log::Column::Id.lt(before))
        })
        .order_by_desc(audit_log::Column::Id)
        .limit(PAGE_SIZE + 1)
        .all(db)
        .await?;
    let more = rows.len() as u64 > PAGE_SIZE;
    rows.truncate(PAGE_SIZE as usize);
    let entries: Vec<AuditEntry> = rows.into_iter().filter_map(entry).collect();
    Ok(AuditPage {
        older: more.then(|| entries.last().map(|last| last.id)).flatten(),
        entries,
    })
}

/// Every row matching `filter`, oldest first, for the CSV export.
pub async fn all(
    db: &impl ConnectionTrait,
    filter: &AuditFilter,
) -> Result<Vec<AuditEntry>, DbErr> {
    Ok(filtered(filter)
        .order_by_asc(audit_log::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .filter_map(entry)
        .collect())
}

fn entry(row: audit_log::Model) -> Option<AuditEntry> {
    Some(AuditEntry {
        id: row.id,
        at: row.created_at,
        actor_name: row.actor_name,
        action: row.action,
        subject: AuditSubject::parse(row.subject_type.as_deref(), row.subject_id),
        detail: row.detail,
    })
}
