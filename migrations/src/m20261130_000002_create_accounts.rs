//! Accounts and what hangs off them: roles, departments, server-side
//! sessions, single-use email tokens, rate-limit counters and the
//! municipality's settings.
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Account {
    Table,
    Id,
    Email,
    EmailVerifiedAt,
    PasswordHash,
    DisplayName,
    ActorType,
    Organisation,
    Locale,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum AccountRole {
    Table,
    AccountId,
    Role,
    GrantedAt,
}

#[derive(DeriveIden)]
enum Department {
    Table,
    Id,
    Name,
    CreatedAt,
}

#[derive(DeriveIden)]
enum DepartmentMember {
    Table,
    AccountId,
    DepartmentId,
}

#[derive(DeriveIden)]
enum Session {
    Table,
    TokenHash,
    AccountId,
    CreatedAt,
    LastSeenAt,
    ExpiresAt,
}

#[derive(DeriveIden)]
enum EmailToken {
    Table,
    TokenHash,
    AccountId,
    Purpose,
    NewEmail,
    CreatedAt,
    ExpiresAt,
    UsedAt,
}

#[derive(DeriveIden)]
enum RateLimit {
    Table,
    Bucket,
    WindowStart,
    Hits,
}

#[derive(DeriveIden)]
enum Setting {
    Table,
    Key,
    Value,
    UpdatedAt,
}

fn created_at<T: IntoIden>(column: T) -> ColumnDef {
    ColumnDef::new(column)
        .timestamp_with_time_zone()
        .not_null()
        .to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Account::Table)
                    .col(
                        ColumnDef::new(Account::Id)
                            .big_integer()
                            .not_null()
                            .auto_increment()
                            .primary_key(),
                    )
                    // Stored trimmed and lower-cased, so one address is one account.
                    .col(
                        ColumnDef::new(Account::Email)
                            .string_len(254)
                            .not_null()
                            .unique_key(),
                    )
                    .col(
                        ColumnDef::new(Account::EmailVerifiedAt)
                            .timestamp_with_time_zone()
                            .null(),
                    )
                    .col(ColumnDef::new(Account::PasswordHash).text().not_null())
                    .col(
                        ColumnDef::new(Account::DisplayName)
                            .string_len(80)
                            .not_null(),
                    )
                    .col(ColumnDef::new(Account::ActorType).string_len(32).not_null())
                    .col(ColumnDef::new(Account::Organisation).string_len(120).null())
                    .col(ColumnDef::new(Account::Locale).string_len(8).not_null())
                    .col(created_at(Account::CreatedAt))
                    .col(created_at(Account::UpdatedAt))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(AccountRole::Table)
                    .col(
                        ColumnDef::new(AccountRole::AccountId)
                            .big_integer()
                            .not_null(),
                    )
                    .col(ColumnDef::new(AccountRole::Role).string_len(16).not_null())
                    .col(created_at(AccountRole::GrantedAt))
                    .primary_key(
                        Index::create()
                            .col(AccountRole::AccountId)
                            .col(AccountRole::Role),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(AccountRole::Table, AccountRole::AccountId)
                            .to(Account::Table, Account::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Department::Table)
                    .col(
                        ColumnDef::new(Department::Id)
                            .big_integer()
                            .not_null()
                            .auto_increment()
                            .primary_key(),
                    )
                    .col(
                        ColumnDef::new(Department::Name)
                            .string_len(120)
                            .not_null()
                            .unique_key(),
                    )
                    .col(created_at(Department::CreatedAt))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(DepartmentMember::Table)
                    .col(
                        ColumnDef::new(DepartmentMember::AccountId)
                            .big_integer()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(DepartmentMember::DepartmentId)
                            .big_integer()
                            .not_null(),
                    )
                    .primary_key(
                        Index::create()
                            .col(DepartmentMember::AccountId)
                            .col(DepartmentMember::DepartmentId),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(DepartmentMember::Table, DepartmentMember::AccountId)
                            .to(Account::Table, Account::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(DepartmentMember::Table, DepartmentMember::DepartmentId)
                            .to(Department::Table, Department::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Session::Table)
                    // Only a hash of the cookie's token is stored: a leaked table opens no sessions.
                    .col(
                        ColumnDef::new(Session::TokenHash)
                            .string_len(64)
                            .not_null()
                            .primary_key(),
                    )
                    .col(ColumnDef::new(Session::AccountId).big_integer().not_null())
                    .col(created_at(Session::CreatedAt))
                    .col(created_at(Session::LastSeenAt))
                    .col(created_at(Session::ExpiresAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Session::Table, Session::AccountId)
                            .to(Account::Table, Account::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_session_account")
                    .table(Session::Table)
                    .col(Session::AccountId)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(EmailToken::Table)
                    .col(
                        ColumnDef::new(EmailToken::TokenHash)
                            .string_len(64)
                            .not_null()
                            .primary_key(),
                    )
                    .col(
                        ColumnDef::new(EmailToken::AccountId)
                            .big_integer()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(EmailToken::Purpose)
                            .string_len(16)
                            .not_null(),
                    )
                    .col(ColumnDef::new(EmailToken::NewEmail).string_len(254).null())
                    .col(created_at(EmailToken::CreatedAt))
                    .col(created_at(EmailToken::ExpiresAt))
                    .col(
                        ColumnDef::new(EmailToken::UsedAt)
                            .timestamp_with_time_zone()
                            .null(),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(EmailToken::Table, EmailToken::AccountId)
                            .to(Account::Table, Account::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(RateLimit::Table)
                    .col(ColumnDef::new(RateLimit::Bucket).string_len(200).not_null())
                    .col(created_at(RateLimit::WindowStart))
                    .col(ColumnDef::new(RateLimit::Hits).integer().not_null())
                    .primary_key(
                        Index::create()
                            .col(RateLimit::Bucket)
                            .col(RateLimit::WindowStart),
                    )
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Setting::Table)
                    .col(
                        ColumnDef::new(Setting::Key)
                            .string_len(64)
                            .not_null()
                            .primary_key(),
                    )
                    .col(ColumnDef::new(Setting::Value).text().not_null())
                    .col(created_at(Setting::UpdatedAt))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            Setting::Table.into_iden(),
            RateLimit::Table.into_iden(),
            EmailToken::Table.into_iden(),
            Session::Table.into_iden(),
            DepartmentMember::Table.into_iden(),
            Department::Table.into_iden(),
            AccountRole::Table.into_iden(),
            Account::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}
