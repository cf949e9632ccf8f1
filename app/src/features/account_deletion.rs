//! Deleting an account. It reaches into every feature the person took part
//! in (their supports leave the counts of what they supported), so it sits
//! above them all in the feature order (README.md). Server only.

use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter};

use crate::entities::{account, outbox};
use crate::error::AppError;
use crate::features::accounts::profile::owner_confirmed_by_password;
use crate::features::supports::service::forget_account;
use crate::server::session as sessions;

/// Deletes the account after checking its password. Its sessions, roles and
/// links go with it (foreign keys cascade); emails still waiting to be sent
/// to it are dropped. Content the person published (ideas, comments; later
/// features) stays, shown as by "deleted user".
pub async fn delete_account(
    db: &DatabaseConnection,
    account_id: i64,
    current_password: &str,
) -> Result<(), AppError> {
    let found = owner_confirmed_by_password(db, account_id, current_password).await?;
    let transaction = crate::server::transactions::begin(db).await?;
    outbox::Entity::delete_many()
        .filter(outbox::Column::Recipient.eq(found.email.as_str()))
        .exec(&transaction)
        .await?;
    sessions::end_all(&transaction, account_id).await?;
    // Supports cascade away with the account; their counts go first.
    forget_account(&transaction, account_id).await?;
    account::Entity::delete_by_id(account_id)
        .exec(&transaction)
        .await?;
    transaction.commit().await?;
    Ok(())
}
