//! Password hashing with argon2id (the crate's defaults: m=19 MiB, t=2, p=1). Runs on the blocking
//! pool so that a hash never stalls the async workers, and at most one hash per core at a time
//! ([`ARGON2_SLOTS`]): a burst of sign-ins waits its turn instead of pinning every core and
//! allocating 19 MiB per request at once.
use crate::messages::MessageKey;
use argon2::Argon2;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use rand::rngs::OsRng;

/// Concurrent argon2 computations allowed in this process: one per core.
static ARGON2_SLOTS: std::sync::LazyLock<tokio::sync::Semaphore> = std::sync::LazyLock::new(|| {
    let cores = std::thread::available_parallelism().map_or(2, std::num::NonZero::get);
    tokio::sync::Semaphore::new(cores)
});

/// Hashes `password` into a PHC string (`$argon2id$v=19$...`).
pub async fn hash(password: String) -> Result<String, HashError> {
    let _slot = ARGON2_SLOTS
        .acquire()
        .await
        .map_err(|e| HashError(e.to_string()))?;
    tokio::task::spawn_blocking(move || {
        let salt = SaltString::generate(&mut OsRng);
        Argon2::default()
            .hash_password(password.as_bytes(), &salt)
            .map(|h| h.to_string())
            .map_err(|e| HashError(e.to_string()))
    })
    .await
    .map_err(|e| HashError(e.to_string()))?
}

/// True when `password` matches the stored PHC string. A malformed hash never matches.
pub async fn verify(password: String, phc: String) -> bool {
    let Ok(_slot) = ARGON2_SLOTS.acquire().await else {
        return false;
    };
    tokio::task::spawn_blocking(move || {
        PasswordHash::new(&phc)
            .map(|parsed| {
                Argon2::default()
                    .verify_password(password.as_bytes(), &parsed)
                    .is_ok()
            })
            .unwrap_or(false)
    })
    .await
    .unwrap_or(false)
}

/// A random temporary password such as `k7mP-2qrX-9Fzt`: 12 characters from an alphabet without
/// look-alikes (no 0/O, 1/l/I), about 69 bits, in groups of four that are easy to copy by hand.
pub fn temporary_password() -> String {
    use rand::Rng;
    const ALPHABET: &[u8] = b"abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    let mut rng = OsRng;
    let chars: Vec<char> = (0..12)
        .map(|_| ALPHABET[rng.gen_range(0..ALPHABET.len())] as char)
        .collect();
    chars
        .chunks(4)
        .map(|c| c.iter().collect::<String>())
        .collect::<Vec<_>>()
        .join("-")
}

/// The shortest password Portico accepts.
pub const MIN_LEN: usize = 10;

/// Checks a new password: at least `MIN_LEN` characters, at most 200, and not guessable according to
/// zxcvbn (its dictionaries hold the common-password lists and keyboard patterns; `user_inputs`
/// such as the email and name count as guessable too). Returns the message key of the first problem.
pub fn check_new_password(password: &str, user_inputs: &[&str]) -> Result<(), MessageKey> {
    let len = password.chars().count();
    if len < MIN_LEN {
        return Err(MessageKey::PasswordShort);
    }
    if len > 200 {
        return Err(MessageKey::PasswordLong);
    }
    // zxcvbn only errs on an empty password, which the length check already refused.
    let weak = zxcvbn::zxcvbn(password, user_inputs).score() < zxcvbn::Score::Two;
    if weak {
        Err(MessageKey::PasswordCommon)
    } else {
        Ok(())
    }
}

/// Why hashing failed (the OS random source or the blocking pool gave out).
#[derive(Debug, thiserror::Error)]
#[error("password hashing failed: {0}")]
pub struct HashError(pub String);

#[cfg(test)]
mod tests {
    #[test]
    fn new_passwords_must_be_long_and_hard_to_guess() {
        use super::MessageKey;
        use super::check_new_password as check;
        assert_eq!(check("short", &[]), Err(MessageKey::PasswordShort));
        for common in ["password123", "qwertyuiop", "1234567890", "iloveyou12"] {
            assert_eq!(
                check(common, &[]),
                Err(MessageKey::PasswordCommon),
                "{common}"
            );
        }
        assert_eq!(
            check("anna.deboer@acme.example", &["anna.deboer@acme.example"]),
            Err(MessageKey::PasswordCommon)
        );
        assert_eq!(check(&"x".repeat(201), &[]), Err(MessageKey::PasswordLong));
        for fine in [
            "portico-demo-2026",
            "correct horse battery",
            "Kettle-Bridge-71-Sparrow",
        ] {
            assert_eq!(check(fine, &[]), Ok(()), "{fine}");
        }
    }

    #[tokio::test]
    async fn hashes_verify_and_differ_per_salt() {
        let a = super::hash("correct horse".into()).await.expect("hash");
        let b = super::hash("correct horse".into()).await.expect("hash");
        assert!(a.starts_with("$argon2id$"));
        assert_ne!(a, b, "each hash has its own salt");
        assert!(super::verify("correct horse".into(), a.clone()).await);
        assert!(!super::verify("wrong horse".into(), a).await);
        assert!(!super::verify("x".into(), "not a hash".into()).await);
    }
}
