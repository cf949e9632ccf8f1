use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;

use crate::features::accounts::components::{NewPasswordForm, RequestResetForm};
use crate::i18n::t;

/// Four states: ask for a link, link sent, choose a new password (from the
/// emailed link), and done.
#[component]
pub fn ResetPasswordPage() -> impl IntoView {
    let t = t();
    let query = use_query_map().get_untracked();
    let token = query.get("token").filter(|token| !token.is_empty());
    let body = if query.get("done").is_some() {
        view! {
            <p class="ds-paragraph">{t.reset_done_text}</p>
            <p class="ds-paragraph"><A href="/login" attr:class="ds-link">{t.nav_sign_in}</A></p>
        }
        .into_any()
    } else if query.get("sent").is_some() {
        view! { <p class="ds-paragraph">{t.reset_sent_text}</p> }.into_any()
    } else if let Some(token) = token {
        view! { <NewPasswordForm token /> }.into_any()
    } else {
        view! {
            <p class="ds-paragraph">{t.reset_lead}</p>
            <RequestResetForm />
        }
        .into_any()
    };
    view! {
        <Title text=t.reset_title />
        <div class="page page--form">
            <h1 class="ds-heading" data-size="lg">{t.reset_title}</h1>
            {body}
        </div>
    }
}
