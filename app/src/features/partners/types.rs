use serde::{Deserialize, Serialize};

pub const NAME_MAX: usize = 100;
pub const ADDRESS_MAX: usize = 300;

/// A partner instance as the admin's list shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Partner {
    pub id: i64,
    pub name: String,
    pub base_url: String,
}

/// A card in a partner's catalogue, as its API lists it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RemoteCard {
    pub id: i64,
    pub title: String,
    pub url: String,
    pub maturity: String,
}

/// What one partner answered to a search.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum PartnerAnswer {
    Found(Vec<RemoteCard>),
    /// No answer in time, or one that could not be read.
    Unavailable,
}

/// One partner's part of a search of every catalogue.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PartnerResults {
    pub partner: Partner,
    pub answer: PartnerAnswer,
}
