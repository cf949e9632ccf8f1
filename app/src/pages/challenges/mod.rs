//! The pages of challenges: the list, a new one, and a challenge.
mod list;
mod new;
mod show;

pub use list::ChallengesPage;
pub use new::NewChallengePage;
pub use show::ChallengePage;
