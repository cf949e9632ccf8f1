use leptos::prelude::*;

use crate::features::focus_area::FocusArea;
use crate::features::goals::types::Goal;
use crate::features::solutions::listing::SolutionQuery;
use crate::features::solutions::types::Maturity;
use crate::i18n::{t, use_locale};

/// The search box and filters of `/solutions`: a plain GET form, so every
/// choice ends up in the address and works without JavaScript.
#[component]
pub fn SolutionFilters(query: SolutionQuery, goals: Vec<Goal>) -> impl IntoView {
    let t = t();
    let locale = use_locale();
    let option = |value: String, label: String, chosen: bool| view! { <option value=value selected=chosen>{label}</option> };
    view! {
        <form method="get" action="/solutions" class="idea-filters" role="search" aria-label=t.solutions_filters_label>
            <div class="ds-field idea-filters__search">
                <label class="ds-label" for="solutions-q" data-weight="medium">{t.solutions_search_label}</label>
                <input class="ds-input" id="solutions-q" name="q" type="search" value=query.search.clone() maxlength="200" />
            </div>
            <div class="idea-filters__grid">
                <div class="ds-field">
                    <label class="ds-label" for="solutions-area">{t.idea_focus_area}</label>
                    <select class="ds-input" id="solutions-area" name="area">
                        <option value="">{t.filter_all}</option>
                        {FocusArea::ALL.into_iter().map(|area| option(area.as_str().to_owned(), area.label(t).to_owned(), Some(area) == query.focus_area)).collect_view()}
                    </select>
                </div>
                <div class="ds-field">
                    <label class="ds-label" for="solutions-maturity">{t.solutions_field_maturity}</label>
                    <select class="ds-input" id="solutions-maturity" name="maturity">
                        <option value="">{t.filter_all}</option>
                        {Maturity::ALL.into_iter().map(|maturity| option(maturity.as_str().to_owned(), maturity.label(t).to_owned(), Some(maturity) == query.maturity)).collect_view()}
                    </select>
                </div>
                <div class="ds-field">
                    <label class="ds-label" for="solutions-goal">{t.goals_title}</label>
                    <select class="ds-input" id="solutions-goal" name="goal">
                        <option value="">{t.filter_all}</option>
                        {goals.into_iter().filter(|goal| !goal.retired).map(|goal| option(goal.id.to_string(), goal.label(locale, t), Some(goal.id) == query.goal)).collect_view()}
                    </select>
                </div>
            </div>
            <div class="button-row">
                <button type="submit" class="ds-button">{t.ideas_apply}</button>
                {query.is_narrowed().then(|| view! { <a class="ds-link" href="/solutions">{t.ideas_clear}</a> })}
            </div>
        </form>
    }
}
