use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;

use crate::features::accounts::components::RegisterForm;
use crate::features::accounts::{requested_return_to, sign_in_href};
use crate::i18n::t;

#[component]
pub fn RegisterPage() -> impl IntoView {
    let t = t();
    let return_to = requested_return_to();
    let sign_in = return_to
        .as_deref()
        .map_or_else(|| "/login".to_owned(), sign_in_href);
    view! {
        <Title text=t.register_title />
        <div class="page page--form">
            <h1 class="ds-heading" data-size="lg">{t.register_title}</h1>
            <p class="ds-paragraph">{t.register_lead}</p>
            <RegisterForm return_to />
            <p class="ds-paragraph">{t.register_have_account}" "<A href=sign_in attr:class="ds-link">{t.nav_sign_in}</A></p>
        </div>
    }
}
