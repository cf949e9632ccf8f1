//! The home page's view of what is going on: open challenges, trending
//! ideas and a few live numbers.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use server_fn::codec::GetUrl;

use crate::error::AppError;
use crate::features::challenges::types::ChallengeCard;
use crate::features::ideas::types::IdeaCard;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Overview {
    pub open_challenges: Vec<ChallengeCard>,
    pub trending: Vec<IdeaCard>,
    pub idea_count: i64,
    pub people_with_ideas: i64,
    pub open_challenge_count: u64,
}

#[server(endpoint = "overview", input = GetUrl)]
pub async fn load_overview() -> Result<Overview, AppError> {
    use crate::features::{challenges, ideas};

    let state = crate::server::app_state()?;
    let viewer = crate::server::auth::viewer();
    let db = state.reads_for(viewer.as_ref());
    let (open_challenges, open_challenge_count) =
        challenges::service::open_for_ideas(db, 4).await?;
    let trending = ideas::lists::trending(db, 6).await?;
    let (idea_count, people_with_ideas) = ideas::lists::numbers(db).await?;
    Ok(Overview {
        open_challenges,
        trending,
        idea_count,
        people_with_ideas,
        open_challenge_count,
    })
}
