use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::features::challenges::types::ChallengeState;
use crate::features::follows::types::Followed;
use crate::features::ideas::status::IdeaStatus;
use crate::i18n::{Locale, Messages, fill};

crate::stored_enum! {
    /// What happened. The string forms are the `notification.kind` column.
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
    pub enum Kind {
        /// An idea the person follows changed status (detail: the status),
        /// with the official response published with the move, if any.
        IdeaStatus = "idea_status",
        /// The municipality published an official response to an idea the
        /// person follows, without a move (the response: its text).
        IdeaResponse = "idea_response",
        /// To staff: an idea reached the support threshold and waits for triage.
        ThresholdReached = "threshold_reached",
        /// Someone replied to the person's comment (actor: who).
        Reply = "reply",
        /// Staff approved the person's proposed challenge.
        ProposalApproved = "proposal_approved",
        /// Staff declined the person's proposed challenge (detail: why).
        ProposalDeclined = "proposal_declined",
        /// A challenge the person follows changed state (detail: the state).
        ChallengeState = "challenge_state",
        /// A challenge the person follows closes for ideas soon (detail: the day).
        ChallengeClosing = "challenge_closing",
        /// Staff moved the dates of a challenge the person follows or is in the
        /// team of (detail: the new first and last day, `YYYY-MM-DD/YYYY-MM-DD`).
        ChallengeDates = "challenge_dates",
        /// The person's idea, comment or challenge was hidden (detail: the
        /// moderator's reason; none when reports hid it pending review).
        ContentHidden = "content_hidden",
        /// The person's hidden content is shown again.
        ContentRestored = "content_restored",
        /// A moderator approved the person's idea or comment held for approval.
        ContentApproved = "content_approved",
        /// A moderator warned the person (detail: why).
        AccountWarned = "account_warned",
        /// A moderator suspended the person (detail: the last day, a newline, why).
        AccountSuspended = "account_suspended",
        /// A moderator banned the person (detail: why).
        AccountBanned = "account_banned",
        /// A moderator lifted the person's suspension or ban.
        AccountRestored = "account_restored",
        /// An idea the person supported was merged into this one, and their
        /// support moved with it (detail: the merged idea's title).
        IdeaMerged = "idea_merged",
        /// A merge was undone: the person's support is back on this idea.
        MergeUndone = "merge_undone",
        /// To a KPI's owner: its target date passed with the target not
        /// reached and nothing measured since (detail: the KPI's name).
        KpiOverdue = "kpi_overdue",
    }
}

impl Kind {
    pub fn parse(value: &str) -> Option<Self> {
        value.parse().ok()
    }
}

crate::stored_enum! {
    /// How a person wants their notifications emailed. The string forms are the
    /// `account.email_notifications` column and the form's values.
    #[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
    pub enum EmailChoice {
        #[default]
        Immediately = "immediately",
        Daily = "daily",
        Off = "off",
    }
}

impl EmailChoice {
    pub fn parse(value: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|choice| choice.as_str() == value)
    }

    pub fn label(self, t: &'static Messages) -> &'static str {
        match self {
            Self::Immediately => t.email_choice_immediately,
            Self::Daily => t.email_choice_daily,
            Self::Off => t.email_choice_off,
        }
    }
}

/// One notification as the list and the emails show it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NotificationView {
    pub id: i64,
    pub kind: Kind,
    /// The idea it is about, while the idea exists.
    pub idea_id: Option<i64>,
    /// The challenge it is about, while the challenge exists.
    pub challenge_id: Option<i64>,
    pub comment_id: Option<i64>,
    /// The idea's title, else the challenge's, as this reader may see it.
    pub title: Option<Title>,
    pub actor_name: Option<String>,
    /// What the kind says more. For `IdeaMerged` the merged idea's title,
    /// left out when that idea is hidden from this reader.
    pub detail: Option<String>,
    /// The official response it carries, as staff wrote it (Markdown):
    /// whole, for the emails. Server only: the list's answer carries the
    /// excerpt. Left out for a reader the idea is hidden from.
    #[serde(skip)]
    pub response: Option<String>,
    /// The response as plain text, at most [`RESPONSE_EXCERPT_MAX`]
    /// characters: what the list shows.
    pub response_excerpt: Option<String>,
    pub created_at: DateTime<Utc>,
    pub read: bool,
}

/// The longest excerpt of an official response in the list of
/// notifications; the email carries the whole text.
pub const RESPONSE_EXCERPT_MAX: usize = 280;

/// The title of the idea or challenge a notification is about.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Title {
    Shown(String),
    /// Hidden from this reader by a moderator or by reports. The title
    /// itself stays on the server: no answer, page or email can carry it.
    Hidden,
}

impl NotificationView {
    /// The sentence that says what happened, in `locale`.
    pub fn sentence(&self, locale: Locale) -> String {
        let t = locale.messages();
        let title = match &self.title {
            Some(Title::Shown(title)) => title.as_str(),
            Some(Title::Hidden) => t.notification_hidden_title,
            None => "",
        };
        let detail = self.detail.as_deref().unwrap_or_default();
        let on_comment = self.comment_id.is_some();
        let (suspended_until, why) = detail.split_once('\n').unwrap_or(("", detail));
        let (template, extra): (&str, String) = match self.kind {
            Kind::IdeaStatus => (
                t.notification_idea_status,
                IdeaStatus::parse(detail)
                    .map(|status| status.label(t).to_owned())
                    .unwrap_or_default(),
            ),
            Kind::IdeaResponse => (t.notification_idea_response, String::new()),
            Kind::ThresholdReached => (t.notification_threshold_reached, String::new()),
            Kind::Reply => (t.notification_reply, String::new()),
            Kind::ProposalApproved => (t.notification_proposal_approved, String::new()),
            Kind::ProposalDeclined => (t.notification_proposal_declined, detail.to_owned()),
            Kind::ChallengeState => (
                t.notification_challenge_state,
                ChallengeState::parse(detail)
                    .map(|state| state.label(t).to_owned())
                    .unwrap_or_default(),
            ),
            Kind::ChallengeClosing => (
                t.notification_challenge_closing,
                detail
                    .parse::<NaiveDate>()
                    .map(|day| crate::time::format_date(day, locale))
                    .unwrap_or_default(),
            ),
            Kind::ChallengeDates => (t.notification_challenge_dates, {
                let day = |text: &str| {
                    text.parse::<NaiveDate>()
                        .map(|day| crate::time::format_date(day, locale))
                        .unwrap_or_default()
                };
                let (opens, closes) = detail.split_once('/').unwrap_or_default();
                format!("{} – {}", day(opens), day(closes))
            }),
            Kind::ContentHidden => match (on_comment, detail.is_empty()) {
                (true, true) => (t.notification_comment_hidden_by_reports, String::new()),
                (true, false) => (t.notification_comment_hidden, detail.to_owned()),
                (false, true) => (t.notification_content_hidden_by_reports, String::new()),
                (false, false) => (t.notification_content_hidden, detail.to_owned()),
            },
            Kind::ContentRestored if on_comment => (t.notification_comment_restored, String::new()),
            Kind::ContentRestored => (t.notification_content_restored, String::new()),
            Kind::ContentApproved if on_comment => (t.notification_comment_approved, String::new()),
            Kind::ContentApproved => (t.notification_content_approved, String::new()),
            Kind::AccountWarned => (t.notification_account_warned, detail.to_owned()),
            Kind::AccountSuspended => {
                let until = suspended_until
                    .parse::<NaiveDate>()
                    .map(|day| crate::time::format_date(day, locale))
                    .unwrap_or_default();
                return fill(
                    t.notification_account_suspended,
                    &[("until", &until), ("detail", why)],
                );
            }
            Kind::AccountBanned => (t.notification_account_banned, detail.to_owned()),
            Kind::AccountRestored => (t.notification_account_restored, String::new()),
            Kind::IdeaMerged => (
                t.notification_idea_merged,
                self.detail
                    .as_deref()
                    .unwrap_or(t.notification_hidden_title)
                    .to_owned(),
            ),
            Kind::MergeUndone => (t.notification_merge_undone, String::new()),
            Kind::KpiOverdue => (t.notification_kpi_overdue, detail.to_owned()),
        };
        fill(
            template,
            &[
                ("title", title),
                ("name", self.actor_name.as_deref().unwrap_or(t.deleted_user)),
                ("detail", &extra),
            ],
        )
    }

    /// Where the notification leads: the comment, the idea or the challenge.
    pub fn path(&self) -> String {
        if let (Kind::KpiOverdue, Some(id)) = (self.kind, self.idea_id) {
            return format!("/ideas/{id}/benefits");
        }
        match (self.idea_id, self.challenge_id, self.comment_id) {
            (Some(id), _, Some(comment)) => format!("/ideas/{id}#comment-{comment}"),
            (Some(id), _, None) => format!("/ideas/{id}"),
            (None, Some(id), _) => format!("/challenges/{id}"),
            (None, None, _) => "/notifications".to_owned(),
        }
    }
}

/// Everything `/notifications` shows.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NotificationsPage {
    pub items: Vec<NotificationView>,
    /// The id to continue after, when there are older ones.
    pub older: Option<i64>,
    pub unread: i64,
    pub email_choice: EmailChoice,
    pub following: Vec<Followed>,
}

/// What the `/unsubscribe` page knows from its link.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct UnsubscribeView {
    /// The address, partly hidden (`k•••@example.no`).
    pub masked_email: String,
    pub email_choice: EmailChoice,
}

/// `kari@example.no` → `k•••@example.no`: enough for the owner to
/// recognise, too little for someone else who holds the link.
pub fn mask_email(email: &str) -> String {
    match email.split_once('@') {
        Some((local, domain)) => {
            let first: String = local.chars().take(1).collect();
            format!("{first}•••@{domain}")
        }
        None => "•••".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_and_choices_read_back_what_they_write() {
        for kind in Kind::ALL {
            assert_eq!(Kind::parse(kind.as_str()), Some(kind));
        }
        for choice in EmailChoice::ALL {
            assert_eq!(EmailChoice::parse(choice.as_str()), Some(choice));
        }
        assert_eq!(EmailChoice::parse("weekly"), None);
    }

    #[test]
    fn emails_are_masked_but_recognisable() {
        assert_eq!(mask_email("kari@example.no"), "k•••@example.no");
        assert_eq!(mask_email("nonsense"), "•••");
    }

    #[test]
    fn every_kind_reads_as_a_whole_sentence_in_every_language() {
        for locale in Locale::ALL {
            for kind in Kind::ALL {
                let view = NotificationView {
                    id: 1,
                    kind,
                    idea_id: Some(7),
                    challenge_id: None,
                    comment_id: None,
                    title: Some(Title::Shown("Sykkelparkering ved Sandvika".into())),
                    actor_name: Some("Kari".into()),
                    detail: Some("threshold_reached".into()),
                    response: None,
                    response_excerpt: None,
                    created_at: Utc::now(),
                    read: false,
                };
                let sentence = view.sentence(locale);
                assert!(!sentence.contains('{'), "{locale} {kind:?}: {sentence}");
                let about_the_account = matches!(
                    kind,
                    Kind::AccountWarned
                        | Kind::AccountSuspended
                        | Kind::AccountBanned
                        | Kind::AccountRestored
                );
                assert_eq!(
                    sentence.contains("Sykkelparkering"),
                    !about_the_account,
                    "{locale} {kind:?}"
                );
            }
        }
    }

    #[test]
    fn a_hidden_title_reads_as_hidden_and_still_leads_to_its_page() {
        let view = NotificationView {
            id: 1,
            kind: Kind::IdeaStatus,
            idea_id: Some(7),
            challenge_id: None,
            comment_id: None,
            title: Some(Title::Hidden),
            actor_name: None,
            detail: Some("under_review".into()),
            response: None,
            response_excerpt: None,
            created_at: Utc::now(),
            read: false,
        };
        let locale = Locale::ALL[0];
        let sentence = view.sentence(locale);
        assert!(
            sentence.contains(locale.messages().notification_hidden_title),
            "{sentence}"
        );
        assert_eq!(view.path(), "/ideas/7");
    }
}
