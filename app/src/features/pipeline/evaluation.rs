//! Scorecards: each evaluator scores an idea under review on four criteria
//! (1–5, higher is better) with a comment, and may revise their card while
//! the idea is in review. Staff read every card, the mean and the spread;
//! nobody else reads any of it.

use chrono::Utc;
use sea_orm::sea_query::OnConflict;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait,
    QueryFilter, QueryOrder,
};

use super::owners::staff_idea;
use super::types::{Criterion, SCORE_COMMENT_MAX, ScoreSummary, Scores};
use crate::entities::idea_evaluation;
use crate::error::{AppError, Problem};
use crate::features::accounts::types::Viewer;
use crate::features::ideas::status::IdeaStatus;

/// The lowest and highest score.
pub const SCORE_RANGE: std::ops::RangeInclusive<u8> = 1..=5;

/// What the scorecard form sends, checked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ScorecardInput {
    pub scores: Scores,
    pub comment: Option<String>,
}

impl ScorecardInput {
    /// `values` in `Criterion::ALL`'s order, as typed.
    pub fn parse(values: [&str; 4], comment: &str) -> Result<Self, AppError> {
        let mut scores = [0u8; 4];
        for ((criterion, value), score) in Criterion::ALL.iter().zip(values).zip(&mut scores) {
            let value = value.trim();
            if value.is_empty() {
                return Err(AppError::invalid(criterion.as_str(), Problem::Required));
            }
            *score = value
                .parse::<u8>()
                .ok()
                .filter(|score| SCORE_RANGE.contains(score))
                .ok_or_else(|| AppError::invalid(criterion.as_str(), Problem::ScoreOutOfRange))?;
        }
        let comment = crate::text::optional_text("comment", comment, SCORE_COMMENT_MAX)?;
        Ok(Self {
            scores: Scores(scores),
            comment,
        })
    }
}

/// Saves `staff`'s scorecard for the idea, or revises the one they gave.
pub async fn score(
    db: &DatabaseConnection,
    staff: &Viewer,
    idea_id: i64,
    input: ScorecardInput,
) -> Result<(), AppError> {
    let (_, status) = staff_idea(db, staff, idea_id).await?;
    if status != IdeaStatus::UnderReview {
        return Err(AppError::invalid(
            "value_for_residents",
            Problem::NotAllowedNow,
        ));
    }
    let now = Utc::now();
    let [value, feasibility, cost, fit] = input.scores.0.map(i16::from);
    let row = idea_evaluation::ActiveModel {
        idea_id: Set(idea_id),
        evaluator_id: Set(Some(staff.account_id)),
        value_for_residents: Set(value),
        feasibility: Set(feasibility),
        cost: Set(cost),
        strategic_fit: Set(fit),
        comment: Set(input.comment),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    };
    idea_evaluation::Entity::insert(row)
        .on_conflict(
            OnConflict::columns([
                idea_evaluation::Column::IdeaId,
                idea_evaluation::Column::EvaluatorId,
            ])
            .update_columns([
                idea_evaluation::Column::ValueForResidents,
                idea_evaluation::Column::Feasibility,
                idea_evaluation::Column::Cost,
                idea_evaluation::Column::StrategicFit,
                idea_evaluation::Column::Comment,
                idea_evaluation::Column::UpdatedAt,
            ])
            .to_owned(),
        )
        .exec(db)
        .await?;
    Ok(())
}

/// Every scorecard of the ideas `ids`, oldest first.
pub async fn of_ideas(
    db: &impl ConnectionTrait,
    ids: Vec<i64>,
) -> Result<Vec<idea_evaluation::Model>, DbErr> {
    idea_evaluation::Entity::find()
        .filter(idea_evaluation::Column::IdeaId.is_in(ids))
        .order_by_asc(idea_evaluation::Column::Id)
        .all(db)
        .await
}

/// What the stored cards `rows` say together.
pub fn summary(rows: &[idea_evaluation::Model]) -> ScoreSummary {
    ScoreSummary::of(&rows.iter().map(scores_of).collect::<Vec<_>>())
}

/// A stored card's scores (the database keeps them within 1–5).
pub fn scores_of(row: &idea_evaluation::Model) -> Scores {
    Scores(
        [
            row.value_for_residents,
            row.feasibility,
            row.cost,
            row.strategic_fit,
        ]
        .map(|score| u8::try_from(score).unwrap_or_default()),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_score_is_one_to_five_and_named_by_its_field() {
        let card =
            ScorecardInput::parse(["5", " 1", "3", "4"], "  ").unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(card.scores, Scores([5, 1, 3, 4]));
        assert_eq!(card.comment, None);
        for (values, field, problem) in [
            (
                ["", "1", "1", "1"],
                "value_for_residents",
                Problem::Required,
            ),
            (
                ["1", "0", "1", "1"],
                "feasibility",
                Problem::ScoreOutOfRange,
            ),
            (["1", "1", "6", "1"], "cost", Problem::ScoreOutOfRange),
            (
                ["1", "1", "1", "x"],
                "strategic_fit",
                Problem::ScoreOutOfRange,
            ),
        ] {
            assert_eq!(
                ScorecardInput::parse(values, ""),
                Err(AppError::invalid(field, problem))
            );
        }
    }
}
