//! CSV exports in the habits of different banks and spreadsheets.

use chrono::NaiveDate;

use super::dec;
use crate::domain::statement::{parse_csv, Direction, Format, Statement, StatementError};

fn parse(text: &str) -> Statement {
    parse_csv(text.as_bytes()).unwrap_or_else(|error| panic!("{error}\n{text}"))
}

fn error(text: &str) -> StatementError {
    parse_csv(text.as_bytes()).unwrap_err()
}

#[test]
fn a_semicolon_file_with_header_and_decimal_commas_is_read() {
    let statement = parse(
        "Buchungstag;Betrag;Währung;Verwendungszweck;Auftraggeber;Referenz\n\
         02.05.2024;1.234,56;EUR;RF18539007547034;Anna Muster;BANK-1\n\
         03.05.2024;25,00;eur;Order RF18 5390 0754 7034;Bernd Beispiel;\n",
    );
    assert_eq!(statement.format, Format::Csv);
    assert_eq!(statement.message, None);
    let entries = &statement.entries;
    assert_eq!(entries.len(), 2);
    assert_eq!(entries[0].index, 0);
    assert_eq!(entries[0].booking_date, NaiveDate::from_ymd_opt(2024, 5, 2));
    assert_eq!(entries[0].amount, dec("1234.56"));
    assert_eq!(entries[0].currency, "EUR");
    assert_eq!(entries[0].direction, Direction::Credit);
    assert!(entries[0].booked);
    assert!(!entries[0].reversal);
    assert_eq!(entries[0].remittance_text, ["RF18539007547034"]);
    assert!(entries[0].structured_references.is_empty());
    assert_eq!(entries[0].remitter_name.as_deref(), Some("Anna Muster"));
    assert_eq!(entries[0].bank_reference.as_deref(), Some("BANK-1"));
    assert_eq!(entries[0].key, "ref:BANK-1");
    assert_eq!(entries[1].amount, dec("25.00"));
    assert_eq!(entries[1].currency, "EUR");
    assert_eq!(entries[1].bank_reference, None);
    assert!(entries[1].key.starts_with("sha256:"));
}

#[test]
fn a_comma_file_without_header_is_read() {
    let statement = parse(
        "2024-05-02,\"1,234.56\",EUR,RF18539007547034,Anna Muster,B-1\n\
         2024-05-03,19.90,CHF,,,\n",
    );
    let entries = &statement.entries;
    assert_eq!(entries.len(), 2);
    assert_eq!(entries[0].amount, dec("1234.56"));
    assert_eq!(entries[1].amount, dec("19.90"));
    assert_eq!(entries[1].currency, "CHF");
    assert!(entries[1].remittance_text.is_empty());
    assert_eq!(entries[1].remitter_name, None);
}

#[test]
fn quoted_fields_keep_delimiters_and_escaped_quotes() {
    let statement = parse(
        "date,amount,currency,reference,name,bank reference\r\n\
         2024-05-02,25.00,EUR,\"Order 17, \"\"urgent\"\"; RF18539007547034\",\"Muster, Anna\",\"X,1\"\r\n",
    );
    let entry = &statement.entries[0];
    assert_eq!(
        entry.remittance_text,
        ["Order 17, \"urgent\"; RF18539007547034"]
    );
    assert_eq!(entry.remitter_name.as_deref(), Some("Muster, Anna"));
    assert_eq!(entry.bank_reference.as_deref(), Some("X,1"));
}

#[test]
fn a_quoted_field_may_span_lines_and_errors_count_real_lines() {
    let text = "2024-05-02;25,00;EUR;\"first line\nsecond line\";Anna;\n\
                2024-05-02;oops;EUR;;;\n";
    assert_eq!(
        error(text),
        StatementError::CsvBadAmount {
            line: 3,
            value: "oops".into(),
            reason: "not a number",
        }
    );
    let statement = parse(&text.replace("oops", "1,00"));
    assert_eq!(
        statement.entries[0].remittance_text,
        ["first line\nsecond line"]
    );
}

#[test]
fn a_negative_amount_is_a_debit_of_the_positive_amount() {
    let statement = parse("2024-05-02;-25,00;EUR;Fee;;\n2024-05-02;-1.234,50;EUR;;;\n");
    assert_eq!(statement.entries[0].direction, Direction::Debit);
    assert_eq!(statement.entries[0].amount, dec("25.00"));
    assert_eq!(statement.entries[1].amount, dec("1234.50"));
    let comma = parse("2024-05-02,-25.00,EUR,Fee,,\n");
    assert_eq!(comma.entries[0].direction, Direction::Debit);
    assert_eq!(comma.entries[0].amount, dec("25"));
}

#[test]
fn all_three_date_layouts_are_read() {
    let statement =
        parse("2024-05-02;1,00;EUR;;;\n02.05.2024;1,00;EUR;;;\n02/05/2024;1,00;EUR;;;\n");
    for entry in &statement.entries {
        assert_eq!(entry.booking_date, NaiveDate::from_ymd_opt(2024, 5, 2));
    }
}

#[test]
fn a_bad_date_is_refused_with_its_line_number() {
    let text = "Date;Amount;Currency;Reference;Name;Bank reference\n\
                \n\
                2024-05-02;1,00;EUR;;;\n\
                2024-13-02;1,00;EUR;;;\n";
    let error = error(text);
    assert_eq!(
        error,
        StatementError::CsvBadDate {
            line: 4,
            value: "2024-13-02".into(),
        }
    );
    assert_eq!(
        error.to_string(),
        "CSV line 4: bad booking date \"2024-13-02\" (expected YYYY-MM-DD, DD.MM.YYYY or DD/MM/YYYY)"
    );
}

#[test]
fn a_bad_amount_is_refused_with_its_line_number() {
    let cases = [
        ("2024-05-02;1,00;EUR;;;\n2024-05-02;12x;EUR;;;\n", 2),
        ("2024-05-02;1,00;EUR;;;\n\n\n2024-05-02;0,00;EUR;;;\n", 4),
        ("2024-05-02;1.234;EUR;;;\n", 1),
    ];
    for (text, line) in cases {
        match error(text) {
            StatementError::CsvBadAmount { line: found, .. } => assert_eq!(found, line, "{text}"),
            other => panic!("{text}: {other:?}"),
        }
    }
}

#[test]
fn an_ambiguous_amount_says_why() {
    assert_eq!(
        error("2024-05-02,\"1,234\",EUR,,,\n").to_string(),
        "CSV line 1: bad amount \"1,234\" (ambiguous: thousands separator or three decimals)"
    );
}

#[test]
fn missing_or_bad_cells_are_refused_with_their_line_number() {
    assert_eq!(
        error("2024-05-02;1,00;EUR;;\n"),
        StatementError::CsvColumns { line: 1, found: 5 }
    );
    assert_eq!(
        error("2024-05-02;1,00;EUR;;;;surplus\n"),
        StatementError::CsvColumns { line: 1, found: 7 }
    );
    assert_eq!(
        error("2024-05-02;1,00;€;;;\n"),
        StatementError::CsvBadCurrency {
            line: 1,
            value: "€".into()
        }
    );
    assert_eq!(
        error("2024-05-02;1,00;EUR;;;\n;2,00;EUR;;;\n"),
        StatementError::CsvMissing {
            line: 2,
            column: "booking date"
        }
    );
    assert_eq!(
        error("2024-05-02;1,00;;;;\n"),
        StatementError::CsvMissing {
            line: 1,
            column: "currency"
        }
    );
}

#[test]
fn a_trailing_delimiter_is_tolerated() {
    let statement = parse("2024-05-02;1,00;EUR;Text;Name;REF;\n");
    assert_eq!(statement.entries[0].bank_reference.as_deref(), Some("REF"));
}

#[test]
fn empty_lines_and_lines_of_delimiters_are_skipped() {
    let statement = parse("\n\n2024-05-02;1,00;EUR;;;\n\n;;;;;\n   \n2024-05-03;2,00;EUR;;;\n\n");
    assert_eq!(statement.entries.len(), 2);
    assert_eq!(statement.entries[1].index, 1);
}

#[test]
fn a_byte_order_mark_and_windows_line_ends_are_accepted() {
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend_from_slice(
        b"Date;Amount;Currency;Reference;Name;Ref\r\n2024-05-02;1,00;EUR;Text;Name;\r\n",
    );
    let statement = parse_csv(&bytes).unwrap();
    assert_eq!(statement.entries.len(), 1);
    assert_eq!(statement.entries[0].remitter_name.as_deref(), Some("Name"));
}

#[test]
fn an_unclosed_quote_is_refused_with_the_line_it_opens_on() {
    assert_eq!(
        error("2024-05-02;1,00;EUR;;;\n2024-05-02;1,00;EUR;\"open;;\n\n"),
        StatementError::CsvUnclosedQuote { line: 2 }
    );
    assert_eq!(
        error("2024-05-02;1,00;EUR;\"a\"b;;\n"),
        StatementError::CsvTextAfterQuote { line: 1 }
    );
}

#[test]
fn an_empty_file_is_refused_but_a_header_alone_is_an_empty_statement() {
    assert_eq!(error(""), StatementError::EmptyCsv);
    assert_eq!(error("\u{feff}\n\n"), StatementError::EmptyCsv);
    assert!(parse("Date;Amount;Currency;Reference;Name;Ref\n")
        .entries
        .is_empty());
}

#[test]
fn only_the_first_row_can_be_a_header() {
    assert_eq!(
        error("2024-05-02;1,00;EUR;;;\nDate;Amount;Currency;Reference;Name;Ref\n"),
        StatementError::CsvBadDate {
            line: 2,
            value: "Date".into()
        }
    );
}

#[test]
fn a_file_that_is_not_utf8_is_refused_with_the_line() {
    let bytes = b"2024-05-02;1,00;EUR;;;\n2024-05-02;1,00;EUR;M\xfcller;;\n";
    assert_eq!(
        parse_csv(bytes).unwrap_err(),
        StatementError::CsvNotUtf8 { line: 2 }
    );
}

#[test]
fn a_first_row_with_a_date_and_a_broken_amount_is_reported_not_skipped_as_header() {
    assert_eq!(
        error("2024-05-02;twelve;EUR;;;\n2024-05-03;1,00;EUR;;;\n"),
        StatementError::CsvBadAmount {
            line: 1,
            value: "twelve".into(),
            reason: "not a number",
        }
    );
}
