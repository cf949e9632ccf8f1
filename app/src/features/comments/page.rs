//! Reading comments, as the idea page and a comment's own page show them:
//! a page of an idea's comments with the first replies under each, and one
//! comment's own page with all its replies, with the reader's supports and
//! reports. However long the thread, a page costs the same few queries. A
//! surface in the feature order (README.md).

use std::collections::{HashMap, HashSet};

use chrono::Utc;
use sea_orm::sea_query::{
    Alias, Asterisk, Expr, ExprTrait as _, Func, Order, Query, WindowStatement,
};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect, QueryTrait, Select,
};

use super::service::{edit_until, takes_comments};
use super::types::{
    CommentSort, CommentThread, CommentView, CommentsPage, DEEPEST, PAGE_SIZE, REPLIES_SHOWN,
    Stance, StanceCounts, THREAD_PAGE_SIZE, ViewerOnComment,
};
use crate::entities::comment;
use crate::error::AppError;
use crate::features::accounts::types::Author;
use crate::features::accounts::types::Viewer;
use crate::features::ideas::service as ideas;
use crate::features::moderation::reports::reported_by;
use crate::features::moderation::types::Hidden;
use crate::features::supports::service::supported_comments;

/// A page of idea `idea_id`'s comments in `sort` order, each with its first
/// replies, after the cursor `after` of the previous page.
pub async fn page(
    db: &DatabaseConnection,
    viewer: Option<&Viewer>,
    idea_id: i64,
    sort: CommentSort,
    after: Option<&str>,
) -> Result<CommentsPage, AppError> {
    let on_idea = ideas::readable(db, viewer, idea_id).await?;
    let mut select = comment::Entity::find()
        .filter(comment::Column::IdeaId.eq(idea_id))
        .filter(comment::Column::ParentId.is_null())
        .filter(shown_to(viewer));
    select = ordered_after(
        select,
        sort,
        after.and_then(|cursor| Cursor::parse(sort, cursor)),
    );
    let mut top = select.limit(PAGE_SIZE + 1).all(db).await?;
    let next = (top.len() as u64 > PAGE_SIZE).then(|| {
        top.truncate(PAGE_SIZE as usize);
        top.last().map(|last| Cursor::of(sort, last).encode(sort))
    });
    let open = takes_comments(&on_idea);
    let comments = with_replies(db, viewer, top, open).await?;
    Ok(CommentsPage {
        idea_id,
        sort,
        comments,
        next: next.flatten(),
        total: on_idea.comment_count,
        stances: stance_counts(db, idea_id).await?,
        can_comment: open,
        signed_in: viewer.is_some(),
    })
}

/// Comment `id`'s own page: the comment and a page of its replies (oldest
/// first), each with its first replies.
pub async fn thread(
    db: &DatabaseConnection,
    viewer: Option<&Viewer>,
    id: i64,
    after: Option<&str>,
) -> Result<CommentThread, AppError> {
    let found = comment::Entity::find_by_id(id)
        .filter(shown_to(viewer))
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let on_idea = ideas::readable(db, viewer, found.idea_id).await?;
    let idea_hidden = on_idea.hidden_at.is_some()
        && on_idea.author_id != viewer.map(|viewer| viewer.account_id)
        && !viewer.is_some_and(Viewer::moderates);
    let open = takes_comments(&on_idea);
    let after_id = after.and_then(|cursor| cursor.parse::<i64>().ok());
    let mut replies = comment::Entity::find()
        .filter(comment::Column::ParentId.eq(id))
        .filter(shown_to(viewer))
        .apply_if(after_id, |select, after| {
            select.filter(comment::Column::Id.gt(after))
        })
        .order_by_asc(comment::Column::Id)
        .limit(THREAD_PAGE_SIZE + 1)
        .all(db)
        .await?;
    let next = (replies.len() as u64 > THREAD_PAGE_SIZE).then(|| {
        replies.truncate(THREAD_PAGE_SIZE as usize);
        replies.last().map(|last| last.id.to_string())
    });
    let replies = with_replies(db, viewer, replies, open).await?;
    let mut comment = views(db, viewer, vec![found], open)
        .await?
        .pop()
        .ok_or(AppError::NotFound)?;
    comment.replies = replies;
    Ok(CommentThread {
        idea_id: on_idea.id,
        idea_title: if idea_hidden {
            String::new()
        } else {
            on_idea.title
        },
        comment,
        next: next.flatten(),
        can_comment: open,
        signed_in: viewer.is_some(),
    })
}

/// Comments held for approval are shown to their author only.
fn shown_to(viewer: Option<&Viewer>) -> Condition {
    let mut shown = Condition::any().add(comment::Column::HeldAt.is_null());
    if let Some(viewer) = viewer {
        shown = shown.add(comment::Column::AuthorId.eq(viewer.account_id));
    }
    shown
}

/// Where a page of an idea's own comments ends: the last id, and for the
/// most-supported order its support count too.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Cursor {
    support_count: i32,
    id: i64,
}

impl Cursor {
    fn of(sort: CommentSort, last: &comment::Model) -> Self {
        Self {
            support_count: if sort == CommentSort::Supported {
                last.support_count
            } else {
                0
            },
            id: last.id,
        }
    }

    fn parse(sort: CommentSort, text: &str) -> Option<Self> {
        match sort {
            CommentSort::Supported => {
                let (count, id) = text.split_once('.')?;
                Some(Self {
                    support_count: count.parse().ok()?,
                    id: id.parse().ok()?,
                })
            }
            _ => Some(Self {
                support_count: 0,
                id: text.parse().ok()?,
            }),
        }
    }

    fn encode(self, sort: CommentSort) -> String {
        match sort {
            CommentSort::Supported => format!("{}.{}", self.support_count, self.id),
            _ => self.id.to_string(),
        }
    }
}

fn ordered_after(
    select: Select<comment::Entity>,
    sort: CommentSort,
    after: Option<Cursor>,
) -> Select<comment::Entity> {
    match sort {
        CommentSort::Oldest => select
            .apply_if(after, |select, after| {
                select.filter(comment::Column::Id.gt(after.id))
            })
            .order_by_asc(comment::Column::Id),
        CommentSort::Newest => select
            .apply_if(after, |select, after| {
                select.filter(comment::Column::Id.lt(after.id))
            })
            .order_by_desc(comment::Column::Id),
        CommentSort::Supported => select
            .apply_if(after, |select, after| {
                select.filter(
                    Expr::tuple([
                        Expr::col(comment::Column::SupportCount),
                        Expr::col(comment::Column::Id),
                    ])
                    .lt(Expr::tuple([
                        Expr::val(after.support_count),
                        Expr::val(after.id),
                    ])),
                )
            })
            .order_by_desc(comment::Column::SupportCount)
            .order_by_desc(comment::Column::Id),
    }
}

/// `parents` as views, each with its first replies and theirs, down to the
/// deepest level: two queries per level, however many parents.
async fn with_replies(
    db: &DatabaseConnection,
    viewer: Option<&Viewer>,
    parents: Vec<comment::Model>,
    open: bool,
) -> Result<Vec<CommentView>, AppError> {
    let parent_ids: Vec<i64> = parents.iter().map(|parent| parent.id).collect();
    let children = first_replies(db, viewer, &parent_ids).await?;
    let grandchildren_ids: Vec<i64> = children.iter().map(|child| child.id).collect();
    let grandchildren = first_replies(db, viewer, &grandchildren_ids).await?;

    let mut grandchildren_by_parent: HashMap<i64, Vec<CommentView>> = HashMap::new();
    for view in views(db, viewer, grandchildren, open).await? {
        grandchildren_by_parent
            .entry(view.parent_id.unwrap_or_default())
            .or_default()
            .push(view);
    }
    let mut children_by_parent: HashMap<i64, Vec<CommentView>> = HashMap::new();
    for mut view in views(db, viewer, children, open).await? {
        view.replies = grandchildren_by_parent.remove(&view.id).unwrap_or_default();
        children_by_parent
            .entry(view.parent_id.unwrap_or_default())
            .or_default()
            .push(view);
    }
    let mut out = views(db, viewer, parents, open).await?;
    for view in &mut out {
        view.replies = children_by_parent.remove(&view.id).unwrap_or_default();
    }
    Ok(out)
}

/// The first [`REPLIES_SHOWN`] replies (oldest first) under each of
/// `parent_ids`, in one query with a window function.
async fn first_replies(
    db: &impl ConnectionTrait,
    viewer: Option<&Viewer>,
    parent_ids: &[i64],
) -> Result<Vec<comment::Model>, DbErr> {
    if parent_ids.is_empty() {
        return Ok(Vec::new());
    }
    let position = Alias::new("position_in_thread");
    let ranked = Query::select()
        .column(Asterisk)
        .expr_window_as(
            Func::cust("ROW_NUMBER"),
            WindowStatement::partition_by(comment::Column::ParentId)
                .order_by(comment::Column::Id, Order::Asc)
                .to_owned(),
            position.clone(),
        )
        .from(comment::Entity)
        .and_where(comment::Column::ParentId.is_in(parent_ids.iter().copied()))
        .cond_where(shown_to(viewer))
        .to_owned();
    let first = Query::select()
        .column(Asterisk)
        .from_subquery(ranked, Alias::new("ranked"))
        .and_where(Expr::col(position).lte(REPLIES_SHOWN as i64))
        .order_by(comment::Column::Id, Order::Asc)
        .to_owned();
    comment::Entity::find()
        .from_raw_sql(db.get_database_backend().build(&first))
        .all(db)
        .await
}

/// Rows as views, with their authors and what `viewer` may do with each.
async fn views(
    db: &impl ConnectionTrait,
    viewer: Option<&Viewer>,
    rows: Vec<comment::Model>,
    open: bool,
) -> Result<Vec<CommentView>, AppError> {
    let author_ids: Vec<i64> = rows
        .iter()
        .filter(|row| row.deleted_at.is_none())
        .filter_map(|row| row.author_id)
        .collect();
    let authors = crate::features::accounts::authors::authors(db, &author_ids).await?;
    let ids: Vec<i64> = rows.iter().map(|row| row.id).collect();
    let (supported, reported): (HashSet<i64>, HashSet<i64>) = match viewer {
        Some(viewer) => (
            supported_comments(db, viewer.account_id, &ids).await?,
            reported_by(db, viewer.account_id, "comment", &ids).await?,
        ),
        None => (HashSet::new(), HashSet::new()),
    };
    let moderates = viewer.is_some_and(Viewer::moderates);
    let now = Utc::now();
    Ok(rows
        .into_iter()
        .map(|row| {
            let is_author = viewer.is_some_and(|viewer| row.author_id == Some(viewer.account_id));
            let hidden = Hidden::from_columns(row.hidden_at, row.hidden_reason.clone());
            // Hidden from this reader: shown like a deleted comment, with the notice.
            let withheld = hidden.is_some() && !is_author && !moderates;
            let deleted = row.deleted_at.is_some() || withheld;
            let until = edit_until(&row);
            let can_edit =
                is_author && row.deleted_at.is_none() && hidden.is_none() && now <= until;
            let open = open && hidden.is_none() && row.held_at.is_none();
            let can_report = viewer.is_some()
                && !is_author
                && row.deleted_at.is_none()
                && hidden.is_none()
                && row.held_at.is_none();
            CommentView {
                id: row.id,
                idea_id: row.idea_id,
                parent_id: row.parent_id,
                depth: row.depth,
                author: (!deleted).then(|| {
                    row.author_id
                        .and_then(|id| authors.get(&id).cloned())
                        .unwrap_or_else(Author::deleted)
                }),
                stance: row.stance.filter(|_| !deleted),
                body_html: if deleted {
                    String::new()
                } else {
                    crate::markdown::render_comment(&row.body)
                },
                body: if can_edit { row.body } else { String::new() },
                support_count: row.support_count,
                reply_count: row.reply_count,
                created_at: row.created_at,
                edited: row.edited_at.is_some(),
                deleted: row.deleted_at.is_some(),
                hidden,
                held: row.held_at.is_some(),
                viewer: ViewerOnComment {
                    is_author,
                    supported: supported.contains(&row.id),
                    can_support: open && !deleted && !is_author && viewer.is_some(),
                    can_reply: open && !deleted && row.depth < DEEPEST && viewer.is_some(),
                    can_edit,
                    edit_until: can_edit.then_some(until),
                    can_delete: is_author && row.deleted_at.is_none(),
                    can_report,
                    reported: reported.contains(&row.id),
                    moderates,
                },
                replies: Vec::new(),
            }
        })
        .collect())
}

/// How many comments (not deleted) on the idea took each stance.
async fn stance_counts(db: &impl ConnectionTrait, idea_id: i64) -> Result<StanceCounts, DbErr> {
    let rows: Vec<(Option<String>, i64)> = comment::Entity::find()
        .select_only()
        .column(comment::Column::Stance)
        .column_as(comment::Column::Id.count(), "count")
        .filter(comment::Column::IdeaId.eq(idea_id))
        .filter(comment::Column::DeletedAt.is_null())
        .filter(comment::Column::HiddenAt.is_null())
        .filter(comment::Column::HeldAt.is_null())
        .group_by(comment::Column::Stance)
        .into_tuple()
        .all(db)
        .await?;
    let mut counts = StanceCounts::default();
    for (stance, count) in rows {
        match stance.as_deref().and_then(Stance::parse) {
            Some(Stance::For) => counts.for_ = count,
            Some(Stance::Against) => counts.against = count,
            Some(Stance::Neutral) => counts.neutral = count,
            None => counts.none += count,
        }
    }
    Ok(counts)
}
