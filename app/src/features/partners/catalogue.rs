//! Searching every partner's solution catalogue at once: one request per
//! partner to its open data API, all at the same time, each cut off after
//! its time limit, so the slowest partner costs at most that much and a
//! dead one is named as unavailable. Answers are kept for five minutes,
//! so a busy page asks each partner at most that often per search.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use sea_orm::ConnectionTrait;
use serde::Deserialize;

use super::types::{Partner, PartnerAnswer, PartnerResults, RemoteCard};
use crate::error::AppError;
use crate::server::outgoing::{self, PARTNER};

/// How long an answer is kept.
const KEPT_FOR: Duration = Duration::from_secs(5 * 60);
/// The most answers kept; the oldest make room.
const MOST_KEPT: usize = 1_000;
/// Cards shown per partner.
const PER_PARTNER: usize = 5;

type Kept = HashMap<(String, String), (Instant, PartnerAnswer)>;

static KEPT: Mutex<Option<Kept>> = Mutex::new(None);

#[derive(Deserialize)]
struct Page {
    data: Vec<Card>,
}

#[derive(Deserialize)]
struct Card {
    id: i64,
    title: String,
    url: String,
    maturity: String,
}

fn kept(origin: &str, search: &str) -> Option<PartnerAnswer> {
    let kept = KEPT.lock().ok()?;
    let (at, answer) = kept
        .as_ref()?
        .get(&(origin.to_owned(), search.to_owned()))?;
    (at.elapsed() < KEPT_FOR).then(|| answer.clone())
}

fn keep(origin: &str, search: &str, answer: &PartnerAnswer) {
    if let Ok(mut kept) = KEPT.lock() {
        let kept = kept.get_or_insert_with(HashMap::new);
        if kept.len() >= MOST_KEPT {
            kept.retain(|_, (at, _)| at.elapsed() < KEPT_FOR);
        }
        if kept.len() < MOST_KEPT {
            kept.insert(
                (origin.to_owned(), search.to_owned()),
                (Instant::now(), answer.clone()),
            );
        }
    }
}

async fn ask(partner: &Partner, search: &str, listed: &[String]) -> PartnerAnswer {
    if let Some(answer) = kept(&partner.base_url, search) {
        return answer;
    }
    let Ok(mut url) = url::Url::parse(&format!("{}/api/v1/solutions", partner.base_url)) else {
        return PartnerAnswer::Unavailable;
    };
    url.query_pairs_mut().append_pair("q", search);
    let answer = match outgoing::fetch(&url, listed, PARTNER, None).await {
        Ok(body) => match serde_json::from_str::<Page>(&body) {
            Ok(page) => PartnerAnswer::Found(
                page.data
                    .into_iter()
                    // A card's address must be on the partner's own site.
                    .filter(|card| card.url.starts_with(&format!("{}/", partner.base_url)))
                    .take(PER_PARTNER)
                    .map(|card| RemoteCard {
                        id: card.id,
                        title: crate::text::collapse_whitespace(&card.title),
                        url: card.url,
                        maturity: card.maturity,
                    })
                    .collect(),
            ),
            Err(_) => PartnerAnswer::Unavailable,
        },
        Err(error) => {
            tracing::info!(partner = %partner.base_url, %error, "a partner's catalogue did not answer");
            PartnerAnswer::Unavailable
        }
    };
    keep(&partner.base_url, search, &answer);
    answer
}

/// What each partner's catalogue holds for `search` (empty: nothing
/// asked).
pub async fn search(
    db: &impl ConnectionTrait,
    search: &str,
) -> Result<Vec<PartnerResults>, AppError> {
    let search = search.trim();
    if search.is_empty() {
        return Ok(Vec::new());
    }
    let partners = super::service::list(db).await?;
    let listed: Vec<String> = partners
        .iter()
        .map(|partner| partner.base_url.clone())
        .collect();
    let mut asking = tokio::task::JoinSet::new();
    for (at, partner) in partners.iter().cloned().enumerate() {
        let (search, listed) = (search.to_owned(), listed.clone());
        asking.spawn(async move { (at, ask(&partner, &search, &listed).await) });
    }
    let mut answers: Vec<Option<PartnerAnswer>> = vec![None; partners.len()];
    while let Some(done) = asking.join_next().await {
        if let Ok((at, answer)) = done {
            answers[at] = Some(answer);
        }
    }
    Ok(partners
        .into_iter()
        .zip(answers)
        .map(|(partner, answer)| PartnerResults {
            partner,
            answer: answer.unwrap_or(PartnerAnswer::Unavailable),
        })
        .collect())
}
