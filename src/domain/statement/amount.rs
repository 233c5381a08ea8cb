//! An amount as a bank file states it: exact, with as many decimals as the
//! bank wrote ("8.850", "0.125"), so that the report shows it as written and
//! reconciliation credits only whole cents.

use std::fmt;

use crate::domain::money::{Money, MAX_EXACT_CENTS};

/// The largest whole part a file may state: 2^96 − 1, the bound the
/// readers have always refused beyond (rust_decimal's), whatever a
/// statement needs.
const MAX_WHOLE: u128 = (1 << 96) - 1;

/// A positive decimal amount, exactly as stated. Equal by value ("8.85" is
/// "8.850"); printed as written, without leading zeros.
#[derive(Debug, Clone)]
pub struct StatedAmount {
    /// The digits of the whole part and the decimals, without leading zeros.
    digits: String,
    /// How many of `digits` are decimals.
    decimals: usize,
}

impl StatedAmount {
    /// Reads `DIGITS` or `DIGITS.DIGITS`; the reason when it is of another
    /// form, zero, or larger than 2^96 − 1.
    pub fn parse(text: &str) -> Result<Self, &'static str> {
        let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
        let digits = |part: &str| part.bytes().all(|b| b.is_ascii_digit());
        if whole.is_empty() || !digits(whole) || !digits(fraction) || text.ends_with('.') {
            return Err("not a decimal number");
        }
        let whole = whole.trim_start_matches('0');
        if whole.len() > 29 || whole.parse::<u128>().is_ok_and(|w| w > MAX_WHOLE) {
            return Err("too large");
        }
        let digits = format!("{whole}{fraction}")
            .trim_start_matches('0')
            .to_owned();
        if digits.is_empty() {
            return Err("zero is not a movement");
        }
        Ok(Self {
            digits,
            decimals: fraction.len(),
        })
    }

    /// The same value without decimal zeros at the end ("25.00" is "25",
    /// "0.10" is "0.1"): the form an entry's fingerprint holds.
    pub fn normalized(&self) -> Self {
        let zeros = self.digits.len() - self.digits.trim_end_matches('0').len();
        let dropped = zeros.min(self.decimals);
        Self {
            digits: self.digits[..self.digits.len() - dropped].to_owned(),
            decimals: self.decimals - dropped,
        }
    }

    /// The amount in money: None unless it is whole cents that D1 holds
    /// exactly.
    pub fn money(&self) -> Option<Money> {
        let Self { digits, decimals } = self.normalized();
        let mut cents = digits.parse::<i64>().ok()?;
        for _ in decimals..2 {
            cents = cents.checked_mul(10)?;
        }
        (decimals <= 2 && cents <= MAX_EXACT_CENTS)
            .then(|| Money::from_cents(cents))
            .flatten()
    }
}

impl PartialEq for StatedAmount {
    fn eq(&self, other: &Self) -> bool {
        let (a, b) = (self.normalized(), other.normalized());
        (a.digits, a.decimals) == (b.digits, b.decimals)
    }
}

impl Eq for StatedAmount {}

/// As written: "8.850", "0.125", "1234.56", "25".
impl fmt::Display for StatedAmount {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Self { digits, decimals } = self;
        match digits.len().checked_sub(*decimals) {
            Some(0) | None => write!(f, "0.{digits:0>decimals$}"),
            Some(_) if *decimals == 0 => f.write_str(digits),
            Some(whole) => write!(f, "{}.{}", &digits[..whole], &digits[whole..]),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn amount(text: &str) -> StatedAmount {
        StatedAmount::parse(text).unwrap()
    }

    #[test]
    fn an_amount_prints_as_written_and_equals_its_value() {
        for text in ["8.850", "0.125", "1234.56", "25", "0.01", "100", "100.00"] {
            assert_eq!(amount(text).to_string(), text);
        }
        assert_eq!(amount("007.50").to_string(), "7.50");
        assert_eq!(amount("8.85"), amount("8.850"));
        assert_ne!(amount("8.85"), amount("88.5"));
        assert_eq!(amount("100.00").normalized().to_string(), "100");
        assert_eq!(amount("0.10").normalized().to_string(), "0.1");
    }

    #[test]
    fn only_whole_cents_that_d1_holds_are_money() {
        let cents = |text| amount(text).money().map(Money::cents);
        assert_eq!(cents("25.00"), Some(2500));
        assert_eq!(cents("8.850"), Some(885));
        assert_eq!(cents("7"), Some(700));
        assert_eq!(cents("25.00001"), None);
        assert_eq!(cents("0.125"), None);
        assert_eq!(cents("90071992547409.91"), Some(MAX_EXACT_CENTS));
        assert_eq!(cents("90071992547409.92"), None);
        assert_eq!(cents("1000000000000000000000000000"), None);
    }

    #[test]
    fn zero_other_forms_and_more_than_2_to_the_96_are_refused() {
        for (text, reason) in [
            ("0", "zero is not a movement"),
            ("000.000", "zero is not a movement"),
            ("", "not a decimal number"),
            ("1.", "not a decimal number"),
            (".5", "not a decimal number"),
            ("-1", "not a decimal number"),
            ("1.2.3", "not a decimal number"),
            ("1,5", "not a decimal number"),
            ("79228162514264337593543950336", "too large"),
            ("100000000000000000000000000000000000000000", "too large"),
        ] {
            assert_eq!(StatedAmount::parse(text), Err(reason), "{text:?}");
        }
        assert_eq!(
            amount("00079228162514264337593543950335.99").to_string(),
            "79228162514264337593543950335.99"
        );
    }

    /// The rust_decimal reading that this type replaced, as the readers did
    /// it: `Decimal::from_str`, positive, `normalize` for the key, and
    /// `Money::from_decimal` for reconciliation.
    fn decimal(text: &str) -> Option<(String, String, Option<i64>)> {
        use rust_decimal::prelude::ToPrimitive;
        use rust_decimal::Decimal;
        let value: Decimal = text.parse().ok()?;
        let money = value
            .checked_mul(Decimal::ONE_HUNDRED)
            .filter(|cents| cents.fract().is_zero() && *cents <= Decimal::from(MAX_EXACT_CENTS))
            .and_then(|cents| cents.to_i64());
        (value > Decimal::ZERO).then(|| (value.to_string(), value.normalize().to_string(), money))
    }

    proptest! {
        /// Within 28 decimals and 2^96 (where rust_decimal neither rounded
        /// nor refused), every amount reads, prints, normalises and converts
        /// to money as it did with rust_decimal.
        #[test]
        fn amounts_agree_with_the_decimal_implementation(
            text in prop_oneof![
                "[0-9]{1,16}(\\.[0-9]{1,6})?",
                "0{0,3}[0-9]{1,3}(\\.[0-9]{1,3}0{0,3})?",
                "[0-9]{1,28}",
                "0\\.[0-9]{1,28}",
            ],
        ) {
            let new = StatedAmount::parse(&text)
                .ok()
                .map(|a| (a.to_string(), a.normalized().to_string(), a.money().map(Money::cents)));
            prop_assert_eq!(new, decimal(&text), "{:?}", text);
        }
    }
}
