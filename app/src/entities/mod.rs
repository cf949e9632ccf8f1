//! sea-orm entities: the database's shape, server only. They never cross the
//! wire; features map them to their own types.
pub mod account;
pub mod account_role;
pub mod challenge;
pub mod challenge_member;
pub mod department;
pub mod department_member;
pub mod email_token;
pub mod idea;
pub mod idea_photo;
pub mod idea_tag;
pub mod idempotency_key;
pub mod outbox;
pub mod session;
pub mod setting;
