//! Secrets at rest: CPR numbers are stored encrypted (AES-256-GCM) and found by a keyed
//! hash (HMAC-SHA-256), so the database alone reveals neither. Both keys come from config.
use crate::domain::Cpr;
use aes_gcm::aead::{Aead, KeyInit, OsRng};
use aes_gcm::{AeadCore, Aes256Gcm, Nonce};
use base64::Engine;
use base64::engine::general_purpose::STANDARD as B64;
use hmac::{Hmac, Mac};
use sha2::Sha256;

/// The two keys, 32 bytes each. Never printed.
#[derive(Clone)]
pub struct CprVault {
    cipher: Aes256Gcm,
    hash_key: [u8; 32],
}

impl std::fmt::Debug for CprVault {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("CprVault(..)")
    }
}

/// A key in config that is not 32 bytes of base64.
#[derive(Debug, thiserror::Error)]
#[error("{name}: skal være 32 bytes kodet som base64 (lav en med `openssl rand -base64 32`)")]
pub struct BadKey {
    /// Which setting.
    pub name: &'static str,
}

fn decode_key(name: &'static str, b64: &str) -> Result<[u8; 32], BadKey> {
    B64.decode(b64.trim()).ok().and_then(|k| <[u8; 32]>::try_from(k).ok()).ok_or(BadKey { name })
}

impl CprVault {
    /// Builds the vault from two base64 keys.
    pub fn from_base64(encryption_key: &str, hash_key: &str) -> Result<Self, BadKey> {
        let key = decode_key("cpr_encryption_key", encryption_key)?;
        let hash_key = decode_key("cpr_hash_key", hash_key)?;
        Ok(Self { cipher: Aes256Gcm::new(&key.into()), hash_key })
    }

    /// A fresh random key, base64, for new installations and demo data directories.
    pub fn new_key() -> String {
        B64.encode(Aes256Gcm::generate_key(OsRng))
    }

    /// Encrypts: base64 of nonce ‖ ciphertext.
    pub fn encrypt(&self, cpr: &Cpr) -> String {
        let nonce = Aes256Gcm::generate_nonce(&mut OsRng);
        let mut out = nonce.to_vec();
        out.extend(self.cipher.encrypt(&nonce, cpr.digits().as_bytes()).expect("AES-GCM encryption cannot fail"));
        B64.encode(out)
    }

    /// Decrypts what `encrypt` made; `None` when the key is wrong or the data damaged.
    pub fn decrypt(&self, stored: &str) -> Option<Cpr> {
        let raw = B64.decode(stored).ok()?;
        if raw.len() < 12 {
            return None;
        }
        let (nonce, ciphertext) = raw.split_at(12);
        let plain = self.cipher.decrypt(Nonce::from_slice(nonce), ciphertext).ok()?;
        Cpr::parse(std::str::from_utf8(&plain).ok()?).ok()
    }

    /// The keyed hash a CPR number is looked up by.
    pub fn lookup_hash(&self, cpr: &Cpr) -> String {
        let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(&self.hash_key).expect("HMAC takes any key length");
        mac.update(cpr.digits().as_bytes());
        hex::encode(mac.finalize().into_bytes())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encrypts_randomly_decrypts_exactly_and_hashes_stably() {
        let vault = CprVault::from_base64(&CprVault::new_key(), &CprVault::new_key()).unwrap();
        let cpr = Cpr::parse("010190-1234").unwrap();
        let (a, b) = (vault.encrypt(&cpr), vault.encrypt(&cpr));
        assert_ne!(a, b, "a fresh nonce each time");
        assert!(!a.contains("0101901234"));
        assert_eq!(vault.decrypt(&a), Some(cpr.clone()));
        assert_eq!(vault.lookup_hash(&cpr), vault.lookup_hash(&cpr));
        let other = CprVault::from_base64(&CprVault::new_key(), &CprVault::new_key()).unwrap();
        assert_eq!(other.decrypt(&a), None);
        assert_ne!(other.lookup_hash(&cpr), vault.lookup_hash(&cpr));
    }

    #[test]
    fn short_keys_are_refused_by_name() {
        let err = CprVault::from_base64("c2hvcnQ=", &CprVault::new_key()).unwrap_err();
        assert_eq!(err.name, "cpr_encryption_key");
    }
}
