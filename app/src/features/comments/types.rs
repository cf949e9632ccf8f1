use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::features::accounts::types::Author;
use crate::i18n::Messages;

/// Comments on one page of an idea, and replies on one page of a thread.
pub const PAGE_SIZE: u64 = 20;
pub const THREAD_PAGE_SIZE: u64 = 50;
/// Replies shown under each comment before "more replies".
pub const REPLIES_SHOWN: u64 = 3;
/// 0 is a comment on the idea, 1 a reply, 2 a reply to a reply.
pub const DEEPEST: i16 = 2;
pub const EDIT_WINDOW_MINUTES: i64 = 15;

crate::stored_enum! {
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
    pub enum Stance {
        For = "for",
        Against = "against",
        Neutral = "neutral",
    }
}

impl Stance {
    pub fn parse(value: &str) -> Option<Self> {
        value.parse().ok()
    }

    pub fn label(self, t: &'static Messages) -> &'static str {
        match self {
            Self::For => t.stance_for,
            Self::Against => t.stance_against,
            Self::Neutral => t.stance_neutral,
        }
    }
}

/// The order of an idea's own comments. Replies are always oldest first:
/// they answer each other.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum CommentSort {
    #[default]
    Oldest,
    Newest,
    Supported,
}

impl CommentSort {
    pub const ALL: [CommentSort; 3] = [Self::Oldest, Self::Newest, Self::Supported];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Oldest => "oldest",
            Self::Newest => "newest",
            Self::Supported => "supported",
        }
    }

    pub fn parse(value: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|sort| sort.as_str() == value)
    }

    pub fn label(self, t: &'static Messages) -> &'static str {
        match self {
            Self::Oldest => t.comments_sort_oldest,
            Self::Newest => t.comments_sort_newest,
            Self::Supported => t.comments_sort_supported,
        }
    }
}

/// How many comments (not deleted) took each stance.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct StanceCounts {
    pub for_: i64,
    pub against: i64,
    pub neutral: i64,
    pub none: i64,
}

/// What the person looking may do with a comment.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ViewerOnComment {
    pub is_author: bool,
    pub supported: bool,
    pub can_support: bool,
    pub can_reply: bool,
    pub can_edit: bool,
    pub edit_until: Option<DateTime<Utc>>,
    pub can_delete: bool,
    /// The person may report the comment (signed in, someone else's, shown).
    pub can_report: bool,
    /// The person has reported the comment.
    pub reported: bool,
    /// A moderator (or admin): may hide and restore.
    pub moderates: bool,
}

/// One comment as a thread shows it. A deleted one keeps its place with
/// no author, text or stance.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CommentView {
    pub id: i64,
    pub idea_id: i64,
    pub parent_id: Option<i64>,
    pub depth: i16,
    pub author: Option<Author>,
    pub stance: Option<Stance>,
    pub body_html: String,
    /// The Markdown, for the author's edit form only.
    pub body: String,
    pub support_count: i32,
    pub reply_count: i32,
    pub created_at: DateTime<Utc>,
    pub edited: bool,
    pub deleted: bool,
    /// Hidden by reports or a moderator: everyone but its author and
    /// moderators gets the notice in its place, without author or text.
    pub hidden: Option<crate::features::moderation::types::Hidden>,
    /// Waiting for a moderator's approval; only its author sees it.
    pub held: bool,
    pub viewer: ViewerOnComment,
    /// The first replies (oldest first); the rest are on the comment's page.
    pub replies: Vec<CommentView>,
}

impl CommentView {
    /// Hidden from this reader: the notice stands in its place.
    pub fn withheld(&self) -> bool {
        self.hidden.is_some() && !self.viewer.is_author && !self.viewer.moderates
    }

    /// Replies that did not fit under the comment here.
    pub fn more_replies(&self) -> i32 {
        (self.reply_count - self.replies.len() as i32).max(0)
    }
}

/// An idea's comments, one page of them.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CommentsPage {
    pub idea_id: i64,
    pub sort: CommentSort,
    pub comments: Vec<CommentView>,
    /// The cursor of the next page, when there is one.
    pub next: Option<String>,
    pub total: i32,
    pub stances: StanceCounts,
    pub can_comment: bool,
    pub signed_in: bool,
}

/// One comment's own page: the comment and a page of its replies.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CommentThread {
    pub idea_id: i64,
    pub idea_title: String,
    pub comment: CommentView,
    pub next: Option<String>,
    pub can_comment: bool,
    pub signed_in: bool,
}
