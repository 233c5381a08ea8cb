//! No input makes the readers panic, and a large statement is read whole.

use proptest::prelude::*;

use super::{camt053, camt053_around, dec, fixture, rf_payment, Version};
use crate::domain::statement::{parse_camt, parse_csv, Direction};

#[test]
fn a_statement_of_ten_thousand_entries_is_read_whole() {
    let one =
        rf_payment("25.00", "RF18539007547034", "Anna Muster", Some("REF-N")).xml(Version::V8);
    let body: String = (0..10_000)
        .map(|i| one.replace("REF-N", &format!("REF-{i:05}")))
        .collect();
    let xml = camt053_around(Version::V8, &body);
    let statement = parse_camt(xml.as_bytes()).unwrap();
    assert_eq!(statement.entries.len(), 10_000);
    assert_eq!(statement.entries[9_999].index, 9_999);
    assert_eq!(statement.entries[9_999].key, "ref:REF-09999");
    assert_eq!(statement.entries[0].amount, dec("25.00"));
}

#[test]
fn every_truncation_of_a_sample_is_refused_without_panicking() {
    let bytes = fixture("camt054.v8.xml");
    let end = bytes
        .windows(b"</Document>".len())
        .position(|window| window == b"</Document>")
        .unwrap();
    for length in 0..end {
        assert!(
            parse_camt(&bytes[..length]).is_err(),
            "a file cut at byte {length} was accepted"
        );
    }
}

proptest! {
    #[test]
    fn parse_csv_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
        let _ = parse_csv(&bytes);
    }

    #[test]
    fn parse_csv_never_panics_on_csv_like_text(text in "[0-9a-zA-Z;,.\"' \\-/\r\n€]{0,200}") {
        let _ = parse_csv(text.as_bytes());
    }

    #[test]
    fn parse_camt_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
        let _ = parse_camt(&bytes);
    }

    #[test]
    fn parse_camt_never_panics_on_damaged_statements(
        position in 0usize..4096,
        length in 0usize..64,
        insert in "[<>/&;\"=a-zA-Z0-9 ]{0,12}",
    ) {
        let xml = camt053(
            Version::V8,
            &[rf_payment("25.00", "RF18539007547034", "Anna", Some("R-1"))],
        );
        let start = position % xml.len();
        let end = (start + length).min(xml.len());
        let damaged = format!("{}{insert}{}", &xml[..start], &xml[end..]);
        let _ = parse_camt(damaged.as_bytes());
    }

    #[test]
    fn a_csv_amount_reads_the_same_in_every_habit(cents in 1i64..10_000_000_000, negative in any::<bool>()) {
        let units = cents / 100;
        let fraction = cents % 100;
        let plain = format!("{units}.{fraction:02}");
        let grouped = |separator: char| {
            let digits = units.to_string();
            let mut out = String::new();
            for (i, digit) in digits.chars().enumerate() {
                if i > 0 && (digits.len() - i) % 3 == 0 {
                    out.push(separator);
                }
                out.push(digit);
            }
            out
        };
        let sign = if negative { "-" } else { "" };
        let habits = [
            format!("{sign}{plain}"),
            format!("{sign}{units},{fraction:02}"),
            format!("{sign}{}.{fraction:02}", grouped(',')),
            format!("{sign}{},{fraction:02}", grouped('.')),
        ];
        for amount in habits {
            let text = format!("2024-05-02;\"{amount}\";EUR;;;\n");
            let statement = parse_csv(text.as_bytes()).unwrap();
            let entry = &statement.entries[0];
            prop_assert_eq!(&entry.amount, & dec(&plain), "{}", amount);
            let direction = if negative { Direction::Debit } else { Direction::Credit };
            prop_assert_eq!(entry.direction, direction);
        }
    }

    #[test]
    fn csv_keys_are_unique_whatever_the_rows(rows in proptest::collection::vec((0u8..3, 1u32..4, 0u8..3), 1..40)) {
        let text: String = rows
            .iter()
            .map(|(day, amount, reference)| {
                let reference = match reference {
                    0 => String::new(),
                    r => format!("R{r}"),
                };
                format!("2024-05-0{};{amount},00;EUR;T;N;{reference}\n", day + 1)
            })
            .collect();
        let statement = parse_csv(text.as_bytes()).unwrap();
        let keys: std::collections::HashSet<_> = statement.entries.iter().map(|e| &e.key).collect();
        prop_assert_eq!(keys.len(), rows.len());
    }
}
