//! The customer's view of the coupon ledger, and staff corrections.

use super::{Answer, App, AppError, Caller, CustomerPrincipal, Idempotency, StaffIdentity};
use crate::domain::entropy::Entropy;
use crate::domain::ledger::Entry;
use crate::domain::text::Text;
use crate::domain::time::Instant;
use crate::store::{self, Database, Effect, KeyOwner, LedgerLine};

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

    /// Adjusts a balance, once per idempotency key: the caller, what the
    /// key remembers and the organisation's balance are read in one batch;
    /// the entry and the answer (201 with the balance this entry leaves,
    /// as read) are the next. The same key and request again answer the
    /// same, another request under the key is refused. One that would fall
    /// below zero is refused by the balance account's trigger, and nothing
    /// is written (nor remembered: a retry is decided afresh).
    pub async fn adjust(
        &self,
        caller: &Caller,
        adjustment: Adjustment<'_>,
        keyed: &Idempotency<'_>,
        now: Instant,
        entropy: &mut Entropy,
    ) -> Result<(StaffIdentity, Answer), AppError> {
        let owner = KeyOwner::Staff(caller.staff_scope());
        let (principal, rows) = self
            .read_as(
                caller,
                vec![
                    keyed.read(&owner),
                    store::account_of(adjustment.customer_id),
                ],
            )
            .await?;
        let staff = principal.staff()?;
        if let Some(earlier) = keyed.earlier(&rows[0])? {
            return Ok((staff, earlier));
        }
        let balance = store::decode_account_balance(&rows[1])?.ok_or(AppError::NotFound)?;
        let owner = KeyOwner::staff(&staff.id);
        let scope = owner.text().unwrap_or_default();
        let entry = Entry::adjustment(
            entropy.id("led"),
            adjustment.customer_id,
            adjustment.coupons,
            adjustment.reason.as_str(),
            &staff.email,
            &format!("{scope}:{}", keyed.key.as_str()),
            now,
        );
        let body = serde_json::json!({
            "customer_id": adjustment.customer_id,
            "coupon_balance": balance + adjustment.coupons,
        })
        .to_string();
        let mut batch = vec![store::append_entry(&entry)];
        batch.extend(keyed.remembering(
            &owner,
            (201, &body),
            &Effect {
                table: "ledger_entries",
                id: &entry.id,
            },
            now,
        ));
        let written = self.store.write(batch).await;
        let answer = self
            .keyed_answer(keyed, &owner, written, (201, body), Vec::new(), |error| {
                if error.is_constraint("balance >= 0") {
                    AppError::InsufficientBalance
                } else {
                    error.into()
                }
            })
            .await?;
        Ok((staff, answer))
    }
}
