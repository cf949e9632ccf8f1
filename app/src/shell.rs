use leptos::nonce::use_nonce;
use leptos::prelude::*;
use leptos_meta::{
    HashedStylesheet, Html, Link, Meta, MetaTags, Stylesheet, Title, provide_meta_context,
};
use leptos_router::{
    SsrMode,
    components::{Route, Router, Routes},
    path,
};

use crate::components::layout::Layout;
use crate::i18n::{Locale, t};
use crate::pages::{
    AccessibilityPage, AdminAuditPage, AdminDepartmentsPage, AdminExportPage, AdminGainsPage,
    AdminGoalsPage, AdminModerationPage, AdminPage, AdminPartnersPage, AdminPipelinePage,
    AdminSettingsPage, AdminUsersPage, ChallengePage, ChallengesPage, CommentThreadPage,
    DeleteAccountPage, DevelopersPage, EditChallengePage, EditGuidePage, EditIdeaPage,
    EditSolutionPage, GuidePage, GuidesPage, HomePage, IdeaBenefitsPage, IdeaPage, IdeasPage,
    ImpactPage, LoginPage, MePage, NewChallengePage, NewGuidePage, NewIdeaPage, NewSolutionPage,
    NotFoundPage, NotificationsPage, PrivacyPage, RegisterPage, ResetPasswordPage, SolutionPage,
    SolutionsPage, UnsubscribePage, VerifyEmailPage,
};

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
                // Must come before HydrationScripts: see IDLE_BACKSTOP.
                <script nonce=use_nonce() inner_html=IDLE_BACKSTOP></script>
                // Under its content-hashed name when the build hashed it
                // (`hash-files`), so browsers may keep it for good.
                <HashedStylesheet options=options.clone() id="leptos" />
                <HydrationScripts options islands=true />
                <MetaTags />
            </head>
            <body>
                <App />
            </body>
        </html>
    }
}

/// Leptos starts the islands from `requestIdleCallback` with no deadline.
/// On a busy phone (or the 2-core CI machine) the page may not go idle for
/// many seconds, and until then the buttons stay plain forms. This gives
/// every idle callback the same 2 s backstop Leptos gives full hydration.
const IDLE_BACKSTOP: &str = "(()=>{const idle=window.requestIdleCallback;\
if(idle){window.requestIdleCallback=(callback,options)=>\
idle.call(window,callback,Object.assign({timeout:2000},options));}})();";

/// The route table. Every page of the product is listed here and nowhere else:
/// the server, the `samskap routes` command and the browser tests read it.
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    provide_context(request_locale());
    let locale = crate::i18n::use_locale();
    let site_name = t().site_name;

    view! {
        <Html attr:lang=locale.as_str() />
        // The municipality's colours, from its settings.
        <Stylesheet href="/theme.css" />
        <Link rel="icon" href="/favicon.svg" type_="image/svg+xml" />
        <Meta name="color-scheme" content="light" />
        <Title formatter=move |page: String| {
            if page.is_empty() { site_name.to_owned() } else { format!("{page} – {site_name}") }
        } />
        <Router>
            <Layout>
                <Routes fallback=NotFoundPage>
                    // Pages with data wait for it before sending (`SsrMode::Async`),
                    // so they are complete without JavaScript.
                    <Route path=path!("/") view=HomePage ssr=SsrMode::Async />
                    <Route path=path!("/ideas") view=IdeasPage ssr=SsrMode::Async />
                    <Route path=path!("/ideas/new") view=NewIdeaPage ssr=SsrMode::Async />
                    <Route path=path!("/ideas/:id") view=IdeaPage ssr=SsrMode::Async />
                    <Route path=path!("/ideas/:id/edit") view=EditIdeaPage ssr=SsrMode::Async />
                    <Route path=path!("/ideas/:id/benefits") view=IdeaBenefitsPage ssr=SsrMode::Async />
                    <Route path=path!("/ideas/:id/comments/:comment_id") view=CommentThreadPage ssr=SsrMode::Async />
                    <Route path=path!("/challenges") view=ChallengesPage ssr=SsrMode::Async />
                    <Route path=path!("/challenges/new") view=NewChallengePage ssr=SsrMode::Async />
                    <Route path=path!("/challenges/:id") view=ChallengePage ssr=SsrMode::Async />
                    <Route path=path!("/challenges/:id/edit") view=EditChallengePage ssr=SsrMode::Async />
                    <Route path=path!("/impact") view=ImpactPage ssr=SsrMode::Async />
                    <Route path=path!("/guides") view=GuidesPage ssr=SsrMode::Async />
                    <Route path=path!("/guides/new") view=NewGuidePage />
                    <Route path=path!("/guides/:slug") view=GuidePage ssr=SsrMode::Async />
                    <Route path=path!("/guides/:slug/edit") view=EditGuidePage ssr=SsrMode::Async />
                    <Route path=path!("/solutions") view=SolutionsPage ssr=SsrMode::Async />
                    <Route path=path!("/solutions/new") view=NewSolutionPage ssr=SsrMode::Async />
                    <Route path=path!("/solutions/:id") view=SolutionPage ssr=SsrMode::Async />
                    <Route path=path!("/solutions/:id/edit") view=EditSolutionPage ssr=SsrMode::Async />
                    <Route path=path!("/developers") view=DevelopersPage ssr=SsrMode::Async />
                    <Route path=path!("/privacy") view=PrivacyPage />
                    <Route path=path!("/accessibility") view=AccessibilityPage />
                    <Route path=path!("/register") view=RegisterPage />
                    <Route path=path!("/verify-email") view=VerifyEmailPage />
                    <Route path=path!("/login") view=LoginPage />
                    <Route path=path!("/reset-password") view=ResetPasswordPage />
                    <Route path=path!("/me") view=MePage />
                    <Route path=path!("/notifications") view=NotificationsPage ssr=SsrMode::Async />
                    <Route path=path!("/unsubscribe") view=UnsubscribePage ssr=SsrMode::Async />
                    <Route path=path!("/me/delete") view=DeleteAccountPage />
                    <Route path=path!("/admin") view=AdminPage />
                    <Route path=path!("/admin/settings") view=AdminSettingsPage />
                    <Route path=path!("/admin/departments") view=AdminDepartmentsPage ssr=SsrMode::Async />
                    <Route path=path!("/admin/partners") view=AdminPartnersPage ssr=SsrMode::Async />
                    <Route path=path!("/admin/goals") view=AdminGoalsPage ssr=SsrMode::Async />
                    <Route path=path!("/admin/gains") view=AdminGainsPage ssr=SsrMode::Async />
                    <Route path=path!("/admin/export") view=AdminExportPage ssr=SsrMode::Async />
                    <Route path=path!("/admin/users") view=AdminUsersPage ssr=SsrMode::Async />
                    <Route path=path!("/admin/audit") view=AdminAuditPage ssr=SsrMode::Async />
                    <Route path=path!("/admin/moderation") view=AdminModerationPage ssr=SsrMode::Async />
                    <Route path=path!("/admin/pipeline") view=AdminPipelinePage ssr=SsrMode::Async />
                </Routes>
            </Layout>
        </Router>
    }
}

/// The language this request is answered in, as the server settled it.
/// Only the server renders the App (islands bring their own sentences), so
/// in the browser this is never asked.
fn request_locale() -> Locale {
    crate::i18n::use_locale()
}
