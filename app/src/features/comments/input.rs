//! A comment's text and stance as the form sends them, checked.

use super::types::Stance;
use crate::error::{AppError, Problem};

/// The longest comment, in characters: room for an argument, not an essay.
pub const BODY_MAX: usize = 5000;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CommentText {
    pub body: String,
    pub stance: Option<Stance>,
}

impl CommentText {
    pub fn parse(body: &str, stance: &str) -> Result<Self, AppError> {
        let body = body.trim();
        if body.is_empty() {
            return Err(AppError::invalid("body", Problem::Required));
        }
        if body.chars().count() > BODY_MAX {
            return Err(AppError::invalid("body", Problem::TooLong));
        }
        let stance = match stance.trim() {
            "" => None,
            other => Some(
                Stance::parse(other)
                    .ok_or_else(|| AppError::invalid("stance", Problem::UnknownChoice))?,
            ),
        };
        Ok(Self {
            body: body.to_owned(),
            stance,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problem(result: Result<CommentText, AppError>) -> Option<(String, Problem)> {
        match result {
            Err(AppError::Validation { field, problem, .. }) => Some((field, problem)),
            _ => None,
        }
    }

    #[test]
    fn a_comment_needs_words_within_the_limit_and_a_known_stance() {
        assert_eq!(
            CommentText::parse("  Enig!  ", "for").ok(),
            Some(CommentText {
                body: "Enig!".into(),
                stance: Some(Stance::For)
            })
        );
        assert_eq!(
            CommentText::parse("Hm", "")
                .ok()
                .and_then(|text| text.stance),
            None
        );
        assert_eq!(
            problem(CommentText::parse(" \n ", "")),
            Some(("body".into(), Problem::Required))
        );
        assert_eq!(
            problem(CommentText::parse(&"æ".repeat(BODY_MAX + 1), "")),
            Some(("body".into(), Problem::TooLong))
        );
        assert!(CommentText::parse(&"æ".repeat(BODY_MAX), "").is_ok());
        assert_eq!(
            problem(CommentText::parse("Ja", "maybe")),
            Some(("stance".into(), Problem::UnknownChoice))
        );
    }
}
