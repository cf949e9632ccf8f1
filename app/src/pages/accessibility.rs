use leptos::prelude::*;
use leptos_meta::Title;

use super::prose::ProseSection;
use crate::i18n::*;

#[component]
pub fn AccessibilityPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Title text=move || t_string!(i18n, accessibility_title).to_string() />
        <div class="page page--prose">
            <h1 class="ds-heading" data-size="lg">{t!(i18n, accessibility_title)}</h1>
            <p class="ds-paragraph lead">{t!(i18n, accessibility_lead)}</p>
            <ProseSection title=t!(i18n, accessibility_how_title).into_any()>{t!(i18n, accessibility_how_text)}</ProseSection>
            <ProseSection title=t!(i18n, accessibility_known_title).into_any()>{t!(i18n, accessibility_known_text)}</ProseSection>
            <ProseSection title=t!(i18n, accessibility_feedback_title).into_any()>{t!(i18n, accessibility_feedback_text)}</ProseSection>
        </div>
    }
}
