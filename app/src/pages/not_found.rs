use leptos::prelude::*;
use leptos_meta::Title;

use crate::i18n::t;

#[component]
pub fn NotFoundPage() -> impl IntoView {
    let t = t();
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(http::StatusCode::NOT_FOUND);
    }
    view! {
        <Title text=t.not_found_title />
        <div class="page">
            <h1 class="ds-heading" data-size="lg">{t.not_found_title}</h1>
            <p class="ds-paragraph">{t.not_found_text}</p>
            <p class="ds-paragraph"><a class="ds-link" href="/">{t.not_found_home}</a></p>
        </div>
    }
}
