//! SUPS, the software update and support subscription of a license: its
//! monthly fee, the period it covers, the monthly statements prorated by
//! day, which new versions it entitles to, and when to remind the customer
//! that it ends.

use chrono::{Days, Months, NaiveDate};
use serde::Serialize;

use super::field::Invalid;
use super::messages as m;
use super::money::Money;

/// The SUPS fee per month, in percent of the license's list price.
pub const MONTHLY_FEE_PERCENT: u32 = 2;
/// The longest period one purchase of SUPS may cover, in months.
pub const MAX_MONTHS: u32 = 60;
/// How many days before coverage ends the customer is reminded.
pub const REMINDER_DAYS: u64 = 30;

/// The SUPS fee per month: 2 % of the list price, rounded to cents half
/// away from zero (0.125 is 0.13).
pub fn monthly_fee(list_price: Money) -> Money {
    list_price.share(MONTHLY_FEE_PERCENT, 100)
}

/// The days a subscription covers: `from <= day < until`, `until` being the
/// first day no longer covered.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Coverage {
    pub from: NaiveDate,
    pub until: NaiveDate,
}

impl Coverage {
    pub fn covers(&self, day: NaiveDate) -> bool {
        self.from <= day && day < self.until
    }

    /// The last covered day, the day before `until`. (For an empty coverage,
    /// `from == until`, that is the day before `from`.)
    pub fn last_day(&self) -> NaiveDate {
        self.until.pred_opt().unwrap_or(NaiveDate::MIN)
    }
}

/// How many months a purchase of SUPS covers: 1 to 60.
pub fn parse_months(months: i64) -> Result<u32, Invalid> {
    u32::try_from(months)
        .ok()
        .filter(|m| (1..=MAX_MONTHS).contains(m))
        .ok_or_else(|| Invalid::said("range", |l| m::field_months(l, &MAX_MONTHS.to_string())))
}

/// `day` plus whole calendar months; a day the target month lacks becomes
/// its last day (Jan 31 + 1 month is Feb 28, or Feb 29 in a leap year).
/// Beyond chrono's last date it stays at that date.
fn add_months(day: NaiveDate, months: u32) -> NaiveDate {
    day.checked_add_months(Months::new(months))
        .unwrap_or(NaiveDate::MAX)
}

/// A coverage of `months` calendar months from `starts_on`.
pub fn months(starts_on: NaiveDate, months: u32) -> Coverage {
    Coverage {
        from: starts_on,
        until: add_months(starts_on, months),
    }
}

/// The coverage after buying `months` more, starting on `starts_on`.
///
/// A purchase that starts on or before the end of the existing coverage
/// continues it from its `until`, so that no day is paid twice and none is
/// lost, and the coverage keeps its `from` (a purchase dated before that
/// `from` covers no earlier days: they were not paid for). A purchase that
/// starts later leaves a gap and begins a new coverage on `starts_on`.
pub fn extend(existing: Option<Coverage>, starts_on: NaiveDate, months: u32) -> Coverage {
    match existing {
        Some(coverage) if starts_on <= coverage.until => Coverage {
            from: coverage.from,
            until: add_months(coverage.until, months),
        },
        _ => self::months(starts_on, months),
    }
}

/// One subscription's share of a monthly statement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StatementLine {
    pub subscription_id: String,
    /// Days of the month the subscription covers.
    pub days_covered: u32,
    pub days_in_month: u32,
    /// The monthly fee.
    pub fee: Money,
    /// `fee × days_covered / days_in_month`, rounded to cents half away from
    /// zero.
    pub amount: Money,
}

/// The statement of one calendar month: a line for each subscription that
/// covers at least one of its days, in the order given, and their total.
/// Each subscription is given as its id, its coverage and its monthly fee.
/// A month that does not exist (month 13) has no lines.
pub fn statement(
    year: i32,
    month: u32,
    subscriptions: &[(String, Coverage, Money)],
) -> (Vec<StatementLine>, Money) {
    let Some(first) = NaiveDate::from_ymd_opt(year, month, 1) else {
        return (Vec::new(), Money::ZERO);
    };
    let next = add_months(first, 1);
    let days_in_month = days_between(first, next);
    let lines: Vec<StatementLine> = subscriptions
        .iter()
        .filter_map(|(id, coverage, fee)| {
            let days_covered = days_between(coverage.from.max(first), coverage.until.min(next));
            (days_covered > 0).then(|| StatementLine {
                subscription_id: id.clone(),
                days_covered,
                days_in_month,
                fee: *fee,
                amount: fee.share(days_covered, days_in_month),
            })
        })
        .collect();
    let total = lines
        .iter()
        .fold(Money::ZERO, |total, line| total.plus(line.amount));
    (lines, total)
}

/// Whole days from `start` to `end`, zero when `end` is not after `start`.
fn days_between(start: NaiveDate, end: NaiveDate) -> u32 {
    u32::try_from((end - start).num_days()).unwrap_or(0)
}

/// Reads a month as `YYYY-MM`, such as `2028-02`.
pub fn parse_month(text: &str) -> Result<(i32, u32), Invalid> {
    let invalid = || Invalid::said("invalid", m::field_month);
    let text = text.trim();
    let (year, month) = text.split_once('-').ok_or_else(invalid)?;
    let digits =
        |part: &str, len: usize| part.len() == len && part.bytes().all(|b| b.is_ascii_digit());
    if !digits(year, 4) || !digits(month, 2) {
        return Err(invalid());
    }
    let year: i32 = year.parse().map_err(|_| invalid())?;
    let month: u32 = month.parse().map_err(|_| invalid())?;
    if !(1..=12).contains(&month) {
        return Err(invalid());
    }
    Ok((year, month))
}

/// How far from the day of the sale SUPS coverage may start, either way.
pub const MAX_START_OFFSET_DAYS: u64 = 31;

/// The day a sale's coverage starts: between 31 days before and 31 days
/// after the day of the sale. A reseller may backdate a renewal a little or
/// sell one ahead of time, but cannot sell a month that starts years ahead
/// (or back) and so entitle every release in between.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SaleStart(NaiveDate);

impl SaleStart {
    pub fn parse(starts_on: NaiveDate, sale_day: NaiveDate) -> Result<Self, Invalid> {
        let window = Days::new(MAX_START_OFFSET_DAYS);
        let earliest = sale_day.checked_sub_days(window).unwrap_or(NaiveDate::MIN);
        let latest = sale_day.checked_add_days(window).unwrap_or(NaiveDate::MAX);
        if (earliest..=latest).contains(&starts_on) {
            Ok(Self(starts_on))
        } else {
            Err(Invalid::said("out_of_range", |l| {
                m::field_sale_start(
                    l,
                    m::FieldSaleStart {
                        earliest: &super::format::date(l, earliest),
                        latest: &super::format::date(l, latest),
                        days: MAX_START_OFFSET_DAYS as i64,
                    },
                )
            }))
        }
    }

    pub fn date(self) -> NaiveDate {
        self.0
    }
}

/// Whether a version released on `released_on` is an upgrade the customer
/// may install under SUPS: it came out before the coverage ended. Without
/// coverage there is none. (Versions of the major sold with the license are
/// the caller's concern.)
pub fn upgrade_entitled(released_on: NaiveDate, coverage: Option<&Coverage>) -> bool {
    coverage.is_some_and(|coverage| released_on < coverage.until)
}

/// Whether to remind the customer that coverage ends: during its last 30
/// covered days (from `until - 30 days` on), and only while still covered.
pub fn reminder_due(coverage: &Coverage, today: NaiveDate) -> bool {
    let reminder_from = coverage
        .until
        .checked_sub_days(Days::new(REMINDER_DAYS))
        .unwrap_or(NaiveDate::MIN);
    today >= reminder_from && coverage.covers(today)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn day(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    fn money(text: &str) -> Money {
        Money::parse(text).unwrap()
    }

    fn coverage(from: &str, until: &str) -> Coverage {
        Coverage {
            from: day(from),
            until: day(until),
        }
    }

    #[test]
    fn the_monthly_fee_is_two_percent_rounded_half_away_from_zero() {
        for (list, fee) in [
            ("100.00", "2.00"),
            ("6.25", "0.13"),
            ("6.20", "0.12"),
            ("1234.25", "24.69"),
            ("1234.00", "24.68"),
            ("0.25", "0.01"),
            ("0.24", "0.00"),
            ("0.01", "0.00"),
            ("4999.75", "100.00"),
        ] {
            assert_eq!(monthly_fee(money(list)), money(fee), "list price {list}");
        }
    }

    #[test]
    fn months_are_calendar_months_clamped_to_the_month_end() {
        assert_eq!(
            months(day("2028-01-31"), 1),
            coverage("2028-01-31", "2028-02-29")
        );
        assert_eq!(
            months(day("2027-01-31"), 1),
            coverage("2027-01-31", "2027-02-28")
        );
        assert_eq!(
            months(day("2028-02-29"), 12),
            coverage("2028-02-29", "2029-02-28")
        );
        assert_eq!(
            months(day("2028-03-15"), 60),
            coverage("2028-03-15", "2033-03-15")
        );
        assert_eq!(
            months(day("2027-12-01"), 1),
            coverage("2027-12-01", "2028-01-01")
        );
    }

    #[test]
    fn coverage_starts_within_31_days_of_the_sale_either_way() {
        let sale = day("2028-03-01");
        for ok in ["2028-01-30", "2028-03-01", "2028-04-01"] {
            assert_eq!(SaleStart::parse(day(ok), sale).unwrap().date(), day(ok));
        }
        for far in ["2028-01-29", "2028-04-02", "2031-03-01", "1990-01-01"] {
            let refused = SaleStart::parse(day(far), sale).unwrap_err();
            assert_eq!(refused.code, "out_of_range", "{far}");
            assert_eq!(
                refused.detail(),
                "must be between 30 Jan 2028 and 1 Apr 2028: within 31 days of the sale"
            );
            assert_eq!(
                refused.said.get(crate::domain::language::Language::Sl),
                "izberite datum med 30. 1. 2028 in 1. 4. 2028: največ 31 dni od prodaje"
            );
        }
        assert!(SaleStart::parse(NaiveDate::MAX, NaiveDate::MAX).is_ok());
        assert!(SaleStart::parse(NaiveDate::MIN, NaiveDate::MAX).is_err());
    }

    #[test]
    fn a_purchase_covers_one_to_sixty_months() {
        assert_eq!(parse_months(1), Ok(1));
        assert_eq!(parse_months(60), Ok(60));
        for bad in [0, 61, -1, i64::MAX, i64::MIN] {
            assert_eq!(parse_months(bad).unwrap_err().code, "range", "{bad}");
        }
    }

    #[test]
    fn coverage_includes_from_and_excludes_until() {
        let year = coverage("2028-01-01", "2029-01-01");
        assert!(!year.covers(day("2027-12-31")));
        assert!(year.covers(day("2028-01-01")));
        assert!(year.covers(day("2028-12-31")));
        assert!(!year.covers(day("2029-01-01")));
        assert_eq!(year.last_day(), day("2028-12-31"));
    }

    #[test]
    fn a_first_purchase_starts_a_coverage() {
        assert_eq!(
            extend(None, day("2028-03-10"), 12),
            coverage("2028-03-10", "2029-03-10")
        );
    }

    #[test]
    fn a_renewal_before_the_end_continues_from_the_end() {
        let existing = coverage("2028-01-01", "2029-01-01");
        for starts_on in ["2028-11-15", "2029-01-01", "2028-01-01", "2027-06-01"] {
            assert_eq!(
                extend(Some(existing), day(starts_on), 12),
                coverage("2028-01-01", "2030-01-01"),
                "renewal starting {starts_on}"
            );
        }
    }

    #[test]
    fn a_purchase_after_a_gap_starts_anew() {
        let existing = coverage("2028-01-01", "2029-01-01");
        assert_eq!(
            extend(Some(existing), day("2029-01-02"), 6),
            coverage("2029-01-02", "2029-07-02")
        );
    }

    fn line(lines: &[StatementLine], id: &str) -> (u32, u32, Money) {
        let line = lines
            .iter()
            .find(|line| line.subscription_id == id)
            .unwrap_or_else(|| panic!("no line for {id}"));
        (line.days_covered, line.days_in_month, line.amount)
    }

    #[test]
    fn a_full_month_costs_the_full_fee_whatever_its_length() {
        let fee = money("24.69");
        let subscriptions = [(
            "sub_a".to_string(),
            coverage("2026-06-15", "2031-06-15"),
            fee,
        )];
        for (year, month, days) in [(2027, 2, 28), (2028, 2, 29), (2028, 4, 30), (2028, 1, 31)] {
            let (lines, total) = statement(year, month, &subscriptions);
            assert_eq!(line(&lines, "sub_a"), (days, days, fee), "{year}-{month}");
            assert_eq!(total, fee);
        }
    }

    #[test]
    fn a_partial_first_month_is_prorated_by_day() {
        let fee = money("10.00");
        let (lines, _) = statement(
            2028,
            1,
            &[("sub_a".into(), coverage("2028-01-10", "2029-01-10"), fee)],
        );
        assert_eq!(line(&lines, "sub_a"), (22, 31, money("7.10")));
        let (lines, _) = statement(
            2028,
            2,
            &[("sub_b".into(), coverage("2028-02-10", "2029-02-10"), fee)],
        );
        assert_eq!(line(&lines, "sub_b"), (20, 29, money("6.90")));
    }

    #[test]
    fn a_partial_last_month_is_prorated_by_day() {
        let (lines, total) = statement(
            2028,
            3,
            &[(
                "sub_a".into(),
                coverage("2027-03-15", "2028-03-15"),
                money("10.00"),
            )],
        );
        assert_eq!(line(&lines, "sub_a"), (14, 31, money("4.52")));
        assert_eq!(total, money("4.52"));
    }

    #[test]
    fn prorated_halves_round_away_from_zero() {
        let (lines, _) = statement(
            2027,
            2,
            &[(
                "sub_a".into(),
                coverage("2027-02-15", "2028-02-15"),
                money("24.69"),
            )],
        );
        assert_eq!(line(&lines, "sub_a"), (14, 28, money("12.35")));
        let (lines, _) = statement(
            2028,
            4,
            &[(
                "sub_b".into(),
                coverage("2027-04-16", "2028-04-16"),
                money("0.05"),
            )],
        );
        assert_eq!(line(&lines, "sub_b"), (15, 30, money("0.03")));
    }

    #[test]
    fn only_subscriptions_covering_a_day_of_the_month_are_listed() {
        let fee = money("10.00");
        let subscriptions = [
            (
                "ended".to_string(),
                coverage("2027-03-01", "2028-03-01"),
                fee,
            ),
            (
                "later".to_string(),
                coverage("2028-04-01", "2029-04-01"),
                fee,
            ),
            (
                "whole".to_string(),
                coverage("2028-01-01", "2029-01-01"),
                fee,
            ),
            (
                "first_day".to_string(),
                coverage("2027-03-02", "2028-03-02"),
                fee,
            ),
            (
                "last_day".to_string(),
                coverage("2028-03-31", "2029-03-31"),
                fee,
            ),
        ];
        let (lines, total) = statement(2028, 3, &subscriptions);
        let ids: Vec<&str> = lines.iter().map(|l| l.subscription_id.as_str()).collect();
        assert_eq!(ids, ["whole", "first_day", "last_day"]);
        assert_eq!(line(&lines, "first_day"), (1, 31, money("0.32")));
        assert_eq!(line(&lines, "last_day"), (1, 31, money("0.32")));
        assert_eq!(total, money("10.64"));
        assert_eq!(lines[0].fee, fee);
    }

    #[test]
    fn a_month_that_does_not_exist_has_no_statement() {
        let subscriptions = [(
            "sub_a".to_string(),
            coverage("2028-01-01", "2029-01-01"),
            money("10.00"),
        )];
        assert_eq!(
            statement(2028, 13, &subscriptions),
            (Vec::new(), Money::ZERO)
        );
        assert_eq!(
            statement(2028, 0, &subscriptions),
            (Vec::new(), Money::ZERO)
        );
    }

    #[test]
    fn months_are_read_as_year_and_month() {
        assert_eq!(parse_month("2028-02"), Ok((2028, 2)));
        assert_eq!(parse_month(" 2027-12 "), Ok((2027, 12)));
        for bad in [
            "",
            "2028-13",
            "2028-00",
            "2028-2",
            "28-02",
            "2028/02",
            "2028-02-01",
            "+028-02",
            "2028-+2",
            "20280-02",
            "२०२८-02",
        ] {
            assert!(parse_month(bad).is_err(), "{bad:?} was accepted");
        }
    }

    #[test]
    fn versions_released_before_coverage_ends_are_entitled() {
        let covered = coverage("2028-01-01", "2029-01-01");
        assert!(upgrade_entitled(day("2028-12-31"), Some(&covered)));
        assert!(upgrade_entitled(day("2028-01-01"), Some(&covered)));
        assert!(upgrade_entitled(day("2025-05-05"), Some(&covered)));
        assert!(!upgrade_entitled(day("2029-01-01"), Some(&covered)));
        assert!(!upgrade_entitled(day("2028-06-01"), None));
    }

    #[test]
    fn the_reminder_is_due_in_the_last_thirty_covered_days() {
        let year = coverage("2028-01-01", "2029-01-01");
        assert!(!reminder_due(&year, day("2028-12-01")));
        assert!(reminder_due(&year, day("2028-12-02")));
        assert!(reminder_due(&year, day("2028-12-31")));
        assert!(!reminder_due(&year, day("2029-01-01")));
    }

    #[test]
    fn the_reminder_waits_for_coverage_to_begin() {
        let february = coverage("2028-02-01", "2028-03-01");
        assert!(!reminder_due(&february, day("2028-01-31")));
        assert!(reminder_due(&february, day("2028-02-01")));
    }

    fn any_day() -> impl Strategy<Value = NaiveDate> {
        (0u64..20_000).prop_map(|offset| day("2000-01-01") + Days::new(offset))
    }

    proptest! {
        #[test]
        fn continuing_a_coverage_adds_exactly_the_months_bought(
            from in any_day(),
            existing_months in 1u32..=60,
            start_offset in 0u64..=1_830,
            bought in 1u32..=60,
        ) {
            let existing = months(from, existing_months);
            let starts_on = (from + Days::new(start_offset)).min(existing.until);
            let extended = extend(Some(existing), starts_on, bought);
            prop_assert_eq!(extended.from, existing.from);
            prop_assert_eq!(extended.until, months(existing.until, bought).until);
        }

        /// The fee and each line are what the rust_decimal implementation
        /// computed: 2 % of the list price, and fee × days covered / days in
        /// the month, each rounded half away from zero to the cent.
        #[test]
        fn fees_and_prorating_agree_with_the_decimal_implementation(
            price in prop_oneof![0..=crate::domain::money::MAX_EXACT_CENTS, 0i64..10_000_000],
            from in any_day(),
            length in 1u32..=3,
            later in 0u32..=3,
        ) {
            use chrono::Datelike;
            use rust_decimal::prelude::ToPrimitive;
            use rust_decimal::{Decimal, RoundingStrategy};
            let cents = |amount: Decimal| {
                let rounded = amount.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);
                (rounded * Decimal::ONE_HUNDRED).to_i64().unwrap()
            };
            let fee = monthly_fee(Money::from_cents(price).unwrap());
            let list = Decimal::new(price, 2);
            prop_assert_eq!(
                fee.cents(),
                cents(list * Decimal::from(MONTHLY_FEE_PERCENT) / Decimal::ONE_HUNDRED)
            );
            let month = add_months(from, later);
            let (lines, _) = statement(
                month.year(),
                month.month(),
                &[("s".into(), months(from, length), fee)],
            );
            for line in &lines {
                let exact = Decimal::new(fee.cents(), 2) * Decimal::from(line.days_covered)
                    / Decimal::from(line.days_in_month);
                prop_assert_eq!(line.amount.cents(), cents(exact));
            }
        }

        #[test]
        fn a_statement_line_never_exceeds_the_fee(
            from in any_day(),
            length in 1u32..=60,
            cents in 0i64..10_000_000,
            year in 2000i32..2060,
            month in 1u32..=12,
        ) {
            let fee = Money::from_cents(cents).unwrap();
            let (lines, total) = statement(year, month, &[("s".into(), months(from, length), fee)]);
            prop_assert!(total <= fee);
            for line in &lines {
                prop_assert!(line.days_covered >= 1 && line.days_covered <= line.days_in_month);
                if line.days_covered == line.days_in_month {
                    prop_assert_eq!(line.amount, fee);
                }
            }
        }
    }
}
