//! The rules of challenges: who may propose, publish, approve, decline and
//! move one along, who may see it, and joining and leaving its team.

use std::collections::HashMap;

use chrono::Utc;
use sea_orm::sea_query::{Expr, ExprTrait as _};
use sea_orm::sea_query::{LockBehavior, LockType};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr,
    EntityTrait, QueryFilter, QueryOrder, QuerySelect,
};

use super::types::{
    ChallengeCard, ChallengeEditor, ChallengeLists, ChallengeState, ChallengeText, EditableDates,
    accepts_ideas, parse_reason,
};
use crate::entities::{challenge, challenge_member, challenge_tally, department};
use crate::error::{AppError, Problem};
use crate::features::accounts::types::Viewer;
use crate::features::audit::service as audit;
use crate::features::audit::types::{AuditAction, AuditSubject};
use crate::features::follows::{service as follows, types::Subject};
use crate::features::goals::service::{self as goals, Linked};
use crate::features::notifications::service::{self as notifications, Notice, Recipients};
use crate::features::notifications::types::Kind;
use crate::time::today_in_oslo;

pub(super) fn is_proposer(model: &challenge::Model, viewer: Option<&Viewer>) -> bool {
    viewer.is_some_and(|viewer| model.proposed_by == Some(viewer.account_id))
}

pub(super) fn may_see(model: &challenge::Model, viewer: Option<&Viewer>) -> bool {
    model.state.is_public()
        || viewer.is_some_and(Viewer::acts_as_staff)
        || is_proposer(model, viewer)
}

/// A hidden challenge is read by its proposer, staff and moderators only;
/// everyone else gets the notice in its place, and no list shows it.
pub(super) fn hidden_from(model: &challenge::Model, viewer: Option<&Viewer>) -> bool {
    model.hidden_at.is_some()
        && !viewer.is_some_and(Viewer::acts_as_staff)
        && !is_proposer(model, viewer)
        && !viewer.is_some_and(Viewer::moderates)
}

/// Staff publish a challenge at once, with the shared goals it works
/// towards; anyone else proposes it for staff to approve, without goals.
pub async fn create(
    db: &DatabaseConnection,
    viewer: &Viewer,
    text: ChallengeText,
    goal_ids: &[i64],
) -> Result<i64, AppError> {
    viewer.require_participant()?;
    let staff = viewer.acts_as_staff();
    if !staff && !goal_ids.is_empty() {
        return Err(AppError::Forbidden);
    }
    owner_department(db, text.department_id, staff, None).await?;
    let chosen = goals::check_chosen(db, "goals", goal_ids, &[]).await?;
    let now = Utc::now();
    let state = if staff {
        ChallengeState::Open
    } else {
        ChallengeState::Proposed
    };
    let transaction = crate::server::transactions::begin(db).await?;
    let created = challenge::ActiveModel {
        title: Set(text.title),
        problem: Set(text.problem),
        focus_area: Set(text.focus_area),
        department_id: Set(text.department_id),
        opens_on: Set(text.opens_on),
        closes_on: Set(text.closes_on),
        state: Set(state),
        decline_reason: Set(None),
        proposed_by: Set(Some(viewer.account_id)),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&transaction)
    .await?;
    let ids: Vec<i64> = chosen.iter().map(|goal| goal.id).collect();
    goals::replace(&transaction, Linked::Challenge(created.id), &ids).await?;
    follows::follow_automatically(
        &transaction,
        viewer.account_id,
        Subject::Challenge(created.id),
    )
    .await?;
    transaction.commit().await?;
    Ok(created.id)
}

/// The owner department chosen in a challenge form: one that exists, or
/// none where none is `required`. A retired department is chosen no more,
/// but the owner a challenge has (`kept`) may stay, retired or not.
async fn owner_department(
    db: &impl ConnectionTrait,
    department_id: Option<i64>,
    required: bool,
    kept: Option<i64>,
) -> Result<Option<department::Model>, AppError> {
    match department_id {
        Some(id) => {
            let found = department::Entity::find_by_id(id)
                .one(db)
                .await?
                .ok_or_else(|| AppError::invalid("department_id", Problem::UnknownChoice))?;
            if found.retired_at.is_some() && kept != Some(id) {
                return Err(AppError::invalid(
                    "department_id",
                    Problem::DepartmentRetired,
                ));
            }
            Ok(Some(found))
        }
        None if required => Err(AppError::invalid("department_id", Problem::Required)),
        None => Ok(None),
    }
}

/// The version of a challenge an edit form is filled in from: when it was
/// last changed, to the microsecond (as both databases keep it).
fn version_of(model: &challenge::Model) -> i64 {
    model.updated_at.timestamp_micros()
}

/// The challenge as staff's edit form starts from.
pub async fn editor(
    db: &DatabaseConnection,
    viewer: &Viewer,
    id: i64,
) -> Result<ChallengeEditor, AppError> {
    viewer.require_staff()?;
    let found = challenge::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let state = found.state;
    let goal_ids = goals::linked_ids(db, Linked::Challenge(id)).await?;
    Ok(ChallengeEditor {
        id,
        state,
        goal_ids,
        dates: EditableDates::of(state, found.opens_on, today_in_oslo(Utc::now())),
        version: version_of(&found),
        focus_area: found.focus_area,
        title: found.title,
        problem: found.problem,
        department_id: found.department_id,
        opens_on: found.opens_on,
        closes_on: found.closes_on,
    })
}

/// Staff correct a challenge in any state: its title, problem, focus
/// area, owner department and, while they are not yet history (see
/// [`EditableDates`]), its dates. Any staff member may, as any may move
/// a challenge along. A public challenge keeps an owner.
///
/// `version` is the one the form was filled in from: if someone saved the
/// challenge since, the save is refused rather than overwriting theirs (a
/// repeat of the very same save, a double click, simply finds it done).
/// Every change is written to the audit log with what changed; when the
/// dates move, the team and the followers are told, each once, the editor
/// not. The state stays as it is: new dates never open or close a
/// challenge, which are moves of their own ([`change_state`]).
pub async fn update(
    db: &DatabaseConnection,
    viewer: &Viewer,
    id: i64,
    version: i64,
    text: ChallengeText,
    goal_ids: &[i64],
) -> Result<(), AppError> {
    viewer.require_staff()?;
    viewer.require_participant()?;
    let transaction = crate::server::transactions::begin(db).await?;
    let found = challenge::Entity::find_by_id(id)
        .lock(LockType::Update)
        .one(&transaction)
        .await?
        .ok_or(AppError::NotFound)?;
    let linked = goals::linked_ids(&transaction, Linked::Challenge(id)).await?;
    let chosen = goals::check_chosen(&transaction, "goals", goal_ids, &linked).await?;
    let mut before_goals = linked.clone();
    before_goals.sort_unstable();
    let mut after_goals: Vec<i64> = chosen.iter().map(|goal| goal.id).collect();
    after_goals.sort_unstable();
    let unchanged = before_goals == after_goals
        && found.title == text.title
        && found.problem == text.problem
        && found.focus_area == text.focus_area
        && found.department_id == text.department_id
        && found.opens_on == text.opens_on
        && found.closes_on == text.closes_on;
    if version_of(&found) != version && !unchanged {
        return Err(AppError::invalid("version", Problem::ChangedMeanwhile));
    }
    if unchanged {
        return Ok(());
    }
    let state = found.state;
    let today = today_in_oslo(Utc::now());
    EditableDates::of(state, found.opens_on, today).check(
        state,
        (found.opens_on, found.closes_on),
        (text.opens_on, text.closes_on),
        today,
    )?;
    let owner = owner_department(
        &transaction,
        text.department_id,
        state.is_public(),
        found.department_id,
    )
    .await?;
    let before_owner = match found.department_id {
        Some(id) if Some(id) != text.department_id => department::Entity::find_by_id(id)
            .one(&transaction)
            .await?
            .map(|found| found.name),
        _ => None,
    };
    let mut changes = Vec::new();
    if found.title != text.title {
        changes.push(format!("title: {} → {}", found.title, text.title));
    }
    if found.problem != text.problem {
        changes.push("problem changed".to_owned());
    }
    if found.focus_area != text.focus_area {
        changes.push(format!(
            "focus_area: {} → {}",
            found.focus_area,
            text.focus_area.as_str()
        ));
    }
    if found.department_id != text.department_id {
        changes.push(format!(
            "owner: {} → {}",
            before_owner.as_deref().unwrap_or("–"),
            owner.as_ref().map_or("–", |owner| owner.name.as_str())
        ));
    }
    if found.opens_on != text.opens_on {
        changes.push(format!("opens_on: {} → {}", found.opens_on, text.opens_on));
    }
    if found.closes_on != text.closes_on {
        changes.push(format!(
            "closes_on: {} → {}",
            found.closes_on, text.closes_on
        ));
    }
    if before_goals != after_goals {
        let names: Vec<&str> = chosen.iter().map(|goal| goal.name.nb.as_str()).collect();
        changes.push(format!("goals: [{}]", names.join(", ")));
        goals::replace(&transaction, Linked::Challenge(id), &after_goals).await?;
    }
    let dates_moved = found.opens_on != text.opens_on || found.closes_on != text.closes_on;
    let detail = format!("{}: {}", found.title, changes.join("; "));
    let mut change: challenge::ActiveModel = found.clone().into();
    change.title = Set(text.title);
    change.problem = Set(text.problem);
    change.focus_area = Set(text.focus_area);
    change.department_id = Set(text.department_id);
    change.opens_on = Set(text.opens_on);
    change.closes_on = Set(text.closes_on);
    if found.closes_on != text.closes_on {
        // "Closes soon" is told again before the new last day.
        change.closing_notice_sent_at = Set(None);
    }
    change.updated_at = Set(Utc::now());
    change.update(&transaction).await?;
    audit::record(
        &transaction,
        viewer,
        AuditAction::ChallengeEdited,
        AuditSubject::Challenge(id),
        detail,
    )
    .await?;
    if dates_moved {
        notifications::send(
            &transaction,
            Notice::new(Kind::ChallengeDates)
                .challenge(id)
                .detail(format!("{}/{}", text.opens_on, text.closes_on)),
            Recipients::ChallengeTeamAndFollowers(id),
            Some(viewer.account_id),
        )
        .await?;
    }
    transaction.commit().await?;
    Ok(())
}

/// Staff move a challenge along: approve or decline a proposal (a decline
/// needs a reason, an approval an owner department), close it for ideas,
/// reopen it, evaluate, finish.
pub async fn change_state(
    db: &DatabaseConnection,
    viewer: &Viewer,
    id: i64,
    to: ChallengeState,
    reason: &str,
    department_id: Option<i64>,
) -> Result<(), AppError> {
    if !viewer.acts_as_staff() {
        return Err(AppError::Forbidden);
    }
    let found = challenge::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let from = found.state;
    if !from.next_states().contains(&to) {
        return Err(AppError::invalid("state", Problem::NotAllowedNow));
    }
    let mut change: challenge::ActiveModel = found.clone().into();
    let mut reason_given = None;
    if to == ChallengeState::Declined {
        let reason = parse_reason(reason)?;
        reason_given = Some(reason.clone());
        change.decline_reason = Set(Some(reason));
    }
    if from == ChallengeState::Proposed && to == ChallengeState::Open {
        let owner = department_id
            .or(found.department_id)
            .ok_or_else(|| AppError::invalid("department_id", Problem::Required))?;
        // Approval makes the owner: a department retired since the
        // proposal named it is refused like one chosen now.
        crate::features::departments::service::require_offered(db, "department_id", owner).await?;
        change.department_id = Set(Some(owner));
    }
    change.state = Set(to);
    change.updated_at = Set(Utc::now());
    let transaction = crate::server::transactions::begin(db).await?;
    change.update(&transaction).await?;
    let (action, detail) = match (from, to) {
        (ChallengeState::Proposed, ChallengeState::Open) => {
            (AuditAction::ChallengeApproved, found.title.clone())
        }
        (_, ChallengeState::Declined) => (
            AuditAction::ChallengeDeclined,
            format!(
                "{}: {}",
                found.title,
                reason_given.clone().unwrap_or_default()
            ),
        ),
        _ => (
            AuditAction::ChallengeStateChanged,
            format!("{}: {} → {}", found.title, from.as_str(), to.as_str()),
        ),
    };
    audit::record(
        &transaction,
        viewer,
        action,
        AuditSubject::Challenge(id),
        detail,
    )
    .await?;
    let (notice, recipients) = match (from, to, found.proposed_by) {
        (ChallengeState::Proposed, ChallengeState::Open, Some(proposer)) => (
            Notice::new(Kind::ProposalApproved),
            Recipients::Account(proposer),
        ),
        (_, ChallengeState::Declined, Some(proposer)) => (
            Notice::new(Kind::ProposalDeclined).detail(reason_given.unwrap_or_default()),
            Recipients::Account(proposer),
        ),
        _ => (
            Notice::new(Kind::ChallengeState).detail(to.as_str()),
            Recipients::Followers(Subject::Challenge(id)),
        ),
    };
    notifications::send(
        &transaction,
        notice.challenge(id),
        recipients,
        Some(viewer.account_id),
    )
    .await?;
    transaction.commit().await?;
    Ok(())
}

/// How many days before a challenge closes for ideas its followers hear.
const CLOSING_NOTICE_DAYS: i64 = 3;

/// Tells the followers of every open challenge that closes for ideas within
/// [`CLOSING_NOTICE_DAYS`] (Oslo days), once per challenge. The job worker
/// calls it; instances running it together tell each challenge once.
pub async fn announce_closing(
    db: &DatabaseConnection,
    now: chrono::DateTime<Utc>,
) -> Result<usize, DbErr> {
    let today = today_in_oslo(now);
    let horizon = today + chrono::Duration::days(CLOSING_NOTICE_DAYS);
    let transaction = crate::server::transactions::begin(db).await?;
    let due = challenge::Entity::find()
        .filter(challenge::Column::State.eq(ChallengeState::Open.as_str()))
        .filter(challenge::Column::ClosesOn.between(today, horizon))
        .filter(challenge::Column::ClosingNoticeSentAt.is_null())
        .filter(challenge::Column::HiddenAt.is_null())
        .lock_with_behavior(LockType::Update, LockBehavior::SkipLocked)
        .all(&transaction)
        .await?;
    for found in &due {
        notifications::send(
            &transaction,
            Notice::new(Kind::ChallengeClosing)
                .challenge(found.id)
                .detail(found.closes_on.to_string()),
            Recipients::Followers(Subject::Challenge(found.id)),
            None,
        )
        .await?;
        challenge::Entity::update_many()
            .col_expr(challenge::Column::ClosingNoticeSentAt, Expr::value(now))
            .filter(challenge::Column::Id.eq(found.id))
            .exec(&transaction)
            .await?;
    }
    transaction.commit().await?;
    Ok(due.len())
}

/// Joins the challenge's team, or updates the note of one already in it.
pub async fn join(
    db: &DatabaseConnection,
    viewer: &Viewer,
    id: i64,
    note: String,
) -> Result<(), AppError> {
    viewer.require_participant()?;
    let found = visible(db, Some(viewer), id).await?;
    if !found.state.accepts_members() {
        return Err(AppError::invalid("note", Problem::NotAllowedNow));
    }
    challenge_member::Entity::insert(challenge_member::ActiveModel {
        challenge_id: Set(id),
        account_id: Set(viewer.account_id),
        note: Set(note),
        joined_at: Set(Utc::now()),
    })
    .on_conflict(
        sea_orm::sea_query::OnConflict::columns([
            challenge_member::Column::ChallengeId,
            challenge_member::Column::AccountId,
        ])
        .update_column(challenge_member::Column::Note)
        .to_owned(),
    )
    .exec(db)
    .await?;
    follows::follow_automatically(db, viewer.account_id, Subject::Challenge(id)).await?;
    Ok(())
}

pub async fn leave(db: &DatabaseConnection, viewer: &Viewer, id: i64) -> Result<(), AppError> {
    challenge_member::Entity::delete_many()
        .filter(challenge_member::Column::ChallengeId.eq(id))
        .filter(challenge_member::Column::AccountId.eq(viewer.account_id))
        .exec(db)
        .await?;
    Ok(())
}

/// The challenge if `viewer` may see it; `NotFound` otherwise, so hidden
/// proposals cannot be told apart from ids that do not exist.
pub(crate) async fn visible(
    db: &impl ConnectionTrait,
    viewer: Option<&Viewer>,
    id: i64,
) -> Result<challenge::Model, AppError> {
    challenge::Entity::find_by_id(id)
        .one(db)
        .await?
        .filter(|found| may_see(found, viewer))
        .ok_or(AppError::NotFound)
}

/// Whether ideas may be submitted to challenge `id` today.
pub async fn takes_ideas(db: &impl ConnectionTrait, id: i64) -> Result<bool, AppError> {
    Ok(challenge::Entity::find_by_id(id)
        .one(db)
        .await?
        .is_some_and(|found| {
            accepts_ideas(
                found.state,
                found.opens_on,
                found.closes_on,
                today_in_oslo(Utc::now()),
            )
        }))
}

/// `/challenges`: open ones first (closing soonest first), then earlier
/// ones, and the proposals the viewer may see.
pub async fn lists(
    db: &DatabaseConnection,
    viewer: Option<&Viewer>,
) -> Result<ChallengeLists, AppError> {
    let all = challenge::Entity::find()
        .order_by_asc(challenge::Column::ClosesOn)
        .order_by_desc(challenge::Column::Id)
        .all(db)
        .await?;
    let visible: Vec<challenge::Model> = all
        .into_iter()
        .filter(|c| may_see(c, viewer) && !hidden_from(c, viewer))
        .collect();
    let every = cards(db, visible).await?;
    let (mut open, mut earlier, mut proposals) = (Vec::new(), Vec::new(), Vec::new());
    for card in every {
        match card.state {
            ChallengeState::Proposed | ChallengeState::Declined => proposals.push(card),
            ChallengeState::Open
                if card.accepts_ideas || card.opens_on > today_in_oslo(Utc::now()) =>
            {
                open.push(card)
            }
            _ => earlier.push(card),
        }
    }
    earlier.reverse();
    Ok(ChallengeLists {
        open,
        earlier,
        proposals,
    })
}

/// The first `shown` of the open challenges that take ideas today (closing
/// soonest first) as cards, and how many there are, for the home page.
/// Only the shown ones are counted up: their ideas and members are read
/// per card, and a big municipality has many challenges open at once.
pub async fn open_for_ideas(
    db: &impl ConnectionTrait,
    shown: usize,
) -> Result<(Vec<ChallengeCard>, u64), AppError> {
    let mut taking = taking_ideas(db).await?;
    let count = taking.len() as u64;
    taking.truncate(shown);
    Ok((cards(db, taking).await?, count))
}

/// The ids and titles of the challenges that take ideas today, for the idea
/// form and the list's filter: no counts needed.
pub async fn titles_taking_ideas(
    db: &impl ConnectionTrait,
) -> Result<Vec<(i64, String)>, AppError> {
    Ok(taking_ideas(db)
        .await?
        .into_iter()
        .map(|found| (found.id, found.title))
        .collect())
}

/// Open challenges between their dates today (see [`accepts_ideas`]),
/// closing soonest first.
async fn taking_ideas(db: &impl ConnectionTrait) -> Result<Vec<challenge::Model>, AppError> {
    let today = today_in_oslo(Utc::now());
    Ok(challenge::Entity::find()
        .filter(challenge::Column::State.eq(ChallengeState::Open.as_str()))
        .filter(challenge::Column::HiddenAt.is_null())
        .filter(challenge::Column::OpensOn.lte(today))
        .filter(challenge::Column::ClosesOn.gte(today))
        .order_by_asc(challenge::Column::ClosesOn)
        .all(db)
        .await?)
}

/// Cards for `challenges`, with their department names and counts of
/// visible public ideas (kept by the database) and team members.
pub(super) async fn cards(
    db: &impl ConnectionTrait,
    challenges: Vec<challenge::Model>,
) -> Result<Vec<ChallengeCard>, AppError> {
    let ids: Vec<i64> = challenges.iter().map(|c| c.id).collect();
    let departments: HashMap<i64, String> = department::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|d| (d.id, d.name))
        .collect();
    // Kept by the database (migration 23): the same cost at any size.
    let idea_counts: HashMap<i64, i64> = challenge_tally::Entity::find()
        .filter(challenge_tally::Column::ChallengeId.is_in(ids.clone()))
        .all(db)
        .await?
        .into_iter()
        .map(|tally| (tally.challenge_id, tally.ideas))
        .collect();
    let member_counts: HashMap<i64, i64> = challenge_member::Entity::find()
        .select_only()
        .column(challenge_member::Column::ChallengeId)
        .column_as(Expr::col(challenge_member::Column::AccountId).count(), "n")
        .filter(challenge_member::Column::ChallengeId.is_in(ids))
        .group_by(challenge_member::Column::ChallengeId)
        .into_tuple::<(i64, i64)>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    let today = today_in_oslo(Utc::now());
    Ok(challenges
        .into_iter()
        .map(|found| {
            let state = found.state;
            ChallengeCard {
                id: found.id,
                focus_area: found.focus_area,
                department: found
                    .department_id
                    .and_then(|id| departments.get(&id).cloned()),
                department_id: found.department_id,
                accepts_ideas: accepts_ideas(state, found.opens_on, found.closes_on, today),
                opens_on: found.opens_on,
                closes_on: found.closes_on,
                state,
                idea_count: idea_counts.get(&found.id).copied().unwrap_or(0),
                member_count: member_counts.get(&found.id).copied().unwrap_or(0),
                title: found.title,
            }
        })
        .collect())
}
