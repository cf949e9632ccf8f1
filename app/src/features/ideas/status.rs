//! Where an idea is on its way from draft to put to use (nytt – nyttig –
//! nyttiggjort). The transitions between the pipeline stages belong to the
//! pipeline; this file knows the stages and who may see an idea in each.

use serde::{Deserialize, Serialize};

use crate::i18n::Messages;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum IdeaStatus {
    Draft,
    /// Pre-moderation is on and a moderator has not approved it yet.
    AwaitingApproval,
    Published,
    ThresholdReached,
    UnderReview,
    Selected,
    Piloting,
    Implemented,
    BenefitsRealised,
    Declined,
    Duplicate,
    SolvedElsewhere,
    Withdrawn,
}

/// A status anyone may ask the public list for: the type cannot hold a
/// draft or an idea waiting for a moderator, so no way into the list (the
/// page's address or the JSON endpoint) can express them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct PublicStatus(IdeaStatus);

impl PublicStatus {
    pub fn new(status: IdeaStatus) -> Option<Self> {
        status.is_public().then_some(Self(status))
    }

    /// A public status by its name in the address (`published`), else none.
    pub fn parse(value: &str) -> Option<Self> {
        IdeaStatus::parse(value).and_then(Self::new)
    }

    pub fn all() -> impl Iterator<Item = Self> {
        IdeaStatus::ALL.into_iter().filter_map(Self::new)
    }

    pub fn get(self) -> IdeaStatus {
        self.0
    }
}

impl IdeaStatus {
    pub const ALL: [IdeaStatus; 13] = [
        Self::Draft,
        Self::AwaitingApproval,
        Self::Published,
        Self::ThresholdReached,
        Self::UnderReview,
        Self::Selected,
        Self::Piloting,
        Self::Implemented,
        Self::BenefitsRealised,
        Self::Declined,
        Self::Duplicate,
        Self::SolvedElsewhere,
        Self::Withdrawn,
    ];

    /// The stages `/ideas` lists when no status is chosen: every public
    /// idea still on its way or put to use.
    pub const ACTIVE: [IdeaStatus; 7] = [
        Self::Published,
        Self::ThresholdReached,
        Self::UnderReview,
        Self::Selected,
        Self::Piloting,
        Self::Implemented,
        Self::BenefitsRealised,
    ];

    /// The board's columns after triage: the stages of an idea the
    /// municipality works on, owned by one or more departments.
    pub const PIPELINE: [IdeaStatus; 5] = [
        Self::UnderReview,
        Self::Selected,
        Self::Piloting,
        Self::Implemented,
        Self::BenefitsRealised,
    ];

    /// Closed without being put to use; the board counts them.
    pub const CLOSED: [IdeaStatus; 4] = [
        Self::Declined,
        Self::SolvedElsewhere,
        Self::Duplicate,
        Self::Withdrawn,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Draft => "draft",
            Self::AwaitingApproval => "awaiting_approval",
            Self::Published => "published",
            Self::ThresholdReached => "threshold_reached",
            Self::UnderReview => "under_review",
            Self::Selected => "selected",
            Self::Piloting => "piloting",
            Self::Implemented => "implemented",
            Self::BenefitsRealised => "benefits_realised",
            Self::Declined => "declined",
            Self::Duplicate => "duplicate",
            Self::SolvedElsewhere => "solved_elsewhere",
            Self::Withdrawn => "withdrawn",
        }
    }

    pub fn parse(value: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|status| status.as_str() == value)
    }

    /// A status read back from the database. Only Samskap writes the
    /// column, so an unknown value means a damaged row; it reads as a
    /// draft, which only its author sees and no staff move applies to,
    /// rather than as something public.
    pub fn stored(value: &str) -> Self {
        Self::parse(value).unwrap_or(Self::Draft)
    }

    /// Anyone may read the idea: everything but drafts and ideas waiting
    /// for a moderator, which only their author sees.
    pub fn is_public(self) -> bool {
        !matches!(self, Self::Draft | Self::AwaitingApproval)
    }

    /// In review or later: owned by departments, on their boards.
    pub fn is_in_pipeline(self) -> bool {
        Self::PIPELINE.contains(&self)
    }

    /// The author may still take the idea back (the transition table says when).
    pub fn can_be_withdrawn(self) -> bool {
        use crate::features::pipeline::transitions::{By, find};
        find(self, Self::Withdrawn, By::Author).is_some()
    }

    /// Supports are open: only while the idea waits for the municipality's
    /// attention. They close when it moves on (PRODUCT, Engagement).
    pub fn accepts_supports(self) -> bool {
        matches!(self, Self::Published | Self::ThresholdReached)
    }

    /// The idea takes comments: every public idea, except one its author
    /// withdrew or that was merged into another (discussion goes there).
    pub fn accepts_comments(self) -> bool {
        self.is_public() && !matches!(self, Self::Withdrawn | Self::Duplicate)
    }

    pub fn label(self, t: &'static Messages) -> &'static str {
        match self {
            Self::Draft => t.status_draft,
            Self::AwaitingApproval => t.status_awaiting_approval,
            Self::Published => t.status_published,
            Self::ThresholdReached => t.status_threshold_reached,
            Self::UnderReview => t.status_under_review,
            Self::Selected => t.status_selected,
            Self::Piloting => t.status_piloting,
            Self::Implemented => t.status_implemented,
            Self::BenefitsRealised => t.status_benefits_realised,
            Self::Declined => t.status_declined,
            Self::Duplicate => t.status_duplicate,
            Self::SolvedElsewhere => t.status_solved_elsewhere,
            Self::Withdrawn => t.status_withdrawn,
        }
    }
}
