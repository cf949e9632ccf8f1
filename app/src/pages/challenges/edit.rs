use leptos::prelude::*;
use leptos_meta::Title;

use crate::features::challenges::api::{load_challenge_editor, load_department_choices};
use crate::features::challenges::components::ChallengeEditForm;
use crate::features::goals::api::load_goal_choices;
use crate::i18n::t;
use crate::pages::failed::{failed_page, resource_for_id};

/// `/challenges/{id}/edit`, staff's: correct a challenge's title, problem,
/// focus area, owner and (while they may still move) dates, in any state.
#[component]
pub fn EditChallengePage() -> impl IntoView {
    let t = t();
    let editor = resource_for_id(load_challenge_editor);
    let departments = Resource::new_blocking(|| (), |()| load_department_choices());
    let goals = Resource::new_blocking(|| (), |()| load_goal_choices());
    view! {
        <Title text=t.challenge_edit />
        <Suspense fallback=move || view! { <p class="ds-paragraph">{t.loading}</p> }>
            {move || Suspend::new(async move {
                let (editor, departments, goals) = match (editor.await, departments.await, goals.await) {
                    (Ok(editor), Ok(departments), Ok(goals)) => (editor, departments, goals),
                    (Err(error), _, _) | (_, Err(error), _) | (_, _, Err(error)) => return failed_page(error),
                };
                let id = editor.id;
                view! {
                    <div class="page page--form">
                        <h1 class="ds-heading" data-size="lg">{t.challenge_edit}</h1>
                        <p class="ds-paragraph">
                            <a class="ds-link" href=format!("/challenges/{id}")>{editor.title.clone()}</a>
                        </p>
                        <p class="ds-paragraph">{t.challenge_edit_lead}</p>
                        <ChallengeEditForm editor departments goals />
                    </div>
                }
                .into_any()
            })}
        </Suspense>
    }
}
