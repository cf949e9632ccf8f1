//! The shared goals, people, challenges and ideas of the demo data set, read from
//! `content.json` (written in Norwegian, as Bærum's residents would). Dates
//! are relative to today, so the site looks alive whenever it is loaded.

use std::collections::HashMap;

use anyhow::Context;
use app::entities::{
    account, account_role, challenge, challenge_goal, challenge_member, department,
    department_member, idea, idea_department, idea_goal, idea_tag,
};
use app::features::goals::types::{GoalText, Localized};
use app::features::ideas::ranking::hot_score;
use chrono::{Duration, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ConnectionTrait, DatabaseConnection, EntityTrait,
};
use serde::Deserialize;

const CONTENT: &str = include_str!("content.json");

#[derive(Deserialize)]
struct Content {
    goals: Vec<Goal>,
    people: Vec<Person>,
    challenges: Vec<Challenge>,
    ideas: Vec<Idea>,
    comments: Vec<Comment>,
    plans: Vec<super::plans::Plan>,
    lessons: Vec<super::plans::Lesson>,
}

/// One of the municipality's shared goals, in three languages.
#[derive(Deserialize)]
struct Goal {
    key: String,
    name: Localized,
    description: Localized,
}

#[derive(Deserialize)]
struct Person {
    key: String,
    display_name: String,
    email: String,
    actor_type: String,
    organisation: Option<String>,
    staff_departments: Vec<String>,
}

#[derive(Deserialize)]
struct Challenge {
    key: String,
    title: String,
    problem: String,
    focus_area: String,
    department: Option<String>,
    state: String,
    opens_days_from_now: i64,
    closes_days_from_now: i64,
    proposed_by: Option<String>,
    decline_reason: Option<String>,
    members: Vec<Member>,
    /// The shared goals it works towards, by key.
    #[serde(default)]
    goals: Vec<String>,
}

#[derive(Deserialize)]
struct Member {
    person: String,
    note: String,
}

#[derive(Deserialize)]
struct Idea {
    author: String,
    title: String,
    summary: String,
    body: String,
    focus_area: String,
    district: Option<String>,
    challenge: Option<String>,
    tags: Vec<String>,
    status: String,
    days_ago: i64,
    /// The departments that own it (ideas in review or later).
    #[serde(default)]
    owners: Vec<String>,
    /// The shared goals it works towards, by key (ideas in review or later).
    #[serde(default)]
    goals: Vec<String>,
}

/// A comment on `ideas[idea]`, replying to `comments[parent]` if given.
#[derive(Deserialize)]
pub(super) struct Comment {
    pub(super) idea: usize,
    pub(super) parent: Option<usize>,
    pub(super) author: String,
    pub(super) stance: Option<String>,
    pub(super) body: String,
    pub(super) hours_ago: i64,
}

/// Loads every person, challenge, idea, comment and support in one transaction.
pub async fn load(db: &DatabaseConnection) -> anyhow::Result<()> {
    let content: Content = serde_json::from_str(CONTENT).context("demo/content.json")?;
    let txn = app::server::transactions::begin(db).await?;
    let departments: HashMap<String, i64> = department::Entity::find()
        .all(&txn)
        .await?
        .into_iter()
        .map(|found| (found.name, found.id))
        .collect();
    let department = |name: &str| {
        departments
            .get(name)
            .copied()
            .with_context(|| format!("demo department {name}"))
    };
    let now = Utc::now();
    let today = now.date_naive();
    let goals = load_goals(&txn, &content.goals).await?;
    let goal = |key: &str| {
        goals
            .get(key)
            .copied()
            .with_context(|| format!("demo goal {key}"))
    };

    let mut people = HashMap::new();
    for person in content.people {
        let created = account::ActiveModel {
            email: Set(person.email),
            email_verified_at: Set(Some(now)),
            // Not a password hash: nobody can sign in as a demo person.
            password_hash: Set("!demo".to_owned()),
            display_name: Set(person.display_name),
            actor_type: Set(person.actor_type.parse()?),
            organisation: Set(person.organisation),
            locale: Set(app::i18n::Locale::Nb),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        if !person.staff_departments.is_empty() {
            account_role::ActiveModel {
                account_id: Set(created.id),
                role: Set(app::features::accounts::types::Role::Staff),
                granted_at: Set(now),
            }
            .insert(&txn)
            .await?;
        }
        for name in &person.staff_departments {
            department_member::ActiveModel {
                account_id: Set(created.id),
                department_id: Set(department(name)?),
            }
            .insert(&txn)
            .await?;
        }
        people.insert(person.key, (created.id, created.actor_type));
    }
    let person = |key: &str| {
        people
            .get(key)
            .cloned()
            .with_context(|| format!("demo person {key}"))
    };

    let mut challenges = HashMap::new();
    for found in content.challenges {
        let created = challenge::ActiveModel {
            title: Set(found.title),
            problem: Set(found.problem),
            focus_area: Set(found.focus_area.parse()?),
            department_id: Set(found.department.as_deref().map(department).transpose()?),
            opens_on: Set(today + Duration::days(found.opens_days_from_now)),
            closes_on: Set(today + Duration::days(found.closes_days_from_now)),
            state: Set(found.state.parse()?),
            decline_reason: Set(found.decline_reason),
            proposed_by: Set(found
                .proposed_by
                .as_deref()
                .map(person)
                .transpose()?
                .map(|p| p.0)),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        for member in found.members {
            challenge_member::ActiveModel {
                challenge_id: Set(created.id),
                account_id: Set(person(&member.person)?.0),
                note: Set(member.note),
                joined_at: Set(now),
            }
            .insert(&txn)
            .await?;
        }
        for key in &found.goals {
            challenge_goal::ActiveModel {
                challenge_id: Set(created.id),
                goal_id: Set(goal(key)?),
                added_at: Set(now),
            }
            .insert(&txn)
            .await?;
        }
        challenges.insert(found.key, created.id);
    }

    let mut ideas = Vec::new();
    for found in content.ideas {
        let (author_id, actor_type) = person(&found.author)?;
        let published_at =
            now - Duration::days(found.days_ago) - Duration::minutes(found.days_ago * 37 % 600);
        let created = idea::ActiveModel {
            author_id: Set(Some(author_id)),
            author_actor_type: Set(actor_type),
            title: Set(found.title),
            summary: Set(found.summary),
            body: Set(found.body),
            focus_area: Set(found.focus_area.parse()?),
            district: Set(found.district),
            challenge_id: Set(found
                .challenge
                .as_deref()
                .map(|key| {
                    challenges
                        .get(key)
                        .copied()
                        .with_context(|| format!("demo challenge {key}"))
                })
                .transpose()?),
            status: Set(found.status.parse()?),
            support_count: Set(0),
            comment_count: Set(0),
            hot_score: Set(hot_score(0, 0, published_at)),
            first_vote_at: Set(None),
            created_at: Set(published_at),
            updated_at: Set(published_at),
            published_at: Set(Some(published_at)),
            stage_entered_at: Set(Some(published_at)),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        for name in &found.owners {
            idea_department::ActiveModel {
                idea_id: Set(created.id),
                department_id: Set(department(name)?),
                added_at: Set(published_at),
            }
            .insert(&txn)
            .await?;
        }
        for key in &found.goals {
            idea_goal::ActiveModel {
                idea_id: Set(created.id),
                goal_id: Set(goal(key)?),
                added_at: Set(published_at),
            }
            .insert(&txn)
            .await?;
        }
        for tag in found.tags {
            idea_tag::ActiveModel {
                idea_id: Set(created.id),
                tag: Set(tag),
            }
            .insert(&txn)
            .await?;
        }
        ideas.push(created);
    }
    let mut everyone: Vec<i64> = people.values().map(|(id, _)| *id).collect();
    everyone.sort_unstable();
    super::engagement::load(&txn, &ideas, &everyone, content.comments, &person).await?;
    super::plans::load(&txn, &ideas, content.plans, &|key| person(key).map(|p| p.0)).await?;
    super::plans::load_lessons(&txn, &ideas, content.lessons).await?;
    super::timeline::load(&txn, &ideas).await?;
    txn.commit().await?;
    Ok(())
}

/// Adds the shared goals; returns their ids by key.
async fn load_goals(
    db: &impl ConnectionTrait,
    goals: &[Goal],
) -> anyhow::Result<HashMap<String, i64>> {
    let texts: Vec<GoalText> = goals
        .iter()
        .map(|goal| GoalText {
            name: goal.name.clone(),
            description: goal.description.clone(),
        })
        .collect();
    let ids = app::features::goals::service::ensure(db, &texts).await?;
    Ok(goals.iter().map(|goal| goal.key.clone()).zip(ids).collect())
}
