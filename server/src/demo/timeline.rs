//! The demo's timelines: each idea in the pipeline or closed took a path
//! there, with the dates spread between its publishing and a few days ago,
//! so its page shows its history, the board the days in its stage and the
//! gains dashboard the median days in each stage.

use app::entities::{idea, idea_status_change};
use app::features::ideas::status::IdeaStatus::{self, *};
use chrono::{Duration, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, DatabaseTransaction, EntityTrait, QueryFilter,
};

/// Why the demo's declined idea was declined; everyone reads it.
const DECLINED_BECAUSE: &str =
    "Bussen er fylkeskommunens ansvar. Vi har sendt idéen videre til Ruter.";

/// The statuses an idea now in `status` passed through, oldest first.
fn path(status: IdeaStatus) -> Vec<IdeaStatus> {
    let to_review = [Published, ThresholdReached, UnderReview];
    match status {
        ThresholdReached => vec![Published, ThresholdReached],
        UnderReview => to_review.to_vec(),
        Selected => [&to_review[..], &[Selected]].concat(),
        Piloting => [&to_review[..], &[Selected, Piloting]].concat(),
        Implemented => [&to_review[..], &[Selected, Piloting, Implemented]].concat(),
        BenefitsRealised => [
            &to_review[..],
            &[Selected, Piloting, Implemented, BenefitsRealised],
        ]
        .concat(),
        Declined => vec![Published, UnderReview, Declined],
        Withdrawn => vec![Published, Withdrawn],
        _ => vec![Published],
    }
}

pub(super) async fn load(txn: &DatabaseTransaction, ideas: &[idea::Model]) -> anyhow::Result<()> {
    let until = Utc::now() - Duration::days(2);
    for found in ideas {
        let Some(published) = found.published_at else {
            continue;
        };
        let steps = path(found.status);
        let span = (until - published).max(Duration::zero());
        let mut previous = None;
        let mut entered = published;
        for (at, status) in steps.iter().enumerate() {
            // Later stages come closer together, as work speeds up once chosen.
            let share = at as f64 / steps.len() as f64;
            entered =
                published + Duration::seconds((span.num_seconds() as f64 * share.sqrt()) as i64);
            idea_status_change::ActiveModel {
                idea_id: Set(found.id),
                from_status: Set(previous),
                to_status: Set(*status),
                actor_id: Set(None),
                note: Set((*status == Declined).then(|| DECLINED_BECAUSE.to_owned())),
                created_at: Set(entered),
                ..Default::default()
            }
            .insert(txn)
            .await?;
            previous = Some(*status);
        }
        idea::Entity::update_many()
            .col_expr(idea::Column::StageEnteredAt, Expr::value(entered))
            .filter(idea::Column::Id.eq(found.id))
            .exec(txn)
            .await?;
    }
    Ok(())
}
