//! Amounts of money: integer cents in the core and in the database, decimal
//! strings with two places in JSON. Never floats: every rule is exact
//! integer arithmetic, rounding half away from zero where it divides.

use std::fmt;

use super::field::Invalid;
use super::messages as m;

/// The one currency the portal sells in.
pub const CURRENCY: &str = "EUR";

/// The most cents D1 holds exactly (its numbers are doubles: 2^53 − 1).
pub const MAX_EXACT_CENTS: i64 = 9_007_199_254_740_991;

/// A non-negative amount in euros, exact to the cent: a count of cents.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Money(i64);

impl Money {
    pub const ZERO: Money = Money(0);

    /// Reads a decimal string such as `"25.00"` or `"25"`; more than two
    /// decimal places, a sign, an exponent or more than D1 holds exactly
    /// is refused.
    pub fn parse(text: &str) -> Result<Self, Invalid> {
        let invalid = || Invalid::said("invalid", m::field_money);
        let (euros, cents) = text.trim().split_once('.').unwrap_or((text.trim(), ""));
        let digits = |part: &str| part.bytes().all(|b| b.is_ascii_digit());
        if (euros.is_empty() && cents.is_empty())
            || cents.len() > 2
            || !digits(euros)
            || !digits(cents)
        {
            return Err(invalid());
        }
        // "2.5" is 250 cents; checked, as any number of digits may come.
        let mut total: i64 = 0;
        for digit in euros.bytes().chain(cents.bytes().chain([b'0'; 2]).take(2)) {
            total = total
                .checked_mul(10)
                .and_then(|t| t.checked_add(i64::from(digit - b'0')))
                .filter(|t| *t <= MAX_EXACT_CENTS)
                .ok_or_else(invalid)?;
        }
        Ok(Self(total))
    }

    pub fn from_cents(cents: i64) -> Option<Self> {
        (cents >= 0).then_some(Self(cents))
    }

    /// The amount in cents, as the database stores it.
    pub fn cents(self) -> i64 {
        self.0
    }

    /// `quantity` times the amount (saturating: never wraps, never panics).
    pub fn times(self, quantity: u32) -> Money {
        Money(self.0.saturating_mul(i64::from(quantity)))
    }

    pub fn plus(self, other: Money) -> Money {
        Money(self.0.saturating_add(other.0))
    }

    /// `self - other`, or zero when `other` is larger.
    pub fn saturating_minus(self, other: Money) -> Money {
        Money((self.0 - other.0).max(0))
    }

    /// `part / whole` of the amount, rounded to the cent half away from zero
    /// (0.125 is 0.13), as EN 16931 rounds VAT (BR-CO-17): VAT, the SUPS fee
    /// and prorating. Zero for a `whole` of zero; at most the amount itself
    /// when `part <= whole`.
    pub fn share(self, part: u32, whole: u32) -> Money {
        if whole == 0 {
            return Money::ZERO;
        }
        // Half away from zero for a non-negative x / w is floor((2x + w) / 2w);
        // in i128, where twice an i64 times a u32 cannot overflow.
        let (twice, whole) = (2 * i128::from(self.0) * i128::from(part), i128::from(whole));
        let rounded = (twice + whole) / (2 * whole);
        Money(i64::try_from(rounded).unwrap_or(i64::MAX))
    }
}

/// Two decimal places, as in `"25.00"`: the form of every amount in JSON.
impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{:02}", self.0 / 100, self.0 % 100)
    }
}

impl serde::Serialize for Money {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// On a page, as its `Display` writes it (escaped like any text).
impl super::html::Render for Money {
    fn render(&self, out: &mut String) {
        out.push_str(&super::html::escape(&self.to_string()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn amounts_print_with_two_decimals() {
        assert_eq!(Money::parse("25").unwrap().to_string(), "25.00");
        assert_eq!(Money::parse("15.5").unwrap().to_string(), "15.50");
        assert_eq!(Money::from_cents(2500).unwrap().to_string(), "25.00");
        assert_eq!(Money::from_cents(7).unwrap().to_string(), "0.07");
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
        for bad in [
            "", "-1", "1.234", "1e3", "1,00", "abc", "1.2.3", " . ", "+1", "1_000",
        ] {
            assert!(Money::parse(bad).is_err(), "{bad} was accepted");
        }
    }

    #[test]
    fn amounts_too_large_to_store_are_refused_without_panicking() {
        for huge in [
            "1000000000000000000000000000",
            "79228162514264337593543950335",
            "90071992547409.92",
            "99999999999999999999999999999999999999999999",
        ] {
            assert!(Money::parse(huge).is_err(), "{huge}");
        }
        assert_eq!(
            Money::parse("90071992547409.91").unwrap().cents(),
            MAX_EXACT_CENTS
        );
        assert_eq!(
            Money::parse("00000000000000000000000000000001.5")
                .unwrap()
                .cents(),
            150
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
        let most = Money::from_cents(i64::MAX).unwrap();
        assert_eq!((most.times(2), most.plus(price)), (most, most));
    }

    #[test]
    fn a_share_rounds_half_a_cent_away_from_zero() {
        let cents = |c| Money::from_cents(c).unwrap();
        // 2 % of 6.25 is 0.125; of 6.20, 0.124.
        assert_eq!(cents(625).share(2, 100), cents(13));
        assert_eq!(cents(620).share(2, 100), cents(12));
        // 22 % of 0.25 is 0.055; 14/28 of 24.69 is 12.345.
        assert_eq!(cents(25).share(2200, 10_000), cents(6));
        assert_eq!(cents(2469).share(14, 28), cents(1235));
        assert_eq!(cents(i64::MAX).share(7, 7), cents(i64::MAX));
        assert_eq!(cents(100).share(1, 0), Money::ZERO);
    }

    /// The rust_decimal implementation that integer cents replaced: the
    /// reference the properties below compare with.
    mod decimal {
        use rust_decimal::prelude::ToPrimitive;
        use rust_decimal::{Decimal, RoundingStrategy};

        /// The old `Money::parse`, in cents.
        pub fn parse(text: &str) -> Option<i64> {
            let text = text.trim();
            let well_formed = !text.is_empty()
                && text.chars().all(|c| c.is_ascii_digit() || c == '.')
                && text
                    .split_once('.')
                    .is_none_or(|(_, cents)| cents.len() <= 2 && !cents.contains('.'));
            let amount: Decimal = text.parse().ok().filter(|_| well_formed)?;
            let cents = amount.checked_mul(Decimal::ONE_HUNDRED)?;
            (amount >= Decimal::ZERO
                && cents.fract().is_zero()
                && cents <= Decimal::from(super::MAX_EXACT_CENTS))
            .then(|| cents.to_i64())
            .flatten()
        }

        /// The old `Display`.
        pub fn display(cents: i64) -> String {
            let mut amount = Decimal::new(cents, 2);
            amount.rescale(2);
            amount.to_string()
        }

        /// `cents × part / whole` in euros, rounded as invoices did, in cents.
        pub fn share(cents: i64, part: u32, whole: u32) -> i64 {
            let exact = Decimal::new(cents, 2) * Decimal::from(part) / Decimal::from(whole);
            let rounded = exact.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);
            (rounded * Decimal::ONE_HUNDRED).to_i64().unwrap()
        }
    }

    proptest! {
        #[test]
        fn parsing_agrees_with_the_decimal_implementation(
            text in prop_oneof![
                "[0-9]{0,17}(\\.[0-9]{0,3})?",
                " ?[0-9.]{0,6} ?",
                "0{0,30}[0-9]{0,20}\\.?[0-9]{0,2}",
                "[0-9+\\-e,. _]{0,8}",
            ],
        ) {
            let new = Money::parse(&text).ok().map(Money::cents);
            prop_assert_eq!(new, decimal::parse(&text), "{:?}", text);
        }

        #[test]
        fn printing_agrees_with_the_decimal_implementation(cents in 0..=MAX_EXACT_CENTS) {
            let money = Money::from_cents(cents).unwrap();
            prop_assert_eq!(money.to_string(), decimal::display(cents));
            prop_assert_eq!(Money::parse(&money.to_string()), Ok(money));
        }

        #[test]
        fn shares_round_as_the_decimal_implementation_did(
            (cents, part, whole) in prop_oneof![
                (0..=MAX_EXACT_CENTS, (1u32..=100_000).prop_flat_map(|w| (0..=w, Just(w))))
                    .prop_map(|(cents, (part, whole))| (cents, part, whole)),
                (0i64..100_000, (1u32..=200).prop_flat_map(|w| (0..=w, Just(w))))
                    .prop_map(|(cents, (part, whole))| (cents, part, whole)),
                // Exactly half a cent over: (2k + 1) × h / 2h.
                (0i64..1_000_000, 1u32..=5_000)
                    .prop_map(|(k, h)| ((2 * k + 1) * i64::from(h), 1, 2 * h)),
            ],
        ) {
            let share = Money::from_cents(cents).unwrap().share(part, whole);
            prop_assert_eq!(share.cents(), decimal::share(cents, part, whole));
        }
    }
}
