//! Departments are renamed and retired, never deleted: ideas, challenges and
//! staff still refer to a department the municipality has closed. A retired
//! department keeps its name where it is attached and is no longer offered
//! when someone chooses a department.
use sea_orm_migration::prelude::*;

use crate::columns::nullable_timestamp;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Department {
    Table,
    RetiredAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Department::Table)
                    .add_column(nullable_timestamp(Department::RetiredAt))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Department::Table)
                    .drop_column(Department::RetiredAt)
                    .to_owned(),
            )
            .await
    }
}
