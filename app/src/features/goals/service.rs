//! Admins add, edit, retire and restore the shared goals; challenges and
//! ideas are linked to them. Every change of a goal is written to the
//! audit log in its own transaction. Changes take turns
//! (`transactions::take_turns`), so two admins cannot give two goals the same
//! name, or pass the most Samskap keeps, at once.

use std::collections::HashMap;

use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr,
    EntityTrait, QueryFilter, QueryOrder,
};

use super::types::{GOALS_MAX, Goal, GoalRow, GoalText, Localized};
use crate::entities::{challenge_goal, goal, idea_goal, solution_goal};
use crate::error::{AppError, Problem};
use crate::features::accounts::types::Viewer;
use crate::features::audit::service as audit;
use crate::features::audit::types::{AuditAction, AuditSubject};
use crate::text::same_name;

/// The advisory lock goal changes take on PostgreSQL. SQLite lets one
/// transaction write at a time anyway (they begin IMMEDIATE).
const CHANGES_LOCK_KEY: i64 = 0x5A4D_474F_414C; // fixed forever

/// What goals are linked to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Linked {
    Challenge(i64),
    Idea(i64),
    Solution(i64),
}

/// Every goal, retired ones too, by bokmål name.
async fn rows(db: &impl ConnectionTrait) -> Result<Vec<goal::Model>, DbErr> {
    goal::Entity::find()
        .order_by_asc(goal::Column::NameNb)
        .all(db)
        .await
}

fn text_of(found: &goal::Model) -> GoalText {
    GoalText {
        name: Localized {
            nb: found.name_nb.clone(),
            nn: found.name_nn.clone(),
            en: found.name_en.clone(),
        },
        description: Localized {
            nb: found.description_nb.clone(),
            nn: found.description_nn.clone(),
            en: found.description_en.clone(),
        },
    }
}

fn goal_of(found: &goal::Model) -> Goal {
    let text = text_of(found);
    Goal {
        id: found.id,
        name: text.name,
        description: text.description,
        retired: found.retired_at.is_some(),
    }
}

/// Writes `text` into a goal's columns.
fn set_text(change: &mut goal::ActiveModel, text: GoalText) {
    change.name_nb = Set(text.name.nb);
    change.name_nn = Set(text.name.nn);
    change.name_en = Set(text.name.en);
    change.description_nb = Set(text.description.nb);
    change.description_nn = Set(text.description.nn);
    change.description_en = Set(text.description.en);
}

/// The goals as the admin's page lists them.
pub async fn list(db: &impl ConnectionTrait) -> Result<Vec<GoalRow>, AppError> {
    Ok(rows(db)
        .await?
        .iter()
        .map(|found| GoalRow {
            id: found.id,
            text: text_of(found),
            retired_at: found.retired_at,
        })
        .collect())
}

/// Every goal by bokmål name, the retired ones marked: goals already
/// linked keep their names; forms offer only [`super::types::choices`].
pub async fn all(db: &impl ConnectionTrait) -> Result<Vec<Goal>, AppError> {
    Ok(rows(db).await?.iter().map(goal_of).collect())
}

/// Refuses bokmål name `name` when another goal than `except` has it, in
/// any case. A retired goal keeps its name: the admin restores it rather
/// than adding a second one. The database's unique key on
/// the name (which compares case) stands behind it and says the same
/// (`AppError::conflict_as`).
fn refuse_taken(goals: &[goal::Model], name: &str, except: Option<i64>) -> Result<(), AppError> {
    let taken = goals
        .iter()
        .any(|other| Some(other.id) != except && same_name(&other.name_nb, name));
    if taken {
        return Err(AppError::invalid("name_nb", Problem::GoalNameTaken));
    }
    Ok(())
}

async fn find(db: &impl ConnectionTrait, id: i64) -> Result<goal::Model, AppError> {
    goal::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)
}

/// Adds a goal (already parsed); returns its id.
pub async fn add(db: &DatabaseConnection, admin: &Viewer, text: GoalText) -> Result<i64, AppError> {
    let transaction = crate::server::transactions::begin(db).await?;
    crate::server::transactions::take_turns(&transaction, CHANGES_LOCK_KEY).await?;
    let goals = rows(&transaction).await?;
    refuse_taken(&goals, &text.name.nb, None)?;
    if goals.len() >= GOALS_MAX {
        return Err(AppError::invalid("name_nb", Problem::TooManyGoals));
    }
    let name = text.name.nb.clone();
    let mut added = goal::ActiveModel {
        created_at: Set(Utc::now()),
        retired_at: Set(None),
        ..Default::default()
    };
    set_text(&mut added, text);
    let added = added
        .insert(&transaction)
        .await
        .map_err(|error| AppError::from(error).conflict_as("name_nb", Problem::GoalNameTaken))?;
    audit::record(
        &transaction,
        admin,
        AuditAction::GoalAdded,
        AuditSubject::Goal(added.id),
        name,
    )
    .await?;
    transaction.commit().await?;
    Ok(added.id)
}

/// Gives goal `id` the names and descriptions `text` (already parsed).
/// The same text again changes nothing and logs nothing.
pub async fn edit(
    db: &DatabaseConnection,
    admin: &Viewer,
    id: i64,
    text: GoalText,
) -> Result<(), AppError> {
    let transaction = crate::server::transactions::begin(db).await?;
    crate::server::transactions::take_turns(&transaction, CHANGES_LOCK_KEY).await?;
    let found = find(&transaction, id).await?;
    let before = text_of(&found);
    if before == text {
        return Ok(());
    }
    refuse_taken(&rows(&transaction).await?, &text.name.nb, Some(id))?;
    let detail = if before.name.nb == text.name.nb {
        text.name.nb.clone()
    } else {
        format!("{} → {}", before.name.nb, text.name.nb)
    };
    let mut change: goal::ActiveModel = found.into();
    set_text(&mut change, text);
    change
        .update(&transaction)
        .await
        .map_err(|error| AppError::from(error).conflict_as("name_nb", Problem::GoalNameTaken))?;
    audit::record(
        &transaction,
        admin,
        AuditAction::GoalEdited,
        AuditSubject::Goal(id),
        detail,
    )
    .await?;
    transaction.commit().await?;
    Ok(())
}

/// Retires goal `id` (`retired`), or restores it. Doing it twice is the
/// same as once, and logs once.
pub async fn set_retired(
    db: &DatabaseConnection,
    admin: &Viewer,
    id: i64,
    retired: bool,
) -> Result<(), AppError> {
    let transaction = crate::server::transactions::begin(db).await?;
    crate::server::transactions::take_turns(&transaction, CHANGES_LOCK_KEY).await?;
    let found = find(&transaction, id).await?;
    if found.retired_at.is_some() == retired {
        return Ok(());
    }
    let name = found.name_nb.clone();
    let mut change: goal::ActiveModel = found.into();
    change.retired_at = Set(retired.then(Utc::now));
    change.update(&transaction).await?;
    let action = if retired {
        AuditAction::GoalRetired
    } else {
        AuditAction::GoalRestored
    };
    audit::record(&transaction, admin, action, AuditSubject::Goal(id), name).await?;
    transaction.commit().await?;
    Ok(())
}

/// Adds each of `goals` whose bokmål name no goal has yet, with no admin
/// behind it, and returns every one's id in order: for the demo data set
/// and for tests.
pub async fn ensure(db: &impl ConnectionTrait, goals: &[GoalText]) -> Result<Vec<i64>, AppError> {
    let mut known = rows(db).await?;
    let mut ids = Vec::new();
    for text in goals {
        if let Some(found) = known
            .iter()
            .find(|found| same_name(&found.name_nb, &text.name.nb))
        {
            ids.push(found.id);
            continue;
        }
        let mut added = goal::ActiveModel {
            created_at: Set(Utc::now()),
            retired_at: Set(None),
            ..Default::default()
        };
        set_text(&mut added, text.clone());
        let added = added.insert(db).await?;
        ids.push(added.id);
        known.push(added);
    }
    Ok(ids)
}

/// The ids of the goals linked to `to`.
pub async fn linked_ids(db: &impl ConnectionTrait, to: Linked) -> Result<Vec<i64>, DbErr> {
    Ok(match to {
        Linked::Challenge(id) => challenge_goal::Entity::find()
            .filter(challenge_goal::Column::ChallengeId.eq(id))
            .all(db)
            .await?
            .into_iter()
            .map(|link| link.goal_id)
            .collect(),
        Linked::Idea(id) => idea_goal::Entity::find()
            .filter(idea_goal::Column::IdeaId.eq(id))
            .all(db)
            .await?
            .into_iter()
            .map(|link| link.goal_id)
            .collect(),
        Linked::Solution(id) => solution_goal::Entity::find()
            .filter(solution_goal::Column::SolutionId.eq(id))
            .all(db)
            .await?
            .into_iter()
            .map(|link| link.goal_id)
            .collect(),
    })
}

/// The goals linked to `to`, retired ones marked, by bokmål name.
pub async fn linked(db: &impl ConnectionTrait, to: Linked) -> Result<Vec<Goal>, AppError> {
    let ids = linked_ids(db, to).await?;
    Ok(all(db)
        .await?
        .into_iter()
        .filter(|goal| ids.contains(&goal.id))
        .collect())
}

/// The goals linked to `to` that are still in use: what the public reads
/// on a challenge or an idea (a retired goal is no longer the municipality's).
pub async fn active_goals(db: &impl ConnectionTrait, to: Linked) -> Result<Vec<Goal>, AppError> {
    Ok(linked(db, to)
        .await?
        .into_iter()
        .filter(|goal| !goal.retired)
        .collect())
}

/// The goals of each of `ideas`, by idea: one query through the link
/// table's key, however many ideas there are in all.
pub async fn of_ideas(
    db: &impl ConnectionTrait,
    ideas: &[i64],
    goals: &[Goal],
) -> Result<HashMap<i64, Vec<Goal>>, DbErr> {
    let mut found: HashMap<i64, Vec<Goal>> = HashMap::new();
    if ideas.is_empty() {
        return Ok(found);
    }
    for link in idea_goal::Entity::find()
        .filter(idea_goal::Column::IdeaId.is_in(ideas.to_vec()))
        .all(db)
        .await?
    {
        if let Some(goal) = goals.iter().find(|goal| goal.id == link.goal_id) {
            found.entry(link.idea_id).or_default().push(goal.clone());
        }
    }
    Ok(found)
}

/// Checks the goals a form chose for something linked to `linked` now:
/// each must exist, and a retired one may only stay where it already is.
/// Returns them without repeats, as the form's `field` named them.
pub async fn check_chosen(
    db: &impl ConnectionTrait,
    field: &str,
    chosen: &[i64],
    linked: &[i64],
) -> Result<Vec<Goal>, AppError> {
    let goals = all(db).await?;
    let mut checked: Vec<Goal> = Vec::new();
    for id in chosen {
        if checked.iter().any(|goal| goal.id == *id) {
            continue;
        }
        let goal = goals
            .iter()
            .find(|goal| goal.id == *id)
            .ok_or_else(|| AppError::invalid(field, Problem::UnknownChoice))?;
        if goal.retired && !linked.contains(id) {
            return Err(AppError::invalid(field, Problem::GoalRetired));
        }
        checked.push(goal.clone());
    }
    Ok(checked)
}

/// Links `to` to exactly the goals `chosen` (already checked), adding and
/// removing what differs. Returns whether anything changed.
pub async fn replace(db: &impl ConnectionTrait, to: Linked, chosen: &[i64]) -> Result<bool, DbErr> {
    let before = linked_ids(db, to).await?;
    let gone: Vec<i64> = before
        .iter()
        .copied()
        .filter(|id| !chosen.contains(id))
        .collect();
    let new: Vec<i64> = chosen
        .iter()
        .copied()
        .filter(|id| !before.contains(id))
        .collect();
    let now = Utc::now();
    match to {
        Linked::Challenge(challenge) => {
            if !gone.is_empty() {
                challenge_goal::Entity::delete_many()
                    .filter(challenge_goal::Column::ChallengeId.eq(challenge))
                    .filter(challenge_goal::Column::GoalId.is_in(gone.clone()))
                    .exec(db)
                    .await?;
            }
            for goal_id in &new {
                challenge_goal::Entity::insert(challenge_goal::ActiveModel {
                    challenge_id: Set(challenge),
                    goal_id: Set(*goal_id),
                    added_at: Set(now),
                })
                .exec_without_returning(db)
                .await?;
            }
        }
        Linked::Idea(idea) => {
            if !gone.is_empty() {
                idea_goal::Entity::delete_many()
                    .filter(idea_goal::Column::IdeaId.eq(idea))
                    .filter(idea_goal::Column::GoalId.is_in(gone.clone()))
                    .exec(db)
                    .await?;
            }
            for goal_id in &new {
                idea_goal::Entity::insert(idea_goal::ActiveModel {
                    idea_id: Set(idea),
                    goal_id: Set(*goal_id),
                    added_at: Set(now),
                })
                .exec_without_returning(db)
                .await?;
            }
        }
        Linked::Solution(card) => {
            if !gone.is_empty() {
                solution_goal::Entity::delete_many()
                    .filter(solution_goal::Column::SolutionId.eq(card))
                    .filter(solution_goal::Column::GoalId.is_in(gone.clone()))
                    .exec(db)
                    .await?;
            }
            for goal_id in &new {
                solution_goal::Entity::insert(solution_goal::ActiveModel {
                    solution_id: Set(card),
                    goal_id: Set(*goal_id),
                    added_at: Set(now),
                })
                .exec_without_returning(db)
                .await?;
            }
        }
    }
    Ok(!gone.is_empty() || !new.is_empty())
}
