use leptos::prelude::*;
use leptos_router::components::A;
use server_fn::ServerFn as _;

use crate::features::accounts::api::SignOut;
use crate::features::accounts::types::Viewer;
use crate::i18n::t;

/// The header's account corner: sign in and register, or the signed-in
/// person's page and a sign-out button (a POST, never a link).
#[component]
pub fn AccountMenu(viewer: Option<Viewer>) -> impl IntoView {
    let t = t();
    let unread = crate::features::notifications::unread_in_request();
    match viewer {
        Some(viewer) => view! {
            <div class="account-menu">
                <A href="/notifications" attr:class="ds-link account-menu__notifications">
                    {t.nav_notifications}
                    {(unread > 0).then(|| view! {
                        " "<span class="unread-count">{unread.min(99)}</span>
                        <span class="ds-sr-only">" "{t.nav_notifications_unread}</span>
                    })}
                </A>
                <A href="/me" attr:class="ds-link">{t.nav_my_page}<span class="ds-sr-only">": "</span><span class="account-menu__name">{viewer.display_name}</span></A>
                <form method="post" action=SignOut::url()>
                    <button type="submit" class="ds-button" data-variant="secondary" data-size="sm">{t.sign_out}</button>
                </form>
            </div>
        }
        .into_any(),
        None => view! {
            <ul class="account-menu">
                <li><A href="/login" attr:class="ds-link">{t.nav_sign_in}</A></li>
                <li><A href="/register" attr:class="ds-link">{t.nav_register}</A></li>
            </ul>
        }
        .into_any(),
    }
}
