use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::components::error_message::ErrorText;
use crate::features::accounts::types::Role;
use crate::features::goals::api::load_goals;
use crate::features::goals::components::{AddGoalForm, ChangeAlert, GoalCard};
use crate::features::goals::types::GoalRow;
use crate::i18n::t;

/// `/admin/goals`: admins keep the municipality's shared goals, in three
/// languages, and retire or restore them. Rendered only when its data is
/// ready (the route is `SsrMode::Async`), so it works without JavaScript.
#[component]
pub fn AdminGoalsPage() -> impl IntoView {
    let t = t();
    let saved = use_query_map().get_untracked().get("saved").is_some();
    super::behind_gate(Role::Admin, move |_viewer| {
        let goals = Resource::new_blocking(|| (), |()| load_goals());
        view! {
            <Title text=t.goals_admin_title />
            <div class="page page--form">
                <h1 class="ds-heading" data-size="lg">{t.goals_admin_title}</h1>
                <p class="ds-paragraph">{t.goals_lead}</p>
                {saved.then(|| view! { <div class="ds-alert" data-color="success" role="status"><p>{t.me_saved}</p></div> })}
                <ChangeAlert />
                <AddGoalForm />
                <Suspense fallback=move || view! { <p class="ds-paragraph">{t.loading}</p> }>
                    {move || Suspend::new(async move {
                        match goals.await {
                            Ok(goals) => {
                                let (retired, active): (Vec<_>, Vec<_>) =
                                    goals.into_iter().partition(|found| found.retired_at.is_some());
                                view! {
                                    <GoalList heading_id="goals-active" heading=t.goals_active_title empty=t.goals_none goals=active />
                                    <GoalList heading_id="goals-retired" heading=t.goals_retired_title empty=t.goals_none_retired goals=retired />
                                }.into_any()
                            }
                            Err(error) => view! { <div class="ds-alert" data-color="danger" role="alert"><ErrorText error /></div> }.into_any(),
                        }
                    })}
                </Suspense>
            </div>
        }
    })
}

#[component]
fn GoalList(
    heading_id: &'static str,
    heading: &'static str,
    empty: &'static str,
    goals: Vec<GoalRow>,
) -> impl IntoView {
    view! {
        <section class="departments" aria-labelledby=heading_id>
            <h2 class="ds-heading" data-size="sm" id=heading_id>{heading}</h2>
            {if goals.is_empty() {
                view! { <p class="ds-paragraph">{empty}</p> }.into_any()
            } else {
                view! {
                    <ul class="department-list">
                        {goals.into_iter().map(|goal| view! { <GoalCard goal /> }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
    }
}
