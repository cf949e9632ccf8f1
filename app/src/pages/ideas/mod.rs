//! The pages of ideas: the list, a new idea, an idea, and the author's
//! preview-and-edit step, and the staff's benefit plan of an idea.
mod benefits;
mod edit;
mod list;
mod new;
mod show;
mod thread;

pub use benefits::IdeaBenefitsPage;
pub use edit::EditIdeaPage;
pub use list::IdeasPage;
pub use new::NewIdeaPage;
pub use show::IdeaPage;
pub use thread::CommentThreadPage;
