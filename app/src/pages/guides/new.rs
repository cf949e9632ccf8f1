use leptos::prelude::*;
use leptos_meta::Title;

use crate::features::accounts::types::Role;
use crate::features::guides::components::NewGuideForm;
use crate::i18n::t;
use crate::pages::admin::behind_gate;

/// `/guides/new`, staff's: a new method guide in three languages.
#[component]
pub fn NewGuidePage() -> impl IntoView {
    let t = t();
    behind_gate(Role::Staff, move |_viewer| {
        view! {
            <Title text=t.guides_new />
            <div class="page page--form">
                <p class="ds-paragraph" data-size="sm"><a class="ds-link" href="/guides">{t.guides_title}</a></p>
                <h1 class="ds-heading" data-size="lg">{t.guides_new}</h1>
                <p class="ds-paragraph">{t.guides_new_lead}</p>
                <NewGuideForm />
            </div>
        }
    })
}
