use leptos::prelude::*;

use super::api::{SupportComment, SupportIdea};
use super::types::SupportState;
use crate::components::forms::FormAlert;
use crate::i18n::{Locale, fill, t};

/// What a support button is for.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum SupportTarget {
    Idea(i64),
    /// A comment, and the page it is shown on (the no-JavaScript post
    /// comes back there).
    Comment {
        id: i64,
        page: String,
    },
}

/// The support button with its count. A plain form that posts and comes
/// back to the same spot without JavaScript; with JavaScript it changes in
/// place (no page load, no jump) and the count is announced politely.
#[island]
pub fn SupportToggle(target: SupportTarget, state: SupportState, locale: Locale) -> impl IntoView {
    // Islands run in the browser without the page's context; the language
    // comes along as a prop.
    provide_context(locale);
    let t = t();
    let current = RwSignal::new(state);
    let idea = ServerAction::<SupportIdea>::new();
    let comment = ServerAction::<SupportComment>::new();
    Effect::new(move |_| {
        let answer = idea.value().get().or_else(|| comment.value().get());
        if let Some(Ok(new_state)) = answer {
            current.set(new_state);
        }
    });
    let error: Signal<_> = Signal::derive(move || {
        idea.value()
            .get()
            .or_else(|| comment.value().get())
            .and_then(Result::err)
    });
    let pending = Signal::derive(move || idea.pending().get() || comment.pending().get());
    let (count_text, support_text, unsupport_text) = match target {
        SupportTarget::Idea(_) => (t.idea_supports_count, t.support_idea, t.unsupport_idea),
        SupportTarget::Comment { .. } => (
            t.comment_supports_count,
            t.support_comment,
            t.unsupport_comment,
        ),
    };
    let fields = move || {
        let next = (!current.get().supported).to_string();
        view! {
            <input type="hidden" name="support" value=next />
            <button type="submit" class="ds-button support-toggle__button" data-variant=move || if current.get().supported { "secondary" } else { "primary" } data-size="sm" disabled=pending>
                {move || if current.get().supported { unsupport_text } else { support_text }}
            </button>
            <span class="support-toggle__count" aria-live="polite">
                {move || fill(count_text, &[("count", &current.get().count.to_string())])}
            </span>
            <FormAlert error />
        }
    };
    match target {
        SupportTarget::Idea(id) => view! {
            <ActionForm action=idea attr:class="support-toggle">
                <input type="hidden" name="idea_id" value=id />
                {fields}
            </ActionForm>
        }
        .into_any(),
        SupportTarget::Comment { id, page } => view! {
            <ActionForm action=comment attr:class="support-toggle support-toggle--comment">
                <input type="hidden" name="comment_id" value=id />
                <input type="hidden" name="return_to" value=page />
                {fields}
            </ActionForm>
        }
        .into_any(),
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
