use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;

use crate::features::accounts::types::Role;
use crate::i18n::t;

/// The back office's front page: the sections the viewer's roles open.
#[component]
pub fn AdminPage() -> impl IntoView {
    let t = t();
    super::behind_gate(Role::Admin, move |_viewer| {
        view! {
            <Title text=t.admin_title />
            <div class="page">
                <h1 class="ds-heading" data-size="lg">{t.admin_title}</h1>
                <ul class="link-list">
                    <li><A href="/admin/users" attr:class="ds-link">{t.admin_users_title}</A></li>
                    <li><A href="/admin/settings" attr:class="ds-link">{t.admin_settings_title}</A></li>
                    <li><A href="/admin/moderation" attr:class="ds-link">{t.moderation_title}</A></li>
                    <li><A href="/admin/pipeline" attr:class="ds-link">{t.pipeline_board_title}</A></li>
                    <li><A href="/admin/audit" attr:class="ds-link">{t.audit_title}</A></li>
                </ul>
            </div>
        }
    })
}
