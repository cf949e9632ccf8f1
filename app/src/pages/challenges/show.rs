use leptos::prelude::*;
use leptos_meta::{Link, Title};
use leptos_router::hooks::use_query_map;

use crate::features::challenges::api::{load_challenge, load_department_choices};
use crate::features::challenges::components::{
    ChallengeDates, JoinForm, LeaveForm, StaffActions, TeamList,
};
use crate::features::challenges::types::{ChallengeDetail, ChallengeState};
use crate::features::departments::types::Department;
use crate::features::follows::components::FollowButton;
use crate::features::follows::types::Subject;
use crate::features::goals::components::GoalNames;
use crate::features::guides::components::GuidesHint;
use crate::features::ideas::components::{IdeaCardList, author_line};
use crate::features::moderation::components::{HiddenNotice, HideOrRestore, ReportForm};
use crate::features::moderation::types::Item;
use crate::i18n::t;
use crate::pages::failed::{failed_page, resource_for_id, saved_note};

/// `/challenges/{id}`: the problem, its dates and owner, its team and its ideas.
#[component]
pub fn ChallengePage() -> impl IntoView {
    let t = t();
    let detail = resource_for_id(load_challenge);
    let departments = Resource::new_blocking(|| (), |()| load_department_choices());
    let query = use_query_map().get_untracked();
    let note = if query.get("joined").is_some() {
        Some(t.challenge_joined)
    } else if query.get("left").is_some() {
        Some(t.challenge_left)
    } else if query.get("saved").is_some() {
        Some(t.challenge_saved)
    } else {
        None
    };
    view! {
        <Suspense fallback=move || view! { <p class="ds-paragraph">{t.loading}</p> }>
            {move || Suspend::new(async move {
                match (detail.await, departments.await) {
                    (Ok(challenge), _) if challenge.redacted => view! { <HiddenChallenge challenge /> }.into_any(),
                    (Ok(challenge), Ok(departments)) => view! { <ChallengeView challenge departments note /> }.into_any(),
                    (Err(error), _) | (_, Err(error)) => failed_page(error),
                }
            })}
        </Suspense>
    }
}

/// A hidden challenge as everyone but its proposer, staff and moderators
/// sees it: the reason, and nothing of the challenge.
#[component]
fn HiddenChallenge(challenge: ChallengeDetail) -> impl IntoView {
    let t = t();
    view! {
        <Title text=t.challenge_hidden_title />
        <article class="page challenge-page">
            <h1 class="ds-heading" data-size="lg">{t.challenge_hidden_title}</h1>
            {challenge.hidden.map(|hidden| view! { <HiddenNotice hidden /> })}
            <p class="ds-paragraph"><a class="ds-link" href="/challenges">{t.challenge_back_to_list}</a></p>
        </article>
    }
}

#[component]
fn ChallengeView(
    challenge: ChallengeDetail,
    departments: Vec<Department>,
    note: Option<&'static str>,
) -> impl IntoView {
    let t = t();
    let card = challenge.card.clone();
    let id = card.id;
    view! {
        <Title text=card.title.clone() />
        // Readers of a public challenge may follow its ideas in a feed reader.
        {(card.state.is_public() && challenge.hidden.is_none()).then(|| view! {
            <Link rel="alternate" type_="application/atom+xml" href=format!("/feeds/challenges/{id}.atom") title=t.feed_link_challenge />
        })}
        <article class="page challenge-page">
            {note.map(saved_note)}
            {challenge.hidden.clone().map(|hidden| view! { <HiddenNotice hidden sees_it=true /> })}
            <h1 class="ds-heading" data-size="lg">{card.title.clone()}</h1>
            <ul class="idea-meta">
                <li><span class="status-badge" data-status=card.state.as_str()>{card.state.label(t)}</span></li>
                <li>{card.focus_area.label(t)}</li>
                {card.department.clone().map(|department| view! { <li>{department}</li> })}
                {challenge.proposed_by.as_ref().map(|person| view! { <li>{t.challenge_proposed_by}" "{author_line(t, person)}</li> })}
            </ul>
            <ChallengeDates card=card.clone() />
            {(!challenge.goals.is_empty()).then(|| view! {
                <div class="challenge-goals" id="goals">
                    <p class="ds-paragraph" data-size="sm"><strong>{t.goals_title}</strong></p>
                    <GoalNames goals=challenge.goals.clone() />
                </div>
            })}
            {(challenge.viewer.signed_in && card.state.is_public()).then(|| view! {
                <div id="follow">
                    <FollowButton subject=Subject::Challenge(id) following=challenge.viewer.following label=card.title.clone() />
                </div>
            })}
            {(card.state == ChallengeState::Declined).then(|| view! {
                <div class="ds-alert" data-color="warning">
                    <p><strong>{t.challenge_declined_because}</strong>" "{challenge.decline_reason.clone().unwrap_or_default()}</p>
                </div>
            })}
            <div class="prose" inner_html=challenge.problem_html.clone()></div>
            {card.accepts_ideas.then(|| view! {
                <p><a class="ds-button" href=format!("/ideas/new?challenge={id}")>{t.challenge_submit_idea}</a></p>
            })}
            <GuidesHint />
            {(challenge.viewer.signed_in && card.state.is_public() && challenge.hidden.is_none() && !challenge.viewer.can_manage).then(|| view! {
                <div id="report">
                    <ReportForm item=Item::Challenge(id) return_to=format!("/challenges/{id}") reported=challenge.viewer.reported />
                </div>
            })}
            {challenge.viewer.moderates.then(|| view! {
                <section class="author-tools" aria-labelledby="moderation-heading">
                    <h2 class="ds-heading" data-size="xs" id="moderation-heading">{t.moderation_tools}</h2>
                    <HideOrRestore item=Item::Challenge(id) hidden=challenge.hidden.clone() return_to=format!("/challenges/{id}") />
                </section>
            })}
            {challenge.viewer.can_manage.then(|| view! {
                <StaffActions challenge_id=id state=card.state department_id=card.department_id departments=departments.clone() />
            })}
            <section aria-labelledby="team-heading">
                <h2 class="ds-heading" data-size="md" id="team-heading">{t.challenge_team_title}</h2>
                <TeamList team=challenge.team.clone() />
                {challenge.viewer.can_join.then(|| view! { <JoinForm challenge_id=id /> })}
                {challenge.viewer.is_member.then(|| view! { <LeaveForm challenge_id=id /> })}
                {(!challenge.viewer.signed_in && card.state.accepts_members()).then(|| view! {
                    <p class="ds-paragraph"><a class="ds-link" href=crate::features::accounts::sign_in_href(&format!("/challenges/{id}#team-heading"))>{t.challenge_sign_in_to_join}</a></p>
                })}
            </section>
            <section aria-labelledby="ideas-heading">
                <h2 class="ds-heading" data-size="md" id="ideas-heading">{t.challenge_ideas_title}</h2>
                {if challenge.ideas.is_empty() {
                    view! { <p class="ds-paragraph">{t.challenge_no_ideas}</p> }.into_any()
                } else {
                    view! { <IdeaCardList ideas=challenge.ideas.clone() heading_level=3 /> }.into_any()
                }}
            </section>
        </article>
    }
}
