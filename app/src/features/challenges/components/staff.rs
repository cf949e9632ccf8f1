use leptos::prelude::*;

use crate::components::forms::{FormAlert, SelectField, TextArea};
use crate::features::challenges::api::ChangeChallengeState;
use crate::features::challenges::types::{ChallengeState, REASON_MAX};
use crate::features::departments::types::{self as departments, Department};
use crate::i18n::{Messages, t};

fn action_label(t: &'static Messages, from: ChallengeState, to: ChallengeState) -> &'static str {
    match (from, to) {
        (ChallengeState::Proposed, ChallengeState::Open) => t.challenge_approve,
        (ChallengeState::Proposed, ChallengeState::Declined) => t.challenge_decline,
        (_, ChallengeState::Open) => t.challenge_reopen,
        (_, ChallengeState::Closed) => t.challenge_close,
        (_, ChallengeState::Evaluating) => t.challenge_evaluate,
        _ => t.challenge_finish,
    }
}

/// Staff's tools for a challenge: the link to correct its text, owner and
/// dates, and its moves, one form each: approving asks for the owner
/// department, declining for the reason the proposer will read.
#[component]
pub fn StaffActions(
    challenge_id: i64,
    state: ChallengeState,
    department_id: Option<i64>,
    departments: Vec<Department>,
) -> impl IntoView {
    let t = t();
    let action = ServerAction::<ChangeChallengeState>::new();
    let error: Signal<_> = Signal::derive(move || action.value().get().and_then(Result::err));
    let options = departments::select_options(departments);
    let moves = state.next_states();
    view! {
        <section class="staff-actions" aria-labelledby="staff-heading">
            <h2 class="ds-heading" data-size="sm" id="staff-heading">{t.challenge_staff_title}</h2>
            <p class="ds-paragraph"><a class="ds-link" href=format!("/challenges/{challenge_id}/edit")>{t.challenge_edit}</a></p>
            <FormAlert error fields=&["reason", "department_id"] />
            {moves.iter().copied().map(|to| {
                let options = options.clone();
                view! {
                    <ActionForm action attr:class="form staff-action" attr:novalidate=true>
                        <input type="hidden" name="challenge_id" value=challenge_id />
                        <input type="hidden" name="state" value=to.as_str() />
                        {(state == ChallengeState::Proposed && to == ChallengeState::Open).then(|| view! {
                            <SelectField id="approve-department" name="department_id" label=t.challenge_department error
                                options empty=t.choose required=true value=department_id.map(|id| id.to_string()).unwrap_or_default() />
                        })}
                        {(to == ChallengeState::Declined).then(|| view! {
                            <TextArea id="decline-reason" name="reason" label=t.challenge_decline_reason error max_length=REASON_MAX required=true rows=3 />
                        })}
                        <button type="submit" class="ds-button" data-variant="secondary">{action_label(t, state, to)}</button>
                    </ActionForm>
                }
            }).collect_view()}
        </section>
    }
}
