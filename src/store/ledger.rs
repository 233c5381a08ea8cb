//! The coupon ledger: appended to, summed, never changed.

use super::{CustomerScope, Database, DbError, Query, Row, Statement, Store};
use crate::domain::ledger::{Entry, EntryKind};
use crate::domain::time::{format, Instant};

/// One ledger entry as the customer sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LedgerLine {
    pub id: String,
    pub kind: EntryKind,
    pub coupons: i64,
    pub order_id: Option<String>,
    /// The order's number (`ORD-2026-00017`), what people read.
    pub order_number: Option<String>,
    pub incident_id: Option<String>,
    /// The incident's number (`INC-2026-00042`).
    pub incident_number: Option<String>,
    pub reason: Option<String>,
    pub created_at: Instant,
}

impl LedgerLine {
    pub(super) fn from_row(row: &Row) -> Result<Self, DbError> {
        let kind = row.text("kind")?;
        Ok(Self {
            id: row.text("id")?,
            kind: EntryKind::parse(&kind).ok_or_else(|| DbError::Decode(format!("kind {kind}")))?,
            coupons: row.integer("coupons")?,
            order_id: row.opt_text("order_id")?,
            order_number: row.opt_text("order_number")?,
            incident_id: row.opt_text("incident_id")?,
            incident_number: row.opt_text("incident_number")?,
            reason: row.opt_text("reason")?,
            created_at: row.instant("created_at")?,
        })
    }
}

/// Appends an entry unless its idempotency key (or the one-free-coupon rule)
/// has one already; then it changes nothing, which the batch reports as 0.
pub fn append_entry(entry: &Entry) -> Statement {
    Statement::new(
        "INSERT INTO ledger_entries (id, customer_id, kind, coupons, idempotency_key, created_at, order_id, reason, \
         staff_member, incident_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10) ON CONFLICT DO NOTHING",
        vec![
            entry.id.as_str().into(),
            entry.customer_id.as_str().into(),
            entry.kind.as_str().into(),
            entry.coupons.into(),
            entry.idempotency_key.as_str().into(),
            format(entry.created_at).into(),
            entry.order_id.as_deref().into(),
            entry.reason.as_deref().into(),
            entry.staff_member.as_deref().into(),
            entry.incident_id.as_deref().into(),
        ],
    )
}

/// Appends an entry that must be new: a known idempotency key fails the
/// whole batch instead of quietly changing nothing.
pub fn insert_entry(entry: &Entry) -> Statement {
    let appended = append_entry(entry);
    Statement::new(
        appended.sql.replace(" ON CONFLICT DO NOTHING", ""),
        appended.params,
    )
}

/// A customer's balance in coupons, as the ledger's trigger keeps it.
/// A customer's balance in coupons, as the ledger's trigger keeps it: none
/// yet is zero.
pub fn balance_of(customer: &CustomerScope) -> Query<i64> {
    let sql = format!(
        "SELECT balance FROM coupon_accounts WHERE customer_id = {}",
        customer.sql(1)
    );
    Query::new(Statement::new(sql, vec![customer.param()]), |rows| {
        rows.first().map_or(Ok(0), |row| row.integer("balance"))
    })
}

/// An organisation's balance in coupons, or none when there is no such
/// organisation.
pub fn account_of(customer_id: &str) -> Query<Option<i64>> {
    Query::new(
        Statement::new(
            "SELECT COALESCE((SELECT balance FROM coupon_accounts WHERE customer_id = c.id), 0) AS balance \
             FROM customers AS c WHERE c.id = ?1",
            vec![customer_id.into()],
        ),
        |rows| rows.first().map(|row| row.integer("balance")).transpose(),
    )
}

/// A ledger line's columns, with the numbers of its order and incident.
pub(super) const LEDGER_COLUMNS: &str =
    "id, kind, coupons, order_id, incident_id, reason, created_at, \
     (SELECT o.number FROM coupon_orders o WHERE o.id = ledger_entries.order_id) AS order_number, \
     (SELECT i.number FROM incidents i WHERE i.id = ledger_entries.incident_id) AS incident_number";

/// A customer's latest entries, newest first.
pub fn ledger_of(customer: &CustomerScope, limit: i64) -> Query<Vec<LedgerLine>> {
    let sql = format!(
        "SELECT {LEDGER_COLUMNS} FROM ledger_entries \
         WHERE customer_id = {} ORDER BY created_at DESC, rowid DESC LIMIT ?2",
        customer.sql(1)
    );
    Query::new(
        Statement::new(sql, vec![customer.param(), limit.into()]),
        |rows| rows.iter().map(LedgerLine::from_row).collect(),
    )
}

/// Whether a statement found any row.
fn found(rows: &[Row]) -> Result<bool, DbError> {
    Ok(!rows.is_empty())
}

impl<D: Database> Store<D> {
    /// Whether an entry with this idempotency key exists.
    pub async fn ledger_key_exists(&self, idempotency_key: &str) -> Result<bool, DbError> {
        self.fetch(Query::new(
            Statement::new(
                "SELECT 1 AS found FROM ledger_entries WHERE idempotency_key = ?1",
                vec![idempotency_key.into()],
            ),
            found,
        ))
        .await
    }

    /// Whether the customer has received their free first coupon.
    pub async fn has_free_grant(&self, customer_id: &str) -> Result<bool, DbError> {
        self.fetch(Query::new(
            Statement::new(
                "SELECT 1 AS found FROM ledger_entries WHERE customer_id = ?1 AND kind = 'free_grant'",
                vec![customer_id.into()],
            ),
            found,
        ))
        .await
    }

    /// A customer's balance in coupons, as the ledger's trigger keeps it.
    pub async fn coupon_balance(&self, customer_id: &str) -> Result<i64, DbError> {
        self.fetch(balance_of(&CustomerScope::Id(customer_id.into())))
            .await
    }

    /// The sum of a customer's entries, which the balance must always equal.
    pub async fn ledger_sum(&self, customer_id: &str) -> Result<i64, DbError> {
        self.fetch(Query::new(
            Statement::new(
                "SELECT COALESCE(SUM(coupons), 0) AS total FROM ledger_entries WHERE customer_id = ?1",
                vec![customer_id.into()],
            ),
            |rows| {
                rows.first()
                    .ok_or_else(|| DbError::Decode("SUM gave no row".into()))?
                    .integer("total")
            },
        ))
        .await
    }

    /// A customer's entries, newest first.
    pub async fn ledger(&self, customer_id: &str, limit: i64) -> Result<Vec<LedgerLine>, DbError> {
        let scope = CustomerScope::Id(customer_id.into());
        self.fetch(ledger_of(&scope, limit)).await
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::ledger::EntryKind;
    use crate::domain::time::from_unix_millis;
    use crate::store::sqlite::Sqlite;
    use crate::store::DbError;

    fn store_with_customer() -> Store<Sqlite> {
        let store = Store::new(Sqlite::in_memory().unwrap());
        pollster::block_on(store.write(vec![Statement::new(
            "INSERT INTO customers (id, status, registered_serial, company_name, street, postal_code, city, country, \
             created_at) VALUES ('cus_1', 'active', 'TS-1', 'K', 'S', '1000', 'L', 'SI', '2026-01-01T00:00:00.000Z')",
            vec![],
        )]))
        .unwrap();
        store
    }

    fn grant(id: &str, key: &str) -> Entry {
        Entry {
            id: id.into(),
            customer_id: "cus_1".into(),
            kind: EntryKind::FreeGrant,
            coupons: 1,
            idempotency_key: key.into(),
            created_at: from_unix_millis(0).unwrap(),
            order_id: None,
            reason: None,
            staff_member: None,
            incident_id: None,
        }
    }

    #[test]
    fn an_entry_with_a_known_key_changes_nothing() {
        let store = store_with_customer();
        let first =
            pollster::block_on(store.write(vec![append_entry(&grant("led_1", "k"))])).unwrap();
        let again =
            pollster::block_on(store.write(vec![append_entry(&grant("led_2", "k"))])).unwrap();
        assert_eq!((first, again), (vec![1], vec![0]));
        assert_eq!(
            pollster::block_on(store.coupon_balance("cus_1")).unwrap(),
            1
        );
        assert!(pollster::block_on(store.ledger_key_exists("k")).unwrap());
    }

    #[test]
    fn a_customer_gets_one_free_grant_whatever_its_key() {
        let store = store_with_customer();
        pollster::block_on(store.write(vec![append_entry(&grant("led_1", "free_grant:TS-1"))]))
            .unwrap();
        let other =
            pollster::block_on(store.write(vec![append_entry(&grant("led_2", "free_grant:TS-2"))]))
                .unwrap();
        assert_eq!(other, vec![0]);
        assert_eq!(
            pollster::block_on(store.coupon_balance("cus_1")).unwrap(),
            1
        );
    }

    #[test]
    fn entries_are_never_updated_or_deleted() {
        let store = store_with_customer();
        pollster::block_on(store.write(vec![append_entry(&grant("led_1", "k"))])).unwrap();
        for sql in [
            "UPDATE ledger_entries SET coupons = 5",
            "DELETE FROM ledger_entries",
        ] {
            let refused = pollster::block_on(store.write(vec![Statement::new(sql, vec![])]));
            assert!(
                matches!(refused, Err(DbError::Constraint(ref m)) if m.contains("append-only")),
                "{refused:?}"
            );
        }
        assert_eq!(
            pollster::block_on(store.coupon_balance("cus_1")).unwrap(),
            1
        );
    }

    #[test]
    fn a_failing_statement_rolls_back_its_whole_batch() {
        let store = store_with_customer();
        let batch = vec![
            append_entry(&grant("led_1", "k1")),
            Statement::new("UPDATE ledger_entries SET coupons = 5", vec![]),
        ];
        assert!(pollster::block_on(store.write(batch)).is_err());
        assert_eq!(
            pollster::block_on(store.coupon_balance("cus_1")).unwrap(),
            0
        );
    }
}
