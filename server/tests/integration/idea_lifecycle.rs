//! The one way an idea's status changes (`ideas::lifecycle`): every
//! (from, to, who) of the transition table goes through and nothing else
//! does; a stale move gets a conflict; racing publishes and racing moves
//! move the idea once; a merge's undo cannot undo a later move. Both
//! databases.
use crate::common;

use anyhow::ensure;
use app::entities::{idea, idea_status_change};
use app::error::{AppError, Problem};
use app::features::ideas::lifecycle::{StatusChange, change_status};
use app::features::ideas::status::IdeaStatus;
use app::features::ideas::transitions::{self, By};
use app::server::transactions;
use common::engagement::idea_row;
use common::ideas::{draft, idea_form, municipality, participant, publish, published_idea, verify};
use common::people::{person_with_role, post_as};
use common::pipeline::{department_id, move_with_owner, staff_in};
use common::{Backend, TestApp};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder};

on_both_backends!(
    every_move_in_the_table_goes_through_and_no_other,
    a_move_without_what_it_needs_is_refused,
    a_move_from_where_the_idea_no_longer_is_gets_a_conflict,
    two_racing_publishes_publish_once,
    two_racing_moves_move_once,
    undoing_a_merge_twice_cannot_undo_a_later_move,
);

const WHO: [By; 4] = [By::Author, By::System, By::Moderator, By::Staff];

/// Puts the idea in `status` as if it had got there (a duplicate points at
/// `into`), without a timeline row.
async fn place(app: &TestApp, id: i64, status: IdeaStatus, into: i64) -> anyhow::Result<()> {
    let duplicate_of = (status == IdeaStatus::Duplicate).then_some(into);
    idea::Entity::update_many()
        .col_expr(idea::Column::Status, Expr::value(status.as_str()))
        .col_expr(idea::Column::DuplicateOfId, Expr::value(duplicate_of))
        .filter(idea::Column::Id.eq(id))
        .exec(&app.db)
        .await?;
    Ok(())
}

async fn timeline(app: &TestApp, id: i64) -> anyhow::Result<Vec<(Option<String>, String)>> {
    Ok(idea_status_change::Entity::find()
        .filter(idea_status_change::Column::IdeaId.eq(id))
        .order_by_asc(idea_status_change::Column::Id)
        .all(&app.db)
        .await?
        .into_iter()
        .map(|row| {
            (
                row.from_status.map(|status| status.to_string()),
                row.to_status.to_string(),
            )
        })
        .collect())
}

/// The change as the caller would ask for it, with everything a move may need.
fn full_change(
    id: i64,
    from: IdeaStatus,
    to: IdeaStatus,
    by: By,
    actor: i64,
    into: i64,
) -> StatusChange {
    StatusChange::new(id, from, to, by)
        .actor(actor)
        .note(Some("https://example.no/løst".to_owned()))
        .merged_into(into)
}

async fn every_move_in_the_table_goes_through_and_no_other(app: TestApp) -> anyhow::Result<()> {
    municipality(&app).await?;
    let kari = participant(&app, "kari@example.no", "Kari").await?;
    let id = published_idea(&app, &kari, "Benker langs Lysakerelva", "Flere benker.").await?;
    let into = published_idea(&app, &kari, "Benker ved elva", "Samme behov.").await?;
    // What the moves need besides their note: a KPI before selection.
    common::gains::a_kpi(&app, id).await?;
    let mut rows = timeline(&app, id).await?.len();
    for from in IdeaStatus::ALL {
        for to in IdeaStatus::ALL {
            for by in WHO {
                place(&app, id, from, into).await?;
                let transaction = transactions::begin(&app.db).await?;
                let outcome =
                    change_status(&transaction, full_change(id, from, to, by, kari.id, into)).await;
                transaction.commit().await?;
                let row = idea_row(&app, id).await?;
                let written = timeline(&app, id).await?;
                let case = format!("{} → {} by {}", from.as_str(), to.as_str(), by.as_str());
                if transitions::find(from, to, by).is_some() {
                    ensure!(outcome.is_ok(), "{case}: refused with {outcome:?}");
                    ensure!(row.status == to, "{case}: the idea is {}", row.status);
                    ensure!(written.len() == rows + 1, "{case}: no timeline row");
                    ensure!(
                        written.last()
                            == Some(&(Some(from.as_str().to_owned()), to.as_str().to_owned())),
                        "{case}: the timeline says {:?}",
                        written.last()
                    );
                    let duplicate_of = (to == IdeaStatus::Duplicate).then_some(into);
                    ensure!(
                        row.duplicate_of_id == duplicate_of,
                        "{case}: duplicate of {:?}",
                        row.duplicate_of_id
                    );
                    ensure!(
                        row.stage_entered_at.is_some() && row.nominated_at.is_none(),
                        "{case}: stage not stamped"
                    );
                    rows += 1;
                } else {
                    ensure!(
                        matches!(
                            outcome,
                            Err(AppError::Validation { ref field, problem: Problem::NotAllowedNow, .. }) if field == "to"
                        ),
                        "{case}: went through ({outcome:?})"
                    );
                    ensure!(
                        row.status == from,
                        "{case}: the idea moved to {}",
                        row.status
                    );
                    ensure!(written.len() == rows, "{case}: a timeline row was written");
                }
            }
        }
    }
    Ok(())
}

async fn a_move_without_what_it_needs_is_refused(app: TestApp) -> anyhow::Result<()> {
    municipality(&app).await?;
    let kari = participant(&app, "kari@example.no", "Kari").await?;
    let id = published_idea(&app, &kari, "Lys i undergangen", "Det er mørkt.").await?;
    let needs = [
        (IdeaStatus::Declined, "reason"),
        (IdeaStatus::SolvedElsewhere, "link"),
    ];
    for (to, field) in needs {
        let change = StatusChange::new(id, IdeaStatus::Published, to, By::Staff).actor(kari.id);
        let outcome = change_status(&app.db, change).await;
        ensure!(
            matches!(outcome, Err(AppError::Validation { field: ref named, problem: Problem::Required, .. }) if named == field),
            "{to:?} without a {field}: {outcome:?}"
        );
    }
    let merge = StatusChange::new(
        id,
        IdeaStatus::Published,
        IdeaStatus::Duplicate,
        By::Moderator,
    );
    let outcome = change_status(&app.db, merge).await;
    ensure!(
        matches!(outcome, Err(AppError::Validation { ref field, problem: Problem::Required, .. }) if field == "into"),
        "a merge into nothing: {outcome:?}"
    );
    ensure!(idea_row(&app, id).await?.status.as_str() == "published");
    ensure!(
        timeline(&app, id).await?.len() == 1,
        "only the publishing is on the timeline"
    );
    Ok(())
}

async fn a_move_from_where_the_idea_no_longer_is_gets_a_conflict(
    app: TestApp,
) -> anyhow::Result<()> {
    municipality(&app).await?;
    let kari = participant(&app, "kari@example.no", "Kari").await?;
    let id = published_idea(&app, &kari, "Lys i undergangen", "Det er mørkt.").await?;
    place(&app, id, IdeaStatus::UnderReview, 0).await?;
    common::gains::a_kpi(&app, id).await?;
    let select = StatusChange::new(id, IdeaStatus::UnderReview, IdeaStatus::Selected, By::Staff);
    change_status(&app.db, select.clone()).await?;
    // A second request that saw the idea in review before the first won.
    let stale = StatusChange::new(id, IdeaStatus::UnderReview, IdeaStatus::Declined, By::Staff)
        .note(Some("For dyrt.".to_owned()));
    let outcome = change_status(&app.db, stale).await;
    ensure!(matches!(outcome, Err(AppError::Conflict)), "{outcome:?}");
    let outcome = change_status(&app.db, select).await;
    ensure!(
        matches!(outcome, Err(AppError::Conflict)),
        "the same move again: {outcome:?}"
    );
    ensure!(idea_row(&app, id).await?.status.as_str() == "selected");
    ensure!(
        timeline(&app, id).await?.len() == 2,
        "published, then selected once"
    );
    Ok(())
}

async fn two_racing_publishes_publish_once(app: TestApp) -> anyhow::Result<()> {
    municipality(&app).await?;
    let kari = participant(&app, "kari@example.no", "Kari").await?;
    for round in 0..4 {
        let id = draft(
            &app,
            &kari,
            &idea_form(&format!("Sykkelstativ nummer {round}"), "Ved skolen."),
        )
        .await?;
        let (first, second) = futures::join!(publish(&app, &kari, id), publish(&app, &kari, id));
        for answer in [first?, second?] {
            ensure!(
                answer.status().is_success(),
                "round {round}: {}",
                answer.status()
            );
        }
        ensure!(idea_row(&app, id).await?.status.as_str() == "published");
        let written = timeline(&app, id).await?;
        ensure!(
            written == [(Some("draft".to_owned()), "published".to_owned())],
            "round {round}: {written:?}"
        );
    }
    Ok(())
}

async fn two_racing_moves_move_once(app: TestApp) -> anyhow::Result<()> {
    municipality(&app).await?;
    let kari = participant(&app, "kari@example.no", "Kari").await?;
    let roads = department_id(&app, "Vei og trafikk").await?;
    let ola = staff_in(&app, "ola@baerum.kommune.no", "Vei og trafikk").await?;
    let siri = staff_in(&app, "siri@baerum.kommune.no", "Skoler").await?;
    for round in 0..4 {
        let id = published_idea(
            &app,
            &kari,
            &format!("Gangfelt nummer {round}"),
            "Ved skolen.",
        )
        .await?;
        let reviewed = move_with_owner(&app, &ola, id, "under_review", Some(roads)).await?;
        ensure!(reviewed.status().is_success(), "{}", reviewed.status());
        common::gains::a_kpi(&app, id).await?;
        let (first, second) = futures::join!(
            move_with_owner(&app, &ola, id, "selected", None),
            move_with_owner(&app, &siri, id, "selected", None)
        );
        let codes = [first?.status().as_u16(), second?.status().as_u16()];
        let won = codes
            .iter()
            .filter(|code| (200..400).contains(*code))
            .count();
        // The loser either saw the idea in review and lost the update (409),
        // or came second and found no move from "selected" to itself (422).
        ensure!(
            won == 1 && codes.iter().all(|code| [200, 303, 409, 422].contains(code)),
            "round {round}: {codes:?}"
        );
        let selections = timeline(&app, id)
            .await?
            .into_iter()
            .filter(|(_, to)| to == "selected")
            .count();
        ensure!(
            selections == 1,
            "round {round}: selected {selections} times"
        );
    }
    Ok(())
}

async fn undoing_a_merge_twice_cannot_undo_a_later_move(app: TestApp) -> anyhow::Result<()> {
    municipality(&app).await?;
    let kari = participant(&app, "kari@example.no", "Kari").await?;
    let moderator = person_with_role(&app, "moderator@baerum.kommune.no", "moderator").await?;
    verify(&app, &moderator).await?;
    let ola = staff_in(&app, "ola@baerum.kommune.no", "Vei og trafikk").await?;
    let roads = department_id(&app, "Vei og trafikk").await?;
    let id = published_idea(&app, &kari, "Benker langs Lysakerelva", "Flere benker.").await?;
    let into = published_idea(&app, &kari, "Benker ved elva", "Samme behov.").await?;
    let moderate = async |what: &str, path: &str, form: &[(&str, &str)]| -> anyhow::Result<()> {
        let answer = post_as(&app, Some(&moderator), path, form).await?;
        ensure!(answer.status().is_success(), "{what}: {}", answer.status());
        Ok(())
    };
    let (idea_id, into_id) = (id.to_string(), into.to_string());
    let merge = [("idea_id", idea_id.as_str()), ("into", into_id.as_str())];
    let undo = [("idea_id", idea_id.as_str())];
    moderate("merging", "/api/moderation/merge", &merge).await?;
    moderate("undoing", "/api/moderation/undo-merge", &undo).await?;
    ensure!(idea_row(&app, id).await?.status.as_str() == "published");
    // Staff take it into review; then the undo arrives again (a double tap
    // on a slow connection).
    let reviewed = move_with_owner(&app, &ola, id, "under_review", Some(roads)).await?;
    ensure!(reviewed.status().is_success(), "{}", reviewed.status());
    moderate("the repeated undo", "/api/moderation/undo-merge", &undo).await?;
    let row = idea_row(&app, id).await?;
    ensure!(
        row.status.as_str() == "under_review" && row.duplicate_of_id.is_none(),
        "{row:?}"
    );
    // Merged from review, the undo takes it back to review, owners and all.
    moderate("merging from review", "/api/moderation/merge", &merge).await?;
    ensure!(idea_row(&app, id).await?.status.as_str() == "duplicate");
    moderate("undoing again", "/api/moderation/undo-merge", &undo).await?;
    ensure!(idea_row(&app, id).await?.status.as_str() == "under_review");
    let steps: Vec<String> = timeline(&app, id)
        .await?
        .into_iter()
        .map(|(from, to)| format!("{}→{to}", from.unwrap_or_default()))
        .collect();
    ensure!(
        steps
            == [
                "draft→published",
                "published→duplicate",
                "duplicate→published",
                "published→under_review",
                "under_review→duplicate",
                "duplicate→under_review",
            ],
        "{steps:?}"
    );
    let owners = app::entities::idea_department::Entity::find()
        .filter(app::entities::idea_department::Column::IdeaId.eq(id))
        .count(&app.db)
        .await?;
    ensure!(owners == 1, "the idea lost its owner department: {owners}");
    Ok(())
}
