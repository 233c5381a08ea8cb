//! The customer's view of the coupon ledger, and staff corrections.

use super::{App, AppError};
use crate::domain::entropy::Entropy;
use crate::domain::ledger::Entry;
use crate::domain::text::Text;
use crate::domain::time::Instant;
use crate::store::{self, Database, LedgerLine};

/// A staff adjustment as requested.
pub struct Adjustment<'a> {
    pub customer_id: &'a str,
    /// Coupons to add (positive) or take (negative); never zero.
    pub coupons: i64,
    pub reason: Text,
    pub staff_member: Text,
    /// The caller's idempotency key: the same key adjusts once.
    pub key: &'a str,
}

impl<D: Database> App<D> {
    pub async fn ledger(&self, customer_id: &str) -> Result<Vec<LedgerLine>, AppError> {
        Ok(self.store.ledger(customer_id, 500).await?)
    }

    /// Adjusts a balance; one that would fall below zero is refused by the
    /// balance account's constraint, and nothing is written.
    pub async fn adjust(
        &self,
        adjustment: Adjustment<'_>,
        now: Instant,
        entropy: &mut Entropy,
    ) -> Result<i64, AppError> {
        self.store
            .customer(adjustment.customer_id)
            .await?
            .ok_or(AppError::NotFound)?;
        let entry = Entry::adjustment(
            entropy.id("led"),
            adjustment.customer_id,
            adjustment.coupons,
            adjustment.reason.as_str(),
            adjustment.staff_member.as_str(),
            adjustment.key,
            now,
        );
        match self.store.write(vec![store::append_entry(&entry)]).await {
            Err(error) if error.is_constraint("balance >= 0") => Err(AppError::InsufficientBalance),
            Err(error) => Err(error.into()),
            Ok(_) => Ok(self.store.coupon_balance(adjustment.customer_id).await?),
        }
    }
}
