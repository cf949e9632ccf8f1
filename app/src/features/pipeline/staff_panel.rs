//! The staff's side of an idea's page: nomination into triage, the move
//! form, the official response form, owner departments, shared goals,
//! scorecards, internal notes and the internal log. It is rendered only for staff, and its data comes from a server
//! function only staff pass, so nothing here reaches anyone else.

use leptos::prelude::*;

use super::api::{AddNote, AddOwner, NominateIdea, RemoveOwner, load_idea_work};
use super::components::{IdeaGoals, MoveForm, RespondForm};
use super::scorecards::Evaluation;
use super::types::{INTERNAL_NOTE_MAX, IdeaWork, InternalNote, WorkLogEntry, takes_responses};
use crate::components::error_message::ErrorText;
use crate::components::forms::{FormAlert, IdempotencyKeyField, SelectField, TextArea};
use crate::error::AppError;
use crate::features::departments::types::Department;
use crate::features::ideas::status::IdeaStatus;
use crate::i18n::{t, use_locale};
use crate::time::format_oslo;

/// The error of the form about department `department_id` only: every
/// owner's remove button posts to the same function.
fn error_for_owner(error: Option<AppError>, department_id: i64) -> Option<AppError> {
    error.filter(|error| error.echoed("department_id") == Some(&department_id.to_string()))
}

/// Loads and shows the staff's side of idea `idea_id`.
#[component]
pub fn StaffWork(idea_id: i64) -> impl IntoView {
    let t = t();
    let work = Resource::new_blocking(move || idea_id, load_idea_work);
    view! {
        <section class="staff-work" id="staff-work" aria-labelledby="staff-work-heading">
            <h2 class="ds-heading" data-size="sm" id="staff-work-heading">{t.staff_work_title}</h2>
            <p class="ds-paragraph" data-size="sm">{t.staff_work_lead}</p>
            <Suspense fallback=move || view! { <p class="ds-paragraph">{t.loading}</p> }>
                {move || Suspend::new(async move {
                    match work.await {
                        Ok(work) => view! { <WorkSections work /> }.into_any(),
                        Err(error) => view! { <div class="ds-alert" data-color="danger" role="alert"><ErrorText error /></div> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn WorkSections(work: IdeaWork) -> impl IntoView {
    let id = work.idea_id;
    let status = work.status;
    let has_owner = !work.owners.is_empty();
    view! {
        {(status == IdeaStatus::Published).then(|| view! { <Nomination idea_id=id nominated=work.nominated /> })}
        <MoveForm idea_id=id from=status departments=work.departments.clone() has_owner />
        {takes_responses(status).then(|| view! { <RespondForm idea_id=id /> })}
        <Owners work=work.clone() />
        <IdeaGoals work=work.clone() />
        <BenefitPlanLink idea_id=id status />
        <Evaluation work=work.clone() />
        <Notes idea_id=id notes=work.notes.clone() />
        <WorkLog entries=work.log.clone() />
    }
}

/// The way to the idea's benefit plan, from review on: its KPIs, estimates
/// and measurements have a page of their own.
#[component]
fn BenefitPlanLink(idea_id: i64, status: IdeaStatus) -> impl IntoView {
    use crate::features::gains::types::{measurements_open, plan_open};
    let t = t();
    (plan_open(status) || measurements_open(status)).then(|| {
        view! {
            <div class="staff-work__part" id="benefit-plan">
                <h3 class="ds-heading" data-size="2xs">{t.gains_plan_title}</h3>
                <p class="ds-paragraph" data-size="sm">{t.gains_plan_lead}</p>
                <p class="ds-paragraph" data-size="sm">
                    <a class="ds-link" href=format!("/ideas/{idea_id}/benefits")>{t.gains_plan_open}</a>
                </p>
            </div>
        }
    })
}

/// Put a published idea into triage by hand, or take it out again.
#[component]
fn Nomination(idea_id: i64, nominated: bool) -> impl IntoView {
    let t = t();
    let action = ServerAction::<NominateIdea>::new();
    let error: Signal<_> = Signal::derive(move || action.value().get().and_then(Result::err));
    view! {
        <div class="staff-work__part" id="nomination">
            <h3 class="ds-heading" data-size="2xs">{t.triage_title}</h3>
            <p class="ds-paragraph" data-size="sm">
                {if nominated { t.triage_nominated } else { t.triage_not_nominated }}
            </p>
            <ActionForm action attr:class="form">
                <FormAlert error />
                <input type="hidden" name="idea_id" value=idea_id />
                <input type="hidden" name="nominated" value=if nominated { "false" } else { "true" } />
                <button type="submit" class="ds-button" data-size="sm" data-variant="secondary">
                    {if nominated { t.triage_unnominate } else { t.triage_nominate }}
                </button>
            </ActionForm>
        </div>
    }
}

/// The departments that own the idea, and the hand-off forms.
#[component]
fn Owners(work: IdeaWork) -> impl IntoView {
    let t = t();
    let id = work.idea_id;
    let open = work.owners_open();
    let several = work.owners.len() > 1;
    let add = ServerAction::<AddOwner>::new();
    let add_error: Signal<_> = Signal::derive(move || add.value().get().and_then(Result::err));
    let remove = ServerAction::<RemoveOwner>::new();
    let others: Vec<(String, String)> = work
        .departments
        .iter()
        .filter(|department| !work.owners.contains(department))
        .map(|department| (department.id.to_string(), department.name.clone()))
        .collect();
    view! {
        <div class="staff-work__part" id="owners">
            <h3 class="ds-heading" data-size="2xs">{t.owners_title}</h3>
            {if work.owners.is_empty() {
                view! { <p class="ds-paragraph" data-size="sm">{t.owners_none}</p> }.into_any()
            } else {
                view! {
                    <ul class="owner-list">
                        {work.owners.clone().into_iter().map(|owner| {
                            let label = owner.label(t);
                            let Department { id: department, name, .. } = owner;
                            let error: Signal<_> = Signal::derive(move || {
                                error_for_owner(remove.value().get().and_then(Result::err), department)
                            });
                            view! {
                                <li>
                                    <span>{label}</span>
                                    {(open && several).then(|| view! {
                                        <ActionForm action=remove attr:class="inline-form">
                                            <FormAlert error />
                                            <input type="hidden" name="idea_id" value=id />
                                            <input type="hidden" name="department_id" value=department />
                                            <button type="submit" class="ds-button" data-size="sm" data-variant="tertiary" aria-label=format!("{} {}", t.owners_remove, name)>
                                                {t.owners_remove}
                                            </button>
                                        </ActionForm>
                                    })}
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
            {(open && !others.is_empty()).then(|| view! {
                <ActionForm action=add attr:class="form" attr:novalidate=true>
                    <FormAlert error=add_error fields=&["department_id"] />
                    <input type="hidden" name="idea_id" value=id />
                    <SelectField id="owner-add" name="department_id" label=t.owners_add_label error=add_error options=others.clone() empty=t.owners_choose hint=t.owners_add_hint />
                    <button type="submit" class="ds-button" data-size="sm" data-variant="secondary">{t.owners_add}</button>
                </ActionForm>
            })}
            {(!open).then(|| view! { <p class="ds-paragraph" data-size="sm">{t.owners_later}</p> })}
        </div>
    }
}

/// Internal notes: read and written by staff only.
#[component]
fn Notes(idea_id: i64, notes: Vec<InternalNote>) -> impl IntoView {
    let t = t();
    let locale = use_locale();
    let action = ServerAction::<AddNote>::new();
    let error: Signal<_> = Signal::derive(move || action.value().get().and_then(Result::err));
    view! {
        <div class="staff-work__part" id="notes">
            <h3 class="ds-heading" data-size="2xs">{t.notes_title}</h3>
            {if notes.is_empty() {
                view! { <p class="ds-paragraph" data-size="sm">{t.notes_none}</p> }.into_any()
            } else {
                view! {
                    <ol class="note-list">
                        {notes.into_iter().map(|note| view! {
                            <li class="note">
                                <p class="ds-paragraph" data-size="sm">
                                    <strong>{note.author.unwrap_or_else(|| t.deleted_user.to_owned())}</strong>
                                    " · "<time datetime=note.at.to_rfc3339()>{format_oslo(note.at, locale)}</time>
                                </p>
                                <div class="prose" inner_html=note.body_html></div>
                            </li>
                        }).collect_view()}
                    </ol>
                }.into_any()
            }}
            <ActionForm action attr:class="form" attr:novalidate=true>
                <FormAlert error fields=&["body"] />
                <input type="hidden" name="idea_id" value=idea_id />
                <IdempotencyKeyField />
                <TextArea id="note-body" name="body" label=t.notes_add_label error hint=t.notes_add_hint max_length=INTERNAL_NOTE_MAX rows=3 required=true />
                <button type="submit" class="ds-button" data-size="sm" data-variant="secondary">{t.notes_add}</button>
            </ActionForm>
        </div>
    }
}

/// Nominations and hand-offs, oldest first.
#[component]
fn WorkLog(entries: Vec<WorkLogEntry>) -> impl IntoView {
    let t = t();
    let locale = use_locale();
    view! {
        <div class="staff-work__part" id="work-log">
            <h3 class="ds-heading" data-size="2xs">{t.work_log_title}</h3>
            {if entries.is_empty() {
                view! { <p class="ds-paragraph" data-size="sm">{t.work_log_none}</p> }.into_any()
            } else {
                view! {
                    <ol class="timeline__list">
                        {entries.into_iter().map(|entry| view! {
                            <li>
                                <time datetime=entry.at.to_rfc3339()>{format_oslo(entry.at, locale)}</time>
                                ": "{entry.event.label(t)}
                                {entry.department.map(|name| view! { " "<strong>{name}</strong> })}
                                {entry.actor.map(|name| view! { " ("{name}")" })}
                            </li>
                        }).collect_view()}
                    </ol>
                }.into_any()
            }}
        </div>
    }
}
