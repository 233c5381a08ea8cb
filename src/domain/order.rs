//! Orders of support coupons, their price, and what a payment does to them.
//!
//! One coupon buys 15 minutes of direct support and costs EUR 25.00; with
//! SUPS coverage it costs 40 % less, EUR 15.00 (the seed's SUPS terms).
//! Prices are net; VAT follows the buyer (domain::vat) and the order keeps
//! the amounts it was placed with: a payment completes it when its total
//! due (net plus VAT) has arrived.

use chrono::Duration;

use super::country::Country;
use super::field::Invalid;
use super::messages as m;
use super::money::Money;
use super::rf::RfReference;
use super::time::Instant;
use super::vat::{Amounts, Treatment};

/// The list price of one coupon, in euro cents.
const COUPON_LIST_PRICE_CENTS: i64 = 2500;
/// The discount on coupons for customers with SUPS coverage, in percent.
pub const SUPS_DISCOUNT_PERCENT: u32 = 40;
/// The most coupons one order may buy.
pub const MAX_QUANTITY: u32 = 200;
/// How long an unpaid order waits for its payment, unless configured.
pub const DEFAULT_LIFETIME_DAYS: i64 = 30;

/// The price of one coupon for a customer, with or without SUPS coverage.
pub fn unit_price(sups_active: bool) -> Money {
    let list = Money::from_cents(COUPON_LIST_PRICE_CENTS).expect("a positive list price");
    if !sups_active {
        return list;
    }
    list.share(100 - SUPS_DISCOUNT_PERCENT, 100)
}

/// How many coupons an order buys: 1 to 200.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Quantity(u32);

impl Quantity {
    pub fn parse(quantity: i64) -> Result<Self, Invalid> {
        u32::try_from(quantity)
            .ok()
            .filter(|q| (1..=MAX_QUANTITY).contains(q))
            .map(Self)
            .ok_or_else(|| {
                Invalid::said("range", |l| {
                    m::field_whole_number_up_to(l, &MAX_QUANTITY.to_string())
                })
            })
    }

    pub fn get(self) -> u32 {
        self.0
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PaymentMethod {
    Card,
    BankTransfer,
}

impl PaymentMethod {
    pub fn parse(text: &str) -> Result<Self, Invalid> {
        match text {
            "card" => Ok(Self::Card),
            "bank_transfer" => Ok(Self::BankTransfer),
            _ => Err(Invalid::said("invalid", m::field_payment_method)),
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Card => "card",
            Self::BankTransfer => "bank_transfer",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OrderStatus {
    AwaitingPayment,
    /// Bank transfers so far sum to less than the total: nothing credited yet.
    PartiallyPaid,
    Paid,
    /// The card payment failed.
    Failed,
    Cancelled,
    /// Unpaid past its lifetime; a late payment still pays it.
    Expired,
    /// A payment did not fit the order (amount or currency): staff decide.
    Review,
}

const STATUSES: [(OrderStatus, &str); 7] = [
    (OrderStatus::AwaitingPayment, "awaiting_payment"),
    (OrderStatus::PartiallyPaid, "partially_paid"),
    (OrderStatus::Paid, "paid"),
    (OrderStatus::Failed, "failed"),
    (OrderStatus::Cancelled, "cancelled"),
    (OrderStatus::Expired, "expired"),
    (OrderStatus::Review, "review"),
];

impl OrderStatus {
    pub fn as_str(self) -> &'static str {
        STATUSES
            .iter()
            .find(|(status, _)| *status == self)
            .map_or("", |(_, text)| text)
    }

    pub fn parse(text: &str) -> Option<Self> {
        STATUSES
            .iter()
            .find(|(_, name)| *name == text)
            .map(|(status, _)| *status)
    }
}

/// How staff settle an order whose payment went to review.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReviewSettlement {
    /// Accept the payment: the order is paid and its coupons credited.
    Credit,
    /// Send the money back: the order is cancelled, nothing credited.
    Refund,
    /// Close the order without crediting it.
    Cancel,
}

impl ReviewSettlement {
    pub fn parse(text: &str) -> Result<Self, Invalid> {
        match text.trim() {
            "credit" => Ok(Self::Credit),
            "refund" => Ok(Self::Refund),
            "cancel" => Ok(Self::Cancel),
            _ => Err(Invalid::said("invalid", m::field_correction_kind)),
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Credit => "credit",
            Self::Refund => "refund",
            Self::Cancel => "cancel",
        }
    }

    /// The status the settled order ends in.
    pub fn status(self) -> OrderStatus {
        match self {
            Self::Credit => OrderStatus::Paid,
            Self::Refund | Self::Cancel => OrderStatus::Cancelled,
        }
    }
}

/// The statuses in which money received counts toward the order's total.
///
/// A cancelled order is among them: a payment that arrives after (or races)
/// the customer's cancel still pays the order and credits its coupons, as
/// Stripe fulfils a completed checkout whatever happened to the cart. Money
/// received is never lost to a cancel, and the outcome does not depend on
/// which of the two came first. A paid, failed or reviewed order takes no
/// more: what arrives for it is flagged for refund.
pub const PAYABLE: [OrderStatus; 4] = [
    OrderStatus::AwaitingPayment,
    OrderStatus::PartiallyPaid,
    OrderStatus::Expired,
    OrderStatus::Cancelled,
];

/// The buyer's VAT facts when an order was placed, kept with it so that
/// its invoice states what applied then.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrderBuyer {
    pub country: Country,
    /// The VAT number the customer held (reverse charge needs one that VIES
    /// confirmed; for other categories it is shown as given).
    pub vat_id: Option<String>,
    /// Why the sale was not zero-rated where it could have been (none for
    /// orders before migration 0019).
    pub vat_note: Option<super::vat::VatNote>,
}

/// What prices an order: SUPS coverage sets the net unit price, the VAT
/// treatment (decided from `buyer`) the VAT on it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pricing {
    pub sups_active: bool,
    pub treatment: Treatment,
    pub buyer: OrderBuyer,
}

/// An order of coupons.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Order {
    pub id: String,
    pub customer_id: String,
    pub quantity: Quantity,
    /// Net, per coupon.
    pub unit_price: Money,
    /// Net, quantity × unit price (equal to `vat.net`).
    pub total: Money,
    /// VAT category and rate, the VAT and the total due (gross).
    pub vat: Amounts,
    pub buyer: OrderBuyer,
    pub method: PaymentMethod,
    pub status: OrderStatus,
    /// What bank transfers have brought so far.
    pub received: Money,
    /// The reference a bank transfer quotes.
    pub rf_reference: Option<RfReference>,
    pub created_at: Instant,
    pub expires_at: Instant,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum OrderError {
    #[error("only an unpaid order can be cancelled")]
    NotCancellable,
}

/// What a card payment confirmed by the payment provider does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CardSettlement {
    /// Paid: credit the order's coupons.
    Paid,
    /// Paid before: nothing more to do.
    AlreadyPaid,
    /// The amount or currency is not the order's, or the order was closed:
    /// nothing is credited, staff review it.
    Review(String),
}

/// What a bank transfer does to its order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TransferSettlement {
    /// The transfers now cover the total: credit the coupons. `excess` is
    /// what was paid beyond the total, to be refunded.
    Paid { received: Money, excess: Money },
    /// Still short of the total: remember the amount, credit nothing yet.
    Partial { received: Money },
    /// The order was paid or closed before: all of it is to be refunded.
    Surplus { excess: Money },
}

impl Order {
    /// Places an order at today's price and VAT, which the order keeps.
    #[allow(clippy::too_many_arguments)]
    pub fn place(
        id: String,
        customer_id: &str,
        quantity: Quantity,
        method: PaymentMethod,
        pricing: Pricing,
        rf_reference: Option<RfReference>,
        now: Instant,
        lifetime: Duration,
    ) -> Self {
        let unit_price = unit_price(pricing.sups_active);
        let total = unit_price.times(quantity.get());
        Self {
            id,
            customer_id: customer_id.to_owned(),
            quantity,
            unit_price,
            total,
            vat: pricing.treatment.apply(total),
            buyer: pricing.buyer,
            method,
            status: OrderStatus::AwaitingPayment,
            received: Money::ZERO,
            rf_reference,
            created_at: now,
            expires_at: now + lifetime,
        }
    }

    /// The status as of `now`: an unpaid order past its lifetime is expired.
    pub fn status_at(&self, now: Instant) -> OrderStatus {
        match self.status {
            OrderStatus::AwaitingPayment if now >= self.expires_at => OrderStatus::Expired,
            status => status,
        }
    }

    /// The customer may cancel an order while nothing is paid.
    pub fn cancel(&self, now: Instant) -> Result<(), OrderError> {
        match self.status_at(now) {
            OrderStatus::AwaitingPayment | OrderStatus::Expired => Ok(()),
            _ => Err(OrderError::NotCancellable),
        }
    }

    /// What the order still asks for: the total due less what transfers
    /// have brought.
    pub fn outstanding(&self) -> Money {
        self.vat.total_due.saturating_minus(self.received)
    }

    /// A card payment must be exactly the order's total due, in euros.
    pub fn settle_card(&self, amount_cents: i64, currency: &str) -> CardSettlement {
        match self.status {
            OrderStatus::Paid => CardSettlement::AlreadyPaid,
            OrderStatus::Review => CardSettlement::Review(format!(
                "card payment for an order that is {}",
                self.status.as_str()
            )),
            _ if !currency.eq_ignore_ascii_case(super::money::CURRENCY) => {
                CardSettlement::Review(format!("paid in {currency}, the order is in EUR"))
            }
            _ if amount_cents != self.vat.total_due.cents() => CardSettlement::Review(format!(
                "paid {} cents, the order's total due is {} cents",
                amount_cents,
                self.vat.total_due.cents()
            )),
            _ => CardSettlement::Paid,
        }
    }

    /// Adds a bank transfer to what the order has received; the transfers
    /// pay it once they add up to the total due.
    pub fn settle_transfer(&self, amount: Money) -> TransferSettlement {
        match self.status {
            OrderStatus::AwaitingPayment
            | OrderStatus::PartiallyPaid
            | OrderStatus::Expired
            | OrderStatus::Cancelled => {
                let received = self.received.plus(amount);
                if received < self.vat.total_due {
                    TransferSettlement::Partial { received }
                } else {
                    TransferSettlement::Paid {
                        received,
                        excess: received.saturating_minus(self.vat.total_due),
                    }
                }
            }
            OrderStatus::Paid | OrderStatus::Failed | OrderStatus::Review => {
                TransferSettlement::Surplus { excess: amount }
            }
        }
    }

    /// Coupons a refund of `refunded_cents` in all takes back: whole coupons
    /// at the order's gross price (its total due over its quantity, so that
    /// refunding the total due takes back every coupon even when VAT on the
    /// total rounds differently from VAT on one coupon), never more than it
    /// bought.
    pub fn coupons_refunded(&self, refunded_cents: i64) -> i64 {
        let quantity = i64::from(self.quantity.get());
        let due = self.vat.total_due.cents().max(1);
        let coupons = i128::from(refunded_cents.max(0)) * i128::from(quantity) / i128::from(due);
        i64::try_from(coupons).unwrap_or(i64::MAX).min(quantity)
    }
}

/// A domestic (Slovenian) buyer's pricing at 22 %, for tests.
#[cfg(test)]
pub(crate) fn domestic_pricing(sups_active: bool) -> Pricing {
    Pricing {
        sups_active,
        treatment: Treatment {
            category: super::vat::VatCategory::Standard,
            rate: super::vat::VatRate::from_basis_points(2200).expect("22 %"),
        },
        buyer: OrderBuyer {
            country: Country::parse("SI").expect("an ISO code"),
            vat_id: None,
            vat_note: None,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::time::from_unix_millis;
    use crate::domain::vat::{VatCategory, VatRate};

    fn now() -> Instant {
        from_unix_millis(1_795_000_000_000).unwrap()
    }

    /// An order of a domestic (Slovenian) buyer at 22 %.
    fn order(quantity: i64, sups: bool) -> Order {
        Order::place(
            "ord_1".into(),
            "cus_1",
            Quantity::parse(quantity).unwrap(),
            PaymentMethod::BankTransfer,
            domestic_pricing(sups),
            None,
            now(),
            Duration::days(DEFAULT_LIFETIME_DAYS),
        )
    }

    fn eur(text: &str) -> Money {
        Money::parse(text).unwrap()
    }

    #[test]
    fn a_coupon_costs_25_euros_and_15_with_sups() {
        assert_eq!(unit_price(false).to_string(), "25.00");
        assert_eq!(unit_price(true).to_string(), "15.00");
    }

    #[test]
    fn the_total_is_quantity_times_the_unit_price() {
        assert_eq!(order(3, false).total.to_string(), "75.00");
        assert_eq!(order(200, true).total.to_string(), "3000.00");
    }

    #[test]
    fn the_order_keeps_its_vat_and_total_due() {
        let order = order(3, false);
        assert_eq!(order.vat.net, order.total);
        assert_eq!(order.vat.vat.to_string(), "16.50");
        assert_eq!(order.vat.total_due.to_string(), "91.50");
        assert_eq!(order.outstanding().to_string(), "91.50");
        let reverse = Order::place(
            "ord_2".into(),
            "cus_2",
            Quantity::parse(3).unwrap(),
            PaymentMethod::Card,
            Pricing {
                treatment: Treatment {
                    category: VatCategory::ReverseCharge,
                    rate: VatRate::ZERO,
                },
                ..domestic_pricing(false)
            },
            None,
            now(),
            Duration::days(1),
        );
        assert_eq!(reverse.vat.total_due, reverse.total);
        assert_eq!(reverse.settle_card(7500, "eur"), CardSettlement::Paid);
    }

    #[test]
    fn quantities_run_from_1_to_200() {
        assert!(Quantity::parse(1).is_ok() && Quantity::parse(200).is_ok());
        for bad in [0, -1, 201, i64::MAX] {
            assert_eq!(Quantity::parse(bad).unwrap_err().code, "range");
        }
    }

    #[test]
    fn an_unpaid_order_expires_and_may_still_be_cancelled() {
        let order = order(1, false);
        assert_eq!(order.status_at(now()), OrderStatus::AwaitingPayment);
        let later = now() + Duration::days(DEFAULT_LIFETIME_DAYS);
        assert_eq!(order.status_at(later), OrderStatus::Expired);
        assert_eq!(order.cancel(later), Ok(()));
        let paid = Order {
            status: OrderStatus::Paid,
            ..order
        };
        assert_eq!(paid.cancel(now()), Err(OrderError::NotCancellable));
    }

    #[test]
    fn a_card_payment_must_match_amount_and_currency() {
        let order = order(2, false);
        assert_eq!(order.settle_card(6100, "eur"), CardSettlement::Paid);
        // The net total is not enough: the VAT is due too.
        for short in [5000, 6099] {
            assert!(matches!(
                order.settle_card(short, "eur"),
                CardSettlement::Review(_)
            ));
        }
        assert!(matches!(
            order.settle_card(6100, "usd"),
            CardSettlement::Review(_)
        ));
        let paid = Order {
            status: OrderStatus::Paid,
            ..order
        };
        assert_eq!(paid.settle_card(6100, "eur"), CardSettlement::AlreadyPaid);
    }

    #[test]
    fn transfers_add_up_until_the_total_is_covered() {
        let order = order(2, false);
        assert_eq!(
            order.settle_transfer(eur("50.00")),
            TransferSettlement::Partial {
                received: eur("50.00")
            }
        );
        let partial = Order {
            status: OrderStatus::PartiallyPaid,
            received: eur("50.00"),
            ..order.clone()
        };
        assert_eq!(
            partial.settle_transfer(eur("11.00")),
            TransferSettlement::Paid {
                received: eur("61.00"),
                excess: Money::ZERO
            }
        );
        assert_eq!(
            order.settle_transfer(eur("70.00")),
            TransferSettlement::Paid {
                received: eur("70.00"),
                excess: eur("9.00")
            }
        );
    }

    #[test]
    fn a_payment_for_a_cancelled_order_still_pays_it() {
        let cancelled = Order {
            status: OrderStatus::Cancelled,
            ..order(1, false)
        };
        assert_eq!(cancelled.settle_card(3050, "eur"), CardSettlement::Paid);
        assert_eq!(
            cancelled.settle_transfer(eur("30.50")),
            TransferSettlement::Paid {
                received: eur("30.50"),
                excess: Money::ZERO
            }
        );
        assert!(PAYABLE.contains(&OrderStatus::Cancelled));
    }

    #[test]
    fn a_transfer_to_a_paid_failed_or_reviewed_order_is_surplus() {
        for status in [OrderStatus::Paid, OrderStatus::Failed, OrderStatus::Review] {
            assert!(!PAYABLE.contains(&status));
            let closed = Order {
                status,
                ..order(1, false)
            };
            assert_eq!(
                closed.settle_transfer(eur("25.00")),
                TransferSettlement::Surplus {
                    excess: eur("25.00")
                }
            );
        }
    }

    #[test]
    fn a_refund_takes_back_whole_coupons_at_the_orders_gross_price() {
        // 4 × 15.00 net, 13.20 VAT: 73.20 due, 18.30 a coupon.
        let order = order(4, true);
        assert_eq!(order.coupons_refunded(7320), 4);
        assert_eq!(order.coupons_refunded(6000), 3);
        assert_eq!(order.coupons_refunded(3659), 1);
        assert_eq!(order.coupons_refunded(3660), 2);
        assert_eq!(order.coupons_refunded(1_000_000), 4);
        assert_eq!(order.coupons_refunded(-5), 0);
    }
}
