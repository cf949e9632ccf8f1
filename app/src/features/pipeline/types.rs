use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::features::ideas::status::IdeaStatus;

/// The longest reason or link a move may carry.
pub const NOTE_MAX: usize = 1_000;
/// The longest official response.
pub const RESPONSE_MAX: usize = 5_000;

/// One step of an idea's public timeline.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimelineEntry {
    pub at: DateTime<Utc>,
    pub from: Option<IdeaStatus>,
    pub to: IdeaStatus,
    /// The reason (declined) or the link (solved elsewhere).
    pub note: Option<String>,
    /// The municipality's official response, rendered and sanitised.
    pub response_html: Option<String>,
}

impl TimelineEntry {
    /// A note that is a web address, shown as a link.
    pub fn link(&self) -> Option<&str> {
        self.note
            .as_deref()
            .filter(|note| note.starts_with("https://") || note.starts_with("http://"))
    }
}
