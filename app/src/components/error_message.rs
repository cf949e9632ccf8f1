use leptos::prelude::*;

use crate::error::{AppError, Problem};
use crate::i18n::{Messages, t};

/// The reader's own-language sentence for an error from a server function.
#[component]
pub fn ErrorText(error: AppError) -> impl IntoView {
    sentence(t(), &error)
}

/// The sentence for `error` in `t`'s language, for places that hand text
/// on (an island gets its sentences as props).
pub fn sentence(t: &'static Messages, error: &AppError) -> &'static str {
    match *error {
        AppError::NotFound => t.error_not_found,
        AppError::Unauthorized => t.error_unauthorized,
        AppError::Forbidden => t.error_forbidden,
        AppError::Conflict => t.error_conflict,
        AppError::RateLimited => t.error_rate_limited,
        AppError::BadRequest => t.error_bad_request,
        AppError::Internal => t.error_internal,
        AppError::Validation { problem, .. } => match problem {
            Problem::Required => t.validation_required,
            Problem::TooLong => t.validation_too_long,
            Problem::UnknownChoice => t.validation_unknown_choice,
            Problem::InvalidEmail => t.validation_invalid_email,
            Problem::PasswordTooShort => t.validation_password_too_short,
            Problem::PasswordTooCommon => t.validation_password_too_common,
            Problem::WrongCredentials => t.validation_wrong_credentials,
            Problem::LinkInvalid => t.validation_link_invalid,
            Problem::InvalidColor => t.validation_invalid_color,
            Problem::LowContrast => t.validation_low_contrast,
            Problem::InvalidPath => t.validation_invalid_path,
            Problem::NotANumber => t.validation_not_a_number,
            Problem::OutOfRange => t.validation_out_of_range,
            Problem::CannotRemoveOwnAdmin => t.validation_cannot_remove_own_admin,
            Problem::TooShort => t.validation_too_short,
            Problem::TooManyTags => t.validation_too_many_tags,
            Problem::InvalidDate => t.validation_invalid_date,
            Problem::DateBeforeStart => t.validation_date_before_start,
            Problem::EmailNotVerified => t.validation_email_not_verified,
            Problem::ChallengeNotOpen => t.validation_challenge_not_open,
            Problem::EditWindowClosed => t.validation_edit_window_closed,
            Problem::CannotWithdraw => t.validation_cannot_withdraw,
            Problem::NotAllowedNow => t.validation_not_allowed_now,
            Problem::TooManyPhotos => t.validation_too_many_photos,
            Problem::NotAPhoto => t.validation_not_a_photo,
            Problem::PhotoTooLarge => t.validation_photo_too_large,
            Problem::PhotoTooManyPixels => t.validation_photo_too_many_pixels,
            Problem::OwnContent => t.validation_own_content,
            Problem::VotingClosed => t.validation_voting_closed,
            Problem::CommentsClosed => t.validation_comments_closed,
            Problem::ThreadTooDeep => t.validation_thread_too_deep,
            Problem::CommentEditWindowClosed => t.validation_comment_edit_window_closed,
            Problem::CommentDeleted => t.validation_comment_deleted,
            Problem::AccountRestricted => t.validation_account_restricted,
            Problem::ReasonRequired => t.validation_reason_required,
            Problem::CannotMerge => t.validation_cannot_merge,
            Problem::InvalidLink => t.validation_invalid_link,
            Problem::LastOwner => t.validation_last_owner,
            Problem::ScoreOutOfRange => t.validation_score_out_of_range,
            Problem::DepartmentNameTaken => t.validation_department_name_taken,
            Problem::DepartmentRetired => t.validation_department_retired,
            Problem::TooManyDepartments => t.validation_too_many_departments,
            Problem::ClosingDayPassed => t.validation_closing_day_passed,
            Problem::ChangedMeanwhile => t.validation_changed_meanwhile,
            Problem::GoalNameTaken => t.validation_goal_name_taken,
            Problem::GoalRetired => t.validation_goal_retired,
            Problem::TooManyGoals => t.validation_too_many_goals,
            Problem::GoalsBeforeReview => t.validation_goals_before_review,
            Problem::TargetIsBaseline => t.validation_target_is_baseline,
            Problem::DateInFuture => t.validation_date_in_future,
            Problem::KpiRequired => t.validation_kpi_required,
            Problem::TargetNotReached => t.validation_target_not_reached,
            Problem::PlanClosed => t.validation_plan_closed,
            Problem::MeasurementsClosed => t.validation_measurements_closed,
            Problem::TooManyKpis => t.validation_too_many_kpis,
            Problem::KpiMeasured => t.validation_kpi_measured,
            Problem::LastKpi => t.validation_last_kpi,
            Problem::LessonNotYet => t.validation_lesson_not_yet,
            Problem::GuideAddress => t.validation_guide_address,
            Problem::GuideAddressTaken => t.validation_guide_address_taken,
            Problem::SolutionIdeaNotTried => t.validation_solution_idea_not_tried,
            Problem::PartnerAddress => t.validation_partner_address,
            Problem::PartnerTaken => t.validation_partner_taken,
            Problem::PartnerUnavailable => t.validation_partner_unavailable,
        },
    }
}
