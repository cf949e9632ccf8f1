//! Keeping scripts out of what people do: rate limits per account and per
//! network address on posting, commenting, supporting and reporting, and
//! the honeypot field on public forms.

use chrono::Duration;
use sea_orm::ConnectionTrait;

use super::rate_limit::{self, Limit};
use crate::error::AppError;
use crate::features::accounts::types::Viewer;
use crate::features::settings::types::RateLimits;

/// What is being limited.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    Idea,
    Comment,
    Support,
    Report,
}

impl Action {
    fn name(self) -> &'static str {
        match self {
            Self::Idea => "idea",
            Self::Comment => "comment",
            Self::Support => "support",
            Self::Report => "report",
        }
    }

    /// How many one person may do, and in what window.
    fn limit(self, limits: &RateLimits) -> Limit {
        let (hits, per) = match self {
            Self::Idea => (limits.ideas_per_hour, Duration::hours(1)),
            Self::Comment => (limits.comments_per_hour, Duration::hours(1)),
            Self::Support => (limits.supports_per_hour, Duration::hours(1)),
            Self::Report => (limits.reports_per_day, Duration::days(1)),
        };
        Limit {
            hits: i64::from(hits),
            per,
        }
    }
}

/// Counts one `action` by `viewer`, from this request's address, and
/// refuses it (429, "try again later") when either is over its limit.
pub async fn limit(
    db: &impl ConnectionTrait,
    action: Action,
    viewer: &Viewer,
    limits: &RateLimits,
) -> Result<(), AppError> {
    let per_person = action.limit(limits);
    let per_address = Limit {
        hits: per_person
            .hits
            .saturating_mul(i64::from(limits.people_per_address)),
        ..per_person
    };
    let name = action.name();
    let person = format!("{name}:account:{}", viewer.account_id);
    let address = format!("{name}:ip:{}", super::auth::client_address_key());
    rate_limit::hit_all(db, &[(&person, per_person), (&address, per_address)]).await
}

/// The honeypot: a field hidden from people (and from screen readers) that
/// form-filling scripts fill in. A filled-in honeypot refuses the request.
pub fn honeypot(value: Option<&str>) -> Result<(), AppError> {
    if value.is_some_and(|value| !value.trim().is_empty()) {
        tracing::info!("a form came back with its honeypot filled in");
        return Err(AppError::BadRequest);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_an_empty_honeypot_passes() {
        assert_eq!(honeypot(None), Ok(()));
        assert_eq!(honeypot(Some("")), Ok(()));
        assert_eq!(
            honeypot(Some("https://spam.example")),
            Err(AppError::BadRequest)
        );
    }

    #[test]
    fn an_address_may_do_what_many_people_may() {
        let limits = RateLimits::default();
        assert_eq!(Action::Comment.limit(&limits).hits, 60);
        assert_eq!(Action::Report.limit(&limits).per, Duration::days(1));
    }
}
