use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;

use crate::features::accounts::components::SignInForm;
use crate::features::accounts::{register_href, requested_return_to};
use crate::i18n::t;

#[component]
pub fn LoginPage() -> impl IntoView {
    let t = t();
    let return_to = requested_return_to();
    let register = return_to
        .as_deref()
        .map_or_else(|| "/register".to_owned(), register_href);
    view! {
        <Title text=t.login_title />
        <div class="page page--form">
            <h1 class="ds-heading" data-size="lg">{t.login_title}</h1>
            <SignInForm return_to />
            <p class="ds-paragraph"><A href="/reset-password" attr:class="ds-link">{t.login_forgot}</A></p>
            <p class="ds-paragraph">{t.login_no_account}" "<A href=register attr:class="ds-link">{t.nav_register}</A></p>
        </div>
    }
}
