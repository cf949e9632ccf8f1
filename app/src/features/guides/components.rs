//! The parts of the guide pages: the form that adds a guide and the one
//! that saves a new revision (both plain forms that post and come back),
//! the history staff start again from, and the short pointer to the
//! guides that challenges and the idea form carry.

use leptos::prelude::*;

use super::api::{AddGuide, SaveGuide};
use super::types::{
    BODY_MAX, GuideEditor, GuideText, NOTE_MAX, RevisionRow, SLUG_MAX, SUMMARY_MAX, TITLE_MAX,
};
use crate::components::forms::{FormAlert, FormError, IdempotencyKeyField, TextArea, TextField};
use crate::i18n::{Locale, fill, t, use_locale};
use crate::time::{format_date, format_oslo, today_in_oslo};

/// The fields that show their own message.
const FIELDS: &[&str] = &[
    "slug",
    "title_nb",
    "title_nn",
    "title_en",
    "summary_nb",
    "summary_nn",
    "summary_en",
    "body_nb",
    "body_nn",
    "body_en",
    "note",
];

/// Title, summary and text in one language, in a group named by it.
#[component]
fn LanguageFields(language: Locale, error: FormError, text: GuideText) -> impl IntoView {
    let t = t();
    let code = language.as_str();
    let (title, summary, body, hint) = match language {
        Locale::Nb => (
            ("title_nb", text.title.nb),
            ("summary_nb", text.summary.nb),
            ("body_nb", text.body.nb),
            None,
        ),
        Locale::Nn => (
            ("title_nn", text.title.nn),
            ("summary_nn", text.summary.nn),
            ("body_nn", text.body.nn),
            Some(t.guides_translation_hint),
        ),
        Locale::En => (
            ("title_en", text.title.en),
            ("summary_en", text.summary.en),
            ("body_en", text.body.en),
            Some(t.guides_translation_hint),
        ),
    };
    let required = hint.is_none();
    let hint_id = hint.map(|_| format!("guide-{code}-hint"));
    let described_by = hint_id.clone();
    view! {
        <fieldset class="ds-fieldset guide-form__language" aria-describedby=described_by>
            <legend class="ds-heading" data-size="xs">{language.endonym()}</legend>
            {hint.map(|hint| view! { <p class="ds-paragraph field-hint" data-size="sm" id=hint_id>{hint}</p> })}
            <TextField id=format!("guide-title-{code}") name=title.0 label=t.guides_field_title error max_length=TITLE_MAX required value=title.1 />
            <TextArea id=format!("guide-summary-{code}") name=summary.0 label=t.guides_field_summary error hint=t.guides_summary_hint max_length=SUMMARY_MAX rows=3 required value=summary.1 />
            <TextArea id=format!("guide-body-{code}") name=body.0 label=t.guides_field_body error hint=t.guides_body_hint max_length=BODY_MAX rows=16 required value=body.1 />
        </fieldset>
    }
}

/// The three languages' fields, bokmål first.
#[component]
fn GuideFields(error: FormError, text: GuideText) -> impl IntoView {
    view! {
        <LanguageFields language=Locale::Nb error text=text.clone() />
        <LanguageFields language=Locale::Nn error text=text.clone() />
        <LanguageFields language=Locale::En error text />
    }
}

/// Adds a guide; its key makes a double tap add it once.
#[component]
pub fn NewGuideForm() -> impl IntoView {
    let t = t();
    let action = ServerAction::<AddGuide>::new();
    let error: Signal<_> = Signal::derive(move || action.value().get().and_then(Result::err));
    view! {
        <ActionForm action attr:class="form guide-form" attr:novalidate=true>
            <FormAlert error fields=FIELDS />
            <IdempotencyKeyField />
            <TextField id="guide-slug" name="slug" label=t.guides_slug error hint=t.guides_slug_hint max_length=SLUG_MAX />
            <GuideFields error text=GuideText::default() />
            <button type="submit" class="ds-button" data-variant="primary">{t.guides_add}</button>
        </ActionForm>
    }
}

/// Saves a new revision, made from the newest the page was given.
#[component]
pub fn EditGuideForm(editor: GuideEditor) -> impl IntoView {
    let t = t();
    let action = ServerAction::<SaveGuide>::new();
    let error: Signal<_> = Signal::derive(move || action.value().get().and_then(Result::err));
    let starting_over = (editor.from != editor.base_revision).then(|| {
        fill(
            t.guides_starting_from,
            &[("number", &editor.from.to_string())],
        )
    });
    view! {
        <ActionForm action attr:class="form guide-form" attr:novalidate=true attr:id="guide-form">
            <FormAlert error fields=FIELDS />
            {starting_over.map(|text| view! { <div class="ds-alert" data-color="info"><p>{text}</p></div> })}
            <input type="hidden" name="slug" value=editor.slug />
            <input type="hidden" name="base_revision" value=editor.base_revision />
            <GuideFields error text=editor.text />
            <TextField id="guide-note" name="note" label=t.guides_note error hint=t.guides_note_hint max_length=NOTE_MAX />
            <button type="submit" class="ds-button" data-variant="primary">{t.guides_save}</button>
        </ActionForm>
    }
}

/// Every saved revision, newest first: who saved it when and why, to read
/// or to start again from.
#[component]
pub fn GuideHistory(slug: String, history: Vec<RevisionRow>) -> impl IntoView {
    let t = t();
    let locale = use_locale();
    let newest = history.first().map(|row| row.number);
    view! {
        <section class="guide-history" aria-labelledby="guide-history-heading">
            <h2 class="ds-heading" data-size="sm" id="guide-history-heading">{t.guides_history_title}</h2>
            <div class="table-scroll" role="region" aria-labelledby="guide-history-heading" tabindex="0">
                <table class="audit-table">
                    <thead>
                        <tr>
                            <th scope="col">{t.guides_history_version}</th>
                            <th scope="col">{t.guides_history_saved}</th>
                            <th scope="col">{t.guides_history_by}</th>
                            <th scope="col">{t.guides_history_note}</th>
                            <th scope="col"><span class="ds-sr-only">{t.guides_history_actions}</span></th>
                        </tr>
                    </thead>
                    <tbody>
                        {history.into_iter().map(|row| {
                            let number = row.number.to_string();
                            let read = format!("/guides/{slug}?revision={}", row.number);
                            let start = format!("/guides/{slug}/edit?from={}#guide-form", row.number);
                            let is_newest = Some(row.number) == newest;
                            view! {
                                <tr>
                                    <th scope="row">{number.clone()}</th>
                                    <td>{format_oslo(row.saved_at, locale)}</td>
                                    <td>{row.editor.unwrap_or_else(|| "–".to_owned())}</td>
                                    <td>{row.note}</td>
                                    <td>
                                        <a class="ds-link" href=read>{fill(t.guides_history_read, &[("number", &number)])}</a>
                                        {(!is_newest).then(|| view! {
                                            " · "<a class="ds-link" href=start>{fill(t.guides_history_start, &[("number", &number)])}</a>
                                        })}
                                    </td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        </section>
    }
}

/// When a guide was last changed, in the reader's language.
pub fn changed_on(at: chrono::DateTime<chrono::Utc>, locale: Locale) -> String {
    fill(
        t().guides_changed_on,
        &[("date", &format_date(today_in_oslo(at), locale))],
    )
}

/// A pointer to the method guides, for the pages where people shape an
/// idea or take part in a challenge.
#[component]
pub fn GuidesHint() -> impl IntoView {
    let t = t();
    view! {
        <p class="ds-paragraph guides-hint" data-size="sm">
            {t.guides_hint}" "<a class="ds-link" href="/guides">{t.guides_hint_link}</a>
        </p>
    }
}
