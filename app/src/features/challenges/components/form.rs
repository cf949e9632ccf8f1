use leptos::prelude::*;

use crate::components::forms::{
    FormAlert, HoneypotField, IdempotencyKeyField, SelectField, TextArea, TextField,
};
use crate::features::challenges::api::CreateChallenge;
use crate::features::challenges::types::{PROBLEM_MAX, TITLE_MAX};
use crate::features::departments::{self, Department};
use crate::features::focus_area::FocusArea;
use crate::i18n::t;

const FIELDS: &[&str] = &[
    "title",
    "problem",
    "focus_area",
    "department_id",
    "opens_on",
    "closes_on",
];

/// Propose a challenge (a participant) or publish one (staff).
#[component]
pub fn ChallengeForm(departments: Vec<Department>, staff: bool) -> impl IntoView {
    let t = t();
    let action = ServerAction::<CreateChallenge>::new();
    let error: Signal<_> = Signal::derive(move || action.value().get().and_then(Result::err));
    let areas = FocusArea::ALL
        .into_iter()
        .map(|area| (area.as_str().to_owned(), area.label(t).to_owned()))
        .collect();
    let departments = departments::select_options(departments);
    view! {
        <ActionForm action attr:class="form" attr:novalidate=true>
            <FormAlert error fields=FIELDS />
            <IdempotencyKeyField />
            <HoneypotField />
            <TextField id="challenge-title" name="title" label=t.challenge_title error max_length=TITLE_MAX required=true />
            <TextArea id="challenge-problem" name="problem" label=t.challenge_problem error hint=t.challenge_problem_hint max_length=PROBLEM_MAX required=true rows=8 />
            <SelectField id="challenge-focus-area" name="focus_area" label=t.idea_focus_area error options=areas empty=t.choose required=true />
            <SelectField id="challenge-department" name="department_id" label=t.challenge_department error options=departments
                empty=if staff { t.choose } else { t.challenge_department_unknown } required=staff />
            <TextField id="challenge-opens" name="opens_on" label=t.challenge_opens_on error kind="date" required=true />
            <TextField id="challenge-closes" name="closes_on" label=t.challenge_closes_on error kind="date" required=true />
            <button type="submit" class="ds-button">{if staff { t.challenge_publish } else { t.challenge_propose }}</button>
        </ActionForm>
    }
}
