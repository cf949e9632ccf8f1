//! The follow rows: taking part follows quietly, the button follows and
//! unfollows on purpose, and notifications ask who follows a subject.

use chrono::Utc;
use sea_orm::sea_query::{
    Expr, ExprTrait as _, InsertStatement, OnConflict, Query, SelectStatement,
};
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder};

use super::types::{Followed, Subject};
use crate::entities::{challenge, follow, idea};

/// Follows `subject` because the person took part in it, unless they
/// followed or unfollowed it before: an unfollow is respected.
pub async fn follow_automatically(
    db: &impl ConnectionTrait,
    account_id: i64,
    subject: Subject,
) -> Result<(), DbErr> {
    let insert = follow_row(account_id, subject, None)
        .on_conflict(key_conflict().do_nothing().to_owned())
        .to_owned();
    db.execute(&insert).await?;
    Ok(())
}

/// The follow button: follows or unfollows on purpose. Doing it twice is
/// the same as once.
pub async fn set_following(
    db: &impl ConnectionTrait,
    account_id: i64,
    subject: Subject,
    following: bool,
) -> Result<(), DbErr> {
    let unfollowed_at = (!following).then(Utc::now);
    let insert = follow_row(account_id, subject, unfollowed_at)
        .on_conflict(
            key_conflict()
                .update_column(follow::Column::UnfollowedAt)
                .to_owned(),
        )
        .to_owned();
    db.execute(&insert).await?;
    Ok(())
}

/// The insert of one follow row, for the two callers to settle a clash with
/// an existing row each their own way.
fn follow_row(
    account_id: i64,
    subject: Subject,
    unfollowed_at: Option<chrono::DateTime<Utc>>,
) -> InsertStatement {
    Query::insert()
        .into_table(follow::Entity)
        .columns([
            follow::Column::AccountId,
            follow::Column::SubjectType,
            follow::Column::SubjectId,
            follow::Column::CreatedAt,
            follow::Column::UnfollowedAt,
        ])
        .values_panic([
            account_id.into(),
            subject.kind().into(),
            subject.id().into(),
            Utc::now().into(),
            unfollowed_at.into(),
        ])
        .to_owned()
}

fn key_conflict() -> OnConflict {
    OnConflict::columns([
        follow::Column::AccountId,
        follow::Column::SubjectType,
        follow::Column::SubjectId,
    ])
}

pub async fn is_following(
    db: &impl ConnectionTrait,
    account_id: i64,
    subject: Subject,
) -> Result<bool, DbErr> {
    let found = follow::Entity::find_by_id((account_id, subject.kind().to_owned(), subject.id()))
        .one(db)
        .await?;
    Ok(found.is_some_and(|row| row.unfollowed_at.is_none()))
}

/// `SELECT account_id` of everyone following `subject`, for a notification
/// to be inserted from in one statement however many there are.
pub fn followers(subject: Subject) -> SelectStatement {
    Query::select()
        .column(follow::Column::AccountId)
        .from(follow::Entity)
        .and_where(follow::Column::SubjectType.eq(subject.kind()))
        .and_where(follow::Column::SubjectId.eq(subject.id()))
        .and_where(follow::Column::UnfollowedAt.is_null())
        .to_owned()
}

/// Everything `account_id` follows, newest first, with titles.
pub async fn followed_by(
    db: &impl ConnectionTrait,
    account_id: i64,
) -> Result<Vec<Followed>, DbErr> {
    let rows = follow::Entity::find()
        .filter(follow::Column::AccountId.eq(account_id))
        .filter(follow::Column::UnfollowedAt.is_null())
        .order_by_desc(follow::Column::CreatedAt)
        .all(db)
        .await?;
    let ids_of = |kind: &str| -> Vec<i64> {
        rows.iter()
            .filter(|row| row.subject_type == kind)
            .map(|row| row.subject_id)
            .collect()
    };
    let ideas: Vec<(i64, String)> = idea::Entity::find()
        .filter(idea::Column::Id.is_in(ids_of("idea")))
        .all(db)
        .await?
        .into_iter()
        // Hidden content leaves the list, except its author's own.
        .filter(|found| found.hidden_at.is_none() || found.author_id == Some(account_id))
        .map(|found| (found.id, found.title))
        .collect();
    let challenges: Vec<(i64, String)> = challenge::Entity::find()
        .filter(challenge::Column::Id.is_in(ids_of("challenge")))
        .all(db)
        .await?
        .into_iter()
        .filter(|found| found.hidden_at.is_none() || found.proposed_by == Some(account_id))
        .map(|found| (found.id, found.title))
        .collect();
    let title = |list: &[(i64, String)], id: i64| {
        list.iter()
            .find(|(found, _)| *found == id)
            .map(|(_, title)| title.clone())
    };
    Ok(rows
        .into_iter()
        .filter_map(|row| {
            let subject = Subject::parse(&row.subject_type, row.subject_id)?;
            let title = match subject {
                Subject::Idea(id) => title(&ideas, id)?,
                Subject::Challenge(id) => title(&challenges, id)?,
            };
            Some(Followed { subject, title })
        })
        .collect())
}

/// Forgets follows of an idea that no longer exists (a discarded draft).
pub async fn forget_subject(db: &impl ConnectionTrait, subject: Subject) -> Result<(), DbErr> {
    follow::Entity::delete_many()
        .filter(Expr::col(follow::Column::SubjectType).eq(subject.kind()))
        .filter(follow::Column::SubjectId.eq(subject.id()))
        .exec(db)
        .await?;
    Ok(())
}
