//! Ideas and challenges: what residents post, the challenges they post to,
//! the co-creators who join a challenge, photos, tags, and full-text search
//! over ideas (Norwegian dictionary search on PostgreSQL, FTS5 on SQLite).
use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::{ConnectionTrait, DbBackend};

use crate::columns::{id, references, timestamp};

#[derive(DeriveMigrationName)]
pub struct Migration;

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

#[derive(DeriveIden)]
enum Challenge {
    Table,
    Id,
    Title,
    Problem,
    FocusArea,
    DepartmentId,
    OpensOn,
    ClosesOn,
    State,
    DeclineReason,
    ProposedBy,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum ChallengeMember {
    Table,
    ChallengeId,
    AccountId,
    Note,
    JoinedAt,
}

#[derive(DeriveIden)]
enum Idea {
    Table,
    Id,
    AuthorId,
    AuthorActorType,
    Title,
    Summary,
    Body,
    FocusArea,
    District,
    ChallengeId,
    Status,
    SupportCount,
    CommentCount,
    HotScore,
    FirstVoteAt,
    CreatedAt,
    UpdatedAt,
    PublishedAt,
}

#[derive(DeriveIden)]
enum IdeaTag {
    Table,
    IdeaId,
    Tag,
}

#[derive(DeriveIden)]
enum IdeaPhoto {
    Table,
    Id,
    IdeaId,
    LargeKey,
    ThumbnailKey,
    Width,
    Height,
    Description,
    CreatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        create_challenges(manager).await?;
        create_ideas(manager).await?;
        match manager.get_database_backend() {
            DbBackend::Postgres => postgres_search(manager).await,
            _ => sqlite_search(manager).await,
        }
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        match manager.get_database_backend() {
            DbBackend::Postgres => {
                db.execute_unprepared(
                    "DROP TEXT SEARCH CONFIGURATION IF EXISTS samskap_nb;
                     DROP TEXT SEARCH DICTIONARY IF EXISTS samskap_nb_ispell;",
                )
                .await?;
            }
            _ => {
                db.execute_unprepared("DROP TABLE IF EXISTS idea_fts")
                    .await?;
            }
        }
        for table in [
            IdeaPhoto::Table.into_iden(),
            IdeaTag::Table.into_iden(),
            Idea::Table.into_iden(),
            ChallengeMember::Table.into_iden(),
            Challenge::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}

async fn create_challenges(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    manager
        .create_table(
            Table::create()
                .table(Challenge::Table)
                .col(id(Challenge::Id))
                .col(ColumnDef::new(Challenge::Title).string_len(120).not_null())
                .col(ColumnDef::new(Challenge::Problem).text().not_null())
                .col(
                    ColumnDef::new(Challenge::FocusArea)
                        .string_len(32)
                        .not_null(),
                )
                // Unknown while a participant's proposal waits; staff set it.
                .col(ColumnDef::new(Challenge::DepartmentId).big_integer().null())
                .col(ColumnDef::new(Challenge::OpensOn).date().not_null())
                .col(ColumnDef::new(Challenge::ClosesOn).date().not_null())
                .col(ColumnDef::new(Challenge::State).string_len(16).not_null())
                .col(ColumnDef::new(Challenge::DeclineReason).text().null())
                .col(ColumnDef::new(Challenge::ProposedBy).big_integer().null())
                .col(timestamp(Challenge::CreatedAt))
                .col(timestamp(Challenge::UpdatedAt))
                .foreign_key(&mut references(
                    (Challenge::Table, Challenge::DepartmentId),
                    (Department::Table, Department::Id),
                    ForeignKeyAction::SetNull,
                ))
                .foreign_key(&mut references(
                    (Challenge::Table, Challenge::ProposedBy),
                    (Account::Table, Account::Id),
                    ForeignKeyAction::SetNull,
                ))
                .to_owned(),
        )
        .await?;
    manager
        .create_index(
            Index::create()
                .name("challenge_by_state")
                .table(Challenge::Table)
                .col(Challenge::State)
                .col(Challenge::ClosesOn)
                .to_owned(),
        )
        .await?;

    manager
        .create_table(
            Table::create()
                .table(ChallengeMember::Table)
                .col(
                    ColumnDef::new(ChallengeMember::ChallengeId)
                        .big_integer()
                        .not_null(),
                )
                .col(
                    ColumnDef::new(ChallengeMember::AccountId)
                        .big_integer()
                        .not_null(),
                )
                .col(
                    ColumnDef::new(ChallengeMember::Note)
                        .string_len(280)
                        .not_null(),
                )
                .col(timestamp(ChallengeMember::JoinedAt))
                .primary_key(
                    Index::create()
                        .col(ChallengeMember::ChallengeId)
                        .col(ChallengeMember::AccountId),
                )
                .foreign_key(&mut references(
                    (ChallengeMember::Table, ChallengeMember::ChallengeId),
                    (Challenge::Table, Challenge::Id),
                    ForeignKeyAction::Cascade,
                ))
                .foreign_key(&mut references(
                    (ChallengeMember::Table, ChallengeMember::AccountId),
                    (Account::Table, Account::Id),
                    ForeignKeyAction::Cascade,
                ))
                .to_owned(),
        )
        .await
}

async fn create_ideas(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    manager
        .create_table(
            Table::create()
                .table(Idea::Table)
                .col(id(Idea::Id))
                // Null once the author deletes their account: the idea stays,
                // shown as by a deleted user.
                .col(ColumnDef::new(Idea::AuthorId).big_integer().null())
                // The author's actor type when they posted: filters and
                // analytics count what someone was when they took part.
                .col(
                    ColumnDef::new(Idea::AuthorActorType)
                        .string_len(32)
                        .not_null(),
                )
                .col(ColumnDef::new(Idea::Title).string_len(120).not_null())
                .col(ColumnDef::new(Idea::Summary).string_len(280).not_null())
                .col(ColumnDef::new(Idea::Body).text().not_null())
                .col(ColumnDef::new(Idea::FocusArea).string_len(32).not_null())
                .col(ColumnDef::new(Idea::District).string_len(80).null())
                .col(ColumnDef::new(Idea::ChallengeId).big_integer().null())
                .col(ColumnDef::new(Idea::Status).string_len(24).not_null())
                .col(
                    ColumnDef::new(Idea::SupportCount)
                        .integer()
                        .not_null()
                        .default(0),
                )
                .col(
                    ColumnDef::new(Idea::CommentCount)
                        .integer()
                        .not_null()
                        .default(0),
                )
                // See `features::ideas::ranking` for the formula.
                .col(
                    ColumnDef::new(Idea::HotScore)
                        .double()
                        .not_null()
                        .default(0.0),
                )
                .col(
                    ColumnDef::new(Idea::FirstVoteAt)
                        .timestamp_with_time_zone()
                        .null(),
                )
                .col(timestamp(Idea::CreatedAt))
                .col(timestamp(Idea::UpdatedAt))
                .col(
                    ColumnDef::new(Idea::PublishedAt)
                        .timestamp_with_time_zone()
                        .null(),
                )
                .foreign_key(&mut references(
                    (Idea::Table, Idea::AuthorId),
                    (Account::Table, Account::Id),
                    ForeignKeyAction::SetNull,
                ))
                .foreign_key(&mut references(
                    (Idea::Table, Idea::ChallengeId),
                    (Challenge::Table, Challenge::Id),
                    ForeignKeyAction::SetNull,
                ))
                .to_owned(),
        )
        .await?;

    // One index per sort order of `/ideas`, each ending in the id so keyset
    // paging reads straight down it.
    for (name, column) in [
        ("idea_hot", Idea::HotScore),
        ("idea_top", Idea::SupportCount),
        ("idea_new", Idea::PublishedAt),
        ("idea_discussed", Idea::CommentCount),
    ] {
        manager
            .create_index(
                Index::create()
                    .name(name)
                    .table(Idea::Table)
                    .col((column, IndexOrder::Desc))
                    .col((Idea::Id, IndexOrder::Desc))
                    .to_owned(),
            )
            .await?;
    }
    // No index on status on purpose: nearly every idea is in a listed
    // status, and given one SQLite would read all of them through it and
    // sort, instead of reading the sort index from the top (measured: 280 ms
    // against under 1 ms at 100 000 ideas).
    for (name, column) in [
        ("idea_by_author", Idea::AuthorId),
        ("idea_by_challenge", Idea::ChallengeId),
    ] {
        manager
            .create_index(
                Index::create()
                    .name(name)
                    .table(Idea::Table)
                    .col(column)
                    .to_owned(),
            )
            .await?;
    }

    manager
        .create_table(
            Table::create()
                .table(IdeaTag::Table)
                .col(ColumnDef::new(IdeaTag::IdeaId).big_integer().not_null())
                .col(ColumnDef::new(IdeaTag::Tag).string_len(40).not_null())
                .primary_key(Index::create().col(IdeaTag::IdeaId).col(IdeaTag::Tag))
                .foreign_key(&mut references(
                    (IdeaTag::Table, IdeaTag::IdeaId),
                    (Idea::Table, Idea::Id),
                    ForeignKeyAction::Cascade,
                ))
                .to_owned(),
        )
        .await?;
    manager
        .create_index(
            Index::create()
                .name("idea_tag_by_tag")
                .table(IdeaTag::Table)
                .col(IdeaTag::Tag)
                .col(IdeaTag::IdeaId)
                .to_owned(),
        )
        .await?;

    manager
        .create_table(
            Table::create()
                .table(IdeaPhoto::Table)
                .col(id(IdeaPhoto::Id))
                .col(ColumnDef::new(IdeaPhoto::IdeaId).big_integer().not_null())
                .col(
                    ColumnDef::new(IdeaPhoto::LargeKey)
                        .string_len(80)
                        .not_null(),
                )
                .col(
                    ColumnDef::new(IdeaPhoto::ThumbnailKey)
                        .string_len(80)
                        .not_null(),
                )
                .col(ColumnDef::new(IdeaPhoto::Width).integer().not_null())
                .col(ColumnDef::new(IdeaPhoto::Height).integer().not_null())
                // The text alternative screen readers read out.
                .col(
                    ColumnDef::new(IdeaPhoto::Description)
                        .string_len(200)
                        .not_null(),
                )
                .col(timestamp(IdeaPhoto::CreatedAt))
                .foreign_key(&mut references(
                    (IdeaPhoto::Table, IdeaPhoto::IdeaId),
                    (Idea::Table, Idea::Id),
                    ForeignKeyAction::Cascade,
                ))
                .to_owned(),
        )
        .await?;
    manager
        .create_index(
            Index::create()
                .name("idea_photo_by_idea")
                .table(IdeaPhoto::Table)
                .col(IdeaPhoto::IdeaId)
                .to_owned(),
        )
        .await
}

/// PostgreSQL: a `samskap_nb` text-search configuration that runs words
/// through the Norwegian hunspell dictionary (so "sykler" meets "sykkel")
/// before the snowball stemmer, a stored weighted `search_vector`, and
/// trigram indexes for typos and parts of compound words. Without the
/// dictionary files (Debian's hunspell-no) the configuration falls back to
/// the stemmer alone.
async fn postgres_search(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    let db = manager.get_connection();
    db.execute_unprepared(
        r#"
        CREATE EXTENSION IF NOT EXISTS pg_trgm;
        CREATE TEXT SEARCH CONFIGURATION samskap_nb (COPY = norwegian);
        DO $$
        BEGIN
            CREATE TEXT SEARCH DICTIONARY samskap_nb_ispell
                (TEMPLATE = ispell, DictFile = nb_no, AffFile = nb_no, StopWords = norwegian);
            ALTER TEXT SEARCH CONFIGURATION samskap_nb
                ALTER MAPPING FOR asciiword, word, hword, hword_part, hword_asciipart, asciihword
                WITH samskap_nb_ispell, norwegian_stem;
        EXCEPTION WHEN OTHERS THEN
            RAISE NOTICE 'Norwegian dictionary not loaded (%): search uses the stemmer only', SQLERRM;
        END
        $$;
        ALTER TABLE idea ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
            setweight(to_tsvector('samskap_nb', title), 'A') ||
            setweight(to_tsvector('samskap_nb', summary), 'B') ||
            setweight(to_tsvector('samskap_nb', body), 'C')
        ) STORED;
        CREATE INDEX idea_search ON idea USING gin (search_vector);
        CREATE INDEX idea_title_trigram ON idea USING gin (lower(title) gin_trgm_ops);
        "#,
    )
    .await?;
    Ok(())
}

/// SQLite: an FTS5 index with the trigram tokenizer (any three letters of a
/// word match, which covers compounds and most inflection), kept in step
/// with the idea table by triggers.
async fn sqlite_search(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    let db = manager.get_connection();
    db.execute_unprepared(
        r#"
        CREATE VIRTUAL TABLE idea_fts USING fts5(
            title, summary, body, content='idea', content_rowid='id', tokenize='trigram'
        );
        CREATE TRIGGER idea_fts_insert AFTER INSERT ON idea BEGIN
            INSERT INTO idea_fts(rowid, title, summary, body)
            VALUES (new.id, new.title, new.summary, new.body);
        END;
        CREATE TRIGGER idea_fts_delete AFTER DELETE ON idea BEGIN
            INSERT INTO idea_fts(idea_fts, rowid, title, summary, body)
            VALUES ('delete', old.id, old.title, old.summary, old.body);
        END;
        CREATE TRIGGER idea_fts_update AFTER UPDATE OF title, summary, body ON idea BEGIN
            INSERT INTO idea_fts(idea_fts, rowid, title, summary, body)
            VALUES ('delete', old.id, old.title, old.summary, old.body);
            INSERT INTO idea_fts(rowid, title, summary, body)
            VALUES (new.id, new.title, new.summary, new.body);
        END;
        "#,
    )
    .await?;
    Ok(())
}
