use leptos::prelude::*;

use crate::features::ideas::types::SimilarIdea;
use crate::features::solutions::types::SolutionLink;
use crate::i18n::t;

/// Existing ideas like the one being written, with a link to each, so the
/// writer can support one instead of posting a duplicate ("steal first").
/// Shown on the preview step, which works without JavaScript.
#[component]
pub fn SimilarIdeasList(similar: Vec<SimilarIdea>) -> impl IntoView {
    let t = t();
    (!similar.is_empty()).then(|| view! {
        <section class="ds-alert similar-ideas" data-color="info" aria-labelledby="similar-heading">
            <h2 class="ds-heading" data-size="xs" id="similar-heading">{t.similar_title}</h2>
            <p class="ds-paragraph">{t.similar_lead}</p>
            <ul>
                {similar.into_iter().map(|idea| view! {
                    <li><a class="ds-link" href=format!("/ideas/{}", idea.id)>{idea.title}</a>
                        " ("{idea.status.label(t)}")"</li>
                }).collect_view()}
            </ul>
        </section>
    })
}

/// Wraps the title field. With JavaScript, while the title is typed, it
/// asks for similar ideas and solution cards (after a pause in typing) and
/// lists them below the field in a polite live region. The field itself is
/// rendered by the server inside it, so without JavaScript nothing changes.
#[island]
pub fn SimilarIdeasWatcher(
    except: Option<i64>,
    heading: String,
    lead: String,
    solutions_heading: String,
    solutions_lead: String,
    children: Children,
) -> impl IntoView {
    let found = RwSignal::new(Vec::<SimilarIdea>::new());
    let solutions = RwSignal::new(Vec::<SolutionLink>::new());
    let typed = RwSignal::new(0_u64);
    let on_input = move |event: leptos::ev::Event| {
        let title = event_target_value(&event);
        let generation = typed.get_untracked() + 1;
        typed.set(generation);
        set_timeout(
            move || {
                if typed.get_untracked() != generation {
                    return;
                }
                leptos::task::spawn_local(async move {
                    let title = title.trim().to_owned();
                    let (similar, cards) = if title.chars().count() < 4 {
                        (Vec::new(), Vec::new())
                    } else {
                        (
                            super::super::api::similar_ideas(title.clone(), except)
                                .await
                                .unwrap_or_default(),
                            crate::features::solutions::api::similar_solutions(title)
                                .await
                                .unwrap_or_default(),
                        )
                    };
                    if typed.get_untracked() == generation {
                        found.set(similar);
                        solutions.set(cards);
                    }
                });
            },
            std::time::Duration::from_millis(400),
        );
    };
    view! {
        <div class="similar-watcher" on:input=on_input>
            {children()}
            <div aria-live="polite">
                {move || {
                    let similar = found.get();
                    (!similar.is_empty()).then(|| view! {
                        <div class="ds-alert similar-ideas" data-color="info">
                            <p class="ds-paragraph"><strong>{heading.clone()}</strong>" "{lead.clone()}</p>
                            <ul>
                                {similar.into_iter().map(|idea| view! {
                                    <li><a class="ds-link" href=format!("/ideas/{}", idea.id) target="_blank">{idea.title}</a></li>
                                }).collect_view()}
                            </ul>
                        </div>
                    })
                }}
                {move || {
                    let cards = solutions.get();
                    (!cards.is_empty()).then(|| view! {
                        <div class="ds-alert similar-solutions" data-color="info">
                            <p class="ds-paragraph"><strong>{solutions_heading.clone()}</strong>" "{solutions_lead.clone()}</p>
                            <ul>
                                {cards.into_iter().map(|card| view! {
                                    <li><a class="ds-link" href=format!("/solutions/{}", card.id) target="_blank">{card.title}</a></li>
                                }).collect_view()}
                            </ul>
                        </div>
                    })
                }}
            </div>
        </div>
    }
}
