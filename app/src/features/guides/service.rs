//! Reading and saving method guides. A save adds revision n + 1 and moves
//! the guide's counter from n to n + 1 in one transaction that holds the
//! guide's row, only if it is still n: the form's base revision. The same text sent twice (a double
//! tap on a bad connection) saves once and is not refused.

use chrono::Utc;
use sea_orm::sea_query::{Expr, ExprTrait as _, LockType};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, EntityTrait,
    QueryFilter, QueryOrder, QuerySelect,
};

use super::types::{
    GuideEditor, GuideLibrary, GuideSummary, GuideText, GuideView, RevisionRow, parse_slug,
};
use crate::entities::{account, guide, guide_revision};
use crate::error::{AppError, Problem};
use crate::features::accounts::types::Viewer;
use crate::features::goals::types::Localized;
use crate::i18n::Locale;

fn text_of(revision: &guide_revision::Model) -> GuideText {
    let localized = |nb: &str, nn: &str, en: &str| Localized {
        nb: nb.to_owned(),
        nn: nn.to_owned(),
        en: en.to_owned(),
    };
    GuideText {
        title: localized(&revision.title_nb, &revision.title_nn, &revision.title_en),
        summary: localized(
            &revision.summary_nb,
            &revision.summary_nn,
            &revision.summary_en,
        ),
        body: localized(&revision.body_nb, &revision.body_nn, &revision.body_en),
    }
}

async fn find(db: &impl ConnectionTrait, slug: &str) -> Result<guide::Model, AppError> {
    guide::Entity::find()
        .filter(guide::Column::Slug.eq(slug))
        .one(db)
        .await?
        .ok_or(AppError::NotFound)
}

async fn revision(
    db: &impl ConnectionTrait,
    guide_id: i64,
    number: i32,
) -> Result<guide_revision::Model, AppError> {
    guide_revision::Entity::find_by_id((guide_id, number))
        .one(db)
        .await?
        .ok_or(AppError::NotFound)
}

/// Every guide with its newest title and summary: two queries however
/// many guides there are. The page orders them in the reader's language.
pub async fn library(db: &impl ConnectionTrait, can_edit: bool) -> Result<GuideLibrary, AppError> {
    let guides = guide::Entity::find().all(db).await?;
    let newest = guides.iter().fold(Condition::any(), |any, found| {
        any.add(
            guide_revision::Column::GuideId
                .eq(found.id)
                .and(guide_revision::Column::Number.eq(found.revision)),
        )
    });
    let summaries: Vec<GuideSummary> = if guides.is_empty() {
        Vec::new()
    } else {
        guide_revision::Entity::find()
            .filter(newest)
            .all(db)
            .await?
            .iter()
            .filter_map(|revision| {
                let found = guides.iter().find(|found| found.id == revision.guide_id)?;
                let text = text_of(revision);
                Some(GuideSummary {
                    slug: found.slug.clone(),
                    title: text.title,
                    summary: text.summary,
                    changed_at: revision.created_at,
                })
            })
            .collect()
    };
    Ok(GuideLibrary {
        guides: summaries,
        can_edit,
    })
}

/// Guide `slug` as its page shows it to a reader of `locale`: the newest
/// revision, or for staff (`can_edit`) revision `number`. An older
/// revision is not public: a correction may have taken something out that
/// should stay out. Only the text the reader gets is rendered.
pub async fn view(
    db: &impl ConnectionTrait,
    slug: &str,
    number: Option<i32>,
    can_edit: bool,
    locale: Locale,
) -> Result<GuideView, AppError> {
    let found = find(db, slug).await?;
    let number = match number {
        Some(number) if number != found.revision && !can_edit => return Err(AppError::NotFound),
        Some(number) => number,
        None => found.revision,
    };
    let shown = revision(db, found.id, number).await?;
    let text = text_of(&shown);
    Ok(GuideView {
        slug: found.slug,
        html: crate::markdown::render(text.body.get(locale)),
        in_bokmal: !text.body.has(locale),
        title: text.title,
        summary: text.summary,
        number,
        newest: found.revision,
        changed_at: shown.created_at,
        can_edit,
    })
}

/// What staff's edit form of guide `slug` starts from: revision `from`
/// (the newest when not given), and the whole history, newest first.
pub async fn editor(
    db: &impl ConnectionTrait,
    slug: &str,
    from: Option<i32>,
) -> Result<GuideEditor, AppError> {
    let found = find(db, slug).await?;
    let revisions = guide_revision::Entity::find()
        .select_only()
        .columns([
            guide_revision::Column::Number,
            guide_revision::Column::Note,
            guide_revision::Column::EditedBy,
            guide_revision::Column::CreatedAt,
        ])
        .filter(guide_revision::Column::GuideId.eq(found.id))
        .order_by_desc(guide_revision::Column::Number)
        .into_tuple::<(i32, String, Option<i64>, chrono::DateTime<Utc>)>()
        .all(db)
        .await?;
    let editors: Vec<i64> = revisions.iter().filter_map(|row| row.2).collect();
    let names = account::Entity::find()
        .select_only()
        .columns([account::Column::Id, account::Column::DisplayName])
        .filter(account::Column::Id.is_in(editors))
        .into_tuple::<(i64, String)>()
        .all(db)
        .await?;
    let from = from.unwrap_or(found.revision);
    let start = revision(db, found.id, from).await?;
    Ok(GuideEditor {
        slug: found.slug,
        base_revision: found.revision,
        from,
        text: text_of(&start),
        history: revisions
            .into_iter()
            .map(|(number, note, edited_by, saved_at)| RevisionRow {
                number,
                saved_at,
                editor: edited_by.and_then(|id| {
                    names
                        .iter()
                        .find(|(known, _)| *known == id)
                        .map(|(_, name)| name.clone())
                }),
                note,
            })
            .collect(),
    })
}

fn new_revision(
    guide_id: i64,
    number: i32,
    text: GuideText,
    note: String,
    edited_by: Option<i64>,
) -> guide_revision::ActiveModel {
    guide_revision::ActiveModel {
        guide_id: Set(guide_id),
        number: Set(number),
        title_nb: Set(text.title.nb),
        title_nn: Set(text.title.nn),
        title_en: Set(text.title.en),
        summary_nb: Set(text.summary.nb),
        summary_nn: Set(text.summary.nn),
        summary_en: Set(text.summary.en),
        body_nb: Set(text.body.nb),
        body_nn: Set(text.body.nn),
        body_en: Set(text.body.en),
        note: Set(note),
        edited_by: Set(edited_by),
        created_at: Set(Utc::now()),
    }
}

/// The address a new guide gets: the one staff typed, refused when taken;
/// or, left empty, one made from its title, numbered when taken.
async fn free_slug(
    db: &impl ConnectionTrait,
    typed: &str,
    title: &str,
) -> Result<String, AppError> {
    let wanted = parse_slug(typed, title)?;
    let taken = |slug: String| async move {
        Ok::<bool, AppError>(
            guide::Entity::find()
                .filter(guide::Column::Slug.eq(slug))
                .one(db)
                .await?
                .is_some(),
        )
    };
    if !taken(wanted.clone()).await? {
        return Ok(wanted);
    }
    if !typed.trim().is_empty() {
        return Err(AppError::invalid("slug", Problem::GuideAddressTaken));
    }
    for number in 2.. {
        let numbered = format!("{wanted}-{number}");
        if !taken(numbered.clone()).await? {
            return Ok(numbered);
        }
    }
    unreachable!("some number is free")
}

/// Adds a guide as revision 1, written by `editor` (none for the demo data
/// set); returns its address.
pub async fn create(
    db: &DatabaseConnection,
    editor: Option<&Viewer>,
    typed_slug: &str,
    text: GuideText,
) -> Result<String, AppError> {
    let transaction = crate::server::transactions::begin(db).await?;
    let slug = free_slug(&transaction, typed_slug, &text.title.nb).await?;
    let added = guide::Entity::insert(guide::ActiveModel {
        slug: Set(slug.clone()),
        revision: Set(1),
        created_at: Set(Utc::now()),
        ..Default::default()
    })
    .exec(&transaction)
    .await
    .map_err(|error| AppError::from(error).conflict_as("slug", Problem::GuideAddressTaken))?;
    guide_revision::Entity::insert(new_revision(
        added.last_insert_id,
        1,
        text,
        String::new(),
        editor.map(|viewer| viewer.account_id),
    ))
    .exec_without_returning(&transaction)
    .await?;
    transaction.commit().await?;
    Ok(slug)
}

/// Saves `text` as guide `slug`'s next revision, made from revision
/// `base`. Refused when someone saved another revision since; the same
/// text as the newest changes nothing.
pub async fn save(
    db: &DatabaseConnection,
    editor: &Viewer,
    slug: &str,
    base: i32,
    text: GuideText,
    note: String,
) -> Result<(), AppError> {
    let transaction = crate::server::transactions::begin(db).await?;
    let found = guide::Entity::find()
        .filter(guide::Column::Slug.eq(slug))
        .lock(LockType::Update)
        .one(&transaction)
        .await?
        .ok_or(AppError::NotFound)?;
    let newest = revision(&transaction, found.id, found.revision).await?;
    if text_of(&newest) == text {
        return Ok(());
    }
    // The row is locked (SQLite: the transaction holds the write lock), so
    // the counter cannot move between this check and the insert.
    if found.revision != base {
        return Err(AppError::invalid(
            "base_revision",
            Problem::ChangedMeanwhile,
        ));
    }
    let next = base + 1;
    guide::Entity::update_many()
        .col_expr(guide::Column::Revision, Expr::value(next))
        .filter(guide::Column::Id.eq(found.id))
        .exec(&transaction)
        .await?;
    guide_revision::Entity::insert(new_revision(
        found.id,
        next,
        text,
        note,
        Some(editor.account_id),
    ))
    .exec_without_returning(&transaction)
    .await?;
    transaction.commit().await?;
    Ok(())
}

/// Adds each of `guides` whose address no guide has yet, with no editor
/// behind it: the demo data set's library.
pub async fn ensure(
    db: &DatabaseConnection,
    guides: impl IntoIterator<Item = (&str, GuideText)>,
) -> Result<(), AppError> {
    for (slug, text) in guides {
        match find(db, slug).await {
            Ok(_) => {}
            Err(AppError::NotFound) => {
                create(db, None, slug, text).await?;
            }
            Err(error) => return Err(error),
        }
    }
    Ok(())
}
