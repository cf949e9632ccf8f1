use leptos::prelude::*;

use crate::components::forms::{FormAlert, IdempotencyKeyField, ReturnToField};
use crate::features::accounts::api::ConfirmEmail;
use crate::i18n::t;

/// The button behind an emailed link. Opening the link changes nothing (mail
/// scanners open links); pressing the button, a POST, confirms the address.
#[component]
pub fn VerifyEmailForm(token: String, return_to: Option<String>) -> impl IntoView {
    let action = ServerAction::<ConfirmEmail>::new();
    let error: Signal<_> = Signal::derive(move || action.value().get().and_then(Result::err));
    view! {
        <ActionForm action attr:class="form">
            <FormAlert error />
            <input type="hidden" name="token" value=token />
            <IdempotencyKeyField />
            <ReturnToField return_to />
            <button type="submit" class="ds-button" data-variant="primary">{t().verify_submit}</button>
        </ActionForm>
    }
}
