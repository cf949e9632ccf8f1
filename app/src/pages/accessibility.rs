use leptos::prelude::*;
use leptos_meta::Title;

use super::prose::ProseSection;
use crate::i18n::t;

#[component]
pub fn AccessibilityPage() -> impl IntoView {
    let t = t();
    view! {
        <Title text=t.accessibility_title />
        <div class="page page--prose">
            <h1 class="ds-heading" data-size="lg">{t.accessibility_title}</h1>
            <p class="ds-paragraph lead">{t.accessibility_lead}</p>
            <ProseSection title=t.accessibility_how_title text=t.accessibility_how_text />
            <ProseSection title=t.accessibility_known_title text=t.accessibility_known_text />
            <ProseSection title=t.accessibility_feedback_title text=t.accessibility_feedback_text />
        </div>
    }
}
