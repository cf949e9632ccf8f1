//! The staff part of `/me/export`: what the person did as staff, moderator
//! or admin. Moves of ideas, official responses, the pipeline's internal
//! log, scorecards and notes are stored with the person's id; the audit
//! log keeps it too, and so do the benefit plans: the KPIs the person owns,
//! the measurements they recorded, the estimates they last saved; and the
//! method guide revisions they saved; the solution cards they started and
//! the versions they published.

use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder};
use serde::Serialize;

use crate::entities::{
    audit_log, benefit_plan, guide_revision, idea_evaluation, idea_lesson, idea_note,
    idea_official_response, idea_pipeline_event, idea_status_change, kpi, kpi_measurement,
    solution, solution_version,
};

/// Each section is named after its table, as the rest of the export is.
#[derive(Serialize)]
pub struct WorkExport {
    /// Status changes the person made (publishing their own idea, or a move as staff).
    pub idea_status_change: Vec<ExportedStatusChange>,
    /// Official responses the person published, with a move or on their own.
    pub idea_official_response: Vec<ExportedResponse>,
    /// Nominations and owner changes the person made on the pipeline.
    pub idea_pipeline_event: Vec<ExportedPipelineEvent>,
    /// Scorecards the person gave.
    pub idea_evaluation: Vec<ExportedScorecard>,
    /// Internal notes the person wrote.
    pub idea_note: Vec<ExportedNote>,
    /// Moderator and admin actions logged with the person as actor. What the
    /// log says about others (the detail) stays out.
    pub audit_log: Vec<ExportedAuditEntry>,
    /// Benefit plans whose estimates the person saved last.
    pub benefit_plan: Vec<ExportedPlan>,
    /// KPIs the person is named owner of.
    pub kpi: Vec<ExportedKpi>,
    /// Measurements the person recorded.
    pub kpi_measurement: Vec<ExportedMeasurement>,
    /// Lessons the person wrote last.
    pub idea_lesson: Vec<ExportedNote>,
    /// Revisions of method guides the person saved.
    pub guide_revision: Vec<ExportedGuideRevision>,
    /// Solution cards the person started.
    pub solution: Vec<ExportedSolution>,
    /// Versions of solution cards the person published.
    pub solution_version: Vec<ExportedSolutionVersion>,
}

#[derive(Serialize)]
pub struct ExportedSolution {
    pub id: i64,
    pub title: String,
    pub created_at: DateTime<Utc>,
}

#[derive(Serialize)]
pub struct ExportedSolutionVersion {
    pub solution_id: i64,
    pub number: i32,
    pub title: String,
    pub note: String,
    pub published_at: DateTime<Utc>,
}

#[derive(Serialize)]
pub struct ExportedGuideRevision {
    pub guide_id: i64,
    pub number: i32,
    pub title: String,
    pub note: String,
    pub created_at: DateTime<Utc>,
}

#[derive(Serialize)]
pub struct ExportedPlan {
    pub idea_id: i64,
    pub estimated_cost_nok: Option<i64>,
    pub effort_person_days: Option<i32>,
    pub expected_value_nok: Option<i64>,
    pub updated_at: DateTime<Utc>,
}

#[derive(Serialize)]
pub struct ExportedKpi {
    pub idea_id: i64,
    pub name: String,
    pub target_date: chrono::NaiveDate,
}

#[derive(Serialize)]
pub struct ExportedMeasurement {
    pub kpi_id: i64,
    pub value: f64,
    pub measured_on: chrono::NaiveDate,
    pub source: String,
    pub comment: String,
    pub recorded_at: DateTime<Utc>,
}

#[derive(Serialize)]
pub struct ExportedStatusChange {
    pub idea_id: i64,
    pub from_status: Option<String>,
    pub to_status: String,
    pub note: Option<String>,
    pub created_at: DateTime<Utc>,
}

#[derive(Serialize)]
pub struct ExportedResponse {
    pub idea_id: i64,
    pub department_id: Option<i64>,
    pub status: String,
    pub body: String,
    pub created_at: DateTime<Utc>,
}

#[derive(Serialize)]
pub struct ExportedPipelineEvent {
    pub idea_id: i64,
    pub kind: String,
    pub department_id: Option<i64>,
    pub created_at: DateTime<Utc>,
}

#[derive(Serialize)]
pub struct ExportedScorecard {
    pub idea_id: i64,
    pub value_for_residents: i16,
    pub feasibility: i16,
    pub cost: i16,
    pub strategic_fit: i16,
    pub comment: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

#[derive(Serialize)]
pub struct ExportedNote {
    pub idea_id: i64,
    pub body: String,
    pub created_at: DateTime<Utc>,
}

#[derive(Serialize)]
pub struct ExportedAuditEntry {
    pub action: String,
    pub actor_name: String,
    pub subject_type: Option<String>,
    pub subject_id: Option<i64>,
    pub created_at: DateTime<Utc>,
}

pub async fn export(db: &impl ConnectionTrait, account_id: i64) -> Result<WorkExport, DbErr> {
    let idea_status_change = idea_status_change::Entity::find()
        .filter(idea_status_change::Column::ActorId.eq(account_id))
        .order_by_asc(idea_status_change::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|row| ExportedStatusChange {
            idea_id: row.idea_id,
            from_status: row.from_status.map(|status| status.to_string()),
            to_status: row.to_status.to_string(),
            note: row.note,
            created_at: row.created_at,
        })
        .collect();
    let idea_official_response = idea_official_response::Entity::find()
        .filter(idea_official_response::Column::AuthorId.eq(account_id))
        .order_by_asc(idea_official_response::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|row| ExportedResponse {
            idea_id: row.idea_id,
            department_id: row.department_id,
            status: row.status.to_string(),
            body: row.body,
            created_at: row.created_at,
        })
        .collect();
    let idea_pipeline_event = idea_pipeline_event::Entity::find()
        .filter(idea_pipeline_event::Column::ActorId.eq(account_id))
        .order_by_asc(idea_pipeline_event::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|row| ExportedPipelineEvent {
            idea_id: row.idea_id,
            kind: row.kind.to_string(),
            department_id: row.department_id,
            created_at: row.created_at,
        })
        .collect();
    let idea_evaluation = idea_evaluation::Entity::find()
        .filter(idea_evaluation::Column::EvaluatorId.eq(account_id))
        .order_by_asc(idea_evaluation::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|row| ExportedScorecard {
            idea_id: row.idea_id,
            value_for_residents: row.value_for_residents,
            feasibility: row.feasibility,
            cost: row.cost,
            strategic_fit: row.strategic_fit,
            comment: row.comment,
            created_at: row.created_at,
            updated_at: row.updated_at,
        })
        .collect();
    let idea_note = idea_note::Entity::find()
        .filter(idea_note::Column::AuthorId.eq(account_id))
        .order_by_asc(idea_note::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|row| ExportedNote {
            idea_id: row.idea_id,
            body: row.body,
            created_at: row.created_at,
        })
        .collect();
    let audit_log = audit_log::Entity::find()
        .filter(audit_log::Column::ActorId.eq(account_id))
        .order_by_asc(audit_log::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|row| ExportedAuditEntry {
            action: row.action.to_string(),
            actor_name: row.actor_name,
            subject_type: row.subject_type,
            subject_id: row.subject_id,
            created_at: row.created_at,
        })
        .collect();
    let benefit_plan = benefit_plan::Entity::find()
        .filter(benefit_plan::Column::UpdatedBy.eq(account_id))
        .order_by_asc(benefit_plan::Column::IdeaId)
        .all(db)
        .await?
        .into_iter()
        .map(|row| ExportedPlan {
            idea_id: row.idea_id,
            estimated_cost_nok: row.estimated_cost_nok,
            effort_person_days: row.effort_person_days,
            expected_value_nok: row.expected_value_nok,
            updated_at: row.updated_at,
        })
        .collect();
    let kpi = kpi::Entity::find()
        .filter(kpi::Column::OwnerAccountId.eq(account_id))
        .order_by_asc(kpi::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|row| ExportedKpi {
            idea_id: row.idea_id,
            name: row.name,
            target_date: row.target_date,
        })
        .collect();
    let kpi_measurement = kpi_measurement::Entity::find()
        .filter(kpi_measurement::Column::RecordedBy.eq(account_id))
        .order_by_asc(kpi_measurement::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|row| ExportedMeasurement {
            kpi_id: row.kpi_id,
            value: row.value,
            measured_on: row.measured_on,
            source: row.source,
            comment: row.comment,
            recorded_at: row.recorded_at,
        })
        .collect();
    let idea_lesson = idea_lesson::Entity::find()
        .filter(idea_lesson::Column::UpdatedBy.eq(account_id))
        .order_by_asc(idea_lesson::Column::IdeaId)
        .all(db)
        .await?
        .into_iter()
        .map(|row| ExportedNote {
            idea_id: row.idea_id,
            body: row.body,
            created_at: row.updated_at,
        })
        .collect();
    let guide_revision = guide_revision::Entity::find()
        .filter(guide_revision::Column::EditedBy.eq(account_id))
        .order_by_asc(guide_revision::Column::GuideId)
        .order_by_asc(guide_revision::Column::Number)
        .all(db)
        .await?
        .into_iter()
        .map(|row| ExportedGuideRevision {
            guide_id: row.guide_id,
            number: row.number,
            title: row.title_nb,
            note: row.note,
            created_at: row.created_at,
        })
        .collect();
    let solution = solution::Entity::find()
        .filter(solution::Column::CreatedBy.eq(account_id))
        .order_by_asc(solution::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|row| ExportedSolution {
            id: row.id,
            title: row.title,
            created_at: row.created_at,
        })
        .collect();
    let solution_version = solution_version::Entity::find()
        .filter(solution_version::Column::PublishedBy.eq(account_id))
        .order_by_asc(solution_version::Column::SolutionId)
        .order_by_asc(solution_version::Column::Number)
        .all(db)
        .await?
        .into_iter()
        .map(|row| ExportedSolutionVersion {
            solution_id: row.solution_id,
            number: row.number,
            title: row.title,
            note: row.note,
            published_at: row.published_at,
        })
        .collect();
    Ok(WorkExport {
        idea_status_change,
        idea_official_response,
        idea_pipeline_event,
        idea_evaluation,
        idea_note,
        audit_log,
        benefit_plan,
        kpi,
        kpi_measurement,
        idea_lesson,
        guide_revision,
        solution,
        solution_version,
    })
}
