use leptos::prelude::*;
use leptos_meta::Title;

use crate::features::accounts;
use crate::features::challenges::api::load_department_choices;
use crate::features::challenges::components::ChallengeForm;
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
                    match departments.await {
                        Ok(departments) => view! { <ChallengeForm departments staff /> }.into_any(),
                        Err(error) => failed_page(error),
                    }
                })}
            </Suspense>
        </div>
    }
    .into_any()
}
