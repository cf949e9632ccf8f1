use leptos::prelude::*;
use leptos_meta::Title;

use crate::i18n::t;

/// A signed-in person without the role a back-office page needs.
#[component]
pub fn Refused() -> impl IntoView {
    let t = t();
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(http::StatusCode::FORBIDDEN);
    }
    view! {
        <Title text=t.admin_refused_title />
        <div class="page">
            <h1 class="ds-heading" data-size="lg">{t.admin_refused_title}</h1>
            <p class="ds-paragraph">{t.admin_refused_text}</p>
        </div>
    }
}
