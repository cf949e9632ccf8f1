use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_url;

use crate::components::language_switch::LanguageSwitch;
use crate::i18n::*;

/// The frame of every page: skip link, header with navigation and language
/// switch, the page itself in `<main>`, and the footer.
#[component]
pub fn Layout(children: Children) -> impl IntoView {
    let i18n = use_i18n();
    // A form posted without JavaScript comes back here with its error in the
    // address; this hands it to the form's action. (The router does the same
    // only for components inside its routes, and the header is outside them.)
    use_url().read_untracked().provide_server_action_error();
    view! {
        <a class="ds-skip-link" href="#main">{t!(i18n, skip_to_content)}</a>
        <header class="site-header">
            <div class="site-header__inner">
                <a class="site-brand" href="/">
                    <span class="site-brand__name">{t!(i18n, site_name)}</span>
                    <span class="site-brand__tagline">{t!(i18n, site_tagline)}</span>
                </a>
                <nav class="site-nav" aria-label=move || t_string!(i18n, nav_label)>
                    <ul>
                        <li><A href="/">{t!(i18n, nav_home)}</A></li>
                    </ul>
                </nav>
                <LanguageSwitch />
            </div>
        </header>
        <main id="main" tabindex="-1" class="site-main">
            {children()}
        </main>
        <footer class="site-footer">
            <div class="site-footer__inner">
                <p>{t!(i18n, footer_text)}</p>
                <nav aria-label=move || t_string!(i18n, footer_label)>
                    <ul>
                        <li><A href="/privacy">{t!(i18n, nav_privacy)}</A></li>
                        <li><A href="/accessibility">{t!(i18n, nav_accessibility)}</A></li>
                    </ul>
                </nav>
            </div>
        </footer>
    }
}
