//! The engagement part of `/me/export`: what the person supported, wrote,
//! follows and was told, and how they want notifications emailed.

use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder};
use serde::Serialize;

use crate::entities::{
    account, comment, comment_support, follow, idea_merge_support, idea_support, notification,
    report,
};

/// Each section is named after its table, as the rest of the export is.
#[derive(Serialize)]
pub struct EngagementExport {
    pub email_notifications: String,
    pub idea_support: Vec<ExportedSupport>,
    pub comment_support: Vec<ExportedSupport>,
    /// Comments written; deleted ones keep only their place and times.
    pub comment: Vec<ExportedComment>,
    pub follow: Vec<ExportedFollow>,
    pub notification: Vec<ExportedNotification>,
    /// What the person reported, and what came of it.
    pub report: Vec<ExportedReport>,
    /// Supports a merge of duplicate ideas moved, remembered for an undo.
    pub idea_merge_support: Vec<ExportedMergedSupport>,
}

#[derive(Serialize)]
pub struct ExportedReport {
    pub subject_type: String,
    pub subject_id: i64,
    pub reason: String,
    pub detail: Option<String>,
    pub created_at: DateTime<Utc>,
    pub resolved_at: Option<DateTime<Utc>>,
    pub resolution: Option<String>,
}

#[derive(Serialize)]
pub struct ExportedMergedSupport {
    pub merge_id: i64,
    pub supported_at: DateTime<Utc>,
    pub moved: bool,
}

#[derive(Serialize)]
pub struct ExportedSupport {
    /// The idea's or the comment's id.
    pub id: i64,
    pub created_at: DateTime<Utc>,
}

#[derive(Serialize)]
pub struct ExportedComment {
    pub id: i64,
    pub idea_id: i64,
    pub parent_id: Option<i64>,
    pub stance: Option<String>,
    pub body: String,
    pub created_at: DateTime<Utc>,
    pub edited_at: Option<DateTime<Utc>>,
    pub deleted_at: Option<DateTime<Utc>>,
}

#[derive(Serialize)]
pub struct ExportedFollow {
    pub subject_type: String,
    pub subject_id: i64,
    pub created_at: DateTime<Utc>,
    pub unfollowed_at: Option<DateTime<Utc>>,
}

#[derive(Serialize)]
pub struct ExportedNotification {
    pub kind: String,
    pub idea_id: Option<i64>,
    pub challenge_id: Option<i64>,
    pub detail: Option<String>,
    pub created_at: DateTime<Utc>,
    pub read_at: Option<DateTime<Utc>>,
}

pub async fn export(
    db: &impl ConnectionTrait,
    found: &account::Model,
) -> Result<EngagementExport, DbErr> {
    let account_id = found.id;
    let idea_supports = idea_support::Entity::find()
        .filter(idea_support::Column::AccountId.eq(account_id))
        .order_by_asc(idea_support::Column::CreatedAt)
        .all(db)
        .await?
        .into_iter()
        .map(|row| ExportedSupport {
            id: row.idea_id,
            created_at: row.created_at,
        })
        .collect();
    let comment_supports = comment_support::Entity::find()
        .filter(comment_support::Column::AccountId.eq(account_id))
        .order_by_asc(comment_support::Column::CreatedAt)
        .all(db)
        .await?
        .into_iter()
        .map(|row| ExportedSupport {
            id: row.comment_id,
            created_at: row.created_at,
        })
        .collect();
    let comments = comment::Entity::find()
        .filter(comment::Column::AuthorId.eq(account_id))
        .order_by_asc(comment::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|row| ExportedComment {
            id: row.id,
            idea_id: row.idea_id,
            parent_id: row.parent_id,
            stance: row.stance.map(|stance| stance.to_string()),
            body: row.body,
            created_at: row.created_at,
            edited_at: row.edited_at,
            deleted_at: row.deleted_at,
        })
        .collect();
    let follows = follow::Entity::find()
        .filter(follow::Column::AccountId.eq(account_id))
        .order_by_asc(follow::Column::CreatedAt)
        .all(db)
        .await?
        .into_iter()
        .map(|row| ExportedFollow {
            subject_type: row.subject_type,
            subject_id: row.subject_id,
            created_at: row.created_at,
            unfollowed_at: row.unfollowed_at,
        })
        .collect();
    let notifications = notification::Entity::find()
        .filter(notification::Column::AccountId.eq(account_id))
        .order_by_asc(notification::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|row| ExportedNotification {
            kind: row.kind.to_string(),
            idea_id: row.idea_id,
            challenge_id: row.challenge_id,
            detail: row.detail,
            created_at: row.created_at,
            read_at: row.read_at,
        })
        .collect();
    let reports = report::Entity::find()
        .filter(report::Column::ReporterId.eq(account_id))
        .order_by_asc(report::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|row| ExportedReport {
            subject_type: row.subject_type,
            subject_id: row.subject_id,
            reason: row.reason.to_string(),
            detail: row.detail,
            created_at: row.created_at,
            resolved_at: row.resolved_at,
            resolution: row.resolution,
        })
        .collect();
    let merged_supports = idea_merge_support::Entity::find()
        .filter(idea_merge_support::Column::AccountId.eq(account_id))
        .order_by_asc(idea_merge_support::Column::MergeId)
        .all(db)
        .await?
        .into_iter()
        .map(|row| ExportedMergedSupport {
            merge_id: row.merge_id,
            supported_at: row.supported_at,
            moved: row.moved,
        })
        .collect();
    Ok(EngagementExport {
        report: reports,
        idea_merge_support: merged_supports,
        email_notifications: found.email_notifications.to_string(),
        idea_support: idea_supports,
        comment_support: comment_supports,
        comment: comments,
        follow: follows,
        notification: notifications,
    })
}
