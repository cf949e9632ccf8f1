use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_url;

use crate::components::language_switch::LanguageSwitch;
use crate::features::accounts::{self, components::AccountMenu};
use crate::features::settings;
use crate::i18n::{fill, t};

/// The frame of every page: skip link, header with navigation and language
/// switch, the page itself in `<main>`, and the footer.
#[component]
pub fn Layout(children: Children) -> impl IntoView {
    let t = t();
    let municipality = settings::current().municipality;
    let tagline = fill(t.site_tagline, &[("municipality", &municipality.name)]);
    // A form posted without JavaScript comes back here with its error in the
    // address; this hands it to the form's action. (The router does the same
    // only for components inside its routes, and the header is outside them.)
    use_url().read_untracked().provide_server_action_error();
    view! {
        <a class="ds-skip-link" href="#main">{t.skip_to_content}</a>
        <header class="site-header">
            <div class="site-header__inner">
                <a class="site-brand" href="/">
                    {municipality.logo_path.map(|logo| view! { <img class="site-brand__logo" src=logo alt="" /> })}
                    <span class="site-brand__text">
                        <span class="site-brand__name">{t.site_name}</span>
                        <span class="site-brand__tagline">{tagline}</span>
                    </span>
                </a>
                <nav class="site-nav" aria-label=t.nav_label>
                    <ul>
                        <li><A href="/">{t.nav_home}</A></li>
                        <li><A href="/ideas">{t.nav_ideas}</A></li>
                        <li><A href="/challenges">{t.nav_challenges}</A></li>
                        <li><A href="/impact">{t.nav_impact}</A></li>
                    </ul>
                </nav>
                <div class="site-header__tools">
                    <AccountMenu viewer=accounts::viewer() />
                    <LanguageSwitch />
                </div>
            </div>
        </header>
        <main id="main" tabindex="-1" class="site-main">
            {children()}
        </main>
        <footer class="site-footer">
            <div class="site-footer__inner">
                <p>{t.footer_text}</p>
                <nav aria-label=t.footer_label>
                    <ul>
                        <li><A href="/solutions">{t.nav_solutions}</A></li>
                        <li><A href="/guides">{t.nav_guides}</A></li>
                        <li><A href="/developers">{t.nav_developers}</A></li>
                        <li><A href="/privacy">{t.nav_privacy}</A></li>
                        <li><A href="/accessibility">{t.nav_accessibility}</A></li>
                    </ul>
                </nav>
            </div>
        </footer>
    }
}
