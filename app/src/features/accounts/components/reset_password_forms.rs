use leptos::prelude::*;

use crate::components::forms::{FormAlert, IdempotencyKeyField, TextField};
use crate::features::accounts::api::{RequestPasswordReset, ResetPassword};
use crate::features::accounts::types::{EMAIL_MAX, PASSWORD_MAX};
use crate::i18n::t;

/// Asks for a reset link by email.
#[component]
pub fn RequestResetForm() -> impl IntoView {
    let t = t();
    let action = ServerAction::<RequestPasswordReset>::new();
    let error: Signal<_> = Signal::derive(move || action.value().get().and_then(Result::err));
    view! {
        <ActionForm action attr:class="form" attr:novalidate=true>
            <FormAlert error fields=&["email"] />
            <IdempotencyKeyField />
            <TextField id="reset-email" name="email" label=t.field_email error kind="email"
                autocomplete="email" max_length=EMAIL_MAX required=true />
            <button type="submit" class="ds-button" data-variant="primary">{t.reset_request_submit}</button>
        </ActionForm>
    }
}

/// Chooses the new password, behind the emailed link.
#[component]
pub fn NewPasswordForm(token: String) -> impl IntoView {
    let t = t();
    let action = ServerAction::<ResetPassword>::new();
    let error: Signal<_> = Signal::derive(move || action.value().get().and_then(Result::err));
    view! {
        <ActionForm action attr:class="form" attr:novalidate=true>
            <FormAlert error fields=&["password"] />
            <input type="hidden" name="token" value=token />
            <IdempotencyKeyField />
            <TextField id="reset-password" name="password" label=t.field_new_password error kind="password"
                hint=t.field_new_password_hint autocomplete="new-password" max_length=PASSWORD_MAX required=true />
            <button type="submit" class="ds-button" data-variant="primary">{t.reset_submit}</button>
        </ActionForm>
    }
}
