use leptos::prelude::*;
use leptos_meta::{Meta, Title};

use super::{flag_in_query, id_in_path, number_in_query};
use crate::charts::scale::format_number;
use crate::features::gains::components::PublicBenefits;
use crate::features::solutions::api::load_solution;
use crate::features::solutions::components::{PublishSolutionForm, SolutionHistory};
use crate::features::solutions::types::SolutionView;
use crate::i18n::{fill, t, use_locale};
use crate::pages::failed::{failed_page, saved_note};
use crate::time::{format_date, today_in_oslo};

/// `/solutions/{id}`: one solution card, its newest version, or an older
/// one (`?version=2`), marked as such; staff read a draft, publish it and
/// find the edit form here.
#[component]
pub fn SolutionPage() -> impl IntoView {
    let t = t();
    let id = id_in_path();
    let version = number_in_query::<i32>("version");
    let saved = flag_in_query("saved");
    let published = flag_in_query("published");
    let imported = flag_in_query("imported");
    let card = Resource::new_blocking(
        move || (id, version),
        |(id, version)| load_solution(id, version),
    );
    view! {
        <Suspense fallback=move || view! { <p class="ds-paragraph">{t.loading}</p> }>
            {move || Suspend::new(async move {
                match card.await {
                    Ok(card) => view! {
                        {saved.then(|| saved_note(t.solutions_saved))}
                        {published.then(|| saved_note(t.solutions_published))}
                        {imported.then(|| saved_note(t.partners_imported))}
                        <SolutionArticle card />
                    }.into_any(),
                    Err(error) => failed_page(error),
                }
            })}
        </Suspense>
    }
}

#[component]
fn SolutionArticle(card: SolutionView) -> impl IntoView {
    let t = t();
    let locale = use_locale();
    let id = card.id;
    let text = card.text;
    let summary = card.summary.clone();
    let state = if card.newest == 0 {
        Some(view! { <div class="ds-alert" data-color="warning"><p>{t.solutions_draft_note}</p></div> }.into_any())
    } else if card.number != card.newest {
        let number = card.number.to_string();
        let newest = card.newest.to_string();
        Some(view! {
            <div class="ds-alert" data-color="warning">
                <p>
                    {fill(t.solutions_old_version, &[("number", &number), ("newest", &newest)])}" "
                    <a class="ds-link" href=format!("/solutions/{id}")>{t.solutions_read_newest}</a>
                </p>
            </div>
        }.into_any())
    } else {
        None
    };
    let staff = card.can_edit.then(|| {
        let publish = (card.newest == 0).then(|| view! { <PublishSolutionForm id base_revision=card.base_revision /> });
        view! {
            <div class="solution__staff">
                <p><a class="ds-button" data-variant="secondary" href=format!("/solutions/{id}/edit")>{t.solutions_edit}</a></p>
                {publish}
            </div>
        }
    });
    let cost = match (text.cost_nok, text.cost_note.is_empty()) {
        (Some(kroner), true) => fill(
            t.solutions_cost_kroner,
            &[("amount", &format_number(kroner as f64, locale))],
        ),
        (Some(kroner), false) => format!(
            "{} ({})",
            fill(
                t.solutions_cost_kroner,
                &[("amount", &format_number(kroner as f64, locale))]
            ),
            text.cost_note
        ),
        (None, false) => text.cost_note.clone(),
        (None, true) => t.solutions_cost_unknown.to_owned(),
    };
    let goals: Vec<String> = card
        .goals
        .iter()
        .map(|goal| goal.label(locale, t))
        .collect();
    let version = (card.number > 0).then(|| {
        let number = card.number.to_string();
        view! {
            <dt>{t.solutions_version_label}</dt>
            <dd>{fill(t.solutions_version, &[("number", &number)])}", "{format_date(today_in_oslo(card.changed_at), locale)}</dd>
        }
    });
    let no_effects = card.kpis.is_empty().then(|| view! {
        <section aria-labelledby="benefits-heading">
            <h2 class="ds-heading" data-size="sm" id="benefits-heading">{t.gains_public_title}</h2>
            <p class="ds-paragraph">{t.solutions_no_effects}</p>
        </section>
    });
    let history =
        (!card.history.is_empty()).then(|| view! { <SolutionHistory id history=card.history /> });
    view! {
        <Title text=text.title.clone() />
        <Meta name="description" content=summary />
        <article class="page solution">
            <p class="ds-paragraph" data-size="sm"><a class="ds-link" href="/solutions">{t.solutions_title}</a></p>
            <h1 class="ds-heading" data-size="lg">{text.title.clone()}</h1>
            {state}
            {staff}
            <dl class="solution__facts">
                <dt>{t.solutions_field_maturity}</dt><dd>{text.maturity.label(t)}</dd>
                <dt>{t.idea_focus_area}</dt><dd>{text.focus_area.label(t)}</dd>
                {(!goals.is_empty()).then(|| view! { <dt>{t.goals_title}</dt><dd>{goals.join(", ")}</dd> })}
                <dt>{t.solutions_field_cost}</dt><dd>{cost}</dd>
                {(!text.contact.is_empty()).then(|| view! { <dt>{t.solutions_field_contact}</dt><dd>{text.contact.clone()}</dd> })}
                <dt>{t.solutions_field_licence}</dt>
                <dd><a class="ds-link" href=text.licence.url() rel="license">{text.licence.name()}</a></dd>
                {card.idea.map(|idea| view! {
                    <dt>{t.solutions_from_idea}</dt>
                    <dd><a class="ds-link" href=format!("/ideas/{}", idea.id)>{idea.title}</a></dd>
                })}
                {card.origin.map(|origin| {
                    let from = match (&origin.partner, origin.version) {
                        (Some(partner), Some(version)) => fill(t.partners_adopted_from_version, &[("partner", partner), ("version", &version.to_string())]),
                        (Some(partner), None) => partner.clone(),
                        (None, _) => t.partners_removed.to_owned(),
                    };
                    view! {
                        <dt>{t.partners_adopted_from}</dt>
                        <dd><a class="ds-link" href=origin.url>{origin.title}</a>" ("{from}")"</dd>
                    }
                })}
                {(!card.adopters.is_empty()).then(|| view! {
                    <dt>{t.partners_adopted_by}</dt>
                    <dd>
                        <ul class="link-list">
                            {card.adopters.into_iter().map(|adopter| view! {
                                <li><a class="ds-link" href=adopter.url rel="noopener noreferrer">{adopter.partner}</a></li>
                            }).collect_view()}
                        </ul>
                    </dd>
                })}
                {version}
            </dl>
            <section aria-labelledby="solution-problem-heading">
                <h2 class="ds-heading" data-size="sm" id="solution-problem-heading">{t.solutions_field_problem}</h2>
                <div class="prose" inner_html=card.problem_html></div>
            </section>
            {(!text.context.is_empty()).then(|| view! {
                <section aria-labelledby="solution-context-heading">
                    <h2 class="ds-heading" data-size="sm" id="solution-context-heading">{t.solutions_field_context}</h2>
                    <div class="prose" inner_html=card.context_html.clone()></div>
                </section>
            })}
            <section aria-labelledby="solution-done-heading">
                <h2 class="ds-heading" data-size="sm" id="solution-done-heading">{t.solutions_field_done}</h2>
                <div class="prose" inner_html=card.done_html></div>
            </section>
            <PublicBenefits kpis=card.kpis />
            {no_effects}
            {history}
        </article>
    }
}
