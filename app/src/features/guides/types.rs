use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::error::{AppError, Problem};
use crate::features::goals::types::Localized;

/// The longest title, in characters.
pub const TITLE_MAX: usize = 120;
/// The longest summary, in characters: what the list shows, a few sentences.
pub const SUMMARY_MAX: usize = 400;
/// The longest guide text, in characters, in each language.
pub const BODY_MAX: usize = 20_000;
/// The longest note on what a save changed.
pub const NOTE_MAX: usize = 200;
/// The longest address (`/guides/{slug}`).
pub const SLUG_MAX: usize = 60;

/// A guide's titles, summaries and texts (Markdown) as staff typed them,
/// tidied.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct GuideText {
    pub title: Localized,
    pub summary: Localized,
    pub body: Localized,
}

/// The nine text fields of a guide's form, as typed.
#[derive(Clone, Copy, Default)]
pub struct GuideForm<'a> {
    pub title_nb: &'a str,
    pub title_nn: &'a str,
    pub title_en: &'a str,
    pub summary_nb: &'a str,
    pub summary_nn: &'a str,
    pub summary_en: &'a str,
    pub body_nb: &'a str,
    pub body_nn: &'a str,
    pub body_en: &'a str,
}

#[cfg(feature = "ssr")]
impl GuideForm<'_> {
    /// The fields as a refused form echoes them back.
    pub fn typed(&self) -> serde_json::Value {
        serde_json::json!({
            "title_nb": self.title_nb, "title_nn": self.title_nn, "title_en": self.title_en,
            "summary_nb": self.summary_nb, "summary_nn": self.summary_nn,
            "summary_en": self.summary_en,
            "body_nb": self.body_nb, "body_nn": self.body_nn, "body_en": self.body_en,
        })
    }
}

impl GuideText {
    /// Bokmål is required in each part; nynorsk and English may be left
    /// empty, and bokmål then stands in. Titles are one tidied line.
    pub fn parse(form: &GuideForm<'_>) -> Result<Self, AppError> {
        use crate::text::{optional_text, required_line, required_text};
        let line = |field: &str, value: &str| -> Result<String, AppError> {
            if value.trim().is_empty() {
                return Ok(String::new());
            }
            required_line(field, value, TITLE_MAX)
        };
        let text = |field: &str, value: &str, max: usize| {
            optional_text(field, value, max).map(Option::unwrap_or_default)
        };
        Ok(Self {
            title: Localized {
                nb: required_line("title_nb", form.title_nb, TITLE_MAX)?,
                nn: line("title_nn", form.title_nn)?,
                en: line("title_en", form.title_en)?,
            },
            summary: Localized {
                nb: required_text("summary_nb", form.summary_nb, SUMMARY_MAX)?,
                nn: text("summary_nn", form.summary_nn, SUMMARY_MAX)?,
                en: text("summary_en", form.summary_en, SUMMARY_MAX)?,
            },
            body: Localized {
                nb: required_text("body_nb", form.body_nb, BODY_MAX)?,
                nn: text("body_nn", form.body_nn, BODY_MAX)?,
                en: text("body_en", form.body_en, BODY_MAX)?,
            },
        })
    }
}

/// The address staff chose for a new guide, or, left empty, one made
/// from its bokmål `title`: lower-case letters a–z, digits and single
/// hyphens, so it reads well in a link and never needs encoding.
pub fn parse_slug(typed: &str, title: &str) -> Result<String, AppError> {
    let typed = typed.trim();
    if typed.is_empty() {
        return Ok(slug_of(title));
    }
    let well_formed = typed.len() <= SLUG_MAX
        && typed.split('-').all(|part| {
            !part.is_empty()
                && part
                    .bytes()
                    .all(|byte| byte.is_ascii_lowercase() || byte.is_ascii_digit())
        });
    if well_formed {
        Ok(typed.to_owned())
    } else {
        Err(AppError::invalid("slug", Problem::GuideAddress))
    }
}

/// An address made from a title: "Slik lager du en gevinstplan" becomes
/// `slik-lager-du-en-gevinstplan`; Norwegian letters are spelt out (æ as
/// ae, ø as o, å as a), anything else between words is one hyphen.
pub fn slug_of(title: &str) -> String {
    let mut slug = String::new();
    for letter in title.to_lowercase().chars() {
        let spelt = match letter {
            'æ' => "ae",
            'ø' | 'ö' | 'ó' | 'ò' | 'ô' => "o",
            'å' | 'ä' | 'á' | 'à' | 'â' => "a",
            'é' | 'è' | 'ê' | 'ë' => "e",
            'ü' | 'ú' => "u",
            'í' | 'ï' => "i",
            letter if letter.is_ascii_alphanumeric() => {
                slug.push(letter);
                continue;
            }
            _ => {
                if !slug.is_empty() && !slug.ends_with('-') {
                    slug.push('-');
                }
                continue;
            }
        };
        slug.push_str(spelt);
    }
    let mut slug = slug.trim_end_matches('-').to_owned();
    if slug.len() > SLUG_MAX {
        slug.truncate(SLUG_MAX);
        slug = slug.trim_end_matches('-').to_owned();
    }
    if slug.is_empty() {
        // A title of only signs: the address is still readable.
        slug.push_str("guide");
    }
    slug
}

/// A guide as the list shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GuideSummary {
    pub slug: String,
    pub title: Localized,
    pub summary: Localized,
    pub changed_at: DateTime<Utc>,
}

/// The guides, and whether the reader may add one.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GuideLibrary {
    pub guides: Vec<GuideSummary>,
    pub can_edit: bool,
}

/// One revision of a guide as its page shows it, in the reader's language.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GuideView {
    pub slug: String,
    pub title: Localized,
    pub summary: Localized,
    /// The text rendered from Markdown and sanitised: the reader's
    /// language's, or bokmål's where it has none (`in_bokmal`).
    pub html: String,
    pub in_bokmal: bool,
    /// The revision shown, and the newest: staff may read an older one.
    pub number: i32,
    pub newest: i32,
    pub changed_at: DateTime<Utc>,
    pub can_edit: bool,
}

/// One saved revision in the history staff read.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RevisionRow {
    pub number: i32,
    pub saved_at: DateTime<Utc>,
    /// Who saved it; gone when their account was deleted.
    pub editor: Option<String>,
    pub note: String,
}

/// What the edit form starts from: the text of revision `from` (the
/// newest unless staff chose an older one to start again from), the
/// newest revision's number (what the save is made from), and the history.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GuideEditor {
    pub slug: String,
    pub base_revision: i32,
    pub from: i32,
    pub text: GuideText,
    /// Newest first.
    pub history: Vec<RevisionRow>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_address_is_made_from_the_title() {
        assert_eq!(
            slug_of("Slik lager du en gevinstplan"),
            "slik-lager-du-en-gevinstplan"
        );
        assert_eq!(
            slug_of("  Å lære: ærlig   og åpent! "),
            "a-laere-aerlig-og-apent"
        );
        assert_eq!(
            slug_of("Pilot – sjekkliste (2027)"),
            "pilot-sjekkliste-2027"
        );
        assert_eq!(slug_of("!!!"), "guide");
        let long = slug_of(&"ord ".repeat(40));
        assert!(long.len() <= SLUG_MAX && !long.ends_with('-'), "{long}");
    }

    #[test]
    fn a_typed_address_is_checked_and_an_empty_one_made() -> Result<(), AppError> {
        assert_eq!(parse_slug(" pilot-2027 ", "x")?, "pilot-2027");
        assert_eq!(parse_slug("", "Intervjuguide")?, "intervjuguide");
        for bad in [
            "Pilot",
            "pilot--2027",
            "-pilot",
            "pilot-",
            "pilot guide",
            "pilotø",
            "a/b",
        ] {
            assert_eq!(
                parse_slug(bad, "x"),
                Err(AppError::invalid("slug", Problem::GuideAddress)),
                "{bad}"
            );
        }
        assert!(parse_slug(&"a".repeat(SLUG_MAX + 1), "x").is_err());
        Ok(())
    }

    #[test]
    fn bokmal_is_required_in_each_part() -> Result<(), AppError> {
        let form = GuideForm {
            title_nb: " Intervjuguide ",
            summary_nb: "Kort.",
            body_nb: "## Før\n\nPlanlegg.",
            ..GuideForm::default()
        };
        let text = GuideText::parse(&form)?;
        assert_eq!(text.title.nb, "Intervjuguide");
        assert_eq!(text.body.nn, "");
        for (missing, field) in [
            (
                GuideForm {
                    title_nb: " ",
                    ..form
                },
                "title_nb",
            ),
            (
                GuideForm {
                    summary_nb: "",
                    ..form
                },
                "summary_nb",
            ),
            (
                GuideForm {
                    body_nb: "\n",
                    ..form
                },
                "body_nb",
            ),
        ] {
            assert_eq!(
                GuideText::parse(&missing),
                Err(AppError::invalid(field, Problem::Required))
            );
        }
        let long = "x".repeat(BODY_MAX + 1);
        assert_eq!(
            GuideText::parse(&GuideForm {
                body_en: &long,
                ..form
            }),
            Err(AppError::invalid("body_en", Problem::TooLong))
        );
        Ok(())
    }
}
