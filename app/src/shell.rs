use leptos::prelude::*;
use leptos_meta::{Link, Meta, MetaTags, Stylesheet, Title, provide_meta_context};
use leptos_router::{
    components::{Route, Router, Routes},
    path,
};

use crate::components::layout::Layout;
use crate::i18n::*;
use crate::pages::{AccessibilityPage, HomePage, NotFoundPage, PrivacyPage};

/// The HTML document around every page.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    #[cfg(feature = "ssr")]
    crate::server::security::set_page_content_security_policy();

    view! {
        <!DOCTYPE html>
        <html>
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <HydrationScripts options islands=true />
                <MetaTags />
            </head>
            <body>
                <App />
            </body>
        </html>
    }
}

/// The route table. Every page of the product is listed here and nowhere else:
/// the server, the `samskap routes` command and the browser tests read it.
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();

    view! {
        <I18nContextProvider>
            <Stylesheet id="leptos" href="/pkg/samskap.css" />
            <Link rel="icon" href="/favicon.svg" type_="image/svg+xml" />
            <Meta name="color-scheme" content="light" />
            <DocumentTitle />
            <Router>
                <Layout>
                    <Routes fallback=NotFoundPage>
                        <Route path=path!("/") view=HomePage />
                        <Route path=path!("/privacy") view=PrivacyPage />
                        <Route path=path!("/accessibility") view=AccessibilityPage />
                    </Routes>
                </Layout>
            </Router>
        </I18nContextProvider>
    }
}

/// The default title; pages set their own with [`crate::components::page_title::PageTitle`].
#[component]
fn DocumentTitle() -> impl IntoView {
    let i18n = use_i18n();
    let site = move || t_string!(i18n, site_name).to_string();
    view! { <Title formatter=move |page: String| {
        if page.is_empty() { site() } else { format!("{page} – {}", site()) }
    } /> }
}
