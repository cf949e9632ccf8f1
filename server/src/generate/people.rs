//! The generated municipality's people, departments and challenges: made
//! before the ideas, which refer to them by id.

use app::features::accounts::types::{ActorType, Role};
use app::features::challenges::types::ChallengeState;
use app::features::focus_area::FocusArea;
use chrono::{DateTime, Duration, Utc};
use rand::Rng;
use rand::rngs::StdRng;
use sea_orm::DatabaseConnection;

use super::bulk::Rows;
use super::ids::{Ids, Numbered};

/// Accounts that work for the municipality: staff, the first two also
/// moderators. They score, own and move the ideas in the pipeline.
pub const STAFF: usize = 20;
pub const DEPARTMENTS: usize = 8;

pub struct People {
    /// Every generated account's id, staff first.
    pub accounts: Vec<i64>,
    pub actor_types: Vec<ActorType>,
    pub departments: Vec<i64>,
}

impl People {
    pub fn staff(&self) -> &[i64] {
        &self.accounts[..STAFF]
    }
}

/// `count` accounts (at least [`STAFF`]) of every actor type, the staff
/// with their roles and departments.
pub async fn people(
    db: &DatabaseConnection,
    ids: &mut Ids,
    count: usize,
    until: DateTime<Utc>,
) -> anyhow::Result<People> {
    let count = count.max(STAFF);
    let first = ids.take(Numbered::Account, count as i64);
    let mut accounts = Rows::new(
        "account",
        &[
            "id",
            "email",
            "email_verified_at",
            "password_hash",
            "display_name",
            "actor_type",
            "organisation",
            "locale",
            "email_notifications",
            "created_at",
            "updated_at",
        ],
    );
    let mut actor_types = Vec::with_capacity(count);
    for n in 0..count {
        let id = first + n as i64;
        let actor = if n < STAFF {
            ActorType::Employee
        } else {
            ActorType::ALL[n % ActorType::ALL.len()]
        };
        let organisation = matches!(actor, ActorType::Business | ActorType::Research)
            .then(|| format!("Generert organisasjon {}", n % 97));
        let joined = until - Duration::days(3650 - (n as i64 * 3650 / count as i64));
        accounts.push([
            id.into(),
            format!("generert-{id}@example.invalid").into(),
            joined.into(),
            // Not a password hash: nobody can sign in as a generated person.
            "!generated".into(),
            format!("Testperson {id}").into(),
            actor.as_str().into(),
            organisation.into(),
            "nb".into(),
            "off".into(),
            joined.into(),
            joined.into(),
        ]);
        actor_types.push(actor);
    }
    accounts.write(db).await?;

    let first_department = ids.take(Numbered::Department, DEPARTMENTS as i64);
    let departments: Vec<i64> = (0..DEPARTMENTS as i64)
        .map(|n| first_department + n)
        .collect();
    let mut rows = Rows::new("department", &["id", "name", "created_at"]);
    for id in &departments {
        rows.push([
            (*id).into(),
            format!("Generert avdeling {id}").into(),
            (until - Duration::days(3650)).into(),
        ]);
    }
    rows.write(db).await?;

    let mut roles = Rows::new("account_role", &["account_id", "role", "granted_at"]);
    let mut members = Rows::new("department_member", &["account_id", "department_id"]);
    for (n, account) in (first..first + STAFF as i64).enumerate() {
        roles.push([account.into(), Role::Staff.as_str().into(), until.into()]);
        if n < 2 {
            roles.push([
                account.into(),
                Role::Moderator.as_str().into(),
                until.into(),
            ]);
        }
        members.push([account.into(), departments[n % DEPARTMENTS].into()]);
    }
    roles.write(db).await?;
    members.write(db).await?;
    Ok(People {
        accounts: (first..first + count as i64).collect(),
        actor_types,
        departments,
    })
}

/// `count` challenges, every state among them (each in turn), with members.
/// Returns the ids of those that take ideas or took them (open and later).
pub async fn challenges(
    db: &DatabaseConnection,
    ids: &mut Ids,
    rng: &mut StdRng,
    people: &People,
    count: usize,
    until: DateTime<Utc>,
) -> anyhow::Result<Vec<i64>> {
    let first = ids.take(Numbered::Challenge, count as i64);
    let mut challenges = Rows::new(
        "challenge",
        &[
            "id",
            "title",
            "problem",
            "focus_area",
            "department_id",
            "opens_on",
            "closes_on",
            "state",
            "decline_reason",
            "proposed_by",
            "created_at",
            "updated_at",
        ],
    );
    let mut members = Rows::new(
        "challenge_member",
        &["challenge_id", "account_id", "note", "joined_at"],
    );
    let mut with_ideas = Vec::new();
    for n in 0..count {
        let id = first + n as i64;
        let state = ChallengeState::ALL[n % ChallengeState::ALL.len()];
        let created = until - Duration::days(rng.random_range(30..3600));
        let opens = created + Duration::days(14);
        let closes = match state {
            ChallengeState::Open => until + Duration::days(rng.random_range(7..90)),
            _ => opens + Duration::days(60),
        };
        let proposer = people.accounts[rng.random_range(STAFF..people.accounts.len())];
        challenges.push([
            id.into(),
            format!("Generert utfordring {id}: hvordan får vi flere med?").into(),
            "Et generert problem som trenger ideer fra innbyggere, lag og næringsliv.".into(),
            FocusArea::ALL[n % FocusArea::ALL.len()].as_str().into(),
            people.departments[n % DEPARTMENTS].into(),
            opens.date_naive().into(),
            closes.date_naive().into(),
            state.as_str().into(),
            (state == ChallengeState::Declined)
                .then_some("Passer ikke med årets prioriteringer.")
                .into(),
            matches!(state, ChallengeState::Proposed | ChallengeState::Declined)
                .then_some(proposer)
                .into(),
            created.into(),
            created.into(),
        ]);
        if !matches!(state, ChallengeState::Proposed | ChallengeState::Declined) {
            with_ideas.push(id);
            let joining = rng.random_range(0..40.min(people.accounts.len() - STAFF));
            let chosen = rand::seq::index::sample(rng, people.accounts.len() - STAFF, joining);
            for index in chosen {
                members.push([
                    id.into(),
                    people.accounts[STAFF + index].into(),
                    "Vil gjerne bidra (generert).".into(),
                    opens.into(),
                ]);
            }
        }
    }
    challenges.write(db).await?;
    members.write(db).await?;
    Ok(with_ideas)
}
