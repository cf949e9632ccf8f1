//! Password hashing with Argon2id at OWASP's recommended cost (19 MiB, two
//! passes, one lane: the `argon2` crate's defaults). Hashing runs on the
//! blocking pool so it never stalls the request workers.

use std::sync::LazyLock;

use argon2::password_hash::{
    PasswordHash, PasswordHasher, PasswordVerifier, SaltString, rand_core::OsRng,
};
use argon2::{Algorithm, Argon2, Params, Version};

use crate::error::AppError;

fn hasher() -> Argon2<'static> {
    Argon2::new(Algorithm::Argon2id, Version::V0x13, Params::default())
}

/// A hash of a password nobody knows, verified against when an account does
/// not exist, so a wrong email costs as much time as a wrong password.
static DUMMY_HASH: LazyLock<String> = LazyLock::new(|| {
    let salt = SaltString::generate(&mut OsRng);
    hasher()
        .hash_password(b"no account has this password", &salt)
        .map(|hash| hash.to_string())
        .unwrap_or_default()
});

pub async fn hash(password: String) -> Result<String, AppError> {
    tokio::task::spawn_blocking(move || {
        let salt = SaltString::generate(&mut OsRng);
        hasher()
            .hash_password(password.as_bytes(), &salt)
            .map(|hash| hash.to_string())
    })
    .await
    .map_err(|error| internal("hashing task failed", &error))?
    .map_err(|error| internal("cannot hash a password", &error))
}

/// Whether `password` matches `stored`; with no stored hash (no such
/// account) the same work is done against a dummy and the answer is no.
pub async fn verify(password: String, stored: Option<String>) -> Result<bool, AppError> {
    let exists = stored.is_some();
    let stored = stored.unwrap_or_else(|| DUMMY_HASH.clone());
    let matches = tokio::task::spawn_blocking(move || {
        PasswordHash::new(&stored)
            .map(|parsed| {
                hasher()
                    .verify_password(password.as_bytes(), &parsed)
                    .is_ok()
            })
            .unwrap_or(false)
    })
    .await
    .map_err(|error| internal("verification task failed", &error))?;
    Ok(exists && matches)
}

fn internal(what: &str, error: &dyn std::fmt::Display) -> AppError {
    tracing::error!(%error, "{what}");
    AppError::Internal
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_hash_verifies_its_password_only() -> Result<(), AppError> {
        let stored = hash("sykkelsti langs fjorden".into()).await?;
        assert!(
            stored.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"),
            "{stored}"
        );
        assert!(verify("sykkelsti langs fjorden".into(), Some(stored.clone())).await?);
        assert!(!verify("sykkelsti langs fjorde".into(), Some(stored)).await?);
        Ok(())
    }

    #[tokio::test]
    async fn no_account_means_no_even_for_the_dummy_password() -> Result<(), AppError> {
        assert!(!verify("no account has this password".into(), None).await?);
        Ok(())
    }
}
