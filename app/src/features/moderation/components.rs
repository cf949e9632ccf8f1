//! The report form, the notice shown in place of hidden content, and the
//! moderators' tools on an idea's page. Plain forms behind `<details>`
//! disclosures: they work without JavaScript and keep the page calm.

use leptos::prelude::*;

use super::api::{DecideOnItem, MergeIdea, ReportItem, UndoMerge};
use super::types::{Hidden, Item, REASON_MAX, REPORT_DETAIL_MAX, ReportReason};
use crate::components::forms::{FormAlert, HoneypotField, TextArea, TextField};
use crate::error::AppError;
use crate::i18n::t;

/// Only the form the error came from shows it: several forms on a page post
/// to the same function, and the error echoes which item it was about.
pub fn error_for_item(error: Option<AppError>, item: Item) -> Option<AppError> {
    error.filter(|error| {
        error.echoed("kind") == Some(item.kind())
            && error.echoed("id") == Some(item.id().to_string().as_str())
    })
}

/// The sentence in place of hidden content; its author (and moderators)
/// read that only they still see it.
#[component]
pub fn HiddenNotice(hidden: Hidden, #[prop(optional)] sees_it: bool) -> impl IntoView {
    let t = t();
    view! {
        <div class="ds-alert hidden-notice" data-color="warning">
            <p>{hidden.sentence(t)}</p>
            {sees_it.then(|| view! { <p>{t.hidden_only_you_see}</p> })}
        </div>
    }
}

/// "Report" behind a disclosure: why (a reason and, for "other", a few
/// words), and whether it is the content or the person who wrote it.
#[component]
pub fn ReportForm(
    item: Item,
    /// The page to come back to.
    #[prop(into)]
    return_to: String,
    /// The reader reported it already: say so instead of offering the form.
    reported: bool,
    /// Offer reporting the author's account too.
    #[prop(optional)]
    about_author: bool,
) -> impl IntoView {
    let t = t();
    if reported {
        return view! { <p class="ds-paragraph report-done" data-size="sm">{t.report_done}</p> }
            .into_any();
    }
    let action = ServerAction::<ReportItem>::new();
    let error: Signal<_> =
        Signal::derive(move || error_for_item(action.value().get().and_then(Result::err), item));
    let open = error.get_untracked().is_some();
    let prefix = format!("report-{}-{}", item.kind(), item.id());
    view! {
        <details class="comment-action report" open=open>
            <summary class="ds-link">{t.report_open}</summary>
            <ActionForm action attr:class="form report-form" attr:novalidate=true>
                <FormAlert error fields=&["reason", "detail"] />
                <HoneypotField />
                <input type="hidden" name="kind" value=item.kind() />
                <input type="hidden" name="id" value=item.id() />
                <input type="hidden" name="return_to" value=return_to />
                {about_author.then(|| view! {
                    <fieldset class="ds-fieldset">
                        <legend class="ds-label">{t.report_what}</legend>
                        <label class="checkbox"><input type="radio" name="target" value="content" checked=true />" "{item.label(t)}</label>
                        <label class="checkbox"><input type="radio" name="target" value="author" />" "{t.report_the_author}</label>
                    </fieldset>
                })}
                <fieldset class="ds-fieldset" aria-describedby=format!("{prefix}-reason-message")>
                    <legend class="ds-label">{t.report_reason}</legend>
                    {ReportReason::ALL.into_iter().map(|reason| view! {
                        <label class="checkbox">
                            <input type="radio" name="reason" value=reason.as_str() />
                            " "{reason.label(t)}
                        </label>
                    }).collect_view()}
                    <p class="ds-validation-message" id=format!("{prefix}-reason-message")>
                        {move || error.get().filter(|error| error.field() == Some("reason")).map(|error| view! { <crate::components::error_message::ErrorText error /> })}
                    </p>
                </fieldset>
                <TextArea id=format!("{prefix}-detail") name="detail" label=t.report_detail error hint=t.report_detail_hint max_length=REPORT_DETAIL_MAX rows=3 />
                <button type="submit" class="ds-button" data-size="sm" data-variant="secondary">{t.report_send}</button>
            </ActionForm>
        </details>
    }
    .into_any()
}

/// Hide (with the public reason) or restore content, for moderators.
#[component]
pub fn HideOrRestore(
    item: Item,
    hidden: Option<Hidden>,
    #[prop(into)] return_to: String,
) -> impl IntoView {
    let t = t();
    let action = ServerAction::<DecideOnItem>::new();
    let error: Signal<_> =
        Signal::derive(move || error_for_item(action.value().get().and_then(Result::err), item));
    let prefix = format!("decide-{}-{}", item.kind(), item.id());
    if hidden.is_some() {
        return view! {
            <ActionForm action attr:class="form">
                <FormAlert error />
                <input type="hidden" name="kind" value=item.kind() />
                <input type="hidden" name="id" value=item.id() />
                <input type="hidden" name="decision" value="restore" />
                <input type="hidden" name="return_to" value=return_to />
                <button type="submit" class="ds-button" data-size="sm" data-variant="secondary">{t.moderation_restore}</button>
            </ActionForm>
        }
        .into_any();
    }
    view! {
        <details class="comment-action" open=error.get_untracked().is_some()>
            <summary class="ds-link">{t.moderation_hide}</summary>
            <ActionForm action attr:class="form" attr:novalidate=true>
                <FormAlert error fields=&["reason"] />
                <input type="hidden" name="kind" value=item.kind() />
                <input type="hidden" name="id" value=item.id() />
                <input type="hidden" name="decision" value="hide" />
                <input type="hidden" name="return_to" value=return_to />
                <TextArea id=format!("{prefix}-reason") name="reason" label=t.moderation_hide_reason error hint=t.moderation_hide_reason_hint max_length=REASON_MAX required=true rows=2 />
                <button type="submit" class="ds-button" data-size="sm" data-variant="primary">{t.moderation_hide_send}</button>
            </ActionForm>
        </details>
    }
    .into_any()
}

/// A decision that needs no words: approve or dismiss.
#[component]
pub fn DecisionButton(
    item: Item,
    decision: &'static str,
    label: &'static str,
    primary: bool,
    #[prop(into)] return_to: String,
) -> impl IntoView {
    let action = ServerAction::<DecideOnItem>::new();
    let error: Signal<_> =
        Signal::derive(move || error_for_item(action.value().get().and_then(Result::err), item));
    view! {
        <ActionForm action attr:class="form">
            <FormAlert error />
            <input type="hidden" name="kind" value=item.kind() />
            <input type="hidden" name="id" value=item.id() />
            <input type="hidden" name="decision" value=decision />
            <input type="hidden" name="return_to" value=return_to />
            <button type="submit" class="ds-button" data-size="sm" data-variant=if primary { "primary" } else { "secondary" }>{label}</button>
        </ActionForm>
    }
}

/// A moderator's tools on an idea's page: hide or restore it, and merge it
/// into another idea (or undo that merge).
#[component]
pub fn IdeaModeration(
    idea_id: i64,
    hidden: Option<Hidden>,
    merged: bool,
    /// Held for approval (pre-moderation).
    awaiting: bool,
) -> impl IntoView {
    let t = t();
    let merge = ServerAction::<MergeIdea>::new();
    let merge_error: Signal<_> = Signal::derive(move || merge.value().get().and_then(Result::err));
    let undo = ServerAction::<UndoMerge>::new();
    let undo_error: Signal<_> = Signal::derive(move || undo.value().get().and_then(Result::err));
    view! {
        <section class="author-tools" aria-labelledby="moderation-heading">
            <h2 class="ds-heading" data-size="xs" id="moderation-heading">{t.moderation_tools}</h2>
            {awaiting.then(|| view! {
                <DecisionButton item=Item::Idea(idea_id) decision="approve" label=t.moderation_approve primary=true return_to=format!("/ideas/{idea_id}") />
            })}
            <HideOrRestore item=Item::Idea(idea_id) hidden return_to=format!("/ideas/{idea_id}") />
            {if merged {
                view! {
                    <ActionForm action=undo attr:class="form">
                        <FormAlert error=undo_error />
                        <input type="hidden" name="idea_id" value=idea_id />
                        <button type="submit" class="ds-button" data-size="sm" data-variant="secondary">{t.moderation_undo_merge}</button>
                    </ActionForm>
                }.into_any()
            } else {
                view! {
                    <details class="comment-action" open=merge_error.get_untracked().is_some()>
                        <summary class="ds-link">{t.moderation_merge}</summary>
                        <ActionForm action=merge attr:class="form" attr:novalidate=true>
                            <FormAlert error=merge_error fields=&["into"] />
                            <input type="hidden" name="idea_id" value=idea_id />
                            <TextField id="merge-into" name="into" label=t.moderation_merge_into error=merge_error hint=t.moderation_merge_into_hint required=true />
                            <button type="submit" class="ds-button" data-size="sm" data-variant="primary">{t.moderation_merge_send}</button>
                        </ActionForm>
                    </details>
                }.into_any()
            }}
        </section>
    }
}
