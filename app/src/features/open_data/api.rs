use leptos::prelude::*;
use server_fn::codec::GetUrl;

use super::types::ApiFacts;
use crate::error::AppError;

/// This installation's address and the API's limit, for the API page.
#[server(endpoint = "open-data/facts", input = GetUrl)]
pub async fn load_api_facts() -> Result<ApiFacts, AppError> {
    let state = crate::server::app_state()?;
    Ok(ApiFacts {
        site: state.public_url.as_str().trim_end_matches('/').to_owned(),
        requests_per_minute: state.api_requests_per_minute,
    })
}
