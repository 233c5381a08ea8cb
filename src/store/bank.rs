//! Imported bank statements and their entries.

use super::{bulk, Database, DbError, Query, Row, Statement, Store};
use crate::domain::reconciliation::Line;
use crate::domain::time::{format, Instant};

/// A bank entry as kept for staff: what it was and what it paid.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BankEntryRecord {
    pub id: String,
    pub key: String,
    pub booking_date: Option<String>,
    pub amount_cents: i64,
    pub currency: String,
    pub reference: Option<String>,
    pub remitter: Option<String>,
    pub outcome: String,
    pub order_id: Option<String>,
    pub created_at: Instant,
}

impl BankEntryRecord {
    fn from_row(row: &Row) -> Result<Self, DbError> {
        Ok(Self {
            id: row.text("id")?,
            key: row.text("entry_key")?,
            booking_date: row.opt_text("booking_date")?,
            amount_cents: row.integer("amount_cents")?,
            currency: row.text("currency")?,
            reference: row.opt_text("reference")?,
            remitter: row.opt_text("remitter")?,
            outcome: row.text("outcome")?,
            order_id: row.opt_text("order_id")?,
            created_at: row.instant("created_at")?,
        })
    }
}

const COLUMNS: &str =
    "id, entry_key, booking_date, amount_cents, currency, reference, remitter, outcome, order_id, created_at";

pub fn insert_statement(
    id: &str,
    format_name: &str,
    entries: usize,
    report: &str,
    now: Instant,
) -> Statement {
    Statement::new(
        "INSERT INTO bank_statements (id, format, entries, imported_at, report) VALUES (?1, ?2, ?3, ?4, ?5)",
        vec![
            id.into(),
            format_name.into(),
            i64::try_from(entries).unwrap_or(i64::MAX).into(),
            format(now).into(),
            report.into(),
        ],
    )
}

/// The entries of an import that were not seen before, with their ids.
/// Amounts that are not whole cents are kept as 0 (they are ignored entries).
pub fn insert_bank_entries(
    statement_id: &str,
    lines: &[(String, &Line)],
    now: Instant,
) -> Vec<Statement> {
    let rows = lines.iter().map(|(id, line)| {
        serde_json::json!([
            id,
            line.key,
            statement_id,
            line.booking_date,
            line.amount_cents.unwrap_or(0),
            line.currency,
            line.reference,
            line.remitter,
            line.outcome.as_str(),
            line.order_id,
            format(now)
        ])
    });
    bulk(
        "INSERT INTO bank_entries (id, entry_key, statement_id, booking_date, amount_cents, currency, reference, \
         remitter, outcome, order_id, created_at) \
         SELECT value ->> 0, value ->> 1, value ->> 2, value ->> 3, value ->> 4, value ->> 5, value ->> 6, \
         value ->> 7, value ->> 8, value ->> 9, value ->> 10 FROM json_each(?1) WHERE true \
         ON CONFLICT (entry_key) DO NOTHING",
        rows,
    )
}

/// Which of these entry keys were imported before, in as few statements as
/// D1 allows.
pub fn known_entry_keys(keys: &[String]) -> Vec<Query<Vec<String>>> {
    bulk(
        "SELECT entry_key FROM bank_entries WHERE entry_key IN (SELECT value FROM json_each(?1))",
        keys.iter().map(|key| serde_json::json!(key)),
    )
    .into_iter()
    .map(|statement| {
        Query::new(statement, |rows| {
            rows.iter().map(|row| row.text("entry_key")).collect()
        })
    })
    .collect()
}

/// Staff matched an unmatched entry to an order by hand. No `WHERE outcome =
/// 'unmatched'` that would quietly change nothing: the schema's trigger
/// `bank_entries_pay_one_order_once` fails the whole batch when the entry was
/// matched meanwhile, so the second of two concurrent matches credits nothing.
pub fn match_bank_entry(id: &str, order_id: &str, outcome: &str, now: Instant) -> Statement {
    Statement::new(
        "UPDATE bank_entries SET order_id = ?2, outcome = ?3, matched_at = ?4 WHERE id = ?1",
        vec![
            id.into(),
            order_id.into(),
            outcome.into(),
            format(now).into(),
        ],
    )
}

/// Whether a failed batch was refused because its bank entry pays an order
/// already (the trigger, or the payment's UNIQUE source key).
pub fn is_matched_already(error: &DbError) -> bool {
    error.is_constraint("a bank entry pays one order")
        || error.is_unique_violation("payments.source_key")
}

/// One bank entry, by id.
pub fn bank_entry(id: &str) -> Query<Option<BankEntryRecord>> {
    let sql = format!("SELECT {COLUMNS} FROM bank_entries WHERE id = ?1");
    Query::new(Statement::new(sql, vec![id.into()]), |rows| {
        rows.first().map(BankEntryRecord::from_row).transpose()
    })
}

/// Entries no order claimed, oldest first, for staff to match.
pub fn unmatched_bank_entries(limit: i64) -> Query<Vec<BankEntryRecord>> {
    let sql = format!(
        "SELECT {COLUMNS} FROM bank_entries WHERE outcome = 'unmatched' ORDER BY created_at, rowid LIMIT ?1"
    );
    Query::new(Statement::new(sql, vec![limit.into()]), |rows| {
        rows.iter().map(BankEntryRecord::from_row).collect()
    })
}

impl<D: Database> Store<D> {
    /// Entries no order claimed, oldest first, for staff to match.
    pub async fn unmatched_bank_entries(
        &self,
        limit: i64,
    ) -> Result<Vec<BankEntryRecord>, DbError> {
        self.fetch(unmatched_bank_entries(limit)).await
    }

    pub async fn bank_entry(&self, id: &str) -> Result<Option<BankEntryRecord>, DbError> {
        self.fetch(bank_entry(id)).await
    }
}
