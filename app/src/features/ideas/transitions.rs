//! The one table of how an idea moves from status to status (nytt – nyttig
//! – nyttiggjort), who may move it, and what the move needs. Every move in
//! Samskap is checked against it; README.md shows the same table (a test
//! keeps the two alike).

use serde::{Deserialize, Serialize};

use super::status::IdeaStatus::{self, *};

/// Who makes a move.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum By {
    /// The idea's author.
    Author,
    /// Samskap itself, when the supports reach the threshold.
    System,
    /// A moderator (or admin).
    Moderator,
    /// Municipal staff (or an admin), in the pipeline.
    Staff,
}

impl By {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Author => "author",
            Self::System => "system",
            Self::Moderator => "moderator",
            Self::Staff => "staff",
        }
    }
}

/// What a move needs besides the wish to make it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Needs {
    Nothing,
    /// A reason, which the author and everyone read.
    Reason,
    /// A link to where the need is already met.
    Link,
    /// Only a moderator's merge makes it (see `moderation::merge`).
    Merge,
    /// Only the undo of that merge makes it: back to where the idea was
    /// when it was merged, and nowhere else.
    MergeUndo,
    /// An owner department: an idea in review or later is always owned by
    /// at least one (the idea's own, or one named with the move).
    Owner,
    /// A benefit plan with at least one KPI: ideas are chosen on the
    /// effects expected of them.
    Kpi,
    /// A measurement that reached its KPI's target, or a reason, which
    /// everyone reads on the timeline.
    TargetOrReason,
}

impl Needs {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Nothing => "—",
            Self::Reason => "reason",
            Self::Link => "link",
            Self::Merge => "merge",
            Self::MergeUndo => "undo of its merge",
            Self::Owner => "owner department",
            Self::Kpi => "a KPI",
            Self::TargetOrReason => "a target reached, or a reason",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Transition {
    pub from: IdeaStatus,
    pub to: IdeaStatus,
    pub by: By,
    pub needs: Needs,
}

const fn move_(from: IdeaStatus, to: IdeaStatus, by: By, needs: Needs) -> Transition {
    Transition {
        from,
        to,
        by,
        needs,
    }
}

/// Every move there is. What is not here is refused.
pub const TRANSITIONS: &[Transition] = &[
    move_(Draft, Published, By::Author, Needs::Nothing),
    move_(Draft, AwaitingApproval, By::Author, Needs::Nothing),
    move_(AwaitingApproval, Published, By::Moderator, Needs::Nothing),
    move_(Published, ThresholdReached, By::System, Needs::Nothing),
    // From triage: the threshold's ideas, and published ones staff nominate.
    move_(Published, UnderReview, By::Staff, Needs::Owner),
    move_(ThresholdReached, UnderReview, By::Staff, Needs::Owner),
    move_(UnderReview, Selected, By::Staff, Needs::Kpi),
    move_(Selected, Piloting, By::Staff, Needs::Nothing),
    // Not every idea needs a pilot first.
    move_(Selected, Implemented, By::Staff, Needs::Nothing),
    move_(Piloting, Implemented, By::Staff, Needs::Nothing),
    move_(
        Implemented,
        BenefitsRealised,
        By::Staff,
        Needs::TargetOrReason,
    ),
    move_(Published, Declined, By::Staff, Needs::Reason),
    move_(ThresholdReached, Declined, By::Staff, Needs::Reason),
    move_(UnderReview, Declined, By::Staff, Needs::Reason),
    move_(Selected, Declined, By::Staff, Needs::Reason),
    move_(Piloting, Declined, By::Staff, Needs::Reason),
    // A declined idea may be looked at again.
    move_(Declined, UnderReview, By::Staff, Needs::Owner),
    move_(Published, SolvedElsewhere, By::Staff, Needs::Link),
    move_(ThresholdReached, SolvedElsewhere, By::Staff, Needs::Link),
    move_(UnderReview, SolvedElsewhere, By::Staff, Needs::Link),
    move_(Selected, SolvedElsewhere, By::Staff, Needs::Link),
    move_(Published, Duplicate, By::Moderator, Needs::Merge),
    move_(ThresholdReached, Duplicate, By::Moderator, Needs::Merge),
    move_(UnderReview, Duplicate, By::Moderator, Needs::Merge),
    // Undoing a merge takes the idea back where it was merged from.
    move_(Duplicate, Published, By::Moderator, Needs::MergeUndo),
    move_(Duplicate, ThresholdReached, By::Moderator, Needs::MergeUndo),
    move_(Duplicate, UnderReview, By::Moderator, Needs::MergeUndo),
    move_(AwaitingApproval, Withdrawn, By::Author, Needs::Nothing),
    move_(Published, Withdrawn, By::Author, Needs::Nothing),
    move_(ThresholdReached, Withdrawn, By::Author, Needs::Nothing),
];

/// The move from `from` to `to` that `by` may make, if there is one.
pub fn find(from: IdeaStatus, to: IdeaStatus, by: By) -> Option<Transition> {
    TRANSITIONS
        .iter()
        .copied()
        .find(|transition| transition.from == from && transition.to == to && transition.by == by)
}

/// Where `by` may move an idea that is in `from`, in the table's order.
pub fn targets(from: IdeaStatus, by: By) -> Vec<Transition> {
    TRANSITIONS
        .iter()
        .copied()
        .filter(|transition| transition.from == from && transition.by == by)
        .collect()
}

/// The table as README.md shows it.
pub fn markdown_table() -> String {
    let mut table = String::from("| from | to | by | needs |\n|---|---|---|---|\n");
    for transition in TRANSITIONS {
        table.push_str(&format!(
            "| {} | {} | {} | {} |\n",
            transition.from.as_str(),
            transition.to.as_str(),
            transition.by.as_str(),
            transition.needs.as_str()
        ));
    }
    table
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_readme_shows_this_table() {
        let readme = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/../README.md"));
        assert!(
            readme.contains(&markdown_table()),
            "README.md's transition table differs from the code's; paste:\n{}",
            markdown_table()
        );
    }

    #[test]
    fn each_move_is_listed_once_and_only_the_pipeline_has_no_way_back_to_draft() {
        for (n, transition) in TRANSITIONS.iter().enumerate() {
            assert!(
                !TRANSITIONS[n + 1..]
                    .iter()
                    .any(|other| other.from == transition.from && other.to == transition.to),
                "{transition:?} twice"
            );
            assert_ne!(transition.to, Draft);
            assert_ne!(transition.from, transition.to);
        }
    }

    #[test]
    fn every_way_into_review_names_an_owner_or_returns_to_the_owners_it_had() {
        for transition in TRANSITIONS.iter().filter(|t| t.to == UnderReview) {
            assert!(
                matches!(transition.needs, Needs::Owner | Needs::MergeUndo),
                "{transition:?}"
            );
        }
    }

    #[test]
    fn a_merge_can_be_undone_to_exactly_where_it_was_made_from() {
        let merged_from: Vec<IdeaStatus> = TRANSITIONS
            .iter()
            .filter(|t| t.needs == Needs::Merge)
            .map(|t| t.from)
            .collect();
        let undone_to: Vec<IdeaStatus> = TRANSITIONS
            .iter()
            .filter(|t| t.needs == Needs::MergeUndo)
            .inspect(|t| assert_eq!((t.from, t.by), (Duplicate, By::Moderator)))
            .map(|t| t.to)
            .collect();
        assert_eq!(merged_from, undone_to);
    }

    #[test]
    fn duplicates_come_only_from_a_merge() {
        for transition in TRANSITIONS.iter().filter(|t| t.to == Duplicate) {
            assert_eq!(
                (transition.by, transition.needs),
                (By::Moderator, Needs::Merge)
            );
        }
        assert!(
            targets(UnderReview, By::Staff)
                .iter()
                .all(|t| t.to != Duplicate)
        );
    }
}
