//! The staff board: triage and each pipeline stage as a column, the longest
//! waiting card first, narrowed by department, focus area, challenge,
//! shared goal or "waiting for my score". Hidden ideas stay off it, as off
//! every list.

use std::collections::HashMap;

use chrono::Utc;
use sea_orm::sea_query::NullOrdering;
use sea_orm::sea_query::{Expr, Query, SimpleExpr};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, Order, PaginatorTrait,
    QueryFilter, QueryOrder, QuerySelect, Select,
};

use super::evaluation;
use super::types::{Board, BoardCard, BoardColumn, BoardFilter, BoardRank, COLUMN_CARDS_MAX};
use crate::entities::{
    benefit_plan, challenge, department_member, idea, idea_department, idea_evaluation, idea_goal,
    idea_tally,
};
use crate::error::AppError;
use crate::features::accounts::types::Viewer;
use crate::features::departments::service as departments;
use crate::features::departments::types::Department;
use crate::features::focus_area::FocusArea;
use crate::features::gains::types::PlanFigures;
use crate::features::goals::service as goals;
use crate::features::goals::types::Goal;
use crate::features::ideas::lists::count_by_status;
use crate::features::ideas::status::IdeaStatus;

/// Triage's condition, written exactly as the partial index `idea_in_triage`
/// (migration 22) is, so both databases see that the index holds triage's
/// ideas in the column's order (a test compares the two).
pub const IN_TRIAGE: &str = r#""idea"."hidden_at" IS NULL AND ("idea"."status" = 'threshold_reached' OR "idea"."nominated_at" IS NOT NULL)"#;

/// Triage: ideas at the threshold, and published ideas staff nominated.
/// Every status change clears the nomination (`ideas::lifecycle`), so only
/// published ideas carry one.
fn in_triage() -> SimpleExpr {
    Expr::cust(IN_TRIAGE)
}

/// Nominated ideas not yet at the threshold: few, through `idea_nominated`.
fn nominated_below_threshold() -> Condition {
    Condition::all()
        .add(idea::Column::NominatedAt.is_not_null())
        .add(idea::Column::Status.ne(IdeaStatus::ThresholdReached.as_str()))
}

/// How many ideas `filter` lets through in each stage after triage and in
/// each closed status. Narrowed at most by focus area, they are read from
/// `idea_tally` (kept by triggers; its rows are bounded by its keys, not by
/// the ideas), with triage's ideas at the threshold, where counting the
/// ideas read every idea past triage (a quarter of them) on every request.
/// Narrowed by owner, challenge, goal or "waiting for my score", they are
/// counted in one pass over that narrower set.
async fn stage_counts(
    db: &impl ConnectionTrait,
    filter: &BoardFilter,
    viewer: i64,
    mine: &[i64],
) -> Result<HashMap<IdeaStatus, u64>, DbErr> {
    let mut statuses: Vec<&str> = IdeaStatus::PIPELINE
        .iter()
        .chain(IdeaStatus::CLOSED.iter())
        .map(|status| status.as_str())
        .collect();
    if tallied(filter) {
        // And triage's ideas at the threshold, in the same read.
        statuses.push(IdeaStatus::ThresholdReached.as_str());
        return tally_by_status(db, filter.focus_area, statuses).await;
    }
    let select = narrowed(filter, viewer, mine, None).filter(idea::Column::Status.is_in(statuses));
    count_by_status(db, select).await
}

/// Whether `idea_tally` holds the board's counts through `filter`: it
/// counts visible ideas by status and focus area, and nothing narrower.
fn tallied(filter: &BoardFilter) -> bool {
    filter.department.is_none()
        && filter.challenge.is_none()
        && filter.goal.is_none()
        && !filter.waiting_for_me
}

/// Visible ideas in each of `statuses` (of focus area `area`, if given),
/// from `idea_tally`.
async fn tally_by_status(
    db: &impl ConnectionTrait,
    area: Option<FocusArea>,
    statuses: Vec<&str>,
) -> Result<HashMap<IdeaStatus, u64>, DbErr> {
    // SUM is NUMERIC on PostgreSQL: read back as a bigint.
    let mut select = idea_tally::Entity::find()
        .select_only()
        .column(idea_tally::Column::Status)
        .expr_as(Expr::cust("CAST(SUM(ideas) AS BIGINT)"), "ideas")
        .filter(idea_tally::Column::Status.is_in(statuses))
        .group_by(idea_tally::Column::Status);
    if let Some(area) = area {
        select = select.filter(idea_tally::Column::FocusArea.eq(area.as_str()));
    }
    let rows: Vec<(IdeaStatus, i64)> = select.into_tuple().all(db).await?;
    Ok(rows
        .into_iter()
        .map(|(status, ideas)| (status, u64::try_from(ideas).unwrap_or_default()))
        .collect())
}

/// Triage's count: ideas at the threshold (from `counts`, the tally's,
/// where it holds them) and the nominated ones, few among the published.
async fn triage_count(
    db: &impl ConnectionTrait,
    filter: &BoardFilter,
    viewer: i64,
    mine: &[i64],
    counts: &HashMap<IdeaStatus, u64>,
) -> Result<u64, DbErr> {
    if !tallied(filter) {
        return narrowed(filter, viewer, mine, Some(None)).count(db).await;
    }
    let at_threshold = counts
        .get(&IdeaStatus::ThresholdReached)
        .copied()
        .unwrap_or_default();
    let nominated = narrowed(filter, viewer, mine, None)
        .filter(nominated_below_threshold())
        .count(db)
        .await?;
    Ok(at_threshold + nominated)
}

/// Owned by one of `departments`.
pub fn owned_by(departments: Vec<i64>) -> SimpleExpr {
    idea::Column::Id.in_subquery(
        Query::select()
            .column(idea_department::Column::IdeaId)
            .from(idea_department::Entity)
            .and_where(idea_department::Column::DepartmentId.is_in(departments))
            .to_owned(),
    )
}

/// Linked to goal `goal`: through the link table's index on the goal, so
/// the cost grows with the goal's ideas, not with all ideas.
pub fn linked_to(goal: i64) -> SimpleExpr {
    idea::Column::Id.in_subquery(
        Query::select()
            .column(idea_goal::Column::IdeaId)
            .from(idea_goal::Entity)
            .and_where(idea_goal::Column::GoalId.eq(goal))
            .to_owned(),
    )
}

/// Under review, owned by one of the viewer's departments, and not yet
/// scored by them.
fn waits_for(viewer: i64, departments: &[i64]) -> Condition {
    Condition::all()
        .add(idea::Column::Status.eq(IdeaStatus::UnderReview.as_str()))
        .add(owned_by(departments.to_vec()))
        .add(
            idea::Column::Id.not_in_subquery(
                Query::select()
                    .column(idea_evaluation::Column::IdeaId)
                    .from(idea_evaluation::Entity)
                    .and_where(idea_evaluation::Column::EvaluatorId.eq(viewer))
                    .to_owned(),
            ),
        )
}

/// The ideas `filter` lets through; `stage` narrows to one column.
fn narrowed(
    filter: &BoardFilter,
    viewer: i64,
    mine: &[i64],
    stage: Option<Option<IdeaStatus>>,
) -> Select<idea::Entity> {
    let mut select = idea::Entity::find().filter(idea::Column::HiddenAt.is_null());
    if let Some(area) = filter.focus_area {
        select = select.filter(idea::Column::FocusArea.eq(area.as_str()));
    }
    if let Some(challenge) = filter.challenge {
        select = select.filter(idea::Column::ChallengeId.eq(challenge));
    }
    if let Some(goal) = filter.goal {
        select = select.filter(linked_to(goal));
    }
    if filter.waiting_for_me {
        select = select.filter(waits_for(viewer, mine));
    }
    match stage {
        // Triage is every department's intake: it has no owners yet.
        Some(None) => select.filter(in_triage()),
        Some(Some(status)) => {
            select = select.filter(idea::Column::Status.eq(status.as_str()));
            match filter.department {
                Some(department) => select.filter(owned_by(vec![department])),
                None => select,
            }
        }
        None => match filter.department {
            Some(department) => select.filter(owned_by(vec![department])),
            None => select,
        },
    }
}

/// Kroner of expected yearly benefit per krone of estimated cost, read
/// from the idea's benefit plan; a free idea is worth its value, and an
/// idea without both estimates has none.
fn benefit_per_krone() -> SimpleExpr {
    Expr::cust(
        "(SELECT CASE WHEN benefit_plan.estimated_cost_nok = 0 \
         THEN benefit_plan.expected_value_nok * 1.0 \
         ELSE benefit_plan.expected_value_nok * 1.0 / benefit_plan.estimated_cost_nok END \
         FROM benefit_plan WHERE benefit_plan.idea_id = idea.id)",
    )
}

/// A column's cards in `rank`'s order; ties keep the longest waiting first.
fn ranked(select: Select<idea::Entity>, rank: BoardRank) -> Select<idea::Entity> {
    let select = match rank {
        BoardRank::Waiting => select,
        BoardRank::Benefit => {
            select.order_by_with_nulls(benefit_per_krone(), Order::Desc, NullOrdering::Last)
        }
    };
    select
        .order_by_asc(idea::Column::StageEnteredAt)
        .order_by_asc(idea::Column::Id)
}

/// The viewer's departments.
async fn my_departments(db: &impl ConnectionTrait, viewer: i64) -> Result<Vec<i64>, DbErr> {
    Ok(department_member::Entity::find()
        .filter(department_member::Column::AccountId.eq(viewer))
        .all(db)
        .await?
        .into_iter()
        .map(|member| member.department_id)
        .collect())
}

/// The board as `staff` sees it through `filter`.
pub async fn load(
    db: &impl ConnectionTrait,
    staff: &Viewer,
    filter: &BoardFilter,
) -> Result<Board, AppError> {
    staff.require_staff()?;
    let viewer = staff.account_id;
    let mine = my_departments(db, viewer).await?;
    let mut stages = vec![None];
    stages.extend(IdeaStatus::PIPELINE.map(Some));
    let counts = stage_counts(db, filter, viewer, &mine).await?;
    let count_of = |status: IdeaStatus| counts.get(&status).copied().unwrap_or_default();
    let mut columns = Vec::new();
    let mut rows = Vec::new();
    for stage in stages {
        let select = narrowed(filter, viewer, &mine, Some(stage));
        let count = match stage {
            Some(status) => count_of(status),
            None => triage_count(db, filter, viewer, &mine, &counts).await?,
        };
        let found = ranked(select, filter.rank)
            .limit(COLUMN_CARDS_MAX)
            .all(db)
            .await?;
        columns.push((
            stage,
            count,
            found.iter().map(|row| row.id).collect::<Vec<_>>(),
        ));
        rows.extend(found);
    }
    let departments = departments::all(db).await?;
    let goals = goals::all(db).await?;
    let cards = cards(db, rows, &departments, &goals, viewer, &mine).await?;
    let columns = columns
        .into_iter()
        .map(|(stage, count, ids)| BoardColumn {
            stage,
            count,
            cards: ids.iter().filter_map(|id| cards.get(id).cloned()).collect(),
        })
        .collect();
    let closed = IdeaStatus::CLOSED
        .into_iter()
        .map(|status| (status, count_of(status)))
        .collect();
    let waiting_for_me = if mine.is_empty() {
        0
    } else {
        idea::Entity::find()
            .filter(idea::Column::HiddenAt.is_null())
            .filter(waits_for(viewer, &mine))
            .count(db)
            .await?
    };
    Ok(Board {
        columns,
        closed,
        departments,
        challenges: challenge::Entity::find()
            .filter(challenge::Column::HiddenAt.is_null())
            .order_by_asc(challenge::Column::Title)
            .all(db)
            .await?
            .into_iter()
            .map(|found| (found.id, found.title))
            .collect(),
        goals,
        waiting_for_me,
        now: Utc::now(),
    })
}

/// The cards of `rows`, by id, with their owners, goals and scores.
async fn cards(
    db: &impl ConnectionTrait,
    rows: Vec<idea::Model>,
    departments: &[Department],
    goals: &[Goal],
    viewer: i64,
    mine: &[i64],
) -> Result<HashMap<i64, BoardCard>, DbErr> {
    let ids: Vec<i64> = rows.iter().map(|row| row.id).collect();
    let names: HashMap<i64, &str> = departments
        .iter()
        .map(|department| (department.id, department.name.as_str()))
        .collect();
    let mut owners: HashMap<i64, Vec<i64>> = HashMap::new();
    for owner in idea_department::Entity::find()
        .filter(idea_department::Column::IdeaId.is_in(ids.clone()))
        .all(db)
        .await?
    {
        owners
            .entry(owner.idea_id)
            .or_default()
            .push(owner.department_id);
    }
    let mut linked = goals::of_ideas(db, &ids, goals).await?;
    let mut plans: HashMap<i64, PlanFigures> = benefit_plan::Entity::find()
        .filter(benefit_plan::Column::IdeaId.is_in(ids.clone()))
        .all(db)
        .await?
        .into_iter()
        .map(|plan| (plan.idea_id, plan.figures()))
        .collect();
    let mut scorecards: HashMap<i64, Vec<idea_evaluation::Model>> = HashMap::new();
    for card in evaluation::of_ideas(db, ids).await? {
        scorecards.entry(card.idea_id).or_default().push(card);
    }
    Ok(rows
        .into_iter()
        .map(|row| {
            let status = row.status;
            let owned: Vec<i64> = owners.remove(&row.id).unwrap_or_default();
            let cards = scorecards.remove(&row.id).unwrap_or_default();
            let summary = evaluation::summary(&cards);
            let scored_by_me = cards.iter().any(|card| card.evaluator_id == Some(viewer));
            // As in `in_triage`: only published ideas carry a nomination.
            let nominated = row.nominated_at.is_some();
            let since = if nominated { row.nominated_at } else { None }
                .or(row.stage_entered_at)
                .unwrap_or(row.updated_at);
            let mut owner_names: Vec<String> = owned
                .iter()
                .filter_map(|id| names.get(id).map(|name| (*name).to_owned()))
                .collect();
            owner_names.sort();
            let card = BoardCard {
                id: row.id,
                title: row.title,
                status,
                focus_area: row.focus_area,
                support_count: row.support_count,
                since,
                nominated,
                score: summary.mean,
                scorecards: summary.scorecards,
                waits_for_me: status == IdeaStatus::UnderReview
                    && !scored_by_me
                    && owned.iter().any(|id| mine.contains(id)),
                owners: owner_names,
                goals: linked.remove(&row.id).unwrap_or_default(),
                figures: plans.remove(&row.id).unwrap_or_default(),
            };
            (card.id, card)
        })
        .collect())
}
