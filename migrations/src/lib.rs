//! Samskap's database schema, one file per change. The server runs every
//! pending migration at start (under an advisory lock on PostgreSQL, so
//! instances may start together). The same migrations run on SQLite.
pub use sea_orm_migration::prelude::*;

mod columns;
mod idea_triggers;
mod m20261130_000001_create_idempotency_key;
mod m20261130_000002_create_accounts;
mod m20261130_000003_create_outbox;
mod m20261130_000004_create_ideas_and_challenges;
mod m20261130_000005_create_engagement;
mod m20261130_000006_create_audit_log;
mod m20261130_000007_create_moderation;
mod m20261130_000008_create_idea_status_change;
mod m20261130_000009_create_pipeline_work;
mod m20261130_000010_create_known_sign_in_address;
mod m20261206_000011_create_form_echo;
mod m20261206_000012_retire_departments;
mod m20261206_000013_official_responses;
mod m20261207_000014_create_goals;
mod m20261207_000015_create_benefit_plans;
mod m20261207_000016_create_lessons;
mod m20261207_000017_create_guides;
mod m20261207_000018_create_idea_tally;
mod m20261207_000019_create_solutions;
mod m20261207_000020_create_partners;
pub mod m20261207_000021_create_people_tally;
pub mod m20261207_000022_index_triage;
mod m20261207_000023_create_challenge_tally;

pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261130_000001_create_idempotency_key::Migration),
            Box::new(m20261130_000002_create_accounts::Migration),
            Box::new(m20261130_000003_create_outbox::Migration),
            Box::new(m20261130_000004_create_ideas_and_challenges::Migration),
            Box::new(m20261130_000005_create_engagement::Migration),
            Box::new(m20261130_000006_create_audit_log::Migration),
            Box::new(m20261130_000007_create_moderation::Migration),
            Box::new(m20261130_000008_create_idea_status_change::Migration),
            Box::new(m20261130_000009_create_pipeline_work::Migration),
            Box::new(m20261130_000010_create_known_sign_in_address::Migration),
            Box::new(m20261206_000011_create_form_echo::Migration),
            Box::new(m20261206_000012_retire_departments::Migration),
            Box::new(m20261206_000013_official_responses::Migration),
            Box::new(m20261207_000014_create_goals::Migration),
            Box::new(m20261207_000015_create_benefit_plans::Migration),
            Box::new(m20261207_000016_create_lessons::Migration),
            Box::new(m20261207_000017_create_guides::Migration),
            Box::new(m20261207_000018_create_idea_tally::Migration),
            Box::new(m20261207_000019_create_solutions::Migration),
            Box::new(m20261207_000020_create_partners::Migration),
            Box::new(m20261207_000021_create_people_tally::Migration),
            Box::new(m20261207_000022_index_triage::Migration),
            Box::new(m20261207_000023_create_challenge_tally::Migration),
        ]
    }
}
