//! VAT on a sale: which treatment the buyer's country and VAT number give,
//! at which rate, and the amounts.
//!
//! The seller is in one EU country (`SELLER_COUNTRY`). A buyer in that
//! country pays its rate; a buyer elsewhere in the EU with a VAT number the
//! EU's VIES service confirmed accounts for the VAT itself (reverse charge);
//! one in the EU without a confirmed number pays the seller's rate; one
//! outside the EU is not subject to EU VAT (Council Directive 2006/112/EC,
//! articles 44 and 196). Rates are data (a table by country and start date),
//! so a change of rate is a row, not a release.

use chrono::NaiveDate;
use rust_decimal::{Decimal, RoundingStrategy};

use super::country::Country;
use super::money::Money;

/// The member states of the European Union, ISO 3166-1 alpha-2.
const EU: [&str; 27] = [
    "AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR", "HR", "HU", "IE", "IT",
    "LT", "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK",
];

/// Whether a country is a member state of the European Union.
pub fn in_eu(country: Country) -> bool {
    EU.contains(&country.code())
}

/// The prefix a country's VAT numbers carry, and the code VIES asks for:
/// the ISO code, except Greece's `EL`.
pub fn vat_prefix(country: Country) -> &'static str {
    match country.code() {
        "GR" => "EL",
        code => code,
    }
}

/// The prefixes of the member states' VAT numbers.
pub fn eu_vat_prefixes() -> impl Iterator<Item = &'static str> {
    EU.iter()
        .filter_map(|code| Country::parse(code).ok())
        .map(vat_prefix)
}

/// The member state whose VAT numbers carry `prefix` (`EL` is Greece);
/// None outside the EU.
pub fn country_of_prefix(prefix: &str) -> Option<Country> {
    EU.iter()
        .filter_map(|code| Country::parse(code).ok())
        .find(|country| vat_prefix(*country) == prefix)
}

/// How VAT applies to a sale, as EN 16931 names it (UNCL 5305 codes).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VatCategory {
    /// VAT at the rate of the seller's country (`S`).
    Standard,
    /// Reverse charge: the buyer, a business in another member state,
    /// accounts for the VAT (`AE`).
    ReverseCharge,
    /// Outside the scope of EU VAT: the place of supply is outside the EU
    /// (`O`).
    NotSubject,
}

const CATEGORIES: [(VatCategory, &str, &str); 3] = [
    (VatCategory::Standard, "standard", "S"),
    (VatCategory::ReverseCharge, "reverse_charge", "AE"),
    (VatCategory::NotSubject, "not_subject", "O"),
];

impl VatCategory {
    /// The name stored and shown in the API.
    pub fn as_str(self) -> &'static str {
        CATEGORIES
            .iter()
            .find(|(category, _, _)| *category == self)
            .map_or("", |(_, name, _)| name)
    }

    pub fn parse(text: &str) -> Option<Self> {
        CATEGORIES
            .iter()
            .find(|(_, name, _)| *name == text)
            .map(|(category, _, _)| *category)
    }

    /// The UNCL 5305 code an e-invoice carries.
    pub fn code(self) -> &'static str {
        CATEGORIES
            .iter()
            .find(|(category, _, _)| *category == self)
            .map_or("", |(_, _, code)| code)
    }

    /// Why no VAT is charged, as the invoice must say it: the VATEX code of
    /// EN 16931 (BT-121) and the legal mention (BT-120). None when VAT is
    /// charged.
    pub fn exemption(self) -> Option<(&'static str, &'static str)> {
        match self {
            Self::Standard => None,
            Self::ReverseCharge => Some((
                "VATEX-EU-AE",
                "Reverse charge: VAT to be accounted for by the customer \
                 (Article 196, Council Directive 2006/112/EC)",
            )),
            Self::NotSubject => Some((
                "VATEX-EU-O",
                "Not subject to VAT in the EU: the place of supply is outside \
                 the EU (Article 44, Council Directive 2006/112/EC)",
            )),
        }
    }
}

/// A VAT rate in percent, to two decimals; stored as basis points (22 % is
/// 2200), so that no float holds it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct VatRate(Decimal);

impl VatRate {
    pub const ZERO: VatRate = VatRate(Decimal::ZERO);

    /// From basis points: 0 to 100 %.
    pub fn from_basis_points(points: i64) -> Option<Self> {
        (0..=10_000)
            .contains(&points)
            .then(|| Self(Decimal::new(points, 2)))
    }

    pub fn basis_points(self) -> i64 {
        (self.0 * Decimal::ONE_HUNDRED)
            .trunc()
            .try_into()
            .unwrap_or_default()
    }

    /// The rate in percent, without trailing zeros (`22`, `9.5`).
    pub fn percent(self) -> Decimal {
        self.0.normalize()
    }
}

impl std::fmt::Display for VatRate {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.percent())
    }
}

/// A country's rate from a day on: one row of the rates table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RateRow {
    pub country: Country,
    pub starts_on: NaiveDate,
    pub rate: VatRate,
}

/// The rate in force in `country` on `day`: the row that started last, on
/// or before that day.
pub fn rate_on(rows: &[RateRow], country: Country, day: NaiveDate) -> Option<VatRate> {
    rows.iter()
        .filter(|row| row.country == country && row.starts_on <= day)
        .max_by_key(|row| row.starts_on)
        .map(|row| row.rate)
}

/// The buyer as VAT sees it: where it is, and whether VIES confirmed its
/// VAT number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Buyer {
    pub country: Country,
    pub vat_number_confirmed: bool,
}

/// The category and rate of a sale.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Treatment {
    pub category: VatCategory,
    pub rate: VatRate,
}

/// How VAT applies to a sale from `seller` to `buyer`, the seller's rate
/// being `seller_rate` on the day of the sale.
pub fn treatment(seller: Country, buyer: Buyer, seller_rate: VatRate) -> Treatment {
    let category = if buyer.country == seller {
        VatCategory::Standard
    } else if !in_eu(buyer.country) {
        VatCategory::NotSubject
    } else if buyer.vat_number_confirmed {
        VatCategory::ReverseCharge
    } else {
        VatCategory::Standard
    };
    let rate = match category {
        VatCategory::Standard => seller_rate,
        VatCategory::ReverseCharge | VatCategory::NotSubject => VatRate::ZERO,
    };
    Treatment { category, rate }
}

/// The amounts of a sale: net, VAT and what the buyer pays.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Amounts {
    pub category: VatCategory,
    pub rate: VatRate,
    pub net: Money,
    pub vat: Money,
    /// Net plus VAT: what the card is charged and the transfer must bring.
    pub total_due: Money,
}

impl Amounts {
    /// The VAT line as the pro-forma and the order page show it: the rate
    /// and the amount, and for a sale without VAT its category and the
    /// legal mention why.
    pub fn vat_line(&self) -> String {
        match self.category.exemption() {
            None => format!("VAT {} %: EUR {}", self.rate, self.vat),
            Some((_, mention)) => format!(
                "VAT {} % (category {}): EUR {}. {mention}",
                self.rate,
                self.category.code(),
                self.vat
            ),
        }
    }
}

impl Treatment {
    /// VAT on a net amount, rounded half away from zero to the cent, as
    /// EN 16931 computes it on the invoice (BR-CO-17).
    pub fn apply(self, net: Money) -> Amounts {
        let exact = net.decimal() * self.rate.0 / Decimal::ONE_HUNDRED;
        let vat = Money::from_decimal(
            exact.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero),
        )
        .unwrap_or(Money::ZERO);
        Amounts {
            category: self.category,
            rate: self.rate,
            net,
            vat,
            total_due: net.plus(vat),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn country(code: &str) -> Country {
        Country::parse(code).unwrap()
    }

    fn day(text: &str) -> NaiveDate {
        NaiveDate::from_ymd_opt(
            text[0..4].parse().unwrap(),
            text[5..7].parse().unwrap(),
            text[8..10].parse().unwrap(),
        )
        .unwrap()
    }

    fn rate(points: i64) -> VatRate {
        VatRate::from_basis_points(points).unwrap()
    }

    fn buyer(code: &str, confirmed: bool) -> Buyer {
        Buyer {
            country: country(code),
            vat_number_confirmed: confirmed,
        }
    }

    #[test]
    fn the_buyers_place_and_number_decide_the_category() {
        let si = country("SI");
        let cases = [
            (buyer("SI", false), VatCategory::Standard, 2200),
            (buyer("SI", true), VatCategory::Standard, 2200),
            (buyer("DE", true), VatCategory::ReverseCharge, 0),
            (buyer("DE", false), VatCategory::Standard, 2200),
            (buyer("US", false), VatCategory::NotSubject, 0),
            (buyer("CH", true), VatCategory::NotSubject, 0),
            (buyer("GB", true), VatCategory::NotSubject, 0),
        ];
        for (buyer, category, points) in cases {
            let treatment = treatment(si, buyer, rate(2200));
            assert_eq!(treatment.category, category, "{buyer:?}");
            assert_eq!(treatment.rate, rate(points), "{buyer:?}");
        }
    }

    #[test]
    fn vat_is_rounded_half_away_from_zero_to_the_cent() {
        let domestic = Treatment {
            category: VatCategory::Standard,
            rate: rate(2200),
        };
        let amounts = domestic.apply(Money::parse("25.00").unwrap());
        assert_eq!(amounts.vat.to_string(), "5.50");
        assert_eq!(amounts.total_due.to_string(), "30.50");
        // 0.25 × 22 % = 0.055: half a cent rounds up.
        let half = domestic.apply(Money::parse("0.25").unwrap());
        assert_eq!(half.vat.to_string(), "0.06");
        let reverse = Treatment {
            category: VatCategory::ReverseCharge,
            rate: VatRate::ZERO,
        };
        let amounts = reverse.apply(Money::parse("75.00").unwrap());
        assert_eq!((amounts.vat, amounts.total_due), (Money::ZERO, amounts.net));
    }

    #[test]
    fn the_vat_line_names_the_rate_and_for_no_vat_the_reason() {
        let domestic = Treatment {
            category: VatCategory::Standard,
            rate: rate(2200),
        }
        .apply(Money::parse("25.00").unwrap());
        assert_eq!(domestic.vat_line(), "VAT 22 %: EUR 5.50");
        let abroad = Treatment {
            category: VatCategory::NotSubject,
            rate: VatRate::ZERO,
        }
        .apply(Money::parse("25.00").unwrap());
        assert!(abroad
            .vat_line()
            .starts_with("VAT 0 % (category O): EUR 0.00. Not subject to VAT"));
    }

    #[test]
    fn the_rate_in_force_is_the_latest_that_started_by_that_day() {
        let rows = [
            RateRow {
                country: country("SI"),
                starts_on: day("2002-01-01"),
                rate: rate(2000),
            },
            RateRow {
                country: country("SI"),
                starts_on: day("2013-07-01"),
                rate: rate(2200),
            },
            RateRow {
                country: country("HR"),
                starts_on: day("2013-01-01"),
                rate: rate(2500),
            },
        ];
        let si = country("SI");
        assert_eq!(rate_on(&rows, si, day("2013-06-30")), Some(rate(2000)));
        assert_eq!(rate_on(&rows, si, day("2013-07-01")), Some(rate(2200)));
        assert_eq!(rate_on(&rows, si, day("2001-12-31")), None);
        assert_eq!(rate_on(&rows, country("AT"), day("2026-01-01")), None);
    }

    #[test]
    fn rates_are_basis_points_from_0_to_100_percent() {
        assert_eq!(rate(2200).percent().to_string(), "22");
        assert_eq!(rate(950).to_string(), "9.5");
        assert_eq!(rate(2200).basis_points(), 2200);
        assert!(VatRate::from_basis_points(-1).is_none());
        assert!(VatRate::from_basis_points(10_001).is_none());
    }

    #[test]
    fn categories_have_their_en16931_codes_and_mentions() {
        for (category, name, code) in CATEGORIES {
            assert_eq!(VatCategory::parse(name), Some(category));
            assert_eq!(category.code(), code);
            assert_eq!(category.as_str(), name);
            assert_eq!(
                category.exemption().is_some(),
                category != VatCategory::Standard
            );
        }
        assert_eq!(VatCategory::parse("S"), None);
    }

    #[test]
    fn the_eu_has_27_members_and_greece_is_el_in_vat_numbers() {
        assert!(EU.windows(2).all(|pair| pair[0] < pair[1]));
        assert!(EU.iter().all(|code| Country::parse(code).is_ok()));
        assert!(in_eu(country("SI")) && !in_eu(country("NO")));
        assert_eq!(vat_prefix(country("GR")), "EL");
        assert_eq!(vat_prefix(country("DE")), "DE");
        assert_eq!(country_of_prefix("EL"), Some(country("GR")));
        assert_eq!(country_of_prefix("DE"), Some(country("DE")));
        assert_eq!(country_of_prefix("GR"), None);
        assert_eq!(country_of_prefix("CH"), None);
    }
}
