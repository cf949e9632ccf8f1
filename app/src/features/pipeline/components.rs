//! The public timeline on an idea's page, and the staff's move form.

use leptos::prelude::*;

use super::api::MoveIdea;
use super::transitions::{By, Needs, targets};
use super::types::{NOTE_MAX, RESPONSE_MAX, TimelineEntry};
use crate::components::forms::{FormAlert, SelectField, TextArea, TextField};
use crate::features::departments::{self, Department};
use crate::features::ideas::status::IdeaStatus;
use crate::i18n::{t, use_locale};
use crate::time::format_oslo;

/// Every status change of the idea, oldest first, with its reason or link.
#[component]
pub fn Timeline(entries: Vec<TimelineEntry>) -> impl IntoView {
    let t = t();
    let locale = use_locale();
    view! {
        <section class="timeline" id="timeline" aria-labelledby="timeline-heading">
            <h2 class="ds-heading" data-size="xs" id="timeline-heading">{t.timeline_title}</h2>
            <ol class="timeline__list">
                {entries.into_iter().map(|entry| {
                    let link = entry.link().map(str::to_owned);
                    let response_html = entry.response_html.clone();
                    view! {
                        <li>
                            <time datetime=entry.at.to_rfc3339()>{format_oslo(entry.at, locale)}</time>
                            ": "<strong>{entry.to.label(t)}</strong>
                            {match link {
                                Some(href) => {
                                    let shown = href.clone();
                                    view! { " — "<a class="ds-link" href=href rel="noopener noreferrer">{shown}</a> }.into_any()
                                }
                                None => entry.note.map(|note| view! { " — "{note} }).into_any(),
                            }}
                            {response_html.map(|html| view! {
                                <div class="timeline__response">
                                    <p class="ds-paragraph" data-size="sm"><strong>{t.timeline_response}</strong></p>
                                    <div class="prose" inner_html=html></div>
                                </div>
                            })}
                        </li>
                    }
                }).collect_view()}
            </ol>
        </section>
    }
}

/// Where staff may move the idea from its status now: a plain form with
/// the reason, link and owner department fields the moves need.
#[component]
pub fn MoveForm(
    idea_id: i64,
    from: IdeaStatus,
    departments: Vec<Department>,
    /// The idea has an owner department already (a move into review then
    /// needs none named).
    has_owner: bool,
) -> impl IntoView {
    let t = t();
    let choices = targets(from, By::Staff);
    if choices.is_empty() {
        return ().into_any();
    }
    let action = ServerAction::<MoveIdea>::new();
    let error: Signal<_> = Signal::derive(move || action.value().get().and_then(Result::err));
    let needs_reason = choices.iter().any(|choice| choice.needs == Needs::Reason);
    let needs_link = choices.iter().any(|choice| choice.needs == Needs::Link);
    let needs_owner = choices.iter().any(|choice| choice.needs == Needs::Owner);
    let department_options = departments::select_options(departments);
    view! {
        <section class="author-tools" aria-labelledby="move-heading">
            <h2 class="ds-heading" data-size="xs" id="move-heading">{t.pipeline_move_title}</h2>
            <ActionForm action attr:class="form" attr:novalidate=true>
                <FormAlert error fields=&["to", "reason", "link", "department_id"] />
                <input type="hidden" name="idea_id" value=idea_id />
                <fieldset class="ds-fieldset">
                    <legend class="ds-label">{t.pipeline_move_to}</legend>
                    {choices.into_iter().enumerate().map(|(n, choice)| view! {
                        <label class="checkbox">
                            <input type="radio" name="to" value=choice.to.as_str() checked=n == 0 />
                            " "{choice.to.label(t)}
                            {match choice.needs {
                                Needs::Reason => Some(view! { " ("{t.pipeline_needs_reason}")" }),
                                Needs::Link => Some(view! { " ("{t.pipeline_needs_link}")" }),
                                Needs::Owner if !has_owner => Some(view! { " ("{t.pipeline_needs_owner}")" }),
                                _ => None,
                            }}
                        </label>
                    }).collect_view()}
                </fieldset>
                {needs_reason.then(|| view! {
                    <TextArea id="move-reason" name="reason" label=t.pipeline_reason error hint=t.pipeline_reason_hint max_length=NOTE_MAX rows=3 />
                })}
                {needs_owner.then(|| view! {
                    <SelectField id="move-department" name="department_id" label=t.pipeline_owner error options=department_options.clone() empty=t.owners_choose hint=if has_owner { t.pipeline_owner_hint_more } else { t.pipeline_owner_hint } />
                })}
                {needs_link.then(|| view! {
                    <TextField id="move-link" name="link" label=t.pipeline_link error hint=t.pipeline_link_hint kind="url" />
                })}
                <TextArea id="move-response" name="response" label=t.pipeline_response error hint=t.pipeline_response_hint max_length=RESPONSE_MAX rows=5 />
                <button type="submit" class="ds-button" data-size="sm" data-variant="primary">{t.pipeline_move_send}</button>
            </ActionForm>
        </section>
    }
    .into_any()
}
