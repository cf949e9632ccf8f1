//! "Hva er gevinsten?": an idea's benefit plan (the estimated cost, effort
//! and yearly value its owner departments expect), the KPIs that say what
//! it should achieve, and the measurements of each KPI. A correction of a
//! measurement is a new row; the row it corrects points to it, so the
//! history is kept and "current" is the rows nothing supersedes.
use sea_orm_migration::prelude::*;

use crate::columns::{big, id, index, nullable_timestamp, references, timestamp};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum BenefitPlan {
    Table,
    IdeaId,
    EstimatedCostNok,
    EffortPersonDays,
    ExpectedValueNok,
    UpdatedAt,
    UpdatedBy,
}

#[derive(DeriveIden)]
enum Kpi {
    Table,
    Id,
    IdeaId,
    Name,
    Unit,
    Category,
    Baseline,
    Target,
    TargetDate,
    Method,
    OwnerAccountId,
    OwnerDepartmentId,
    Public,
    CreatedAt,
    UpdatedAt,
    RemindedAt,
}

#[derive(DeriveIden)]
enum KpiMeasurement {
    Table,
    Id,
    KpiId,
    Value,
    MeasuredOn,
    Source,
    Comment,
    RecordedBy,
    RecordedAt,
    SupersededById,
}

#[derive(DeriveIden)]
enum Idea {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Account {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Department {
    Table,
    Id,
}

fn nullable_big<T: IntoIden>(column: T) -> ColumnDef {
    ColumnDef::new(column).big_integer().null().to_owned()
}

fn number<T: IntoIden>(column: T) -> ColumnDef {
    ColumnDef::new(column).double().not_null().to_owned()
}

fn line<T: IntoIden>(column: T, length: u32) -> ColumnDef {
    ColumnDef::new(column)
        .string_len(length)
        .not_null()
        .to_owned()
}

fn text<T: IntoIden>(column: T) -> ColumnDef {
    ColumnDef::new(column)
        .text()
        .not_null()
        .default("")
        .to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(BenefitPlan::Table)
                    .col(big(BenefitPlan::IdeaId).primary_key())
                    .col(nullable_big(BenefitPlan::EstimatedCostNok))
                    .col(
                        ColumnDef::new(BenefitPlan::EffortPersonDays)
                            .integer()
                            .null(),
                    )
                    .col(nullable_big(BenefitPlan::ExpectedValueNok))
                    .col(timestamp(BenefitPlan::UpdatedAt))
                    .col(nullable_big(BenefitPlan::UpdatedBy))
                    .foreign_key(&mut references(
                        (BenefitPlan::Table, BenefitPlan::IdeaId),
                        (Idea::Table, Idea::Id),
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut references(
                        (BenefitPlan::Table, BenefitPlan::UpdatedBy),
                        (Account::Table, Account::Id),
                        ForeignKeyAction::SetNull,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Kpi::Table)
                    .col(id(Kpi::Id))
                    .col(big(Kpi::IdeaId))
                    .col(line(Kpi::Name, 120))
                    .col(line(Kpi::Unit, 40))
                    .col(line(Kpi::Category, 40))
                    .col(number(Kpi::Baseline))
                    .col(number(Kpi::Target))
                    .col(ColumnDef::new(Kpi::TargetDate).date().not_null())
                    .col(text(Kpi::Method))
                    .col(nullable_big(Kpi::OwnerAccountId))
                    .col(big(Kpi::OwnerDepartmentId))
                    .col(
                        ColumnDef::new(Kpi::Public)
                            .boolean()
                            .not_null()
                            .default(false),
                    )
                    .col(timestamp(Kpi::CreatedAt))
                    .col(timestamp(Kpi::UpdatedAt))
                    .col(nullable_timestamp(Kpi::RemindedAt))
                    .foreign_key(&mut references(
                        (Kpi::Table, Kpi::IdeaId),
                        (Idea::Table, Idea::Id),
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut references(
                        (Kpi::Table, Kpi::OwnerAccountId),
                        (Account::Table, Account::Id),
                        ForeignKeyAction::SetNull,
                    ))
                    .foreign_key(&mut references(
                        (Kpi::Table, Kpi::OwnerDepartmentId),
                        (Department::Table, Department::Id),
                        ForeignKeyAction::Restrict,
                    ))
                    .to_owned(),
            )
            .await?;
        index(
            manager,
            "kpi_by_idea",
            Kpi::Table,
            vec![Kpi::IdeaId.into_index_column()],
        )
        .await?;
        // The reminder job: KPIs whose date has passed and nobody was told.
        index(
            manager,
            "kpi_by_target_date",
            Kpi::Table,
            vec![
                Kpi::TargetDate.into_index_column(),
                Kpi::Id.into_index_column(),
            ],
        )
        .await?;
        manager
            .create_table(
                Table::create()
                    .table(KpiMeasurement::Table)
                    .col(id(KpiMeasurement::Id))
                    .col(big(KpiMeasurement::KpiId))
                    .col(number(KpiMeasurement::Value))
                    .col(ColumnDef::new(KpiMeasurement::MeasuredOn).date().not_null())
                    .col(line(KpiMeasurement::Source, 200))
                    .col(text(KpiMeasurement::Comment))
                    .col(nullable_big(KpiMeasurement::RecordedBy))
                    .col(timestamp(KpiMeasurement::RecordedAt))
                    .col(nullable_big(KpiMeasurement::SupersededById))
                    .foreign_key(&mut references(
                        (KpiMeasurement::Table, KpiMeasurement::KpiId),
                        (Kpi::Table, Kpi::Id),
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut references(
                        (KpiMeasurement::Table, KpiMeasurement::RecordedBy),
                        (Account::Table, Account::Id),
                        ForeignKeyAction::SetNull,
                    ))
                    .foreign_key(&mut references(
                        (KpiMeasurement::Table, KpiMeasurement::SupersededById),
                        (KpiMeasurement::Table, KpiMeasurement::Id),
                        ForeignKeyAction::SetNull,
                    ))
                    .to_owned(),
            )
            .await?;
        index(
            manager,
            "kpi_measurement_by_kpi",
            KpiMeasurement::Table,
            vec![
                KpiMeasurement::KpiId.into_index_column(),
                KpiMeasurement::MeasuredOn.into_index_column(),
            ],
        )
        .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            KpiMeasurement::Table.into_iden(),
            Kpi::Table.into_iden(),
            BenefitPlan::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}
