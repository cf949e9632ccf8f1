//! Where an idea is on its way from draft to put to use (nytt – nyttig –
//! nyttiggjort). This file knows the stages and who may see an idea in
//! each; `transitions.rs` says which moves there are, and every move goes
//! through `lifecycle.rs`.

use serde::{Deserialize, Serialize};

use crate::i18n::Messages;

crate::stored_enum! {
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
    pub enum IdeaStatus {
        Draft = "draft",
        /// Pre-moderation is on and a moderator has not approved it yet.
        AwaitingApproval = "awaiting_approval",
        Published = "published",
        ThresholdReached = "threshold_reached",
        UnderReview = "under_review",
        Selected = "selected",
        Piloting = "piloting",
        Implemented = "implemented",
        BenefitsRealised = "benefits_realised",
        Declined = "declined",
        Duplicate = "duplicate",
        SolvedElsewhere = "solved_elsewhere",
        Withdrawn = "withdrawn",
    }
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

    /// A status by its stored name (as an address or a form sends it).
    pub fn parse(value: &str) -> Option<Self> {
        value.parse().ok()
    }

    /// Anyone may read the idea: everything but drafts and ideas waiting
    /// for a moderator, which only their author sees.
    pub fn is_public(self) -> bool {
        !matches!(self, Self::Draft | Self::AwaitingApproval)
    }

    /// The stored names of the public statuses, for a query's `IN`.
    pub fn public_names() -> Vec<&'static str> {
        Self::ALL
            .into_iter()
            .filter(|status| status.is_public())
            .map(Self::as_str)
            .collect()
    }

    /// In review or later: owned by departments, on their boards.
    pub fn is_in_pipeline(self) -> bool {
        Self::PIPELINE.contains(&self)
    }

    /// The author may still take the idea back (the transition table says when).
    pub fn can_be_withdrawn(self) -> bool {
        use crate::features::ideas::transitions::{By, find};
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
