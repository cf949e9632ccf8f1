use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::features::accounts::types::Role;
use crate::features::settings::{self, components::SettingsForm};
use crate::i18n::t;

#[component]
pub fn AdminSettingsPage() -> impl IntoView {
    let t = t();
    let saved = use_query_map().get_untracked().get("saved").is_some();
    super::behind_gate(Role::Admin, move |_viewer| {
        view! {
            <Title text=t.admin_settings_title />
            <div class="page page--form">
                <h1 class="ds-heading" data-size="lg">{t.admin_settings_title}</h1>
                {saved.then(|| view! { <div class="ds-alert" data-color="success" role="status"><p>{t.me_saved}</p></div> })}
                <SettingsForm settings=settings::current() />
            </div>
        }
    })
}
