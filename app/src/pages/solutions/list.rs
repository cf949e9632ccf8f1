use leptos::prelude::*;
use leptos_meta::{Link, Meta, Title};
use leptos_router::hooks::use_query_map;

use super::filters::SolutionFilters;
use crate::features::partners::api::search_partners;
use crate::features::partners::components::PartnerResultsSection;
use crate::features::solutions::api::load_solutions;
use crate::features::solutions::components::SolutionCardItem;
use crate::features::solutions::listing::SolutionQuery;
use crate::features::solutions::types::SolutionCard;
use crate::i18n::t;
use crate::pages::failed::failed_page;

/// `/solutions`: the published solution cards, newest first, searched and
/// filtered as the address says, twenty at a time; staff find their
/// drafts and the button to write a card here.
#[component]
pub fn SolutionsPage() -> impl IntoView {
    let t = t();
    let params = use_query_map().get_untracked();
    let query = SolutionQuery::from_params(|name| params.get(name));
    let page = Resource::new_blocking(
        {
            let query = query.clone();
            move || query.clone()
        },
        load_solutions,
    );
    // Staff who search also see the partners' catalogues.
    let partners = Resource::new_blocking(
        {
            let search = query.search.clone();
            move || search.clone()
        },
        |search| async move {
            if search.is_empty() {
                return Ok(Vec::new());
            }
            search_partners(search).await
        },
    );
    view! {
        <Title text=t.solutions_title />
        <Meta name="description" content=t.solutions_lead />
        <Link rel="alternate" type_="application/atom+xml" href="/feeds/solutions.atom" title=t.feed_link_solutions />
        <div class="page page--wide solutions">
            <h1 class="ds-heading" data-size="lg">{t.solutions_title}</h1>
            <p class="ds-paragraph">{t.solutions_lead}</p>
            <Suspense fallback=move || view! { <p class="ds-paragraph">{t.loading}</p> }>
                {move || {
                    let query = query.clone();
                    Suspend::new(async move {
                        let page = match page.await {
                            Ok(page) => page,
                            Err(error) => return failed_page(error),
                        };
                        // Only staff may search partners; for anyone else the
                        // answer is a refusal, and the section is left out.
                        let from_partners = if page.can_edit {
                            partners.await.unwrap_or_default()
                        } else {
                            Vec::new()
                        };
                        let next = page.next.as_deref().map(|after| query.next_href(after));
                        let add = page.can_edit.then(|| view! {
                            <p><a class="ds-button" data-variant="secondary" href="/solutions/new">{t.solutions_new}</a></p>
                        });
                        let drafts = (!page.drafts.is_empty()).then(|| view! {
                            <section aria-labelledby="solution-drafts-heading">
                                <h2 class="ds-heading" data-size="sm" id="solution-drafts-heading">{t.solutions_drafts}</h2>
                                <CardList cards=page.drafts />
                            </section>
                        });
                        let empty = page.cards.is_empty();
                        view! {
                            {add}
                            {drafts}
                            <SolutionFilters query=query.clone() goals=page.goals />
                            <h2 class="visually-hidden">{t.solutions_results}</h2>
                            {if empty {
                                view! { <p class="ds-paragraph">{t.solutions_none}</p> }.into_any()
                            } else {
                                view! { <CardList cards=page.cards /> }.into_any()
                            }}
                            <PartnerResultsSection results=from_partners />
                            <nav class="pager" aria-label=t.pager_label>
                                {query.after.is_some().then(|| view! { <a class="ds-link" href=query.first_href()>{t.pager_first}</a> })}
                                {next.map(|href| view! { <a class="ds-button" data-variant="secondary" href=href rel="next">{t.pager_next}</a> })}
                            </nav>
                        }
                        .into_any()
                    })
                }}
            </Suspense>
        </div>
    }
}

#[component]
fn CardList(cards: Vec<SolutionCard>) -> impl IntoView {
    view! {
        <ul class="solution-list">
            {cards.into_iter().map(|card| view! { <SolutionCardItem card /> }).collect_view()}
        </ul>
    }
}
