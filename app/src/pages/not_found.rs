use leptos::prelude::*;
use leptos_meta::Title;

use crate::i18n::*;

#[component]
pub fn NotFoundPage() -> impl IntoView {
    let i18n = use_i18n();
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(http::StatusCode::NOT_FOUND);
    }
    view! {
        <Title text=move || t_string!(i18n, not_found_title).to_string() />
        <div class="page">
            <h1 class="ds-heading" data-size="lg">{t!(i18n, not_found_title)}</h1>
            <p class="ds-paragraph">{t!(i18n, not_found_text)}</p>
            <p class="ds-paragraph"><a class="ds-link" href="/">{t!(i18n, not_found_home)}</a></p>
        </div>
    }
}
