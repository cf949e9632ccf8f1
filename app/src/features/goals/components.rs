//! The parts of `/admin/goals` (the form that adds a goal, one card per
//! goal with its edit form and its retire or restore button), the goal
//! checkboxes of the staff's challenge and idea forms, and the list of
//! goals the public reads on a challenge or an idea. Every form is a plain
//! form that posts and comes back.

use leptos::prelude::*;

use super::api::{AddGoal, EditGoal, RestoreGoal, RetireGoal};
use super::types::{DESCRIPTION_MAX, Goal, GoalRow, GoalText, NAME_MAX};
use crate::components::error_message::ErrorText;
use crate::components::forms::{FormAlert, FormError, IdempotencyKeyField, TextArea, TextField};
use crate::error::AppError;
use crate::i18n::{fill, t, use_locale};
use crate::time::{format_date, today_in_oslo};

/// The fields of a goal's form, each with its own message.
const FIELDS: &[&str] = &[
    "name_nb",
    "name_nn",
    "name_en",
    "description_nb",
    "description_nn",
    "description_en",
];

/// The error of the edit form of goal `id` only: every card's edit form
/// posts to the same function, and the id rides in the echo.
fn error_for(error: Option<AppError>, id: i64) -> Option<AppError> {
    error.filter(|error| error.echoed("goal_id") == Some(id.to_string().as_str()))
}

/// The six fields, filled in from `text`; `prefix` keeps ids unique.
#[component]
fn GoalFields(prefix: String, error: FormError, text: GoalText) -> impl IntoView {
    let t = t();
    let id = |name: &str| format!("{prefix}-{name}");
    view! {
        <TextField id=id("name-nb") name="name_nb" label=t.goals_name_nb error max_length=NAME_MAX required=true value=text.name.nb />
        <TextField id=id("name-nn") name="name_nn" label=t.goals_name_nn error hint=t.goals_translation_hint max_length=NAME_MAX value=text.name.nn />
        <TextField id=id("name-en") name="name_en" label=t.goals_name_en error hint=t.goals_translation_hint max_length=NAME_MAX value=text.name.en />
        <TextArea id=id("description-nb") name="description_nb" label=t.goals_description_nb error max_length=DESCRIPTION_MAX rows=3 value=text.description.nb />
        <TextArea id=id("description-nn") name="description_nn" label=t.goals_description_nn error max_length=DESCRIPTION_MAX rows=3 value=text.description.nn />
        <TextArea id=id("description-en") name="description_en" label=t.goals_description_en error max_length=DESCRIPTION_MAX rows=3 value=text.description.en />
    }
}

/// Adds a goal; its key makes a double tap add it once.
#[component]
pub fn AddGoalForm() -> impl IntoView {
    let t = t();
    let action = ServerAction::<AddGoal>::new();
    let error: Signal<_> = Signal::derive(move || action.value().get().and_then(Result::err));
    view! {
        <section class="goals__add" aria-labelledby="goal-add-heading">
            <h2 class="ds-heading" data-size="sm" id="goal-add-heading">{t.goals_add_title}</h2>
            <ActionForm action attr:class="form" attr:novalidate=true>
                <FormAlert error fields=FIELDS />
                <IdempotencyKeyField />
                <GoalFields prefix="goal-add".to_owned() error text=GoalText::default() />
                <button type="submit" class="ds-button" data-variant="primary">{t.goals_add}</button>
            </ActionForm>
        </section>
    }
}

/// What went wrong with a change that no single form can show: a retire or
/// restore button, or an edit refused before its goal was known.
#[component]
pub fn ChangeAlert() -> impl IntoView {
    let edit = ServerAction::<EditGoal>::new();
    let retire = ServerAction::<RetireGoal>::new();
    let restore = ServerAction::<RestoreGoal>::new();
    let error: Signal<_> = Signal::derive(move || {
        let failed = |value: Option<Result<(), AppError>>| value.and_then(Result::err);
        failed(retire.value().get())
            .or_else(|| failed(restore.value().get()))
            .or_else(|| {
                failed(edit.value().get()).filter(|error| error.echoed("goal_id").is_none())
            })
    });
    view! { <FormAlert error /> }
}

/// One goal: its name, its edit form, and retire or restore.
#[component]
pub fn GoalCard(goal: GoalRow) -> impl IntoView {
    let t = t();
    let locale = use_locale();
    let GoalRow {
        id,
        text,
        retired_at,
    } = goal;
    let anchor = format!("goal-{id}");
    let heading_id = format!("{anchor}-heading");
    let edit = ServerAction::<EditGoal>::new();
    let edit_error: Signal<_> =
        Signal::derive(move || error_for(edit.value().get().and_then(Result::err), id));
    let retired_on = retired_at.map(|at| {
        fill(
            t.goals_retired_on,
            &[("date", &format_date(today_in_oslo(at), locale))],
        )
    });
    let change = if retired_on.is_some() {
        view! { <RestoreForm id heading_id=heading_id.clone() /> }.into_any()
    } else {
        view! { <RetireForm id heading_id=heading_id.clone() /> }.into_any()
    };
    let name = text.name.get(locale).to_owned();
    let card_id = anchor.clone();
    let form_labelled_by = heading_id.clone();
    let button_described_by = heading_id.clone();
    view! {
        <li class="ds-card department-card" id=card_id>
            <h3 class="ds-heading" data-size="xs" id=heading_id>{name}</h3>
            {retired_on.map(|text| view! { <p class="ds-paragraph" data-size="sm">{text}</p> })}
            // Open when the form came back refused, so its message shows.
            <details class="goal-card__edit" open=edit_error.get_untracked().is_some()>
                <summary>{t.goals_edit}</summary>
                <ActionForm action=edit attr:class="form" attr:novalidate=true attr:aria-labelledby=form_labelled_by>
                    <FormAlert error=edit_error fields=FIELDS />
                    <input type="hidden" name="goal_id" value=id />
                    <GoalFields prefix=anchor error=edit_error text />
                    <button type="submit" class="ds-button" data-size="sm" data-variant="secondary" aria-describedby=button_described_by>{t.goals_save}</button>
                </ActionForm>
            </details>
            {change}
        </li>
    }
}

#[component]
fn RetireForm(id: i64, heading_id: String) -> impl IntoView {
    let t = t();
    let action = ServerAction::<RetireGoal>::new();
    view! {
        <ActionForm action attr:class="form">
            <input type="hidden" name="goal_id" value=id />
            <button type="submit" class="ds-button" data-size="sm" data-variant="tertiary" aria-describedby=heading_id>{t.goals_retire}</button>
        </ActionForm>
    }
}

#[component]
fn RestoreForm(id: i64, heading_id: String) -> impl IntoView {
    let t = t();
    let action = ServerAction::<RestoreGoal>::new();
    view! {
        <ActionForm action attr:class="form">
            <input type="hidden" name="goal_id" value=id />
            <button type="submit" class="ds-button" data-size="sm" data-variant="secondary" aria-describedby=heading_id>{t.goals_restore}</button>
        </ActionForm>
    }
}

/// The goals a staff form offers as checkboxes named `goals[]`: those
/// still offered and those `linked` already (retired ones marked, so they
/// may stay but are not chosen anew). `id` keeps the ids unique.
#[component]
pub fn GoalCheckboxes(
    id: &'static str,
    goals: Vec<Goal>,
    linked: Vec<i64>,
    error: FormError,
) -> impl IntoView {
    let t = t();
    let locale = use_locale();
    let offered = super::types::choices(&goals, &linked);
    // A refused form comes back with the boxes as they were sent.
    let checked = error
        .get_untracked()
        .and_then(|error| error.echoed("goals").map(super::types::echoed))
        .unwrap_or(linked);
    if offered.is_empty() {
        return view! { <p class="ds-paragraph" data-size="sm">{t.goals_none_offered}</p> }
            .into_any();
    }
    let hint_id = format!("{id}-hint");
    let described_by = hint_id.clone();
    let message_id = format!("{id}-message");
    let problem = move || error.get().filter(|error| error.field() == Some("goals"));
    view! {
        <fieldset class="ds-fieldset settings-group" id=id aria-describedby=described_by>
            <legend class="ds-label">{t.goals_title}</legend>
            <p class="ds-paragraph field-hint" data-size="sm" id=hint_id>{t.goals_choose_hint}</p>
            {offered.into_iter().map(|goal| view! {
                <label class="checkbox">
                    <input type="checkbox" name="goals[]" value=goal.id checked=checked.contains(&goal.id) />
                    " "{goal.label(locale, t)}
                </label>
            }).collect_view()}
            {move || problem().map(|error| view! {
                <p class="ds-validation-message" data-field="validation" id=message_id.clone()>
                    <ErrorText error />
                </p>
            })}
        </fieldset>
    }
    .into_any()
}

/// The goals something works towards, in the reader's language, for the
/// idea's and the challenge's facts. Only goals still in use are given.
#[component]
pub fn GoalNames(goals: Vec<Goal>) -> impl IntoView {
    let locale = use_locale();
    view! {
        <ul class="tag-list goal-list">
            {goals.into_iter().map(|goal| view! { <li>{goal.name.get(locale).to_owned()}</li> }).collect_view()}
        </ul>
    }
}
