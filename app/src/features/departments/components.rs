//! The parts of `/admin/departments`: the form that adds a department, and
//! one card per department with its rename form and its retire or restore
//! button. Every form is a plain form that posts and comes back.

use leptos::prelude::*;

use super::api::{AddDepartment, RenameDepartment, RestoreDepartment, RetireDepartment};
use super::types::{DepartmentRow, NAME_MAX};
use crate::components::forms::{FormAlert, IdempotencyKeyField, TextField};
use crate::error::AppError;
use crate::i18n::{fill, t, use_locale};
use crate::time::{format_date, today_in_oslo};

/// The error of the rename form of department `id` only: every card's
/// rename form posts to the same function, and the id rides in the echo.
fn error_for(error: Option<AppError>, id: i64) -> Option<AppError> {
    error.filter(|error| error.echoed("department_id") == Some(id.to_string().as_str()))
}

/// Adds a department; its key makes a double tap add it once.
#[component]
pub fn AddDepartmentForm() -> impl IntoView {
    let t = t();
    let action = ServerAction::<AddDepartment>::new();
    let error: Signal<_> = Signal::derive(move || action.value().get().and_then(Result::err));
    view! {
        <section class="departments__add" aria-labelledby="department-add-heading">
            <h2 class="ds-heading" data-size="sm" id="department-add-heading">{t.departments_add_title}</h2>
            <ActionForm action attr:class="form" attr:novalidate=true>
                <FormAlert error fields=&["name"] />
                <IdempotencyKeyField />
                <TextField id="department-add-name" name="name" label=t.departments_name error max_length=NAME_MAX required=true />
                <button type="submit" class="ds-button" data-variant="primary">{t.departments_add}</button>
            </ActionForm>
        </section>
    }
}

/// What went wrong with a change that no single form can show: a retire or
/// restore button (nothing typed to show a message beside), or a rename
/// refused before its department was known (no access, say).
#[component]
pub fn ChangeAlert() -> impl IntoView {
    let rename = ServerAction::<RenameDepartment>::new();
    let retire = ServerAction::<RetireDepartment>::new();
    let restore = ServerAction::<RestoreDepartment>::new();
    let error: Signal<_> = Signal::derive(move || {
        let failed = |value: Option<Result<(), AppError>>| value.and_then(Result::err);
        failed(retire.value().get())
            .or_else(|| failed(restore.value().get()))
            .or_else(|| {
                failed(rename.value().get()).filter(|error| error.echoed("department_id").is_none())
            })
    });
    view! { <FormAlert error /> }
}

/// One department: its name, its rename form, and retire or restore.
#[component]
pub fn DepartmentCard(department: DepartmentRow) -> impl IntoView {
    let t = t();
    let locale = use_locale();
    let DepartmentRow {
        id,
        name,
        retired_at,
    } = department;
    let anchor = format!("department-{id}");
    let heading_id = format!("{anchor}-heading");
    let rename = ServerAction::<RenameDepartment>::new();
    let rename_error: Signal<_> =
        Signal::derive(move || error_for(rename.value().get().and_then(Result::err), id));
    let retired_on = retired_at.map(|at| {
        fill(
            t.departments_retired_on,
            &[("date", &format_date(today_in_oslo(at), locale))],
        )
    });
    let retired = retired_on.is_some();
    let card_id = anchor.clone();
    let name_id = format!("{anchor}-name");
    let form_labelled_by = heading_id.clone();
    let button_described_by = heading_id.clone();
    let change = if retired {
        view! { <RestoreForm id heading_id=heading_id.clone() /> }.into_any()
    } else {
        view! { <RetireForm id heading_id=heading_id.clone() /> }.into_any()
    };
    view! {
        <li class="ds-card department-card" id=card_id>
            <h3 class="ds-heading" data-size="xs" id=heading_id>{name.clone()}</h3>
            {retired_on.map(|text| view! { <p class="ds-paragraph" data-size="sm">{text}</p> })}
            <ActionForm action=rename attr:class="form" attr:novalidate=true attr:aria-labelledby=form_labelled_by>
                <FormAlert error=rename_error fields=&["name"] />
                <input type="hidden" name="department_id" value=id />
                <TextField id=name_id name="name" label=t.departments_new_name error=rename_error value=name max_length=NAME_MAX required=true />
                <button type="submit" class="ds-button" data-size="sm" data-variant="secondary" aria-describedby=button_described_by>{t.departments_rename}</button>
            </ActionForm>
            {change}
        </li>
    }
}

#[component]
fn RetireForm(id: i64, heading_id: String) -> impl IntoView {
    let t = t();
    let action = ServerAction::<RetireDepartment>::new();
    view! {
        <ActionForm action attr:class="form">
            <input type="hidden" name="department_id" value=id />
            <button type="submit" class="ds-button" data-size="sm" data-variant="tertiary" aria-describedby=heading_id>{t.departments_retire}</button>
        </ActionForm>
    }
}

#[component]
fn RestoreForm(id: i64, heading_id: String) -> impl IntoView {
    let t = t();
    let action = ServerAction::<RestoreDepartment>::new();
    view! {
        <ActionForm action attr:class="form">
            <input type="hidden" name="department_id" value=id />
            <button type="submit" class="ds-button" data-size="sm" data-variant="secondary" aria-describedby=heading_id>{t.departments_restore}</button>
        </ActionForm>
    }
}
