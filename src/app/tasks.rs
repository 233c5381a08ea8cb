//! What staff settle by hand: tasks resolved with a note, and orders whose
//! payment went to review credited, refunded or cancelled.

use super::input::Fields;
use super::invoices::invoices_at_payment;
use super::orders::Credit;
use super::{App, AppError, Caller, Job, StaffIdentity};
use crate::app::BillingError;
use crate::domain::entropy::Entropy;
use crate::domain::field::FieldErrors;
use crate::domain::order::{Order, OrderStatus, ReviewSettlement};
use crate::domain::text::Text;
use crate::domain::time::Instant;
use crate::store::{self, BankEntryRecord, Database, OrderRecord, OutboxMessage, TaskRecord};

/// The longest note that resolves a task or settles an order.
const NOTE_CHARS: usize = 1000;

/// The note that resolves a task or settles an order, from the API's body
/// or the desk's form alike.
pub fn note(fields: &mut Fields) -> Option<Text> {
    fields.parse("note", |t| Text::parse(t, NOTE_CHARS))
}

/// A settlement's fields, parsed: what to do with the order in review, and
/// why; each wrong field named.
pub fn settlement(fields: &mut Fields) -> Result<(ReviewSettlement, Text), FieldErrors> {
    let action = fields.parse("action", ReviewSettlement::parse);
    let note = note(fields);
    match (action, note) {
        (Some(action), Some(note)) => Ok((action, note)),
        _ => Err(fields.errors.clone()),
    }
}

/// What the desk settles by hand: open tasks, oldest first, and the orders
/// in review.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TaskQueue {
    pub tasks: Vec<TaskRecord>,
    pub in_review: Vec<OrderRecord>,
    /// The company name of each organisation with an order in review.
    pub names: std::collections::BTreeMap<String, String>,
}

impl<D: Database> App<D> {
    /// Tasks open (oldest first) or resolved (newest first), in one round
    /// trip with the caller.
    pub async fn staff_tasks(
        &self,
        caller: &Caller,
        resolved: bool,
    ) -> Result<Vec<TaskRecord>, AppError> {
        let (principal, tasks) = self
            .read_as(caller, store::staff_tasks(resolved, 500))
            .await?;
        principal.staff()?;
        Ok(tasks)
    }

    /// The desk's queue of tasks and orders in review, in one round trip.
    pub async fn task_queue(
        &self,
        caller: &Caller,
    ) -> Result<(StaffIdentity, TaskQueue), AppError> {
        let (principal, (tasks, in_review, names)) = self
            .read_as(
                caller,
                (
                    store::staff_tasks(false, 200),
                    store::orders_in_review(100),
                    store::names_of_orders_in_review(),
                ),
            )
            .await?;
        let queue = TaskQueue {
            tasks,
            in_review,
            names: names.into_iter().collect(),
        };
        Ok((principal.staff()?, queue))
    }

    /// Unmatched bank entries, oldest first, in one round trip.
    pub async fn unmatched_entries(
        &self,
        caller: &Caller,
        limit: i64,
    ) -> Result<(StaffIdentity, Vec<BankEntryRecord>), AppError> {
        let (principal, entries) = self
            .read_as(caller, store::unmatched_bank_entries(limit))
            .await?;
        Ok((principal.staff()?, entries))
    }

    /// The transfers still without an order, for a report shown to staff
    /// whose identity the import has checked already.
    pub async fn unmatched_bank_entries(
        &self,
        limit: i64,
    ) -> Result<Vec<BankEntryRecord>, AppError> {
        Ok(self.store.unmatched_bank_entries(limit).await?)
    }

    /// The newest outbox messages, to one address or anyone, with every
    /// link's secret redacted: staff never read a live one.
    pub async fn outbox(
        &self,
        caller: &Caller,
        to: Option<&str>,
        limit: i64,
    ) -> Result<(StaffIdentity, Vec<OutboxMessage>), AppError> {
        let (principal, messages) = self
            .read_as(caller, store::outbox_messages(to, limit))
            .await?;
        Ok((principal.staff()?, messages))
    }

    /// Resolves a task once, recording who (the verified staff identity,
    /// never a typed name) and why. Two staff resolving it at once: the
    /// second batch fails on the task's trigger and writes nothing.
    pub async fn resolve_task(
        &self,
        caller: &Caller,
        task_id: &str,
        note: &Text,
        now: Instant,
    ) -> Result<TaskRecord, AppError> {
        let (principal, task) = self.read_as(caller, store::staff_task(task_id)).await?;
        let staff = principal.staff()?;
        let task = task.ok_or(AppError::NotFound)?;
        if task.resolved_at.is_some() {
            return Err(AppError::Billing(BillingError::TaskResolved));
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
                    AppError::Billing(BillingError::TaskResolved)
                } else {
                    error.into()
                }
            })?;
        Ok(TaskRecord {
            resolved_at: Some(now),
            resolved_by: Some(staff.email),
            resolution: Some(note.as_str().to_owned()),
            ..task
        })
    }

    /// Settles an order in review, in one batch that also resolves its
    /// review task. The batch holds the guards: one settlement per order,
    /// and only while the order is in review; a credit's purchase entry is
    /// keyed by the order as any payment's is, so the coupons are credited
    /// once however many settle requests race.
    pub async fn settle_order(
        &self,
        caller: &Caller,
        order_id: &str,
        settlement: ReviewSettlement,
        note: &Text,
        now: Instant,
        entropy: &mut Entropy,
    ) -> Result<(StaffIdentity, OrderRecord, Vec<Job>), AppError> {
        let (principal, (record, email)) = self
            .read_as(
                caller,
                (
                    store::order_by_id(order_id),
                    store::confirmation_address(order_id),
                ),
            )
            .await?;
        let staff = principal.staff()?;
        let record = record.ok_or(AppError::NotFound)?;
        let order = &record.order;
        if order.status != OrderStatus::Review {
            return Err(AppError::Billing(BillingError::OrderNotInReview));
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
            let base_url = &self.config.public_base_url;
            let credit = Credit::new(
                order,
                record.number.as_ref(),
                email.as_ref(),
                base_url,
                now,
                entropy,
            );
            statements.push(store::append_entry(&credit.entry));
            if let Some((outbox_id, message)) = &credit.confirmation {
                statements.push(store::insert_message(outbox_id, message, now));
            }
            jobs.extend(credit.job());
            statements.extend(invoices_at_payment(
                &[(&credit.invoice_id, &order.id)],
                &self.config.seller,
                now,
            ));
        }
        self.store.write(statements).await.map_err(|error| {
            if error.is_constraint("only an order in review is settled")
                || error.is_unique_violation("order_settlements.order_id")
            {
                AppError::Billing(BillingError::OrderNotInReview)
            } else {
                error.into()
            }
        })?;
        let status = settlement.status();
        let settled = OrderRecord {
            order: Order {
                status,
                ..record.order
            },
            paid_at: if status == OrderStatus::Paid {
                Some(now)
            } else {
                record.paid_at
            },
            closed_at: if status == OrderStatus::Cancelled {
                Some(now)
            } else {
                record.closed_at
            },
            ..record
        };
        Ok((staff, settled, jobs))
    }
}
