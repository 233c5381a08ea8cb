//! Money, dates and numbers as each language writes them: `30,50 €` and
//! `6. 12. 2026 ob 19:05` for a Slovenian, `€30.50` and `6 Dec 2026, 19:05`
//! for an English reader. ISO forms stay for the API and `<time datetime>`.

use chrono::{Datelike, NaiveDate, NaiveDateTime, Timelike};

use super::language::Language;

const NBSP: char = '\u{a0}';

/// Groups of three digits with `separator`: `1.234.567`.
fn grouped(mut n: u64, separator: char) -> String {
    let mut groups = Vec::new();
    loop {
        groups.push(n % 1000);
        n /= 1000;
        if n == 0 {
            break;
        }
    }
    let mut out = groups.pop().map_or(String::new(), |g| g.to_string());
    while let Some(g) = groups.pop() {
        out.push(separator);
        out.push_str(&format!("{g:03}"));
    }
    out
}

/// Euro cents as the reader writes an amount.
pub fn money(language: Language, cents: i64) -> String {
    let sign = if cents < 0 { "−" } else { "" };
    let whole = cents.unsigned_abs() / 100;
    let fraction = cents.unsigned_abs() % 100;
    match language {
        Language::Sl => format!("{sign}{},{fraction:02}{NBSP}€", grouped(whole, '.')),
        Language::En => format!("{sign}€{}.{fraction:02}", grouped(whole, ',')),
    }
}

/// A whole number: `1.234` / `1,234`.
pub fn number(language: Language, n: i64) -> String {
    let sign = if n < 0 { "−" } else { "" };
    let separator = match language {
        Language::Sl => '.',
        Language::En => ',',
    };
    // Four-digit numbers stay ungrouped in Slovenian print, as in `2026`.
    if n.unsigned_abs() < 10_000 {
        return format!("{sign}{}", n.unsigned_abs());
    }
    format!("{sign}{}", grouped(n.unsigned_abs(), separator))
}

const EN_MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// A day: `6. 12. 2026` / `6 Dec 2026`.
pub fn date(language: Language, day: NaiveDate) -> String {
    match language {
        Language::Sl => format!("{}. {}. {}", day.day(), day.month(), day.year()),
        Language::En => format!(
            "{} {} {}",
            day.day(),
            EN_MONTHS[day.month0() as usize],
            day.year()
        ),
    }
}

/// A wall-clock moment: `6. 12. 2026 ob 19:05` / `6 Dec 2026, 19:05`.
pub fn date_time(language: Language, at: NaiveDateTime) -> String {
    let clock = format!("{:02}:{:02}", at.hour(), at.minute());
    match language {
        Language::Sl => format!("{} ob {clock}", date(language, at.date())),
        Language::En => format!("{}, {clock}", date(language, at.date())),
    }
}

/// An IBAN as printed for people, in groups of four whatever its spacing
/// (`SI56 1910 0000 0123 438`): every page and document prints IBANs
/// through this; payloads and e-invoices keep them compact.
pub fn iban(text: &str) -> String {
    let compact: Vec<char> = text
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| c.to_ascii_uppercase())
        .collect();
    compact
        .chunks(4)
        .map(|group| group.iter().collect::<String>())
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_as_each_reader_writes_it() {
        assert_eq!(money(Language::Sl, 3050), "30,50\u{a0}€");
        assert_eq!(money(Language::En, 3050), "€30.50");
        assert_eq!(money(Language::Sl, 123_456_789), "1.234.567,89\u{a0}€");
        assert_eq!(money(Language::En, 123_456_789), "€1,234,567.89");
        assert_eq!(money(Language::Sl, 5), "0,05\u{a0}€");
        assert_eq!(money(Language::En, -2500), "−€25.00");
        assert_eq!(money(Language::Sl, 100_000), "1.000,00\u{a0}€");
    }

    #[test]
    fn dates_as_each_reader_writes_them() {
        let at = NaiveDate::from_ymd_opt(2026, 12, 6)
            .unwrap()
            .and_hms_opt(19, 5, 0)
            .unwrap();
        assert_eq!(date_time(Language::Sl, at), "6. 12. 2026 ob 19:05");
        assert_eq!(date_time(Language::En, at), "6 Dec 2026, 19:05");
    }

    #[test]
    fn ibans_in_groups_of_four() {
        assert_eq!(iban("SI56191000000123438"), "SI56 1910 0000 0123 438");
        assert_eq!(iban(" si56 1910 0000 0123438 "), "SI56 1910 0000 0123 438");
        assert_eq!(
            iban("MT84MALT011000012345MTLCAST001S"),
            "MT84 MALT 0110 0001 2345 MTLC AST0 01S"
        );
        assert_eq!(iban(""), "");
    }

    #[test]
    fn numbers_group_from_five_digits() {
        assert_eq!(number(Language::Sl, 2026), "2026");
        assert_eq!(number(Language::Sl, 12_345), "12.345");
        assert_eq!(number(Language::En, 1_234_567), "1,234,567");
    }
}
