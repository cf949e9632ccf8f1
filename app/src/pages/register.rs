use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;

use crate::features::accounts::components::RegisterForm;
use crate::i18n::t;

#[component]
pub fn RegisterPage() -> impl IntoView {
    let t = t();
    view! {
        <Title text=t.register_title />
        <div class="page page--form">
            <h1 class="ds-heading" data-size="lg">{t.register_title}</h1>
            <p class="ds-paragraph">{t.register_lead}</p>
            <RegisterForm />
            <p class="ds-paragraph">{t.register_have_account}" "<A href="/login" attr:class="ds-link">{t.nav_sign_in}</A></p>
        </div>
    }
}
