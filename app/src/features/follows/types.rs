use serde::{Deserialize, Serialize};

/// What can be followed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Subject {
    Idea(i64),
    Challenge(i64),
}

impl Subject {
    /// The `follow.subject_type` column and the follow form's `subject` field.
    pub fn kind(self) -> &'static str {
        match self {
            Self::Idea(_) => "idea",
            Self::Challenge(_) => "challenge",
        }
    }

    pub fn id(self) -> i64 {
        match self {
            Self::Idea(id) | Self::Challenge(id) => id,
        }
    }

    pub fn parse(kind: &str, id: i64) -> Option<Self> {
        match kind {
            "idea" => Some(Self::Idea(id)),
            "challenge" => Some(Self::Challenge(id)),
            _ => None,
        }
    }

    /// The page of the idea or challenge.
    pub fn path(self) -> String {
        match self {
            Self::Idea(id) => format!("/ideas/{id}"),
            Self::Challenge(id) => format!("/challenges/{id}"),
        }
    }
}

/// Something a person follows, for their list on `/notifications`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Followed {
    pub subject: Subject,
    pub title: String,
}
