//! Payment-provider webhooks: Stripe's signature scheme and the events the
//! portal acts on.
//!
//! `Stripe-Signature: t=TIMESTAMP,v1=HEX[,v1=HEX…]`; the expected signature is
//! hex(HMAC-SHA256(secret, "TIMESTAMP." ‖ raw body)), with the whole
//! `whsec_…` string as the key. Any `v1` may match any configured secret (so a
//! secret can be rotated), and the timestamp must be within the tolerance of
//! now, either way, against replays.

use hmac::{Hmac, Mac};
use sha2::Sha256;
use subtle::ConstantTimeEq;
use thiserror::Error;

use super::time::Instant;

/// How far the signed timestamp may be from now, in seconds, either way.
pub const TOLERANCE_SECONDS: i64 = 300;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Error)]
pub enum SignatureError {
    #[error("the Stripe-Signature header is missing")]
    Missing,
    #[error("the Stripe-Signature header is malformed")]
    Malformed,
    #[error("no signature matches")]
    Mismatch,
    #[error("the signature's timestamp is outside the tolerance")]
    Stale,
}

/// The parts of a `Stripe-Signature` header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignatureHeader {
    pub timestamp: i64,
    pub v1: Vec<[u8; 32]>,
}

impl SignatureHeader {
    /// Reads `t=…,v1=…[,v1=…]`; other schemes (`v0`) are skipped, as Stripe
    /// asks; a header without `t` or without any well-formed `v1` is malformed.
    pub fn parse(header: &str) -> Result<Self, SignatureError> {
        let mut timestamp = None;
        let mut v1 = Vec::new();
        for part in header.split(',') {
            let (key, value) = part
                .trim()
                .split_once('=')
                .ok_or(SignatureError::Malformed)?;
            match key {
                "t" => {
                    timestamp = Some(
                        value
                            .parse::<i64>()
                            .map_err(|_| SignatureError::Malformed)?,
                    )
                }
                "v1" => {
                    let mut signature = [0u8; 32];
                    hex::decode_to_slice(value, &mut signature)
                        .map_err(|_| SignatureError::Malformed)?;
                    v1.push(signature);
                }
                _ => {}
            }
        }
        match timestamp {
            Some(timestamp) if !v1.is_empty() => Ok(Self { timestamp, v1 }),
            _ => Err(SignatureError::Malformed),
        }
    }
}

/// The signature Stripe computes for a payload.
pub fn sign(secret: &str, timestamp: i64, body: &[u8]) -> [u8; 32] {
    let mut mac =
        Hmac::<Sha256>::new_from_slice(secret.as_bytes()).expect("HMAC takes keys of any length");
    mac.update(timestamp.to_string().as_bytes());
    mac.update(b".");
    mac.update(body);
    mac.finalize().into_bytes().into()
}

/// Verifies a webhook's raw body against its `Stripe-Signature` header.
pub fn verify(
    header: Option<&str>,
    body: &[u8],
    secrets: &[String],
    now: Instant,
) -> Result<(), SignatureError> {
    let header = SignatureHeader::parse(header.ok_or(SignatureError::Missing)?)?;
    let matches = secrets.iter().any(|secret| {
        let expected = sign(secret, header.timestamp, body);
        header.v1.iter().fold(false, |found, candidate| {
            found | bool::from(candidate.ct_eq(&expected))
        })
    });
    if !matches {
        return Err(SignatureError::Mismatch);
    }
    // abs_diff: no overflow, whatever timestamp a header states (found by fuzzing).
    if now.timestamp().abs_diff(header.timestamp) > TOLERANCE_SECONDS.unsigned_abs() {
        return Err(SignatureError::Stale);
    }
    Ok(())
}

/// The header a signer would send: used by tests and the benchmark.
pub fn header_for(secret: &str, timestamp: i64, body: &[u8]) -> String {
    format!(
        "t={timestamp},v1={}",
        hex::encode(sign(secret, timestamp, body))
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::time::from_unix_millis;

    const SECRET: &str = "whsec_test_secret";
    const BODY: &[u8] = br#"{"id":"evt_1","type":"checkout.session.completed"}"#;

    fn at(seconds: i64) -> Instant {
        from_unix_millis(seconds * 1000).unwrap()
    }

    fn secrets(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn a_correct_signature_within_tolerance_is_accepted() {
        let header = header_for(SECRET, 1_800_000_000, BODY);
        assert_eq!(
            verify(Some(&header), BODY, &secrets(&[SECRET]), at(1_800_000_000)),
            Ok(())
        );
        assert_eq!(
            verify(Some(&header), BODY, &secrets(&[SECRET]), at(1_800_000_300)),
            Ok(())
        );
        assert_eq!(
            verify(Some(&header), BODY, &secrets(&[SECRET]), at(1_799_999_700)),
            Ok(())
        );
    }

    #[test]
    fn the_known_vector_matches_an_independent_hmac() {
        // hex(HMAC-SHA256("whsec_test_secret", "1800000000.{body}")), computed with
        // Python's hmac module.
        let expected = "a5e7a4e212d19ae228f9bbfe2fd930bb48cd47c3dc118985dcb4103da864e05f";
        assert_eq!(hex::encode(sign(SECRET, 1_800_000_000, BODY)), expected);
    }

    #[test]
    fn a_wrong_secret_or_altered_body_is_a_mismatch() {
        let header = header_for(SECRET, 1_800_000_000, BODY);
        assert_eq!(
            verify(
                Some(&header),
                BODY,
                &secrets(&["whsec_other"]),
                at(1_800_000_000)
            ),
            Err(SignatureError::Mismatch)
        );
        let altered = br#"{"id":"evt_1","type":"checkout.session.completed" }"#;
        assert_eq!(
            verify(
                Some(&header),
                altered,
                &secrets(&[SECRET]),
                at(1_800_000_000)
            ),
            Err(SignatureError::Mismatch)
        );
    }

    #[test]
    fn a_stale_or_future_timestamp_is_refused() {
        let header = header_for(SECRET, 1_800_000_000, BODY);
        for now in [1_800_000_301, 1_799_999_699] {
            assert_eq!(
                verify(Some(&header), BODY, &secrets(&[SECRET]), at(now)),
                Err(SignatureError::Stale)
            );
        }
    }

    #[test]
    fn any_of_several_v1_values_and_any_configured_secret_may_match() {
        let good = hex::encode(sign(SECRET, 1_800_000_000, BODY));
        let header = format!("t=1800000000,v1={},v0=abc,v1={good}", "0".repeat(64));
        let rotated = secrets(&["whsec_new", SECRET]);
        assert_eq!(
            verify(Some(&header), BODY, &rotated, at(1_800_000_000)),
            Ok(())
        );
    }

    #[test]
    fn an_extreme_timestamp_is_stale_not_a_panic() {
        for timestamp in [i64::MIN, i64::MAX, 0] {
            let header = header_for(SECRET, timestamp, BODY);
            assert_eq!(
                verify(Some(&header), BODY, &secrets(&[SECRET]), at(1_800_000_000)),
                Err(SignatureError::Stale)
            );
        }
    }

    #[test]
    fn missing_and_malformed_headers_are_refused() {
        let all = secrets(&[SECRET]);
        let now = at(1_800_000_000);
        assert_eq!(verify(None, BODY, &all, now), Err(SignatureError::Missing));
        for bad in [
            "",
            "t=1800000000",
            "v1=00",
            "t=abc,v1=00",
            "t=1,v1=zz",
            "garbage",
            "t=1,v1=0011",
        ] {
            assert_eq!(
                verify(Some(bad), BODY, &all, now),
                Err(SignatureError::Malformed),
                "{bad}"
            );
        }
    }
}
