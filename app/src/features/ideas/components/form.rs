use leptos::prelude::*;

use super::similar::SimilarIdeasWatcher;
use crate::components::forms::{
    FormAlert, HoneypotField, IdempotencyKeyField, SelectField, TextArea, TextField,
};
use crate::features::focus_area::FocusArea;
use crate::features::ideas::api::{IdeaFormChoices, SaveIdea};
use crate::features::ideas::input::{BODY_MAX, IdeaForm, SUMMARY_MAX, TAGS_FIELD_MAX, TITLE_MAX};
use crate::i18n::t;

const FIELDS: &[&str] = &[
    "title",
    "summary",
    "body",
    "focus_area",
    "district",
    "challenge_id",
    "tags",
];

/// The idea's text: new (`idea_id` empty) or the author's own to change.
/// Saving leads to the preview step, where photos are added and the idea
/// is published.
#[component]
pub fn IdeaFormView(
    form: IdeaForm,
    idea_id: Option<i64>,
    choices: IdeaFormChoices,
) -> impl IntoView {
    let t = t();
    let action = ServerAction::<SaveIdea>::new();
    let error: Signal<_> = Signal::derive(move || action.value().get().and_then(Result::err));
    let areas = FocusArea::ALL
        .into_iter()
        .map(|area| (area.as_str().to_owned(), area.label(t).to_owned()))
        .collect();
    let districts = choices
        .districts
        .iter()
        .map(|d| (d.clone(), d.clone()))
        .collect();
    let challenges = choices
        .challenges
        .iter()
        .map(|(id, title)| (id.to_string(), title.clone()))
        .collect();
    view! {
        <ActionForm action attr:class="form" attr:novalidate=true attr:id="idea-form">
            <FormAlert error fields=FIELDS />
            <IdempotencyKeyField />
            <HoneypotField />
            {idea_id.map(|id| view! { <input type="hidden" name="idea_id" value=id /> })}
            <SimilarIdeasWatcher except=idea_id heading=t.similar_title.to_owned() lead=t.similar_lead.to_owned() solutions_heading=t.solutions_similar_title.to_owned() solutions_lead=t.solutions_similar_lead.to_owned()>
                <TextField id="idea-title" name="title" label=t.idea_title error hint=t.idea_title_hint max_length=TITLE_MAX required=true value=form.title.clone() />
            </SimilarIdeasWatcher>
            <TextField id="idea-summary" name="summary" label=t.idea_summary error hint=t.idea_summary_hint max_length=SUMMARY_MAX required=true value=form.summary.clone() />
            <TextArea id="idea-body" name="body" label=t.idea_body error hint=t.idea_body_hint max_length=BODY_MAX required=true rows=10 value=form.body.clone() />
            <SelectField id="idea-focus-area" name="focus_area" label=t.idea_focus_area error options=areas empty=t.choose required=true value=form.focus_area.clone() />
            <SelectField id="idea-district" name="district" label=t.idea_district error options=districts empty=t.idea_no_district value=form.district.clone() />
            <SelectField id="idea-challenge" name="challenge_id" label=t.idea_challenge error options=challenges empty=t.idea_no_challenge hint=t.idea_challenge_hint value=form.challenge_id.clone() />
            <TextField id="idea-tags" name="tags" label=t.idea_tags error hint=t.idea_tags_hint max_length=TAGS_FIELD_MAX value=form.tags.clone() />
            <button type="submit" class="ds-button">{if idea_id.is_some() { t.idea_save_changes } else { t.idea_save_draft }}</button>
        </ActionForm>
    }
}
