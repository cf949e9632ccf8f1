//! Absolute addresses in the API's answers: each item's page, and the next
//! page of a list, with the same filters.

use app::server::AppState;

/// The public address of this Samskap, without its trailing slash.
pub struct Site(String);

impl Site {
    pub fn of(state: &AppState) -> Self {
        Self::new(state.public_url.as_str())
    }

    pub fn new(address: &str) -> Self {
        Self(address.trim_end_matches('/').to_owned())
    }

    /// The absolute address of `path` (which starts with `/`).
    pub fn page(&self, path: &str) -> String {
        format!("{}{path}", self.0)
    }
}

/// `path?…&after=…` on `site`: the list with the same `pairs`, from
/// `after` on.
pub fn next_link(site: &Site, path: &str, pairs: &[(&'static str, String)], after: &str) -> String {
    let query: Vec<String> = pairs
        .iter()
        .map(|(name, value)| (*name, value.as_str()))
        .chain([("after", after)])
        .map(|(name, value)| format!("{name}={}", app::text::percent_encode(value)))
        .collect();
    site.page(&format!("{path}?{}", query.join("&")))
}
