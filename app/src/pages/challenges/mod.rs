//! The pages of challenges: the list, a new one, a challenge, and staff's
//! edit page.
mod edit;
mod list;
mod new;
mod show;

pub use edit::EditChallengePage;
pub use list::ChallengesPage;
pub use new::NewChallengePage;
pub use show::ChallengePage;
