//! A double submit or a retried request acts once, on both databases.
use crate::common;

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use app::error::{AppError, Problem};
use app::server::idempotency::{IdempotencyKey, run_once};
use common::{Backend, TestApp};

on_both_backends!(
    a_repeated_key_runs_the_action_once_and_replays_the_answer,
    a_failed_action_lets_the_corrected_form_be_sent_again,
    a_key_from_another_form_does_not_replay_its_answer,
    simultaneous_repeats_run_the_action_once,
);

fn fresh_key() -> anyhow::Result<IdempotencyKey> {
    Ok(IdempotencyKey::parse(&uuid::Uuid::new_v4().to_string())?)
}

async fn a_repeated_key_runs_the_action_once_and_replays_the_answer(
    app: TestApp,
) -> anyhow::Result<()> {
    let key = fresh_key()?;
    let runs = AtomicUsize::new(0);
    for _ in 0..3 {
        let answer = run_once(&app.db, &key, "/api/test", || async {
            Ok::<_, AppError>(format!("run {}", runs.fetch_add(1, Ordering::SeqCst) + 1))
        })
        .await?;
        assert_eq!(answer, "run 1");
    }
    assert_eq!(runs.load(Ordering::SeqCst), 1);
    Ok(())
}

async fn a_failed_action_lets_the_corrected_form_be_sent_again(app: TestApp) -> anyhow::Result<()> {
    let key = fresh_key()?;
    let refused: Result<u32, _> = run_once(&app.db, &key, "/api/test", || async {
        Err(AppError::invalid("title", Problem::Required))
    })
    .await;
    assert_eq!(refused, Err(AppError::invalid("title", Problem::Required)));
    let accepted = run_once(&app.db, &key, "/api/test", || async {
        Ok::<_, AppError>(7u32)
    })
    .await?;
    assert_eq!(accepted, 7);
    Ok(())
}

async fn a_key_from_another_form_does_not_replay_its_answer(app: TestApp) -> anyhow::Result<()> {
    let key = fresh_key()?;
    run_once(&app.db, &key, "/api/first", || async {
        Ok::<_, AppError>(1u8)
    })
    .await?;
    let elsewhere = run_once(&app.db, &key, "/api/second", || async {
        Ok::<_, AppError>(2u8)
    })
    .await;
    assert_eq!(elsewhere, Err(AppError::Conflict));
    Ok(())
}

async fn simultaneous_repeats_run_the_action_once(app: TestApp) -> anyhow::Result<()> {
    const ATTEMPTS: usize = 8;
    let key = fresh_key()?;
    let (runs, answered) = (Arc::new(AtomicUsize::new(0)), Arc::new(AtomicUsize::new(0)));
    let attempts = (0..ATTEMPTS).map(|_| {
        let (db, key) = (app.db.clone(), key.clone());
        let (runs, answered) = (runs.clone(), answered.clone());
        tokio::spawn(async move {
            let seen = answered.clone();
            let answer = run_once(&db, &key, "/api/test", || async move {
                runs.fetch_add(1, Ordering::SeqCst);
                // Runs until every other attempt has arrived and been answered.
                let others_answered = common::eventually("the other attempts", || async {
                    Ok((seen.load(Ordering::SeqCst) == ATTEMPTS - 1).then_some(()))
                })
                .await;
                others_answered.map_err(|_| AppError::Internal)?;
                Ok::<_, AppError>("done".to_owned())
            })
            .await;
            answered.fetch_add(1, Ordering::SeqCst);
            answer
        })
    });
    let mut answers = Vec::new();
    for attempt in attempts.collect::<Vec<_>>() {
        answers.push(attempt.await?);
    }
    assert_eq!(runs.load(Ordering::SeqCst), 1, "{answers:?}");
    assert!(
        answers
            .iter()
            .all(|a| matches!(a, Ok(done) if done == "done") || *a == Err(AppError::Conflict))
    );
    assert!(answers.iter().any(|a| a.is_ok()));
    Ok(())
}

#[test]
fn only_uuids_are_keys() {
    assert!(IdempotencyKey::parse("not a key").is_err());
    assert!(IdempotencyKey::parse("").is_err());
    assert!(IdempotencyKey::parse("9b2f8a9e-3c1d-4c57-9f51-6b1e0d6f2a10").is_ok());
}
