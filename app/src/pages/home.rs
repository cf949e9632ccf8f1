use leptos::prelude::*;
use leptos_meta::Title;

use crate::features::challenges::components::ChallengeCardList;
use crate::features::ideas::components::IdeaCardList;
use crate::features::overview::load_overview;
use crate::i18n::{fill, t};

#[component]
pub fn HomePage() -> impl IntoView {
    let t = t();
    let areas = [
        (t.area_competence_title, t.area_competence_text),
        (t.area_share_title, t.area_share_text),
        (t.area_collaboration_title, t.area_collaboration_text),
        (t.area_open_title, t.area_open_text),
        (t.area_gain_title, t.area_gain_text),
    ];
    let overview = Resource::new_blocking(|| (), |()| load_overview());
    view! {
        <Title text="" />
        <div class="page">
            <h1 class="ds-heading" data-size="lg">{t.home_title}</h1>
            <p class="ds-paragraph lead">{t.home_lead}</p>
            <p class="button-row">
                <a class="ds-button" href="/ideas/new">{t.ideas_new}</a>
                <a class="ds-button" data-variant="secondary" href="/ideas">{t.home_browse_ideas}</a>
            </p>
            <Suspense fallback=move || view! { <p class="ds-paragraph">{t.loading}</p> }>
                {move || Suspend::new(async move {
                    let Ok(overview) = overview.await else {
                        return ().into_any();
                    };
                    let numbers = [
                        (overview.idea_count.to_string(), t.home_number_ideas),
                        (overview.people_with_ideas.to_string(), t.home_number_people),
                        (overview.open_challenge_count.to_string(), t.home_number_challenges),
                    ];
                    view! {
                        <section aria-labelledby="numbers-title">
                            <h2 id="numbers-title" class="visually-hidden">{t.home_numbers_title}</h2>
                            <ul class="live-numbers">
                                {numbers.into_iter().map(|(number, label)| view! {
                                    <li><strong class="live-numbers__value">{number}</strong>" "<span>{label}</span></li>
                                }).collect_view()}
                            </ul>
                        </section>
                        <section aria-labelledby="challenges-title">
                            <h2 id="challenges-title" class="ds-heading" data-size="md">{t.home_open_challenges}</h2>
                            {if overview.open_challenges.is_empty() {
                                view! { <p class="ds-paragraph">{t.challenges_none_open}</p> }.into_any()
                            } else {
                                view! { <ChallengeCardList challenges=overview.open_challenges heading_level=3 /> }.into_any()
                            }}
                            <p class="ds-paragraph"><a class="ds-link" href="/challenges">{t.home_all_challenges}</a></p>
                        </section>
                        <section aria-labelledby="trending-title">
                            <h2 id="trending-title" class="ds-heading" data-size="md">{t.home_trending}</h2>
                            {if overview.trending.is_empty() {
                                view! { <p class="ds-paragraph">{t.ideas_none}</p> }.into_any()
                            } else {
                                view! { <IdeaCardList ideas=overview.trending heading_level=3 /> }.into_any()
                            }}
                            <p class="ds-paragraph"><a class="ds-link" href="/ideas">{fill(t.home_all_ideas, &[("count", &overview.idea_count.to_string())])}</a></p>
                        </section>
                    }
                    .into_any()
                })}
            </Suspense>
            <section class="gates" aria-labelledby="gates-title">
                <h2 id="gates-title" class="ds-heading" data-size="sm">{t.home_gates_title}</h2>
                <p class="ds-paragraph">{t.home_gates_text}</p>
            </section>
            <section aria-labelledby="areas-title">
                <h2 id="areas-title" class="ds-heading" data-size="md">{t.home_areas_title}</h2>
                <p class="ds-paragraph">{t.home_areas_lead}</p>
                <ol class="focus-areas">
                    {areas
                        .into_iter()
                        .map(|(title, text)| view! {
                            <li class="ds-card focus-area">
                                <h3 class="ds-heading" data-size="xs">{title}</h3>
                                <p class="ds-paragraph">{text}</p>
                            </li>
                        })
                        .collect_view()}
                </ol>
            </section>
        </div>
    }
}
