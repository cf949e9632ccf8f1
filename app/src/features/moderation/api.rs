//! Server functions for reports and the moderators' decisions. Every form
//! is a plain form that comes back to the page it was on; every decision
//! checks the moderator role here and again in the service.

use leptos::prelude::*;
use server_fn::codec::GetUrl;

use super::types::QueuePage;
use crate::error::AppError;

/// Reports an item, or (with `target` = `author`) the account that wrote it.
/// `website` is the honeypot: people never fill it in.
#[server(endpoint = "moderation/report")]
pub async fn report_item(
    kind: String,
    id: i64,
    target: Option<String>,
    reason: Option<String>,
    detail: Option<String>,
    website: Option<String>,
    return_to: Option<String>,
) -> Result<(), AppError> {
    use super::reports::{self, NewReport};
    use super::types::Item;
    use crate::server::{anti_abuse, app_state, auth, responses};

    let typed = serde_json::json!({
        "kind": kind, "id": id.to_string(), "reason": reason, "detail": detail,
    });
    let keep = |error: AppError| error.keeping(&typed);
    // Who may report, and how often, is settled before the form is parsed.
    anti_abuse::honeypot(website.as_deref())?;
    let viewer = auth::require_viewer()?;
    viewer.require_participant().map_err(keep)?;
    let state = app_state()?;
    let settings = crate::features::settings::current();
    anti_abuse::limit(
        &state.db,
        anti_abuse::Action::Report,
        &viewer,
        &settings.limits,
    )
    .await?;
    let content = Item::parse(&kind, id).ok_or(AppError::NotFound)?;
    let mut new = NewReport::parse(
        content,
        reason.as_deref().unwrap_or_default(),
        detail.as_deref().unwrap_or_default(),
    )
    .map_err(keep)?;
    // Read once: who wrote it (to report them instead) and where it lives.
    let found = super::facts::facts(&state.db, content).await?;
    if target.as_deref() == Some("author") {
        if !found.public {
            return Err(AppError::NotFound);
        }
        new.item = Item::Account(found.author_id.ok_or(AppError::NotFound)?);
    }
    reports::report(
        &state.db,
        &viewer,
        new,
        settings.thresholds.auto_hide_reports,
    )
    .await
    .map_err(keep)?;
    responses::back_to(return_to, &found.path(), &report_anchor(content));
    Ok(())
}

/// The id of the report form's place on the page, to come back to.
pub fn report_anchor(item: super::types::Item) -> String {
    match item {
        super::types::Item::Comment(id) => format!("comment-{id}"),
        _ => "report".to_owned(),
    }
}

#[server(endpoint = "moderation/queue", input = GetUrl)]
pub async fn load_moderation_queue(
    kind: Option<String>,
    waiting: Option<String>,
    reason: Option<String>,
) -> Result<QueuePage, AppError> {
    use super::types::QueueFilter;
    use crate::server::{app_state, auth};

    let viewer = auth::require_viewer()?;
    viewer.require_moderator()?;
    let filter = QueueFilter::parse(kind.as_deref(), waiting.as_deref(), reason.as_deref());
    super::queue::page(&app_state()?.db, &filter).await
}

/// A moderator's decision on an item: approve, hide (with the public
/// reason), restore or dismiss.
#[server(endpoint = "moderation/decide")]
pub async fn decide_on_item(
    kind: String,
    id: i64,
    decision: String,
    reason: Option<String>,
    return_to: Option<String>,
) -> Result<(), AppError> {
    use super::types::{Decision, Item};
    use crate::server::{app_state, auth, responses};

    let typed = serde_json::json!({
        "kind": kind, "id": id.to_string(), "decision": decision, "reason": reason,
    });
    let keep = |error: AppError| error.keeping(&typed);
    let viewer = auth::require_viewer()?;
    viewer.require_moderator()?;
    let item = Item::parse(&kind, id).ok_or(AppError::NotFound)?;
    let decision = match decision.as_str() {
        "approve" => Decision::Approve,
        "hide" => Decision::Hide(
            crate::text::required_text(
                "reason",
                reason.as_deref().unwrap_or_default(),
                super::types::REASON_MAX,
            )
            .map_err(keep)?,
        ),
        "restore" => Decision::Restore,
        "dismiss" => Decision::Dismiss,
        _ => return Err(AppError::BadRequest),
    };
    super::decisions::decide(&app_state()?.db, &viewer, item, decision)
        .await
        .map_err(keep)?;
    responses::back_to(return_to, "/admin/moderation", &queue_anchor(item));
    Ok(())
}

/// Where an item sits in the queue page.
pub fn queue_anchor(item: super::types::Item) -> String {
    format!("item-{}-{}", item.kind(), item.id())
}

/// A sanction on an account: warn, suspend (for `days`), ban, or lift.
#[server(endpoint = "moderation/sanction")]
pub async fn sanction_account(
    account_id: i64,
    sanction: String,
    days: Option<String>,
    reason: Option<String>,
    return_to: Option<String>,
) -> Result<(), AppError> {
    use super::types::{REASON_MAX, Sanction};
    use crate::server::{app_state, auth, responses};

    let typed = serde_json::json!({
        "account_id": account_id.to_string(), "sanction": sanction, "days": days, "reason": reason,
    });
    let keep = |error: AppError| error.keeping(&typed);
    let viewer = auth::require_viewer()?;
    viewer.require_moderator()?;
    let reason = || {
        crate::text::required_text("reason", reason.as_deref().unwrap_or_default(), REASON_MAX)
            .map_err(keep)
    };
    let sanction = match sanction.as_str() {
        "warn" => Sanction::Warn(reason()?),
        "suspend" => Sanction::Suspend {
            days: crate::features::settings::types::parse_count(
                "days",
                days.as_deref().unwrap_or_default(),
                1..=Sanction::SUSPEND_DAYS_MAX,
            )
            .map_err(keep)?,
            reason: reason()?,
        },
        "ban" => Sanction::Ban(reason()?),
        "lift" => Sanction::Lift,
        _ => return Err(AppError::BadRequest),
    };
    super::sanctions::sanction(&app_state()?.db, &viewer, account_id, sanction)
        .await
        .map_err(keep)?;
    responses::back_to(return_to, "/admin/moderation", "");
    Ok(())
}

/// Merges idea `idea_id` into the idea `into` names: its number, `#12`, or
/// its address.
#[server(endpoint = "moderation/merge")]
pub async fn merge_idea(idea_id: i64, into: String) -> Result<(), AppError> {
    use crate::error::Problem;
    use crate::server::{app_state, auth, responses};

    let typed = serde_json::json!({ "idea_id": idea_id.to_string(), "into": into });
    let keep = |error: AppError| error.keeping(&typed);
    let viewer = auth::require_viewer()?;
    viewer.require_moderator()?;
    let into_id = super::types::idea_number(&into)
        .ok_or_else(|| keep(AppError::invalid("into", Problem::CannotMerge)))?;
    let state = app_state()?;
    let settings = crate::features::settings::current();
    super::merge::merge(&state.db, &viewer, idea_id, into_id, &settings.thresholds)
        .await
        .map_err(keep)?;
    responses::redirect_form_post(&format!("/ideas/{idea_id}"));
    Ok(())
}

#[server(endpoint = "moderation/undo-merge")]
pub async fn undo_merge(idea_id: i64) -> Result<(), AppError> {
    use crate::server::{app_state, auth, responses};

    let viewer = auth::require_viewer()?;
    viewer.require_moderator()?;
    super::merge::undo(&app_state()?.db, &viewer, idea_id).await?;
    responses::redirect_form_post(&format!("/ideas/{idea_id}"));
    Ok(())
}
