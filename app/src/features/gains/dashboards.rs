//! The two dashboards, each assembled from the roll-ups and kept a short
//! while (`server::rollup_cache`): `/admin/gains` for staff, through the
//! filter in its address, and `/impact` for everyone, with public KPIs
//! and published lessons only.

use std::collections::HashMap;
use std::sync::LazyLock;

use chrono::{Datelike, Utc};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect,
};

use super::rollups::{self, KpiFacts};
use super::types::{
    BenefitCategory, FIRST_YEAR, GainsDashboard, GainsFilter, Impact, ImpactStory, LessonCard,
    Realised,
};
use crate::entities::{idea, idea_lesson, kpi};
use crate::error::AppError;
use crate::features::accounts::types::Viewer;
use crate::features::departments::service as departments;
use crate::features::goals::service as goals;
use crate::features::ideas::status::IdeaStatus;
use crate::server::rollup_cache::RollupCache;

/// How many overdue KPIs, waiting ideas, stories and lessons a page lists.
const LISTED: usize = 12;

static STAFF: LazyLock<RollupCache<GainsFilter, GainsDashboard>> = LazyLock::new(Default::default);
static PUBLIC: LazyLock<RollupCache<(), Impact>> = LazyLock::new(Default::default);

/// Rows of `realised` by key, labelled and in `order`.
fn labelled<K: std::hash::Hash + Eq + Copy + Into<i64>>(
    mut rows: HashMap<K, Realised>,
    order: impl IntoIterator<Item = (K, String)>,
) -> Vec<Realised> {
    order
        .into_iter()
        .filter_map(|(key, label)| {
            rows.remove(&key).map(|row| Realised {
                key: key.into(),
                label,
                ..row
            })
        })
        .collect()
}

/// The staff's dashboard through `filter`.
pub async fn staff_dashboard(
    db: &DatabaseConnection,
    staff: &Viewer,
    filter: GainsFilter,
) -> Result<GainsDashboard, AppError> {
    staff.require_staff()?;
    STAFF
        .get_or_make(filter, || assemble_staff(db, filter))
        .await
}

async fn assemble_staff(
    db: &DatabaseConnection,
    filter: GainsFilter,
) -> Result<GainsDashboard, AppError> {
    let now = Utc::now();
    let today = crate::time::today_in_oslo(now);
    let counts = rollups::status_counts(db, &filter).await?;
    let (funnel, closed) = rollups::funnel(&counts);
    let facts = rollups::kpi_facts(db, &filter, false).await?;
    let plans = rollups::plans_of(db, &filter).await?;
    let goal_links = rollups::goals_of_ideas(db, &filter).await?;
    let owners = rollups::owners_of_ideas(db, &filter).await?;
    let years = rollups::years_of_ideas(db, &filter).await?;
    let all_goals = goals::all(db).await?;
    let all_departments = departments::all(db).await?;
    let department_names: HashMap<i64, String> = all_departments
        .iter()
        .map(|department| (department.id, department.name.clone()))
        .collect();
    let goals_of = |idea: i64| goal_links.get(&idea).cloned().unwrap_or_default();
    let per_goal = labelled(
        rollups::realised(&facts, &plans, |fact| goals_of(fact.idea_id), goals_of),
        all_goals.iter().map(|goal| (goal.id, goal.name.nb.clone())),
    );
    let per_department = labelled(
        rollups::realised(
            &facts,
            &plans,
            |fact| vec![fact.department_id],
            |idea| owners.get(&idea).cloned().unwrap_or_default(),
        ),
        all_departments
            .iter()
            .map(|department| (department.id, department.name.clone())),
    );
    let year_of = |idea: i64| years.get(&idea).copied().into_iter().collect::<Vec<_>>();
    let per_year = labelled(
        rollups::realised(&facts, &plans, |fact| year_of(fact.idea_id), year_of),
        (FIRST_YEAR..=today.year())
            .rev()
            .map(|year| (year, year.to_string())),
    );
    let (overdue, overdue_count) =
        rollups::overdue(db, &facts, &department_names, today, LISTED).await?;
    Ok(GainsDashboard {
        filter,
        funnel,
        closed,
        stage_days: rollups::stage_days(db, &filter).await?,
        tallies: rollups::tallies(db, &filter).await?,
        per_goal,
        per_department,
        per_year,
        per_category: per_category(&facts),
        overdue,
        overdue_count,
        waiting_longest: rollups::waiting_longest(db, &filter, LISTED as u64).await?,
        goals: all_goals,
        departments: all_departments,
        years: (FIRST_YEAR..=today.year()).rev().collect(),
        now,
    })
}

/// KPIs and those reached, by category, every category listed.
fn per_category(facts: &[KpiFacts]) -> Vec<(BenefitCategory, u64, u64)> {
    BenefitCategory::ALL
        .into_iter()
        .map(|category| {
            let of: Vec<&KpiFacts> = facts
                .iter()
                .filter(|fact| fact.category == category)
                .collect();
            let reached = of.iter().filter(|fact| fact.reached).count() as u64;
            (category, of.len() as u64, reached)
        })
        .collect()
}

/// `/impact`, as everyone may read it.
pub async fn impact(db: &DatabaseConnection) -> Result<Impact, AppError> {
    PUBLIC.get_or_make((), || assemble_impact(db)).await
}

async fn assemble_impact(db: &DatabaseConnection) -> Result<Impact, AppError> {
    let everything = GainsFilter::default();
    let counts = rollups::status_counts(db, &everything).await?;
    let count = |statuses: &[IdeaStatus]| -> u64 {
        statuses
            .iter()
            .map(|status| counts.get(status).copied().unwrap_or_default())
            .sum()
    };
    let (funnel, _) = rollups::funnel(&counts);
    let facts = rollups::kpi_facts(db, &everything, true).await?;
    let goal_links = rollups::goals_of_ideas(db, &everything).await?;
    let goals_of = |idea: i64| goal_links.get(&idea).cloned().unwrap_or_default();
    let no_plans = HashMap::new();
    let all_goals = goals::all(db).await?;
    let per_goal = labelled(
        rollups::realised(
            &facts,
            &no_plans,
            |fact| goals_of(fact.idea_id),
            |_| Vec::new(),
        ),
        all_goals.iter().map(|goal| (goal.id, goal.name.nb.clone())),
    );
    Ok(Impact {
        received: funnel.first().map_or(0, |stage| stage.count),
        in_pipeline: count(&[
            IdeaStatus::UnderReview,
            IdeaStatus::Selected,
            IdeaStatus::Piloting,
        ]),
        implemented: count(&[IdeaStatus::Implemented, IdeaStatus::BenefitsRealised]),
        realised: count(&[IdeaStatus::BenefitsRealised]),
        funnel,
        by_focus_area: rollups::tallies(db, &everything).await?.by_focus_area,
        per_goal,
        public_kpis: facts.len() as u64,
        public_reached: facts.iter().filter(|fact| fact.reached).count() as u64,
        stories: stories(db).await?,
        lessons: lessons(db).await?,
        goals: all_goals,
    })
}

/// The implemented ideas with public KPIs, the most recently moved first.
async fn stories(db: &impl ConnectionTrait) -> Result<Vec<ImpactStory>, DbErr> {
    let with_public_kpis = sea_orm::sea_query::Query::select()
        .column(kpi::Column::IdeaId)
        .from(kpi::Entity)
        .and_where(kpi::Column::Public.eq(true))
        .to_owned();
    let found = idea::Entity::find()
        .filter(idea::Column::HiddenAt.is_null())
        .filter(idea::Column::Status.is_in([
            IdeaStatus::Implemented.as_str(),
            IdeaStatus::BenefitsRealised.as_str(),
        ]))
        .filter(idea::Column::Id.in_subquery(with_public_kpis))
        .order_by_desc(idea::Column::StageEnteredAt)
        .order_by_desc(idea::Column::Id)
        .limit(LISTED as u64)
        .all(db)
        .await?;
    let ids: Vec<i64> = found.iter().map(|row| row.id).collect();
    let mut kpis = super::service::public_kpis_of(db, &ids).await?;
    Ok(found
        .into_iter()
        .map(|row| ImpactStory {
            kpis: kpis.remove(&row.id).unwrap_or_default(),
            idea_id: row.id,
            title: row.title,
            status: row.status,
            focus_area: row.focus_area,
        })
        .collect())
}

/// Published lessons of ideas everyone may read, the newest first.
async fn lessons(db: &impl ConnectionTrait) -> Result<Vec<LessonCard>, DbErr> {
    let public = IdeaStatus::public_names();
    let lessons = idea_lesson::Entity::find()
        .filter(idea_lesson::Column::Public.eq(true))
        .order_by_desc(idea_lesson::Column::UpdatedAt)
        .limit(LISTED as u64 * 2)
        .all(db)
        .await?;
    let ideas: HashMap<i64, idea::Model> = idea::Entity::find()
        .filter(idea::Column::Id.is_in(lessons.iter().map(|lesson| lesson.idea_id)))
        .filter(idea::Column::HiddenAt.is_null())
        .filter(idea::Column::Status.is_in(public))
        .all(db)
        .await?
        .into_iter()
        .map(|row| (row.id, row))
        .collect();
    Ok(lessons
        .into_iter()
        .filter_map(|lesson| {
            let found = ideas.get(&lesson.idea_id)?;
            Some(LessonCard {
                idea_id: found.id,
                title: found.title.clone(),
                status: found.status,
                html: crate::markdown::render(&lesson.body),
            })
        })
        .take(LISTED)
        .collect())
}
