//! VAT on a sale: which treatment the buyer's country and VAT number give,
//! at which rate, and the amounts.
//!
//! The seller is in one EU country (`SELLER_COUNTRY`). A buyer in that
//! country pays its rate; a buyer elsewhere in the EU accounts for the VAT
//! itself (reverse charge) only with a VAT number of its own country that
//! the EU's VIES service confirmed for it ([`decide`]); any other buyer in
//! the EU pays the seller's rate, with the reason ([`VatNote`]); one outside
//! the EU is not subject to EU VAT (Council Directive 2006/112/EC, articles
//! 44 and 196). Rates are data (a table by country and start date),
//! so a change of rate is a row, not a release.

use chrono::NaiveDate;

use super::country::Country;
use super::money::Money;

/// Whether a country is a member state of the European Union.
pub fn in_eu(country: Country) -> bool {
    country.in_eu()
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
    Country::eu().map(vat_prefix)
}

/// The member state whose VAT numbers carry `prefix` (`EL` is Greece);
/// None outside the EU.
pub fn country_of_prefix(prefix: &str) -> Option<Country> {
    Country::eu().find(|country| vat_prefix(*country) == prefix)
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
pub struct VatRate(u16);

impl VatRate {
    pub const ZERO: VatRate = VatRate(0);
    /// 100 %, in basis points.
    const WHOLE: u16 = 10_000;

    /// From basis points: 0 to 100 %.
    pub fn from_basis_points(points: i64) -> Option<Self> {
        u16::try_from(points)
            .ok()
            .filter(|points| *points <= Self::WHOLE)
            .map(Self)
    }

    pub fn basis_points(self) -> i64 {
        self.0.into()
    }
}

/// The rate in percent without trailing zeros (`22`, `9.5`, `0.25`), as
/// the pages and the e-invoice's `cbc:Percent` give it.
impl std::fmt::Display for VatRate {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let (whole, hundredths) = (self.0 / 100, self.0 % 100);
        match (hundredths, hundredths % 10) {
            (0, _) => write!(f, "{whole}"),
            (_, 0) => write!(f, "{whole}.{}", hundredths / 10),
            _ => write!(f, "{whole}.{hundredths:02}"),
        }
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

/// What VIES said about the buyer's current VAT number: its latest
/// definite answer, if any.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Vies<'a> {
    /// No definite answer yet: not asked yet, or VIES was unavailable.
    NoAnswerYet,
    Invalid,
    /// Confirmed, with the name VIES gave for the number's holder (None
    /// when it gave none, or "---").
    Confirmed {
        name: Option<&'a str>,
    },
}

/// The buyer as VAT sees it: where it says it is, its name, the VAT number
/// it gave (prefix included, as `VatId` keeps it) and VIES's answer about
/// that number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Buyer<'a> {
    pub country: Country,
    pub company_name: &'a str,
    pub vat_id: Option<&'a str>,
    pub vies: Vies<'a>,
}

/// Why a sale that could have been zero-rated is not: each is shown to the
/// customer and kept with the order, so that no sale is charged VAT (or
/// spared it) without saying why.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VatNote {
    /// The number carries the seller's own country prefix: a domestic sale,
    /// wherever the buyer says it is.
    DomesticNumber,
    /// The number's prefix is not the buyer's country's (Greece's is EL).
    NumberOfAnotherCountry,
    /// A buyer in another member state without a VAT number.
    NoNumber,
    /// VIES has not answered about the number yet.
    NumberBeingChecked,
    /// VIES found the number invalid.
    NumberNotConfirmed,
    /// VIES confirmed the number for a company whose name clearly differs
    /// from the buyer's ([`super::organisation::names_clearly_differ`]).
    NameDiffers,
}

const NOTES: [(VatNote, &str, &str); 6] = [
    (
        VatNote::DomesticNumber,
        "domestic_vat_number",
        "The VAT number is one of the seller's own country, so the sale is domestic: \
         VAT at the seller's rate applies.",
    ),
    (
        VatNote::NumberOfAnotherCountry,
        "vat_number_of_another_country",
        "The VAT number is not one of the company's country (its prefix must be that \
         country's, EL for Greece): VAT at the seller's rate applies.",
    ),
    (
        VatNote::NoNumber,
        "no_vat_number",
        "Without a VAT number confirmed by the EU's VIES service, VAT at the seller's \
         rate applies.",
    ),
    (
        VatNote::NumberBeingChecked,
        "vat_number_being_checked",
        "The VAT number is being checked with the EU's VIES service: until it is \
         confirmed, VAT at the seller's rate applies.",
    ),
    (
        VatNote::NumberNotConfirmed,
        "vat_number_not_confirmed",
        "The EU's VIES service did not confirm the VAT number: VAT at the seller's \
         rate applies.",
    ),
    (
        VatNote::NameDiffers,
        "vies_name_differs",
        "The EU's VIES service confirmed the VAT number for a company of another name: \
         VAT at the seller's rate applies until the company's name is the one the \
         number is registered to.",
    ),
];

impl VatNote {
    /// The code stored with an order and shown in the API.
    pub fn as_str(self) -> &'static str {
        NOTES
            .iter()
            .find(|(note, _, _)| *note == self)
            .map_or("", |(_, code, _)| code)
    }

    pub fn parse(text: &str) -> Option<Self> {
        NOTES
            .iter()
            .find(|(_, code, _)| *code == text)
            .map(|(note, _, _)| *note)
    }

    /// The reason in words, as the customer and the desk read it.
    pub fn explanation(self) -> &'static str {
        NOTES
            .iter()
            .find(|(note, _, _)| *note == self)
            .map_or("", |(_, _, text)| text)
    }
}

/// How VAT applies to a buyer, before the rate: the category, and why it
/// is not reverse charge where it could have been.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Decision {
    pub category: VatCategory,
    pub note: Option<VatNote>,
}

impl Decision {
    /// The treatment of a sale on a day whose rate in the seller's country
    /// is `seller_rate`.
    pub fn treatment(self, seller_rate: VatRate) -> Treatment {
        let rate = match self.category {
            VatCategory::Standard => seller_rate,
            VatCategory::ReverseCharge | VatCategory::NotSubject => VatRate::ZERO,
        };
        Treatment {
            category: self.category,
            rate,
        }
    }
}

/// The category and rate of a sale.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Treatment {
    pub category: VatCategory,
    pub rate: VatRate,
}

/// How VAT applies to a sale from a seller in `seller` to `buyer`.
///
/// Reverse charge needs all of: the VAT number's prefix is the buyer's
/// country's (EL for Greece); that country is a member state other than
/// the seller's; VIES confirmed the number, and the name it gave does not
/// clearly differ from the buyer's. A number with the seller's own prefix
/// is always a domestic sale. A buyer outside the EU is not subject to EU
/// VAT, unless the number it gave is a member state's, which contradicts
/// where it says it is: then the seller's rate applies, with the reason.
pub fn decide(seller: Country, buyer: &Buyer<'_>) -> Decision {
    let standard = |note| Decision {
        category: VatCategory::Standard,
        note,
    };
    if buyer.country == seller {
        return standard(None);
    }
    let prefix = buyer.vat_id.and_then(|id| id.get(..2));
    if prefix == Some(vat_prefix(seller)) {
        return standard(Some(VatNote::DomesticNumber));
    }
    let number_country = prefix.and_then(country_of_prefix);
    if !in_eu(buyer.country) {
        return match number_country {
            Some(_) => standard(Some(VatNote::NumberOfAnotherCountry)),
            None => Decision {
                category: VatCategory::NotSubject,
                note: None,
            },
        };
    }
    if prefix.is_none() {
        return standard(Some(VatNote::NoNumber));
    }
    if number_country != Some(buyer.country) {
        return standard(Some(VatNote::NumberOfAnotherCountry));
    }
    match buyer.vies {
        Vies::NoAnswerYet => standard(Some(VatNote::NumberBeingChecked)),
        Vies::Invalid => standard(Some(VatNote::NumberNotConfirmed)),
        Vies::Confirmed { name: Some(name) }
            if super::organisation::names_clearly_differ(name, buyer.company_name) =>
        {
            standard(Some(VatNote::NameDiffers))
        }
        Vies::Confirmed { .. } => Decision {
            category: VatCategory::ReverseCharge,
            note: None,
        },
    }
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
        let vat = net.share(self.rate.0.into(), VatRate::WHOLE.into());
        Amounts {
            category: self.category,
            rate: self.rate,
            net,
            vat,
            total_due: net.plus(vat),
        }
    }
}

/// On a page, as its `Display` writes it (escaped like any text).
impl super::html::Render for VatRate {
    fn render(&self, out: &mut String) {
        out.push_str(&super::html::escape(&self.to_string()));
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

    /// A buyer named Kovinar in `code` with `vat_id` and VIES's answer.
    fn buyer<'a>(code: &str, vat_id: Option<&'a str>, vies: Vies<'a>) -> Buyer<'a> {
        Buyer {
            country: country(code),
            company_name: "Kovinar d.o.o.",
            vat_id,
            vies,
        }
    }

    const CONFIRMED: Vies<'static> = Vies::Confirmed {
        name: Some("KOVINAR, D.O.O."),
    };

    fn decided(buyer: Buyer<'_>) -> (VatCategory, Option<VatNote>, i64) {
        let decision = decide(country("SI"), &buyer);
        let treatment = decision.treatment(rate(2200));
        assert_eq!(treatment.category, decision.category);
        (
            decision.category,
            decision.note,
            treatment.rate.basis_points(),
        )
    }

    #[test]
    fn reverse_charge_needs_the_buyers_own_prefix_another_member_state_and_vies() {
        use VatCategory::{NotSubject, ReverseCharge, Standard};
        use VatNote::*;
        let reverse = (ReverseCharge, None, 0);
        let standard = |note| (Standard, Some(note), 2200);
        let named = |name| Vies::Confirmed { name: Some(name) };
        for (buyer, expected) in [
            (buyer("DE", Some("DE123456789"), CONFIRMED), reverse),
            (
                buyer("DE", Some("DE123456789"), Vies::Confirmed { name: None }),
                reverse,
            ),
            (buyer("GR", Some("EL094259216"), CONFIRMED), reverse),
            // A member state's number: only its own country's buyers.
            (
                buyer("GR", Some("GR094259216"), CONFIRMED),
                standard(NumberOfAnotherCountry),
            ),
            (
                buyer("DE", Some("ATU12345678"), CONFIRMED),
                standard(NumberOfAnotherCountry),
            ),
            (
                buyer("DE", Some("CHE123456789"), CONFIRMED),
                standard(NumberOfAnotherCountry),
            ),
            // The seller's own prefix is a domestic sale, wherever the buyer is.
            (
                buyer("DE", Some("SI12345678"), CONFIRMED),
                standard(DomesticNumber),
            ),
            (
                buyer("US", Some("SI12345678"), CONFIRMED),
                standard(DomesticNumber),
            ),
            // VIES decides, and a name that clearly differs is evidence.
            (
                buyer("DE", Some("DE123456789"), Vies::NoAnswerYet),
                standard(NumberBeingChecked),
            ),
            (
                buyer("DE", Some("DE123456789"), Vies::Invalid),
                standard(NumberNotConfirmed),
            ),
            (
                buyer("DE", Some("DE123456789"), named("Sternwarte Berlin GmbH")),
                standard(NameDiffers),
            ),
            (buyer("DE", Some("DE123456789"), named("---")), reverse),
            (buyer("DE", None, Vies::NoAnswerYet), standard(NoNumber)),
            // In the seller's country: its rate, nothing to explain.
            (buyer("SI", None, Vies::NoAnswerYet), (Standard, None, 2200)),
            (
                buyer("SI", Some("SI12345678"), CONFIRMED),
                (Standard, None, 2200),
            ),
            (
                buyer("SI", Some("DE123456789"), CONFIRMED),
                (Standard, None, 2200),
            ),
            // Outside the EU: not subject, unless a member state's number says otherwise.
            (buyer("US", None, Vies::NoAnswerYet), (NotSubject, None, 0)),
            (
                buyer("CH", Some("CHE123456789"), Vies::NoAnswerYet),
                (NotSubject, None, 0),
            ),
            (
                buyer("GB", Some("GB123456789"), Vies::Invalid),
                (NotSubject, None, 0),
            ),
            (
                buyer("CH", Some("DE123456789"), CONFIRMED),
                standard(NumberOfAnotherCountry),
            ),
        ] {
            assert_eq!(decided(buyer), expected, "{buyer:?}");
        }
    }

    proptest::proptest! {
        /// Every combination of country, number and answer: 0 % by reverse
        /// charge only with each condition met, never with the seller's
        /// prefix, and every standard sale outside the seller's country says
        /// why.
        #[test]
        fn zero_rated_only_when_every_condition_holds(
            country_code in proptest::sample::select(vec!["SI", "DE", "AT", "GR", "FR", "US", "CH"]),
            prefix in proptest::option::of(proptest::sample::select(vec!["SI", "DE", "AT", "EL", "GR", "FR", "CH", "US"])),
            answer in 0..4u8,
            named in proptest::sample::select(vec!["Kovinar GmbH", "Sternwarte Berlin", "---"]),
        ) {
            let vat_id = prefix.map(|p| format!("{p}123456789"));
            let vies = match answer {
                0 => Vies::NoAnswerYet,
                1 => Vies::Invalid,
                2 => Vies::Confirmed { name: None },
                _ => Vies::Confirmed { name: Some(named) },
            };
            let buyer = buyer(country_code, vat_id.as_deref(), vies);
            let (category, note, points) = decided(buyer);
            let own_prefix = prefix == Some(vat_prefix(buyer.country));
            let confirmed_for_the_buyer = match vies {
                Vies::Confirmed { name: None } => true,
                Vies::Confirmed { name: Some(name) } => {
                    !crate::domain::organisation::names_clearly_differ(name, buyer.company_name)
                }
                _ => false,
            };
            let eligible =
                own_prefix && in_eu(buyer.country) && country_code != "SI" && confirmed_for_the_buyer;
            proptest::prop_assert_eq!(category == VatCategory::ReverseCharge, eligible);
            if prefix == Some("SI") || country_code == "SI" {
                proptest::prop_assert_eq!(category, VatCategory::Standard);
            }
            proptest::prop_assert_eq!(points == 0, category != VatCategory::Standard);
            proptest::prop_assert_eq!(
                note.is_some(),
                category == VatCategory::Standard && country_code != "SI"
            );
        }
    }

    #[test]
    fn every_note_has_a_code_and_an_explanation() {
        for (note, code, text) in NOTES {
            assert_eq!(VatNote::parse(code), Some(note));
            assert_eq!((note.as_str(), note.explanation()), (code, text));
        }
        assert_eq!(VatNote::parse("standard"), None);
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
        assert_eq!(rate(2200).to_string(), "22");
        assert_eq!(rate(950).to_string(), "9.5");
        assert_eq!(rate(25).to_string(), "0.25");
        assert_eq!(rate(10_000).to_string(), "100");
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
        let eu: Vec<&str> = Country::eu().map(Country::code).collect();
        assert_eq!(eu.len(), 27);
        assert!(eu.windows(2).all(|pair| pair[0] < pair[1]));
        assert!(eu.iter().all(|code| Country::parse(code).is_ok()));
        assert!(in_eu(country("SI")) && !in_eu(country("NO")));
        assert_eq!(vat_prefix(country("GR")), "EL");
        assert_eq!(vat_prefix(country("DE")), "DE");
        assert_eq!(country_of_prefix("EL"), Some(country("GR")));
        assert_eq!(country_of_prefix("DE"), Some(country("DE")));
        assert_eq!(country_of_prefix("GR"), None);
        assert_eq!(country_of_prefix("CH"), None);
    }

    /// Every rate prints as the rust_decimal implementation printed it
    /// (`Decimal::new(points, 2).normalize()`).
    #[test]
    fn every_rate_prints_as_the_decimal_implementation_did() {
        for points in 0..=10_000 {
            let decimal = rust_decimal::Decimal::new(points, 2).normalize();
            assert_eq!(rate(points).to_string(), decimal.to_string());
        }
    }

    proptest::proptest! {
        /// VAT is what the rust_decimal implementation computed: net × rate
        /// / 100, rounded half away from zero to the cent.
        #[test]
        fn vat_agrees_with_the_decimal_implementation(
            cents in proptest::prop_oneof![0..=crate::domain::money::MAX_EXACT_CENTS, 0i64..1_000_000],
            points in proptest::prop_oneof![
                0i64..=10_000,
                proptest::sample::select(vec![500, 800, 950, 1700, 2000, 2050, 2100, 2200, 2500, 2700]),
            ],
        ) {
            use rust_decimal::{Decimal, RoundingStrategy};
            let exact = Decimal::new(cents, 2) * Decimal::new(points, 2) / Decimal::ONE_HUNDRED;
            let rounded = exact.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);
            let amounts = Treatment { category: VatCategory::Standard, rate: rate(points) }
                .apply(Money::from_cents(cents).unwrap());
            let rounded_cents = rust_decimal::prelude::ToPrimitive::to_i64(&(rounded * Decimal::ONE_HUNDRED));
            proptest::prop_assert_eq!(Some(amounts.vat.cents()), rounded_cents);
        }
    }
}
