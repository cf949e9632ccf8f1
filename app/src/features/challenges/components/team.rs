use leptos::prelude::*;

use crate::components::forms::{FormAlert, TextField};
use crate::features::challenges::api::{JoinChallenge, LeaveChallenge};
use crate::features::challenges::types::{NOTE_MAX, TeamMember};
use crate::features::ideas::components::author_line;
use crate::i18n::t;

#[component]
pub fn TeamList(team: Vec<TeamMember>) -> impl IntoView {
    let t = t();
    if team.is_empty() {
        return view! { <p class="ds-paragraph">{t.challenge_team_empty}</p> }.into_any();
    }
    view! {
        <ul class="team-list">
            {team.into_iter().map(|member| view! {
                <li class="ds-card team-member">
                    <p class="ds-paragraph"><strong>{author_line(t, &member.person)}</strong></p>
                    <p class="ds-paragraph" data-size="sm">{member.note}</p>
                </li>
            }).collect_view()}
        </ul>
    }
    .into_any()
}

#[component]
pub fn JoinForm(challenge_id: i64) -> impl IntoView {
    let t = t();
    let action = ServerAction::<JoinChallenge>::new();
    let error: Signal<_> = Signal::derive(move || action.value().get().and_then(Result::err));
    view! {
        <ActionForm action attr:class="form" attr:novalidate=true>
            <FormAlert error fields=&["note"] />
            <input type="hidden" name="challenge_id" value=challenge_id />
            <TextField id="join-note" name="note" label=t.challenge_join_note error hint=t.challenge_join_note_hint max_length=NOTE_MAX required=true />
            <button type="submit" class="ds-button">{t.challenge_join}</button>
        </ActionForm>
    }
}

#[component]
pub fn LeaveForm(challenge_id: i64) -> impl IntoView {
    let t = t();
    let action = ServerAction::<LeaveChallenge>::new();
    let error: Signal<_> = Signal::derive(move || action.value().get().and_then(Result::err));
    view! {
        <ActionForm action attr:class="form">
            <FormAlert error />
            <input type="hidden" name="challenge_id" value=challenge_id />
            <button type="submit" class="ds-button" data-variant="secondary">{t.challenge_leave}</button>
        </ActionForm>
    }
}
