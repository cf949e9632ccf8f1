use serde::{Deserialize, Serialize};

/// What the API page needs to know of this installation.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApiFacts {
    /// The public address, without a trailing slash: where the examples
    /// point.
    pub site: String,
    pub requests_per_minute: u32,
}
