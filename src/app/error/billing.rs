//! Refusals about money: orders, payments, bank statements, the coupon
//! balance, the finance desk's tasks.

use thiserror::Error;

use super::Problem;
use crate::domain::stripe::SignatureError;

#[derive(Debug, Error)]
pub enum BillingError {
    #[error("support needs at least one coupon")]
    PaymentRequired,
    #[error("the balance would fall below zero")]
    InsufficientBalance,
    #[error("only an unpaid order can be cancelled")]
    OrderNotCancellable,
    #[error("no such order")]
    UnknownOrder,
    #[error("only an order in review can be settled, once")]
    OrderNotInReview,
    #[error("the payment provider failed: {0}")]
    PaymentProvider(String),
    #[error("webhook signature: {0}")]
    Signature(#[from] SignatureError),
    #[error("the event is not a JSON object with an id, a type and data.object")]
    MalformedEvent,
    #[error("the payment this event refers to has not arrived yet; it will be retried")]
    PaymentNotYetKnown,
    #[error("the statement cannot be read: {0}")]
    Statement(String),
    #[error("the bank entry is matched already")]
    AlreadyMatched,
    #[error("this task is resolved already")]
    TaskResolved,
}

impl BillingError {
    pub fn problem(&self) -> Problem {
        match self {
            Self::PaymentRequired => Problem::new(
                402,
                "payment-required",
                "Coupons needed",
                "Direct support needs at least one coupon, and a balance not below zero. Order coupons at /api/me/coupon-orders.",
            ),
            Self::InsufficientBalance => Problem::new(
                409,
                "insufficient-balance",
                "Insufficient balance",
                "The balance would fall below zero coupons.",
            ),
            Self::OrderNotCancellable => Problem::new(
                409,
                "order-not-cancellable",
                "Order cannot be cancelled",
                "Only an order with no payment yet can be cancelled.",
            ),
            Self::UnknownOrder => Problem::new(422, "unknown-order", "Unknown order", "No order has this id."),
            Self::OrderNotInReview => Problem::stating(409, "order-not-in-review", "Order not in review", self),
            Self::PaymentProvider(_) => Problem::new(
                502,
                "payment-provider-error",
                "Payment provider unavailable",
                "The card payment could not be started. Please try again, or pay by bank transfer.",
            ),
            Self::Signature(error) => Problem::stating(400, "invalid-signature", "Invalid signature", error),
            Self::MalformedEvent => Problem::stating(400, "malformed-event", "Malformed event", self),
            Self::PaymentNotYetKnown => Problem::stating(409, "payment-not-yet-known", "Out of order", self),
            Self::Statement(reason) => Problem::new(
                422,
                "invalid-statement",
                "Statement not readable",
                format!("Nothing was imported: {reason}."),
            ),
            Self::AlreadyMatched => Problem::new(
                409,
                "already-matched",
                "Already matched",
                "This bank entry is matched to an order already.",
            ),
            Self::TaskResolved => Problem::stating(409, "task-resolved", "Task resolved", self),
        }
    }

    /// The payment provider's own words go to the log, not to the customer.
    pub fn log(&self) -> Option<String> {
        match self {
            Self::PaymentProvider(error) => Some(format!("payment provider: {error}")),
            _ => None,
        }
    }
}
