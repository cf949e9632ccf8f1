use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;

use crate::features::accounts::{
    self,
    components::{ChangeEmailForm, ChangePasswordForm, ProfileForm},
};
use crate::features::moderation::types::Restriction;
use crate::i18n::t;

/// The signed-in person's own page; signed out, it leads to sign-in.
#[component]
pub fn MePage() -> impl IntoView {
    let t = t();
    let Some(viewer) = accounts::viewer() else {
        #[cfg(feature = "ssr")]
        crate::server::responses::redirect_to_sign_in();
        return ().into_any();
    };
    let saved = use_query_map().get_untracked().get("saved");
    view! {
        <Title text=t.me_title />
        <div class="page page--form">
            <h1 class="ds-heading" data-size="lg">{t.me_title}</h1>
            {saved.map(|_| view! { <div class="ds-alert" data-color="success" role="status"><p>{t.me_saved}</p></div> })}
            <p class="ds-paragraph">{t.me_signed_in_as}" "<strong>{viewer.display_name.clone()}</strong>" ("{viewer.email.clone()}")"</p>
            {if viewer.email_verified {
                view! { <div class="ds-alert" data-color="success"><p>{t.me_email_verified}</p></div> }.into_any()
            } else {
                view! { <div class="ds-alert" data-color="warning"><p>{t.me_email_unverified}</p></div> }.into_any()
            }}
            {viewer.restriction.map(|restriction| {
                let locale = crate::i18n::use_locale();
                let sentence = match restriction {
                    Restriction::Banned => t.me_banned.to_owned(),
                    Restriction::SuspendedUntil(until) => crate::i18n::fill(
                        t.me_suspended,
                        &[("time", &crate::time::format_oslo(until, locale))],
                    ),
                };
                view! { <div class="ds-alert" data-color="warning"><p>{sentence}" "<a class="ds-link" href="/notifications">{t.me_restriction_why}</a></p></div> }
            })}
            {(viewer.moderates() || viewer.acts_as_staff()).then(|| view! {
                <nav aria-labelledby="me-work">
                    <h2 id="me-work" class="ds-heading" data-size="sm">{t.me_work_title}</h2>
                    <ul class="link-list">
                        {viewer.acts_as_staff().then(|| view! { <li><a class="ds-link" href="/admin/pipeline">{t.pipeline_board_title}</a></li> })}
                        {viewer.moderates().then(|| view! { <li><a class="ds-link" href="/admin/moderation">{t.moderation_title}</a></li> })}
                        <li><a class="ds-link" href="/admin">{t.admin_title}</a></li>
                    </ul>
                </nav>
            })}
            <section aria-labelledby="me-profile">
                <h2 id="me-profile" class="ds-heading" data-size="sm">{t.me_profile_title}</h2>
                <ProfileForm viewer />
            </section>
            <section aria-labelledby="me-email">
                <h2 id="me-email" class="ds-heading" data-size="sm">{t.me_email_title}</h2>
                <ChangeEmailForm />
            </section>
            <section aria-labelledby="me-password">
                <h2 id="me-password" class="ds-heading" data-size="sm">{t.me_password_title}</h2>
                <ChangePasswordForm />
            </section>
            <section aria-labelledby="me-data">
                <h2 id="me-data" class="ds-heading" data-size="sm">{t.me_data_title}</h2>
                <p class="ds-paragraph">{t.me_data_text}</p>
                <ul class="link-list">
                    <li><a class="ds-link" href="/me/export" download="samskap-mine-data.json">{t.me_export}</a></li>
                    <li><A href="/me/delete" attr:class="ds-link">{t.me_delete}</A></li>
                </ul>
            </section>
        </div>
    }
    .into_any()
}
