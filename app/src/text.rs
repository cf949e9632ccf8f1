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

/// Refuses `value` when it has more than `max` characters, before any work
/// on its parts: first by its length in bytes, in constant time (a
/// character takes at most four), then by counting what is left.
pub fn within_limit(field: &str, value: &str, max: usize) -> Result<(), AppError> {
    if value.len() > max.saturating_mul(4) || value.chars().count() > max {
        return Err(AppError::invalid(field, Problem::TooLong));
    }
    Ok(())
}

/// Refuses at once a value whose bytes could not make `max` characters
/// even if every character took four: the tidying below then never runs
/// over a megabyte. (Whitespace that tidying would drop counts here, but
/// no form lets anyone type that much of it.)
fn surely_within(field: &str, value: &str, max: usize) -> Result<(), AppError> {
    if value.len() > max.saturating_mul(4) {
        return Err(AppError::invalid(field, Problem::TooLong));
    }
    Ok(())
}

/// A required one-line text of at most `max` characters, tidied.
pub fn required_line(field: &str, value: &str, max: usize) -> Result<String, AppError> {
    surely_within(field, value, max)?;
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
    surely_within(field, value, max)?;
    let text = value.trim();
    match text.chars().count() {
        0 => Ok(None),
        length if length > max => Err(AppError::invalid(field, Problem::TooLong)),
        _ => Ok(Some(text.to_owned())),
    }
}

/// Names an admin keeps in a list (departments, goals) compare without
/// regard to case: "Skoler" and "skoler" are one, in Norwegian letters too.
pub fn same_name(a: &str, b: &str) -> bool {
    a.to_lowercase() == b.to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_field_over_its_limit_is_refused_before_it_is_tidied() {
        let too_long = Err(AppError::invalid("note", Problem::TooLong));
        assert_eq!(within_limit("note", &"æ".repeat(10), 10), Ok(()));
        assert_eq!(within_limit("note", &"æ".repeat(11), 10), too_long);
        assert_eq!(within_limit("note", &"a ".repeat(500_000), 10), too_long);
        assert_eq!(
            required_line("note", &" ".repeat(41), 10),
            Err(AppError::invalid("note", Problem::TooLong))
        );
        assert_eq!(
            optional_text("note", &"\n".repeat(41), 10),
            Err(AppError::invalid("note", Problem::TooLong))
        );
        assert_eq!(optional_text("note", &"\n".repeat(40), 10), Ok(None));
    }
}
