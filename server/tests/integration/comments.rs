//! Comments: three levels of replies, stances, the 15-minute edit window,
//! tombstones, sorting and paging, and long threads. Both databases.
use crate::common;

use anyhow::{Context, ensure};
use app::entities::comment;
use chrono::{Duration, Utc};
use common::engagement::{comment_on, comment_row, crowd, idea_row, post_comment};
use common::ideas::{municipality, participant, published_idea};
use common::people::{Person, get_as, post_as};
use common::{Backend, TestApp};
use reqwest::StatusCode;
use sea_orm::{ActiveModelTrait, ActiveValue::Set, EntityTrait};

on_both_backends!(
    replies_go_three_levels_deep_and_stances_are_counted,
    the_author_may_change_a_comment_for_fifteen_minutes,
    a_deleted_comment_leaves_a_tombstone_and_its_replies,
    nobody_else_may_change_or_delete_a_comment,
    bad_comments_are_refused_with_a_message_and_kept,
    comments_page_in_every_order_each_once,
    a_thousand_comments_come_a_page_at_a_time,
    comment_supports_count_once_and_not_ones_own,
);

async fn ready(app: &TestApp) -> anyhow::Result<(Person, Person, i64)> {
    municipality(app).await?;
    let author = participant(app, "forfatter@example.no", "Forfatter").await?;
    let kari = participant(app, "kari@example.no", "Kari").await?;
    let idea = published_idea(app, &author, "Benker langs Lysakerelva", "Flere benker.").await?;
    Ok((author, kari, idea))
}

async fn page_of(app: &TestApp, who: Option<&Person>, path: &str) -> anyhow::Result<String> {
    let response = get_as(app, who, path).await?;
    ensure!(
        response.status() == StatusCode::OK,
        "{path}: {}",
        response.status()
    );
    Ok(response.text().await?)
}

async fn comments_json(
    app: &TestApp,
    who: Option<&Person>,
    query: &str,
) -> anyhow::Result<serde_json::Value> {
    let response = get_as(app, who, &format!("/api/comments/page?{query}")).await?;
    ensure!(response.status() == StatusCode::OK, "{}", response.status());
    Ok(response.json().await?)
}

async fn replies_go_three_levels_deep_and_stances_are_counted(app: TestApp) -> anyhow::Result<()> {
    let (author, kari, idea) = ready(&app).await?;
    let top = post_comment(&app, &kari, idea, None, "Gode idé! **Enig**", "for").await?;
    ensure!(top.status().is_success());
    let top: i64 = top.text().await?.trim().parse()?;
    let reply = post_comment(&app, &author, idea, Some(top), "Takk!", "neutral").await?;
    let reply: i64 = reply.text().await?.trim().parse()?;
    let deepest = comment_on(&app, &kari, idea, Some(reply), "Bare hyggelig.").await?;
    let too_deep = post_comment(&app, &author, idea, Some(deepest), "For dypt", "").await?;
    ensure!(too_deep.status() == StatusCode::UNPROCESSABLE_ENTITY);
    ensure!(too_deep.text().await?.contains("ThreadTooDeep"));
    comment_on(&app, &author, idea, None, "Jeg er uenig med meg selv.").await?;
    let against = post_comment(&app, &kari, idea, None, "Men kostnaden?", "against").await?;
    ensure!(against.status().is_success());

    ensure!(idea_row(&app, idea).await?.comment_count == 5);
    ensure!(comment_row(&app, top).await?.reply_count == 1);
    let page = comments_json(&app, None, &format!("idea_id={idea}")).await?;
    let stances = &page["stances"];
    ensure!(
        stances["for_"] == 1
            && stances["against"] == 1
            && stances["neutral"] == 1
            && stances["none"] == 2,
        "{stances}"
    );
    let first = &page["comments"][0];
    ensure!(
        first["body_html"]
            .as_str()
            .unwrap_or_default()
            .contains("<strong>Enig</strong>")
    );
    ensure!(
        first["replies"][0]["replies"][0]["id"] == deepest,
        "{first}"
    );

    let html = page_of(&app, None, &format!("/ideas/{idea}")).await?;
    for id in [top, reply, deepest] {
        ensure!(
            html.contains(&format!("id=\"comment-{id}\"")),
            "comment {id} on the page"
        );
    }
    Ok(())
}

async fn the_author_may_change_a_comment_for_fifteen_minutes(app: TestApp) -> anyhow::Result<()> {
    let (_, kari, idea) = ready(&app).await?;
    let id = comment_on(&app, &kari, idea, None, "Førsteutkast").await?;
    let edit = |body: &'static str| {
        let kari = &kari;
        let app = &app;
        async move {
            post_as(
                app,
                Some(kari),
                "/api/comments/edit",
                &[
                    ("comment_id", &id.to_string()),
                    ("body", body),
                    ("stance", "for"),
                ],
            )
            .await
        }
    };
    ensure!(edit("Rettet tekst").await?.status().is_success());
    let changed = comment_row(&app, id).await?;
    ensure!(changed.body == "Rettet tekst" && changed.edited_at.is_some());
    ensure!(changed.stance.map(|stance| stance.as_str()) == Some("for"));
    let html = page_of(&app, None, &format!("/ideas/{idea}")).await?;
    ensure!(html.contains("endret"), "marked edited");

    let mut older: comment::ActiveModel = changed.into();
    older.created_at = Set(Utc::now() - Duration::minutes(16));
    older.update(&app.db).await?;
    let late = edit("For sent").await?;
    ensure!(late.status() == StatusCode::UNPROCESSABLE_ENTITY);
    ensure!(late.text().await?.contains("CommentEditWindowClosed"));
    ensure!(comment_row(&app, id).await?.body == "Rettet tekst");
    Ok(())
}

async fn a_deleted_comment_leaves_a_tombstone_and_its_replies(app: TestApp) -> anyhow::Result<()> {
    let (author, kari, idea) = ready(&app).await?;
    let id = comment_on(&app, &kari, idea, None, "Hemmelig mening 7731").await?;
    let reply = comment_on(&app, &author, idea, Some(id), "Svaret består").await?;
    for _ in 0..2 {
        let deleted = post_as(
            &app,
            Some(&kari),
            "/api/comments/delete",
            &[("comment_id", &id.to_string())],
        )
        .await?;
        ensure!(deleted.status().is_success(), "{}", deleted.status());
    }
    let row = comment_row(&app, id).await?;
    ensure!(row.deleted_at.is_some() && row.body.is_empty() && row.stance.is_none());
    ensure!(idea_row(&app, idea).await?.comment_count == 1);
    let html = page_of(&app, None, &format!("/ideas/{idea}")).await?;
    ensure!(!html.contains("Hemmelig mening 7731"), "the text is gone");
    ensure!(
        html.contains("slettet av forfatteren"),
        "the tombstone says so"
    );
    ensure!(html.contains("Svaret består") && html.contains(&format!("comment-{reply}")));
    // A tombstone takes no replies.
    let refused = post_comment(&app, &author, idea, Some(id), "Hallo?", "").await?;
    ensure!(refused.status() == StatusCode::UNPROCESSABLE_ENTITY);
    Ok(())
}

async fn nobody_else_may_change_or_delete_a_comment(app: TestApp) -> anyhow::Result<()> {
    let (author, kari, idea) = ready(&app).await?;
    let id = comment_on(&app, &kari, idea, None, "Kari sin kommentar").await?;
    let comment_id = id.to_string();
    for (path, form) in [
        (
            "/api/comments/edit",
            vec![("comment_id", comment_id.as_str()), ("body", "Kapret")],
        ),
        (
            "/api/comments/delete",
            vec![("comment_id", comment_id.as_str())],
        ),
    ] {
        let refused = post_as(&app, Some(&author), path, &form).await?;
        ensure!(
            refused.status() == StatusCode::FORBIDDEN,
            "{path}: {}",
            refused.status()
        );
        let signed_out = post_as(&app, None, path, &form).await?;
        ensure!(signed_out.status() == StatusCode::UNAUTHORIZED, "{path}");
    }
    let row = comment_row(&app, id).await?;
    ensure!(row.body == "Kari sin kommentar" && row.deleted_at.is_none());
    // The edit text of a comment is only sent to its author.
    let page = comments_json(&app, Some(&author), &format!("idea_id={idea}")).await?;
    ensure!(page["comments"][0]["body"] == "", "{page}");
    Ok(())
}

async fn bad_comments_are_refused_with_a_message_and_kept(app: TestApp) -> anyhow::Result<()> {
    let (_, kari, idea) = ready(&app).await?;
    let empty = post_comment(&app, &kari, idea, None, "   ", "").await?;
    ensure!(empty.status() == StatusCode::UNPROCESSABLE_ENTITY);
    let long = "ø".repeat(5001);
    let too_long = post_comment(&app, &kari, idea, None, &long, "").await?;
    ensure!(too_long.status() == StatusCode::UNPROCESSABLE_ENTITY);
    let odd = post_comment(&app, &kari, idea, None, "Hm", "kanskje").await?;
    ensure!(odd.status() == StatusCode::UNPROCESSABLE_ENTITY);
    ensure!(odd.text().await?.contains("stance"));

    // Without JavaScript: back to the page (303) with the text kept.
    let refused = app
        .post_same_origin("/api/comments/post")
        .header("accept", "text/html")
        .header("referer", app.url(&format!("/ideas/{idea}")))
        .header("cookie", &kari.cookie)
        .form(&[
            ("idea_id", idea.to_string()),
            ("body", "Teksten min".to_owned()),
            ("stance", "kanskje".to_owned()),
            ("idempotency_key", uuid::Uuid::new_v4().to_string()),
        ])
        .send()
        .await?;
    ensure!(refused.status() == StatusCode::SEE_OTHER);
    let back = refused
        .headers()
        .get("location")
        .and_then(|value| value.to_str().ok())
        .context("a location")?
        .to_owned();
    let path = back.trim_start_matches(&app.address);
    let html = page_of(&app, Some(&kari), path).await?;
    ensure!(html.contains("Teksten min"), "the text comes back");
    ensure!(
        html.contains("comment-stance-message"),
        "the message is next to the field"
    );

    // Withdrawn ideas take no comments; a double submit posts once.
    ensure!(idea_row(&app, idea).await?.comment_count == 0);
    let key = uuid::Uuid::new_v4().to_string();
    for _ in 0..2 {
        let posted = app
            .post_same_origin("/api/comments/post")
            .header("accept", "application/json")
            .header("cookie", &kari.cookie)
            .form(&[
                ("idea_id", idea.to_string()),
                ("body", "Bare én gang".to_owned()),
                ("idempotency_key", key.clone()),
            ])
            .send()
            .await?;
        ensure!(posted.status().is_success(), "{}", posted.status());
    }
    ensure!(idea_row(&app, idea).await?.comment_count == 1);
    let mut withdrawn: app::entities::idea::ActiveModel = idea_row(&app, idea).await?.into();
    withdrawn.status = Set("withdrawn".parse()?);
    withdrawn.update(&app.db).await?;
    let closed = post_comment(&app, &kari, idea, None, "Etterpå", "").await?;
    ensure!(closed.text().await?.contains("CommentsClosed"));
    Ok(())
}

async fn comments_page_in_every_order_each_once(app: TestApp) -> anyhow::Result<()> {
    let (_, _, idea) = ready(&app).await?;
    let people = crowd(&app, 3).await?;
    let mut ids = Vec::new();
    for number in 0..45 {
        let who = &people[number % 3];
        ids.push(comment_on(&app, who, idea, None, &format!("Kommentar {number}")).await?);
    }
    // Supports make "most supported" differ from the time orders, with ties.
    let mut row: comment::ActiveModel = comment_row(&app, ids[10]).await?.into();
    row.support_count = Set(5);
    row.update(&app.db).await?;
    for id in [ids[3], ids[30]] {
        let mut row: comment::ActiveModel = comment_row(&app, id).await?.into();
        row.support_count = Set(2);
        row.update(&app.db).await?;
    }
    for sort in ["oldest", "newest", "supported"] {
        let mut seen = Vec::new();
        let mut after: Option<String> = None;
        loop {
            let mut query = format!("idea_id={idea}&sort={sort}");
            if let Some(cursor) = &after {
                query.push_str(&format!("&after={cursor}"));
            }
            let page = comments_json(&app, None, &query).await?;
            for comment in page["comments"].as_array().context("comments")? {
                seen.push(comment["id"].as_i64().context("id")?);
            }
            match page["next"].as_str() {
                Some(next) => after = Some(next.to_owned()),
                None => break,
            }
        }
        let mut expected = ids.clone();
        match sort {
            "newest" => expected.reverse(),
            "supported" => {
                expected.reverse();
                expected.retain(|id| ![ids[10], ids[3], ids[30]].contains(id));
                expected.splice(0..0, [ids[10], ids[30], ids[3]]);
            }
            _ => {}
        }
        ensure!(seen == expected, "{sort}: {seen:?}");
    }
    Ok(())
}

async fn a_thousand_comments_come_a_page_at_a_time(app: TestApp) -> anyhow::Result<()> {
    let (author, kari, idea) = ready(&app).await?;
    let first = comment_on(&app, &kari, idea, None, "Den første").await?;
    // 999 more straight in the database: 49 on the idea, 950 replies to the first.
    let now = Utc::now();
    let rows = (0..999).map(|number| comment::ActiveModel {
        idea_id: Set(idea),
        parent_id: Set((number >= 49).then_some(first)),
        author_id: Set(Some(author.id)),
        depth: Set(if number >= 49 { 1 } else { 0 }),
        stance: Set(None),
        body: Set(format!("Kommentar nummer {number}")),
        support_count: Set(0),
        reply_count: Set(0),
        created_at: Set(now),
        edited_at: Set(None),
        deleted_at: Set(None),
        ..Default::default()
    });
    let rows: Vec<_> = rows.collect();
    for chunk in rows.chunks(100) {
        comment::Entity::insert_many(chunk.to_vec())
            .exec(&app.db)
            .await?;
    }
    let mut parent: comment::ActiveModel = comment_row(&app, first).await?.into();
    parent.reply_count = Set(950);
    parent.update(&app.db).await?;

    let html = page_of(&app, None, &format!("/ideas/{idea}")).await?;
    let shown = html.matches("class=\"comment\"").count();
    // 20 comments, 3 replies under the first: the page does not grow with the thread.
    ensure!(shown == 23, "{shown} comments on the idea page");
    ensure!(html.contains("947"), "the rest are one link away");

    let thread = page_of(&app, None, &format!("/ideas/{idea}/comments/{first}")).await?;
    ensure!(
        thread.matches("class=\"comment\"").count() == 51,
        "the thread page shows 50 replies"
    );
    ensure!(thread.contains("?after="), "and a link to the next 50");
    // A comment's page under another idea's address does not exist.
    let other = published_idea(&app, &kari, "Annen idé", "Tekst").await?;
    let wrong = get_as(&app, None, &format!("/ideas/{other}/comments/{first}")).await?;
    ensure!(wrong.status() == StatusCode::NOT_FOUND);
    Ok(())
}

async fn comment_supports_count_once_and_not_ones_own(app: TestApp) -> anyhow::Result<()> {
    let (author, kari, idea) = ready(&app).await?;
    let id = comment_on(&app, &kari, idea, None, "Støtt meg").await?;
    let support = |who: &Person, on: bool| {
        let cookie = who.cookie.clone();
        let app = &app;
        async move {
            app.post_same_origin("/api/supports/comment")
                .header("accept", "application/json")
                .header("cookie", cookie)
                .form(&[("comment_id", id.to_string()), ("support", on.to_string())])
                .send()
                .await
        }
    };
    for _ in 0..2 {
        ensure!(support(&author, true).await?.status().is_success());
    }
    ensure!(comment_row(&app, id).await?.support_count == 1);
    let own = support(&kari, true).await?;
    ensure!(own.status() == StatusCode::UNPROCESSABLE_ENTITY);
    ensure!(support(&author, false).await?.status().is_success());
    ensure!(comment_row(&app, id).await?.support_count == 0);
    Ok(())
}

#[tokio::test]
async fn the_comment_pages_answer_404_for_unknown_ids() -> anyhow::Result<()> {
    let app = TestApp::spawn(Backend::Sqlite).await?;
    for path in ["/ideas/999/comments/1", "/ideas/1/comments/x"] {
        let response = app.get(path).await?;
        ensure!(response.status() == StatusCode::NOT_FOUND, "{path}");
    }
    Ok(())
}
