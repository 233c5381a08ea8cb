//! Matching bank transfers to coupon orders by their RF reference and amount.
//!
//! Pure: the caller loads which entry keys were imported before and which
//! orders the references name; this module decides, entry by entry, in the
//! order of the file, so that several transfers to one order in one file add
//! up as they would across files.

use std::collections::{HashMap, HashSet};

use serde::Serialize;

use super::money::{Money, CURRENCY};
use super::order::{Order, OrderStatus, TransferSettlement};
use super::rf::RfReference;
use super::statement::{BankEntry, Direction};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// The transfer paid its order in full: coupons credited.
    Matched,
    /// Imported before (same bank reference or same fields): nothing done.
    Duplicate,
    /// Short of the order's total: remembered, nothing credited yet.
    Partial,
    /// More than the total, or a transfer to a paid or closed order: credited
    /// if it completed the order, and the excess flagged for refund.
    Overpaid,
    /// No order named by a reference: kept for staff to match by hand.
    Unmatched,
    /// A debit, a reversal, an entry not booked, or not in euros: reported,
    /// never credited.
    Ignored,
}

impl Outcome {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Matched => "matched",
            Self::Duplicate => "duplicate",
            Self::Partial => "partial",
            Self::Overpaid => "overpaid",
            Self::Unmatched => "unmatched",
            Self::Ignored => "ignored",
        }
    }
}

/// What became of one entry, for the report and for the bank entry's row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    pub index: usize,
    pub key: String,
    pub outcome: Outcome,
    pub order_id: Option<String>,
    /// The amount as the bank gave it (a string, since it may have more than
    /// two decimals or another currency).
    pub amount: String,
    pub currency: String,
    pub amount_cents: Option<i64>,
    pub reference: Option<String>,
    pub remitter: Option<String>,
    pub booking_date: Option<String>,
    pub detail: String,
}

/// A change to an order that the import makes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrderChange {
    /// The order after every transfer of the file.
    pub order: Order,
    /// The bank entry keys that paid into it, with their cents.
    pub payments: Vec<(String, i64)>,
    /// Whether this import completed the payment: credit its coupons.
    pub completed: bool,
    /// Excess to refund, one per entry that brought some, by entry key.
    pub excess: Vec<(String, Money)>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Reconciliation {
    pub lines: Vec<Line>,
    pub changes: Vec<OrderChange>,
}

impl OrderChange {
    pub fn new(order: Order) -> Self {
        Self {
            order,
            payments: Vec::new(),
            completed: false,
            excess: Vec::new(),
        }
    }
}

/// Adds one transfer to an order, as the next in line after those already in
/// `change`; returns the entry's outcome and a sentence for the report.
pub fn apply_transfer(change: &mut OrderChange, key: &str, amount: Money) -> (Outcome, String) {
    change.payments.push((key.to_owned(), amount.cents()));
    match change.order.settle_transfer(amount) {
        TransferSettlement::Partial { received } => {
            change.order.received = received;
            change.order.status = OrderStatus::PartiallyPaid;
            (
                Outcome::Partial,
                format!("{received} of {} received", change.order.vat.total_due),
            )
        }
        TransferSettlement::Paid { received, excess } => {
            change.order.received = received;
            change.order.status = OrderStatus::Paid;
            change.completed = true;
            if excess > Money::ZERO {
                change.excess.push((key.to_owned(), excess));
                (
                    Outcome::Overpaid,
                    format!("paid in full; {excess} over the total due, to refund"),
                )
            } else {
                (Outcome::Matched, "paid in full".into())
            }
        }
        TransferSettlement::Surplus { excess } => {
            change.excess.push((key.to_owned(), excess));
            (
                Outcome::Overpaid,
                format!(
                    "the order is {}; {excess} to refund",
                    change.order.status.as_str()
                ),
            )
        }
    }
}

/// Every reference an entry quotes: structured ones first, then any found in
/// its free text.
pub fn references(entry: &BankEntry) -> Vec<RfReference> {
    let mut found: Vec<RfReference> = entry
        .structured_references
        .iter()
        .filter_map(|reference| RfReference::parse(reference).ok())
        .collect();
    for text in entry
        .structured_references
        .iter()
        .chain(&entry.remittance_text)
    {
        for candidate in RfReference::candidates_in(text) {
            if !found.contains(&candidate) {
                found.push(candidate);
            }
        }
    }
    found
}

/// The amount an entry may credit, or why it is never credited.
fn creditable(entry: &BankEntry) -> Result<Money, String> {
    if entry.direction == Direction::Debit {
        Err("a debit".into())
    } else if entry.reversal {
        Err("a reversal".into())
    } else if !entry.booked {
        Err("not booked".into())
    } else if !entry.currency.eq_ignore_ascii_case(CURRENCY) {
        Err(format!("in {}, not EUR", entry.currency))
    } else {
        entry
            .amount
            .money()
            .ok_or_else(|| "not an amount of whole cents the portal can hold".into())
    }
}

/// Decides every entry of a statement. `seen` holds the keys of entries
/// imported before; `orders` the orders that the file's references name.
pub fn reconcile(
    entries: &[BankEntry],
    seen: &HashSet<String>,
    orders: &HashMap<String, Order>,
) -> Reconciliation {
    let mut lines = Vec::with_capacity(entries.len());
    let mut keys_in_file = HashSet::new();
    let mut changes: Vec<OrderChange> = Vec::new();
    let mut change_of: HashMap<String, usize> = HashMap::new();

    for entry in entries {
        let references = references(entry);
        let mut line = Line {
            index: entry.index,
            key: entry.key.clone(),
            outcome: Outcome::Unmatched,
            order_id: None,
            amount: entry.amount.to_string(),
            currency: entry.currency.clone(),
            amount_cents: entry.amount.money().map(Money::cents),
            reference: references
                .first()
                .map(|r| r.as_str().to_owned())
                .or_else(|| entry.remittance_text.first().cloned()),
            remitter: entry.remitter_name.clone(),
            booking_date: entry.booking_date.map(|d| d.to_string()),
            detail: String::new(),
        };
        if seen.contains(&entry.key) || !keys_in_file.insert(entry.key.clone()) {
            line.outcome = Outcome::Duplicate;
            line.detail = "imported before".into();
            lines.push(line);
            continue;
        }
        let amount = match creditable(entry) {
            Ok(amount) => amount,
            Err(reason) => {
                line.outcome = Outcome::Ignored;
                line.detail = reason;
                lines.push(line);
                continue;
            }
        };
        let Some(reference) = references.iter().find(|r| orders.contains_key(r.as_str())) else {
            line.detail = "no order has this reference".into();
            lines.push(line);
            continue;
        };
        line.reference = Some(reference.as_str().to_owned());
        let base = &orders[reference.as_str()];
        let slot = *change_of.entry(base.id.clone()).or_insert_with(|| {
            changes.push(OrderChange::new(base.clone()));
            changes.len() - 1
        });
        line.order_id = Some(base.id.clone());
        (line.outcome, line.detail) = apply_transfer(&mut changes[slot], &entry.key, amount);
        lines.push(line);
    }
    Reconciliation { lines, changes }
}

/// The report's counts of each outcome.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    pub entries: usize,
    pub matched: usize,
    pub duplicates: usize,
    pub partial: usize,
    pub overpaid: usize,
    pub unmatched: usize,
    pub ignored: usize,
}

impl Counts {
    pub fn of(lines: &[Line]) -> Self {
        let count = |outcome| lines.iter().filter(|line| line.outcome == outcome).count();
        Self {
            entries: lines.len(),
            matched: count(Outcome::Matched),
            duplicates: count(Outcome::Duplicate),
            partial: count(Outcome::Partial),
            overpaid: count(Outcome::Overpaid),
            unmatched: count(Outcome::Unmatched),
            ignored: count(Outcome::Ignored),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::order::{PaymentMethod, Quantity};
    use crate::domain::time::from_unix_millis;

    const REFERENCE: &str = "RF18539007547034";

    /// A domestic buyer's order: 30.50 a coupon with 22 % VAT.
    fn order(quantity: i64) -> Order {
        Order::place(
            "ord_1".into(),
            "cus_1",
            Quantity::parse(quantity).unwrap(),
            PaymentMethod::BankTransfer,
            crate::domain::order::domestic_pricing(false),
            RfReference::parse(REFERENCE).ok(),
            from_unix_millis(0).unwrap(),
            chrono::Duration::days(30),
        )
    }

    fn orders(quantity: i64) -> HashMap<String, Order> {
        HashMap::from([(REFERENCE.to_string(), order(quantity))])
    }

    fn entry(index: usize, amount: &str, text: &str) -> BankEntry {
        BankEntry {
            index,
            booking_date: None,
            amount: crate::domain::statement::StatedAmount::parse(amount).unwrap(),
            currency: "EUR".into(),
            direction: Direction::Credit,
            reversal: false,
            booked: true,
            bank_reference: Some(format!("B{index}")),
            structured_references: Vec::new(),
            remittance_text: vec![text.into()],
            remitter_name: Some("Kovinar".into()),
            key: format!("ref:B{index}"),
        }
    }

    fn outcomes(reconciliation: &Reconciliation) -> Vec<Outcome> {
        reconciliation
            .lines
            .iter()
            .map(|line| line.outcome)
            .collect()
    }

    #[test]
    fn the_exact_amount_with_the_reference_in_free_text_pays_the_order() {
        let result = reconcile(
            &[entry(0, "61.00", "coupons rf18 5390 0754 7034")],
            &HashSet::new(),
            &orders(2),
        );
        assert_eq!(outcomes(&result), [Outcome::Matched]);
        let change = &result.changes[0];
        assert!(change.completed && change.excess.is_empty());
        assert_eq!(change.order.status, OrderStatus::Paid);
        assert_eq!(change.payments, [("ref:B0".to_string(), 6100)]);
    }

    #[test]
    fn a_structured_reference_is_used_first() {
        let mut paid = entry(0, "30.50", "no reference here");
        paid.structured_references = vec![REFERENCE.into()];
        let result = reconcile(&[paid], &HashSet::new(), &orders(1));
        assert_eq!(outcomes(&result), [Outcome::Matched]);
        assert_eq!(result.lines[0].reference.as_deref(), Some(REFERENCE));
    }

    #[test]
    fn an_underpayment_waits_for_the_rest_and_then_credits_once() {
        // The net total (50.00) alone is not enough: the VAT is due too.
        let entries = [entry(0, "50.00", REFERENCE), entry(1, "11.00", REFERENCE)];
        let result = reconcile(&entries, &HashSet::new(), &orders(2));
        assert_eq!(outcomes(&result), [Outcome::Partial, Outcome::Matched]);
        assert_eq!(result.changes.len(), 1);
        assert!(result.changes[0].completed);
        assert_eq!(result.changes[0].order.received.to_string(), "61.00");

        let first_only = reconcile(&entries[..1], &HashSet::new(), &orders(2));
        assert!(!first_only.changes[0].completed);
        assert_eq!(
            first_only.changes[0].order.status,
            OrderStatus::PartiallyPaid
        );
    }

    #[test]
    fn an_overpayment_credits_and_flags_the_excess() {
        let result = reconcile(&[entry(0, "35.50", REFERENCE)], &HashSet::new(), &orders(1));
        assert_eq!(outcomes(&result), [Outcome::Overpaid]);
        assert!(result.changes[0].completed);
        assert_eq!(
            result.changes[0].excess,
            [("ref:B0".to_string(), Money::parse("5.00").unwrap())]
        );
    }

    #[test]
    fn entries_seen_before_or_twice_in_the_file_are_duplicates() {
        let seen = HashSet::from(["ref:B0".to_string()]);
        let entries = [
            entry(0, "30.50", REFERENCE),
            entry(1, "30.50", REFERENCE),
            entry(1, "30.50", REFERENCE),
        ];
        let result = reconcile(&entries, &seen, &orders(1));
        assert_eq!(
            outcomes(&result),
            [Outcome::Duplicate, Outcome::Matched, Outcome::Duplicate]
        );
    }

    #[test]
    fn debits_reversals_pending_foreign_and_fractional_entries_are_ignored() {
        let mut debit = entry(0, "25.00", REFERENCE);
        debit.direction = Direction::Debit;
        let mut reversal = entry(1, "25.00", REFERENCE);
        reversal.reversal = true;
        let mut pending = entry(2, "25.00", REFERENCE);
        pending.booked = false;
        let mut dollars = entry(3, "25.00", REFERENCE);
        dollars.currency = "USD".into();
        let fractional = entry(4, "25.00001", REFERENCE);
        let result = reconcile(
            &[debit, reversal, pending, dollars, fractional],
            &HashSet::new(),
            &orders(1),
        );
        assert_eq!(outcomes(&result), [Outcome::Ignored; 5]);
        assert!(result.changes.is_empty());
    }

    #[test]
    fn an_amount_too_large_to_hold_is_ignored_not_a_panic() {
        let huge = entry(0, "1000000000000000000000000000", REFERENCE);
        let result = reconcile(&[huge], &HashSet::new(), &orders(1));
        assert_eq!(outcomes(&result), [Outcome::Ignored]);
        assert_eq!(result.lines[0].amount_cents, None);
    }

    #[test]
    fn an_unknown_reference_is_unmatched() {
        let result = reconcile(
            &[entry(0, "25.00", "RF71 2345 6789")],
            &HashSet::new(),
            &orders(1),
        );
        assert_eq!(outcomes(&result), [Outcome::Unmatched]);
        let counts = Counts::of(&result.lines);
        assert_eq!((counts.entries, counts.unmatched), (1, 1));
    }

    #[test]
    fn a_transfer_to_a_paid_order_is_all_excess() {
        let mut paid = orders(1);
        paid.get_mut(REFERENCE).unwrap().status = OrderStatus::Paid;
        let result = reconcile(&[entry(0, "25.00", REFERENCE)], &HashSet::new(), &paid);
        assert_eq!(outcomes(&result), [Outcome::Overpaid]);
        assert!(!result.changes[0].completed);
    }
}
