//! The demo's comments and supports, with the follows that taking part
//! brings, and the counts and hot scores that go with them.

use anyhow::Context;
use app::entities::{comment, idea, idea_support, report};
use app::features::accounts::types::ActorType;
use app::features::follows::{service as follows, types::Subject};
use app::features::ideas::ranking::hot_score;
use chrono::{Duration, Utc};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, DatabaseTransaction};

use super::content::Comment;

/// Comments from `content.json`, and supports spread over the people in a
/// fixed pattern (so every load gives the same numbers): each idea open
/// for supports gets some of the people who did not write it.
pub(super) async fn load(
    txn: &DatabaseTransaction,
    ideas: &[idea::Model],
    people: &[i64],
    comments: Vec<Comment>,
    person: &impl Fn(&str) -> anyhow::Result<(i64, ActorType)>,
) -> anyhow::Result<()> {
    let now = Utc::now();
    let mut comment_counts = vec![0; ideas.len()];
    let mut created: Vec<comment::Model> = Vec::new();
    for found in comments {
        let on = ideas
            .get(found.idea)
            .with_context(|| format!("demo comment on idea {}", found.idea))?;
        let parent = match found.parent {
            Some(index) => Some(
                created
                    .get(index)
                    .with_context(|| format!("demo comment parent {index}"))?
                    .clone(),
            ),
            None => None,
        };
        let author = person(&found.author)?.0;
        let written = comment::ActiveModel {
            idea_id: Set(on.id),
            parent_id: Set(parent.as_ref().map(|parent| parent.id)),
            author_id: Set(Some(author)),
            depth: Set(parent.as_ref().map_or(0, |parent| parent.depth + 1)),
            stance: Set(found.stance.as_deref().map(str::parse).transpose()?),
            body: Set(found.body),
            support_count: Set(0),
            reply_count: Set(0),
            created_at: Set(now - Duration::hours(found.hours_ago)),
            edited_at: Set(None),
            deleted_at: Set(None),
            ..Default::default()
        }
        .insert(txn)
        .await?;
        if let Some(parent) = parent {
            let replies = created
                .iter_mut()
                .find(|earlier| earlier.id == parent.id)
                .context("the parent")?;
            replies.reply_count += 1;
            let mut change: comment::ActiveModel = replies.clone().into();
            change.reply_count = Set(replies.reply_count);
            change.update(txn).await?;
        }
        follows::follow_automatically(txn, author, Subject::Idea(on.id)).await?;
        comment_counts[found.idea] += 1;
        created.push(written);
    }

    reports(txn, ideas, &created, people).await?;

    for (index, found) in ideas.iter().enumerate() {
        let open = found.status.is_public();
        let mut supports = 0;
        if open {
            for (number, supporter) in people.iter().enumerate() {
                let chosen = (index * 7 + number * 3) % 5 < 2;
                if !chosen || Some(*supporter) == found.author_id {
                    continue;
                }
                idea_support::ActiveModel {
                    idea_id: Set(found.id),
                    account_id: Set(*supporter),
                    created_at: Set(found.published_at.unwrap_or(now) + Duration::hours(1)),
                }
                .insert(txn)
                .await?;
                follows::follow_automatically(txn, *supporter, Subject::Idea(found.id)).await?;
                supports += 1;
            }
        }
        if let Some(author) = found.author_id {
            follows::follow_automatically(txn, author, Subject::Idea(found.id)).await?;
        }
        let published_at = found.published_at.unwrap_or(now);
        let mut change: idea::ActiveModel = found.clone().into();
        change.support_count = Set(supports);
        change.comment_count = Set(comment_counts[index]);
        change.hot_score = Set(hot_score(supports, comment_counts[index], published_at));
        change.first_vote_at = Set((supports > 0).then_some(published_at + Duration::hours(1)));
        change.update(txn).await?;
    }
    Ok(())
}

/// Two open reports, fewer than hide anything, so the moderators' queue has
/// something to show: the last comment as off-topic, the second idea as spam.
async fn reports(
    txn: &DatabaseTransaction,
    ideas: &[idea::Model],
    comments: &[comment::Model],
    people: &[i64],
) -> anyhow::Result<()> {
    let now = Utc::now();
    let subjects = [
        comments.last().map(|found| {
            (
                "comment",
                found.id,
                found.author_id,
                "off_topic",
                Some("Handler om noe helt annet enn idéen."),
            )
        }),
        ideas
            .get(1)
            .map(|found| ("idea", found.id, found.author_id, "spam", None)),
    ];
    for (kind, id, author, reason, detail) in subjects.into_iter().flatten() {
        let reporter = people
            .iter()
            .copied()
            .find(|person| Some(*person) != author)
            .context("someone to report")?;
        report::ActiveModel {
            subject_type: Set(kind.to_owned()),
            subject_id: Set(id),
            reporter_id: Set(Some(reporter)),
            reason: Set(reason.parse()?),
            detail: Set(detail.map(str::to_owned)),
            created_at: Set(now - Duration::hours(2)),
            ..Default::default()
        }
        .insert(txn)
        .await?;
    }
    Ok(())
}
