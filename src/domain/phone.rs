//! Telephone numbers in E.164, the form a support desk can dial from anywhere.

use std::fmt;

use super::field::Invalid;

/// `+` and 8 to 15 digits, the first not 0 (ITU-T E.164).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Phone(String);

impl Phone {
    /// Accepts the usual separators (spaces, dots, dashes, parentheses) and the
    /// `00` international prefix, and keeps the canonical `+38612345678`.
    pub fn parse(input: &str) -> Result<Self, Invalid> {
        let trimmed = input.trim();
        if trimmed.is_empty() {
            return Err(Invalid::required());
        }
        let compact: String = trimmed
            .chars()
            .filter(|c| !matches!(c, ' ' | '.' | '-' | '(' | ')' | '/'))
            .collect();
        let digits = compact
            .strip_prefix('+')
            .or_else(|| compact.strip_prefix("00"));
        match digits {
            Some(digits)
                if (8..=15).contains(&digits.len())
                    && digits.chars().all(|c| c.is_ascii_digit())
                    && !digits.starts_with('0') =>
            {
                Ok(Self(format!("+{digits}")))
            }
            _ => Err(Invalid::new(
                "invalid",
                "must be an international number with its country code, such as +386 1 234 5678",
            )),
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Phone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn separators_and_double_zero_become_e164() {
        assert_eq!(
            Phone::parse("+386 (1) 234-5678").unwrap().as_str(),
            "+38612345678"
        );
        assert_eq!(
            Phone::parse("00386 1 234 5678").unwrap().as_str(),
            "+38612345678"
        );
    }

    #[test]
    fn numbers_without_country_code_are_refused() {
        for bad in [
            "01 234 5678",
            "+0386123456",
            "+3861",
            "+386 1 234 567x",
            "+1234567890123456",
        ] {
            assert!(Phone::parse(bad).is_err(), "{bad} was accepted");
        }
    }
}
