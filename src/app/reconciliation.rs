//! Bank statements uploaded by staff: parsed, matched to orders by RF
//! reference and amount, and written in one batch, however large the file.

use std::collections::{HashMap, HashSet};

use super::invoices::invoices_at_payment;
use super::orders::Credit;
use super::{App, AppError, Caller, Config, Job, StaffIdentity};
use crate::app::BillingError;
use crate::domain::entropy::Entropy;
use crate::domain::invoice::Seller;
use crate::domain::money::Money;
use crate::domain::notification::Recipient;
use crate::domain::number::OrderNumber;
use crate::domain::order::Order;
use crate::domain::reconciliation::{
    self, references, Counts, Line, OrderChange, Outcome, Reconciliation,
};
use crate::domain::statement::{self, Format, Statement as BankFile};
use crate::domain::time::Instant;
use crate::store::{self, BankEntryRecord, BankPayment, Database, Settlement};

/// The report of an import: each entry's outcome, and their counts.
#[derive(Debug, Clone)]
pub struct Report {
    pub statement_id: String,
    pub counts: Counts,
    pub lines: Vec<ReportLine>,
}

#[derive(Debug, Clone)]
pub struct ReportLine {
    pub index: usize,
    pub outcome: Outcome,
    pub order_id: Option<String>,
    /// That order's number (`ORD-2026-00017`), what the desk reads.
    pub order_number: Option<String>,
    pub amount: String,
    pub currency: String,
    pub reference: Option<String>,
    pub remitter: Option<String>,
    pub booking_date: Option<String>,
    pub detail: String,
    /// The bank entry's id, for matching an unmatched one by hand.
    pub bank_entry_id: Option<String>,
}

/// An import as the staff member who made it reads it: the report, and the
/// entries left unmatched after it (those before it, then its own), for
/// matching by hand.
#[derive(Debug, Clone)]
pub struct Imported {
    pub staff: StaffIdentity,
    pub report: Report,
    pub unmatched: Vec<BankEntryRecord>,
}

/// How many unmatched entries an import lists.
const UNMATCHED_SHOWN: usize = 200;

/// The file formats staff upload.
pub enum Upload<'a> {
    Camt(&'a [u8]),
    Csv(&'a [u8]),
}

/// A batch planned from what was read, and what to answer once it commits.
pub(super) struct Planned<T> {
    pub answer: T,
    pub batch: Vec<store::Statement>,
    /// The confirmation emails the batch may write, to deliver if it did.
    pub confirmations: Vec<String>,
}

impl<D: Database> App<D> {
    /// Imports a statement in two round trips, however many entries it has:
    /// the caller, the entries seen before and the orders the file names
    /// (with their confirmations' addresses) in one batch, every write in
    /// the next.
    pub async fn import_statement(
        &self,
        caller: &Caller,
        upload: Upload<'_>,
        now: Instant,
        entropy: &mut Entropy,
    ) -> Result<(Imported, Vec<Job>), AppError> {
        let planned = self.plan_import(caller, upload, now, entropy).await?;
        self.store.write(planned.batch).await?;
        Ok((planned.answer, deliveries(planned.confirmations)))
    }

    /// Reads what an import needs, matches the file, and plans its batch. A
    /// file that is not a statement is refused once the caller is known.
    pub(super) async fn plan_import(
        &self,
        caller: &Caller,
        upload: Upload<'_>,
        now: Instant,
        entropy: &mut Entropy,
    ) -> Result<Planned<Imported>, AppError> {
        let parsed = match upload {
            Upload::Camt(bytes) => statement::parse_camt(bytes),
            Upload::Csv(bytes) => statement::parse_csv(bytes),
        };
        let file: BankFile = match parsed {
            Ok(file) => file,
            Err(error) => {
                self.identify(caller).await?;
                return Err(AppError::Billing(BillingError::Statement(error)));
            }
        };

        let keys: Vec<String> = file.entries.iter().map(|e| e.key.clone()).collect();
        let mut wanted: Vec<String> = file
            .entries
            .iter()
            .flat_map(references)
            .map(|r| r.as_str().to_owned())
            .collect();
        wanted.sort();
        wanted.dedup();
        let shown = i64::try_from(UNMATCHED_SHOWN).unwrap_or(i64::MAX);
        let (principal, (mut unmatched, known_keys, named_orders)) = self
            .read_as(
                caller,
                (
                    store::unmatched_bank_entries(shown),
                    store::known_entry_keys(&keys),
                    store::orders_by_references(&wanted),
                ),
            )
            .await?;
        let staff = principal.staff()?;
        let seen: HashSet<String> = known_keys.into_iter().flatten().collect();
        let mut orders: HashMap<String, Order> = HashMap::new();
        let mut addresses: HashMap<String, Recipient> = HashMap::new();
        let mut numbers: HashMap<String, OrderNumber> = HashMap::new();
        for chunk in named_orders {
            for (record, address) in chunk {
                if let Some(number) = &record.number {
                    numbers.insert(record.order.id.clone(), number.clone());
                }
                if let Some(address) = address {
                    addresses.insert(record.order.id.clone(), address);
                }
                if let Some(reference) = &record.order.rf_reference {
                    orders.insert(reference.as_str().to_owned(), record.order);
                }
            }
        }

        let decided = reconciliation::reconcile(&file.entries, &seen, &orders);
        let statement_id = entropy.id("stm");
        let format_name = match file.format {
            Format::Camt053 => "camt.053",
            Format::Camt054 => "camt.054",
            Format::Csv => "csv",
        };
        let (statements, confirmations, entry_ids) = reconciliation_writes(
            &statement_id,
            &decided,
            &addresses,
            &numbers,
            &self.config,
            now,
            entropy,
        );
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
                        &numbers,
                    )
                })
                .collect(),
        };
        unmatched.extend(
            decided
                .lines
                .iter()
                .filter(|line| line.outcome == Outcome::Unmatched)
                .filter_map(|line| Some(unmatched_entry(line, entry_ids.get(&line.key)?, now))),
        );
        unmatched.truncate(UNMATCHED_SHOWN);
        let summary = serde_json::to_string(&report.counts).unwrap_or_default();
        let mut batch = vec![store::insert_statement(
            &statement_id,
            format_name,
            decided.lines.len(),
            &summary,
            now,
        )];
        batch.extend(statements);
        Ok(Planned {
            answer: Imported {
                staff,
                report,
                unmatched,
            },
            batch,
            confirmations,
        })
    }

    /// Staff match an unmatched bank entry to an order by hand: one entry
    /// pays one order, once, however many staff match it at the same moment
    /// (the second batch fails whole: 409 already matched). The caller, the
    /// entry and the order are read in one batch, the match written in the
    /// next.
    pub async fn match_bank_entry(
        &self,
        caller: &Caller,
        entry_id: &str,
        order_id: &str,
        now: Instant,
        entropy: &mut Entropy,
    ) -> Result<(ReportLine, Vec<Job>), AppError> {
        let planned = self
            .plan_match(caller, entry_id, order_id, now, entropy)
            .await?;
        self.commit_match(planned).await
    }

    pub(super) async fn plan_match(
        &self,
        caller: &Caller,
        entry_id: &str,
        order_id: &str,
        now: Instant,
        entropy: &mut Entropy,
    ) -> Result<Planned<ReportLine>, AppError> {
        let (principal, (entry, order)) = self
            .read_as(
                caller,
                (
                    store::bank_entry(entry_id),
                    store::order_to_confirm(order_id),
                ),
            )
            .await?;
        principal.staff()?;
        let entry = entry.ok_or(AppError::NotFound)?;
        if entry.outcome != Outcome::Unmatched.as_str() {
            return Err(AppError::Billing(BillingError::AlreadyMatched));
        }
        let (record, address) = order.ok_or(AppError::Billing(BillingError::UnknownOrder))?;
        let amount = Money::from_cents(entry.amount_cents)
            .ok_or(AppError::Billing(BillingError::AlreadyMatched))?;
        let number = record.number.clone();
        let mut change = OrderChange::new(record.order);
        let (line_outcome, detail) =
            reconciliation::apply_transfer(&mut change, &entry.key, amount);
        let payment = BankPayment {
            id: entropy.id("pay"),
            order_id: order_id.to_owned(),
            entry_id: entry_id.to_owned(),
            entry_key: entry.key.clone(),
            cents: entry.amount_cents,
            task_id: entropy.id("tsk"),
        };
        let base_url = &self.config.public_base_url;
        let settlements = vec![settlement(
            &change.order,
            number.as_ref(),
            address.as_ref(),
            base_url,
            now,
            entropy,
        )];
        let mut batch = vec![
            store::match_bank_entry(entry_id, order_id, line_outcome.as_str(), now),
            store::insert_matched_payment(&payment, now),
        ];
        batch.extend(settle(
            &settlements,
            std::slice::from_ref(&payment),
            &self.config.seller,
            now,
        ));
        let line = ReportLine {
            index: 0,
            outcome: line_outcome,
            order_id: Some(order_id.to_owned()),
            order_number: number.as_ref().map(|n| n.as_str().to_owned()),
            amount: amount.to_string(),
            currency: entry.currency,
            reference: entry.reference,
            remitter: entry.remitter,
            booking_date: entry.booking_date,
            detail: format!("matched by staff: {detail}"),
            bank_entry_id: Some(entry.id),
        };
        Ok(Planned {
            answer: line,
            batch,
            confirmations: confirmation_ids(&settlements),
        })
    }

    pub(super) async fn commit_match(
        &self,
        planned: Planned<ReportLine>,
    ) -> Result<(ReportLine, Vec<Job>), AppError> {
        match self.store.write(planned.batch).await {
            Ok(_) => {}
            Err(error) if store::is_matched_already(&error) => {
                return Err(AppError::Billing(BillingError::AlreadyMatched))
            }
            Err(error) => return Err(error.into()),
        }
        Ok((planned.answer, deliveries(planned.confirmations)))
    }
}

/// Everything an import writes, as statements for one batch. The report
/// says what the file did to the orders as they were read; the money
/// (received amounts, statuses, coupons, refunds of excess) is settled in
/// the batch from the payments it finds there (`store::settle_transfers`),
/// so an import racing another import or a staff match loses nothing and
/// credits nothing twice.
fn reconciliation_writes(
    statement_id: &str,
    decided: &Reconciliation,
    addresses: &HashMap<String, Recipient>,
    numbers: &HashMap<String, OrderNumber>,
    config: &Config,
    now: Instant,
    entropy: &mut Entropy,
) -> (Vec<store::Statement>, Vec<String>, HashMap<String, String>) {
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
    let payments: Vec<BankPayment> = decided
        .changes
        .iter()
        .flat_map(|change| {
            change
                .payments
                .iter()
                .map(move |(key, cents)| (change.order.id.as_str(), key, *cents))
        })
        .filter_map(|(order_id, key, cents)| {
            Some(BankPayment {
                id: entropy.id("pay"),
                order_id: order_id.to_owned(),
                entry_id: entry_ids.get(key)?.clone(),
                entry_key: key.clone(),
                cents,
                task_id: entropy.id("tsk"),
            })
        })
        .collect();
    statements.extend(store::insert_bank_payments(&payments, now));
    let settlements: Vec<Settlement> = decided
        .changes
        .iter()
        .map(|change| {
            let address = addresses.get(&change.order.id);
            settlement(
                &change.order,
                numbers.get(&change.order.id),
                address,
                &config.public_base_url,
                now,
                entropy,
            )
        })
        .collect();
    statements.extend(settle(&settlements, &payments, &config.seller, now));
    (statements, confirmation_ids(&settlements), entry_ids)
}

/// The settlement of `settlements`' orders from the batch's payments, and
/// the invoices of those it completes, after it in the same batch.
fn settle(
    settlements: &[Settlement],
    payments: &[BankPayment],
    seller: &Seller,
    now: Instant,
) -> Vec<store::Statement> {
    let mut statements = store::settle_transfers(settlements, payments, now);
    let invoices: Vec<(&str, &str)> = settlements
        .iter()
        .map(|s| (s.invoice_id.as_str(), s.order_id.as_str()))
        .collect();
    statements.extend(invoices_at_payment(&invoices, seller, now));
    statements
}

/// What an order writes should the batch's payments complete it: its
/// purchase entry and confirmation (to `address`), keyed by the order so
/// that one of each is written however the payment arrives.
fn settlement(
    order: &Order,
    number: Option<&OrderNumber>,
    address: Option<&Recipient>,
    base_url: &str,
    now: Instant,
    entropy: &mut Entropy,
) -> Settlement {
    let credit = Credit::new(order, number, address, base_url, now, entropy);
    Settlement {
        order_id: order.id.clone(),
        entry_id: credit.entry.id,
        invoice_id: credit.invoice_id,
        confirmation: credit.confirmation,
    }
}

/// Delivery jobs for the confirmations a batch may have written: the batch
/// settles from what it finds, so some may not exist; their jobs find no
/// message and do nothing.
fn deliveries(confirmations: Vec<String>) -> Vec<Job> {
    confirmations
        .into_iter()
        .map(|outbox_id| Job::DeliverEmail { outbox_id })
        .collect()
}

fn confirmation_ids(settlements: &[Settlement]) -> Vec<String> {
    settlements
        .iter()
        .filter_map(|s| s.confirmation.as_ref().map(|(id, _)| id.clone()))
        .collect()
}

/// An entry this import keeps unmatched, as written.
fn unmatched_entry(line: &Line, id: &str, now: Instant) -> BankEntryRecord {
    BankEntryRecord {
        id: id.to_owned(),
        key: line.key.clone(),
        booking_date: line.booking_date.clone(),
        amount_cents: line.amount_cents.unwrap_or(0),
        currency: line.currency.clone(),
        reference: line.reference.clone(),
        remitter: line.remitter.clone(),
        outcome: line.outcome.as_str().to_owned(),
        order_id: line.order_id.clone(),
        created_at: now,
    }
}

fn report_line(
    line: &Line,
    bank_entry_id: Option<&String>,
    numbers: &HashMap<String, OrderNumber>,
) -> ReportLine {
    ReportLine {
        index: line.index,
        outcome: line.outcome,
        order_id: line.order_id.clone(),
        order_number: line
            .order_id
            .as_ref()
            .and_then(|id| numbers.get(id))
            .map(|number| number.as_str().to_owned()),
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
    use crate::app::testing::{app, customer, entropy, now, run, staff_member, StandInStripe};
    use crate::domain::order::{OrderStatus, PaymentMethod, Quantity};
    use crate::store::sqlite::Sqlite;

    fn bank_order(
        app: &App<Sqlite>,
        customer: &crate::app::CustomerPrincipal,
        quantity: i64,
        seed: u8,
    ) -> Order {
        run(app.place_order::<StandInStripe>(
            &crate::app::Caller::customer(customer.clone(), now()),
            Quantity::parse(quantity).unwrap(),
            PaymentMethod::BankTransfer,
            None,
            now(),
            &mut entropy(seed),
        ))
        .unwrap()
        .record
        .order
    }

    /// A CSV statement with one transfer of `amount` quoting `text`.
    fn csv(amount: &str, text: &str, bank_reference: &str) -> String {
        format!(
            "booking date,amount,currency,reference,remitter,bank reference\n\
             2026-11-26,{amount},EUR,{text},Kovinar,{bank_reference}\n"
        )
    }

    fn status_and_received(app: &App<Sqlite>, order: &Order) -> (OrderStatus, i64) {
        let order = run(app.store.order(&order.id)).unwrap().unwrap().order;
        (order.status, order.received.cents())
    }

    fn purchases(app: &App<Sqlite>, customer: &crate::app::CustomerPrincipal) -> usize {
        run(app.ledger(&customer.customer.id))
            .unwrap()
            .iter()
            .filter(|e| e.kind == crate::domain::ledger::EntryKind::Purchase)
            .count()
    }

    fn excess_refunds(app: &App<Sqlite>, order: &Order) -> Vec<i64> {
        run(app.store.open_staff_tasks(500))
            .unwrap()
            .into_iter()
            .filter(|(t, _)| t.kind == "refund_excess" && t.order_id.as_deref() == Some(&order.id))
            .filter_map(|(t, _)| t.amount_cents)
            .collect()
    }

    #[test]
    fn a_stale_match_of_an_entry_matched_meanwhile_fails_whole() {
        let app = app();
        let customer = customer(&app, "ana@kovinar.si", 1);
        let first = bank_order(&app, &customer, 1, 10);
        let second = bank_order(&app, &customer, 1, 11);
        let (report, _) = run(app.import_statement(
            &staff_member(),
            Upload::Csv(csv("30.50", "coupons please", "B-1").as_bytes()),
            now(),
            &mut entropy(12),
        ))
        .unwrap();
        let entry = report.report.lines[0].bank_entry_id.clone().unwrap();
        // Both staff read the entry unmatched before either writes.
        let one = run(app.plan_match(&staff_member(), &entry, &first.id, now(), &mut entropy(13)))
            .unwrap();
        let other =
            run(app.plan_match(&staff_member(), &entry, &second.id, now(), &mut entropy(14)))
                .unwrap();
        run(app.commit_match(one)).unwrap();
        let stale = run(app.commit_match(other));
        assert!(
            matches!(stale, Err(AppError::Billing(BillingError::AlreadyMatched))),
            "{stale:?}"
        );
        assert_eq!(
            run(app.store.coupon_balance(&customer.customer.id)).unwrap(),
            1 + 1
        );
        assert_eq!(status_and_received(&app, &first), (OrderStatus::Paid, 3050));
        assert_eq!(
            status_and_received(&app, &second),
            (OrderStatus::AwaitingPayment, 0)
        );
        // Matched again to the same order, it pays nothing twice either.
        let again =
            run(app.match_bank_entry(&staff_member(), &entry, &first.id, now(), &mut entropy(15)));
        assert!(
            matches!(again, Err(AppError::Billing(BillingError::AlreadyMatched))),
            "{again:?}"
        );
        assert_eq!(status_and_received(&app, &first), (OrderStatus::Paid, 3050));
        assert_eq!(purchases(&app, &customer), 1);
    }

    #[test]
    fn partial_transfers_planned_from_the_same_read_all_count() {
        let app = app();
        let customer = customer(&app, "ana@kovinar.si", 1);
        let order = bank_order(&app, &customer, 2, 10);
        let reference = order.rf_reference.clone().unwrap();
        // Three imports read the order unpaid before any of them writes:
        // 20 + 41 pay the order's 61.00 due (50.00 and 22 % VAT), the last
        // 25.00 is beyond its total due.
        let planned: Vec<_> = [("20.00", "B-1"), ("41.00", "B-2"), ("25.00", "B-3")]
            .iter()
            .enumerate()
            .map(|(n, (amount, bank))| {
                let file = csv(amount, reference.as_str(), bank);
                run(app.plan_import(
                    &staff_member(),
                    Upload::Csv(file.as_bytes()),
                    now(),
                    &mut entropy(20 + n as u8),
                ))
                .unwrap()
            })
            .collect();
        for import in &planned {
            assert_eq!(
                import.answer.report.lines[0].outcome,
                Outcome::Partial,
                "each read 0.00"
            );
        }
        for import in planned {
            run(app.store.write(import.batch)).unwrap();
        }
        assert_eq!(status_and_received(&app, &order), (OrderStatus::Paid, 8600));
        assert_eq!(
            run(app.store.coupon_balance(&customer.customer.id)).unwrap(),
            1 + 2
        );
        assert_eq!(purchases(&app, &customer), 1);
        assert_eq!(excess_refunds(&app, &order), [2500]);
    }

    #[test]
    fn the_same_file_imported_twice_at_once_pays_once() {
        let app = app();
        let customer = customer(&app, "ana@kovinar.si", 1);
        let order = bank_order(&app, &customer, 2, 10);
        let file = csv(
            "61.00",
            order.rf_reference.as_ref().unwrap().as_str(),
            "B-1",
        );
        let one = run(app.plan_import(
            &staff_member(),
            Upload::Csv(file.as_bytes()),
            now(),
            &mut entropy(20),
        ))
        .unwrap();
        let two = run(app.plan_import(
            &staff_member(),
            Upload::Csv(file.as_bytes()),
            now(),
            &mut entropy(21),
        ))
        .unwrap();
        run(app.store.write(one.batch)).unwrap();
        run(app.store.write(two.batch)).unwrap();
        assert_eq!(status_and_received(&app, &order), (OrderStatus::Paid, 6100));
        assert_eq!(
            run(app.store.coupon_balance(&customer.customer.id)).unwrap(),
            1 + 2
        );
        assert!(excess_refunds(&app, &order).is_empty());
    }

    #[test]
    fn a_late_transfer_to_an_invoiced_order_emails_no_link_to_another_invoice() {
        let app = app();
        let customer = customer(&app, "ana@kovinar.si", 1);
        let order = bank_order(&app, &customer, 1, 10);
        let reference = order.rf_reference.as_ref().unwrap().as_str().to_owned();
        // Its one contact erased (the only way an organisation is left with
        // no active contact), then one active again (a colleague who joined).
        let contacts = |status: &str| {
            let gone = (status == "removed").then_some("2026-11-26T08:00:00Z");
            store::Statement::new(
                "UPDATE contacts SET status = ?2, removed_at = ?3, erased_at = ?3 WHERE customer_id = ?1",
                vec![customer.customer.id.as_str().into(), status.into(), gone.into()],
            )
        };
        let import = |file: String, seed: u8| {
            run(app.import_statement(
                &staff_member(),
                Upload::Csv(file.as_bytes()),
                now(),
                &mut entropy(seed),
            ))
            .unwrap()
        };
        // Paid and invoiced while the organisation had no one to tell.
        run(app.store.write(vec![contacts("removed")])).unwrap();
        import(csv("30.50", &reference, "B-1"), 20);
        run(app.store.write(vec![contacts("active")])).unwrap();
        // A second transfer to the paid order: its excess is for staff, and
        // no confirmation links an invoice id the batch does not issue.
        import(csv("30.50", &reference, "B-2"), 21);
        assert_eq!(excess_refunds(&app, &order), [3050]);
        let invoices = run(app.store.query(store::Statement::new(
            "SELECT id FROM invoices WHERE order_id = ?1",
            vec![order.id.as_str().into()],
        )))
        .unwrap();
        assert_eq!(invoices.len(), 1);
        let confirmations = run(app.store.query(store::Statement::new(
            "SELECT body_text FROM outbox WHERE id = ?1",
            vec![format!("msg_paid_{}", order.id).into()],
        )))
        .unwrap();
        assert!(confirmations.is_empty(), "{confirmations:?}");
    }

    #[test]
    fn a_transfer_planned_before_a_cancel_still_pays_the_order() {
        let app = app();
        let customer = customer(&app, "ana@kovinar.si", 1);
        let order = bank_order(&app, &customer, 1, 10);
        let file = csv(
            "30.50",
            order.rf_reference.as_ref().unwrap().as_str(),
            "B-1",
        );
        let import = run(app.plan_import(
            &staff_member(),
            Upload::Csv(file.as_bytes()),
            now(),
            &mut entropy(20),
        ))
        .unwrap();
        run(app.cancel_order(
            &crate::app::Caller::customer(customer.clone(), now()),
            &order.id,
            now(),
        ))
        .unwrap();
        run(app.store.write(import.batch)).unwrap();
        assert_eq!(status_and_received(&app, &order), (OrderStatus::Paid, 3050));
        assert_eq!(
            run(app.store.coupon_balance(&customer.customer.id)).unwrap(),
            1 + 1
        );
        // And a transfer for an order cancelled before it was read pays it too.
        let cancelled = bank_order(&app, &customer, 1, 11);
        run(app.cancel_order(
            &crate::app::Caller::customer(customer.clone(), now()),
            &cancelled.id,
            now(),
        ))
        .unwrap();
        let file = csv(
            "30.50",
            cancelled.rf_reference.as_ref().unwrap().as_str(),
            "B-2",
        );
        let (report, jobs) = run(app.import_statement(
            &staff_member(),
            Upload::Csv(file.as_bytes()),
            now(),
            &mut entropy(21),
        ))
        .unwrap();
        assert_eq!(report.report.lines[0].outcome, Outcome::Matched);
        assert_eq!(jobs.len(), 1, "the confirmation email");
        assert_eq!(
            status_and_received(&app, &cancelled),
            (OrderStatus::Paid, 3050)
        );
        assert_eq!(
            run(app.store.coupon_balance(&customer.customer.id)).unwrap(),
            1 + 2
        );
    }

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
                &crate::app::Caller::customer(customer.clone(), now()),
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
                "2026-11-26,30.50,EUR,{text},Customer {n},BANK-{n}\n"
            ));
        }
        let before = app.store.db().queries();
        let (report, jobs) = run(app.import_statement(
            &staff_member(),
            Upload::Csv(csv.as_bytes()),
            now(),
            &mut Entropy::new([9; 32]),
        ))
        .unwrap();
        let queries = app.store.db().queries() - before;
        assert_eq!(report.report.counts.entries, 10_000);
        assert_eq!(
            (report.report.counts.matched, report.report.counts.unmatched),
            (300, 9_700)
        );
        assert_eq!(jobs.len(), 300);
        assert!(queries < 1_000, "{queries} queries");
        assert_eq!(
            run(app.store.coupon_balance(&customer.customer.id)).unwrap(),
            1 + 300
        );

        let again = run(app.import_statement(
            &staff_member(),
            Upload::Csv(csv.as_bytes()),
            now(),
            &mut Entropy::new([10; 32]),
        ))
        .unwrap();
        assert_eq!(again.0.report.counts.duplicates, 10_000);
        assert_eq!(
            run(app.store.coupon_balance(&customer.customer.id)).unwrap(),
            301
        );
    }
}
