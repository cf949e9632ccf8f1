use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use server_fn::ServerFn as _;

use super::api::{SupportComment, SupportIdea, support_comment, support_idea};
use super::types::SupportState;
use crate::components::forms::returned_error;
use crate::i18n::{fill, t};

/// What a support button is for.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum SupportTarget {
    Idea(i64),
    /// A comment, and the page it is shown on (the no-JavaScript post
    /// comes back there).
    Comment {
        id: i64,
        page: String,
    },
}

/// The button's words in the reader's language, made on the server: the
/// island runs in the browser without the message tables, which keeps them
/// out of the download.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SupportTexts {
    support: String,
    unsupport: String,
    /// "{count} supports".
    count: String,
    /// When a click did not reach the server or was refused.
    failed: String,
    /// The error a plain form post came back with, if any.
    returned: Option<String>,
}

impl SupportTexts {
    /// The sentences for `target`, with the error a plain form post to its
    /// server function came back with.
    pub fn for_target(target: &SupportTarget) -> Self {
        let t = t();
        let (support, unsupport, count, returned) = match target {
            SupportTarget::Idea(_) => (
                t.support_idea,
                t.unsupport_idea,
                t.idea_supports_count,
                returned_error::<SupportIdea>().get_untracked(),
            ),
            SupportTarget::Comment { .. } => (
                t.support_comment,
                t.unsupport_comment,
                t.comment_supports_count,
                returned_error::<SupportComment>().get_untracked(),
            ),
        };
        Self {
            support: support.to_owned(),
            unsupport: unsupport.to_owned(),
            count: count.to_owned(),
            failed: t.support_failed.to_owned(),
            returned: returned
                .map(|error| crate::components::error_message::sentence(t, &error).to_owned()),
        }
    }
}

/// The support button with its count. Without JavaScript a plain form that
/// posts and comes back to the same spot; with JavaScript it asks the
/// server itself and changes in place (no page load, no jump), and the
/// count is announced politely.
#[island]
pub fn SupportToggle(
    target: SupportTarget,
    state: SupportState,
    texts: SupportTexts,
) -> impl IntoView {
    let current = RwSignal::new(state);
    let pending = RwSignal::new(false);
    let problem = RwSignal::new(texts.returned.clone());
    let (action, id_field, id, page) = match &target {
        SupportTarget::Idea(id) => (SupportIdea::url(), "idea_id", *id, None),
        SupportTarget::Comment { id, page } => {
            (SupportComment::url(), "comment_id", *id, Some(page.clone()))
        }
    };
    let failed = texts.failed.clone();
    let on_submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        if pending.get_untracked() {
            return;
        }
        let support = !current.get_untracked().supported;
        let target = target.clone();
        let failed = failed.clone();
        pending.set(true);
        leptos::task::spawn_local(async move {
            let answer = match target {
                SupportTarget::Idea(id) => support_idea(id, support).await,
                SupportTarget::Comment { id, page } => {
                    support_comment(id, support, Some(page)).await
                }
            };
            match answer {
                Ok(state) => {
                    current.set(state);
                    problem.set(None);
                }
                Err(_) => problem.set(Some(failed)),
            }
            pending.set(false);
        });
    };
    let SupportTexts {
        support,
        unsupport,
        count,
        ..
    } = texts;
    view! {
        <form method="post" action=action class="support-toggle" on:submit=on_submit>
            <input type="hidden" name=id_field value=id />
            {page.map(|page| view! { <input type="hidden" name="return_to" value=page /> })}
            <input type="hidden" name="support" value=move || (!current.get().supported).to_string() />
            <button type="submit" class="ds-button support-toggle__button" data-size="sm"
                data-variant=move || if current.get().supported { "secondary" } else { "primary" }
                aria-disabled=move || pending.get().then_some("true")>
                {move || if current.get().supported { unsupport.clone() } else { support.clone() }}
            </button>
            <span class="support-toggle__count" aria-live="polite">
                {move || fill(&count, &[("count", &current.get().count.to_string())])}
            </span>
            {move || problem.get().map(|text| view! {
                <p class="ds-validation-message support-toggle__problem" role="alert">{text}</p>
            })}
        </form>
    }
}

/// The count alone, where the reader cannot support (signed out, their
/// own, or supports closed), with why.
#[component]
pub fn SupportCount(
    count: i32,
    #[prop(optional)] comment: bool,
    #[prop(optional, into)] note: Option<&'static str>,
) -> impl IntoView {
    let t = t();
    let text = if comment {
        t.comment_supports_count
    } else {
        t.idea_supports_count
    };
    view! {
        <p class="support-toggle support-toggle--static ds-paragraph" data-size="sm">
            <span class="support-toggle__count">{fill(text, &[("count", &count.to_string())])}</span>
            {note.map(|note| view! { " "<span class="support-toggle__note">{note}</span> })}
        </p>
    }
}
