use leptos::prelude::*;
use leptos_meta::{Meta, Title};

use crate::features::open_data::api::load_api_facts;
use crate::features::open_data::types::ApiFacts;
use crate::i18n::{fill, t};
use crate::pages::failed::failed_page;

/// The read-only endpoints, each with what it gives (a message key's text).
fn endpoints() -> [(&'static str, &'static str); 8] {
    let t = t();
    [
        ("/api/v1/ideas", t.developers_ep_ideas),
        ("/api/v1/ideas/{id}", t.developers_ep_idea),
        ("/api/v1/challenges", t.developers_ep_challenges),
        ("/api/v1/challenges/{id}", t.developers_ep_challenge),
        ("/api/v1/solutions", t.developers_ep_solutions),
        ("/api/v1/solutions/{id}", t.developers_ep_solution),
        ("/api/v1/statistics", t.developers_ep_statistics),
        ("/api/v1/open-data.json", t.developers_ep_download),
    ]
}

/// `/developers`: how to use the open data API, for civic developers and
/// other municipalities: the first screen is enough to make a first call.
#[component]
pub fn DevelopersPage() -> impl IntoView {
    let t = t();
    let facts = Resource::new_blocking(|| (), |()| load_api_facts());
    view! {
        <Title text=t.developers_title />
        <Meta name="description" content=t.developers_lead />
        <Suspense fallback=move || view! { <p class="ds-paragraph">{t.loading}</p> }>
            {move || Suspend::new(async move {
                match facts.await {
                    Ok(facts) => view! { <DevelopersGuide facts /> }.into_any(),
                    Err(error) => failed_page(error),
                }
            })}
        </Suspense>
    }
}

#[component]
fn DevelopersGuide(facts: ApiFacts) -> impl IntoView {
    let t = t();
    let site = facts.site;
    let first_call = format!("curl '{site}/api/v1/ideas?sort=new&status=implemented'");
    let cached_call = format!("curl -H 'If-None-Match: \"…\"' '{site}/api/v1/solutions'");
    let limit = fill(
        t.developers_limit_text,
        &[("count", &facts.requests_per_minute.to_string())],
    );
    view! {
        <div class="page page--prose developers">
            <h1 class="ds-heading" data-size="lg">{t.developers_title}</h1>
            <p class="ds-paragraph lead">{t.developers_lead}</p>
            <section aria-labelledby="developers-start">
                <h2 class="ds-heading" data-size="sm" id="developers-start">{t.developers_start_title}</h2>
                <p class="ds-paragraph">{t.developers_start_text}</p>
                <pre class="code-block"><code>{first_call}</code></pre>
                <p class="ds-paragraph">{t.developers_paging_text}</p>
                <p class="ds-paragraph">
                    <a class="ds-link" href="/api/v1/openapi.json">{t.developers_openapi_link}</a>
                    " · "
                    <a class="ds-link" href="/api/v1/open-data.json" download="samskap-open-data.json">{t.developers_download_link}</a>
                </p>
            </section>
            <section aria-labelledby="developers-endpoints">
                <h2 class="ds-heading" data-size="sm" id="developers-endpoints">{t.developers_endpoints_title}</h2>
                <div class="table-scroll" role="region" aria-labelledby="developers-endpoints" tabindex="0">
                    <table class="audit-table">
                        <thead>
                            <tr><th scope="col">{t.developers_endpoint}</th><th scope="col">{t.developers_gives}</th></tr>
                        </thead>
                        <tbody>
                            {endpoints().into_iter().map(|(path, gives)| view! {
                                <tr><th scope="row"><code>{path}</code></th><td>{gives}</td></tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            </section>
            <section aria-labelledby="developers-rules">
                <h2 class="ds-heading" data-size="sm" id="developers-rules">{t.developers_rules_title}</h2>
                <ul class="ds-list">
                    <li>{t.developers_cache_text}</li>
                    <li>{limit}</li>
                    <li>{t.developers_cors_text}</li>
                    <li>{t.developers_privacy_text}</li>
                    <li>{t.developers_licence_text}</li>
                </ul>
                <pre class="code-block"><code>{cached_call}</code></pre>
            </section>
            <section aria-labelledby="developers-feeds">
                <h2 class="ds-heading" data-size="sm" id="developers-feeds">{t.developers_feeds_title}</h2>
                <ul class="ds-list">
                    <li><a class="ds-link" href="/feeds/ideas.atom">{t.feed_link_ideas}</a></li>
                    <li><a class="ds-link" href="/feeds/solutions.atom">{t.feed_link_solutions}</a></li>
                    <li>{t.developers_feeds_challenges}</li>
                </ul>
            </section>
        </div>
    }
}
