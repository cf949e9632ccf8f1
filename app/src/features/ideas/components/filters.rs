use leptos::prelude::*;

use crate::features::accounts::components::actor_type_label;
use crate::features::accounts::types::ActorType;
use crate::features::focus_area::FocusArea;
use crate::features::ideas::listing::{ListQuery, Sort};
use crate::features::ideas::status::PublicStatus;
use crate::i18n::t;

/// The search box, the filters and the sort order of `/ideas`: a plain GET
/// form, so every choice ends up in the address and works without
/// JavaScript.
#[component]
pub fn IdeaFilters(
    query: ListQuery,
    districts: Vec<String>,
    challenges: Vec<(i64, String)>,
) -> impl IntoView {
    let t = t();
    let option = |value: String, label: String, chosen: bool| view! { <option value=value selected=chosen>{label}</option> };
    view! {
        <form method="get" action="/ideas" class="idea-filters" role="search" aria-label=t.ideas_filters_label>
            <div class="ds-field idea-filters__search">
                <label class="ds-label" for="ideas-q" data-weight="medium">{t.ideas_search_label}</label>
                <input class="ds-input" id="ideas-q" name="q" type="search" value=query.search.clone() maxlength="200" />
            </div>
            <div class="idea-filters__grid">
                <div class="ds-field">
                    <label class="ds-label" for="ideas-sort">{t.ideas_sort_label}</label>
                    <select class="ds-input" id="ideas-sort" name="sort">
                        {Sort::ALL.into_iter().map(|sort| option(sort.as_str().to_owned(), sort_label(sort).to_owned(), sort == query.sort)).collect_view()}
                    </select>
                </div>
                <div class="ds-field">
                    <label class="ds-label" for="ideas-area">{t.idea_focus_area}</label>
                    <select class="ds-input" id="ideas-area" name="area">
                        <option value="">{t.filter_all}</option>
                        {FocusArea::ALL.into_iter().map(|area| option(area.as_str().to_owned(), area.label(t).to_owned(), Some(area) == query.focus_area)).collect_view()}
                    </select>
                </div>
                <div class="ds-field">
                    <label class="ds-label" for="ideas-status">{t.idea_status}</label>
                    <select class="ds-input" id="ideas-status" name="status">
                        <option value="">{t.filter_active}</option>
                        {PublicStatus::all().map(|status| option(status.get().as_str().to_owned(), status.get().label(t).to_owned(), Some(status) == query.status)).collect_view()}
                    </select>
                </div>
                <div class="ds-field">
                    <label class="ds-label" for="ideas-district">{t.idea_district}</label>
                    <select class="ds-input" id="ideas-district" name="district">
                        <option value="">{t.filter_all}</option>
                        {districts.into_iter().map(|district| {
                            let chosen = query.district.as_deref() == Some(district.as_str());
                            option(district.clone(), district, chosen)
                        }).collect_view()}
                    </select>
                </div>
                <div class="ds-field">
                    <label class="ds-label" for="ideas-challenge">{t.idea_challenge}</label>
                    <select class="ds-input" id="ideas-challenge" name="challenge">
                        <option value="">{t.filter_all}</option>
                        {challenges.into_iter().map(|(id, title)| option(id.to_string(), title, query.challenge == Some(id))).collect_view()}
                    </select>
                </div>
                <div class="ds-field">
                    <label class="ds-label" for="ideas-actor">{t.ideas_actor_label}</label>
                    <select class="ds-input" id="ideas-actor" name="actor">
                        <option value="">{t.filter_all}</option>
                        {ActorType::ALL.into_iter().map(|actor| option(actor.as_str().to_owned(), actor_type_label(t, actor).to_owned(), Some(actor) == query.actor)).collect_view()}
                    </select>
                </div>
                <div class="ds-field">
                    <label class="ds-label" for="ideas-tag">{t.idea_tag}</label>
                    <input class="ds-input" id="ideas-tag" name="tag" type="text" value=query.tag.clone().unwrap_or_default() maxlength="40" />
                </div>
            </div>
            <div class="button-row">
                <button type="submit" class="ds-button">{t.ideas_apply}</button>
                {query.is_narrowed().then(|| view! { <a class="ds-link" href="/ideas">{t.ideas_clear}</a> })}
            </div>
        </form>
    }
}

pub fn sort_label(sort: Sort) -> &'static str {
    let t = t();
    match sort {
        Sort::Hot => t.sort_hot,
        Sort::Top => t.sort_top,
        Sort::New => t.sort_new,
        Sort::Discussed => t.sort_discussed,
    }
}
