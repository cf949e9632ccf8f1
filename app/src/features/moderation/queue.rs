//! The moderators' queue: items with open reports and items held for
//! approval, oldest first, each with what a moderator needs to decide.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, QueryTrait,
};

use super::facts::facts;
use super::types::{Item, QueueFilter, QueueItem, QueuePage, ReportView, Restriction, Waiting};
use crate::entities::{account, comment, idea, report};
use crate::error::AppError;
use crate::features::ideas::status::IdeaStatus;

/// Items on one page of the queue.
pub const PAGE_SIZE: usize = 50;

/// The oldest items waiting for a moderator, as `filter` narrows them.
pub async fn page(db: &DatabaseConnection, filter: &QueueFilter) -> Result<QueuePage, AppError> {
    let mut waiting = Vec::new();
    if filter.waiting != Some(Waiting::Approval) {
        waiting.extend(reported(db, filter).await?);
    }
    if filter.waiting != Some(Waiting::Reports) && filter.reason.is_none() {
        waiting.extend(held(db, filter.kind.as_deref()).await?);
    }
    waiting.sort_by_key(|(_, _, since)| *since);
    let more = waiting.len() > PAGE_SIZE;
    waiting.truncate(PAGE_SIZE);

    let items: Vec<Item> = waiting.iter().map(|(item, _, _)| *item).collect();
    let mut reports = open_reports(db, &items).await?;
    let mut out = Vec::with_capacity(waiting.len());
    for (item, why, since) in waiting {
        let found = facts(db, item).await?;
        let body_html = match item {
            Item::Comment(_) => crate::markdown::render_comment(&found.body),
            _ => crate::markdown::render(&found.body),
        };
        out.push(QueueItem {
            item,
            waiting: why,
            path: found.path(),
            title: found.title,
            body_html,
            author: found.author_id.map(|id| (id, String::new())),
            author_restriction: None,
            hidden: found.hidden,
            reports: reports.remove(&item).unwrap_or_default(),
            since,
        });
    }
    name_authors(db, &mut out).await?;
    Ok(QueuePage { items: out, more })
}

/// Items with open reports: each once, since its oldest open report.
async fn reported(
    db: &impl ConnectionTrait,
    filter: &QueueFilter,
) -> Result<Vec<(Item, Waiting, DateTime<Utc>)>, AppError> {
    let rows: Vec<(String, i64, DateTime<Utc>)> = report::Entity::find()
        .select_only()
        .column(report::Column::SubjectType)
        .column(report::Column::SubjectId)
        .column_as(report::Column::CreatedAt.min(), "since")
        .filter(report::Column::ResolvedAt.is_null())
        .apply_if(filter.kind.as_deref(), |select, kind| {
            select.filter(report::Column::SubjectType.eq(kind))
        })
        .apply_if(filter.reason, |select, reason| {
            select.filter(report::Column::Reason.eq(reason.as_str()))
        })
        .group_by(report::Column::SubjectType)
        .group_by(report::Column::SubjectId)
        .order_by_asc(Expr::col("since"))
        .limit(PAGE_SIZE as u64 + 1)
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .filter_map(|(kind, id, since)| {
            Item::parse(&kind, id).map(|item| (item, Waiting::Reports, since))
        })
        .collect())
}

/// Ideas and comments held for approval, since they were sent.
async fn held(
    db: &impl ConnectionTrait,
    kind: Option<&str>,
) -> Result<Vec<(Item, Waiting, DateTime<Utc>)>, AppError> {
    let mut out = Vec::new();
    if kind.is_none_or(|kind| kind == "idea") {
        let ideas: Vec<(i64, Option<DateTime<Utc>>)> = idea::Entity::find()
            .select_only()
            .columns([idea::Column::Id, idea::Column::PublishedAt])
            .filter(idea::Column::Status.eq(IdeaStatus::AwaitingApproval.as_str()))
            .order_by_asc(idea::Column::PublishedAt)
            .limit(PAGE_SIZE as u64 + 1)
            .into_tuple()
            .all(db)
            .await?;
        out.extend(ideas.into_iter().map(|(id, since)| {
            (
                Item::Idea(id),
                Waiting::Approval,
                since.unwrap_or_else(Utc::now),
            )
        }));
    }
    if kind.is_none_or(|kind| kind == "comment") {
        let comments: Vec<(i64, Option<DateTime<Utc>>)> = comment::Entity::find()
            .select_only()
            .columns([comment::Column::Id, comment::Column::HeldAt])
            .filter(comment::Column::HeldAt.is_not_null())
            .filter(comment::Column::DeletedAt.is_null())
            .order_by_asc(comment::Column::HeldAt)
            .limit(PAGE_SIZE as u64 + 1)
            .into_tuple()
            .all(db)
            .await?;
        out.extend(comments.into_iter().map(|(id, since)| {
            (
                Item::Comment(id),
                Waiting::Approval,
                since.unwrap_or_else(Utc::now),
            )
        }));
    }
    Ok(out)
}

/// The open reports on `items`, oldest first, by item.
async fn open_reports(
    db: &impl ConnectionTrait,
    items: &[Item],
) -> Result<HashMap<Item, Vec<ReportView>>, AppError> {
    let ids: Vec<i64> = items.iter().map(|item| item.id()).collect();
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    let rows = report::Entity::find()
        .filter(report::Column::ResolvedAt.is_null())
        .filter(report::Column::SubjectId.is_in(ids))
        .order_by_asc(report::Column::Id)
        .all(db)
        .await?;
    let mut by_item: HashMap<Item, Vec<ReportView>> = HashMap::new();
    for row in rows {
        let reason = row.reason;
        let Some(item) = Item::parse(&row.subject_type, row.subject_id) else {
            continue;
        };
        if items.contains(&item) {
            by_item.entry(item).or_default().push(ReportView {
                reason,
                detail: row.detail,
                at: row.created_at,
            });
        }
    }
    Ok(by_item)
}

/// Fills in the authors' names and whether they are suspended or banned.
async fn name_authors(db: &impl ConnectionTrait, items: &mut [QueueItem]) -> Result<(), AppError> {
    let ids: Vec<i64> = items
        .iter()
        .filter_map(|item| item.author.as_ref().map(|(id, _)| *id))
        .collect();
    let now = Utc::now();
    let accounts: HashMap<i64, (String, Option<Restriction>)> = account::Entity::find()
        .filter(account::Column::Id.is_in(ids))
        .all(db)
        .await?
        .into_iter()
        .map(|found| {
            let restriction = Restriction::of(found.suspended_until, found.banned_at, now);
            (found.id, (found.display_name, restriction))
        })
        .collect();
    for item in items {
        let known = item
            .author
            .as_ref()
            .and_then(|(id, _)| accounts.get(id).map(|found| (*id, found.clone())));
        item.author = known.as_ref().map(|(id, (name, _))| (*id, name.clone()));
        item.author_restriction = known.and_then(|(_, (_, restriction))| restriction);
    }
    Ok(())
}
