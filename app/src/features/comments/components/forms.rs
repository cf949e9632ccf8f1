use leptos::prelude::*;

use crate::components::forms::{
    FormAlert, HoneypotField, IdempotencyKeyField, SelectField, TextArea,
};
use crate::error::AppError;
use crate::features::comments::api::{DeleteComment, EditComment, PostComment};
use crate::features::comments::input::BODY_MAX;
use crate::features::comments::types::{CommentView, Stance};
use crate::i18n::t;

const FIELDS: &[&str] = &["body", "stance"];

fn stance_options() -> Vec<(String, String)> {
    let t = t();
    Stance::ALL
        .into_iter()
        .map(|stance| (stance.as_str().to_owned(), stance.label(t).to_owned()))
        .collect()
}

/// Only the form the error came from shows it: every reply form posts to
/// the same function, and the error names the comment it was about in
/// `field`'s echo (none for the idea's own comment form).
fn error_for(error: Option<AppError>, field: &'static str, this: Option<i64>) -> Option<AppError> {
    error.filter(|error| error.echoed(field) == this.map(|id| id.to_string()).as_deref())
}

/// A new comment on the idea (`parent_id` none) or a reply.
#[component]
pub fn CommentForm(idea_id: i64, parent_id: Option<i64>) -> impl IntoView {
    let t = t();
    let action = ServerAction::<PostComment>::new();
    let error: Signal<_> = Signal::derive(move || {
        error_for(
            action.value().get().and_then(Result::err),
            "parent_id",
            parent_id,
        )
    });
    let prefix = match parent_id {
        Some(id) => format!("reply-{id}"),
        None => "comment".to_owned(),
    };
    let (label, button) = match parent_id {
        Some(_) => (t.comment_reply_label, t.comment_reply_send),
        None => (t.comment_label, t.comment_send),
    };
    view! {
        <ActionForm action attr:class="form comment-form" attr:novalidate=true>
            <FormAlert error fields=FIELDS />
            <IdempotencyKeyField />
            <HoneypotField />
            <input type="hidden" name="idea_id" value=idea_id />
            {parent_id.map(|id| view! { <input type="hidden" name="parent_id" value=id /> })}
            <TextArea id=format!("{prefix}-body") name="body" label error hint=t.comment_hint max_length=BODY_MAX required=true rows=4 />
            <SelectField id=format!("{prefix}-stance") name="stance" label=t.comment_stance error options=stance_options() empty=t.comment_no_stance />
            <button type="submit" class="ds-button" data-size="sm">{button}</button>
        </ActionForm>
    }
}

/// A reply form behind a "Reply" disclosure; open when it came back with
/// an error, so the message and the text are in view.
#[component]
pub fn ReplyDisclosure(idea_id: i64, parent_id: i64) -> impl IntoView {
    let t = t();
    let action = ServerAction::<PostComment>::new();
    let open = error_for(
        action.value().get_untracked().and_then(Result::err),
        "parent_id",
        Some(parent_id),
    )
    .is_some();
    view! {
        <details class="comment-action" open=open>
            <summary class="ds-link">{t.comment_reply}</summary>
            <CommentForm idea_id parent_id=Some(parent_id) />
        </details>
    }
}

/// The author's "Change" disclosure, within the 15 minutes.
#[component]
pub fn EditDisclosure(comment: CommentView, page: String) -> impl IntoView {
    let t = t();
    let id = comment.id;
    let action = ServerAction::<EditComment>::new();
    let error: Signal<_> = Signal::derive(move || {
        error_for(
            action.value().get().and_then(Result::err),
            "comment_id",
            Some(id),
        )
    });
    let open = error.get_untracked().is_some();
    view! {
        <details class="comment-action" open=open>
            <summary class="ds-link">{t.comment_edit}</summary>
            <ActionForm action attr:class="form comment-form" attr:novalidate=true>
                <FormAlert error fields=FIELDS />
                <input type="hidden" name="comment_id" value=id />
                <input type="hidden" name="return_to" value=page />
                <TextArea id=format!("edit-{id}-body") name="body" label=t.comment_label error max_length=BODY_MAX required=true rows=4 value=comment.body.clone() />
                <SelectField id=format!("edit-{id}-stance") name="stance" label=t.comment_stance error options=stance_options() empty=t.comment_no_stance value=comment.stance.map(|stance| stance.as_str().to_owned()).unwrap_or_default() />
                <button type="submit" class="ds-button" data-size="sm">{t.comment_save}</button>
            </ActionForm>
        </details>
    }
}

/// The author's "Delete", asked twice: the disclosure, then the button.
#[component]
pub fn DeleteDisclosure(comment_id: i64, page: String) -> impl IntoView {
    let t = t();
    let action = ServerAction::<DeleteComment>::new();
    let error: Signal<_> = Signal::derive(move || action.value().get().and_then(Result::err));
    view! {
        <details class="comment-action">
            <summary class="ds-link">{t.comment_delete}</summary>
            <ActionForm action attr:class="form comment-form">
                <FormAlert error />
                <input type="hidden" name="comment_id" value=comment_id />
                <input type="hidden" name="return_to" value=page />
                <p class="ds-paragraph" data-size="sm">{t.comment_delete_hint}</p>
                <button type="submit" class="ds-button" data-color="danger" data-size="sm">{t.comment_delete_confirm}</button>
            </ActionForm>
        </details>
    }
}
