//! Method guides (focus area 1 of the innovation strategy, innovation
//! competence): a small library of how-tos at `/guides`, such as an
//! interview guide, how to write a benefit plan and a pilot checklist.
//! Everyone reads them; staff write and edit them in bokmål, nynorsk and
//! English. Every save is a new numbered revision, so the history stays
//! and staff can start again from an older one; a save made from an older
//! revision than the newest is refused, so no one overwrites another's
//! work unseen. Challenges and the idea form link here.
pub mod api;
pub mod components;
#[cfg(feature = "ssr")]
pub mod service;
pub mod types;
