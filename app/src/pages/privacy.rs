use leptos::prelude::*;
use leptos_meta::Title;

use super::prose::ProseSection;
use crate::i18n::*;

#[component]
pub fn PrivacyPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Title text=move || t_string!(i18n, privacy_title).to_string() />
        <div class="page page--prose">
            <h1 class="ds-heading" data-size="lg">{t!(i18n, privacy_title)}</h1>
            <p class="ds-paragraph lead">{t!(i18n, privacy_lead)}</p>
            <ProseSection title=t!(i18n, privacy_controller_title).into_any()>{t!(i18n, privacy_controller_text)}</ProseSection>
            <ProseSection title=t!(i18n, privacy_data_title).into_any()>{t!(i18n, privacy_data_text)}</ProseSection>
            <ProseSection title=t!(i18n, privacy_purpose_title).into_any()>{t!(i18n, privacy_purpose_text)}</ProseSection>
            <ProseSection title=t!(i18n, privacy_cookies_title).into_any()>{t!(i18n, privacy_cookies_text)}</ProseSection>
            <ProseSection title=t!(i18n, privacy_rights_title).into_any()>{t!(i18n, privacy_rights_text)}</ProseSection>
        </div>
    }
}
