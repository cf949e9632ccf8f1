//! The state of `/solutions` lives in its address, as `/ideas`'s does:
//! search words, filters and the paging cursor (the last card's id; the
//! list runs newest first). Unknown or malformed values are ignored.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::types::Maturity;
use crate::features::focus_area::FocusArea;
use crate::features::ideas::listing::SEARCH_MAX;

pub const PAGE_SIZE: u64 = 20;

/// One view of the list. On the wire it is the address's name → value
/// pairs, read through [`SolutionQuery::from_params`] as the page reads
/// its address, so neither way in can ask for what the other refuses.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(from = "Params", into = "Params")]
pub struct SolutionQuery {
    pub search: String,
    pub focus_area: Option<FocusArea>,
    pub maturity: Option<Maturity>,
    pub goal: Option<i64>,
    pub after: Option<i64>,
}

/// The list's state as the address writes it.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Params(BTreeMap<String, String>);

impl From<Params> for SolutionQuery {
    fn from(params: Params) -> Self {
        Self::from_params(|name| params.0.get(name).cloned())
    }
}

impl From<SolutionQuery> for Params {
    fn from(query: SolutionQuery) -> Self {
        let mut pairs: BTreeMap<String, String> = query
            .pairs()
            .into_iter()
            .map(|(name, value)| (name.to_owned(), value))
            .collect();
        if let Some(after) = query.after {
            pairs.insert("after".to_owned(), after.to_string());
        }
        Self(pairs)
    }
}

impl SolutionQuery {
    /// Reads the address's query pairs (`get` returns a parameter's value).
    pub fn from_params(get: impl Fn(&str) -> Option<String>) -> Self {
        let text = |name: &str| {
            get(name)
                .map(|value| value.trim().to_owned())
                .filter(|value| !value.is_empty())
        };
        Self {
            search: text("q")
                .map(|q| q.chars().take(SEARCH_MAX).collect())
                .unwrap_or_default(),
            focus_area: text("area").and_then(|value| FocusArea::parse("area", &value).ok()),
            maturity: text("maturity")
                .and_then(|value| Maturity::ALL.into_iter().find(|m| m.as_str() == value)),
            goal: text("goal").and_then(|value| value.parse().ok()),
            after: text("after").and_then(|value| value.parse().ok()),
        }
    }

    /// The query pairs of this view, without the cursor.
    pub fn pairs(&self) -> Vec<(&'static str, String)> {
        let mut pairs = Vec::new();
        if !self.search.is_empty() {
            pairs.push(("q", self.search.clone()));
        }
        if let Some(area) = self.focus_area {
            pairs.push(("area", area.as_str().to_owned()));
        }
        if let Some(maturity) = self.maturity {
            pairs.push(("maturity", maturity.as_str().to_owned()));
        }
        if let Some(goal) = self.goal {
            pairs.push(("goal", goal.to_string()));
        }
        pairs
    }

    /// The first page of this view.
    pub fn first_href(&self) -> String {
        href(&self.pairs())
    }

    /// The next page of this view.
    pub fn next_href(&self, after: &str) -> String {
        let mut pairs = self.pairs();
        pairs.push(("after", after.to_owned()));
        href(&pairs)
    }

    pub fn is_narrowed(&self) -> bool {
        !self.search.is_empty()
            || self.focus_area.is_some()
            || self.maturity.is_some()
            || self.goal.is_some()
    }
}

/// `/solutions?…` with `pairs`, percent-encoded as forms write them.
fn href(pairs: &[(&'static str, String)]) -> String {
    if pairs.is_empty() {
        return "/solutions".to_owned();
    }
    let query: Vec<String> = pairs
        .iter()
        .map(|(name, value)| {
            format!(
                "{name}={}",
                crate::text::percent_encode(value).replace("%20", "+")
            )
        })
        .collect();
    format!("/solutions?{}", query.join("&"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn query(pairs: &[(&str, &str)]) -> SolutionQuery {
        SolutionQuery::from_params(|name| {
            pairs
                .iter()
                .find(|(key, _)| *key == name)
                .map(|(_, value)| (*value).to_owned())
        })
    }

    #[test]
    fn the_address_round_trips_to_the_next_page() {
        let view = query(&[
            ("q", "innbyggertorg chat"),
            ("maturity", "in_use"),
            ("goal", "3"),
        ]);
        assert_eq!(view.maturity, Some(Maturity::InUse));
        assert_eq!(
            view.next_href("41"),
            "/solutions?q=innbyggertorg+chat&maturity=in_use&goal=3&after=41"
        );
        assert!(view.is_narrowed());
        assert_eq!(
            view.first_href(),
            "/solutions?q=innbyggertorg+chat&maturity=in_use&goal=3"
        );
        assert_eq!(SolutionQuery::default().first_href(), "/solutions");
    }

    #[test]
    fn nonsense_in_the_address_is_ignored() {
        let view = query(&[
            ("maturity", "x"),
            ("area", "y"),
            ("goal", "z"),
            ("after", "1_2"),
        ]);
        assert_eq!(view, SolutionQuery::default());
        let long = "ord ".repeat(200);
        assert_eq!(query(&[("q", &long)]).search.chars().count(), SEARCH_MAX);
    }
}
