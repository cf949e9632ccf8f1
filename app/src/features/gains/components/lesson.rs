use leptos::prelude::*;

use super::super::api::{SaveLesson, load_lesson};
use super::super::types::{LESSON_MAX, Lesson};
use crate::components::error_message::ErrorText;
use crate::components::forms::{FormAlert, TextArea};
use crate::i18n::{fill, t, use_locale};
use crate::time::format_oslo;

/// What was learned, as everyone reads it once staff published it.
#[component]
pub fn PublicLesson(html: Option<String>) -> impl IntoView {
    let t = t();
    html.map(|html| {
        view! {
            <section class="lesson" id="lesson-public" aria-labelledby="lesson-public-heading">
                <h2 class="ds-heading" data-size="sm" id="lesson-public-heading">{t.lesson_title}</h2>
                <div class="prose" inner_html=html></div>
            </section>
        }
    })
}

/// The staff's lesson form for idea `idea_id`: loaded from a function
/// only staff pass, so an internal lesson reaches nobody else.
#[component]
pub fn LessonEditor(idea_id: i64) -> impl IntoView {
    let t = t();
    let lesson = Resource::new_blocking(move || idea_id, load_lesson);
    view! {
        <section class="staff-work" id="lesson" aria-labelledby="lesson-heading">
            <h2 class="ds-heading" data-size="sm" id="lesson-heading">{t.lesson_edit_title}</h2>
            <p class="ds-paragraph" data-size="sm">{t.lesson_lead}</p>
            <Suspense fallback=move || view! { <p class="ds-paragraph">{t.loading}</p> }>
                {move || Suspend::new(async move {
                    match lesson.await {
                        Ok(lesson) => view! { <LessonForm idea_id lesson /> }.into_any(),
                        Err(error) => view! { <div class="ds-alert" data-color="danger" role="alert"><ErrorText error /></div> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn LessonForm(idea_id: i64, lesson: Lesson) -> impl IntoView {
    let t = t();
    let locale = use_locale();
    let action = ServerAction::<SaveLesson>::new();
    let error: Signal<_> = Signal::derive(move || action.value().get().and_then(Result::err));
    let public = error
        .get_untracked()
        .and_then(|error| error.echoed("public").map(|ticked| ticked == "true"))
        .unwrap_or(lesson.public);
    let written = lesson.updated_at.map(|at| {
        fill(
            t.lesson_written_by,
            &[
                (
                    "name",
                    lesson.updated_by.as_deref().unwrap_or(t.deleted_user),
                ),
                ("when", &format_oslo(at, locale)),
            ],
        )
    });
    view! {
        {written.map(|line| view! { <p class="ds-paragraph" data-size="sm">{line}</p> })}
        <ActionForm action attr:class="form" attr:novalidate=true>
            <FormAlert error fields=&["body"] />
            <input type="hidden" name="idea_id" value=idea_id />
            <TextArea id="lesson-body" name="body" label=t.lesson_body error hint=t.lesson_body_hint max_length=LESSON_MAX rows=6 required=true value=lesson.body />
            <div class="ds-field">
                <label class="checkbox" for="lesson-public-switch">
                    <input type="checkbox" id="lesson-public-switch" name="public" value="on" checked=public />
                    " "{t.lesson_public}
                </label>
            </div>
            <button type="submit" class="ds-button" data-size="sm" data-variant="primary">{t.lesson_save}</button>
        </ActionForm>
    }
}
