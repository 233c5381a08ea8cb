//! The customer's view of the coupon ledger, and staff corrections.

use super::{Answer, App, AppError, Caller, CustomerPrincipal, Idempotency};
use crate::app::BillingError;
use crate::domain::entropy::Entropy;
use crate::domain::ledger::Entry;
use crate::domain::text::Text;
use crate::domain::time::Instant;
use crate::store::{self, BalanceField, Database, LedgerLine};

/// A customer's balance and latest entries, newest first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ledger {
    pub balance: i64,
    pub lines: Vec<LedgerLine>,
}

/// A staff adjustment as requested.
pub struct Adjustment<'a> {
    pub customer_id: &'a str,
    /// Coupons to add (positive) or take (negative); never zero.
    pub coupons: i64,
    pub reason: Text,
    /// Who made it: the verified staff identity, never a typed name.
    pub staff_member: String,
}

impl<D: Database> App<D> {
    /// The calling customer and their ledger, in one round trip.
    pub async fn my_ledger(
        &self,
        caller: &Caller,
    ) -> Result<(CustomerPrincipal, Ledger), AppError> {
        let scope = caller.customer_scope();
        let (principal, rows) = self
            .read_as(
                caller,
                vec![store::balance_of(&scope), store::ledger_of(&scope, 500)],
            )
            .await?;
        let ledger = Ledger {
            balance: store::decode_balance(&rows[0])?,
            lines: store::decode_ledger(&rows[1])?,
        };
        Ok((principal.customer()?, ledger))
    }

    pub async fn ledger(&self, customer_id: &str) -> Result<Vec<LedgerLine>, AppError> {
        Ok(self.store.ledger(customer_id, 500).await?)
    }

    /// Adjusts a balance, once per idempotency key: the entry and the answer
    /// (201 with the balance this entry leaves) are one batch; the same key
    /// and request again answer the same, another request under the key is
    /// refused. One that would fall below zero is refused by the balance
    /// account's trigger, and nothing is written (nor remembered: a retry
    /// is decided afresh).
    pub async fn adjust(
        &self,
        adjustment: Adjustment<'_>,
        keyed: &Idempotency<'_>,
        now: Instant,
        entropy: &mut Entropy,
    ) -> Result<Answer, AppError> {
        if let Some(earlier) = self.earlier_answer(keyed).await? {
            return Ok(earlier);
        }
        self.store
            .customer(adjustment.customer_id)
            .await?
            .ok_or(AppError::NotFound)?;
        let entry = Entry::adjustment(
            entropy.id("led"),
            adjustment.customer_id,
            adjustment.coupons,
            adjustment.reason.as_str(),
            &adjustment.staff_member,
            &format!("{}:{}", keyed.scope, keyed.key.as_str()),
            now,
        );
        let body = serde_json::json!({
            "customer_id": adjustment.customer_id,
            "coupon_balance": null,
        });
        let written = self
            .store
            .write(vec![
                store::insert_entry(&entry),
                store::remember(
                    keyed.scope,
                    keyed.key,
                    keyed.request,
                    201,
                    &body.to_string(),
                    Some(BalanceField {
                        path: "$.coupon_balance",
                        customer_id: adjustment.customer_id,
                    }),
                    now,
                ),
            ])
            .await;
        self.remembered_answer(keyed, written, Vec::new(), |error| {
            if error.is_constraint("balance >= 0") {
                AppError::Billing(BillingError::InsufficientBalance)
            } else if error.is_unique_violation("ledger_entries.idempotency_key") {
                AppError::IdempotencyKeyReused
            } else {
                error.into()
            }
        })
        .await
    }
}
