//! Idempotency keys: a client that retries a request with the same key gets
//! the first answer again, and the effect happens once.
//!
//! A key belongs to its caller (its scope) and remembers a fingerprint of the
//! request it first came with: the same key with the same request replays the
//! first answer (same status, same body); the same key with another request
//! is refused, since a client that reuses a key for something else has a bug
//! that must not be papered over. Only answers of requests that took effect
//! are remembered, written in the same transaction as the effect, so that
//! neither can exist without the other.

use sha2::{Digest, Sha256};

use super::field::Invalid;
use super::messages as m;

/// The longest key accepted, in characters.
pub const MAX_KEY_LENGTH: usize = 255;

/// A client's idempotency key: 1 to 255 printable ASCII characters, as sent
/// in the `Idempotency-Key` header (surrounding white space is not part of it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IdempotencyKey(String);

impl IdempotencyKey {
    pub fn parse(input: &str) -> Result<Self, Invalid> {
        let key = input.trim();
        if key.is_empty() {
            return Err(Invalid::said("required", m::field_idempotency_request));
        }
        if key.len() > MAX_KEY_LENGTH {
            return Err(Invalid::said("too_long", |l| {
                m::field_too_long(l, MAX_KEY_LENGTH as i64)
            }));
        }
        if !key.bytes().all(|b| (0x20..=0x7e).contains(&b)) {
            return Err(Invalid::said("invalid", m::field_idempotency_printable));
        }
        Ok(Self(key.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// What identifies a request for its key: the hex SHA-256 of its method,
/// path and body, each length-prefixed so that no two requests share one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestFingerprint(String);

impl RequestFingerprint {
    pub fn of(method: &str, path: &str, body: &[u8]) -> Self {
        let mut hash = Sha256::new();
        for part in [method.as_bytes(), path.as_bytes(), body] {
            hash.update((part.len() as u64).to_be_bytes());
            hash.update(part);
        }
        Self(hex::encode(hash.finalize()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The answer remembered for a key, and the fingerprint of its request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Remembered {
    pub fingerprint: String,
    pub status: u16,
    pub body: String,
}

/// What to do with a request that carries a key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Decision {
    /// The key is new to this caller: do the work, and remember its answer.
    Proceed,
    /// The same request came before: answer as the first time, do nothing.
    Replay { status: u16, body: String },
    /// The key came before with another request: refuse it.
    KeyReused,
}

/// Decides a keyed request, given what the key remembers (if anything).
pub fn decide(remembered: Option<&Remembered>, request: &RequestFingerprint) -> Decision {
    match remembered {
        None => Decision::Proceed,
        Some(earlier) if earlier.fingerprint == request.as_str() => Decision::Replay {
            status: earlier.status,
            body: earlier.body.clone(),
        },
        Some(_) => Decision::KeyReused,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_is_one_to_255_printable_ascii_characters() {
        assert_eq!(
            IdempotencyKey::parse("  adj-2026-11-26 #1 ")
                .unwrap()
                .as_str(),
            "adj-2026-11-26 #1"
        );
        assert!(IdempotencyKey::parse(&"k".repeat(255)).is_ok());
        assert_eq!(
            IdempotencyKey::parse(&"k".repeat(256)).unwrap_err().code,
            "too_long"
        );
        assert_eq!(IdempotencyKey::parse("   ").unwrap_err().code, "required");
        for bad in ["tab\there", "é", "nul\0", "line\nbreak"] {
            assert_eq!(
                IdempotencyKey::parse(bad).unwrap_err().code,
                "invalid",
                "{bad:?}"
            );
        }
    }

    #[test]
    fn the_fingerprint_tells_method_path_and_body_apart() {
        let base = RequestFingerprint::of("POST", "/api/x", b"{\"a\":1}");
        assert_eq!(base, RequestFingerprint::of("POST", "/api/x", b"{\"a\":1}"));
        assert_eq!(base.as_str().len(), 64);
        for other in [
            RequestFingerprint::of("PUT", "/api/x", b"{\"a\":1}"),
            RequestFingerprint::of("POST", "/api/y", b"{\"a\":1}"),
            RequestFingerprint::of("POST", "/api/x", b"{\"a\":2}"),
            // The parts are length-prefixed: moving bytes between them changes it.
            RequestFingerprint::of("POST", "/api/x{", b"\"a\":1}"),
        ] {
            assert_ne!(base, other);
        }
    }

    #[test]
    fn the_same_request_replays_the_first_answer_and_another_is_refused() {
        let request = RequestFingerprint::of("POST", "/p", b"1");
        assert_eq!(decide(None, &request), Decision::Proceed);
        let remembered = Remembered {
            fingerprint: request.as_str().to_owned(),
            status: 201,
            body: "{\"n\":1}".into(),
        };
        assert_eq!(
            decide(Some(&remembered), &request),
            Decision::Replay {
                status: 201,
                body: "{\"n\":1}".into()
            }
        );
        let other = RequestFingerprint::of("POST", "/p", b"2");
        assert_eq!(decide(Some(&remembered), &other), Decision::KeyReused);
    }
}
