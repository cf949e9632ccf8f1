//! The solution cards: the list at `/solutions`, one card at
//! `/solutions/{id}`, and staff's forms to make and edit them.
mod edit;
mod filters;
mod list;
mod new;
mod show;

pub use edit::EditSolutionPage;
pub use list::SolutionsPage;
pub use new::NewSolutionPage;
pub use show::SolutionPage;

use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

/// The card's id in the page's path; 0 (no card) when it is not a number.
fn id_in_path() -> i64 {
    use_params_map()
        .get_untracked()
        .get("id")
        .and_then(|value| value.parse().ok())
        .unwrap_or_default()
}

/// A number in the query's `name`, when it is one.
fn number_in_query<T: std::str::FromStr>(name: &str) -> Option<T> {
    use_query_map()
        .get_untracked()
        .get(name)
        .and_then(|value| value.parse().ok())
}

/// Whether the query has `name` (a note after a redirect).
fn flag_in_query(name: &str) -> bool {
    use_query_map().get_untracked().get(name).is_some()
}
