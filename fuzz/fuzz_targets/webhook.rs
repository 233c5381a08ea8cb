//! Stripe-Signature headers and webhook verification.
//!
//! The input is split at its first newline: the header before it (lossy
//! UTF-8), the raw body after it. Besides "no panic", the target checks that
//! `verify` agrees with `SignatureHeader::parse`, and, by appending a valid
//! `v1` for the header's own timestamp, reaches the timestamp check that a
//! fuzzer could never reach by forging an HMAC.
#![no_main]

use libfuzzer_sys::fuzz_target;
use spica_portal::domain::time::{from_unix_millis, Instant};
use spica_portal::domain::stripe::{
    sign, verify, SignatureError, SignatureHeader, TOLERANCE_SECONDS,
};

const SECRETS: [&str; 2] = ["whsec_old_rotated_out", "whsec_fuzz_secret"];
const NOW_MILLIS: i64 = 1_795_000_000_000;

fuzz_target!(|data: &[u8]| {
    let (header, body) = match data.iter().position(|&b| b == b'\n') {
        Some(at) => (&data[..at], &data[at + 1..]),
        None => (data, &[][..]),
    };
    let header = String::from_utf8_lossy(header);
    let secrets: Vec<String> = SECRETS.iter().map(|s| s.to_string()).collect();
    let now: Instant = from_unix_millis(NOW_MILLIS).expect("a valid instant");

    let parsed = SignatureHeader::parse(&header);
    let verified = verify(Some(&header), body, &secrets, now);
    match &parsed {
        Err(error) => {
            assert_eq!(*error, SignatureError::Malformed);
            assert_eq!(verified, Err(SignatureError::Malformed));
        }
        Ok(parts) => {
            assert!(!parts.v1.is_empty(), "a parsed header has a v1");
            assert_ne!(verified, Err(SignatureError::Malformed));
            assert_ne!(verified, Err(SignatureError::Missing));
            // The same header with a genuine signature for its timestamp,
            // made with either secret: only the clock may refuse it now.
            let secret = SECRETS[body.len() % SECRETS.len()];
            let signed = format!(
                "{header},v1={}",
                hex::encode(sign(secret, parts.timestamp, body))
            );
            let expected = if (i128::from(now.timestamp()) - i128::from(parts.timestamp)).abs()
                > i128::from(TOLERANCE_SECONDS)
            {
                Err(SignatureError::Stale)
            } else {
                Ok(())
            };
            assert_eq!(verify(Some(&signed), body, &secrets, now), expected);
        }
    }
});
