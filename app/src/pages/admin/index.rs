use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;

use crate::features::accounts::types::Role;
use crate::features::admin::gate_any_role;
use crate::i18n::t;

/// The back office's front page: every role holder enters and finds the
/// sections their roles open (staff the board, moderators the queue, admins
/// everything).
#[component]
pub fn AdminPage() -> impl IntoView {
    let t = t();
    super::behind(gate_any_role(), move |viewer| {
        let staff = viewer.acts_as_staff();
        let moderates = viewer.moderates();
        let admin = viewer.has_role(Role::Admin);
        view! {
            <Title text=t.admin_title />
            <div class="page">
                <h1 class="ds-heading" data-size="lg">{t.admin_title}</h1>
                <ul class="link-list">
                    {staff.then(|| view! { <li><A href="/admin/pipeline" attr:class="ds-link">{t.pipeline_board_title}</A></li> })}
                    {staff.then(|| view! { <li><A href="/admin/gains" attr:class="ds-link">{t.gains_admin_title}</A></li> })}
                    {staff.then(|| view! { <li><A href="/admin/export" attr:class="ds-link">{t.export_title}</A></li> })}
                    {moderates.then(|| view! { <li><A href="/admin/moderation" attr:class="ds-link">{t.moderation_title}</A></li> })}
                    {admin.then(|| view! {
                        <li><A href="/admin/users" attr:class="ds-link">{t.admin_users_title}</A></li>
                        <li><A href="/admin/settings" attr:class="ds-link">{t.admin_settings_title}</A></li>
                        <li><A href="/admin/departments" attr:class="ds-link">{t.departments_title}</A></li>
                        <li><A href="/admin/partners" attr:class="ds-link">{t.partners_title}</A></li>
                        <li><A href="/admin/goals" attr:class="ds-link">{t.goals_admin_title}</A></li>
                        <li><A href="/admin/audit" attr:class="ds-link">{t.audit_title}</A></li>
                    })}
                </ul>
            </div>
        }
    })
}
