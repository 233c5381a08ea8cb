//! What staff settle by hand: tasks resolved with a note, and orders whose
//! payment went to review credited, refunded or cancelled.

use super::orders::Credit;
use super::{App, AppError, Job, StaffIdentity};
use crate::domain::email::Email;
use crate::domain::entropy::Entropy;
use crate::domain::order::{OrderStatus, ReviewSettlement};
use crate::domain::text::Text;
use crate::domain::time::Instant;
use crate::store::{self, Database, OrderRecord, TaskRecord};

impl<D: Database> App<D> {
    /// Resolves a task once, recording who (the verified staff identity,
    /// never a typed name) and why. Two staff resolving it at once: the
    /// second batch fails on the task's trigger and writes nothing.
    pub async fn resolve_task(
        &self,
        task_id: &str,
        staff: &StaffIdentity,
        note: &Text,
        now: Instant,
    ) -> Result<TaskRecord, AppError> {
        let task = self
            .store
            .staff_task(task_id)
            .await?
            .ok_or(AppError::NotFound)?;
        if task.resolved_at.is_some() {
            return Err(AppError::TaskResolved);
        }
        self.store
            .write(vec![store::resolve_task(
                &task.id,
                &staff.email,
                note.as_str(),
                now,
            )])
            .await
            .map_err(|error| {
                if error.is_constraint("a task is resolved once") {
                    AppError::TaskResolved
                } else {
                    error.into()
                }
            })?;
        self.store
            .staff_task(task_id)
            .await?
            .ok_or(AppError::NotFound)
    }

    /// Settles an order in review, in one batch that also resolves its
    /// review task. The batch holds the guards: one settlement per order,
    /// and only while the order is in review; a credit's purchase entry is
    /// keyed by the order as any payment's is, so the coupons are credited
    /// once however many settle requests race.
    pub async fn settle_order(
        &self,
        order_id: &str,
        settlement: ReviewSettlement,
        staff: &StaffIdentity,
        note: &Text,
        now: Instant,
        entropy: &mut Entropy,
    ) -> Result<(OrderRecord, Vec<Job>), AppError> {
        let record = self
            .store
            .order(order_id)
            .await?
            .ok_or(AppError::NotFound)?;
        let order = &record.order;
        if order.status != OrderStatus::Review {
            return Err(AppError::OrderNotInReview);
        }
        let mut statements = store::settle_review(
            &entropy.id("stl"),
            &order.id,
            settlement,
            &staff.email,
            note.as_str(),
            now,
        );
        let mut jobs = Vec::new();
        if settlement == ReviewSettlement::Credit {
            let acting = self
                .store
                .acting_contact(store::Acted::Order, &order.id)
                .await?;
            let email = match self
                .store
                .contact_for(&order.customer_id, acting.as_deref())
                .await?
            {
                Some(contact) => Email::parse(&contact.email).ok(),
                None => None,
            };
            let credit = Credit::new(order, email.as_ref(), now, entropy);
            statements.push(store::append_entry(&credit.entry));
            if let Some((outbox_id, message)) = &credit.confirmation {
                statements.push(store::insert_message(outbox_id, message, now));
            }
            jobs.extend(credit.job());
        }
        self.store.write(statements).await.map_err(|error| {
            if error.is_constraint("only an order in review is settled")
                || error.is_unique_violation("order_settlements.order_id")
            {
                AppError::OrderNotInReview
            } else {
                error.into()
            }
        })?;
        let settled = self
            .store
            .order(order_id)
            .await?
            .ok_or(AppError::NotFound)?;
        Ok((settled, jobs))
    }
}
