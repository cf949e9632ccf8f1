use serde::{Deserialize, Serialize};

/// Where a support button stands after a click.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SupportState {
    pub supported: bool,
    pub count: i32,
}
