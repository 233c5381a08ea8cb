//! ISO 11649 structured creditor references ("RF references"): what a
//! customer quotes on a bank transfer so the payment finds its order.

use std::fmt;

use super::entropy::{crockford, Entropy};
use super::field::Invalid;
use super::messages as m;

/// `RF`, two check digits, and 1 to 21 letters or digits, upper-case and
/// without spaces; valid by ISO 7064 MOD 97-10.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct RfReference(String);

/// MOD 97 of the reference rearranged as ISO 11649 specifies: the first
/// four characters moved to the end, letters as 10 (A) to 35 (Z).
fn mod97(rearranged: &str) -> Option<u32> {
    let mut remainder: u32 = 0;
    for c in rearranged.chars() {
        let value = c.to_digit(36)?;
        remainder = if value >= 10 {
            (remainder * 100 + value) % 97
        } else {
            (remainder * 10 + value) % 97
        };
    }
    Some(remainder)
}

impl RfReference {
    /// Accepts a reference as people write it: any case, with spaces.
    pub fn parse(input: &str) -> Result<Self, Invalid> {
        let compact: String = input
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_ascii_uppercase();
        let invalid = || Invalid::said("invalid", m::field_rf_reference);
        let (head, payload) = compact.split_at_checked(4).ok_or_else(invalid)?;
        let shaped = head.starts_with("RF")
            && head[2..].chars().all(|c| c.is_ascii_digit())
            && (1..=21).contains(&payload.len())
            && payload.chars().all(|c| c.is_ascii_alphanumeric());
        if shaped && mod97(&format!("{payload}{head}")) == Some(1) {
            Ok(Self(compact))
        } else {
            Err(invalid())
        }
    }

    /// The reference for a payload of 1 to 21 letters or digits.
    pub fn for_payload(payload: &str) -> Option<Self> {
        let payload = payload.to_ascii_uppercase();
        if !(1..=21).contains(&payload.len()) || !payload.chars().all(|c| c.is_ascii_alphanumeric())
        {
            return None;
        }
        let check = 98 - mod97(&format!("{payload}RF00"))?;
        Some(Self(format!("RF{check:02}{payload}")))
    }

    /// A fresh reference with 60 random bits: 12 Crockford characters, short
    /// enough to type into a banking app, and unique (the database holds it
    /// UNIQUE, so a clash would be refused, not shared).
    pub fn generate(entropy: &mut Entropy) -> Self {
        let payload = crockford(&entropy.next_block()[..8]);
        Self::for_payload(&payload[..12]).expect("12 base32 characters are a valid payload")
    }

    /// Every valid RF reference that free text may hold, such as a bank
    /// transfer's remittance line ("Payment rf18 5390 0754 7034 thanks"),
    /// longest first. Spaces inside a reference are allowed anywhere, so one
    /// line can give several candidates ("RF13 W X" holds RF13W and, by
    /// chance, RF13WX): the caller keeps the one that names an order.
    pub fn candidates_in(text: &str) -> Vec<Self> {
        let chars: Vec<char> = text.to_ascii_uppercase().chars().collect();
        let mut found = Vec::new();
        for start in 0..chars.len().saturating_sub(4) {
            let at_word_start = start == 0 || !chars[start - 1].is_ascii_alphanumeric();
            if chars[start] != 'R' || chars[start + 1] != 'F' || !at_word_start {
                continue;
            }
            let mut compact = String::new();
            let mut here = Vec::new();
            for &c in &chars[start..] {
                if c.is_ascii_alphanumeric() {
                    compact.push(c);
                    if let Ok(reference) = Self::parse(&compact) {
                        here.push(reference);
                    }
                    if compact.len() == 25 {
                        break;
                    }
                } else if c != ' ' {
                    break;
                }
            }
            found.extend(here.into_iter().rev());
        }
        found
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// In groups of four, as printed on a pro-forma: `RF18 5390 0754 7034`.
    pub fn grouped(&self) -> String {
        self.0
            .as_bytes()
            .chunks(4)
            .map(|chunk| std::str::from_utf8(chunk).unwrap_or(""))
            .collect::<Vec<_>>()
            .join(" ")
    }
}

impl fmt::Display for RfReference {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn the_standards_example_is_valid() {
        let reference = RfReference::parse("RF18539007547034").unwrap();
        assert_eq!(reference.grouped(), "RF18 5390 0754 7034");
        assert_eq!(RfReference::for_payload("539007547034").unwrap(), reference);
        assert_eq!(
            RfReference::parse("rf18 5390 0754 7034").unwrap(),
            reference
        );
    }

    #[test]
    fn a_wrong_check_digit_or_shape_is_refused() {
        for bad in [
            "RF19539007547034",
            "RF18539007547035",
            "RF18",
            "XX18539007547034",
            "RF1A539007547034",
            "RF18-5390",
        ] {
            assert!(RfReference::parse(bad).is_err(), "{bad} was accepted");
        }
        let too_long = RfReference::for_payload(&"1".repeat(22));
        assert_eq!(too_long, None);
    }

    #[test]
    fn generated_references_are_valid_and_short() {
        let mut entropy = Entropy::new([9; 32]);
        let reference = RfReference::generate(&mut entropy);
        assert_eq!(reference.as_str().len(), 16);
        assert_eq!(RfReference::parse(reference.as_str()).unwrap(), reference);
        assert_ne!(RfReference::generate(&mut entropy), reference);
    }

    #[test]
    fn references_are_found_in_remittance_text() {
        let example = RfReference::parse("RF18539007547034").unwrap();
        let found = RfReference::candidates_in("Payment for order rf18 5390 0754 7034, thank you");
        assert_eq!(found, std::slice::from_ref(&example));
        assert_eq!(
            RfReference::candidates_in("INV 2024/17 RF18539007547034"),
            [example]
        );
        assert!(RfReference::candidates_in("RF19539007547034 no valid one").is_empty());
        assert!(RfReference::candidates_in("SURFACE 18539007547034").is_empty());
        assert!(RfReference::candidates_in("").is_empty());
    }

    proptest! {
        #[test]
        fn every_payload_gives_a_reference_that_parses(payload in "[A-Z0-9]{1,21}") {
            let reference = RfReference::for_payload(&payload).unwrap();
            prop_assert_eq!(RfReference::parse(reference.as_str()).unwrap(), reference.clone());
            let text = format!("ref {} x", reference.grouped());
            prop_assert!(RfReference::candidates_in(&text).contains(&reference));
        }

        #[test]
        fn one_changed_character_is_detected(payload in "[0-9]{5,21}", position in 0usize..21, digit in 0u32..10) {
            let reference = RfReference::for_payload(&payload).unwrap();
            let mut chars: Vec<char> = reference.as_str().chars().collect();
            let index = 4 + position % payload.len();
            let replacement = char::from_digit(digit, 10).unwrap();
            prop_assume!(chars[index] != replacement);
            chars[index] = replacement;
            let altered: String = chars.into_iter().collect();
            prop_assert!(RfReference::parse(&altered).is_err());
        }
    }
}
