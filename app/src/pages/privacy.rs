use leptos::prelude::*;
use leptos_meta::Title;

use super::prose::ProseSection;
use crate::i18n::t;

#[component]
pub fn PrivacyPage() -> impl IntoView {
    let t = t();
    view! {
        <Title text=t.privacy_title />
        <div class="page page--prose">
            <h1 class="ds-heading" data-size="lg">{t.privacy_title}</h1>
            <p class="ds-paragraph lead">{t.privacy_lead}</p>
            <ProseSection title=t.privacy_controller_title text=t.privacy_controller_text />
            <ProseSection title=t.privacy_data_title text=t.privacy_data_text />
            <ProseSection title=t.privacy_purpose_title text=t.privacy_purpose_text />
            <ProseSection title=t.privacy_cookies_title text=t.privacy_cookies_text />
            <ProseSection title=t.privacy_rights_title text=t.privacy_rights_text />
            <ProseSection title=t.privacy_audit_title text=t.privacy_audit_text />
        </div>
    }
}
