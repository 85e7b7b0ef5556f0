//! The keyed HMAC state of the last few webhook secrets, so that a server verifying every
//! webhook with the same secret decodes it and sets up the key once: [`SecretInput::keyed`].
//!
//! # Measured
//! Parsing the secret on every call (`atob` of the text, then HMAC's key setup: two SHA-256
//! blocks) costs `verifyWebhookV2` 0.4 to 0.9 µs of CPU a call in Node on the benchmark
//! webhook, of about 8.4 µs without this cache (the edge build with and without it, 25
//! interleaved rounds each, three runs); a call for a secret seen before copies the keyed state
//! (about 200 bytes) instead. The official SDK keeps its imported `CryptoKey` per secret the
//! same way (a `Map`).
//!
//! # Why it is safe
//! An entry is found only by the exact bytes of the secret as given (text and raw key bytes
//! apart), compared in constant time (`subtle`); what it holds is what parsing those bytes
//! again would give. Verdicts are never cached: every call computes and compares the MAC of
//! its own message. Failed parses are not kept.

use std::cell::RefCell;

use subtle::ConstantTimeEq;

use super::error::SecretError;
use super::secret::WebhookSecret;

/// A webhook secret as given to `verifyWebhookV2`: the console's text, or the raw key.
#[derive(Clone, Copy, Debug)]
pub enum SecretInput<'a> {
    /// `whsec_…` or bare base64 ([`WebhookSecret::parse`]).
    Text(&'a str),
    /// The raw HMAC key ([`WebhookSecret::from_bytes`]).
    Bytes(&'a [u8]),
}

/// How many secrets are kept (a server has one, or a few: test and live stores).
const ENTRIES: usize = 4;

struct Entry {
    text: bool,
    given: Vec<u8>,
    secret: WebhookSecret,
}

#[derive(Default)]
struct Cache {
    entries: Vec<Entry>,
    /// The entry replaced next once all are in use.
    next: usize,
}

thread_local! {
    static CACHE: RefCell<Cache> = RefCell::new(Cache::default());
}

impl SecretInput<'_> {
    /// The parsed secret, from the cache when these exact bytes were parsed before.
    ///
    /// # Errors
    /// As [`WebhookSecret::parse`] / [`WebhookSecret::from_bytes`] (not cached).
    pub fn keyed(self) -> Result<WebhookSecret, SecretError> {
        let (text, given) = match self {
            SecretInput::Text(text) => (true, text.as_bytes()),
            SecretInput::Bytes(bytes) => (false, bytes),
        };
        let found = CACHE.with(|cache| {
            let cache = cache.try_borrow().ok()?;
            let entry = cache
                .entries
                .iter()
                .find(|e| e.text == text && bool::from(e.given.as_slice().ct_eq(given)))?;
            Some(entry.secret.clone())
        });
        if let Some(secret) = found {
            return Ok(secret);
        }
        let secret = match self {
            SecretInput::Text(text) => WebhookSecret::parse(text)?,
            SecretInput::Bytes(bytes) => WebhookSecret::from_bytes(bytes)?,
        };
        CACHE.with(|cache| {
            let Ok(mut cache) = cache.try_borrow_mut() else {
                return;
            };
            let entry = Entry {
                text,
                given: given.to_vec(),
                secret: secret.clone(),
            };
            if cache.entries.len() < ENTRIES {
                cache.entries.push(entry);
            } else {
                let next = cache.next;
                if let Some(slot) = cache.entries.get_mut(next) {
                    *slot = entry;
                }
                cache.next = (next + 1) % ENTRIES;
            }
        });
        Ok(secret)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_key_as_parsing_and_text_apart_from_bytes() {
        let sign = |s: &WebhookSecret| s.sign("i", "1", b"x");
        let parsed = WebhookSecret::parse("whsec_c2VjcmV0").unwrap();
        for _ in 0..2 {
            let cached = SecretInput::Text("whsec_c2VjcmV0").keyed().unwrap();
            assert_eq!(sign(&cached), sign(&parsed));
        }
        // The text's bytes as a raw key are another key, even after the text was cached.
        let raw = SecretInput::Bytes(b"whsec_c2VjcmV0").keyed().unwrap();
        assert_ne!(sign(&raw), sign(&parsed));
        assert_eq!(
            sign(&raw),
            sign(&WebhookSecret::from_bytes(b"whsec_c2VjcmV0").unwrap())
        );
    }

    #[test]
    fn more_secrets_than_entries_and_errors_not_kept() {
        use base64::Engine;
        let texts: Vec<String> = (0..ENTRIES * 2 + 1)
            .map(|i| {
                let key = base64::engine::general_purpose::STANDARD.encode(format!("key {i}"));
                format!("whsec_{key}")
            })
            .collect();
        for _ in 0..2 {
            for text in &texts {
                let cached = SecretInput::Text(text).keyed().unwrap();
                let parsed = WebhookSecret::parse(text).unwrap();
                assert_eq!(cached.sign("i", "1", b"x"), parsed.sign("i", "1", b"x"));
            }
        }
        for _ in 0..2 {
            assert_eq!(
                SecretInput::Text("whsec_").keyed().unwrap_err(),
                SecretError::Empty
            );
            assert_eq!(
                SecretInput::Text("!!").keyed().unwrap_err(),
                SecretError::NotBase64
            );
            assert_eq!(
                SecretInput::Bytes(b"").keyed().unwrap_err(),
                SecretError::Empty
            );
        }
    }
}
