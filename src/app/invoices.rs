//! Invoices: issued in the batch of the payment or refund that causes them,
//! and read by the organisation they were issued to.

use chrono::NaiveDate;

use super::{App, AppError, Caller, StaffIdentity};
use crate::domain::entropy::Entropy;
use crate::domain::invoice::Seller;
use crate::domain::time::{in_ljubljana, Instant};
use crate::store::{self, Database, InvoiceRecord, Statement};

/// The date an invoice bears: the seller's, in Ljubljana, not UTC's.
fn issued_on(now: Instant) -> NaiveDate {
    in_ljubljana(now).0.date()
}

/// The invoices of orders that statements before it in the batch may have
/// made paid, each `(invoice id, order id)` under the id its confirmation
/// links; orders not paid then get none, and an order named twice one, the
/// first id (as the first confirmation is the one kept).
pub(super) fn invoices_at_payment(
    invoices: &[(&str, &str)],
    seller: &Seller,
    now: Instant,
) -> Vec<Statement> {
    let mut seen = std::collections::HashSet::new();
    let pairs: Vec<(String, String)> = invoices
        .iter()
        .filter(|(_, order_id)| seen.insert(*order_id))
        .map(|(invoice_id, order_id)| ((*invoice_id).to_owned(), (*order_id).to_owned()))
        .collect();
    store::issue_invoices(&pairs, seller, issued_on(now), now)
}

/// The credit note of a refund that returned the money of `through` of the
/// order's coupons (cumulative): for those its invoice, if it has one, has
/// not credited yet.
pub(super) fn credit_note_at_refund(
    order_id: &str,
    through: i64,
    now: Instant,
    entropy: &mut Entropy,
) -> Statement {
    store::issue_credit_note(&entropy.id("crn"), order_id, through, issued_on(now), now)
}

impl<D: Database> App<D> {
    /// The caller's organisation's invoices and credit notes, newest first.
    pub async fn my_invoices(&self, caller: &Caller) -> Result<Vec<InvoiceRecord>, AppError> {
        let (principal, invoices) = self
            .read_as(caller, store::invoices_of(&caller.customer_scope()))
            .await?;
        principal.customer()?;
        Ok(invoices)
    }

    /// One of the caller's organisation's documents; another's is not found.
    pub async fn my_invoice(
        &self,
        caller: &Caller,
        invoice_id: &str,
    ) -> Result<InvoiceRecord, AppError> {
        let (principal, invoice) = self
            .read_as(
                caller,
                store::invoice_of(&caller.customer_scope(), invoice_id),
            )
            .await?;
        principal.customer()?;
        invoice.ok_or(AppError::NotFound)
    }
}

impl<D: Database> App<D> {
    /// Every document issued from `from` to `to` (inclusive), in number
    /// order, for finance: one round trip with the caller's own statement.
    pub async fn issued_invoices(
        &self,
        caller: &Caller,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<(StaffIdentity, Vec<InvoiceRecord>), AppError> {
        let (principal, invoices) = self
            .read_as(caller, store::invoices_issued(from, to))
            .await?;
        Ok((principal.staff()?, invoices))
    }
}
