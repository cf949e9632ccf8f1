use leptos::prelude::*;

use crate::error::AppError;

/// Remembers the chosen language in a cookie. Without JavaScript the browser
/// is sent back to the page it came from.
#[server(endpoint = "language")]
pub async fn set_language(locale: String) -> Result<(), AppError> {
    use crate::error::Problem;
    use crate::i18n::Locale;

    let locale: Locale = locale
        .parse()
        .map_err(|_| AppError::invalid("locale", Problem::UnknownChoice))?;
    crate::server::responses::remember_language(locale);
    Ok(())
}
