//! The board's triage column: ideas at the threshold and nominated ideas,
//! longest waiting first. Its condition is an OR over two columns, which no
//! single index answered, so each board read every idea at the threshold
//! and sorted them (64 ms at 100 000 ideas). A partial index holds exactly
//! triage's ideas in its order; `pipeline::board::in_triage` writes the
//! same condition, word for word, so both databases see that it applies.
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

/// Triage's condition, as the index and the board's query both write it.
pub const IN_TRIAGE: &str = r#""idea"."hidden_at" IS NULL AND ("idea"."status" = 'threshold_reached' OR "idea"."nominated_at" IS NOT NULL)"#;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .get_connection()
            .execute_unprepared(&format!(
                r#"CREATE INDEX idea_in_triage ON idea (stage_entered_at, id) WHERE {}"#,
                IN_TRIAGE.replace(r#""idea"."#, "")
            ))
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .get_connection()
            .execute_unprepared("DROP INDEX IF EXISTS idea_in_triage")
            .await?;
        Ok(())
    }
}
