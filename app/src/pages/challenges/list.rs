use leptos::prelude::*;
use leptos_meta::Title;

use crate::features::challenges::api::load_challenge_lists;
use crate::features::challenges::components::ChallengeCardList;
use crate::i18n::t;
use crate::pages::failed::failed_page;

/// `/challenges`: open challenges first, then earlier ones, and the
/// proposals the viewer may see (their own; staff see all).
#[component]
pub fn ChallengesPage() -> impl IntoView {
    let t = t();
    let lists = Resource::new_blocking(|| (), |()| load_challenge_lists());
    view! {
        <Title text=t.challenges_title />
        <div class="page page--wide">
            <div class="page-heading-row">
                <h1 class="ds-heading" data-size="lg">{t.challenges_title}</h1>
                <a class="ds-button" data-variant="secondary" href="/challenges/new">{t.challenges_new}</a>
            </div>
            <p class="ds-paragraph">{t.challenges_lead}</p>
            <Suspense fallback=move || view! { <p class="ds-paragraph">{t.loading}</p> }>
                {move || Suspend::new(async move {
                    let lists = match lists.await {
                        Ok(lists) => lists,
                        Err(error) => return failed_page(error),
                    };
                    view! {
                        <section aria-labelledby="open-heading">
                            <h2 class="ds-heading" data-size="md" id="open-heading">{t.challenges_open}</h2>
                            {if lists.open.is_empty() {
                                view! { <p class="ds-paragraph">{t.challenges_none_open}</p> }.into_any()
                            } else {
                                view! { <ChallengeCardList challenges=lists.open heading_level=3 /> }.into_any()
                            }}
                        </section>
                        {(!lists.proposals.is_empty()).then(|| view! {
                            <section aria-labelledby="proposals-heading">
                                <h2 class="ds-heading" data-size="md" id="proposals-heading">{t.challenges_proposals}</h2>
                                <ChallengeCardList challenges=lists.proposals heading_level=3 />
                            </section>
                        })}
                        {(!lists.earlier.is_empty()).then(|| view! {
                            <section aria-labelledby="earlier-heading">
                                <h2 class="ds-heading" data-size="md" id="earlier-heading">{t.challenges_earlier}</h2>
                                <ChallengeCardList challenges=lists.earlier heading_level=3 />
                            </section>
                        })}
                    }
                    .into_any()
                })}
            </Suspense>
        </div>
    }
}
