//! The state of `/ideas` lives in its address: sort order, filters, search
//! words and the paging cursor. This file reads that address and writes it
//! back, so every view of the list can be bookmarked and shared, and the
//! filter form works without JavaScript (it is a plain GET form).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::input::TAG_MAX;
use super::status::PublicStatus;
use crate::features::accounts::types::ActorType;
use crate::features::focus_area::FocusArea;

pub const PAGE_SIZE: u64 = 20;
/// Longer search texts are cut; nobody types more into a search box.
pub const SEARCH_MAX: usize = 200;
/// No district's name is longer; a longer one matches nothing and is ignored.
pub const DISTRICT_MAX: usize = 120;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Sort {
    #[default]
    Hot,
    Top,
    New,
    Discussed,
}

impl Sort {
    pub const ALL: [Sort; 4] = [Self::Hot, Self::Top, Self::New, Self::Discussed];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Hot => "hot",
            Self::Top => "top",
            Self::New => "new",
            Self::Discussed => "discussed",
        }
    }

    pub fn parse(value: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|sort| sort.as_str() == value)
    }
}

/// One view of the idea list. Unknown or malformed values in the address
/// are ignored rather than refused: a mistyped link still shows ideas.
///
/// The page reads it from its address and the JSON endpoint
/// (`/api/ideas/list`) from the same name → value pairs, through the same
/// [`ListQuery::from_params`]: on the wire it *is* the address's pairs, so
/// neither way in can ask for what the other refuses (a draft, an endless
/// search text).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(from = "ListParams", into = "ListParams")]
pub struct ListQuery {
    pub sort: Sort,
    pub search: String,
    pub focus_area: Option<FocusArea>,
    pub status: Option<PublicStatus>,
    pub district: Option<String>,
    pub challenge: Option<i64>,
    pub tag: Option<String>,
    pub actor: Option<ActorType>,
    pub after: Option<Cursor>,
}

/// The list's state as the address writes it: parameter name → value.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ListParams(BTreeMap<String, String>);

impl From<ListParams> for ListQuery {
    fn from(params: ListParams) -> Self {
        Self::from_params(|name| params.0.get(name).cloned())
    }
}

impl From<ListQuery> for ListParams {
    fn from(query: ListQuery) -> Self {
        let mut pairs: BTreeMap<String, String> = query
            .pairs()
            .into_iter()
            .map(|(name, value)| (name.to_owned(), value))
            .collect();
        if let Some(after) = query.after {
            pairs.insert("after".to_owned(), after.encode());
        }
        Self(pairs)
    }
}

impl ListQuery {
    /// Reads the address's query pairs (`get` returns a parameter's value).
    pub fn from_params(get: impl Fn(&str) -> Option<String>) -> Self {
        let text = |name: &str| {
            get(name)
                .map(|v| v.trim().to_owned())
                .filter(|v| !v.is_empty())
        };
        let sort = text("sort")
            .and_then(|v| Sort::parse(&v))
            .unwrap_or_default();
        Self {
            sort,
            search: text("q")
                .map(|q| q.chars().take(SEARCH_MAX).collect())
                .unwrap_or_default(),
            focus_area: text("area").and_then(|v| FocusArea::parse("area", &v).ok()),
            status: text("status").and_then(|v| PublicStatus::parse(&v)),
            district: text("district").filter(|v| v.chars().count() <= DISTRICT_MAX),
            challenge: text("challenge").and_then(|v| v.parse().ok()),
            tag: text("tag")
                .filter(|v| v.chars().count() <= TAG_MAX)
                .map(|tag| tag.to_lowercase()),
            actor: text("actor").and_then(|v| ActorType::parse(&v).ok()),
            after: text("after").and_then(|v| Cursor::parse(sort, &v)),
        }
    }

    /// The query pairs of this view, without the cursor.
    pub fn pairs(&self) -> Vec<(&'static str, String)> {
        let mut pairs = Vec::new();
        if self.sort != Sort::default() {
            pairs.push(("sort", self.sort.as_str().to_owned()));
        }
        if !self.search.is_empty() {
            pairs.push(("q", self.search.clone()));
        }
        if let Some(area) = self.focus_area {
            pairs.push(("area", area.as_str().to_owned()));
        }
        if let Some(status) = self.status {
            pairs.push(("status", status.get().as_str().to_owned()));
        }
        if let Some(district) = &self.district {
            pairs.push(("district", district.clone()));
        }
        if let Some(challenge) = self.challenge {
            pairs.push(("challenge", challenge.to_string()));
        }
        if let Some(tag) = &self.tag {
            pairs.push(("tag", tag.clone()));
        }
        if let Some(actor) = self.actor {
            pairs.push(("actor", actor.as_str().to_owned()));
        }
        pairs
    }

    /// `/ideas?…` for this view, with `changes` applied (a value of `None`
    /// removes the pair); the cursor is always dropped, so a changed view
    /// starts on its first page.
    pub fn href_with(&self, changes: &[(&'static str, Option<String>)]) -> String {
        let mut pairs = self.pairs();
        for (name, value) in changes {
            pairs.retain(|(existing, _)| existing != name);
            if let Some(value) = value {
                pairs.push((name, value.clone()));
            }
        }
        href(&pairs)
    }

    /// The next page of this view.
    pub fn next_href(&self, after: &str) -> String {
        let mut pairs = self.pairs();
        pairs.push(("after", after.to_owned()));
        href(&pairs)
    }

    /// Whether any filter or search narrows the list.
    pub fn is_narrowed(&self) -> bool {
        !self.search.is_empty()
            || self.focus_area.is_some()
            || self.status.is_some()
            || self.district.is_some()
            || self.challenge.is_some()
            || self.tag.is_some()
            || self.actor.is_some()
    }
}

fn href(pairs: &[(&'static str, String)]) -> String {
    if pairs.is_empty() {
        return "/ideas".to_owned();
    }
    let query: Vec<String> = pairs
        .iter()
        .map(|(name, value)| format!("{name}={}", encode(value)))
        .collect();
    format!("/ideas?{}", query.join("&"))
}

/// A query value as forms write it: percent-encoded, spaces as `+`.
fn encode(value: &str) -> String {
    crate::text::percent_encode(value).replace("%20", "+")
}

/// Where the previous page ended: the sort key and id of its last idea.
/// Written as `<key>_<id>`; the key is the hot score, a count, or the
/// publication time in nanoseconds, depending on the sort. A cursor must
/// hold its key exactly as stored: SQLite keeps a time to the nanosecond,
/// and a cursor cut to the microsecond would skip every idea published
/// within the same microsecond as a page's last one.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub enum Cursor {
    Hot(f64, i64),
    Count(i64, i64),
    Time(i64, i64),
}

// Cursors come from our own links; a NaN score never reaches one.
impl Eq for Cursor {}

impl Cursor {
    pub fn parse(sort: Sort, value: &str) -> Option<Self> {
        let (key, id) = value.rsplit_once('_')?;
        let id: i64 = id.parse().ok()?;
        Some(match sort {
            Sort::Hot => Self::Hot(key.parse::<f64>().ok().filter(|k| k.is_finite())?, id),
            Sort::Top | Sort::Discussed => Self::Count(key.parse().ok()?, id),
            Sort::New => Self::Time(key.parse().ok()?, id),
        })
    }

    pub fn encode(self) -> String {
        match self {
            Self::Hot(key, id) => format!("{key}_{id}"),
            Self::Count(key, id) | Self::Time(key, id) => format!("{key}_{id}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn query(pairs: &[(&str, &str)]) -> ListQuery {
        let map: HashMap<String, String> = pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect();
        ListQuery::from_params(|name| map.get(name).cloned())
    }

    #[test]
    fn the_address_round_trips() {
        let view = query(&[
            ("sort", "top"),
            ("q", "sykkel parkering"),
            ("area", "gain"),
            ("district", "Bærums Verk"),
            ("tag", "Sykkel"),
            ("actor", "business"),
            ("challenge", "7"),
        ]);
        assert_eq!(view.sort, Sort::Top);
        assert_eq!(view.tag.as_deref(), Some("sykkel"));
        let href = view.href_with(&[]);
        assert_eq!(
            href,
            "/ideas?sort=top&q=sykkel+parkering&area=gain&district=B%C3%A6rums+Verk&challenge=7&tag=sykkel&actor=business"
        );
    }

    #[test]
    fn nonsense_in_the_address_is_ignored() {
        let view = query(&[
            ("sort", "random"),
            ("area", "x"),
            ("status", "draft"),
            ("challenge", "abc"),
            ("after", "1.5_x"),
        ]);
        assert_eq!(view, ListQuery::default());
    }

    #[test]
    fn the_json_way_in_reads_as_the_address_does() -> Result<(), serde_json::Error> {
        // What the page's address refuses, the endpoint's JSON cannot ask for.
        for hostile in [
            r#"{"status":"draft"}"#,
            r#"{"status":"awaiting_approval"}"#,
            r#"{"status":"Draft"}"#,
            r#"{"status":"AwaitingApproval"}"#,
        ] {
            let view: ListQuery = serde_json::from_str(hostile)?;
            assert_eq!(view.status, None, "{hostile}");
        }
        assert!(serde_json::from_str::<ListQuery>(r#"{"status":{"Draft":null}}"#).is_err());
        let long: ListQuery =
            serde_json::from_value(serde_json::json!({ "q": "sykkel ".repeat(10_000) }))?;
        assert_eq!(long.search.chars().count(), SEARCH_MAX);
        // And what the page sends round-trips.
        let mut view = query(&[("sort", "new"), ("status", "selected"), ("q", "benk")]);
        view.after = Some(Cursor::Time(1_767_225_600_000_000_000, 9));
        let sent = serde_json::to_string(&view)?;
        assert_eq!(serde_json::from_str::<ListQuery>(&sent)?, view);
        Ok(())
    }

    #[test]
    fn cursors_keep_their_exact_key() {
        let hot = Cursor::Hot(81.234_567_890_123_45, 42);
        assert_eq!(Cursor::parse(Sort::Hot, &hot.encode()), Some(hot));
        assert_eq!(
            Cursor::parse(Sort::New, "1767225600000000000_9"),
            Some(Cursor::Time(1_767_225_600_000_000_000, 9))
        );
        assert_eq!(Cursor::parse(Sort::Hot, "NaN_9"), None);
    }

    #[test]
    fn changing_a_filter_starts_on_the_first_page() {
        let mut view = query(&[("sort", "new")]);
        view.after = Some(Cursor::Time(1, 2));
        assert_eq!(
            view.href_with(&[("area", Some("gain".into()))]),
            "/ideas?sort=new&area=gain"
        );
        assert_eq!(view.href_with(&[("sort", None)]), "/ideas");
    }
}
