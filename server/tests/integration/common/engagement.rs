//! Supports, comments, follows and notifications for tests.

use anyhow::{Context, ensure};
use app::entities::{comment, idea, idea_support, notification};
use app::features::settings::types::{RateLimits, Thresholds};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder};

use super::TestApp;
use super::people::{Person, post_as, signed_in_account};

/// `count` people with confirmed addresses and a session each, made
/// straight in the database (registering through the site is rate-limited
/// per address, as it should be).
pub async fn crowd(app: &TestApp, count: usize) -> anyhow::Result<Vec<Person>> {
    let mut people = Vec::with_capacity(count);
    for number in 0..count {
        let email = format!("innbygger{number}@example.no");
        let name = format!("Innbygger {number}");
        people.push(signed_in_account(app, &email, &name, true).await?);
    }
    Ok(people)
}

/// Sets the support threshold (the rest of the settings as in tests).
pub async fn support_threshold(app: &TestApp, supports: u32, days: u32) -> anyhow::Result<()> {
    let thresholds = Thresholds {
        support_threshold: supports,
        support_window_days: days,
        ..Thresholds::default()
    };
    super::ideas::municipality_with(app, thresholds, RateLimits::default()).await
}

pub async fn support(
    app: &TestApp,
    who: Option<&Person>,
    idea_id: i64,
    on: bool,
) -> anyhow::Result<reqwest::Response> {
    post_as(
        app,
        who,
        "/api/supports/idea",
        &[
            ("idea_id", &idea_id.to_string()),
            ("support", &on.to_string()),
        ],
    )
    .await
}

/// Posts a comment (or a reply to `parent`) and returns the response.
pub async fn post_comment(
    app: &TestApp,
    who: &Person,
    idea_id: i64,
    parent: Option<i64>,
    body: &str,
    stance: &str,
) -> anyhow::Result<reqwest::Response> {
    let idea = idea_id.to_string();
    let parent = parent.map(|id| id.to_string());
    let mut form = vec![
        ("idea_id", idea.as_str()),
        ("body", body),
        ("stance", stance),
    ];
    if let Some(parent) = &parent {
        form.push(("parent_id", parent));
    }
    post_as(app, Some(who), "/api/comments/post", &form).await
}

/// Posts a comment that must be accepted; returns its id.
pub async fn comment_on(
    app: &TestApp,
    who: &Person,
    idea_id: i64,
    parent: Option<i64>,
    body: &str,
) -> anyhow::Result<i64> {
    let response = post_comment(app, who, idea_id, parent, body, "").await?;
    let status = response.status();
    let text = response.text().await?;
    ensure!(status.is_success(), "commenting: {status} {text}");
    Ok(text.trim().parse()?)
}

/// The idea's stored support count and its number of support rows.
pub async fn supports_counted(app: &TestApp, idea_id: i64) -> anyhow::Result<(i32, u64)> {
    let stored = idea::Entity::find_by_id(idea_id)
        .one(&app.db)
        .await?
        .context("the idea")?
        .support_count;
    let rows = idea_support::Entity::find()
        .filter(idea_support::Column::IdeaId.eq(idea_id))
        .count(&app.db)
        .await?;
    Ok((stored, rows))
}

pub async fn idea_row(app: &TestApp, idea_id: i64) -> anyhow::Result<idea::Model> {
    idea::Entity::find_by_id(idea_id)
        .one(&app.db)
        .await?
        .context("the idea")
}

pub async fn comment_row(app: &TestApp, id: i64) -> anyhow::Result<comment::Model> {
    comment::Entity::find_by_id(id)
        .one(&app.db)
        .await?
        .context("the comment")
}

/// `who`'s notifications, oldest first.
pub async fn notifications_of(
    app: &TestApp,
    who: &Person,
) -> anyhow::Result<Vec<notification::Model>> {
    Ok(notification::Entity::find()
        .filter(notification::Column::AccountId.eq(who.id))
        .order_by_asc(notification::Column::Id)
        .all(&app.db)
        .await?)
}
