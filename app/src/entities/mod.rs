//! sea-orm entities: the database's shape, server only. They never cross the
//! wire; features map them to their own types.
pub mod account;
pub mod account_role;
pub mod audit_log;
pub mod challenge;
pub mod challenge_member;
pub mod comment;
pub mod comment_support;
pub mod department;
pub mod department_member;
pub mod email_token;
pub mod follow;
pub mod idea;
pub mod idea_merge;
pub mod idea_merge_support;
pub mod idea_photo;
pub mod idea_status_change;
pub mod idea_support;
pub mod idea_tag;
pub mod idempotency_key;
pub mod job_run;
pub mod notification;
pub mod outbox;
pub mod report;
pub mod session;
pub mod setting;
