use serde::{Deserialize, Serialize};

use crate::features::accounts::types::{ActorType, Role};

/// One account as an admin sees it under `/admin/users`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountRow {
    pub id: i64,
    pub display_name: String,
    pub email: String,
    pub email_verified: bool,
    pub actor_type: ActorType,
    pub roles: Vec<Role>,
    pub department_ids: Vec<i64>,
}

/// How many accounts one search shows.
pub const PAGE_SIZE: u64 = 50;
