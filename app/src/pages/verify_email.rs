use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::features::accounts::components::VerifyEmailForm;
use crate::features::accounts::{requested_return_to, sign_in_href, viewer};
use crate::i18n::t;

/// Three states: after registering ("check your email"), from the emailed
/// link (a button that confirms), and after confirming.
#[component]
pub fn VerifyEmailPage() -> impl IntoView {
    let t = t();
    let query = use_query_map().get_untracked();
    let token = query.get("token").filter(|token| !token.is_empty());
    let confirmed = query.get("confirmed").is_some();
    let return_to = requested_return_to();
    // Confirmed, the person goes on to where they were going, signing in first if need be.
    let onward = return_to.clone().filter(|_| confirmed).map(|path| {
        if viewer().is_some() {
            path
        } else {
            sign_in_href(&path)
        }
    });
    let (title, text) = if confirmed {
        (t.verify_done_title, t.verify_done_text)
    } else if token.is_some() {
        (t.verify_title, t.verify_text)
    } else {
        (t.verify_sent_title, t.verify_sent_text)
    };
    view! {
        <Title text=title />
        <div class="page page--form">
            <h1 class="ds-heading" data-size="lg">{title}</h1>
            <p class="ds-paragraph">{text}</p>
            {(!confirmed).then_some(token).flatten().map(|token| view! { <VerifyEmailForm token return_to /> })}
            {onward.map(|href| view! { <p class="ds-paragraph"><a class="ds-link" href=href>{t.verify_continue}</a></p> })}
        </div>
    }
}
