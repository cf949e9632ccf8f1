//! The public timeline on an idea's page with the municipality's newest
//! official response above it, and the staff's move, response and goals
//! forms.

use leptos::prelude::*;

use super::api::{MoveIdea, RespondToIdea, SetIdeaGoals};
use super::types::{IdeaWork, NOTE_MAX, OfficialResponse, RESPONSE_MAX, TimelineEntry};
use crate::components::forms::{FormAlert, IdempotencyKeyField, SelectField, TextArea, TextField};
use crate::features::departments::types::{self as departments, Department};
use crate::features::goals::components::GoalCheckboxes;
use crate::features::ideas::status::IdeaStatus;
use crate::features::ideas::transitions::{By, Needs, targets};
use crate::i18n::{fill, t, use_locale};
use crate::time::format_oslo;

/// Every status change of the idea and every official response, oldest
/// first: a change with its reason or link and the response published
/// with it, a response on its own with its department.
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
                    let card_title = entry.card_title.clone();
                    let heading = match (entry.to, &entry.response) {
                        (Some(to), _) => view! { <strong>{to.label(t)}</strong> }.into_any(),
                        (None, response) => view! {
                            <strong>{t.timeline_response}</strong>
                            {response.as_ref().and_then(|response| response.department.clone()).map(|name| format!(" · {name}"))}
                        }.into_any(),
                    };
                    let moved = entry.to.is_some();
                    view! {
                        <li>
                            <time datetime=entry.at.to_rfc3339()>{format_oslo(entry.at, locale)}</time>
                            ": "{heading}
                            {match link {
                                Some(href) => {
                                    let shown = match card_title {
                                        Some(title) => fill(t.timeline_solution_card, &[("title", &title)]),
                                        None => href.clone(),
                                    };
                                    view! { " — "<a class="ds-link" href=href rel="noopener noreferrer">{shown}</a> }.into_any()
                                }
                                None => entry.note.map(|note| view! { " — "{note} }).into_any(),
                            }}
                            {entry.response.map(|response| view! {
                                <div class="timeline__response">
                                    {moved.then(|| view! {
                                        <p class="ds-paragraph" data-size="sm">
                                            <strong>{t.timeline_response}</strong>
                                            {response.department.clone().map(|name| format!(" · {name}"))}
                                        </p>
                                    })}
                                    <div class="prose" inner_html=response.html></div>
                                </div>
                            })}
                        </li>
                    }
                }).collect_view()}
            </ol>
        </section>
    }
}

/// The municipality's newest official response, at the top of the idea's
/// page; the earlier ones stay in the timeline.
#[component]
pub fn OfficialResponseBox(
    response: OfficialResponse,
    /// How many responses came before it.
    earlier: usize,
) -> impl IntoView {
    let t = t();
    let locale = use_locale();
    view! {
        <section class="official-response" id="official-response" aria-labelledby="official-response-heading">
            <h2 class="ds-heading" data-size="xs" id="official-response-heading">{t.timeline_response}</h2>
            <p class="ds-paragraph" data-size="sm">
                <time datetime=response.at.to_rfc3339()>{format_oslo(response.at, locale)}</time>
                {response.department.map(|name| format!(" · {name}"))}
                " · "{response.status.label(t)}
            </p>
            <div class="prose" inner_html=response.html></div>
            {(earlier > 0).then(|| view! {
                <p class="ds-paragraph" data-size="sm">
                    <a class="ds-link" href="#timeline">{fill(t.official_response_earlier, &[("count", &earlier.to_string())])}</a>
                </p>
            })}
        </section>
    }
}

/// The newest official response of a timeline, and how many came before.
pub fn newest_response(entries: &[TimelineEntry]) -> Option<(OfficialResponse, usize)> {
    let responses: Vec<&OfficialResponse> = entries
        .iter()
        .filter_map(|entry| entry.response.as_ref())
        .collect();
    responses
        .last()
        .map(|newest| ((*newest).clone(), responses.len() - 1))
}

/// Staff publish the municipality's official response without moving the
/// idea: a plain form, as every form is.
#[component]
pub fn RespondForm(idea_id: i64) -> impl IntoView {
    let t = t();
    let action = ServerAction::<RespondToIdea>::new();
    let error: Signal<_> = Signal::derive(move || action.value().get().and_then(Result::err));
    view! {
        <div class="staff-work__part" id="respond">
            <h3 class="ds-heading" data-size="2xs">{t.respond_title}</h3>
            <p class="ds-paragraph" data-size="sm">{t.respond_lead}</p>
            <ActionForm action attr:class="form" attr:novalidate=true>
                <FormAlert error fields=&["response"] />
                <input type="hidden" name="idea_id" value=idea_id />
                <IdempotencyKeyField />
                <TextArea id="respond-response" name="response" label=t.respond_label error hint=t.respond_hint max_length=RESPONSE_MAX rows=6 required=true />
                <button type="submit" class="ds-button" data-size="sm" data-variant="primary">{t.respond_send}</button>
            </ActionForm>
        </div>
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
    let needs_reason = choices
        .iter()
        .any(|choice| matches!(choice.needs, Needs::Reason | Needs::TargetOrReason));
    let needs_link = choices.iter().any(|choice| choice.needs == Needs::Link);
    let needs_owner = choices.iter().any(|choice| choice.needs == Needs::Owner);
    let department_options = departments::select_options(departments);
    view! {
        <section class="author-tools" aria-labelledby="move-heading">
            <h2 class="ds-heading" data-size="xs" id="move-heading">{t.pipeline_move_title}</h2>
            <ActionForm action attr:class="form" attr:novalidate=true>
                <FormAlert error fields=&["to", "reason", "link", "department_id", "response"] />
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
                                Needs::Kpi => Some(view! { " ("{t.pipeline_needs_kpi}")" }),
                                Needs::TargetOrReason => Some(view! { " ("{t.pipeline_needs_target_or_reason}")" }),
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

/// The shared goals the idea works towards: checkboxes from review on,
/// before that only why there are none.
#[component]
pub fn IdeaGoals(work: IdeaWork) -> impl IntoView {
    let t = t();
    let locale = use_locale();
    let action = ServerAction::<SetIdeaGoals>::new();
    let error: Signal<_> = Signal::derive(move || action.value().get().and_then(Result::err));
    let linked: Vec<String> = work
        .goals
        .iter()
        .filter(|goal| work.linked_goals.contains(&goal.id))
        .map(|goal| goal.label(locale, t))
        .collect();
    view! {
        <div class="staff-work__part" id="goals">
            <h3 class="ds-heading" data-size="2xs">{t.goals_title}</h3>
            {if work.takes_goals {
                view! {
                    <ActionForm action attr:class="form" attr:novalidate=true>
                        <FormAlert error fields=&["goals"] />
                        <input type="hidden" name="idea_id" value=work.idea_id />
                        <IdempotencyKeyField />
                        <GoalCheckboxes id="idea-goals" goals=work.goals.clone() linked=work.linked_goals.clone() error />
                        <button type="submit" class="ds-button" data-size="sm" data-variant="secondary">{t.goals_save_links}</button>
                    </ActionForm>
                }.into_any()
            } else {
                view! {
                    {(!linked.is_empty()).then(|| view! { <p class="ds-paragraph" data-size="sm">{linked.join(", ")}</p> })}
                    <p class="ds-paragraph" data-size="sm">{t.goals_from_review}</p>
                }.into_any()
            }}
        </div>
    }
}
