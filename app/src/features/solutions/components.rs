//! The parts of the solution pages: the card in a list, staff's form
//! (a new card and a saved one share it), the publish button, the history
//! of versions, and the "steal first" list the idea form shows.

use leptos::prelude::*;

use super::api::{AddSolution, PublishSolution, SaveSolution};
use super::types::{
    CONTACT_MAX, CONTEXT_MAX, COST_NOTE_MAX, DONE_MAX, Licence, Maturity, NOTE_MAX, PROBLEM_MAX,
    SolutionCard, SolutionEditor, SolutionLink, SolutionText, TITLE_MAX, VersionRow,
};
use crate::components::forms::{
    FormAlert, FormError, IdempotencyKeyField, SelectField, TextArea, TextField,
};
use crate::features::focus_area::FocusArea;
use crate::features::goals::components::GoalCheckboxes;
use crate::i18n::{fill, t, use_locale};
use crate::time::{format_date, format_oslo, today_in_oslo};

/// The fields that show their own message.
const FIELDS: &[&str] = &[
    "title",
    "problem",
    "context",
    "what_was_done",
    "cost_nok",
    "cost_note",
    "contact",
    "licence",
    "maturity",
    "focus_area",
    "goals",
    "note",
    "idea_id",
];

/// A card in a list: title, maturity, focus area and what problem it met.
#[component]
pub fn SolutionCardItem(card: SolutionCard) -> impl IntoView {
    let t = t();
    let locale = use_locale();
    let href = format!("/solutions/{}", card.id);
    let changed = fill(
        t.solutions_changed_on,
        &[("date", &format_date(today_in_oslo(card.updated_at), locale))],
    );
    view! {
        <li class="ds-card solution-card">
            <h3 class="ds-heading" data-size="xs"><a class="ds-link" href=href>{card.title}</a></h3>
            <p class="ds-paragraph" data-size="sm">
                <span class="ds-tag" data-color="info">{card.maturity.label(t)}</span>" "
                {card.focus_area.label(t)}
                {(card.version == 0).then(|| view! { " · "<strong>{t.solutions_draft}</strong> })}
            </p>
            <p class="ds-paragraph">{card.excerpt}</p>
            <p class="ds-paragraph" data-size="sm">{changed}</p>
        </li>
    }
}

fn options<T: Copy>(
    all: &[T],
    name: fn(T) -> &'static str,
    label: impl Fn(T) -> String,
) -> Vec<(String, String)> {
    all.iter()
        .map(|value| (name(*value).to_owned(), label(*value)))
        .collect()
}

/// Every field of a card, filled from `text`.
#[component]
fn SolutionFields(error: FormError, text: SolutionText) -> impl IntoView {
    let t = t();
    let licences = options(&Licence::ALL, Licence::as_str, |licence| {
        licence.name().to_owned()
    });
    let maturities = options(&Maturity::ALL, Maturity::as_str, |maturity| {
        maturity.label(t).to_owned()
    });
    let areas = options(&FocusArea::ALL, FocusArea::as_str, |area| {
        area.label(t).to_owned()
    });
    view! {
        <TextField id="solution-title" name="title" label=t.solutions_field_title error max_length=TITLE_MAX required=true value=text.title />
        <TextArea id="solution-problem" name="problem" label=t.solutions_field_problem error hint=t.solutions_problem_hint max_length=PROBLEM_MAX rows=5 required=true value=text.problem />
        <TextArea id="solution-context" name="context" label=t.solutions_field_context error hint=t.solutions_context_hint max_length=CONTEXT_MAX rows=5 value=text.context />
        <TextArea id="solution-done" name="what_was_done" label=t.solutions_field_done error hint=t.solutions_done_hint max_length=DONE_MAX rows=10 required=true value=text.what_was_done />
        <TextField id="solution-cost" name="cost_nok" label=t.solutions_field_cost error hint=t.solutions_cost_hint value=text.cost_nok.map(|cost| cost.to_string()).unwrap_or_default() />
        <TextField id="solution-cost-note" name="cost_note" label=t.solutions_field_cost_note error hint=t.solutions_cost_note_hint max_length=COST_NOTE_MAX value=text.cost_note />
        <TextField id="solution-contact" name="contact" label=t.solutions_field_contact error hint=t.solutions_contact_hint max_length=CONTACT_MAX value=text.contact />
        <SelectField id="solution-maturity" name="maturity" label=t.solutions_field_maturity error options=maturities required=true value=text.maturity.as_str().to_owned() />
        <SelectField id="solution-area" name="focus_area" label=t.solutions_field_area error options=areas required=true value=text.focus_area.as_str().to_owned() />
        <SelectField id="solution-licence" name="licence" label=t.solutions_field_licence error hint=t.solutions_licence_hint options=licences required=true value=text.licence.as_str().to_owned() />
    }
}

/// Staff's form: a new draft card, or the next save of card `editor.id`.
#[component]
pub fn SolutionEditForm(editor: SolutionEditor) -> impl IntoView {
    let t = t();
    match editor.id {
        None => {
            let action = ServerAction::<AddSolution>::new();
            let error: Signal<_> =
                Signal::derive(move || action.value().get().and_then(Result::err));
            view! {
                <ActionForm action attr:class="form solution-form" attr:novalidate=true attr:id="solution-form">
                    <FormAlert error fields=FIELDS />
                    <IdempotencyKeyField />
                    {editor.idea.map(|idea| view! { <input type="hidden" name="idea_id" value=idea.id /> })}
                    <SolutionFields error text=editor.text />
                    <GoalCheckboxes id="solution-goals" goals=editor.goals linked=editor.linked_goals error />
                    <button type="submit" class="ds-button" data-variant="primary">{t.solutions_add}</button>
                </ActionForm>
            }
            .into_any()
        }
        Some(id) => {
            let action = ServerAction::<SaveSolution>::new();
            let error: Signal<_> =
                Signal::derive(move || action.value().get().and_then(Result::err));
            let published = editor.version > 0;
            view! {
                <ActionForm action attr:class="form solution-form" attr:novalidate=true attr:id="solution-form">
                    <FormAlert error fields=FIELDS />
                    <input type="hidden" name="id" value=id />
                    <input type="hidden" name="base_revision" value=editor.base_revision />
                    <SolutionFields error text=editor.text />
                    <GoalCheckboxes id="solution-goals" goals=editor.goals linked=editor.linked_goals error />
                    {published.then(|| view! {
                        <TextField id="solution-note" name="note" label=t.solutions_note error hint=t.solutions_note_hint max_length=NOTE_MAX />
                    })}
                    <button type="submit" class="ds-button" data-variant="primary">
                        {if published { t.solutions_save_version } else { t.solutions_save_draft }}
                    </button>
                </ActionForm>
            }
            .into_any()
        }
    }
}

/// Publishes a draft card as its version 1.
#[component]
pub fn PublishSolutionForm(id: i64, base_revision: i32) -> impl IntoView {
    let t = t();
    let action = ServerAction::<PublishSolution>::new();
    let error: Signal<_> = Signal::derive(move || action.value().get().and_then(Result::err));
    view! {
        <ActionForm action attr:class="form solution-publish">
            <FormAlert error fields=&[] />
            <input type="hidden" name="id" value=id />
            <input type="hidden" name="base_revision" value=base_revision />
            <p class="ds-paragraph">{t.solutions_publish_lead}</p>
            <button type="submit" class="ds-button" data-variant="primary">{t.solutions_publish}</button>
        </ActionForm>
    }
}

/// The published versions, newest first, each to read.
#[component]
pub fn SolutionHistory(id: i64, history: Vec<VersionRow>) -> impl IntoView {
    let t = t();
    let locale = use_locale();
    view! {
        <section class="solution-history" aria-labelledby="solution-history-heading">
            <h2 class="ds-heading" data-size="sm" id="solution-history-heading">{t.solutions_history_title}</h2>
            <ol class="solution-history__list" reversed>
                {history.into_iter().map(|row| {
                    let number = row.number.to_string();
                    let href = format!("/solutions/{id}?version={}", row.number);
                    view! {
                        <li>
                            <a class="ds-link" href=href>{fill(t.solutions_version, &[("number", &number)])}</a>
                            ", "<time datetime=row.published_at.to_rfc3339()>{format_oslo(row.published_at, locale)}</time>
                            {(!row.note.is_empty()).then(|| view! { " — "{row.note} })}
                        </li>
                    }
                }).collect_view()}
            </ol>
        </section>
    }
}

/// Solution cards like the idea being written, so the writer may take one
/// that already works ("steal first"). Shown on the preview step, which
/// works without JavaScript.
#[component]
pub fn SimilarSolutionsList(solutions: Vec<SolutionLink>) -> impl IntoView {
    let t = t();
    (!solutions.is_empty()).then(|| view! {
        <section class="ds-alert similar-solutions" data-color="info" aria-labelledby="similar-solutions-heading">
            <h2 class="ds-heading" data-size="xs" id="similar-solutions-heading">{t.solutions_similar_title}</h2>
            <p class="ds-paragraph">{t.solutions_similar_lead}</p>
            <ul>
                {solutions.into_iter().map(|card| view! {
                    <li><a class="ds-link" href=format!("/solutions/{}", card.id)>{card.title}</a>
                        " ("{card.maturity.label(t)}")"</li>
                }).collect_view()}
            </ul>
        </section>
    })
}
