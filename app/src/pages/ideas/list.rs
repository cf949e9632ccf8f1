use leptos::prelude::*;
use leptos_meta::{Link, Title};
use leptos_router::hooks::use_query_map;

use crate::features::ideas::api::{list_ideas, load_idea_form_choices};
use crate::features::ideas::components::{IdeaCardList, IdeaFilters};
use crate::features::ideas::listing::ListQuery;
use crate::i18n::t;
use crate::pages::failed::failed_page;

/// `/ideas`: every public idea, sorted, filtered and searched as the
/// address says, twenty at a time.
#[component]
pub fn IdeasPage() -> impl IntoView {
    let t = t();
    let params = use_query_map().get_untracked();
    let query = ListQuery::from_params(|name| params.get(name));
    let page = Resource::new_blocking(
        {
            let query = query.clone();
            move || query.clone()
        },
        list_ideas,
    );
    let choices = Resource::new_blocking(|| (), |()| load_idea_form_choices());
    view! {
        <Title text=t.ideas_title />
        <Link rel="alternate" type_="application/atom+xml" href="/feeds/ideas.atom" title=t.feed_link_ideas />
        <div class="page page--wide">
            <div class="page-heading-row">
                <h1 class="ds-heading" data-size="lg">{t.ideas_title}</h1>
                <a class="ds-button" data-variant="primary" href="/ideas/new">{t.ideas_new}</a>
            </div>
            <Suspense fallback=move || view! { <p class="ds-paragraph">{t.loading}</p> }>
                {move || {
                    let query = query.clone();
                    Suspend::new(async move {
                        let (page, choices) = match (page.await, choices.await) {
                            (Ok(page), Ok(choices)) => (page, choices),
                            (Err(error), _) | (_, Err(error)) => return failed_page(error),
                        };
                        let next = page.next.as_deref().map(|after| query.next_href(after));
                        let empty = page.ideas.is_empty();
                        view! {
                            <IdeaFilters query=query.clone() districts=choices.districts challenges=choices.challenges />
                            <h2 class="visually-hidden">{t.ideas_results}</h2>
                            {if empty {
                                view! { <p class="ds-paragraph">{t.ideas_none}</p> }.into_any()
                            } else {
                                view! { <IdeaCardList ideas=page.ideas heading_level=3 /> }.into_any()
                            }}
                            <nav class="pager" aria-label=t.pager_label>
                                {query.after.is_some().then(|| view! { <a class="ds-link" href=query.href_with(&[])>{t.pager_first}</a> })}
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
