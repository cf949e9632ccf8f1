use leptos::prelude::*;

use crate::components::forms::{
    FormAlert, FormError, HoneypotField, IdempotencyKeyField, SelectField, TextArea, TextField,
};
use crate::features::challenges::api::{CreateChallenge, UpdateChallenge};
use crate::features::challenges::types::{ChallengeEditor, EditableDates, PROBLEM_MAX, TITLE_MAX};
use crate::features::departments::types::{self as departments, Department};
use crate::features::focus_area::FocusArea;
use crate::features::goals::components::GoalCheckboxes;
use crate::features::goals::types::Goal;
use crate::i18n::{t, use_locale};
use crate::time::format_date;

const FIELDS: &[&str] = &[
    "title",
    "problem",
    "focus_area",
    "department_id",
    "opens_on",
    "closes_on",
    "goals",
];
/// The fields of an edit whose first day stays (see [`EditableDates`]).
const FIELDS_BUT_FIRST_DAY: &[&str] = &[
    "title",
    "problem",
    "focus_area",
    "department_id",
    "closes_on",
    "goals",
];
/// The fields of an edit whose dates stay.
const FIELDS_BUT_DATES: &[&str] = &["title", "problem", "focus_area", "department_id", "goals"];

/// Propose a challenge (a participant) or publish one (staff, who also
/// choose the shared goals it works towards).
#[component]
pub fn ChallengeForm(
    departments: Vec<Department>,
    staff: bool,
    /// Every goal, retired ones marked (staff only; empty otherwise).
    goals: Vec<Goal>,
) -> impl IntoView {
    let t = t();
    let action = ServerAction::<CreateChallenge>::new();
    let error: Signal<_> = Signal::derive(move || action.value().get().and_then(Result::err));
    view! {
        <ActionForm action attr:class="form" attr:novalidate=true>
            <FormAlert error fields=FIELDS />
            <IdempotencyKeyField />
            <HoneypotField />
            <ChallengeFields error departments department_required=staff
                department_empty=if staff { t.choose } else { t.challenge_department_unknown }
                values=Values::default() dates=EditableDates::Both />
            {staff.then(|| view! { <GoalCheckboxes id="challenge-goals" goals linked=Vec::new() error /> })}
            <button type="submit" class="ds-button">{if staff { t.challenge_publish } else { t.challenge_propose }}</button>
        </ActionForm>
    }
}

/// Staff correct a challenge: the same fields, filled in from it, and the
/// version of the challenge they were filled in from.
#[component]
pub fn ChallengeEditForm(
    editor: ChallengeEditor,
    departments: Vec<Department>,
    goals: Vec<Goal>,
) -> impl IntoView {
    let t = t();
    let action = ServerAction::<UpdateChallenge>::new();
    let error: Signal<_> = Signal::derive(move || action.value().get().and_then(Result::err));
    // A form refused for a mistake keeps the version it was first filled in
    // from, so a change someone saved meanwhile is still noticed.
    let version = error
        .get_untracked()
        .and_then(|error| error.echoed("version").map(str::to_owned))
        .unwrap_or_else(|| editor.version.to_string());
    let fields = match editor.dates {
        EditableDates::Both => FIELDS,
        EditableDates::ClosingOnly => FIELDS_BUT_FIRST_DAY,
        EditableDates::Neither => FIELDS_BUT_DATES,
    };
    let values = Values {
        title: editor.title.clone(),
        problem: editor.problem.clone(),
        focus_area: editor.focus_area.as_str().to_owned(),
        department_id: editor
            .department_id
            .map(|id| id.to_string())
            .unwrap_or_default(),
        opens_on: editor.opens_on.to_string(),
        closes_on: editor.closes_on.to_string(),
    };
    // A proposal may still wait for staff to choose its owner.
    let department_required = editor.state.is_public();
    view! {
        <ActionForm action attr:class="form" attr:novalidate=true>
            <FormAlert error fields />
            <input type="hidden" name="challenge_id" value=editor.id />
            <input type="hidden" name="version" value=version />
            <ChallengeFields error departments department_required
                department_empty=if department_required { t.choose } else { t.challenge_department_unknown }
                values dates=editor.dates />
            <GoalCheckboxes id="challenge-goals" goals linked=editor.goal_ids.clone() error />
            <button type="submit" class="ds-button">{t.challenge_save_changes}</button>
        </ActionForm>
    }
}

/// What the fields hold when the form is first shown: nothing for a new
/// challenge, the challenge's own values for an edit.
#[derive(Clone, Debug, Default)]
struct Values {
    title: String,
    problem: String,
    focus_area: String,
    department_id: String,
    opens_on: String,
    closes_on: String,
}

/// The fields a challenge is written with. Dates that may no longer change
/// are shown as text and sent as they are.
#[component]
fn ChallengeFields(
    error: FormError,
    departments: Vec<Department>,
    department_required: bool,
    department_empty: &'static str,
    values: Values,
    dates: EditableDates,
) -> impl IntoView {
    let t = t();
    let locale = use_locale();
    let areas = FocusArea::ALL
        .into_iter()
        .map(|area| (area.as_str().to_owned(), area.label(t).to_owned()))
        .collect();
    // An edit keeps its owner on offer even if the department is retired.
    let departments =
        departments::select_options_keeping(departments, values.department_id.parse().ok(), t);
    let fixed = move |name: &'static str, label: &'static str, value: String| {
        let shown = value
            .parse()
            .map(|day| format_date(day, locale))
            .unwrap_or_else(|_| value.clone());
        view! {
            <p class="ds-paragraph"><strong>{label}":"</strong>" "{shown}</p>
            <input type="hidden" name=name value=value />
        }
    };
    let opens = if dates == EditableDates::Both {
        view! { <TextField id="challenge-opens" name="opens_on" label=t.challenge_opens_on error kind="date" required=true value=values.opens_on.clone() /> }.into_any()
    } else {
        fixed("opens_on", t.challenge_opens_on, values.opens_on.clone()).into_any()
    };
    // Why a date stays, next to what may still change.
    let closes = match dates {
        EditableDates::Both => view! { <TextField id="challenge-closes" name="closes_on" label=t.challenge_closes_on error kind="date" required=true value=values.closes_on.clone() /> }.into_any(),
        EditableDates::ClosingOnly => view! { <TextField id="challenge-closes" name="closes_on" label=t.challenge_closes_on error kind="date" required=true value=values.closes_on.clone() hint=t.challenge_first_day_fixed /> }.into_any(),
        EditableDates::Neither => view! {
            {fixed("closes_on", t.challenge_closes_on, values.closes_on.clone())}
            <p class="ds-paragraph" data-size="sm">{t.challenge_dates_fixed}</p>
        }.into_any(),
    };
    view! {
        <TextField id="challenge-title" name="title" label=t.challenge_title error max_length=TITLE_MAX required=true value=values.title />
        <TextArea id="challenge-problem" name="problem" label=t.challenge_problem error hint=t.challenge_problem_hint max_length=PROBLEM_MAX required=true rows=8 value=values.problem />
        <SelectField id="challenge-focus-area" name="focus_area" label=t.idea_focus_area error options=areas empty=t.choose required=true value=values.focus_area />
        <SelectField id="challenge-department" name="department_id" label=t.challenge_department error options=departments
            empty=department_empty required=department_required value=values.department_id />
        {opens}
        {closes}
    }
}
