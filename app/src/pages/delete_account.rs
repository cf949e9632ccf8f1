use leptos::prelude::*;
use leptos_meta::Title;

use crate::features::accounts::{self, components::DeleteAccountForm};
use crate::i18n::t;

#[component]
pub fn DeleteAccountPage() -> impl IntoView {
    let t = t();
    if accounts::viewer().is_none() {
        #[cfg(feature = "ssr")]
        crate::server::responses::redirect_to_sign_in();
        return ().into_any();
    }
    view! {
        <Title text=t.delete_title />
        <div class="page page--form">
            <h1 class="ds-heading" data-size="lg">{t.delete_title}</h1>
            <p class="ds-paragraph">{t.delete_text}</p>
            <DeleteAccountForm />
        </div>
    }
    .into_any()
}
