//! Amounts of money: `rust_decimal` in the core, integer cents in the
//! database, decimal strings with two places in JSON. Never floats.

use std::fmt;

use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;

use super::field::Invalid;

/// The one currency the portal sells in.
pub const CURRENCY: &str = "EUR";

/// A non-negative amount in euros, exact to the cent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Money(Decimal);

impl Money {
    pub const ZERO: Money = Money(Decimal::ZERO);

    /// Reads a decimal string such as `"25.00"` or `"25"`; more than two
    /// decimal places, a sign or an exponent is refused.
    pub fn parse(text: &str) -> Result<Self, Invalid> {
        let text = text.trim();
        let well_formed = !text.is_empty()
            && text.chars().all(|c| c.is_ascii_digit() || c == '.')
            && text
                .split_once('.')
                .is_none_or(|(_, cents)| cents.len() <= 2 && !cents.contains('.'));
        let invalid = || {
            Invalid::new(
                "invalid",
                "must be an amount in euros with at most two decimals, such as 25.00",
            )
        };
        if !well_formed {
            return Err(invalid());
        }
        let amount: Decimal = text.parse().map_err(|_| invalid())?;
        Self::from_decimal(amount).ok_or_else(invalid)
    }

    /// An exact amount: non-negative, whole cents, within what D1 stores exactly.
    pub fn from_decimal(amount: Decimal) -> Option<Self> {
        if amount < Decimal::ZERO {
            return None;
        }
        // Checked: a bank file may state any amount (found by fuzzing).
        let cents = amount.checked_mul(Decimal::ONE_HUNDRED)?;
        (cents.fract().is_zero() && cents <= Decimal::from(9_007_199_254_740_991_i64))
            .then(|| Self(amount.round_dp(2)))
    }
    pub fn from_cents(cents: i64) -> Option<Self> {
        (cents >= 0).then(|| Self(Decimal::new(cents, 2)))
    }

    /// The amount in cents, as the database stores it.
    pub fn cents(self) -> i64 {
        (self.0 * Decimal::ONE_HUNDRED).to_i64().unwrap_or(i64::MAX)
    }

    pub fn decimal(self) -> Decimal {
        self.0
    }

    pub fn times(self, quantity: u32) -> Money {
        Money(self.0 * Decimal::from(quantity))
    }

    pub fn plus(self, other: Money) -> Money {
        Money(self.0 + other.0)
    }

    /// `self - other`, or zero when `other` is larger.
    pub fn saturating_minus(self, other: Money) -> Money {
        Money((self.0 - other.0).max(Decimal::ZERO))
    }
}

/// Two decimal places, as in `"25.00"`: the form of every amount in JSON.
impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut amount = self.0;
        amount.rescale(2);
        write!(f, "{amount}")
    }
}

impl serde::Serialize for Money {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_print_with_two_decimals() {
        assert_eq!(Money::parse("25").unwrap().to_string(), "25.00");
        assert_eq!(Money::parse("15.5").unwrap().to_string(), "15.50");
        assert_eq!(Money::from_cents(2500).unwrap().to_string(), "25.00");
        assert_eq!(
            serde_json::to_string(&Money::from_cents(1).unwrap()).unwrap(),
            "\"0.01\""
        );
    }

    #[test]
    fn cents_round_trip() {
        for cents in [0, 1, 99, 2500, 500_000, 9_007_199_254_740_991] {
            assert_eq!(Money::from_cents(cents).unwrap().cents(), cents);
        }
        assert_eq!(Money::from_cents(-1), None);
    }

    #[test]
    fn malformed_amounts_are_refused() {
        for bad in ["", "-1", "1.234", "1e3", "1,00", "abc", "1.2.3", " . "] {
            assert!(Money::parse(bad).is_err(), "{bad} was accepted");
        }
    }

    #[test]
    fn amounts_too_large_to_store_are_refused_without_panicking() {
        for huge in [
            "1000000000000000000000000000",
            "79228162514264337593543950335",
            "90071992547409.92",
        ] {
            assert!(Money::parse(huge).is_err(), "{huge}");
        }
        assert!(Money::from_decimal(Decimal::MAX).is_none());
        assert!(Money::from_decimal(Decimal::MIN).is_none());
        assert_eq!(
            Money::parse("90071992547409.91").unwrap().cents(),
            9_007_199_254_740_991
        );
    }

    #[test]
    fn sums_and_products_are_exact() {
        let price = Money::parse("25.00").unwrap();
        assert_eq!(price.times(200).to_string(), "5000.00");
        let tenth = Money::parse("0.10").unwrap();
        let sum = (0..3).fold(Money::ZERO, |sum, _| sum.plus(tenth));
        assert_eq!(sum, Money::parse("0.30").unwrap());
        assert_eq!(tenth.saturating_minus(price), Money::ZERO);
    }
}
