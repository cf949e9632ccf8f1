//! Rules every short text field shares: what people type into a name or a
//! list entry is tidied the same way everywhere.

use crate::error::{AppError, Problem};

/// Trims the text and turns every run of whitespace (newlines included) into one space.
pub fn collapse_whitespace(value: &str) -> String {
    value.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A required one-line text of at most `max` characters, tidied.
pub fn required_line(field: &str, value: &str, max: usize) -> Result<String, AppError> {
    let line = collapse_whitespace(value);
    match line.chars().count() {
        0 => Err(AppError::invalid(field, Problem::Required)),
        length if length > max => Err(AppError::invalid(field, Problem::TooLong)),
        _ => Ok(line),
    }
}
