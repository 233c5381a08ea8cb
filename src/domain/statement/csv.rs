//! CSV exports: one movement per row, six columns in this order: booking
//! date, amount, currency, reference or remittance text, remitter name, bank
//! reference.
//!
//! Banks and spreadsheets write CSV in local habits, so the reader accepts
//! `,` or `;`, a decimal comma or point with thousands separators, three date
//! layouts, a header row, quotes and a UTF-8 BOM. Where a value could be read
//! two ways (is "1.234" one thousand or one point two?) the row is refused:
//! a wrong amount is worse than a question to staff.

use std::iter::Peekable;
use std::ops::RangeInclusive;
use std::str::Chars;

use chrono::NaiveDate;

use super::key::{self, Draft, KeyBasis};
use super::{
    bank_reference, currency_code, iso_date, non_empty, BankEntry, Direction, Format, StatedAmount,
    Statement, StatementError,
};

/// The columns a row must have.
const COLUMNS: usize = 6;

const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// Parses a CSV bank export. A negative amount is a debit. Rows are booked
/// movements. Line numbers in errors count from 1, as an editor shows them.
pub fn parse_csv(bytes: &[u8]) -> Result<Statement, StatementError> {
    let bytes = bytes.strip_prefix(UTF8_BOM).unwrap_or(bytes);
    let text = std::str::from_utf8(bytes).map_err(|error| StatementError::CsvNotUtf8 {
        line: 1 + bytes[..error.valid_up_to()]
            .iter()
            .filter(|&&b| b == b'\n')
            .count(),
    })?;
    let delimiter = detect_delimiter(text);
    let mut drafts = Vec::new();
    let mut first = true;
    for record in Records::new(text, delimiter) {
        let record = record?;
        if record.is_blank() {
            continue;
        }
        let is_header = first && is_header(&record);
        first = false;
        if !is_header {
            drafts.push(row(record)?);
        }
    }
    if first {
        return Err(StatementError::EmptyCsv);
    }
    Ok(Statement {
        format: Format::Csv,
        message: None,
        entries: key::finish(drafts),
    })
}

/// A header is the first row if neither its date nor its amount reads as
/// one: a data row with a broken amount is reported, not skipped.
fn is_header(record: &Record) -> bool {
    let cell = |index: usize| record.fields.get(index).map_or("", |f| f.trim());
    date_of(cell(0)).is_none() && amount(cell(1)).is_err_and(|reason| reason == NOT_A_NUMBER)
}

/// One record of the file and the line it starts on.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Record {
    line: usize,
    fields: Vec<String>,
}

impl Record {
    /// An empty line, or one of delimiters only (spreadsheets write those).
    fn is_blank(&self) -> bool {
        self.fields.iter().all(|field| field.trim().is_empty())
    }
}

fn row(record: Record) -> Result<Draft, StatementError> {
    let line = record.line;
    let fields = record.fields;
    let extra_filled = fields.iter().skip(COLUMNS).any(|f| !f.trim().is_empty());
    if fields.len() < COLUMNS || extra_filled {
        return Err(StatementError::CsvColumns {
            line,
            found: fields.len(),
        });
    }
    let required = |index: usize, column: &'static str| {
        let value = fields[index].trim();
        if value.is_empty() {
            Err(StatementError::CsvMissing { line, column })
        } else {
            Ok(value)
        }
    };
    let date = required(0, "booking date")?;
    let booking_date = date_of(date).ok_or_else(|| StatementError::CsvBadDate {
        line,
        value: date.to_owned(),
    })?;
    let signed = required(1, "amount")?;
    let (direction, amount) = amount(signed).map_err(|reason| StatementError::CsvBadAmount {
        line,
        value: signed.to_owned(),
        reason,
    })?;
    let currency = required(2, "currency")?;
    let currency = currency_code(currency).ok_or_else(|| StatementError::CsvBadCurrency {
        line,
        value: currency.to_owned(),
    })?;
    let bank_reference = bank_reference(&fields[5]);
    let basis = bank_reference
        .clone()
        .map_or(KeyBasis::Fingerprint, KeyBasis::Reference);
    Ok(Draft {
        entry: BankEntry {
            index: 0,
            booking_date: Some(booking_date),
            amount,
            currency,
            direction,
            reversal: false,
            booked: true,
            bank_reference,
            structured_references: Vec::new(),
            remittance_text: non_empty(&fields[3]).into_iter().collect(),
            remitter_name: non_empty(&fields[4]),
            key: String::new(),
        },
        basis,
    })
}

/// `;` or `,`, from the first line that is not blank: the one that splits
/// it into the six columns, `;` first because a `;` file may hold decimal
/// commas while a `,` file cannot hold bare ones. Quoted text is skipped, and
/// a broken line still gives a guess: the real reading reports the error.
fn detect_delimiter(text: &str) -> char {
    let (mut semicolons, mut commas) = (0, 0);
    let mut in_quotes = false;
    let mut content = false;
    for c in text.chars() {
        match c {
            '"' => in_quotes = !in_quotes,
            '\n' | '\r' if !in_quotes => {
                if content {
                    break;
                }
                (semicolons, commas) = (0, 0);
            }
            ';' if !in_quotes => semicolons += 1,
            ',' if !in_quotes => commas += 1,
            _ => {}
        }
        content |= !c.is_whitespace() && c != ';' && c != ',';
    }
    if semicolons + 1 >= COLUMNS || (commas + 1 < COLUMNS && semicolons > 0) {
        ';'
    } else {
        ','
    }
}

/// The records of a text (RFC 4180 style), read one at a time so the
/// delimiter can be guessed from the first one. Fields may be quoted; a
/// quoted field may hold the delimiter, line breaks, and `""` for a quote.
struct Records<'a> {
    chars: Peekable<Chars<'a>>,
    delimiter: char,
    line: usize,
    failed: bool,
}

impl<'a> Records<'a> {
    fn new(text: &'a str, delimiter: char) -> Self {
        Self {
            chars: text.chars().peekable(),
            delimiter,
            line: 1,
            failed: false,
        }
    }

    fn record(&mut self) -> Result<Record, StatementError> {
        let line = self.line;
        let mut fields = Vec::new();
        loop {
            fields.push(self.field()?);
            match self.chars.next() {
                Some(c) if c == self.delimiter => {}
                Some('\r') => {
                    self.chars.next_if_eq(&'\n');
                    self.line += 1;
                    break;
                }
                Some('\n') => {
                    self.line += 1;
                    break;
                }
                _ => break,
            }
        }
        Ok(Record { line, fields })
    }

    /// One field, leaving the delimiter or line break after it unread.
    fn field(&mut self) -> Result<String, StatementError> {
        let mut field = String::new();
        while let Some(c) = self.chars.next_if(|&c| c == ' ' || c == '\t') {
            field.push(c);
        }
        if self.chars.next_if_eq(&'"').is_none() {
            while let Some(c) = self
                .chars
                .next_if(|&c| c != self.delimiter && c != '\n' && c != '\r')
            {
                field.push(c);
            }
            return Ok(field);
        }
        field.clear();
        let opened_on = self.line;
        loop {
            match self.chars.next() {
                None => return Err(StatementError::CsvUnclosedQuote { line: opened_on }),
                Some('"') if self.chars.next_if_eq(&'"').is_some() => field.push('"'),
                Some('"') => break,
                Some(c) => {
                    if c == '\n' || (c == '\r' && self.chars.peek() != Some(&'\n')) {
                        self.line += 1;
                    }
                    field.push(c);
                }
            }
        }
        while self.chars.next_if(|&c| c == ' ' || c == '\t').is_some() {}
        match self.chars.peek() {
            None | Some('\n' | '\r') => Ok(field),
            Some(&c) if c == self.delimiter => Ok(field),
            Some(_) => Err(StatementError::CsvTextAfterQuote { line: self.line }),
        }
    }
}

impl Iterator for Records<'_> {
    type Item = Result<Record, StatementError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.failed {
            return None;
        }
        self.chars.peek()?;
        let record = self.record();
        self.failed = record.is_err();
        Some(record)
    }
}

/// `YYYY-MM-DD`, `DD.MM.YYYY` or `DD/MM/YYYY` (day and month may have one
/// digit, as spreadsheets write them).
fn date_of(value: &str) -> Option<NaiveDate> {
    if let Some(date) = iso_date(value) {
        return Some(date);
    }
    let separator = if value.contains('.') { '.' } else { '/' };
    let mut parts = value.split(separator);
    let (day, month, year) = (parts.next()?, parts.next()?, parts.next()?);
    let digits = |part: &str, widths: RangeInclusive<usize>| {
        widths.contains(&part.len()) && part.bytes().all(|b| b.is_ascii_digit())
    };
    if parts.next().is_some()
        || !digits(day, 1..=2)
        || !digits(month, 1..=2)
        || !digits(year, 4..=4)
    {
        return None;
    }
    NaiveDate::from_ymd_opt(year.parse().ok()?, month.parse().ok()?, day.parse().ok()?)
}

/// Why a header's amount cell is not an amount, as opposed to a malformed one.
const NOT_A_NUMBER: &str = "not a number";

/// A signed, non-zero amount with a decimal point or comma: "1.234,56",
/// "1,234.56", "25,00", "-25.00", "1'234.50", "1 234,50". Negative is a
/// debit.
fn amount(value: &str) -> Result<(Direction, StatedAmount), &'static str> {
    let value = value.trim();
    let (negative, unsigned) = match value.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, value.strip_prefix('+').unwrap_or(value)),
    };
    let cleaned: String = unsigned
        .chars()
        .filter(|c| !matches!(c, ' ' | '\'' | '\u{a0}' | '\u{202f}'))
        .collect();
    if cleaned.is_empty()
        || !cleaned.starts_with(|c: char| c.is_ascii_digit())
        || !cleaned
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == ',')
    {
        return Err(NOT_A_NUMBER);
    }
    let (integer, fraction) = match (cleaned.rfind('.'), cleaned.rfind(',')) {
        (Some(dot), Some(comma)) => {
            let (decimal, thousands) = if dot > comma {
                (dot, ',')
            } else {
                (comma, '.')
            };
            (
                grouped(&cleaned[..decimal], thousands)?,
                &cleaned[decimal + 1..],
            )
        }
        (Some(at), None) | (None, Some(at)) => {
            let separator = if cleaned[at..].starts_with('.') {
                '.'
            } else {
                ','
            };
            let (before, after) = (&cleaned[..at], &cleaned[at + 1..]);
            if before.contains(separator) {
                (grouped(&cleaned, separator)?, "")
            } else if after.len() == 3 && before.len() <= 3 && before != "0" {
                return Err("ambiguous: thousands separator or three decimals");
            } else {
                (before.to_owned(), after)
            }
        }
        (None, None) => (cleaned.clone(), ""),
    };
    if !fraction.bytes().all(|b| b.is_ascii_digit())
        || (fraction.is_empty() && cleaned.ends_with(['.', ',']))
    {
        return Err("bad decimal part");
    }
    let plain = if fraction.is_empty() {
        integer
    } else {
        format!("{integer}.{fraction}")
    };
    let direction = if negative {
        Direction::Debit
    } else {
        Direction::Credit
    };
    Ok((direction, StatedAmount::parse(&plain)?))
}

/// Digits with `separator` between groups of three (the first group one to
/// three digits), returned without separators.
fn grouped(digits: &str, separator: char) -> Result<String, &'static str> {
    let mut groups = digits.split(separator);
    let first = groups.next().unwrap_or_default();
    let first_ok = (1..=3).contains(&first.len()) || !digits.contains(separator);
    let well_grouped = !first.is_empty()
        && first_ok
        && first.bytes().all(|b| b.is_ascii_digit())
        && groups.all(|group| group.len() == 3 && group.bytes().all(|b| b.is_ascii_digit()));
    if well_grouped {
        Ok(digits.replace(separator, ""))
    } else {
        Err("bad digit grouping")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dec(value: &str) -> Result<(Direction, StatedAmount), &'static str> {
        Ok((Direction::Credit, StatedAmount::parse(value).unwrap()))
    }

    fn debit(value: &str) -> Result<(Direction, StatedAmount), &'static str> {
        Ok((Direction::Debit, StatedAmount::parse(value).unwrap()))
    }

    #[test]
    fn amounts_in_local_habits_are_read_as_the_same_number() {
        assert_eq!(amount("1.234,56"), dec("1234.56"));
        assert_eq!(amount("1,234.56"), dec("1234.56"));
        assert_eq!(amount("25,00"), dec("25.00"));
        assert_eq!(amount("-25.00"), debit("25.00"));
        assert_eq!(amount("+7"), dec("7"));
        assert_eq!(amount("1.234.567,8"), dec("1234567.8"));
        assert_eq!(amount("1'234.50"), dec("1234.50"));
        assert_eq!(amount("1 234,50"), dec("1234.50"));
        assert_eq!(amount("0,125"), dec("0.125"));
        assert_eq!(amount("12345,678"), dec("12345.678"));
    }

    #[test]
    fn zero_and_amounts_beyond_2_to_the_96_are_refused_saying_why() {
        assert_eq!(amount("-0,00"), Err("zero is not a movement"));
        assert_eq!(
            amount("79228162514264337593543950335"),
            dec("79228162514264337593543950335")
        );
        assert_eq!(amount("79228162514264337593543950336"), Err("too large"));
    }

    #[test]
    fn an_amount_that_reads_two_ways_is_refused() {
        assert!(amount("1.234").is_err());
        assert!(amount("1,234").is_err());
    }

    #[test]
    fn malformed_amounts_are_refused() {
        for bad in [
            "",
            "-",
            "abc",
            "1,2,3",
            "1.23.4",
            "12,34.5,6",
            "1.",
            "25,",
            ".5",
            "1e5",
            "0,00",
            "--1",
            "1-",
            "1.2345,67",
        ] {
            assert!(amount(bad).is_err(), "{bad:?} was accepted");
        }
    }

    #[test]
    fn text_is_not_a_number_but_a_bad_number_is_not_text() {
        assert_eq!(amount("Amount"), Err(NOT_A_NUMBER));
        assert_ne!(amount("1.234"), Err(NOT_A_NUMBER));
    }

    #[test]
    fn dates_are_read_in_three_layouts() {
        let expected = NaiveDate::from_ymd_opt(2024, 3, 7);
        assert_eq!(date_of("2024-03-07"), expected);
        assert_eq!(date_of("07.03.2024"), expected);
        assert_eq!(date_of("07/03/2024"), expected);
        assert_eq!(date_of("7.3.2024"), expected);
        for bad in [
            "2024-3-7",
            "07.03.24",
            "31.02.2024",
            "07-03-2024",
            "+2024-03-07",
            "",
        ] {
            assert_eq!(date_of(bad), None, "{bad:?} was accepted");
        }
    }

    #[test]
    fn a_quoted_field_keeps_delimiters_quotes_and_line_breaks() {
        let records: Vec<Record> = Records::new("a;\"b;\"\"c\"\"\nd\";e\r\nf", ';')
            .collect::<Result<_, _>>()
            .unwrap();
        assert_eq!(records.len(), 2);
        assert_eq!(records[0].fields, ["a", "b;\"c\"\nd", "e"]);
        assert_eq!(records[1].line, 3);
        assert_eq!(records[1].fields, ["f"]);
    }
}
