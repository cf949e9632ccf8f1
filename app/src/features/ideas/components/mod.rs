mod card;
mod filters;
mod form;
mod photos;
mod similar;

pub use card::{IdeaCardList, IdeaMeta, StatusBadge, author_line};
pub use filters::IdeaFilters;
pub use form::IdeaFormView;
pub use photos::PhotoManager;
pub use similar::{SimilarIdeasList, SimilarIdeasWatcher};
