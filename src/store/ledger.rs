//! The coupon ledger: appended to, summed, never changed.

use super::{Database, DbError, Statement, Store};
use crate::domain::ledger::Entry;
use crate::domain::time::format;

/// Appends an entry unless its idempotency key (or the one-free-coupon rule)
/// has one already; then it changes nothing, which the batch reports as 0.
pub fn append_entry(entry: &Entry) -> Statement {
    Statement::new(
        "INSERT INTO ledger_entries (id, customer_id, kind, coupons, idempotency_key, created_at) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT DO NOTHING",
        vec![
            entry.id.as_str().into(),
            entry.customer_id.as_str().into(),
            entry.kind.as_str().into(),
            entry.coupons.into(),
            entry.idempotency_key.as_str().into(),
            format(entry.created_at).into(),
        ],
    )
}

impl<D: Database> Store<D> {
    /// Whether an entry with this idempotency key exists.
    pub async fn ledger_key_exists(&self, idempotency_key: &str) -> Result<bool, DbError> {
        Ok(self
            .first(Statement::new(
                "SELECT 1 AS found FROM ledger_entries WHERE idempotency_key = ?1",
                vec![idempotency_key.into()],
            ))
            .await?
            .is_some())
    }

    /// A customer's balance in coupons: the sum of their entries.
    pub async fn coupon_balance(&self, customer_id: &str) -> Result<i64, DbError> {
        let row = self
            .first(Statement::new(
                "SELECT COALESCE(SUM(coupons), 0) AS balance FROM ledger_entries WHERE customer_id = ?1",
                vec![customer_id.into()],
            ))
            .await?
            .ok_or_else(|| DbError::Decode("SUM gave no row".into()))?;
        row.integer("balance")
    }
}
