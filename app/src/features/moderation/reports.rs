//! Reports: anyone signed in flags an item, once; enough open reports hide
//! content until a moderator decides.

use std::collections::HashSet;

use chrono::Utc;
use sea_orm::sea_query::OnConflict;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait,
    PaginatorTrait, QueryFilter, QuerySelect,
};

use super::facts::{self, facts};
use super::types::{Item, REPORT_DETAIL_MAX, ReportReason};
use crate::entities::report;
use crate::error::{AppError, Problem};
use crate::features::accounts::types::Viewer;
use crate::features::notifications::service::{self as notifications, Recipients};
use crate::features::notifications::types::Kind;

/// A report as the form sends it, checked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewReport {
    pub item: Item,
    pub reason: ReportReason,
    pub detail: Option<String>,
}

impl NewReport {
    pub fn parse(item: Item, reason: &str, detail: &str) -> Result<Self, AppError> {
        let reason = ReportReason::parse(reason)
            .ok_or_else(|| AppError::invalid("reason", Problem::Required))?;
        let detail = crate::text::optional_text("detail", detail, REPORT_DETAIL_MAX)?;
        if reason == ReportReason::Other && detail.is_none() {
            return Err(AppError::invalid("detail", Problem::ReasonRequired));
        }
        Ok(Self {
            item,
            reason,
            detail,
        })
    }
}

/// Files `reporter`'s report. A second report of the same item by the same
/// person changes nothing. At `hide_at` open reports, content is hidden
/// (once) and its author told, until a moderator decides.
pub async fn report(
    db: &DatabaseConnection,
    reporter: &Viewer,
    new: NewReport,
    hide_at: u32,
) -> Result<(), AppError> {
    reporter.require_participant()?;
    let transaction = crate::server::transactions::begin(db).await?;
    let found = facts(&transaction, new.item).await?;
    let own = found.author_id == Some(reporter.account_id);
    if !found.public && !own {
        return Err(AppError::NotFound);
    }
    if own {
        return Err(AppError::invalid("reason", Problem::OwnContent));
    }
    let inserted = report::Entity::insert(report::ActiveModel {
        subject_type: Set(new.item.kind().to_owned()),
        subject_id: Set(new.item.id()),
        reporter_id: Set(Some(reporter.account_id)),
        reason: Set(new.reason),
        detail: Set(new.detail),
        created_at: Set(Utc::now()),
        ..Default::default()
    })
    .on_conflict(
        OnConflict::columns([
            report::Column::SubjectType,
            report::Column::SubjectId,
            report::Column::ReporterId,
        ])
        .do_nothing()
        .to_owned(),
    )
    .exec_without_returning(&transaction)
    .await?;
    if inserted == 1 && new.item.is_content() {
        let open = open_reports(&transaction, new.item).await?;
        if open >= u64::from(hide_at) && facts::hide(&transaction, new.item, None, true).await? {
            tracing::info!(item = ?new.item, "reports hid an item until a moderator decides");
            if let Some(author) = found.author_id {
                notifications::send(
                    &transaction,
                    found.notice(Kind::ContentHidden),
                    Recipients::Account(author),
                    None,
                )
                .await?;
            }
        }
    }
    transaction.commit().await?;
    Ok(())
}

/// How many reports on `item` wait for a moderator.
pub async fn open_reports(db: &impl ConnectionTrait, item: Item) -> Result<u64, DbErr> {
    report::Entity::find()
        .filter(report::Column::SubjectType.eq(item.kind()))
        .filter(report::Column::SubjectId.eq(item.id()))
        .filter(report::Column::ResolvedAt.is_null())
        .count(db)
        .await
}

/// Closes `item`'s open reports with a moderator's `resolution` (upheld or
/// dismissed). Returns how many were open.
pub async fn resolve(
    db: &impl ConnectionTrait,
    item: Item,
    resolution: &str,
) -> Result<u64, DbErr> {
    let closed = report::Entity::update_many()
        .col_expr(
            report::Column::ResolvedAt,
            sea_orm::sea_query::Expr::value(Utc::now()),
        )
        .col_expr(
            report::Column::Resolution,
            sea_orm::sea_query::Expr::value(resolution),
        )
        .filter(report::Column::SubjectType.eq(item.kind()))
        .filter(report::Column::SubjectId.eq(item.id()))
        .filter(report::Column::ResolvedAt.is_null())
        .exec(db)
        .await?;
    Ok(closed.rows_affected)
}

/// Which of `ids` (all of `kind`) `reporter` has reported, so the page can
/// say "reported" instead of offering the form again.
pub async fn reported_by(
    db: &impl ConnectionTrait,
    reporter: i64,
    kind: &str,
    ids: &[i64],
) -> Result<HashSet<i64>, DbErr> {
    if ids.is_empty() {
        return Ok(HashSet::new());
    }
    Ok(report::Entity::find()
        .select_only()
        .column(report::Column::SubjectId)
        .filter(report::Column::ReporterId.eq(reporter))
        .filter(report::Column::SubjectType.eq(kind))
        .filter(report::Column::SubjectId.is_in(ids.iter().copied()))
        .into_tuple::<i64>()
        .all(db)
        .await?
        .into_iter()
        .collect())
}
