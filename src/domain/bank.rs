//! The vendor's bank account as transfers quote it: an IBAN whose check
//! digits hold (ISO 13616, MOD 97-10) and a BIC of ISO 9362's shape. Both
//! are parsed once, when the settings load, so a mistyped account stops the
//! Worker from serving with a log naming the setting, instead of silently
//! removing the QR code from every order.

use std::fmt;

use thiserror::Error;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Error)]
pub enum BankError {
    #[error("is not an IBAN: 15 to 34 letters and digits, two letters and two check digits first, check digits that hold")]
    Iban,
    #[error("is not a BIC: 8 or 11 letters or digits, such as BAKOSI2X")]
    Bic,
}

/// An IBAN, compact and upper-case (`SI56191000000123438`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Iban(String);

impl Iban {
    /// Accepts an IBAN as people write it (any case, spaces).
    pub fn parse(input: &str) -> Result<Self, BankError> {
        let compact: String = input
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_ascii_uppercase();
        let bytes = compact.as_bytes();
        let shaped = (15..=34).contains(&bytes.len())
            && bytes[..2].iter().all(u8::is_ascii_uppercase)
            && bytes[2..4].iter().all(u8::is_ascii_digit)
            && bytes[4..].iter().all(u8::is_ascii_alphanumeric);
        if !shaped {
            return Err(BankError::Iban);
        }
        // The first four characters move to the end; letters count as 10 to 35.
        let mut remainder: u32 = 0;
        for c in compact[4..].chars().chain(compact[..4].chars()) {
            let value = c.to_digit(36).ok_or(BankError::Iban)?;
            remainder = if value >= 10 {
                (remainder * 100 + value) % 97
            } else {
                (remainder * 10 + value) % 97
            };
        }
        if remainder == 1 {
            Ok(Self(compact))
        } else {
            Err(BankError::Iban)
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// In groups of four, as printed for people (`SI56 1910 0000 0123 438`).
    pub fn grouped(&self) -> String {
        super::format::iban(&self.0)
    }
}

impl fmt::Display for Iban {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A BIC, upper-case: four letters (bank), two letters (country), two
/// letters or digits (location) and optionally three more (branch).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bic(String);

impl Bic {
    pub fn parse(input: &str) -> Result<Self, BankError> {
        let compact = input.trim().to_ascii_uppercase();
        let bytes = compact.as_bytes();
        let shaped = matches!(bytes.len(), 8 | 11)
            && bytes[..6].iter().all(u8::is_ascii_uppercase)
            && bytes[6..].iter().all(u8::is_ascii_alphanumeric);
        if shaped {
            Ok(Self(compact))
        } else {
            Err(BankError::Bic)
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Bic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn ibans_are_read_as_people_write_them_and_kept_compact() {
        let iban = Iban::parse(" si56 1910 0000 0123 438 ").unwrap();
        assert_eq!(iban.as_str(), "SI56191000000123438");
        assert_eq!(iban.grouped(), "SI56 1910 0000 0123 438");
        let german = Iban::parse("DE89 3704 0044 0532 0130 00").unwrap();
        assert_eq!(german.grouped(), "DE89 3704 0044 0532 0130 00");
    }

    #[test]
    fn an_iban_with_wrong_check_digits_or_shape_is_refused() {
        for bad in [
            "SI57 1910 0000 0123 438",
            "SI56 1910 0000 0123 439",
            "DE89 3704 0044 0532 0130 01",
            "SI56",
            "5656 1910 0000 0123 438",
            "SI56-1910-0000-0123-438",
            "SI56 1910 0000 0123 438 ÄÖ",
            "",
        ] {
            assert_eq!(Iban::parse(bad), Err(BankError::Iban), "{bad}");
        }
    }

    #[test]
    fn bics_have_eight_or_eleven_characters_of_their_shape() {
        assert_eq!(Bic::parse("bakosi2x").unwrap().as_str(), "BAKOSI2X");
        assert_eq!(Bic::parse("BAKOSI2XXXX").unwrap().as_str(), "BAKOSI2XXXX");
        for bad in [
            "BAKOSI2",
            "BAKO SI2X",
            "1AKOSI2X",
            "BAKOSI2XX",
            "BAKOSI2X-XX",
            "",
        ] {
            assert_eq!(Bic::parse(bad), Err(BankError::Bic), "{bad}");
        }
    }

    proptest! {
        /// One changed digit always breaks MOD 97-10's check.
        #[test]
        fn a_changed_digit_is_caught(position in 4usize..19, delta in 1u32..10) {
            let mut chars: Vec<char> = "SI56191000000123438".chars().collect();
            let digit = chars[position].to_digit(10).unwrap();
            chars[position] = char::from_digit((digit + delta) % 10, 10).unwrap();
            let changed: String = chars.into_iter().collect();
            prop_assert_eq!(Iban::parse(&changed), Err(BankError::Iban));
        }

        #[test]
        fn any_text_is_parsed_without_panicking(text in ".*") {
            let _ = Iban::parse(&text);
            let _ = Bic::parse(&text);
        }
    }
}
