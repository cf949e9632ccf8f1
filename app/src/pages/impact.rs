use leptos::prelude::*;
use leptos_meta::{Meta, Title};

use crate::charts::BarChartFigure;
use crate::charts::scale::format_number;
use crate::components::error_message::ErrorText;
use crate::features::gains::api::load_impact;
use crate::features::gains::components::PublicKpiItem;
use crate::features::gains::components::charts::{funnel_chart, goals_chart, tally_chart};
use crate::features::gains::types::Impact;
use crate::i18n::{fill, t, use_locale};

/// `/impact`: what came of residents' ideas. How many were received, taken
/// into the pipeline, put to use and measured; the public benefits per
/// focus area and goal; stories of implemented ideas with their public
/// KPIs; and what was learned, failures too. Everyone may read it, and
/// every number is also a table, so it works without JavaScript.
#[component]
pub fn ImpactPage() -> impl IntoView {
    let t = t();
    let impact = Resource::new_blocking(|| (), |()| load_impact());
    view! {
        <Title text=t.impact_title />
        <Meta name="description" content=t.impact_lead />
        <div class="page impact">
            <h1 class="ds-heading" data-size="lg">{t.impact_title}</h1>
            <p class="ds-paragraph">{t.impact_lead}</p>
            <Suspense fallback=move || view! { <p class="ds-paragraph">{t.loading}</p> }>
                {move || Suspend::new(async move {
                    match impact.await {
                        Ok(impact) => view! { <ImpactView impact /> }.into_any(),
                        Err(error) => view! { <div class="ds-alert" data-color="danger" role="alert"><ErrorText error /></div> }.into_any(),
                    }
                })}
            </Suspense>
        </div>
    }
}

#[component]
fn ImpactView(impact: Impact) -> impl IntoView {
    let t = t();
    let locale = use_locale();
    let number = move |value: u64| format_number(value as f64, locale);
    let areas: Vec<(String, u64)> = impact
        .by_focus_area
        .iter()
        .map(|(area, count)| (area.label(t).to_owned(), *count))
        .collect();
    let goals =
        (!impact.per_goal.is_empty()).then(|| goals_chart(&impact.per_goal, &impact.goals, locale));
    view! {
        <dl class="impact__figures">
            <div><dt>{t.impact_received}</dt><dd>{number(impact.received)}</dd></div>
            <div><dt>{t.impact_in_pipeline}</dt><dd>{number(impact.in_pipeline)}</dd></div>
            <div><dt>{t.impact_implemented}</dt><dd>{number(impact.implemented)}</dd></div>
            <div><dt>{t.impact_realised}</dt><dd>{number(impact.realised)}</dd></div>
            <div><dt>{t.impact_targets}</dt><dd>{fill(t.impact_targets_value, &[("reached", &number(impact.public_reached)), ("set", &number(impact.public_kpis))])}</dd></div>
        </dl>
        <section aria-labelledby="impact-progress">
            <h2 class="ds-heading" data-size="md" id="impact-progress">{t.impact_progress_title}</h2>
            <BarChartFigure id="impact-funnel".to_owned() chart=funnel_chart(&impact.funnel, locale) />
            <BarChartFigure id="impact-areas".to_owned() chart=tally_chart(t.gains_areas_title, t.gains_focus_area, areas, locale) />
            {goals.map(|chart| view! { <BarChartFigure id="impact-goals".to_owned() chart /> })}
        </section>
        <section aria-labelledby="impact-stories">
            <h2 class="ds-heading" data-size="md" id="impact-stories">{t.impact_stories_title}</h2>
            {if impact.stories.is_empty() {
                view! { <p class="ds-paragraph">{t.impact_stories_none}</p> }.into_any()
            } else {
                view! {
                    <ul class="gains__kpis">
                        {impact.stories.into_iter().map(|story| {
                            let id = story.idea_id;
                            view! {
                                <li class="gains__kpi">
                                    <h3 class="ds-heading" data-size="xs">
                                        <a class="ds-link" href=format!("/ideas/{id}")>{story.title.clone()}</a>
                                    </h3>
                                    <p class="board-card__tags">
                                        <span class="work-tag work-tag--plain">{story.focus_area.label(t)}</span>
                                        <span class="work-tag">{story.status.label(t)}</span>
                                    </p>
                                    <ul class="impact__story-kpis">
                                        {story.kpis.into_iter().map(|kpi| {
                                            let anchor = format!("story-{id}-kpi-{}", kpi.id);
                                            view! { <PublicKpiItem kpi anchor heading=false /> }
                                        }).collect_view()}
                                    </ul>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
        <section aria-labelledby="impact-lessons">
            <h2 class="ds-heading" data-size="md" id="impact-lessons">{t.impact_lessons_title}</h2>
            <p class="ds-paragraph">{t.impact_lessons_lead}</p>
            {if impact.lessons.is_empty() {
                view! { <p class="ds-paragraph">{t.impact_lessons_none}</p> }.into_any()
            } else {
                view! {
                    <ul class="gains__kpis">
                        {impact.lessons.into_iter().map(|lesson| view! {
                            <li class="gains__kpi">
                                <h3 class="ds-heading" data-size="xs">
                                    <a class="ds-link" href=format!("/ideas/{}", lesson.idea_id)>{lesson.title.clone()}</a>
                                </h3>
                                <p class="board-card__tags"><span class="work-tag">{lesson.status.label(t)}</span></p>
                                <div class="prose" inner_html=lesson.html></div>
                            </li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
    }
}
