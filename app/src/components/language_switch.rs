use leptos::prelude::*;

use crate::components::error_message::ErrorText;
use crate::features::language::api::SetLanguage;
use crate::i18n::{Locale, t, use_locale};

/// Three buttons, each naming its language in that language. A plain form
/// post, so it works without JavaScript; the server sets the cookie and sends
/// the reader back to the page they were on.
#[component]
pub fn LanguageSwitch() -> impl IntoView {
    let action = ServerAction::<SetLanguage>::new();
    let current = use_locale();
    let error = move || action.value().get().and_then(Result::err);
    view! {
        <ActionForm action attr:class="language-switch">
            <fieldset>
                <legend class="ds-sr-only">{t().language_label}</legend>
                {Locale::ALL
                    .into_iter()
                    .map(|locale| {
                        let is_current = locale == current;
                        view! {
                            <button
                                type="submit"
                                name="locale"
                                value=locale.as_str()
                                lang=locale.as_str()
                                class="ds-button"
                                data-variant=if is_current { "secondary" } else { "tertiary" }
                                data-size="sm"
                                aria-current=is_current.then_some("true")
                            >
                                {locale.endonym()}
                            </button>
                        }
                    })
                    .collect_view()}
            </fieldset>
            {move || error().map(|error| view! {
                <p class="ds-validation-message" role="alert"><ErrorText error /></p>
            })}
        </ActionForm>
    }
}
