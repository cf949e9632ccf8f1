//! `/admin/ideas.csv`: the public ideas an [`IdeaExport`] lets through,
//! one line each, for staff to work on in a spreadsheet. Quoted and
//! defused as the audit log's CSV (`audit::csv`). Hidden ideas stay out,
//! as they do of every list; authors are not named (the sender's kind is
//! enough to count by). Read in batches by id, so a large export never
//! holds more than a batch of rows from the database at once.

use std::collections::HashMap;

use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect,
};

use super::types::IdeaExport;
use crate::entities::{department, goal, idea, idea_department, idea_goal};
use crate::features::audit::csv::line;
use crate::features::ideas::status::IdeaStatus;
use crate::features::pipeline::board::{linked_to, owned_by};
use crate::time::{start_of_day_in_oslo, today_in_oslo};

/// How many ideas one read takes.
const BATCH: u64 = 1_000;

/// The file name of the download.
pub const FILE_NAME: &str = "samskap-ideas.csv";

const HEADER: &str = "id,title,status,focus_area,district,sender,published_on,supports,comments,challenge_id,departments,goals,address\r\n";

/// The ideas `export` lets through, as `export`'s conditions.
fn condition(export: &IdeaExport) -> Condition {
    let statuses: Vec<&str> = match export.status {
        Some(status) => vec![status.get().as_str()],
        None => IdeaStatus::public_names(),
    };
    let mut condition = Condition::all()
        .add(idea::Column::HiddenAt.is_null())
        .add(idea::Column::Status.is_in(statuses));
    if let Some(area) = export.focus_area {
        condition = condition.add(idea::Column::FocusArea.eq(area.as_str()));
    }
    if let Some(district) = &export.district {
        condition = condition.add(idea::Column::District.eq(district.as_str()));
    }
    if let Some(department) = export.department {
        condition = condition.add(owned_by(vec![department]));
    }
    if let Some(goal) = export.goal {
        condition = condition.add(linked_to(goal));
    }
    if let Some(from) = export.from.and_then(start_of_day_in_oslo) {
        condition = condition.add(idea::Column::PublishedAt.gte(from));
    }
    if let Some(after) = export
        .to
        .and_then(|to| to.succ_opt())
        .and_then(start_of_day_in_oslo)
    {
        condition = condition.add(idea::Column::PublishedAt.lt(after));
    }
    condition
}

/// Every department's and goal's name by id: read once for the whole
/// export.
struct Names {
    departments: HashMap<i64, String>,
    goals: HashMap<i64, String>,
}

impl Names {
    async fn read(db: &impl ConnectionTrait) -> Result<Self, DbErr> {
        Ok(Self {
            departments: department::Entity::find()
                .all(db)
                .await?
                .into_iter()
                .map(|found| (found.id, found.name))
                .collect(),
            goals: goal::Entity::find()
                .all(db)
                .await?
                .into_iter()
                .map(|found| (found.id, found.name_nb))
                .collect(),
        })
    }

    /// The names of the owner departments and goals of each of `ideas`.
    async fn of(
        &self,
        db: &impl ConnectionTrait,
        ideas: &[i64],
    ) -> Result<(HashMap<i64, Vec<String>>, HashMap<i64, Vec<String>>), DbErr> {
        let mut departments: HashMap<i64, Vec<String>> = HashMap::new();
        for owner in idea_department::Entity::find()
            .filter(idea_department::Column::IdeaId.is_in(ideas.to_vec()))
            .all(db)
            .await?
        {
            if let Some(name) = self.departments.get(&owner.department_id) {
                departments
                    .entry(owner.idea_id)
                    .or_default()
                    .push(name.clone());
            }
        }
        let mut goals: HashMap<i64, Vec<String>> = HashMap::new();
        for link in idea_goal::Entity::find()
            .filter(idea_goal::Column::IdeaId.is_in(ideas.to_vec()))
            .all(db)
            .await?
        {
            if let Some(name) = self.goals.get(&link.goal_id) {
                goals.entry(link.idea_id).or_default().push(name.clone());
            }
        }
        Ok((departments, goals))
    }
}

/// The CSV of the ideas `export` lets through, oldest first; `site` is the
/// public address the ideas' links start with.
pub async fn write(
    db: &impl ConnectionTrait,
    export: &IdeaExport,
    site: &str,
) -> Result<String, DbErr> {
    let names = Names::read(db).await?;
    let mut out = String::from(HEADER);
    let mut after = 0_i64;
    loop {
        let batch = idea::Entity::find()
            .filter(condition(export))
            .filter(idea::Column::Id.gt(after))
            .order_by_asc(idea::Column::Id)
            .limit(BATCH)
            .all(db)
            .await?;
        let Some(last) = batch.last() else { break };
        after = last.id;
        let ids: Vec<i64> = batch.iter().map(|row| row.id).collect();
        let (mut departments, mut goals) = names.of(db, &ids).await?;
        for row in batch {
            let joined = |names: Option<Vec<String>>| names.unwrap_or_default().join("; ");
            out.push_str(&line(&[
                row.id.to_string(),
                row.title,
                row.status.as_str().to_owned(),
                row.focus_area.as_str().to_owned(),
                row.district.unwrap_or_default(),
                row.author_actor_type.as_str().to_owned(),
                row.published_at
                    .map(|at| today_in_oslo(at).to_string())
                    .unwrap_or_default(),
                row.support_count.to_string(),
                row.comment_count.to_string(),
                row.challenge_id
                    .map(|id| id.to_string())
                    .unwrap_or_default(),
                joined(departments.remove(&row.id)),
                joined(goals.remove(&row.id)),
                format!("{}/ideas/{}", site.trim_end_matches('/'), row.id),
            ]));
        }
    }
    Ok(out)
}
