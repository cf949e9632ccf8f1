//! One error type for every server function. It crosses the wire as JSON, maps
//! to an HTTP status, and carries translation keys rather than sentences, so the
//! reader sees it in their own language. Internal causes are logged on the
//! server and never shown.

use http::StatusCode;
use serde::{Deserialize, Serialize};
use server_fn::codec::JsonEncoding;
use server_fn::error::{FromServerFnError, ServerFnErrorErr};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    #[error("not found")]
    NotFound,
    #[error("sign-in required")]
    Unauthorized,
    #[error("forbidden")]
    Forbidden,
    #[error("invalid value for {field}: {problem:?}")]
    Validation {
        field: String,
        problem: Problem,
        /// What was typed, so the form comes back filled in (see [`Echo`]).
        #[serde(default)]
        echo: Echo,
    },
    #[error("conflict")]
    Conflict,
    #[error("rate limited")]
    RateLimited,
    #[error("malformed request")]
    BadRequest,
    #[error("internal error")]
    Internal,
}

/// What is wrong with one field: each variant has a message in every language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Problem {
    Required,
    TooLong,
    UnknownChoice,
    InvalidEmail,
    PasswordTooShort,
    PasswordTooCommon,
    /// Sign-in failed; deliberately silent on whether the account exists.
    WrongCredentials,
    /// An emailed link that is unknown, expired or already used.
    LinkInvalid,
    InvalidColor,
    /// A colour too light for white text at WCAG AA contrast.
    LowContrast,
    InvalidPath,
    NotANumber,
    OutOfRange,
    /// An admin tried to take the admin role from themselves.
    CannotRemoveOwnAdmin,
    TooShort,
    TooManyTags,
    InvalidDate,
    /// An end date before its start date.
    DateBeforeStart,
    /// Posting, joining and the like need a confirmed email address.
    EmailNotVerified,
    /// The challenge is not open for ideas (not yet, or no longer).
    ChallengeNotOpen,
    /// The idea was supported, or published more than 30 minutes ago.
    EditWindowClosed,
    /// The idea has moved on in the pipeline and can no longer be withdrawn.
    CannotWithdraw,
    /// The change is not one staff may make from the current state.
    NotAllowedNow,
    TooManyPhotos,
    /// Not a JPEG, PNG or WebP photo, whatever its name says.
    NotAPhoto,
    /// Over 10 MB.
    PhotoTooLarge,
    /// Too many pixels to be a photo (or a decompression bomb).
    PhotoTooManyPixels,
    /// One's own idea or comment cannot be supported.
    OwnContent,
    /// Supports are open only while an idea is published or has reached
    /// the threshold.
    VotingClosed,
    /// The idea no longer takes comments (withdrawn or merged).
    CommentsClosed,
    /// Replies go three levels deep, no deeper.
    ThreadTooDeep,
    /// A comment may be changed for 15 minutes after it was written.
    CommentEditWindowClosed,
    /// The comment was deleted.
    CommentDeleted,
    /// The account is suspended or banned: it may read, not act.
    AccountRestricted,
    /// "Other" needs a few words on what is wrong.
    ReasonRequired,
    /// An idea cannot be merged into itself, a duplicate, or a closed idea.
    CannotMerge,
    /// Not an http:// or https:// address.
    InvalidLink,
    /// An idea in review or later keeps at least one owner department.
    LastOwner,
    /// A score outside 1–5.
    ScoreOutOfRange,
    /// Another department has this name (in any case), retired or not.
    DepartmentNameTaken,
    /// A retired department is no longer chosen.
    DepartmentRetired,
    /// The municipality has as many departments as Samskap keeps.
    TooManyDepartments,
    /// An open challenge's new last day is already past: close it instead.
    ClosingDayPassed,
    /// Someone else saved the item after the form was filled in from it.
    ChangedMeanwhile,
    /// Another goal has this bokmål name (in any case), retired or not.
    GoalNameTaken,
    /// A retired goal is no longer chosen.
    GoalRetired,
    /// The municipality has as many goals as Samskap keeps.
    TooManyGoals,
    /// Goals are linked to an idea from review onwards, not before.
    GoalsBeforeReview,
    /// A KPI's target equal to its baseline measures no change.
    TargetIsBaseline,
    /// A measurement of a day that has not come yet.
    DateInFuture,
    /// Selecting an idea needs a benefit plan with at least one KPI.
    KpiRequired,
    /// Closing as benefits realised needs a measurement that reached its
    /// target, or a written reason.
    TargetNotReached,
    /// The benefit plan is written from review until the idea is implemented.
    PlanClosed,
    /// Measurements are recorded once an idea is selected.
    MeasurementsClosed,
    /// An idea keeps as many KPIs as Samskap allows.
    TooManyKpis,
    /// A measured KPI stays, so its history does.
    KpiMeasured,
    /// A selected idea keeps at least one KPI.
    LastKpi,
    /// Lessons are written once an idea was piloted, implemented or declined.
    LessonNotYet,
    /// A guide's address uses other signs than a–z, digits and single hyphens.
    GuideAddress,
    /// Another guide has this address.
    GuideAddressTaken,
    /// A solution card is made from an idea that was tried: piloting or
    /// later.
    SolutionIdeaNotTried,
    /// A partner's address is a web address of scheme, host and port.
    PartnerAddress,
    /// Another partner has this address.
    PartnerTaken,
    /// The partner did not answer, or answered with what Samskap refuses.
    PartnerUnavailable,
}

/// What the reader typed into a rejected form. Without JavaScript the browser
/// is sent back to the form with the error in the address; the echo in that
/// error lets the form come back with the values kept. Secrets (any field
/// named like a password) and the idempotency key are never echoed.
///
/// While the error travels in an address the values wait on the server
/// (`kept` names them; see `server::form_echo`), so the address stays short
/// whatever was typed, and the server puts them back before the page reads
/// them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Echo {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    values: Vec<(String, String)>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    kept: Option<String>,
}

impl Echo {
    /// The value typed into `field`, if it was echoed.
    pub fn get(&self, field: &str) -> Option<&str> {
        self.values
            .iter()
            .find(|(name, _)| name == field)
            .map(|(_, value)| value.as_str())
    }

    /// Takes the values out, leaving `key` to find them by.
    #[cfg(feature = "ssr")]
    pub fn set_aside(&mut self, key: String) -> Vec<(String, String)> {
        self.kept = Some(key);
        std::mem::take(&mut self.values)
    }

    /// The key of values set aside on the server.
    pub fn kept(&self) -> Option<&str> {
        self.kept.as_deref()
    }

    /// Puts values set aside back in.
    #[cfg(feature = "ssr")]
    pub fn restore(&mut self, values: Vec<(String, String)>) {
        self.kept = None;
        self.values = values;
    }

    /// Echoes every plain field of a server function's input.
    #[cfg(feature = "ssr")]
    pub fn of(input: &impl Serialize) -> Self {
        let Ok(serde_json::Value::Object(fields)) = serde_json::to_value(input) else {
            return Self::default();
        };
        let values = fields
            .into_iter()
            .filter(|(name, _)| !is_secret(name))
            .filter_map(|(name, value)| {
                let text = match value {
                    serde_json::Value::String(text) if text.len() <= ECHO_VALUE_MAX => text,
                    serde_json::Value::Number(number) => number.to_string(),
                    serde_json::Value::Bool(flag) => flag.to_string(),
                    _ => return None,
                };
                Some((name, text))
            });
        Self {
            values: values.collect(),
            kept: None,
        }
    }
}

/// The longest value echoed, in bytes: the longest field of any form (an
/// idea's body, 20 000 characters) at four bytes a character. A longer one
/// can only come from a script, and echoing it would make the answer, or
/// the address a plain form is sent back to, as large as the request.
#[cfg(feature = "ssr")]
const ECHO_VALUE_MAX: usize = 80_000;

#[cfg(feature = "ssr")]
fn is_secret(field: &str) -> bool {
    field.contains("password") || field == "idempotency_key"
}

impl AppError {
    pub fn invalid(field: &str, problem: Problem) -> Self {
        Self::Validation {
            field: field.to_owned(),
            problem,
            echo: Echo::default(),
        }
    }

    /// A conflict (a unique key the database guards) said as `problem` of
    /// `field`, where the check before the write says the same; any other
    /// error as it is.
    pub fn conflict_as(self, field: &str, problem: Problem) -> Self {
        match self {
            Self::Conflict => Self::invalid(field, problem),
            other => other,
        }
    }

    /// Keeps what the reader typed with a validation error, so that a form
    /// posted without JavaScript comes back filled in.
    #[cfg(feature = "ssr")]
    pub fn keeping(self, input: &impl Serialize) -> Self {
        match self {
            Self::Validation { field, problem, .. } => Self::Validation {
                field,
                problem,
                echo: Echo::of(input),
            },
            other => other,
        }
    }

    /// What was typed, if this is a validation error (see [`Echo`]).
    pub fn echo_mut(&mut self) -> Option<&mut Echo> {
        match self {
            Self::Validation { echo, .. } => Some(echo),
            _ => None,
        }
    }

    /// The echoed value of `field`, if this is a validation error that kept it.
    pub fn echoed(&self, field: &str) -> Option<&str> {
        match self {
            Self::Validation { echo, .. } => echo.get(field),
            _ => None,
        }
    }

    pub fn status(&self) -> StatusCode {
        match self {
            Self::NotFound => StatusCode::NOT_FOUND,
            Self::Unauthorized => StatusCode::UNAUTHORIZED,
            Self::Forbidden => StatusCode::FORBIDDEN,
            Self::Validation { .. } => StatusCode::UNPROCESSABLE_ENTITY,
            Self::Conflict => StatusCode::CONFLICT,
            Self::RateLimited => StatusCode::TOO_MANY_REQUESTS,
            Self::BadRequest => StatusCode::BAD_REQUEST,
            Self::Internal => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// The field this error belongs next to, if any.
    pub fn field(&self) -> Option<&str> {
        match self {
            Self::Validation { field, .. } => Some(field),
            _ => None,
        }
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        match value {
            // The request itself was malformed: a missing or unparsable argument.
            ServerFnErrorErr::Args(_) | ServerFnErrorErr::MissingArg(_) => Self::BadRequest,
            // On the server, what fails to deserialise is the request's body
            // (a JSON or multipart argument): the sender's mistake, not ours.
            #[cfg(feature = "ssr")]
            ServerFnErrorErr::Deserialization(_) => Self::BadRequest,
            _ => Self::Internal,
        }
    }

    /// Every server function error passes through here on its way out, so this
    /// is where its HTTP status is set (server functions otherwise answer 500
    /// for every error). A plain HTML form post is redirected back to the form
    /// with the error in the URL instead, which needs a 303.
    fn ser(&self) -> bytes::Bytes {
        #[cfg(feature = "ssr")]
        crate::server::responses::set_error_status(self);
        <JsonEncoding as server_fn::Encodes<Self>>::encode(self).unwrap_or_default()
    }
}

#[cfg(feature = "ssr")]
impl From<sea_orm::DbErr> for AppError {
    fn from(error: sea_orm::DbErr) -> Self {
        if matches!(
            error.sql_err(),
            Some(sea_orm::SqlErr::UniqueConstraintViolation(_))
        ) {
            return Self::Conflict;
        }
        tracing::error!(%error, "database error");
        Self::Internal
    }
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::*;

    #[derive(Serialize)]
    struct Registration {
        email: String,
        new_password: String,
        idempotency_key: String,
        age: u8,
        tags: Vec<String>,
    }

    #[test]
    fn a_rejected_form_keeps_its_plain_values_but_never_secrets() {
        let input = Registration {
            email: "kari@example.no".into(),
            new_password: "hunter2hunter2".into(),
            idempotency_key: "9b2f8a9e-3c1d-4c57-9f51-6b1e0d6f2a10".into(),
            age: 42,
            tags: vec!["sykkel".into()],
        };
        let error = AppError::invalid("email", Problem::Required).keeping(&input);
        assert_eq!(error.echoed("email"), Some("kari@example.no"));
        assert_eq!(error.echoed("age"), Some("42"));
        assert_eq!(error.echoed("new_password"), None);
        assert_eq!(error.echoed("idempotency_key"), None);
        assert_eq!(error.field(), Some("email"));
    }

    #[test]
    fn a_value_longer_than_any_field_is_not_echoed() {
        let error = AppError::invalid("tags", Problem::TooLong).keeping(&serde_json::json!({
            "title": "Sykkelstier", "tags": "a,".repeat(ECHO_VALUE_MAX),
        }));
        assert_eq!(error.echoed("title"), Some("Sykkelstier"));
        assert_eq!(error.echoed("tags"), None);
    }

    #[test]
    fn the_echo_survives_the_trip_through_the_address() {
        let error = AppError::invalid("title", Problem::TooLong)
            .keeping(&serde_json::json!({ "title": "Sykkelstier på Fornebu" }));
        let bytes =
            <JsonEncoding as server_fn::Encodes<AppError>>::encode(&error).unwrap_or_default();
        let back: AppError = serde_json::from_slice(&bytes).unwrap_or(AppError::Internal);
        assert_eq!(back.echoed("title"), Some("Sykkelstier på Fornebu"));
    }
}
