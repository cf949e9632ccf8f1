use leptos::prelude::*;

use crate::error::{AppError, Problem};
use crate::i18n::*;

/// The reader's own-language sentence for an error from a server function.
#[component]
pub fn ErrorText(error: AppError) -> impl IntoView {
    let i18n = use_i18n();
    match error {
        AppError::NotFound => t!(i18n, error_not_found).into_any(),
        AppError::Unauthorized => t!(i18n, error_unauthorized).into_any(),
        AppError::Forbidden => t!(i18n, error_forbidden).into_any(),
        AppError::Conflict => t!(i18n, error_conflict).into_any(),
        AppError::RateLimited => t!(i18n, error_rate_limited).into_any(),
        AppError::BadRequest => t!(i18n, error_bad_request).into_any(),
        AppError::Internal => t!(i18n, error_internal).into_any(),
        AppError::Validation { problem, .. } => match problem {
            Problem::Required => t!(i18n, validation_required).into_any(),
            Problem::TooLong => t!(i18n, validation_too_long).into_any(),
            Problem::UnknownChoice => t!(i18n, validation_unknown_choice).into_any(),
        },
    }
}
