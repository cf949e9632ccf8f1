use leptos::prelude::*;

use crate::components::forms::{FormAlert, ReturnToField, TextField};
use crate::features::accounts::api::SignIn;
use crate::features::accounts::types::{EMAIL_MAX, PASSWORD_MAX};
use crate::i18n::t;

/// `return_to`: where to go once signed in (else `/me`).
#[component]
pub fn SignInForm(return_to: Option<String>) -> impl IntoView {
    let t = t();
    let action = ServerAction::<SignIn>::new();
    let error: Signal<_> = Signal::derive(move || action.value().get().and_then(Result::err));
    view! {
        <ActionForm action attr:class="form" attr:novalidate=true>
            <FormAlert error fields=&["email", "password"] />
            <ReturnToField return_to />
            <TextField id="sign-in-email" name="email" label=t.field_email error kind="email"
                autocomplete="username" max_length=EMAIL_MAX required=true />
            <TextField id="sign-in-password" name="password" label=t.field_password error kind="password"
                autocomplete="current-password" max_length=PASSWORD_MAX required=true />
            <button type="submit" class="ds-button" data-variant="primary">{t.login_submit}</button>
        </ActionForm>
    }
}
