//! Reading and saving solution cards. A draft is edited in place; its
//! first publication makes version 1, and from then on every save of new
//! text publishes the next version, kept whole. Every save moves the
//! card's `revision` from the form's base to the next under the card's row
//! lock, so a save from an older form is refused rather than overwriting
//! someone else's work, and the same text sent twice saves once.

use chrono::Utc;
use sea_orm::sea_query::{LockType, SimpleExpr};
use sea_orm::{
    ActiveModelTrait as _, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection,
    EntityTrait, IntoActiveModel as _, QueryFilter, QueryOrder, QuerySelect,
};

use super::listing::{PAGE_SIZE, SolutionQuery};
use super::types::{
    Adopter, EXCERPT_MAX, Maturity, Origin, SolutionCard, SolutionEditor, SolutionLink,
    SolutionPage, SolutionText, SolutionView, SourceIdea, VersionRow, idea_was_tried,
};
use crate::entities::{
    idea, partner, solution, solution_adoption, solution_goal, solution_version,
};
use crate::error::{AppError, Problem};
use crate::features::accounts::types::Viewer;
use crate::features::goals::service::{self as goals, Linked};
use crate::features::ideas::search::{self, Combine, Matching, Searched};
use crate::features::ideas::status::IdeaStatus;

fn text_of(card: &solution::Model) -> SolutionText {
    SolutionText {
        title: card.title.clone(),
        problem: card.problem.clone(),
        context: card.context.clone(),
        what_was_done: card.what_was_done.clone(),
        cost_nok: card.cost_nok,
        cost_note: card.cost_note.clone(),
        contact: card.contact.clone(),
        licence: card.licence,
        maturity: card.maturity,
        focus_area: card.focus_area,
    }
}

fn version_text(version: &solution_version::Model) -> SolutionText {
    SolutionText {
        title: version.title.clone(),
        problem: version.problem.clone(),
        context: version.context.clone(),
        what_was_done: version.what_was_done.clone(),
        cost_nok: version.cost_nok,
        cost_note: version.cost_note.clone(),
        contact: version.contact.clone(),
        licence: version.licence,
        maturity: version.maturity,
        focus_area: version.focus_area,
    }
}

fn card_of(found: solution::Model) -> SolutionCard {
    SolutionCard {
        excerpt: crate::markdown::excerpt(
            &crate::markdown::plain_text(&found.problem),
            EXCERPT_MAX,
        ),
        id: found.id,
        title: found.title,
        maturity: found.maturity,
        focus_area: found.focus_area,
        version: found.version,
        updated_at: found.updated_at,
    }
}

/// One page of published cards, newest first, read down the primary key
/// from where the previous page ended; for staff, the drafts above the
/// first page.
pub async fn list(
    db: &DatabaseConnection,
    query: &SolutionQuery,
    can_edit: bool,
) -> Result<SolutionPage, AppError> {
    let backend = db.get_database_backend();
    let words = search::condition_in(
        Searched::Solutions,
        backend,
        &query.search,
        Combine::All,
        Matching::Words,
    );
    let near = search::condition_in(
        Searched::Solutions,
        backend,
        &query.search,
        Combine::All,
        Matching::Near,
    );
    // As for ideas: the cards with the words; near spellings of the titles
    // only when no card has them (then on every page alike).
    let mut page = published_where(db, query, words.clone(), query.after).await?;
    if let (true, Some(words), Some(near)) = (page.0.is_empty(), words, near) {
        let any_with_words = query.after.is_some()
            && !published_where(db, query, Some(words), None)
                .await?
                .0
                .is_empty();
        if !any_with_words {
            page = published_where(db, query, Some(near), query.after).await?;
        }
    }
    let (rows, next) = page;
    let drafts = if can_edit && query.after.is_none() {
        solution::Entity::find()
            .filter(solution::Column::Version.eq(0))
            .order_by_desc(solution::Column::Id)
            .limit(PAGE_SIZE)
            .all(db)
            .await?
    } else {
        Vec::new()
    };
    Ok(SolutionPage {
        cards: rows.into_iter().map(card_of).collect(),
        next,
        drafts: drafts.into_iter().map(card_of).collect(),
        goals: goals::all(db).await?,
        can_edit,
    })
}

/// One page of the published cards `query` filters to that also meet
/// `matching`, from after card `after`, and the next page's cursor.
async fn published_where(
    db: &DatabaseConnection,
    query: &SolutionQuery,
    matching: Option<SimpleExpr>,
    after: Option<i64>,
) -> Result<(Vec<solution::Model>, Option<String>), AppError> {
    let mut select = solution::Entity::find().filter(solution::Column::Version.gt(0));
    if let Some(area) = query.focus_area {
        select = select.filter(solution::Column::FocusArea.eq(area.as_str()));
    }
    if let Some(maturity) = query.maturity {
        select = select.filter(solution::Column::Maturity.eq(maturity.as_str()));
    }
    if let Some(goal) = query.goal {
        select = select.filter(
            solution::Column::Id.in_subquery(
                sea_orm::sea_query::Query::select()
                    .column(solution_goal::Column::SolutionId)
                    .from(solution_goal::Entity)
                    .and_where(solution_goal::Column::GoalId.eq(goal))
                    .to_owned(),
            ),
        );
    }
    if let Some(matching) = matching {
        select = select.filter(matching);
    }
    if let Some(after) = after {
        select = select.filter(solution::Column::Id.lt(after));
    }
    let mut rows = select
        .order_by_desc(solution::Column::Id)
        .limit(PAGE_SIZE + 1)
        .all(db)
        .await?;
    let more = rows.len() as u64 > PAGE_SIZE;
    rows.truncate(PAGE_SIZE as usize);
    let next = rows.last().filter(|_| more).map(|last| last.id.to_string());
    Ok((rows, next))
}

/// Published cards like `title`, for the idea form's "steal first" step.
pub async fn similar(db: &DatabaseConnection, title: &str) -> Result<Vec<SolutionLink>, AppError> {
    let backend = db.get_database_backend();
    for matching in [Matching::Words, Matching::Near] {
        let Some(condition) =
            search::condition_in(Searched::Solutions, backend, title, Combine::Any, matching)
        else {
            continue;
        };
        let found: Vec<SolutionLink> = solution::Entity::find()
            .filter(solution::Column::Version.gt(0))
            .filter(condition)
            .order_by_desc(solution::Column::Id)
            .limit(3)
            .all(db)
            .await?
            .into_iter()
            .map(|found| SolutionLink {
                id: found.id,
                title: found.title,
                maturity: found.maturity,
            })
            .collect();
        if !found.is_empty() {
            return Ok(found);
        }
    }
    Ok(Vec::new())
}

async fn find(db: &impl ConnectionTrait, id: i64) -> Result<solution::Model, AppError> {
    solution::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)
}

/// The idea a card was made from, while the public may read it.
async fn source_idea(
    db: &impl ConnectionTrait,
    idea_id: Option<i64>,
) -> Result<Option<SourceIdea>, AppError> {
    let Some(idea_id) = idea_id else {
        return Ok(None);
    };
    Ok(idea::Entity::find_by_id(idea_id)
        .one(db)
        .await?
        .filter(|found| found.hidden_at.is_none() && found.status.is_public())
        .map(|found| SourceIdea {
            id: found.id,
            title: found.title,
        }))
}

/// Card `id` as its page shows it: the newest version, an older one
/// (`number`, public too: another municipality may have taken it), or for
/// staff the draft. A draft is not found by anyone else.
pub async fn view(
    db: &impl ConnectionTrait,
    id: i64,
    number: Option<i32>,
    can_edit: bool,
) -> Result<SolutionView, AppError> {
    let card = find(db, id).await?;
    if card.version == 0 && !can_edit {
        return Err(AppError::NotFound);
    }
    let history: Vec<solution_version::Model> = solution_version::Entity::find()
        .filter(solution_version::Column::SolutionId.eq(id))
        .order_by_desc(solution_version::Column::Number)
        .all(db)
        .await?;
    let (text, shown, changed_at) = match number {
        Some(number) => {
            let version = history
                .iter()
                .find(|version| version.number == number)
                .ok_or(AppError::NotFound)?;
            (version_text(version), number, version.published_at)
        }
        // Staff's draft, or the newest version, which is the card as it is.
        None => (text_of(&card), card.version, card.updated_at),
    };
    // The idea's measured effects, while the public may read the idea: a
    // hidden idea takes its KPIs out of sight with it.
    let idea = source_idea(db, card.idea_id).await?;
    let kpis = match &idea {
        Some(idea) => crate::features::gains::service::public_kpis(db, idea.id).await?,
        None => Vec::new(),
    };
    Ok(SolutionView {
        id,
        summary: crate::markdown::excerpt(&crate::markdown::plain_text(&text.problem), 160),
        problem_html: crate::markdown::render(&text.problem),
        context_html: crate::markdown::render(&text.context),
        done_html: crate::markdown::render(&text.what_was_done),
        text,
        goals: goals::active_goals(db, Linked::Solution(id)).await?,
        idea,
        kpis,
        number: shown,
        newest: card.version,
        published_at: card.published_at,
        changed_at,
        history: history
            .into_iter()
            .map(|version| VersionRow {
                number: version.number,
                published_at: version.published_at,
                note: version.note,
            })
            .collect(),
        base_revision: card.revision,
        origin: origin_of(db, &card).await?,
        adopters: adopters_of(db, id).await?,
        can_edit,
    })
}

/// Where card `card` came from, if it was imported.
async fn origin_of(
    db: &impl ConnectionTrait,
    card: &solution::Model,
) -> Result<Option<Origin>, AppError> {
    if card.origin_url.is_empty() {
        return Ok(None);
    }
    let partner = match card.origin_partner_id {
        Some(id) => partner::Entity::find_by_id(id).one(db).await?,
        None => None,
    };
    Ok(Some(Origin {
        partner: partner.map(|found| found.name),
        url: card.origin_url.clone(),
        title: card.origin_title.clone(),
        version: card.origin_version,
        notified: card.origin_notified_at.is_some(),
    }))
}

/// The partners that adopted card `id`, as this instance checked, by name.
async fn adopters_of(db: &impl ConnectionTrait, id: i64) -> Result<Vec<Adopter>, AppError> {
    let adoptions = solution_adoption::Entity::find()
        .filter(solution_adoption::Column::SolutionId.eq(id))
        .all(db)
        .await?;
    if adoptions.is_empty() {
        return Ok(Vec::new());
    }
    let partners = partner::Entity::find()
        .filter(partner::Column::Id.is_in(adoptions.iter().map(|found| found.partner_id)))
        .all(db)
        .await?;
    let mut adopters: Vec<Adopter> = adoptions
        .into_iter()
        .filter_map(|found| {
            let name = partners
                .iter()
                .find(|partner| partner.id == found.partner_id)?
                .name
                .clone();
            Some(Adopter {
                partner: name,
                url: found.source_url,
            })
        })
        .collect();
    adopters.sort_by(|a, b| a.partner.cmp(&b.partner));
    Ok(adopters)
}

/// What a new card's form starts from: empty, or prefilled from idea
/// `idea_id`, which must have been tried (piloting or later).
pub async fn start(
    db: &impl ConnectionTrait,
    idea_id: Option<i64>,
) -> Result<SolutionEditor, AppError> {
    let mut editor = SolutionEditor {
        id: None,
        base_revision: 0,
        version: 0,
        text: SolutionText::default(),
        idea: None,
        goals: goals::all(db).await?,
        linked_goals: Vec::new(),
    };
    let Some(idea_id) = idea_id else {
        return Ok(editor);
    };
    let found = tried_idea(db, idea_id).await?;
    let lesson = crate::entities::idea_lesson::Entity::find_by_id(idea_id)
        .one(db)
        .await?
        .map(|lesson| lesson.body)
        .unwrap_or_default();
    editor.text = SolutionText {
        title: found.title.clone(),
        problem: found.summary.clone(),
        context: found.body.clone(),
        what_was_done: lesson,
        maturity: match found.status {
            IdeaStatus::Piloting => Maturity::Pilot,
            _ => Maturity::InUse,
        },
        focus_area: found.focus_area,
        ..SolutionText::default()
    };
    editor.linked_goals = goals::linked_ids(db, Linked::Idea(idea_id)).await?;
    editor.idea = Some(SourceIdea {
        id: found.id,
        title: found.title,
    });
    Ok(editor)
}

async fn tried_idea(db: &impl ConnectionTrait, idea_id: i64) -> Result<idea::Model, AppError> {
    let found = idea::Entity::find_by_id(idea_id)
        .one(db)
        .await?
        .ok_or_else(|| AppError::invalid("idea_id", Problem::UnknownChoice))?;
    if !idea_was_tried(found.status) {
        return Err(AppError::invalid("idea_id", Problem::SolutionIdeaNotTried));
    }
    Ok(found)
}

/// What staff's edit form of card `id` starts from.
pub async fn editor(db: &impl ConnectionTrait, id: i64) -> Result<SolutionEditor, AppError> {
    let card = find(db, id).await?;
    Ok(SolutionEditor {
        id: Some(id),
        base_revision: card.revision,
        version: card.version,
        text: text_of(&card),
        idea: source_idea(db, card.idea_id).await?,
        goals: goals::all(db).await?,
        linked_goals: goals::linked_ids(db, Linked::Solution(id)).await?,
    })
}

/// Card `id`, its row held until the transaction ends (SQLite: the
/// transaction holds the write lock), so its revision cannot move meanwhile.
async fn locked(transaction: &impl ConnectionTrait, id: i64) -> Result<solution::Model, AppError> {
    solution::Entity::find_by_id(id)
        .lock(LockType::Update)
        .one(transaction)
        .await?
        .ok_or(AppError::NotFound)
}

fn snapshot(
    card: &solution::Model,
    number: i32,
    note: String,
    by: Option<i64>,
) -> solution_version::ActiveModel {
    solution_version::ActiveModel {
        solution_id: Set(card.id),
        number: Set(number),
        title: Set(card.title.clone()),
        problem: Set(card.problem.clone()),
        context: Set(card.context.clone()),
        what_was_done: Set(card.what_was_done.clone()),
        cost_nok: Set(card.cost_nok),
        cost_note: Set(card.cost_note.clone()),
        contact: Set(card.contact.clone()),
        licence: Set(card.licence),
        maturity: Set(card.maturity),
        focus_area: Set(card.focus_area),
        note: Set(note),
        published_by: Set(by),
        published_at: Set(card.updated_at),
    }
}

fn set_text(card: &mut solution::ActiveModel, text: SolutionText) {
    card.title = Set(text.title);
    card.problem = Set(text.problem);
    card.context = Set(text.context);
    card.what_was_done = Set(text.what_was_done);
    card.cost_nok = Set(text.cost_nok);
    card.cost_note = Set(text.cost_note);
    card.contact = Set(text.contact);
    card.licence = Set(text.licence);
    card.maturity = Set(text.maturity);
    card.focus_area = Set(text.focus_area);
}

/// Adds a draft card written by account `editor` (none for the demo data
/// set), from idea `idea_id` if given, linked to the goals `chosen`;
/// returns its id.
pub async fn create(
    db: &DatabaseConnection,
    editor: Option<i64>,
    idea_id: Option<i64>,
    text: SolutionText,
    chosen: &[i64],
) -> Result<i64, AppError> {
    let transaction = crate::server::transactions::begin(db).await?;
    if let Some(idea_id) = idea_id {
        tried_idea(&transaction, idea_id).await?;
    }
    let checked = goals::check_chosen(&transaction, "goals", chosen, &[]).await?;
    let now = Utc::now();
    let mut card = solution::ActiveModel {
        idea_id: Set(idea_id),
        revision: Set(1),
        version: Set(0),
        created_by: Set(editor),
        created_at: Set(now),
        updated_at: Set(now),
        published_at: Set(None),
        ..Default::default()
    };
    set_text(&mut card, text);
    let added = solution::Entity::insert(card).exec(&transaction).await?;
    let id = added.last_insert_id;
    let ids: Vec<i64> = checked.iter().map(|goal| goal.id).collect();
    goals::replace(&transaction, Linked::Solution(id), &ids).await?;
    transaction.commit().await?;
    Ok(id)
}

/// Saves card `id` as `editor` changed it from revision `base`: a draft
/// in place, a published card as its next version (with `note`). The
/// same text and goals as now change nothing.
pub async fn save(
    db: &DatabaseConnection,
    editor: &Viewer,
    id: i64,
    base: i32,
    text: SolutionText,
    chosen: &[i64],
    note: String,
) -> Result<(), AppError> {
    let transaction = crate::server::transactions::begin(db).await?;
    let card = locked(&transaction, id).await?;
    let linked = goals::linked_ids(&transaction, Linked::Solution(id)).await?;
    let checked = goals::check_chosen(&transaction, "goals", chosen, &linked).await?;
    let ids: Vec<i64> = checked.iter().map(|goal| goal.id).collect();
    let same_goals = ids.len() == linked.len() && ids.iter().all(|goal| linked.contains(goal));
    if text_of(&card) == text && same_goals {
        return Ok(());
    }
    // The row is locked (SQLite: the transaction holds the write lock), so
    // the revision cannot move between this check and the update.
    if card.revision != base {
        return Err(AppError::invalid(
            "base_revision",
            Problem::ChangedMeanwhile,
        ));
    }
    goals::replace(&transaction, Linked::Solution(id), &ids).await?;
    let published = card.version > 0;
    let mut changed = card.clone().into_active_model();
    set_text(&mut changed, text);
    changed.revision = Set(card.revision + 1);
    changed.updated_at = Set(Utc::now());
    if published {
        changed.version = Set(card.version + 1);
    }
    let saved = changed.update(&transaction).await?;
    if published {
        solution_version::Entity::insert(snapshot(
            &saved,
            saved.version,
            note,
            Some(editor.account_id),
        ))
        .exec_without_returning(&transaction)
        .await?;
    }
    transaction.commit().await?;
    Ok(())
}

/// Publishes draft card `id` as version 1, as the form at revision `base`
/// showed it. Publishing a card that is already published changes nothing
/// (a double tap).
pub async fn publish(
    db: &DatabaseConnection,
    editor: Option<i64>,
    id: i64,
    base: i32,
) -> Result<(), AppError> {
    let transaction = crate::server::transactions::begin(db).await?;
    let card = locked(&transaction, id).await?;
    if card.version > 0 {
        return Ok(());
    }
    if card.revision != base {
        return Err(AppError::invalid(
            "base_revision",
            Problem::ChangedMeanwhile,
        ));
    }
    let now = Utc::now();
    let mut changed = card.clone().into_active_model();
    changed.version = Set(1);
    changed.revision = Set(card.revision + 1);
    changed.published_at = Set(Some(now));
    changed.updated_at = Set(now);
    let saved = changed.update(&transaction).await?;
    solution_version::Entity::insert(snapshot(&saved, 1, String::new(), editor))
        .exec_without_returning(&transaction)
        .await?;
    transaction.commit().await?;
    Ok(())
}

/// The published card made from idea `idea_id`, for the idea's page.
pub async fn card_of_idea(
    db: &impl ConnectionTrait,
    idea_id: i64,
) -> Result<Option<SolutionLink>, AppError> {
    Ok(solution::Entity::find()
        .filter(solution::Column::IdeaId.eq(idea_id))
        .filter(solution::Column::Version.gt(0))
        .order_by_desc(solution::Column::Id)
        .one(db)
        .await?
        .map(|card| SolutionLink {
            id: card.id,
            title: card.title,
            maturity: card.maturity,
        }))
}
