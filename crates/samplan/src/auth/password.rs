//! Password hashing with argon2id (OWASP's recommended parameters, the crate defaults).
use argon2::Argon2;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString, rand_core::OsRng};

/// Hashes a password into a PHC string.
pub fn hash(password: &str) -> String {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default().hash_password(password.as_bytes(), &salt).expect("argon2 with default parameters").to_string()
}

/// Whether `password` matches `phc`. A malformed stored hash never matches.
pub fn verify(password: &str, phc: &str) -> bool {
    PasswordHash::new(phc).map(|h| Argon2::default().verify_password(password.as_bytes(), &h).is_ok()).unwrap_or(false)
}

/// Checks a new password: at least 12 characters. Returns the reason in Danish.
pub fn check_strength(password: &str) -> Result<(), String> {
    if password.chars().count() < 12 {
        return Err("adgangskoden skal have mindst 12 tegn".into());
    }
    Ok(())
}

/// A hash to verify against when the login is unknown, so both cases take equally long.
pub fn dummy_hash() -> &'static str {
    static DUMMY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    DUMMY.get_or_init(|| hash("no user has this password"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_are_argon2id_salted_and_verify() {
        let a = hash("korrekt hest batteri");
        assert!(a.starts_with("$argon2id$"));
        assert_ne!(a, hash("korrekt hest batteri"));
        assert!(verify("korrekt hest batteri", &a));
        assert!(!verify("forkert", &a));
        assert!(!verify("x", "not a hash"));
        assert!(check_strength("kort").is_err());
    }
}
