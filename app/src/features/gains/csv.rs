//! The dashboard's downloads, for staff: every KPI, every measurement (the
//! corrected ones marked) and the funnel of the ideas a filter lets
//! through, as CSV that is safe to open in a spreadsheet (the audit log's
//! quoting and formula defusing, `audit::csv`).

use std::collections::HashMap;

use chrono::Utc;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

use super::rollups;
use super::types::GainsFilter;
use crate::entities::{idea, kpi, kpi_measurement};
use crate::error::AppError;
use crate::features::accounts::types::Viewer;
use crate::features::audit::csv::line;
use crate::features::departments::service as departments;

/// Which download.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Download {
    Kpis,
    Measurements,
    Funnel,
}

impl Download {
    pub fn file_name(self) -> &'static str {
        match self {
            Self::Kpis => "samskap-kpis.csv",
            Self::Measurements => "samskap-measurements.csv",
            Self::Funnel => "samskap-funnel.csv",
        }
    }
}

/// The download `which` of the ideas `filter` lets through.
pub async fn write(
    db: &impl ConnectionTrait,
    staff: &Viewer,
    which: Download,
    filter: &GainsFilter,
) -> Result<String, AppError> {
    staff.require_staff()?;
    match which {
        Download::Kpis => kpis(db, filter).await,
        Download::Measurements => measurements(db, filter).await,
        Download::Funnel => funnel(db, filter).await,
    }
}

fn text(value: impl ToString) -> String {
    value.to_string()
}

async fn titles(
    db: &impl ConnectionTrait,
    ids: impl IntoIterator<Item = i64>,
) -> Result<HashMap<i64, idea::Model>, AppError> {
    Ok(idea::Entity::find()
        .filter(idea::Column::Id.is_in(ids))
        .all(db)
        .await?
        .into_iter()
        .map(|row| (row.id, row))
        .collect())
}

async fn kpis(db: &impl ConnectionTrait, filter: &GainsFilter) -> Result<String, AppError> {
    let today = crate::time::today_in_oslo(Utc::now());
    let facts = rollups::kpi_facts(db, filter, false).await?;
    let rows: HashMap<i64, kpi::Model> = kpi::Entity::find()
        .filter(kpi::Column::Id.is_in(facts.iter().map(|fact| fact.kpi_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|row| (row.id, row))
        .collect();
    let ideas = titles(db, facts.iter().map(|fact| fact.idea_id)).await?;
    let names: HashMap<i64, String> = departments::rows(db)
        .await?
        .into_iter()
        .map(|department| (department.id, department.name))
        .collect();
    let mut out = String::from(
        "idea_id,idea_title,idea_status,kpi_id,kpi,category,unit,baseline,target,target_date,\
         department,public,reached,overdue\r\n",
    );
    for fact in &facts {
        let (Some(row), Some(found)) = (rows.get(&fact.kpi_id), ideas.get(&fact.idea_id)) else {
            continue;
        };
        out.push_str(&line(&[
            text(fact.idea_id),
            found.title.clone(),
            text(found.status),
            text(fact.kpi_id),
            row.name.clone(),
            text(row.category),
            row.unit.clone(),
            text(row.baseline),
            text(row.target),
            text(row.target_date),
            names
                .get(&row.owner_department_id)
                .cloned()
                .unwrap_or_default(),
            text(row.public),
            text(fact.reached),
            text(fact.overdue(today)),
        ]));
    }
    Ok(out)
}

async fn measurements(db: &impl ConnectionTrait, filter: &GainsFilter) -> Result<String, AppError> {
    let facts = rollups::kpi_facts(db, filter, false).await?;
    let names: HashMap<i64, (i64, String)> = facts
        .iter()
        .map(|fact| (fact.kpi_id, (fact.idea_id, fact.name.clone())))
        .collect();
    let rows = kpi_measurement::Entity::find()
        .filter(kpi_measurement::Column::KpiId.is_in(names.keys().copied()))
        .order_by_asc(kpi_measurement::Column::KpiId)
        .order_by_asc(kpi_measurement::Column::MeasuredOn)
        .order_by_asc(kpi_measurement::Column::Id)
        .all(db)
        .await?;
    let mut out = String::from(
        "idea_id,kpi_id,kpi,measured_on,value,source,comment,recorded_at_utc,superseded_by\r\n",
    );
    for row in rows {
        let (idea_id, name) = names.get(&row.kpi_id).cloned().unwrap_or_default();
        out.push_str(&line(&[
            text(idea_id),
            text(row.kpi_id),
            name,
            text(row.measured_on),
            text(row.value),
            row.source,
            row.comment,
            row.recorded_at.to_rfc3339(),
            row.superseded_by_id.map(text).unwrap_or_default(),
        ]));
    }
    Ok(out)
}

async fn funnel(db: &impl ConnectionTrait, filter: &GainsFilter) -> Result<String, AppError> {
    let counts = rollups::status_counts(db, filter).await?;
    let (stages, closed) = rollups::funnel(&counts);
    let days: HashMap<_, _> = rollups::stage_days(db, filter)
        .await?
        .into_iter()
        .map(|stage| (stage.status, stage))
        .collect();
    let mut out = String::from("stage,ideas_reached,ideas_now,median_days_in_stage,stays\r\n");
    for stage in stages.iter().chain(closed.iter()) {
        let timed = days.get(&stage.status);
        out.push_str(&line(&[
            text(stage.status),
            text(stage.count),
            text(counts.get(&stage.status).copied().unwrap_or_default()),
            timed
                .and_then(|timed| timed.median_days)
                .map(text)
                .unwrap_or_default(),
            timed.map(|timed| text(timed.stays)).unwrap_or_default(),
        ]));
    }
    Ok(out)
}
