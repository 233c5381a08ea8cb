//! Bank statements uploaded by staff: parsed, matched to orders by RF
//! reference and amount, and written in one batch, however large the file.

use std::collections::{HashMap, HashSet};

use serde::Serialize;

use super::orders::Credit;
use super::{App, AppError, Job};
use crate::domain::email::Email;
use crate::domain::entropy::Entropy;
use crate::domain::ledger::Entry;
use crate::domain::money::Money;
use crate::domain::order::{Order, OrderStatus};
use crate::domain::reconciliation::{
    self, references, Counts, Line, OrderChange, Outcome, Reconciliation,
};
use crate::domain::statement::{self, Format, Statement as BankFile};
use crate::domain::time::Instant;
use crate::store::{self, Database, StaffTask};

/// The report an import answers with.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub statement_id: String,
    #[serde(flatten)]
    pub counts: Counts,
    pub lines: Vec<ReportLine>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ReportLine {
    pub index: usize,
    pub outcome: Outcome,
    pub order_id: Option<String>,
    pub amount: String,
    pub currency: String,
    pub reference: Option<String>,
    pub remitter: Option<String>,
    pub booking_date: Option<String>,
    pub detail: String,
    /// The bank entry's id, for matching an unmatched one by hand.
    pub bank_entry_id: Option<String>,
}

/// The file formats staff upload.
pub enum Upload<'a> {
    Camt(&'a [u8]),
    Csv(&'a [u8]),
}

impl<D: Database> App<D> {
    pub async fn import_statement(
        &self,
        upload: Upload<'_>,
        now: Instant,
        entropy: &mut Entropy,
    ) -> Result<(Report, Vec<Job>), AppError> {
        let file: BankFile = match upload {
            Upload::Camt(bytes) => statement::parse_camt(bytes),
            Upload::Csv(bytes) => statement::parse_csv(bytes),
        }
        .map_err(|error| AppError::Statement(error.to_string()))?;

        let keys: Vec<String> = file.entries.iter().map(|e| e.key.clone()).collect();
        let seen: HashSet<String> = self
            .store
            .known_entry_keys(&keys)
            .await?
            .into_iter()
            .collect();
        let mut wanted: Vec<String> = file
            .entries
            .iter()
            .flat_map(references)
            .map(|r| r.as_str().to_owned())
            .collect();
        wanted.sort();
        wanted.dedup();
        let orders: HashMap<String, Order> = self
            .store
            .orders_by_references(&wanted)
            .await?
            .into_iter()
            .filter_map(|record| {
                let reference = record.order.rf_reference.as_ref()?.as_str().to_owned();
                Some((reference, record.order))
            })
            .collect();

        let decided = reconciliation::reconcile(&file.entries, &seen, &orders);
        let statement_id = entropy.id("stm");
        let format_name = match file.format {
            Format::Camt053 => "camt.053",
            Format::Camt054 => "camt.054",
            Format::Csv => "csv",
        };
        let (statements, jobs, entry_ids) = self
            .reconciliation_writes(&statement_id, &decided, &orders, now, entropy)
            .await?;
        let report = Report {
            statement_id: statement_id.clone(),
            counts: Counts::of(&decided.lines),
            lines: decided
                .lines
                .iter()
                .map(|line| {
                    report_line(
                        line,
                        entry_ids
                            .get(&line.key)
                            .filter(|_| line.outcome != Outcome::Duplicate),
                    )
                })
                .collect(),
        };
        let summary = serde_json::to_string(&report.counts).unwrap_or_default();
        let mut batch = vec![store::insert_statement(
            &statement_id,
            format_name,
            decided.lines.len(),
            &summary,
            now,
        )];
        batch.extend(statements);
        self.store.write(batch).await?;
        Ok((report, jobs))
    }

    /// Everything an import writes, as statements for one batch.
    async fn reconciliation_writes(
        &self,
        statement_id: &str,
        decided: &Reconciliation,
        orders: &HashMap<String, Order>,
        now: Instant,
        entropy: &mut Entropy,
    ) -> Result<(Vec<store::Statement>, Vec<Job>, HashMap<String, String>), AppError> {
        let new_lines: Vec<(String, &Line)> = decided
            .lines
            .iter()
            .filter(|line| line.outcome != Outcome::Duplicate)
            .map(|line| (entropy.id("bke"), line))
            .collect();
        let entry_ids: HashMap<String, String> = new_lines
            .iter()
            .map(|(id, line)| (line.key.clone(), id.clone()))
            .collect();
        let mut statements = store::insert_bank_entries(statement_id, &new_lines, now);

        let before: HashMap<&str, OrderStatus> =
            orders.values().map(|o| (o.id.as_str(), o.status)).collect();
        let updated: Vec<(&Order, OrderStatus)> = decided
            .changes
            .iter()
            .map(|change| (&change.order, before[change.order.id.as_str()]))
            .collect();
        statements.extend(store::update_transferred_orders(&updated, now));

        let payments: Vec<(String, String, String, i64)> = decided
            .changes
            .iter()
            .flat_map(|change| {
                change
                    .payments
                    .iter()
                    .map(|(key, cents)| (change.order.id.clone(), key.clone(), *cents))
            })
            .map(|(order, key, cents)| (entropy.id("pay"), order, key, cents))
            .collect();
        statements.extend(store::insert_bank_payments(&payments, now));

        let (settled, jobs) = self
            .settle(decided.changes.as_slice(), now, entropy)
            .await?;
        statements.extend(settled);
        Ok((statements, jobs, entry_ids))
    }

    /// The coupons, refund tasks and confirmations of completed orders.
    async fn settle(
        &self,
        changes: &[OrderChange],
        now: Instant,
        entropy: &mut Entropy,
    ) -> Result<(Vec<store::Statement>, Vec<Job>), AppError> {
        let completed: Vec<&Order> = changes
            .iter()
            .filter(|c| c.completed)
            .map(|c| &c.order)
            .collect();
        let customer_ids: Vec<String> = completed.iter().map(|o| o.customer_id.clone()).collect();
        let emails = self.store.customer_emails(&customer_ids).await?;
        let credits: Vec<Credit> = completed
            .iter()
            .map(|order| {
                let email = emails
                    .get(&order.customer_id)
                    .and_then(|e| Email::parse(e).ok());
                Credit::new(order, email.as_ref(), now, entropy)
            })
            .collect();
        let tasks: Vec<StaffTask> = changes
            .iter()
            .flat_map(|change| {
                change
                    .excess
                    .iter()
                    .map(move |(key, excess)| (&change.order, key, *excess))
            })
            .map(|(order, key, excess)| refund_task(entropy.id("tsk"), order, key, excess))
            .collect();
        let entries: Vec<Entry> = credits.iter().map(|c| c.entry.clone()).collect();
        let messages: Vec<(String, crate::domain::notification::Message)> = credits
            .iter()
            .filter_map(|c| c.confirmation.clone())
            .collect();
        let mut statements = store::append_entries(&entries);
        statements.extend(store::insert_staff_tasks(&tasks, now));
        statements.extend(store::insert_messages(&messages, now));
        Ok((statements, credits.iter().filter_map(Credit::job).collect()))
    }

    /// Staff match an unmatched bank entry to an order by hand.
    pub async fn match_bank_entry(
        &self,
        entry_id: &str,
        order_id: &str,
        now: Instant,
        entropy: &mut Entropy,
    ) -> Result<(ReportLine, Vec<Job>), AppError> {
        let entry = self
            .store
            .bank_entry(entry_id)
            .await?
            .ok_or(AppError::NotFound)?;
        if entry.outcome != Outcome::Unmatched.as_str() {
            return Err(AppError::AlreadyMatched);
        }
        let record = self
            .store
            .order(order_id)
            .await?
            .ok_or(AppError::UnknownOrder)?;
        let amount = Money::from_cents(entry.amount_cents).ok_or(AppError::AlreadyMatched)?;
        let before = record.order.status;
        let mut change = OrderChange::new(record.order);
        let (line_outcome, detail) =
            reconciliation::apply_transfer(&mut change, &entry.key, amount);
        let mut statements = vec![store::match_bank_entry(
            entry_id,
            order_id,
            line_outcome.as_str(),
            now,
        )];
        statements.extend(store::update_transferred_orders(
            &[(&change.order, before)],
            now,
        ));
        statements.push(store::insert_payment(
            &entropy.id("pay"),
            order_id,
            "bank",
            &entry.key,
            entry.amount_cents,
            now,
        ));
        let (settled, jobs) = self
            .settle(std::slice::from_ref(&change), now, entropy)
            .await?;
        statements.extend(settled);
        let changes = self.store.write(statements).await?;
        if changes[0] == 0 {
            return Err(AppError::AlreadyMatched);
        }
        let line = ReportLine {
            index: 0,
            outcome: line_outcome,
            order_id: Some(order_id.to_owned()),
            amount: amount.to_string(),
            currency: entry.currency,
            reference: entry.reference,
            remitter: entry.remitter,
            booking_date: entry.booking_date,
            detail: format!("matched by staff: {detail}"),
            bank_entry_id: Some(entry.id),
        };
        Ok((line, jobs))
    }
}

fn refund_task(id: String, order: &Order, entry_key: &str, excess: Money) -> StaffTask {
    StaffTask {
        id,
        key: format!("excess:{entry_key}"),
        kind: "refund_excess",
        order_id: Some(order.id.clone()),
        customer_id: Some(order.customer_id.clone()),
        amount_cents: Some(excess.cents()),
        coupons: None,
        detail: format!(
            "EUR {excess} paid beyond order {}'s total, to refund",
            order.id
        ),
    }
}

fn report_line(line: &Line, bank_entry_id: Option<&String>) -> ReportLine {
    ReportLine {
        index: line.index,
        outcome: line.outcome,
        order_id: line.order_id.clone(),
        amount: line.amount.clone(),
        currency: line.currency.clone(),
        reference: line.reference.clone(),
        remitter: line.remitter.clone(),
        booking_date: line.booking_date.clone(),
        detail: line.detail.clone(),
        bank_entry_id: bank_entry_id.cloned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::testing::{app, customer, now, run, StandInStripe};
    use crate::domain::order::{PaymentMethod, Quantity};

    #[test]
    fn ten_thousand_entries_are_reconciled_in_one_import_within_d1_limits() {
        let app = app();
        let customer = customer(&app, "ana@kovinar.si", 1);
        let mut references = Vec::new();
        for n in 0..300u32 {
            let mut entropy = Entropy::new([
                n as u8,
                (n >> 8) as u8,
                7,
                7,
                7,
                7,
                7,
                7,
                7,
                7,
                7,
                7,
                7,
                7,
                7,
                7,
                7,
                7,
                7,
                7,
                7,
                7,
                7,
                7,
                7,
                7,
                7,
                7,
                7,
                7,
                7,
                7,
            ]);
            let placed = run(app.place_order::<StandInStripe>(
                &customer,
                Quantity::parse(1).unwrap(),
                PaymentMethod::BankTransfer,
                None,
                now(),
                &mut entropy,
            ))
            .unwrap();
            references.push(placed.record.order.rf_reference.unwrap());
        }
        let mut csv =
            String::from("booking date,amount,currency,reference,remitter,bank reference\n");
        for n in 0..10_000usize {
            let text = references.get(n).map_or_else(
                || format!("invoice {n}"),
                |r| format!("order {}", r.grouped()),
            );
            csv.push_str(&format!(
                "2026-11-26,25.00,EUR,{text},Customer {n},BANK-{n}\n"
            ));
        }
        let before = app.store.db().queries();
        let (report, jobs) = run(app.import_statement(
            Upload::Csv(csv.as_bytes()),
            now(),
            &mut Entropy::new([9; 32]),
        ))
        .unwrap();
        let queries = app.store.db().queries() - before;
        assert_eq!(report.counts.entries, 10_000);
        assert_eq!(
            (report.counts.matched, report.counts.unmatched),
            (300, 9_700)
        );
        assert_eq!(jobs.len(), 300);
        assert!(queries < 1_000, "{queries} queries");
        assert_eq!(
            run(app.store.coupon_balance(&customer.customer.id)).unwrap(),
            1 + 300
        );

        let again = run(app.import_statement(
            Upload::Csv(csv.as_bytes()),
            now(),
            &mut Entropy::new([10; 32]),
        ))
        .unwrap();
        assert_eq!(again.0.counts.duplicates, 10_000);
        assert_eq!(
            run(app.store.coupon_balance(&customer.customer.id)).unwrap(),
            301
        );
    }
}
