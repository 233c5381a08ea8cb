//! Bank statements: a bank's camt.053 / camt.054 (ISO 20022) or CSV file,
//! read into a flat list of movements for reconciliation.
//!
//! This module only reads the file faithfully. It decides nothing about
//! orders: the matcher later looks for RF creditor references in
//! `structured_references` and `remittance_text` and compares amounts. A file
//! that cannot be read completely is refused with a `StatementError` rather
//! than read in part, so staff never reconcile against half a statement.
//!
//! Every entry carries an idempotency key that stays the same when the same
//! file, or an overlapping one, is imported again (see `key.rs`).

mod amount;
mod camt;
mod csv;
mod key;

#[cfg(test)]
mod tests;

use std::fmt;

use chrono::NaiveDate;

pub use amount::StatedAmount;
pub use camt::parse_camt;
pub use csv::parse_csv;

/// Whether money came into the account or left it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Direction {
    Credit,
    Debit,
}

impl Direction {
    /// The ISO 20022 code, also used in the fingerprint of an entry.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Credit => "CRDT",
            Self::Debit => "DBIT",
        }
    }
}

/// The kind of file an entry list was read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// Bank-to-customer statement (end of day, booked movements).
    Camt053,
    /// Bank-to-customer debit/credit notification (intraday, per movement).
    Camt054,
    Csv,
}

/// One booked movement (or one transaction of a batch booking).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BankEntry {
    /// 0-based position in the file, for the report.
    pub index: usize,
    pub booking_date: Option<NaiveDate>,
    /// As the file states it, greater than zero; the sign is in `direction`.
    pub amount: StatedAmount,
    /// ISO 4217, upper case, e.g. "EUR".
    pub currency: String,
    pub direction: Direction,
    /// camt `RvslInd` is true: the bank undid an earlier movement.
    pub reversal: bool,
    /// camt status `BOOK`; pending or informational entries are not booked.
    /// CSV rows are booked.
    pub booked: bool,
    /// The bank's own reference (`AcctSvcrRef`, transaction level, else
    /// entry level; the CSV's last column).
    pub bank_reference: Option<String>,
    /// `RmtInf/Strd/CdtrRefInf/Ref` values, as given.
    pub structured_references: Vec<String>,
    /// `RmtInf/Ustrd` lines; for CSV the reference/remittance column.
    pub remittance_text: Vec<String>,
    /// The debtor's name, i.e. who paid (for a credit).
    pub remitter_name: Option<String>,
    /// Idempotency key, unique within one statement.
    pub key: String,
}

/// The entries of one file, in file order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Statement {
    pub format: Format,
    /// The ISO 20022 message, e.g. "camt.053.001.02"; `None` for CSV, and for
    /// a camt document without a namespace.
    pub message: Option<String>,
    pub entries: Vec<BankEntry>,
}

/// Where in a camt file a problem is: the `Ntry` (1-based, counted across all
/// statements of the file) and, inside it, the `TxDtls` (1-based), so staff
/// can find it in the bank's file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EntryPosition {
    pub entry: usize,
    pub transaction: Option<usize>,
}

impl fmt::Display for EntryPosition {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "entry {}", self.entry)?;
        if let Some(transaction) = self.transaction {
            write!(f, ", transaction {transaction}")?;
        }
        Ok(())
    }
}

/// Why a bank file was refused. The message names what is wrong and where,
/// so staff can tell a wrong upload from a broken export.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum StatementError {
    #[error("the file is not well-formed XML (near byte {position}): {reason}")]
    NotXml { position: u64, reason: String },
    #[error("the XML root element is <{found}>, not an ISO 20022 <Document>")]
    NotIso20022 { found: String },
    #[error(
        "unsupported message {message}: only camt.053 (statement) and camt.054 \
         (notification) are accepted"
    )]
    UnsupportedMessage { message: String },
    #[error("the {message} document holds <{found}> where <{expected}> was expected")]
    UnexpectedElement {
        message: String,
        expected: &'static str,
        found: String,
    },
    #[error("the {message} document holds no <{element}> block")]
    NoStatement {
        message: String,
        element: &'static str,
    },
    #[error("{at}: missing element {element}")]
    MissingElement {
        at: EntryPosition,
        element: &'static str,
    },
    #[error("{at}: {element} is not a positive decimal amount: {value:?}")]
    BadAmount {
        at: EntryPosition,
        element: &'static str,
        value: String,
    },
    #[error("{at}: {element} is not a three-letter ISO 4217 currency code: {value:?}")]
    BadCurrency {
        at: EntryPosition,
        element: &'static str,
        value: String,
    },
    #[error("{at}: {element} has an invalid value {value:?}")]
    BadValue {
        at: EntryPosition,
        element: &'static str,
        value: String,
    },
    #[error("the CSV file has no rows")]
    EmptyCsv,
    #[error("CSV line {line}: not valid UTF-8")]
    CsvNotUtf8 { line: usize },
    #[error("CSV line {line}: a quoted field is not closed")]
    CsvUnclosedQuote { line: usize },
    #[error("CSV line {line}: unexpected text after a closing quote")]
    CsvTextAfterQuote { line: usize },
    #[error(
        "CSV line {line}: expected 6 columns (booking date, amount, currency, \
         reference, remitter name, bank reference), found {found}"
    )]
    CsvColumns { line: usize, found: usize },
    #[error("CSV line {line}: the {column} is empty")]
    CsvMissing { line: usize, column: &'static str },
    #[error(
        "CSV line {line}: bad booking date {value:?} (expected YYYY-MM-DD, \
         DD.MM.YYYY or DD/MM/YYYY)"
    )]
    CsvBadDate { line: usize, value: String },
    #[error("CSV line {line}: bad amount {value:?} ({reason})")]
    CsvBadAmount {
        line: usize,
        value: String,
        reason: &'static str,
    },
    #[error("CSV line {line}: bad currency {value:?} (expected a three-letter ISO 4217 code)")]
    CsvBadCurrency { line: usize, value: String },
}

/// A three-letter ISO 4217 code in upper case, or `None`. Only the shape is
/// checked: the list of codes changes, and the matcher compares currencies
/// with the order's anyway.
fn currency_code(value: &str) -> Option<String> {
    let value = value.trim();
    (value.len() == 3 && value.bytes().all(|b| b.is_ascii_alphabetic()))
        .then(|| value.to_ascii_uppercase())
}

/// Trimmed text, or `None` when nothing is left.
fn non_empty(value: &str) -> Option<String> {
    let value = value.trim();
    (!value.is_empty()).then(|| value.to_owned())
}

/// A calendar date written `YYYY-MM-DD` (digits only, so that chrono's
/// leniency about signs and widths does not accept odd input).
fn iso_date(value: &str) -> Option<NaiveDate> {
    let bytes = value.as_bytes();
    let shape = bytes.len() == 10
        && bytes[4] == b'-'
        && bytes[7] == b'-'
        && bytes
            .iter()
            .enumerate()
            .all(|(i, b)| i == 4 || i == 7 || b.is_ascii_digit());
    if !shape {
        return None;
    }
    let year = value[0..4].parse().ok()?;
    let month = value[5..7].parse().ok()?;
    let day = value[8..10].parse().ok()?;
    NaiveDate::from_ymd_opt(year, month, day)
}

/// A bank reference, unless it is one of the placeholders banks write when
/// they have none: keying entries by "NOTPROVIDED" would merge movements.
fn bank_reference(value: &str) -> Option<String> {
    let value = non_empty(value)?;
    let placeholder = ["NONREF", "NOTPROVIDED", "NOT PROVIDED"]
        .iter()
        .any(|p| value.eq_ignore_ascii_case(p));
    (!placeholder).then_some(value)
}
