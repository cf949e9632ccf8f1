use leptos::prelude::*;
use leptos_meta::Title;

use crate::i18n::t;

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
    view! {
        <Title text="" />
        <div class="page">
            <h1 class="ds-heading" data-size="lg">{t.home_title}</h1>
            <p class="ds-paragraph lead">{t.home_lead}</p>
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
