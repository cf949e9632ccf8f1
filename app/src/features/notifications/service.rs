//! Writing notifications when something happens, and the person's own list:
//! reading it, marking it read, and how they want it emailed.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, ExprTrait as _, Query, SelectStatement};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
    QuerySelect, QueryTrait,
};
use tokio::sync::Notify;

use super::types::{EmailChoice, Kind, NotificationView, RESPONSE_EXCERPT_MAX, Title};
use crate::entities::{
    account, account_role, challenge, comment, idea, idea_merge, idea_official_response,
    idea_support, notification,
};
use crate::features::accounts::types::Role;
use crate::features::follows::{service as follows, types::Subject};

/// Notifications on one page of `/notifications`.
pub const PAGE_SIZE: u64 = 30;

/// Wakes this process's notification mailer when notifications are written.
static WRITTEN: Notify = Notify::const_new();

pub fn written() -> tokio::sync::futures::Notified<'static> {
    WRITTEN.notified()
}

/// What happened, and to what.
#[derive(Clone, Debug, Default)]
pub struct Notice {
    pub kind: Option<Kind>,
    pub idea_id: Option<i64>,
    pub challenge_id: Option<i64>,
    pub comment_id: Option<i64>,
    pub actor_id: Option<i64>,
    pub detail: Option<String>,
    /// The official response it carries (`idea_official_response`).
    pub response_id: Option<i64>,
}

impl Notice {
    pub fn new(kind: Kind) -> Self {
        Self {
            kind: Some(kind),
            ..Self::default()
        }
    }

    pub fn idea(mut self, id: i64) -> Self {
        self.idea_id = Some(id);
        self
    }

    pub fn challenge(mut self, id: i64) -> Self {
        self.challenge_id = Some(id);
        self
    }

    pub fn comment(mut self, id: i64) -> Self {
        self.comment_id = Some(id);
        self
    }

    pub fn actor(mut self, account_id: i64) -> Self {
        self.actor_id = Some(account_id);
        self
    }

    pub fn detail(mut self, detail: impl Into<String>) -> Self {
        self.detail = Some(detail.into());
        self
    }

    pub fn response(mut self, response_id: i64) -> Self {
        self.response_id = Some(response_id);
        self
    }
}

/// Who is told.
#[derive(Clone, Copy, Debug)]
pub enum Recipients {
    /// Everyone following the idea or challenge.
    Followers(Subject),
    /// One person.
    Account(i64),
    /// Everyone who works for the municipality in Samskap (staff and admins).
    Staff,
    /// Everyone who supports the idea now.
    Supporters(i64),
    /// Everyone following challenge `id` or in its team, once each.
    ChallengeTeamAndFollowers(i64),
}

/// Writes `notice` for every recipient but `except` (who caused it), in
/// one statement, on `db`, which should be the transaction of the change
/// itself: the notifications exist exactly when the change does.
pub async fn send(
    db: &impl ConnectionTrait,
    notice: Notice,
    to: Recipients,
    except: Option<i64>,
) -> Result<(), DbErr> {
    let Some(kind) = notice.kind else {
        return Ok(());
    };
    // Hidden content is news to nobody: no follower, supporter or staff
    // member hears what happens to it while it is hidden. Its author still
    // hears of the hiding itself, told by name (`Recipients::Account`).
    if !matches!(to, Recipients::Account(_)) && about_hidden_content(db, &notice).await? {
        return Ok(());
    }
    let mut recipients: SelectStatement = match to {
        Recipients::Followers(subject) => follows::followers(subject),
        Recipients::Account(id) => Query::select()
            .expr_as(Expr::val(id), account_role::Column::AccountId)
            .to_owned(),
        Recipients::Staff => Query::select()
            .distinct()
            .column(account_role::Column::AccountId)
            .from(account_role::Entity)
            .and_where(
                account_role::Column::Role.is_in([Role::Staff.as_str(), Role::Admin.as_str()]),
            )
            .to_owned(),
        Recipients::ChallengeTeamAndFollowers(id) => {
            use crate::entities::challenge_member;
            let team = Query::select()
                .column(challenge_member::Column::AccountId)
                .from(challenge_member::Entity)
                .and_where(challenge_member::Column::ChallengeId.eq(id))
                .to_owned();
            let both = follows::followers(Subject::Challenge(id))
                .union(sea_orm::sea_query::UnionType::Distinct, team)
                .to_owned();
            Query::select()
                .column(account_role::Column::AccountId)
                .from_subquery(both, "recipient")
                .to_owned()
        }
        Recipients::Supporters(idea_id) => Query::select()
            .expr_as(
                Expr::col(idea_support::Column::AccountId),
                account_role::Column::AccountId,
            )
            .from(idea_support::Entity)
            .and_where(idea_support::Column::IdeaId.eq(idea_id))
            .to_owned(),
    };
    if let Some(except) = except {
        if matches!(to, Recipients::Account(id) if id == except) {
            return Ok(());
        }
        if !matches!(to, Recipients::Account(_)) {
            recipients.and_where(Expr::col(account_role::Column::AccountId).ne(except));
        }
    }
    let constants: [Expr; 9] = [
        Expr::val(kind.as_str()),
        Expr::val(notice.idea_id),
        Expr::val(notice.challenge_id),
        Expr::val(notice.comment_id),
        Expr::val(notice.actor_id),
        Expr::val(notice.detail),
        Expr::val(notice.response_id),
        Expr::val(Utc::now()),
        Expr::val("now"),
    ];
    for constant in constants {
        recipients.expr(constant);
    }
    let insert = Query::insert()
        .into_table(notification::Entity)
        .columns([
            notification::Column::AccountId,
            notification::Column::Kind,
            notification::Column::IdeaId,
            notification::Column::ChallengeId,
            notification::Column::CommentId,
            notification::Column::ActorId,
            notification::Column::Detail,
            notification::Column::ResponseId,
            notification::Column::CreatedAt,
            notification::Column::EmailDue,
        ])
        .select_from(recipients)
        .map_err(|error| DbErr::Custom(error.to_string()))?
        .to_owned();
    db.execute(&insert).await?;
    // Inside a transaction this may wake the mailer before the rows are
    // visible; it looks again shortly after such a wake-up.
    WRITTEN.notify_waiters();
    Ok(())
}

/// Whether the idea, challenge or comment `notice` is about is hidden.
async fn about_hidden_content(db: &impl ConnectionTrait, notice: &Notice) -> Result<bool, DbErr> {
    if let Some(id) = notice.idea_id
        && idea::Entity::find_by_id(id)
            .filter(idea::Column::HiddenAt.is_not_null())
            .count(db)
            .await?
            > 0
    {
        return Ok(true);
    }
    if let Some(id) = notice.challenge_id
        && challenge::Entity::find_by_id(id)
            .filter(challenge::Column::HiddenAt.is_not_null())
            .count(db)
            .await?
            > 0
    {
        return Ok(true);
    }
    if let Some(id) = notice.comment_id
        && comment::Entity::find_by_id(id)
            .filter(comment::Column::HiddenAt.is_not_null())
            .count(db)
            .await?
            > 0
    {
        return Ok(true);
    }
    Ok(false)
}

/// How many of `account_id`'s notifications are unread (the header's count).
pub async fn unread_count(db: &impl ConnectionTrait, account_id: i64) -> Result<i64, DbErr> {
    let count = notification::Entity::find()
        .filter(notification::Column::AccountId.eq(account_id))
        .filter(notification::Column::ReadAt.is_null())
        .count(db)
        .await?;
    Ok(i64::try_from(count).unwrap_or(i64::MAX))
}

/// A page of `account_id`'s notifications, newest first, older than `before`.
/// The second value is whether older ones remain.
pub async fn list(
    db: &impl ConnectionTrait,
    account_id: i64,
    before: Option<i64>,
) -> Result<(Vec<NotificationView>, bool), DbErr> {
    let mut rows = notification::Entity::find()
        .filter(notification::Column::AccountId.eq(account_id))
        .apply_if(before, |select, before| {
            select.filter(notification::Column::Id.lt(before))
        })
        .order_by_desc(notification::Column::Id)
        .limit(PAGE_SIZE + 1)
        .all(db)
        .await?;
    let more = rows.len() as u64 > PAGE_SIZE;
    rows.truncate(PAGE_SIZE as usize);
    Ok((views(db, rows).await?, more))
}

/// The rows as the list and the emails show them, with current titles.
pub(super) async fn views(
    db: &impl ConnectionTrait,
    rows: Vec<notification::Model>,
) -> Result<Vec<NotificationView>, DbErr> {
    let idea_ids: Vec<i64> = rows.iter().filter_map(|row| row.idea_id).collect();
    let challenge_ids: Vec<i64> = rows.iter().filter_map(|row| row.challenge_id).collect();
    let actor_ids: Vec<i64> = rows.iter().filter_map(|row| row.actor_id).collect();
    let actors: HashMap<i64, String> = account::Entity::find()
        .select_only()
        .columns([account::Column::Id, account::Column::DisplayName])
        .filter(account::Column::Id.is_in(actor_ids))
        .into_tuple::<(i64, String)>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    let ideas = titled_ideas(db, idea_ids).await?;
    let hidden_merged = hidden_ideas_merged_into(db, &rows).await?;
    let responses = response_texts(db, &rows).await?;
    let challenges: HashMap<i64, Titled> = challenge::Entity::find()
        .select_only()
        .columns([
            challenge::Column::Id,
            challenge::Column::Title,
            challenge::Column::ProposedBy,
            challenge::Column::HiddenAt,
        ])
        .filter(challenge::Column::Id.is_in(challenge_ids))
        .into_tuple::<(i64, String, Option<i64>, Option<DateTime<Utc>>)>()
        .all(db)
        .await?
        .into_iter()
        .map(Titled::row)
        .collect();
    Ok(rows
        .into_iter()
        .map(|row| {
            let idea = row
                .idea_id
                .and_then(|id| ideas.get(&id).map(|found| (id, found)));
            let challenge = row
                .challenge_id
                .and_then(|id| challenges.get(&id).map(|found| (id, found)));
            let kind = row.kind;
            let detail = match kind {
                Kind::IdeaMerged => row.detail.filter(|merged_title| {
                    !hidden_merged.iter().any(|(into, merged)| {
                        row.idea_id == Some(*into)
                            && merged.title == *merged_title
                            && merged.hidden_from(row.account_id)
                    })
                }),
                _ => row.detail,
            };
            // A response's text is the idea's content: it stays on the
            // server for whoever the idea is hidden from, as its title does.
            let response = row
                .response_id
                .and_then(|id| responses.get(&id))
                .filter(|_| idea.is_some_and(|(_, found)| !found.hidden_from(row.account_id)))
                .cloned();
            NotificationView {
                id: row.id,
                kind,
                idea_id: idea.map(|(id, _)| id),
                challenge_id: challenge.map(|(id, _)| id),
                title: idea
                    .or(challenge)
                    .map(|(_, found)| found.title_for(row.account_id)),
                comment_id: row.comment_id,
                actor_name: row.actor_id.and_then(|id| actors.get(&id).cloned()),
                detail,
                response_excerpt: response.as_deref().map(|text| {
                    crate::markdown::excerpt(
                        &crate::markdown::plain_text(text),
                        RESPONSE_EXCERPT_MAX,
                    )
                }),
                response,
                created_at: row.created_at,
                read: row.read_at.is_some(),
            }
        })
        .collect())
}

/// The texts (Markdown) of the official responses the rows carry.
async fn response_texts(
    db: &impl ConnectionTrait,
    rows: &[notification::Model],
) -> Result<HashMap<i64, String>, DbErr> {
    let ids: Vec<i64> = rows.iter().filter_map(|row| row.response_id).collect();
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    Ok(idea_official_response::Entity::find()
        .select_only()
        .columns([
            idea_official_response::Column::Id,
            idea_official_response::Column::Body,
        ])
        .filter(idea_official_response::Column::Id.is_in(ids))
        .into_tuple::<(i64, String)>()
        .all(db)
        .await?
        .into_iter()
        .collect())
}

async fn titled_ideas(
    db: &impl ConnectionTrait,
    ids: impl IntoIterator<Item = i64>,
) -> Result<HashMap<i64, Titled>, DbErr> {
    Ok(idea::Entity::find()
        .select_only()
        .columns([
            idea::Column::Id,
            idea::Column::Title,
            idea::Column::AuthorId,
            idea::Column::HiddenAt,
        ])
        .filter(idea::Column::Id.is_in(ids))
        .into_tuple::<(i64, String, Option<i64>, Option<DateTime<Utc>>)>()
        .all(db)
        .await?
        .into_iter()
        .map(Titled::row)
        .collect())
}

/// An `IdeaMerged` notification names the merged idea in its detail, by
/// the title it had then. These are the hidden ideas merged into the
/// rows' ideas, each with the idea it went into, so that name stays on the
/// server too.
async fn hidden_ideas_merged_into(
    db: &impl ConnectionTrait,
    rows: &[notification::Model],
) -> Result<Vec<(i64, Titled)>, DbErr> {
    let into_ids: Vec<i64> = rows
        .iter()
        .filter(|row| row.kind == Kind::IdeaMerged)
        .filter_map(|row| row.idea_id)
        .collect();
    if into_ids.is_empty() {
        return Ok(Vec::new());
    }
    let merges: Vec<(i64, i64)> = idea_merge::Entity::find()
        .select_only()
        .columns([
            idea_merge::Column::FromIdeaId,
            idea_merge::Column::IntoIdeaId,
        ])
        .filter(idea_merge::Column::IntoIdeaId.is_in(into_ids))
        .into_tuple()
        .all(db)
        .await?;
    let merged = titled_ideas(db, merges.iter().map(|(from, _)| *from)).await?;
    Ok(merges
        .into_iter()
        .filter_map(|(from, into)| merged.get(&from).map(|found| (into, found.clone())))
        .filter(|(_, found)| found.hidden)
        .collect())
}

/// An idea's or challenge's title, and whether a moderator or reports hid it.
#[derive(Clone)]
struct Titled {
    title: String,
    author_id: Option<i64>,
    hidden: bool,
}

impl Titled {
    fn row(
        (id, title, author_id, hidden_at): (i64, String, Option<i64>, Option<DateTime<Utc>>),
    ) -> (i64, Self) {
        (
            id,
            Self {
                title,
                author_id,
                hidden: hidden_at.is_some(),
            },
        )
    }

    /// Hidden content keeps its title from everyone but its author.
    fn hidden_from(&self, reader: i64) -> bool {
        self.hidden && self.author_id != Some(reader)
    }

    /// The title as `reader` may see it: a hidden one is left out here,
    /// on the server.
    fn title_for(&self, reader: i64) -> Title {
        if self.hidden_from(reader) {
            Title::Hidden
        } else {
            Title::Shown(self.title.clone())
        }
    }
}

/// Marks `account_id`'s notifications with ids from `oldest` to `newest`
/// read (the page just shown). Another person's are never touched.
pub async fn mark_read_between(
    db: &impl ConnectionTrait,
    account_id: i64,
    oldest: i64,
    newest: i64,
) -> Result<(), DbErr> {
    notification::Entity::update_many()
        .col_expr(notification::Column::ReadAt, Expr::value(Utc::now()))
        .filter(notification::Column::AccountId.eq(account_id))
        .filter(notification::Column::ReadAt.is_null())
        .filter(notification::Column::Id.between(oldest, newest))
        .exec(db)
        .await?;
    Ok(())
}

pub async fn email_choice(
    db: &impl ConnectionTrait,
    account_id: i64,
) -> Result<EmailChoice, DbErr> {
    let choice = account::Entity::find_by_id(account_id)
        .select_only()
        .column(account::Column::EmailNotifications)
        .into_tuple::<String>()
        .one(db)
        .await?;
    Ok(choice
        .as_deref()
        .and_then(EmailChoice::parse)
        .unwrap_or_default())
}

pub async fn set_email_choice(
    db: &impl ConnectionTrait,
    account_id: i64,
    choice: EmailChoice,
) -> Result<(), DbErr> {
    account::Entity::update_many()
        .col_expr(
            account::Column::EmailNotifications,
            Expr::value(choice.as_str()),
        )
        .filter(account::Column::Id.eq(account_id))
        .exec(db)
        .await?;
    Ok(())
}

/// The account an unsubscribe link was made for.
pub async fn account_for_unsubscribe(
    db: &impl ConnectionTrait,
    token: &str,
) -> Result<Option<account::Model>, DbErr> {
    if token.is_empty() {
        return Ok(None);
    }
    account::Entity::find()
        .filter(account::Column::UnsubscribeToken.eq(token))
        .one(db)
        .await
}

/// One-click unsubscribe: turns off the notification emails of the account
/// the link was made for. Returns whether the link was known.
pub async fn unsubscribe(db: &impl ConnectionTrait, token: &str) -> Result<bool, DbErr> {
    match account_for_unsubscribe(db, token).await? {
        Some(found) => {
            set_email_choice(db, found.id, EmailChoice::Off).await?;
            tracing::info!(account = found.id, "unsubscribed from notification emails");
            Ok(true)
        }
        None => Ok(false),
    }
}

/// The secret of `account`'s unsubscribe links, made on first use.
///
/// Unlike session and link tokens it is stored as it is, because every
/// email must carry it; all it can do is turn that person's notification
/// emails off.
pub async fn unsubscribe_token(
    db: &impl ConnectionTrait,
    account: &account::Model,
) -> Result<String, DbErr> {
    if let Some(token) = &account.unsubscribe_token {
        return Ok(token.clone());
    }
    let token = crate::server::tokens::random_token();
    account::Entity::update_many()
        .col_expr(
            account::Column::UnsubscribeToken,
            Expr::value(token.clone()),
        )
        .filter(account::Column::Id.eq(account.id))
        .filter(account::Column::UnsubscribeToken.is_null())
        .exec(db)
        .await?;
    // Read back what is stored: when two mailers made one at once, the
    // first one's token is the one that counts.
    let stored = account::Entity::find_by_id(account.id)
        .select_only()
        .column(account::Column::UnsubscribeToken)
        .into_tuple::<Option<String>>()
        .one(db)
        .await?
        .flatten();
    Ok(stored.unwrap_or(token))
}
