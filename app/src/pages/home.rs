use leptos::prelude::*;
use leptos_meta::Title;

use crate::i18n::*;

#[component]
pub fn HomePage() -> impl IntoView {
    let i18n = use_i18n();
    let areas = [
        (
            t!(i18n, area_competence_title).into_any(),
            t!(i18n, area_competence_text).into_any(),
        ),
        (
            t!(i18n, area_share_title).into_any(),
            t!(i18n, area_share_text).into_any(),
        ),
        (
            t!(i18n, area_collaboration_title).into_any(),
            t!(i18n, area_collaboration_text).into_any(),
        ),
        (
            t!(i18n, area_open_title).into_any(),
            t!(i18n, area_open_text).into_any(),
        ),
        (
            t!(i18n, area_gain_title).into_any(),
            t!(i18n, area_gain_text).into_any(),
        ),
    ];
    view! {
        <Title text="" />
        <div class="page">
            <h1 class="ds-heading" data-size="lg">{t!(i18n, home_title)}</h1>
            <p class="ds-paragraph lead">{t!(i18n, home_lead)}</p>
            <section class="gates" aria-labelledby="gates-title">
                <h2 id="gates-title" class="ds-heading" data-size="sm">{t!(i18n, home_gates_title)}</h2>
                <p class="ds-paragraph">{t!(i18n, home_gates_text)}</p>
            </section>
            <section aria-labelledby="areas-title">
                <h2 id="areas-title" class="ds-heading" data-size="md">{t!(i18n, home_areas_title)}</h2>
                <p class="ds-paragraph">{t!(i18n, home_areas_lead)}</p>
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
