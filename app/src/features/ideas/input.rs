//! What an author types into the idea form, and the rules it must meet to
//! become an [`IdeaText`]. Once a value has that type it is valid; the
//! service checks only what needs the database (the challenge, the district
//! list of the municipality's settings).

use serde::{Deserialize, Serialize};

use crate::error::{AppError, Problem};
use crate::features::focus_area::FocusArea;
use crate::text::{collapse_whitespace, required_line};

pub const TITLE_MIN: usize = 8;
pub const TITLE_MAX: usize = 120;
pub const SUMMARY_MAX: usize = 280;
pub const BODY_MAX: usize = 20_000;
pub const TAG_MAX: usize = 40;
pub const TAGS_MAX: usize = 5;
/// The longest tags field that can be valid, in characters: five tags of
/// [`TAG_MAX`] with a `#`, a comma and a space or two each. A longer field
/// is refused whole, before it is split.
pub const TAGS_FIELD_MAX: usize = TAGS_MAX * (TAG_MAX + 4);

/// The idea form as posted; every field a string, as browsers send them.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct IdeaForm {
    pub title: String,
    pub summary: String,
    pub body: String,
    pub focus_area: String,
    #[serde(default)]
    pub district: String,
    #[serde(default)]
    pub challenge_id: String,
    /// Comma-separated.
    #[serde(default)]
    pub tags: String,
}

/// A valid idea text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IdeaText {
    pub title: String,
    pub summary: String,
    pub body: String,
    pub focus_area: FocusArea,
    pub district: Option<String>,
    pub challenge_id: Option<i64>,
    pub tags: Vec<String>,
}

impl IdeaText {
    /// Checks the form field by field, in the order the form shows them, so
    /// the first message is next to the first wrong field. `districts` is
    /// the municipality's list; a district must be one of them.
    pub fn parse(form: &IdeaForm, districts: &[String]) -> Result<Self, AppError> {
        let title = required_line("title", &form.title, TITLE_MAX)?;
        if title.chars().count() < TITLE_MIN {
            return Err(AppError::invalid("title", Problem::TooShort));
        }
        let summary = required_line("summary", &form.summary, SUMMARY_MAX)?;
        let body = parse_body(&form.body)?;
        let focus_area = FocusArea::parse("focus_area", &form.focus_area)?;
        let district = match form.district.trim() {
            "" => None,
            name => Some(
                districts
                    .iter()
                    .find(|known| known.as_str() == name)
                    .cloned()
                    .ok_or_else(|| AppError::invalid("district", Problem::UnknownChoice))?,
            ),
        };
        let challenge_id = match form.challenge_id.trim() {
            "" => None,
            id => Some(
                id.parse::<i64>()
                    .map_err(|_| AppError::invalid("challenge_id", Problem::UnknownChoice))?,
            ),
        };
        let tags = parse_tags(&form.tags)?;
        Ok(Self {
            title,
            summary,
            body,
            focus_area,
            district,
            challenge_id,
            tags,
        })
    }
}

/// Markdown keeps its line breaks; only the ends are trimmed and Windows
/// line endings made plain.
fn parse_body(value: &str) -> Result<String, AppError> {
    // Windows line endings count twice until they are made plain.
    crate::text::within_limit("body", value, BODY_MAX * 2)?;
    let body = value.replace("\r\n", "\n").trim().to_owned();
    match body.chars().count() {
        0 => Err(AppError::invalid("body", Problem::Required)),
        length if length > BODY_MAX => Err(AppError::invalid("body", Problem::TooLong)),
        _ => Ok(body),
    }
}

/// Tags are typed comma-separated: "sykkel, Trafikk, #skolevei" becomes
/// `["sykkel", "trafikk", "skolevei"]`. Repeats are dropped. The work is
/// bounded by the field's length, checked first, and ends at the sixth
/// distinct tag; the repeat search looks through at most five tags.
pub fn parse_tags(value: &str) -> Result<Vec<String>, AppError> {
    crate::text::within_limit("tags", value, TAGS_FIELD_MAX)?;
    let mut tags: Vec<String> = Vec::with_capacity(TAGS_MAX);
    for raw in value.split(',') {
        let tag = collapse_whitespace(raw.trim().trim_start_matches('#')).to_lowercase();
        if tag.is_empty() || tags.contains(&tag) {
            continue;
        }
        if tags.len() == TAGS_MAX {
            return Err(AppError::invalid("tags", Problem::TooManyTags));
        }
        if tag.chars().count() > TAG_MAX {
            return Err(AppError::invalid("tags", Problem::TooLong));
        }
        tags.push(tag);
    }
    Ok(tags)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form() -> IdeaForm {
        IdeaForm {
            title: "Sykkelparkering ved Sandvika stasjon".into(),
            summary: "Flere låsbare plasser for sykler.".into(),
            body: "Det er *fullt* hver morgen.\r\n\r\n- 200 plasser".into(),
            focus_area: "co_creation".into(),
            district: "Sandvika".into(),
            challenge_id: String::new(),
            tags: "sykkel, Trafikk, #sykkel".into(),
        }
    }

    fn districts() -> Vec<String> {
        vec!["Sandvika".into(), "Fornebu".into()]
    }

    fn problem_with(change: impl FnOnce(&mut IdeaForm)) -> Option<(String, Problem)> {
        let mut form = form();
        change(&mut form);
        match IdeaText::parse(&form, &districts()) {
            Err(AppError::Validation { field, problem, .. }) => Some((field, problem)),
            _ => None,
        }
    }

    #[test]
    fn a_good_form_becomes_a_tidy_idea() -> Result<(), AppError> {
        let idea = IdeaText::parse(&form(), &districts())?;
        assert_eq!(idea.body, "Det er *fullt* hver morgen.\n\n- 200 plasser");
        assert_eq!(idea.tags, vec!["sykkel", "trafikk"]);
        assert_eq!(idea.district.as_deref(), Some("Sandvika"));
        assert_eq!(idea.focus_area, FocusArea::CoCreation);
        Ok(())
    }

    #[test]
    fn every_rule_names_its_field() {
        let long = |n: usize| "a".repeat(n);
        type Case = (&'static str, Box<dyn FnOnce(&mut IdeaForm)>, Problem);
        let cases: Vec<Case> = vec![
            (
                "title",
                Box::new(|f| f.title = "  ".into()),
                Problem::Required,
            ),
            (
                "title",
                Box::new(|f| f.title = "Sykler".into()),
                Problem::TooShort,
            ),
            (
                "title",
                Box::new(move |f| f.title = long(121)),
                Problem::TooLong,
            ),
            (
                "summary",
                Box::new(|f| f.summary = String::new()),
                Problem::Required,
            ),
            (
                "summary",
                Box::new(move |f| f.summary = long(281)),
                Problem::TooLong,
            ),
            (
                "body",
                Box::new(|f| f.body = "\n \n".into()),
                Problem::Required,
            ),
            (
                "body",
                Box::new(move |f| f.body = long(20_001)),
                Problem::TooLong,
            ),
            (
                "focus_area",
                Box::new(|f| f.focus_area = String::new()),
                Problem::Required,
            ),
            (
                "focus_area",
                Box::new(|f| f.focus_area = "sport".into()),
                Problem::UnknownChoice,
            ),
            (
                "district",
                Box::new(|f| f.district = "Oslo".into()),
                Problem::UnknownChoice,
            ),
            (
                "challenge_id",
                Box::new(|f| f.challenge_id = "x".into()),
                Problem::UnknownChoice,
            ),
            (
                "tags",
                Box::new(move |f| f.tags = long(41)),
                Problem::TooLong,
            ),
            (
                "tags",
                Box::new(|f| f.tags = "a,b,c,d,e,f".into()),
                Problem::TooManyTags,
            ),
        ];
        for (field, change, problem) in cases {
            assert_eq!(
                problem_with(change),
                Some((field.to_owned(), problem)),
                "{field} {problem:?}"
            );
        }
    }

    fn tags_problem(value: &str) -> Option<Problem> {
        match parse_tags(value) {
            Err(AppError::Validation { field, problem, .. }) if field == "tags" => Some(problem),
            _ => None,
        }
    }

    #[test]
    fn the_longest_valid_tags_field_fits_its_bound() -> Result<(), AppError> {
        let tag = |letter: char| format!("#{}", letter.to_string().repeat(TAG_MAX));
        let longest = ['a', 'b', 'c', 'd', 'e'].map(tag).join(", ");
        assert!(longest.chars().count() <= TAGS_FIELD_MAX);
        assert_eq!(parse_tags(&longest)?.len(), TAGS_MAX);
        // Bokmål's letters take two bytes each; the bound counts characters.
        let norwegian = ["æ", "ø", "å", "ææ", "øø"].map(|letters| letters.repeat(TAG_MAX / 2));
        assert_eq!(parse_tags(&norwegian.join(", "))?.len(), TAGS_MAX);
        Ok(())
    }

    #[test]
    fn a_tags_field_longer_than_any_valid_one_is_refused_whole() {
        // Only repeats of one short tag: valid but for its length.
        let repeats = "a, ".repeat(TAGS_FIELD_MAX / 3 + 1);
        assert_eq!(tags_problem(&repeats), Some(Problem::TooLong));
        assert_eq!(
            tags_problem(&"a,".repeat(512 * 1024)),
            Some(Problem::TooLong)
        );
        assert_eq!(
            tags_problem(&"æ".repeat(TAGS_FIELD_MAX + 1)),
            Some(Problem::TooLong)
        );
    }

    #[test]
    fn the_sixth_distinct_tag_ends_the_parse() {
        let too_long = "x".repeat(TAG_MAX + 1);
        assert_eq!(
            tags_problem(&format!("a, b, c, d, e, f, {too_long}")),
            Some(Problem::TooManyTags)
        );
        assert_eq!(
            parse_tags("a, A, #a, b, c, d, e, e").map(|tags| tags.len()),
            Ok(TAGS_MAX)
        );
    }

    #[test]
    fn optional_fields_may_stay_empty() -> Result<(), AppError> {
        let mut form = form();
        form.district = String::new();
        form.tags = " , ".into();
        let idea = IdeaText::parse(&form, &districts())?;
        assert_eq!(idea.district, None);
        assert!(idea.tags.is_empty());
        Ok(())
    }
}
