mod card;
mod form;
mod staff;
mod team;

pub use card::{ChallengeCardList, ChallengeDates};
pub use form::{ChallengeEditForm, ChallengeForm};
pub use staff::StaffActions;
pub use team::{JoinForm, LeaveForm, TeamList};
