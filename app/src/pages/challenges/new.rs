use leptos::prelude::*;
use leptos_meta::Title;

use crate::features::accounts;
use crate::features::challenges::api::load_department_choices;
use crate::features::challenges::components::ChallengeForm;
use crate::features::goals::api::load_goal_choices;
use crate::i18n::t;
use crate::pages::failed::failed_page;

/// `/challenges/new`: staff publish a challenge; participants propose one
/// for staff to approve.
#[component]
pub fn NewChallengePage() -> impl IntoView {
    let t = t();
    let Some(viewer) = accounts::viewer() else {
        #[cfg(feature = "ssr")]
        crate::server::responses::redirect_to_sign_in();
        return ().into_any();
    };
    let staff = viewer.acts_as_staff();
    let departments = Resource::new_blocking(|| (), |()| load_department_choices());
    // Only staff choose goals; the list is theirs to read.
    let goals = Resource::new_blocking(
        move || staff,
        |staff| async move {
            if staff {
                load_goal_choices().await
            } else {
                Ok(Vec::new())
            }
        },
    );
    view! {
        <Title text=t.challenge_new_title />
        <div class="page page--form">
            <h1 class="ds-heading" data-size="lg">{t.challenge_new_title}</h1>
            <p class="ds-paragraph">{if staff { t.challenge_new_lead_staff } else { t.challenge_new_lead }}</p>
            {(!viewer.email_verified).then(|| view! {
                <div class="ds-alert" data-color="warning"><p>{t.validation_email_not_verified}</p></div>
            })}
            <Suspense fallback=move || view! { <p class="ds-paragraph">{t.loading}</p> }>
                {move || Suspend::new(async move {
                    match (departments.await, goals.await) {
                        (Ok(departments), Ok(goals)) => view! { <ChallengeForm departments staff goals /> }.into_any(),
                        (Err(error), _) | (_, Err(error)) => failed_page(error),
                    }
                })}
            </Suspense>
        </div>
    }
    .into_any()
}
