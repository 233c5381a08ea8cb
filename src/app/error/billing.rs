//! Refusals about money: orders, payments, bank statements, the coupon
//! balance, the finance desk's tasks.

use thiserror::Error;

use super::{Problem, Reason};
use crate::domain::language::Language;
use crate::domain::messages as m;
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
    pub fn problem(&self, lang: Language) -> Problem {
        let (status, slug, title, detail): (u16, &'static str, Reason, String) = match self {
            Self::PaymentRequired => (
                402,
                "payment-required",
                m::problem_payment_required_title,
                m::problem_payment_required(lang).into(),
            ),
            Self::InsufficientBalance => (
                409,
                "insufficient-balance",
                m::problem_insufficient_balance_title,
                m::problem_insufficient_balance(lang).into(),
            ),
            Self::OrderNotCancellable => (
                409,
                "order-not-cancellable",
                m::problem_order_not_cancellable_title,
                m::problem_order_not_cancellable(lang).into(),
            ),
            Self::UnknownOrder => (
                422,
                "unknown-order",
                m::problem_unknown_order_title,
                m::problem_unknown_order(lang).into(),
            ),
            Self::OrderNotInReview => (
                409,
                "order-not-in-review",
                m::problem_order_not_in_review_title,
                m::problem_order_not_in_review(lang).into(),
            ),
            Self::PaymentProvider(_) => (
                502,
                "payment-provider-error",
                m::problem_payment_provider_title,
                m::problem_payment_provider(lang).into(),
            ),
            Self::Signature(error) => (
                400,
                "invalid-signature",
                m::problem_invalid_signature_title,
                match error {
                    SignatureError::Missing => m::problem_signature_missing(lang),
                    SignatureError::Malformed => m::problem_signature_malformed(lang),
                    SignatureError::Mismatch => m::problem_signature_mismatch(lang),
                    SignatureError::Stale => m::problem_signature_stale(lang),
                }
                .into(),
            ),
            Self::MalformedEvent => (
                400,
                "malformed-event",
                m::problem_malformed_event_title,
                m::problem_malformed_event(lang).into(),
            ),
            Self::PaymentNotYetKnown => (
                409,
                "payment-not-yet-known",
                m::problem_payment_not_yet_known_title,
                m::problem_payment_not_yet_known(lang).into(),
            ),
            // The parser's reason names the file's elements and stays as
            // it is written (see the README).
            Self::Statement(reason) => (
                422,
                "invalid-statement",
                m::problem_invalid_statement_title,
                m::problem_invalid_statement(lang, reason),
            ),
            Self::AlreadyMatched => (
                409,
                "already-matched",
                m::problem_already_matched_title,
                m::problem_already_matched(lang).into(),
            ),
            Self::TaskResolved => (
                409,
                "task-resolved",
                m::problem_task_resolved_title,
                m::problem_task_resolved(lang).into(),
            ),
        };
        Problem::new(status, slug, title(lang), detail)
    }

    /// The payment provider's own words go to the log, not to the customer.
    pub fn log(&self) -> Option<String> {
        match self {
            Self::PaymentProvider(error) => Some(format!("payment provider: {error}")),
            _ => None,
        }
    }
}
