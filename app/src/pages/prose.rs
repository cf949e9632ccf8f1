use leptos::prelude::*;

/// A titled section of running text, as on the privacy and accessibility pages.
#[component]
pub fn ProseSection(title: &'static str, text: &'static str) -> impl IntoView {
    view! {
        <section class="prose-section">
            <h2 class="ds-heading" data-size="sm">{title}</h2>
            <p class="ds-paragraph">{text}</p>
        </section>
    }
}
