//! What crosses the wire for ideas: cards for lists, the full idea for its
//! page, and the photos that go with it.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::status::IdeaStatus;
use crate::features::accounts::types::Author;
use crate::features::focus_area::FocusArea;

/// A link to a challenge or an idea: its id and title.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChallengeLink {
    pub id: i64,
    pub title: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Photo {
    pub id: i64,
    pub large_url: String,
    pub thumbnail_url: String,
    pub width: i32,
    pub height: i32,
    pub description: String,
}

/// One idea in a list.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct IdeaCard {
    pub id: i64,
    pub title: String,
    pub summary: String,
    pub focus_area: FocusArea,
    pub status: IdeaStatus,
    pub district: Option<String>,
    pub support_count: i32,
    pub comment_count: i32,
    pub author: Author,
    pub published_at: Option<DateTime<Utc>>,
    pub thumbnail: Option<Photo>,
}

/// An idea on its own page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct IdeaDetail {
    pub card: IdeaCard,
    /// The Markdown source, for the edit form (the author's own only).
    pub body: String,
    /// Rendered and sanitised.
    pub body_html: String,
    pub tags: Vec<String>,
    pub challenge: Option<ChallengeLink>,
    pub photos: Vec<Photo>,
    pub created_at: DateTime<Utc>,
    pub viewer: ViewerOnIdea,
    /// Hidden by reports or a moderator. Everyone but the author and
    /// moderators then gets only this, with the title and text left out.
    pub hidden: Option<crate::features::moderation::types::Hidden>,
    /// The idea this one was merged into (status duplicate).
    pub duplicate_of: Option<ChallengeLink>,
    /// Every status change, oldest first (the public timeline).
    pub timeline: Vec<crate::features::pipeline::types::TimelineEntry>,
    /// The shared goals it works towards that are still in use.
    #[serde(default)]
    pub goals: Vec<crate::features::goals::types::Goal>,
    /// The KPIs staff made public, with their values: nothing else of the
    /// benefit plan leaves staff pages.
    #[serde(default)]
    pub public_kpis: Vec<crate::features::gains::types::PublicKpi>,
    /// What staff learned, once they published it (sanitised HTML).
    #[serde(default)]
    pub lesson_html: Option<String>,
    /// The published solution card made from it, if any.
    #[serde(default)]
    pub solution: Option<crate::features::solutions::types::SolutionLink>,
}

impl IdeaDetail {
    /// The reader sees the notice in place of the idea.
    pub fn redacted(&self) -> bool {
        self.hidden.is_some() && !self.viewer.is_author && !self.viewer.moderates
    }
}

/// What the person looking may do with the idea.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ViewerOnIdea {
    pub is_author: bool,
    /// The author may still change the text and photos.
    pub can_edit: bool,
    /// Until when, for a published idea (drafts have no deadline).
    pub edit_until: Option<DateTime<Utc>>,
    pub can_withdraw: bool,
    pub signed_in: bool,
    /// Taking part needs a confirmed address.
    pub email_verified: bool,
    /// The person supports the idea.
    pub supported: bool,
    /// The person follows the idea.
    pub following: bool,
    /// The person has reported the idea (the form is not offered again).
    pub reported: bool,
    /// A moderator (or admin): may hide, restore and merge.
    pub moderates: bool,
    /// Staff (or an admin): may move the idea through the pipeline.
    pub acts_as_staff: bool,
}

/// One page of `/ideas`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct IdeaPage {
    pub ideas: Vec<IdeaCard>,
    /// The `after` value that continues the list, if there is more.
    pub next: Option<String>,
}

/// An existing idea like the one being written ("steal first").
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SimilarIdea {
    pub id: i64,
    pub title: String,
    pub status: IdeaStatus,
    pub support_count: i32,
}

/// How long after publishing the author may still edit, if nobody has
/// supported the idea yet.
pub const EDIT_WINDOW_MINUTES: i64 = 30;
pub const PHOTOS_MAX: usize = 4;
pub const PHOTO_DESCRIPTION_MAX: usize = 200;
