//! Random identifiers and secrets from a seed the caller passes in.
//!
//! The Worker seeds it from the platform's CSPRNG once per request; tests seed
//! it with fixed bytes. Each draw is SHA-256(seed ‖ counter), so the draws are
//! as unpredictable as the seed and never repeat within one seed.

use sha2::{Digest, Sha256};

/// A stream of random bytes derived from one 32-byte seed.
pub struct Entropy {
    seed: [u8; 32],
    counter: u64,
}

impl Entropy {
    pub fn new(seed: [u8; 32]) -> Self {
        Self { seed, counter: 0 }
    }

    /// The next 32 random bytes.
    pub fn next_block(&mut self) -> [u8; 32] {
        self.counter += 1;
        let mut hasher = Sha256::new();
        hasher.update(self.seed);
        hasher.update(self.counter.to_le_bytes());
        hasher.finalize().into()
    }

    /// A new identifier such as `cus_6F9Z…`: a type prefix, as Stripe's ids
    /// have, then 128 random bits in Crockford base32 (26 characters).
    pub fn id(&mut self, prefix: &str) -> String {
        let block = self.next_block();
        format!("{prefix}_{}", crockford(&block[..16]))
    }
}

/// Crockford's base32 alphabet, in which ids are written.
pub const CROCKFORD: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/// Crockford base32 without padding: no I, L, O or U, so an id read aloud or
/// typed by hand is not misread.
pub fn crockford(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len() * 8 / 5 + 1);
    let mut buffer: u32 = 0;
    let mut bits = 0;
    for &byte in bytes {
        buffer = (buffer << 8) | u32::from(byte);
        bits += 8;
        while bits >= 5 {
            bits -= 5;
            out.push(CROCKFORD[((buffer >> bits) & 31) as usize] as char);
        }
    }
    if bits > 0 {
        out.push(CROCKFORD[((buffer << (5 - bits)) & 31) as usize] as char);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_carry_their_prefix_and_128_bits() {
        let mut entropy = Entropy::new([7; 32]);
        let id = entropy.id("cus");
        assert!(id.starts_with("cus_"));
        assert_eq!(id.len(), 4 + 26);
        assert!(id[4..].bytes().all(|b| CROCKFORD.contains(&b)));
    }

    #[test]
    fn draws_from_one_seed_never_repeat_and_seeds_differ() {
        let mut a = Entropy::new([1; 32]);
        let first = a.next_block();
        assert_ne!(first, a.next_block());
        assert_ne!(first, Entropy::new([2; 32]).next_block());
        assert_eq!(first, Entropy::new([1; 32]).next_block());
    }

    #[test]
    fn crockford_encodes_known_vectors() {
        assert_eq!(crockford(&[0xff]), "ZW");
        assert_eq!(crockford(&[0, 0, 0, 0, 0]), "00000000");
        assert_eq!(crockford(b"f"), "CR");
    }
}
