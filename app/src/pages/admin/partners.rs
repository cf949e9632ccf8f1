use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::components::error_message::ErrorText;
use crate::features::accounts::types::Role;
use crate::features::partners::api::load_partners;
use crate::features::partners::components::{AddPartnerForm, PartnerList};
use crate::i18n::t;

/// `/admin/partners`: the admin lists the other municipalities' Samskap
/// instances whose solution catalogues staff search and import from. No
/// other host is ever contacted.
#[component]
pub fn AdminPartnersPage() -> impl IntoView {
    let t = t();
    let saved = use_query_map().get_untracked().get("saved").is_some();
    super::behind_gate(Role::Admin, move |_viewer| {
        let partners = Resource::new_blocking(|| (), |()| load_partners());
        view! {
            <Title text=t.partners_title />
            <div class="page page--form">
                <h1 class="ds-heading" data-size="lg">{t.partners_title}</h1>
                <p class="ds-paragraph">{t.partners_lead}</p>
                {saved.then(|| view! { <div class="ds-alert" data-color="success" role="status"><p>{t.me_saved}</p></div> })}
                <AddPartnerForm />
                <Suspense fallback=move || view! { <p class="ds-paragraph">{t.loading}</p> }>
                    {move || Suspend::new(async move {
                        match partners.await {
                            Ok(partners) => view! { <PartnerList partners /> }.into_any(),
                            Err(error) => view! { <div class="ds-alert" data-color="danger" role="alert"><ErrorText error /></div> }.into_any(),
                        }
                    })}
                </Suspense>
            </div>
        }
    })
}
