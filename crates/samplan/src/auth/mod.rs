//! Who is asking, and may they: login (local passwords and OpenID Connect), sessions,
//! API tokens, CSRF, login rate limiting, and the audit of every access to a person's data.
pub mod access;
pub mod actor;
pub mod audit;
pub mod citizen_paths;
pub mod csrf;
pub mod login;
pub mod oidc;
pub mod password;
pub mod rate_limit;

pub use crate::store::Tenant;
pub use access::PersonAccess;
pub use actor::Actor;
pub use audit::RequestMeta;

use rand::RngCore;
use sha2::{Digest, Sha256};

/// A fresh random token (256 bits, URL-safe base64) for sessions, CSRF and API tokens.
pub fn random_token() -> String {
    use base64::Engine;
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

/// The stored form of a bearer secret: its SHA-256 in hex. Tokens are random and long,
/// so a fast hash is enough; passwords use argon2id instead.
pub fn token_hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}
