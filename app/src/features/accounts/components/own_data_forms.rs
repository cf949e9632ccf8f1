use leptos::prelude::*;

use super::register_form::actor_type_label;
use crate::components::forms::{FormAlert, IdempotencyKeyField, TextField};
use crate::features::accounts::api::{ChangeEmail, ChangePassword, DeleteAccount, UpdateProfile};
use crate::features::accounts::types::{
    ActorType, DISPLAY_NAME_MAX, EMAIL_MAX, ORGANISATION_MAX, PASSWORD_MAX, Viewer,
};
use crate::i18n::{Locale, t};

/// Name, actor type, organisation and language; filled in with what is stored.
#[component]
pub fn ProfileForm(viewer: Viewer) -> impl IntoView {
    let t = t();
    let action = ServerAction::<UpdateProfile>::new();
    let error: Signal<_> = Signal::derive(move || action.value().get().and_then(Result::err));
    // After a rejected post the typed values win over the stored ones.
    let typed = move |field: &'static str, stored: String| {
        error
            .get()
            .and_then(|e| e.echoed(field).map(str::to_owned))
            .unwrap_or(stored)
    };
    let (name, organisation) = (
        viewer.display_name.clone(),
        viewer.organisation.clone().unwrap_or_default(),
    );
    let (actor, locale) = (viewer.actor_type, viewer.locale);
    view! {
        <ActionForm action attr:class="form" attr:novalidate=true>
            <FormAlert error fields=&["display_name", "organisation"] />
            <div class="ds-field">
                <label class="ds-label" for="profile-display-name" data-weight="medium">{t.field_display_name}</label>
                <input class="ds-input" id="profile-display-name" name="display_name" autocomplete="name"
                    maxlength=DISPLAY_NAME_MAX value=move || typed("display_name", name.clone()) />
                {move || error.get().filter(|e| e.field() == Some("display_name")).map(|error| view! {
                    <p class="ds-validation-message" data-field="validation"><crate::components::error_message::ErrorText error /></p>
                })}
            </div>
            <div class="ds-field">
                <label class="ds-label" for="profile-actor-type" data-weight="medium">{t.field_actor_type}</label>
                <select class="ds-input" id="profile-actor-type" name="actor_type">
                    {ActorType::ALL.into_iter().map(|choice| view! {
                        <option value=choice.as_str() selected=choice == actor>{actor_type_label(t, choice)}</option>
                    }).collect_view()}
                </select>
            </div>
            <div class="ds-field">
                <label class="ds-label" for="profile-organisation" data-weight="medium">{t.field_organisation}</label>
                <input class="ds-input" id="profile-organisation" name="organisation" autocomplete="organization"
                    maxlength=ORGANISATION_MAX value=move || typed("organisation", organisation.clone()) />
            </div>
            <div class="ds-field">
                <label class="ds-label" for="profile-locale" data-weight="medium">{t.field_language}</label>
                <select class="ds-input" id="profile-locale" name="locale">
                    {Locale::ALL.into_iter().map(|choice| view! {
                        <option value=choice.as_str() lang=choice.as_str() selected=choice == locale>{choice.endonym()}</option>
                    }).collect_view()}
                </select>
            </div>
            <button type="submit" class="ds-button" data-variant="primary">{t.me_save_profile}</button>
        </ActionForm>
    }
}

#[component]
pub fn ChangePasswordForm() -> impl IntoView {
    let t = t();
    let action = ServerAction::<ChangePassword>::new();
    let error: Signal<_> = Signal::derive(move || action.value().get().and_then(Result::err));
    view! {
        <ActionForm action attr:class="form" attr:novalidate=true>
            <FormAlert error fields=&["current_password", "new_password"] />
            <IdempotencyKeyField />
            <TextField id="password-current" name="current_password" label=t.field_current_password error kind="password"
                autocomplete="current-password" max_length=PASSWORD_MAX required=true />
            <TextField id="password-new" name="new_password" label=t.field_new_password error kind="password"
                hint=t.field_new_password_hint autocomplete="new-password" max_length=PASSWORD_MAX required=true />
            <button type="submit" class="ds-button" data-variant="primary">{t.me_change_password}</button>
        </ActionForm>
    }
}

/// Deleting the account asks for the password once more.
#[component]
pub fn DeleteAccountForm() -> impl IntoView {
    let t = t();
    let action = ServerAction::<DeleteAccount>::new();
    let error: Signal<_> = Signal::derive(move || action.value().get().and_then(Result::err));
    view! {
        <ActionForm action attr:class="form" attr:novalidate=true>
            <FormAlert error fields=&["current_password"] />
            <IdempotencyKeyField />
            <TextField id="delete-password" name="current_password" label=t.field_current_password error kind="password"
                autocomplete="current-password" max_length=PASSWORD_MAX required=true />
            <button type="submit" class="ds-button" data-variant="primary" data-color="danger">{t.delete_submit}</button>
        </ActionForm>
    }
}

/// A new address takes effect when the link sent to it is used.
#[component]
pub fn ChangeEmailForm() -> impl IntoView {
    let t = t();
    let action = ServerAction::<ChangeEmail>::new();
    let error: Signal<_> = Signal::derive(move || action.value().get().and_then(Result::err));
    view! {
        <ActionForm action attr:class="form" attr:novalidate=true>
            <FormAlert error fields=&["new_email", "current_password"] />
            <IdempotencyKeyField />
            <TextField id="email-new" name="new_email" label=t.field_new_email error kind="email"
                hint=t.field_new_email_hint autocomplete="email" max_length=EMAIL_MAX required=true />
            <TextField id="email-password" name="current_password" label=t.field_current_password error kind="password"
                autocomplete="current-password" max_length=PASSWORD_MAX required=true />
            <button type="submit" class="ds-button" data-variant="primary">{t.me_change_email}</button>
        </ActionForm>
    }
}
