//! Password hashing with Argon2id at OWASP's recommended cost (19 MiB, two
//! passes, one lane: the `argon2` crate's defaults). Hashing runs on the
//! blocking pool so it never stalls the request workers, and at most one
//! hash per core runs at once: each takes 19 MiB and a core's time, so a
//! crowd of sign-ins (from however many addresses) would otherwise take
//! gigabytes and every core. The others queue for a slot, briefly; whoever
//! cannot get one soon is asked to try again later (429).

use std::sync::{Arc, LazyLock, Mutex, PoisonError};
use std::time::Duration;

use argon2::password_hash::{
    self, Output, ParamsString, PasswordHash, SaltString, rand_core::OsRng,
};
use argon2::{Algorithm, Argon2, Block, Params, Version};
use tokio::sync::{OwnedSemaphorePermit, Semaphore};

use crate::error::AppError;

/// One hashing slot per core: more at once would only share the cores and
/// multiply the memory.
static HASHING_SLOTS: LazyLock<Arc<Semaphore>> = LazyLock::new(|| {
    let cores = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
    Arc::new(Semaphore::new(cores))
});

/// How long a sign-in (or registration, or password change) waits for a
/// slot before it is refused: a queue for a busy moment, not for a flood.
const LONGEST_WAIT_FOR_A_SLOT: Duration = Duration::from_secs(2);

/// Argon2's working memory (19 MiB each), kept from hash to hash; the slots
/// keep their number to one per core. Were every hash to allocate its own
/// and free it again, the allocator would hold on to several freed ones per
/// thread (glibc keeps blocks of this size in its arenas): a storm of 200
/// sign-ins grew the process by 600 MB, slots or no slots.
static WORKING_MEMORY: Mutex<Vec<Vec<Block>>> = Mutex::new(Vec::new());

fn hasher() -> Argon2<'static> {
    Argon2::new(Algorithm::Argon2id, Version::V0x13, Params::default())
}

/// A hash of a password nobody knows, verified against when an account does
/// not exist, so a wrong email costs as much time as a wrong password.
static DUMMY_HASH: LazyLock<String> =
    LazyLock::new(|| hash_to_phc(b"no account has this password").unwrap_or_default());

/// Runs `work` (one Argon2 computation) on the blocking pool once a hashing
/// slot is free. The slot travels with the work and is released when the
/// work ends, not when the request does: a client that hangs up does not
/// stop a hash that has started, and that hash still holds its 19 MiB.
async fn in_a_hashing_slot<T: Send + 'static>(
    work: impl FnOnce() -> T + Send + 'static,
) -> Result<T, AppError> {
    let slot = wait_for_a_slot().await?;
    tokio::task::spawn_blocking(move || {
        let done = work();
        drop(slot);
        done
    })
    .await
    .map_err(|error| internal("hashing task failed", &error))
}

async fn wait_for_a_slot() -> Result<OwnedSemaphorePermit, AppError> {
    let waited = tokio::time::timeout(
        LONGEST_WAIT_FOR_A_SLOT,
        Arc::clone(&HASHING_SLOTS).acquire_owned(),
    )
    .await;
    match waited {
        Ok(Ok(slot)) => Ok(slot),
        Ok(Err(closed)) => Err(internal("the hashing slots are closed", &closed)),
        Err(_) => {
            tracing::warn!("every password-hashing slot stayed busy; a request is turned away");
            Err(AppError::RateLimited)
        }
    }
}

/// Runs `work` with a kept working memory of at least `blocks` blocks.
fn with_working_memory<T>(blocks: usize, work: impl FnOnce(&mut [Block]) -> T) -> T {
    let kept = WORKING_MEMORY
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .pop();
    let mut memory = kept.unwrap_or_default();
    if memory.len() < blocks {
        memory.resize(blocks, Block::default());
    }
    let done = work(&mut memory);
    WORKING_MEMORY
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .push(memory);
    done
}

/// Argon2 of `password` and `salt`, `length` bytes long, in kept memory.
fn compute(
    argon2: &Argon2<'_>,
    password: &[u8],
    salt: &[u8],
    length: usize,
) -> password_hash::Result<Output> {
    with_working_memory(argon2.params().block_count(), |memory| {
        Output::init_with(length, |out| {
            Ok(argon2.hash_password_into_with_memory(password, salt, out, memory)?)
        })
    })
}

/// A new PHC string (`$argon2id$v=19$m=19456,t=2,p=1$salt$hash`) for
/// `password`, as `argon2`'s `PasswordHasher` writes it.
fn hash_to_phc(password: &[u8]) -> password_hash::Result<String> {
    let salt = SaltString::generate(&mut OsRng);
    let mut salt_bytes = [0; 64];
    let salt_bytes = salt.as_salt().decode_b64(&mut salt_bytes)?;
    let argon2 = hasher();
    let output = compute(&argon2, password, salt_bytes, Params::DEFAULT_OUTPUT_LEN)?;
    let phc = PasswordHash {
        algorithm: Algorithm::Argon2id.ident(),
        version: Some(Version::V0x13.into()),
        params: ParamsString::try_from(argon2.params())?,
        salt: Some(salt.as_salt()),
        hash: Some(output),
    };
    Ok(phc.to_string())
}

/// Whether `password` gives the PHC string `stored`, computed with the
/// algorithm, version and cost written in it (as `PasswordVerifier` does).
fn matches_phc(password: &[u8], stored: &str) -> password_hash::Result<bool> {
    let parsed = PasswordHash::new(stored)?;
    let (Some(salt), Some(expected)) = (parsed.salt, parsed.hash) else {
        return Ok(false);
    };
    let version = parsed
        .version
        .map(Version::try_from)
        .transpose()?
        .unwrap_or_default();
    let argon2 = Argon2::new(
        Algorithm::try_from(parsed.algorithm)?,
        version,
        Params::try_from(&parsed)?,
    );
    let mut salt_bytes = [0; 64];
    let salt_bytes = salt.decode_b64(&mut salt_bytes)?;
    let computed = compute(&argon2, password, salt_bytes, expected.len())?;
    // `Output` compares in constant time.
    Ok(computed == expected)
}

pub async fn hash(password: String) -> Result<String, AppError> {
    in_a_hashing_slot(move || hash_to_phc(password.as_bytes()))
        .await?
        .map_err(|error| internal("cannot hash a password", &error))
}

/// Whether `password` matches `stored`; with no stored hash (no such
/// account) the same work is done against a dummy and the answer is no.
pub async fn verify(password: String, stored: Option<String>) -> Result<bool, AppError> {
    let exists = stored.is_some();
    let matches = in_a_hashing_slot(move || {
        // The dummy is made on first use, in the slot too: it is a hash.
        let stored = stored.as_deref().unwrap_or(&DUMMY_HASH);
        matches_phc(password.as_bytes(), stored).unwrap_or(false)
    })
    .await?;
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

    #[test]
    fn hashes_read_the_same_as_the_argon2_crate_writes_and_reads_them() {
        use argon2::password_hash::{PasswordHasher as _, PasswordVerifier as _};
        let salt = SaltString::generate(&mut OsRng);
        let stored_before = hasher()
            .hash_password(b"sykkelsti langs fjorden", &salt)
            .map(|hash| hash.to_string())
            .unwrap_or_default();
        assert_eq!(
            matches_phc(b"sykkelsti langs fjorden", &stored_before),
            Ok(true)
        );
        assert_eq!(
            matches_phc(b"sykkelsti langs fjorde", &stored_before),
            Ok(false)
        );

        let ours = hash_to_phc(b"sykkelsti langs fjorden").unwrap_or_default();
        let parsed = PasswordHash::new(&ours);
        assert!(
            parsed.is_ok_and(|parsed| hasher()
                .verify_password(b"sykkelsti langs fjorden", &parsed)
                .is_ok()),
            "{ours}"
        );
    }

    #[tokio::test]
    async fn no_account_means_no_even_for_the_dummy_password() -> Result<(), AppError> {
        assert!(!verify("no account has this password".into(), None).await?);
        Ok(())
    }

    #[tokio::test]
    async fn with_every_slot_busy_a_hash_waits_then_is_turned_away() -> Result<(), AppError> {
        let cores =
            u32::try_from(std::thread::available_parallelism().map_or(1, usize::from)).unwrap_or(1);
        let busy = Arc::clone(&HASHING_SLOTS)
            .acquire_many_owned(cores)
            .await
            .map_err(|error| internal("closed", &error))?;
        assert_eq!(
            verify("sykkelsti langs fjorden".into(), None).await,
            Err(AppError::RateLimited)
        );
        drop(busy);
        assert_eq!(
            verify("sykkelsti langs fjorden".into(), None).await,
            Ok(false)
        );
        Ok(())
    }
}
