//! Staff tasks as the desk reads and resolves them, and the settlement of
//! orders that went to review.

use super::{Database, DbError, Query, Row, Statement, Store};
use crate::domain::order::ReviewSettlement;
use crate::domain::time::{format, Instant};

/// A task with when it was raised and, once resolved, by whom and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TaskRecord {
    pub id: String,
    pub kind: String,
    pub order_id: Option<String>,
    /// That order's number (`ORD-2026-00017`).
    pub order_number: Option<String>,
    pub customer_id: Option<String>,
    /// That organisation's company name, for the desk to read.
    pub customer_name: Option<String>,
    pub amount_cents: Option<i64>,
    pub coupons: Option<i64>,
    pub detail: String,
    pub created_at: Instant,
    pub resolved_at: Option<Instant>,
    pub resolved_by: Option<String>,
    pub resolution: Option<String>,
}

impl TaskRecord {
    fn from_row(row: &Row) -> Result<Self, DbError> {
        Ok(Self {
            id: row.text("id")?,
            kind: row.text("kind")?,
            order_id: row.opt_text("order_id")?,
            order_number: row.opt_text("order_number")?,
            customer_id: row.opt_text("customer_id")?,
            customer_name: row.opt_text("customer_name")?,
            amount_cents: row.opt_integer("amount_cents")?,
            coupons: row.opt_integer("coupons")?,
            detail: row.text("detail")?,
            created_at: row.instant("created_at")?,
            resolved_at: row.opt_instant("resolved_at")?,
            resolved_by: row.opt_text("resolved_by")?,
            resolution: row.opt_text("resolution")?,
        })
    }
}

const TASK_COLUMNS: &str =
    "id, kind, order_id, customer_id, amount_cents, coupons, detail, created_at, \
     resolved_at, resolved_by, resolution, \
     (SELECT o.number FROM coupon_orders o WHERE o.id = staff_tasks.order_id) AS order_number, \
     (SELECT c.company_name FROM customers c WHERE c.id = staff_tasks.customer_id) AS customer_name";

/// Resolves a task. Not guarded by its WHERE: a task resolved before makes
/// the trigger `staff_tasks_resolved_once` fail the whole batch.
pub fn resolve_task(task_id: &str, by: &str, note: &str, now: Instant) -> Statement {
    Statement::new(
        "UPDATE staff_tasks SET resolved_at = ?2, resolved_by = ?3, resolution = ?4 WHERE id = ?1",
        vec![task_id.into(), format(now).into(), by.into(), note.into()],
    )
}

/// Settles an order in review, as the first statements of its batch: the
/// settlement row (one per order, and only while the order is in review, by
/// its UNIQUE key and trigger), the order's new status, and its open
/// review tasks resolved with the same note. A credit's purchase entry
/// follows in the same batch, keyed `purchase:{order}` like any payment.
pub fn settle_review(
    id: &str,
    order_id: &str,
    settlement: ReviewSettlement,
    by: &str,
    note: &str,
    now: Instant,
) -> Vec<Statement> {
    let now = format(now);
    vec![
        Statement::new(
            "INSERT INTO order_settlements (id, order_id, kind, note, settled_by, settled_at) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            vec![
                id.into(),
                order_id.into(),
                settlement.as_str().into(),
                note.into(),
                by.into(),
                now.as_str().into(),
            ],
        ),
        Statement::new(
            "UPDATE coupon_orders SET status = ?2, \
             paid_at = CASE WHEN ?2 = 'paid' THEN ?3 ELSE paid_at END, \
             closed_at = CASE WHEN ?2 = 'cancelled' THEN ?3 ELSE closed_at END \
             WHERE id = ?1 AND status = 'review'",
            vec![
                order_id.into(),
                settlement.status().as_str().into(),
                now.as_str().into(),
            ],
        ),
        Statement::new(
            "UPDATE staff_tasks SET resolved_at = ?2, resolved_by = ?3, resolution = ?4 \
             WHERE order_id = ?1 AND kind = 'payment_review' AND resolved_at IS NULL",
            vec![
                order_id.into(),
                now.as_str().into(),
                by.into(),
                format!("{}: {note}", settlement.as_str()).into(),
            ],
        ),
    ]
}

/// An order's settlement, as recorded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SettlementRecord {
    pub kind: String,
    pub note: String,
    pub settled_by: String,
    pub settled_at: Instant,
}

/// Open tasks oldest first, or resolved ones newest first.
pub fn staff_tasks(resolved: bool, limit: i64) -> Query<Vec<TaskRecord>> {
    let sql = if resolved {
        format!("SELECT {TASK_COLUMNS} FROM staff_tasks WHERE resolved_at IS NOT NULL ORDER BY resolved_at DESC, rowid DESC LIMIT ?1")
    } else {
        format!("SELECT {TASK_COLUMNS} FROM staff_tasks WHERE resolved_at IS NULL ORDER BY created_at, rowid LIMIT ?1")
    };
    Query::new(Statement::new(sql, vec![limit.into()]), |rows| {
        rows.iter().map(TaskRecord::from_row).collect()
    })
}

pub fn staff_task(id: &str) -> Query<Option<TaskRecord>> {
    let sql = format!("SELECT {TASK_COLUMNS} FROM staff_tasks WHERE id = ?1");
    Query::new(Statement::new(sql, vec![id.into()]), |rows| {
        rows.first().map(TaskRecord::from_row).transpose()
    })
}

impl<D: Database> Store<D> {
    /// Open tasks oldest first, or resolved ones newest first.
    pub async fn staff_tasks(
        &self,
        resolved: bool,
        limit: i64,
    ) -> Result<Vec<TaskRecord>, DbError> {
        self.fetch(staff_tasks(resolved, limit)).await
    }

    pub async fn order_settlement(
        &self,
        order_id: &str,
    ) -> Result<Option<SettlementRecord>, DbError> {
        self.fetch(Query::new(
            Statement::new(
                "SELECT kind, note, settled_by, settled_at FROM order_settlements WHERE order_id = ?1",
                vec![order_id.into()],
            ),
            |rows| {
                rows.first()
                    .map(|row| {
                        Ok(SettlementRecord {
                            kind: row.text("kind")?,
                            note: row.text("note")?,
                            settled_by: row.text("settled_by")?,
                            settled_at: row.instant("settled_at")?,
                        })
                    })
                    .transpose()
            },
        ))
        .await
    }
}
