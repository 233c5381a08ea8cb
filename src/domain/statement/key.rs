//! Idempotency keys for bank entries.
//!
//! Importing the same file again, or a statement that overlaps an earlier one,
//! must give the same key for the same movement, so that a payment is never
//! counted twice. The bank's own reference is the best key; without one, a
//! fingerprint of everything the movement says is the next best.

use std::collections::{HashMap, HashSet};

use sha2::{Digest, Sha256};

use super::BankEntry;

/// What an entry's key is built from, before repeated keys are numbered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum KeyBasis {
    /// The bank's reference; for a split batch transaction without one of its
    /// own, the entry's reference, "/" and the transaction's 1-based position.
    Reference(String),
    /// No reference: a SHA-256 over the entry's canonical text.
    Fingerprint,
}

/// An entry whose `index` and `key` are not set yet.
#[derive(Debug, Clone)]
pub(super) struct Draft {
    pub entry: BankEntry,
    pub basis: KeyBasis,
}

/// Numbers the entries in file order and gives each its key. The 2nd, 3rd…
/// entry with the same key gets "#2", "#3"… appended: two identical rows are
/// two payments, and keys must stay unique within a file.
pub(super) fn finish(drafts: Vec<Draft>) -> Vec<BankEntry> {
    let mut used: HashSet<String> = HashSet::with_capacity(drafts.len());
    let mut last_suffix: HashMap<String, usize> = HashMap::new();
    drafts
        .into_iter()
        .enumerate()
        .map(|(index, Draft { mut entry, basis })| {
            let base = match basis {
                KeyBasis::Reference(reference) => format!("ref:{reference}"),
                KeyBasis::Fingerprint => format!("sha256:{}", fingerprint(&entry)),
            };
            let key = if used.contains(&base) {
                let suffix = last_suffix.entry(base.clone()).or_insert(1);
                loop {
                    *suffix += 1;
                    let candidate = format!("{base}#{suffix}");
                    if !used.contains(&candidate) {
                        break candidate;
                    }
                }
            } else {
                base
            };
            used.insert(key.clone());
            entry.index = index;
            entry.key = key;
            entry
        })
        .collect()
}

/// Hex SHA-256 of the entry's canonical text. The amount is normalised so that
/// "25.00" and "25.0" are one amount; the JSON array keeps fields apart
/// unambiguously; the leading tag lets a future change of the recipe be told
/// apart from an old key.
pub(super) fn fingerprint(entry: &BankEntry) -> String {
    let canonical = serde_json::json!([
        "bank-entry/1",
        entry
            .booking_date
            .map(|date| date.to_string())
            .unwrap_or_default(),
        entry.direction.as_str(),
        entry.amount.normalized().to_string(),
        entry.currency,
        entry.reversal,
        entry.structured_references,
        entry.remittance_text,
        entry.remitter_name.as_deref().unwrap_or_default(),
    ]);
    hex::encode(Sha256::digest(canonical.to_string().as_bytes()))
}
