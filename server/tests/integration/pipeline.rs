//! The innovation pipeline's transition table as staff meet it: every
//! legal move succeeds, every other is refused and changes nothing, moves
//! carry their reason or link, only staff move ideas, supports close when
//! the idea moves on, and every step is on the public timeline. Both
//! databases.
use crate::common;

use anyhow::ensure;
use app::entities::{idea, idea_status_change};
use app::features::ideas::status::IdeaStatus;
use app::features::ideas::transitions::{By, TRANSITIONS, find};
use common::engagement::{idea_row, support};
use common::ideas::{municipality, participant, published_idea, verify};
use common::people::{Person, get_as, person_with_role, post_as};
use common::pipeline::department_id;
use common::{Backend, TestApp};
use reqwest::StatusCode;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

on_both_backends!(
    every_legal_move_succeeds_and_every_other_is_refused,
    moves_carry_their_reason_or_link_onto_the_public_timeline,
    only_staff_move_ideas_and_supports_close_when_they_do,
);

struct Office {
    author: Person,
    staff: Person,
    idea: i64,
    /// Named as owner with every move (ideas in review need one).
    department: String,
}

async fn office(app: &TestApp) -> anyhow::Result<Office> {
    municipality(app).await?;
    let author = participant(app, "forfatter@example.no", "Forfatter").await?;
    let staff = person_with_role(app, "ansatt@example.no", "staff").await?;
    verify(app, &staff).await?;
    let idea = published_idea(app, &author, "Benker langs elva", "Flere benker.").await?;
    Ok(Office {
        author,
        staff,
        idea,
        department: department_id(app, "Vei og trafikk").await?.to_string(),
    })
}

/// A move as the idea page's form sends it, naming the first department
/// as owner.
struct Asked<'a> {
    to: &'a str,
    reason: &'a str,
    link: &'a str,
    response: &'a str,
}

async fn move_to(
    app: &TestApp,
    office: &Office,
    who: &Person,
    to: &str,
    reason: &str,
    link: &str,
) -> anyhow::Result<reqwest::Response> {
    let asked = Asked {
        to,
        reason,
        link,
        response: "",
    };
    respond(app, office, who, asked).await
}

/// A move with the municipality's official response.
async fn respond(
    app: &TestApp,
    office: &Office,
    who: &Person,
    asked: Asked<'_>,
) -> anyhow::Result<reqwest::Response> {
    post_as(
        app,
        Some(who),
        "/api/pipeline/move",
        &[
            ("idea_id", &office.idea.to_string()),
            ("to", asked.to),
            ("reason", asked.reason),
            ("link", asked.link),
            ("response", asked.response),
            ("department_id", &office.department),
        ],
    )
    .await
}

async fn set_status(app: &TestApp, idea_id: i64, status: IdeaStatus) -> anyhow::Result<()> {
    idea::Entity::update_many()
        .col_expr(idea::Column::Status, Expr::value(status.as_str()))
        .filter(idea::Column::Id.eq(idea_id))
        .exec(&app.db)
        .await?;
    Ok(())
}

async fn every_legal_move_succeeds_and_every_other_is_refused(app: TestApp) -> anyhow::Result<()> {
    let office = office(&app).await?;
    // What a move needs besides the form's reason and link: a KPI to select.
    common::gains::a_kpi(&app, office.idea).await?;
    let mut legal = 0;
    for from in IdeaStatus::ALL {
        for to in IdeaStatus::ALL {
            set_status(&app, office.idea, from).await?;
            let answer = move_to(
                &app,
                &office,
                &office.staff,
                to.as_str(),
                "Det finnes ikke midler i år.",
                "https://www.example.no/losning",
            )
            .await?;
            let status = answer.status();
            let now = idea_row(&app, office.idea).await?.status;
            if find(from, to, By::Staff).is_some() {
                legal += 1;
                ensure!(status.is_success(), "{from:?} → {to:?}: {status}");
                ensure!(now == to, "{from:?} → {to:?} left it {now}");
            } else {
                ensure!(
                    status == StatusCode::UNPROCESSABLE_ENTITY,
                    "{from:?} → {to:?} was not refused: {status}"
                );
                ensure!(now == from, "{from:?} → {to:?} changed it to {now}");
                let body = answer.text().await?;
                ensure!(body.contains("NotAllowedNow"), "{from:?} → {to:?}: {body}");
            }
        }
    }
    let in_table = TRANSITIONS.iter().filter(|t| t.by == By::Staff).count();
    ensure!(
        legal == in_table && legal > 10,
        "the staff's moves: {legal}"
    );
    let recorded = idea_status_change::Entity::find()
        .filter(idea_status_change::Column::IdeaId.eq(office.idea))
        .filter(idea_status_change::Column::ActorId.eq(office.staff.id))
        .count(&app.db)
        .await?;
    ensure!(
        recorded == legal as u64,
        "one timeline row per move: {recorded}"
    );
    Ok(())
}

async fn moves_carry_their_reason_or_link_onto_the_public_timeline(
    app: TestApp,
) -> anyhow::Result<()> {
    let office = office(&app).await?;
    let idea = office.idea;
    // Declining needs a reason; solved elsewhere a web address.
    let wordless = move_to(&app, &office, &office.staff, "declined", " ", "").await?;
    ensure!(
        wordless
            .text()
            .await?
            .contains(r#""field":"reason","problem":"Required""#)
    );
    let linkless = move_to(&app, &office, &office.staff, "solved_elsewhere", "", "").await?;
    ensure!(
        linkless
            .text()
            .await?
            .contains(r#""field":"link","problem":"Required""#)
    );
    let odd = move_to(
        &app,
        &office,
        &office.staff,
        "solved_elsewhere",
        "",
        "ftp://x.no/a",
    )
    .await?;
    ensure!(odd.text().await?.contains("InvalidLink"));
    let unknown = move_to(&app, &office, &office.staff, "somewhere", "", "").await?;
    ensure!(unknown.status() == StatusCode::UNPROCESSABLE_ENTITY);
    ensure!(
        idea_row(&app, idea).await?.status.as_str() == "published",
        "nothing moved"
    );

    let reviewed = respond(
        &app,
        &office,
        &office.staff,
        Asked {
            to: "under_review",
            reason: "",
            link: "",
            response: "Takk! **Vei og trafikk** ser på dette.<script>alert(1)</script>",
        },
    )
    .await?;
    ensure!(reviewed.status().is_success());
    let page = get_as(&app, None, &format!("/ideas/{idea}"))
        .await?
        .text()
        .await?;
    ensure!(
        page.contains("<strong>Vei og trafikk</strong>") && !page.contains("<script>alert"),
        "the official response is public, as sanitised Markdown"
    );
    let declined = move_to(
        &app,
        &office,
        &office.staff,
        "declined",
        "Det finnes ikke midler i år.",
        "",
    )
    .await?;
    ensure!(declined.status().is_success());
    let page = get_as(&app, None, &format!("/ideas/{idea}"))
        .await?
        .text()
        .await?;
    ensure!(
        page.contains("Det finnes ikke midler i år."),
        "the reason is public"
    );
    ensure!(
        page.contains("Under vurdering") && page.contains("Avslått"),
        "every step shows"
    );
    let again = move_to(&app, &office, &office.staff, "under_review", "", "").await?;
    ensure!(
        again.status().is_success(),
        "a declined idea may be looked at again"
    );
    let solved = move_to(
        &app,
        &office,
        &office.staff,
        "solved_elsewhere",
        "",
        "https://www.asker.kommune.no/benker",
    )
    .await?;
    ensure!(solved.status().is_success());
    let page = get_as(&app, None, &format!("/ideas/{idea}"))
        .await?
        .text()
        .await?;
    ensure!(
        page.contains(r#"href="https://www.asker.kommune.no/benker""#),
        "the link is a link"
    );
    // The author followed their idea, and heard of each move.
    let told = app::entities::notification::Entity::find()
        .filter(app::entities::notification::Column::AccountId.eq(office.author.id))
        .filter(app::entities::notification::Column::Kind.eq("idea_status"))
        .count(&app.db)
        .await?;
    ensure!(told == 4, "the author was told of every move: {told}");
    Ok(())
}

async fn only_staff_move_ideas_and_supports_close_when_they_do(app: TestApp) -> anyhow::Result<()> {
    let office = office(&app).await?;
    let kari = participant(&app, "kari@example.no", "Kari").await?;
    let moderator = person_with_role(&app, "moderator@example.no", "moderator").await?;
    for who in [&office.author, &kari, &moderator] {
        let refused = move_to(&app, &office, who, "under_review", "", "").await?;
        ensure!(
            refused.status() == StatusCode::FORBIDDEN,
            "{}",
            refused.status()
        );
    }
    ensure!(
        support(&app, Some(&kari), office.idea, true)
            .await?
            .status()
            .is_success()
    );
    ensure!(
        move_to(&app, &office, &office.staff, "under_review", "", "")
            .await?
            .status()
            .is_success()
    );
    let closed = support(&app, Some(&kari), office.idea, false).await?;
    ensure!(
        closed.text().await?.contains("VotingClosed"),
        "supports closed"
    );
    // The author can no longer withdraw it either.
    let withdraw = post_as(
        &app,
        Some(&office.author),
        "/api/ideas/withdraw",
        &[("idea_id", &office.idea.to_string())],
    )
    .await?;
    ensure!(withdraw.status() == StatusCode::UNPROCESSABLE_ENTITY);
    Ok(())
}
