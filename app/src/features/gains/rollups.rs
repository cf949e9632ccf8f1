//! The roll-ups under `/admin/gains` and `/impact`: the funnel, the median
//! days in each stage, who sends ideas and where they are about, and KPI
//! targets set and reached per goal, department, year and category. Each
//! reads the ideas a [`GainsFilter`] lets through: public, not hidden.
//! Only current measurements count (a corrected value is history), and a
//! retired goal keeps what is linked to it.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Datelike, NaiveDate, TimeZone, Utc};
use sea_orm::sea_query::{Expr, ExprTrait as _, Query};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect,
};

use super::types::{
    BenefitCategory, FUNNEL, GainsFilter, IdeaTallies, OverdueKpi, Realised, StageCount, StageDays,
    TIMED, WaitingIdea, median, reached,
};
use crate::entities::{
    benefit_plan, idea, idea_department, idea_goal, idea_status_change, idea_tally, kpi,
    kpi_measurement,
};
use crate::features::accounts::types::ActorType;
use crate::features::focus_area::FocusArea;
use crate::features::ideas::lists::count_by_status;
use crate::features::ideas::status::IdeaStatus;
use crate::features::pipeline::board::{linked_to, owned_by};

/// Ideas `filter` lets through: public, not hidden, narrowed by focus
/// area, goal, owner department and the year they were published.
pub fn ideas_in(filter: &GainsFilter) -> Condition {
    let public = IdeaStatus::public_names();
    let mut condition = Condition::all()
        .add(idea::Column::HiddenAt.is_null())
        .add(idea::Column::Status.is_in(public));
    if let Some(area) = filter.focus_area {
        condition = condition.add(idea::Column::FocusArea.eq(area.as_str()));
    }
    if let Some(goal) = filter.goal {
        condition = condition.add(linked_to(goal));
    }
    if let Some(department) = filter.department {
        condition = condition.add(owned_by(vec![department]));
    }
    if let Some(year) = filter.year {
        let start = |year: i32| Utc.with_ymd_and_hms(year, 1, 1, 0, 0, 0).single();
        if let (Some(from), Some(to)) = (start(year), start(year + 1)) {
            condition = condition
                .add(idea::Column::PublishedAt.gte(from))
                .add(idea::Column::PublishedAt.lt(to));
        }
    }
    condition
}

/// The ids of the ideas `filter` lets through, as a subquery.
fn idea_ids(filter: &GainsFilter) -> sea_orm::sea_query::SelectStatement {
    Query::select()
        .column(idea::Column::Id)
        .from(idea::Entity)
        .cond_where(ideas_in(filter))
        .to_owned()
}

/// The ids of the ideas `filter` lets through that are in one of
/// `statuses`: read through the index on status, so what it costs grows
/// with the ideas in those stages, not with every idea.
fn ideas_now(filter: &GainsFilter, statuses: &[IdeaStatus]) -> sea_orm::sea_query::SelectStatement {
    let mut ids = idea_ids(filter);
    ids.and_where(idea::Column::Status.is_in(statuses.iter().map(|status| status.as_str())));
    ids
}

/// The ideas `filter` lets through that were taken into review at some
/// time: the only ones with benefit plans, KPIs, goals and owners that
/// count. An idea in review or later never goes back to published or to
/// the threshold (a merge undone returns it to review).
fn reviewed_ideas(filter: &GainsFilter) -> sea_orm::sea_query::SelectStatement {
    let reviewed: Vec<IdeaStatus> = IdeaStatus::ALL
        .into_iter()
        .filter(|status| status.is_public())
        .filter(|status| !matches!(status, IdeaStatus::Published | IdeaStatus::ThresholdReached))
        .collect();
    ideas_now(filter, &reviewed)
}

/// Whether the tally the triggers keep (`idea_tally`) answers `filter`:
/// it is kept per status, focus area, district, sender and year; a goal or
/// a department is only known from the ideas' links.
fn tallied(filter: &GainsFilter) -> bool {
    filter.goal.is_none() && filter.department.is_none()
}

/// The tally's rows of the public statuses, narrowed by `filter`'s focus
/// area and year: a few hundred rows however many ideas there are.
async fn tally_rows(
    db: &impl ConnectionTrait,
    filter: &GainsFilter,
) -> Result<Vec<idea_tally::Model>, DbErr> {
    let public = IdeaStatus::public_names();
    let mut select = idea_tally::Entity::find()
        .filter(idea_tally::Column::Status.is_in(public))
        .filter(idea_tally::Column::Ideas.gt(0));
    if let Some(area) = filter.focus_area {
        select = select.filter(idea_tally::Column::FocusArea.eq(area.as_str()));
    }
    if let Some(year) = filter.year {
        select = select.filter(idea_tally::Column::Year.eq(year));
    }
    select.all(db).await
}

/// Adds up `rows` by `key`, leaving out what `key` does not give.
fn sum_by<K: std::hash::Hash + Eq>(
    rows: &[idea_tally::Model],
    key: impl Fn(&idea_tally::Model) -> Option<K>,
) -> HashMap<K, u64> {
    let mut sums = HashMap::new();
    for row in rows {
        if let Some(key) = key(row) {
            *sums.entry(key).or_default() += u64::try_from(row.ideas).unwrap_or_default();
        }
    }
    sums
}

/// How many of the ideas are in each status: from the tally, or counted
/// in one pass where a goal or department narrows them.
pub async fn status_counts(
    db: &impl ConnectionTrait,
    filter: &GainsFilter,
) -> Result<HashMap<IdeaStatus, u64>, DbErr> {
    if tallied(filter) {
        return Ok(sum_by(&tally_rows(db, filter).await?, |row| {
            Some(row.status)
        }));
    }
    count_by_status(db, idea::Entity::find().filter(ideas_in(filter))).await
}

/// The funnel: for each stage, the ideas that have come at least that far
/// (wherever they are now); closed ideas count as received only. And the
/// closed ones by how they closed.
pub fn funnel(counts: &HashMap<IdeaStatus, u64>) -> (Vec<StageCount>, Vec<StageCount>) {
    let count = |status: &IdeaStatus| counts.get(status).copied().unwrap_or_default();
    let closed: Vec<StageCount> = IdeaStatus::CLOSED
        .iter()
        .map(|status| StageCount {
            status: *status,
            count: count(status),
        })
        .collect();
    let closed_total: u64 = closed.iter().map(|stage| stage.count).sum();
    let stages = FUNNEL
        .iter()
        .enumerate()
        .map(|(at, status)| {
            let onwards: u64 = FUNNEL[at..].iter().map(count).sum();
            StageCount {
                status: *status,
                count: if at == 0 {
                    onwards + closed_total
                } else {
                    onwards
                },
            }
        })
        .collect();
    (stages, closed)
}

/// The median whole days ideas stayed in each timed stage before their
/// next move, from the timeline of the ideas that have left publishing.
pub async fn stage_days(
    db: &impl ConnectionTrait,
    filter: &GainsFilter,
) -> Result<Vec<StageDays>, DbErr> {
    let left_publishing: Vec<IdeaStatus> = IdeaStatus::ALL
        .into_iter()
        .filter(|status| status.is_public() && *status != IdeaStatus::Published)
        .collect();
    let moved_on = ideas_now(filter, &left_publishing);
    let rows: Vec<(i64, IdeaStatus, DateTime<Utc>)> = idea_status_change::Entity::find()
        .filter(idea_status_change::Column::IdeaId.in_subquery(moved_on))
        .select_only()
        .column(idea_status_change::Column::IdeaId)
        .column(idea_status_change::Column::ToStatus)
        .column(idea_status_change::Column::CreatedAt)
        .order_by_asc(idea_status_change::Column::IdeaId)
        .order_by_asc(idea_status_change::Column::CreatedAt)
        .order_by_asc(idea_status_change::Column::Id)
        .into_tuple()
        .all(db)
        .await?;
    let mut stays: HashMap<IdeaStatus, Vec<f64>> = HashMap::new();
    for pair in rows.windows(2) {
        let ((idea, status, entered), (next_idea, _, left)) = (&pair[0], &pair[1]);
        if idea == next_idea && TIMED.contains(status) {
            let days = (*left - *entered).num_seconds() as f64 / 86_400.0;
            stays.entry(*status).or_default().push(days.max(0.0));
        }
    }
    Ok(TIMED
        .iter()
        .map(|status| {
            let mut days = stays.remove(status).unwrap_or_default();
            StageDays {
                status: *status,
                stays: days.len() as u64,
                median_days: median(&mut days).map(|value| (value * 10.0).round() / 10.0),
            }
        })
        .collect())
}

async fn tally<T: sea_orm::TryGetable>(
    db: &impl ConnectionTrait,
    filter: &GainsFilter,
    column: idea::Column,
) -> Result<Vec<(T, u64)>, DbErr> {
    let rows: Vec<(T, i64)> = idea::Entity::find()
        .filter(ideas_in(filter))
        .filter(column.is_not_null())
        .select_only()
        .column(column)
        .column_as(Expr::col(idea::Column::Id).count(), "count")
        .group_by(column)
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|(key, count)| (key, u64::try_from(count).unwrap_or_default()))
        .collect())
}

/// The ideas by focus area (every area, none left out), district (most
/// first) and the kind of person who sent them: from the tally, or
/// counted where a goal or department narrows them.
pub async fn tallies(
    db: &impl ConnectionTrait,
    filter: &GainsFilter,
) -> Result<IdeaTallies, DbErr> {
    let (areas, districts, actors): (
        HashMap<FocusArea, u64>,
        HashMap<String, u64>,
        HashMap<ActorType, u64>,
    ) = if tallied(filter) {
        let rows = tally_rows(db, filter).await?;
        (
            sum_by(&rows, |row| Some(row.focus_area)),
            sum_by(&rows, |row| {
                (!row.district.is_empty()).then(|| row.district.clone())
            }),
            sum_by(&rows, |row| Some(row.actor_type)),
        )
    } else {
        (
            tally(db, filter, idea::Column::FocusArea)
                .await?
                .into_iter()
                .collect(),
            tally(db, filter, idea::Column::District)
                .await?
                .into_iter()
                .collect(),
            tally(db, filter, idea::Column::AuthorActorType)
                .await?
                .into_iter()
                .collect(),
        )
    };
    let mut by_district: Vec<(String, u64)> = districts.into_iter().collect();
    by_district.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    Ok(IdeaTallies {
        by_focus_area: FocusArea::ALL
            .into_iter()
            .map(|area| (area, areas.get(&area).copied().unwrap_or_default()))
            .collect(),
        by_district,
        by_actor_type: ActorType::ALL
            .into_iter()
            .map(|actor| (actor, actors.get(&actor).copied().unwrap_or_default()))
            .collect(),
    })
}

/// One KPI as the roll-ups need it.
#[derive(Clone, Debug)]
pub struct KpiFacts {
    pub kpi_id: i64,
    pub idea_id: i64,
    pub name: String,
    pub department_id: i64,
    pub category: BenefitCategory,
    pub target_date: NaiveDate,
    pub public: bool,
    pub reached: bool,
    /// A value that counts was measured on or after the target date.
    pub measured_since_target: bool,
}

impl KpiFacts {
    /// The date passed with the target not reached and nothing measured since.
    pub fn overdue(&self, today: NaiveDate) -> bool {
        self.target_date < today && !self.reached && !self.measured_since_target
    }
}

/// The KPIs of the ideas `filter` lets through (public ones only if
/// `public_only`), each with whether a current measurement reached it.
pub async fn kpi_facts(
    db: &impl ConnectionTrait,
    filter: &GainsFilter,
    public_only: bool,
) -> Result<Vec<KpiFacts>, DbErr> {
    let mut select =
        kpi::Entity::find().filter(kpi::Column::IdeaId.in_subquery(reviewed_ideas(filter)));
    if public_only {
        select = select.filter(kpi::Column::Public.eq(true));
    }
    let rows = select.order_by_asc(kpi::Column::Id).all(db).await?;
    // Per KPI only what the facts need of its current values: the highest
    // and lowest (the target is reached going up or down) and the latest
    // day; one row a KPI, however many times it was measured.
    let mut measured: HashMap<i64, (NaiveDate, f64, f64)> = kpi_measurement::Entity::find()
        .filter(kpi_measurement::Column::KpiId.in_subquery(kpis_of(filter, public_only)))
        .filter(kpi_measurement::Column::SupersededById.is_null())
        .select_only()
        .column(kpi_measurement::Column::KpiId)
        .column_as(kpi_measurement::Column::MeasuredOn.max(), "latest")
        .column_as(kpi_measurement::Column::Value.max(), "highest")
        .column_as(kpi_measurement::Column::Value.min(), "lowest")
        .group_by(kpi_measurement::Column::KpiId)
        .into_tuple::<(i64, NaiveDate, f64, f64)>()
        .all(db)
        .await?
        .into_iter()
        .map(|(kpi_id, latest, highest, lowest)| (kpi_id, (latest, highest, lowest)))
        .collect();
    Ok(rows
        .into_iter()
        .map(|row| {
            let values = measured.remove(&row.id);
            KpiFacts {
                reached: values.is_some_and(|(_, highest, lowest)| {
                    reached(row.baseline, row.target, highest)
                        || reached(row.baseline, row.target, lowest)
                }),
                measured_since_target: values
                    .is_some_and(|(latest, _, _)| latest >= row.target_date),
                kpi_id: row.id,
                idea_id: row.idea_id,
                name: row.name,
                department_id: row.owner_department_id,
                category: row.category,
                target_date: row.target_date,
                public: row.public,
            }
        })
        .collect())
}

fn kpis_of(filter: &GainsFilter, public_only: bool) -> sea_orm::sea_query::SelectStatement {
    let mut query = Query::select()
        .column(kpi::Column::Id)
        .from(kpi::Entity)
        .and_where(kpi::Column::IdeaId.in_subquery(reviewed_ideas(filter)))
        .to_owned();
    if public_only {
        query.and_where(kpi::Column::Public.eq(true));
    }
    query
}

/// The benefit plans' estimates of the ideas `filter` lets through, by idea.
pub async fn plans_of(
    db: &impl ConnectionTrait,
    filter: &GainsFilter,
) -> Result<HashMap<i64, benefit_plan::Model>, DbErr> {
    Ok(benefit_plan::Entity::find()
        .filter(benefit_plan::Column::IdeaId.in_subquery(reviewed_ideas(filter)))
        .all(db)
        .await?
        .into_iter()
        .map(|plan| (plan.idea_id, plan))
        .collect())
}

/// Adds up KPIs and plans into one row per key: `keys_of_kpi` says which
/// rows a KPI counts in, `keys_of_idea` which rows an idea's plan does.
pub fn realised<K: std::hash::Hash + Eq + Clone>(
    facts: &[KpiFacts],
    plans: &HashMap<i64, benefit_plan::Model>,
    keys_of_kpi: impl Fn(&KpiFacts) -> Vec<K>,
    keys_of_idea: impl Fn(i64) -> Vec<K>,
) -> HashMap<K, Realised> {
    let mut rows: HashMap<K, Realised> = HashMap::new();
    let mut ideas: HashMap<K, HashSet<i64>> = HashMap::new();
    for fact in facts {
        for key in keys_of_kpi(fact) {
            let row = rows.entry(key.clone()).or_default();
            row.kpis += 1;
            row.reached += u64::from(fact.reached);
            ideas.entry(key).or_default().insert(fact.idea_id);
        }
    }
    for (idea_id, plan) in plans {
        for key in keys_of_idea(*idea_id) {
            let row = rows.entry(key.clone()).or_default();
            row.expected_value_nok += plan.expected_value_nok.unwrap_or_default();
            row.estimated_cost_nok += plan.estimated_cost_nok.unwrap_or_default();
            ideas.entry(key).or_default().insert(*idea_id);
        }
    }
    for (key, row) in &mut rows {
        row.ideas = ideas.get(key).map_or(0, |set| set.len() as u64);
    }
    rows
}

/// The goals each idea of `ideas` is linked to, retired goals included.
pub async fn goals_of_ideas(
    db: &impl ConnectionTrait,
    filter: &GainsFilter,
) -> Result<HashMap<i64, Vec<i64>>, DbErr> {
    let mut goals: HashMap<i64, Vec<i64>> = HashMap::new();
    for link in idea_goal::Entity::find()
        .filter(idea_goal::Column::IdeaId.in_subquery(reviewed_ideas(filter)))
        .all(db)
        .await?
    {
        goals.entry(link.idea_id).or_default().push(link.goal_id);
    }
    Ok(goals)
}

/// The owner departments of each idea `filter` lets through.
pub async fn owners_of_ideas(
    db: &impl ConnectionTrait,
    filter: &GainsFilter,
) -> Result<HashMap<i64, Vec<i64>>, DbErr> {
    let mut owners: HashMap<i64, Vec<i64>> = HashMap::new();
    for owner in idea_department::Entity::find()
        .filter(idea_department::Column::IdeaId.in_subquery(reviewed_ideas(filter)))
        .all(db)
        .await?
    {
        owners
            .entry(owner.idea_id)
            .or_default()
            .push(owner.department_id);
    }
    Ok(owners)
}

/// The year each idea `filter` lets through that was taken into review was
/// published in: the ideas with plans and KPIs. (Read through the same
/// subquery, not a list of ids, which would grow past what a statement
/// may carry.)
pub async fn years_of_ideas(
    db: &impl ConnectionTrait,
    filter: &GainsFilter,
) -> Result<HashMap<i64, i32>, DbErr> {
    let rows: Vec<(i64, Option<DateTime<Utc>>)> = idea::Entity::find()
        .filter(idea::Column::Id.in_subquery(reviewed_ideas(filter)))
        .select_only()
        .column(idea::Column::Id)
        .column(idea::Column::PublishedAt)
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .filter_map(|(id, at)| at.map(|at| (id, at.year())))
        .collect())
}

/// The ideas that have waited longest in a timed stage, longest first.
pub async fn waiting_longest(
    db: &impl ConnectionTrait,
    filter: &GainsFilter,
    limit: u64,
) -> Result<Vec<WaitingIdea>, DbErr> {
    Ok(idea::Entity::find()
        .filter(ideas_in(filter))
        .filter(idea::Column::Status.is_in(TIMED.map(IdeaStatus::as_str)))
        .filter(idea::Column::StageEnteredAt.is_not_null())
        .order_by_asc(idea::Column::StageEnteredAt)
        .order_by_asc(idea::Column::Id)
        .limit(limit)
        .all(db)
        .await?
        .into_iter()
        .map(|row| WaitingIdea {
            idea_id: row.id,
            since: row.stage_entered_at.unwrap_or(row.updated_at),
            title: row.title,
            status: row.status,
        })
        .collect())
}

/// The overdue KPIs among `facts`, earliest date first, at most `limit`,
/// with how many there are in all.
pub async fn overdue(
    db: &impl ConnectionTrait,
    facts: &[KpiFacts],
    department_names: &HashMap<i64, String>,
    today: NaiveDate,
    limit: usize,
) -> Result<(Vec<OverdueKpi>, u64), DbErr> {
    let mut due: Vec<&KpiFacts> = facts.iter().filter(|fact| fact.overdue(today)).collect();
    due.sort_by_key(|fact| (fact.target_date, fact.kpi_id));
    let total = due.len() as u64;
    due.truncate(limit);
    let titles: HashMap<i64, String> = idea::Entity::find()
        .filter(idea::Column::Id.is_in(due.iter().map(|fact| fact.idea_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|row| (row.id, row.title))
        .collect();
    let listed = due
        .into_iter()
        .map(|fact| OverdueKpi {
            idea_id: fact.idea_id,
            idea_title: titles.get(&fact.idea_id).cloned().unwrap_or_default(),
            kpi: fact.name.clone(),
            department: department_names
                .get(&fact.department_id)
                .cloned()
                .unwrap_or_default(),
            target_date: fact.target_date,
        })
        .collect();
    Ok((listed, total))
}
