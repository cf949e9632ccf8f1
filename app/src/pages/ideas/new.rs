use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::features::accounts;
use crate::features::guides::components::GuidesHint;
use crate::features::ideas::api::load_idea_form_choices;
use crate::features::ideas::components::IdeaFormView;
use crate::features::ideas::input::IdeaForm;
use crate::i18n::t;
use crate::pages::failed::failed_page;

/// `/ideas/new`: the idea form. Signed out, it leads to sign-in; with an
/// unconfirmed address, it says to confirm it first.
#[component]
pub fn NewIdeaPage() -> impl IntoView {
    let t = t();
    let Some(viewer) = accounts::viewer() else {
        #[cfg(feature = "ssr")]
        crate::server::responses::redirect_to_sign_in();
        return ().into_any();
    };
    let challenge = use_query_map()
        .get_untracked()
        .get("challenge")
        .unwrap_or_default();
    let choices = Resource::new_blocking(|| (), |()| load_idea_form_choices());
    view! {
        <Title text=t.idea_new_title />
        <div class="page page--form">
            <h1 class="ds-heading" data-size="lg">{t.idea_new_title}</h1>
            <p class="ds-paragraph">{t.idea_new_lead}</p>
            <GuidesHint />
            {(!viewer.email_verified).then(|| view! {
                <div class="ds-alert" data-color="warning"><p>{t.validation_email_not_verified}</p></div>
            })}
            <Suspense fallback=move || view! { <p class="ds-paragraph">{t.loading}</p> }>
                {move || {
                    let challenge_id = challenge.clone();
                    Suspend::new(async move {
                        match choices.await {
                            Ok(choices) => view! {
                                <IdeaFormView form=IdeaForm { challenge_id, ..IdeaForm::default() } idea_id=None choices />
                            }.into_any(),
                            Err(error) => failed_page(error),
                        }
                    })
                }}
            </Suspense>
        </div>
    }
    .into_any()
}
