//! The three languages of the interface: bokmål (the default), nynorsk and
//! English. The sentences live in `app/locales/*.json`; the build turns them
//! into the `Messages` tables below and refuses to build when one language
//! lacks a sentence the others have.
//!
//! The language is settled once per request on the server (cookie, then
//! `Accept-Language`, then bokmål) and provided as context; components read
//! it with [`use_locale`] and their sentences with [`t`].

use std::fmt;
use std::str::FromStr;

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

include!(concat!(env!("OUT_DIR"), "/messages.rs"));

/// Stored as its tag (an account's language), like the enums of
/// `crate::stored`; an unknown stored tag is an error, not a default.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(
    feature = "ssr",
    derive(sea_orm::DeriveValueType),
    sea_orm(value_type = "String")
)]
pub enum Locale {
    #[default]
    Nb,
    Nn,
    En,
}

impl Locale {
    pub const ALL: [Locale; 3] = [Locale::Nb, Locale::Nn, Locale::En];

    /// The BCP 47 tag, as in `<html lang>`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Nb => "nb",
            Self::Nn => "nn",
            Self::En => "en",
        }
    }

    /// Understands language tags as browsers send them: `nb-NO`, `nn`,
    /// `en-GB`; plain Norwegian (`no`) is read as bokmål.
    pub fn from_tag(tag: &str) -> Option<Self> {
        let primary = tag
            .split(['-', '_'])
            .next()
            .unwrap_or_default()
            .to_ascii_lowercase();
        match primary.as_str() {
            "nb" | "no" => Some(Self::Nb),
            "nn" => Some(Self::Nn),
            "en" => Some(Self::En),
            _ => None,
        }
    }

    pub fn messages(self) -> &'static Messages {
        match self {
            Self::Nb => &NB,
            Self::Nn => &NN,
            Self::En => &EN,
        }
    }

    /// The language's name in that language, for the language switch.
    pub fn endonym(self) -> &'static str {
        match self {
            Self::Nb => "Bokmål",
            Self::Nn => "Nynorsk",
            Self::En => "English",
        }
    }
}

impl fmt::Display for Locale {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Debug, PartialEq, Eq)]
pub struct UnknownLocale;

impl fmt::Display for UnknownLocale {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("unknown language tag")
    }
}

impl std::error::Error for UnknownLocale {}

impl FromStr for Locale {
    type Err = UnknownLocale;

    /// Exactly one of the three tags; anything else is refused.
    fn from_str(value: &str) -> Result<Self, Self::Err> {
        Self::ALL
            .into_iter()
            .find(|locale| locale.as_str() == value)
            .ok_or(UnknownLocale)
    }
}

/// A sentence with its `{placeholders}` filled in.
pub fn fill(template: &str, values: &[(&str, &str)]) -> String {
    values
        .iter()
        .fold(template.to_owned(), |text, (name, value)| {
            text.replace(&format!("{{{name}}}"), value)
        })
}

/// The language of this request (bokmål when none was settled). The
/// server settles it once per request, before any page or server function
/// runs (`server::locale::negotiate`, kept in the request's extensions), so
/// a form posted to a server function is answered, and stored, in the same
/// language as the page it came from.
pub fn use_locale() -> Locale {
    use_context::<Locale>()
        .or_else(settled_for_request)
        .unwrap_or_default()
}

#[cfg(feature = "ssr")]
fn settled_for_request() -> Option<Locale> {
    use_context::<http::request::Parts>()?
        .extensions
        .get::<Locale>()
        .copied()
}

/// Islands bring their sentences as props; the browser settles nothing.
#[cfg(not(feature = "ssr"))]
fn settled_for_request() -> Option<Locale> {
    None
}

/// The sentences of this request's language.
pub fn t() -> &'static Messages {
    use_locale().messages()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn browser_tags_map_to_our_three_languages() {
        assert_eq!(Locale::from_tag("nb-NO"), Some(Locale::Nb));
        assert_eq!(Locale::from_tag("no"), Some(Locale::Nb));
        assert_eq!(Locale::from_tag("nn_NO"), Some(Locale::Nn));
        assert_eq!(Locale::from_tag("en-GB"), Some(Locale::En));
        assert_eq!(Locale::from_tag("sv-SE"), None);
    }

    #[test]
    fn only_exact_tags_parse() {
        assert_eq!("nn".parse(), Ok(Locale::Nn));
        assert_eq!("nn-NO".parse::<Locale>(), Err(UnknownLocale));
        assert_eq!("".parse::<Locale>(), Err(UnknownLocale));
    }

    #[test]
    fn placeholders_are_filled() {
        assert_eq!(
            fill(NB.site_tagline, &[("municipality", "Bærum kommune")]),
            "Idéer og samskaping i Bærum kommune"
        );
    }

    #[test]
    fn every_language_has_its_own_sentences() {
        assert_ne!(NB.home_title, EN.home_title);
        assert_ne!(NB.skip_to_content, NN.skip_to_content);
    }
}
