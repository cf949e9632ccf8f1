//! Rules every short text field shares: what people type into a name or a
//! list entry is tidied the same way everywhere.

use crate::error::{AppError, Problem};

/// Trims the text and turns every run of whitespace (newlines included) into one space.
pub fn collapse_whitespace(value: &str) -> String {
    value.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Percent-encodes `value` for a URL (RFC 3986: only unreserved characters
/// stay as they are; a space becomes `%20`).
pub fn percent_encode(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for byte in value.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(char::from(byte))
            }
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
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

/// A required text of at most `max` characters; lines are kept, the ends trimmed.
pub fn required_text(field: &str, value: &str, max: usize) -> Result<String, AppError> {
    optional_text(field, value, max)?.ok_or_else(|| AppError::invalid(field, Problem::Required))
}

/// A text of at most `max` characters, or `None` when left empty.
pub fn optional_text(field: &str, value: &str, max: usize) -> Result<Option<String>, AppError> {
    let text = value.trim();
    match text.chars().count() {
        0 => Ok(None),
        length if length > max => Err(AppError::invalid(field, Problem::TooLong)),
        _ => Ok(Some(text.to_owned())),
    }
}
