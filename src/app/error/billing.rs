//! Refusals about money: orders, payments, bank statements, the coupon
//! balance, the finance desk's tasks.

use thiserror::Error;

use super::{Problem, Reason};
use crate::domain::language::Language;
use crate::domain::messages as m;
use crate::domain::statement::{EntryPosition, StatementError};
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
    Statement(StatementError),
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
            Self::Statement(error) => (
                422,
                "invalid-statement",
                m::problem_invalid_statement_title,
                m::problem_invalid_statement(lang, &statement_error(error, lang)),
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

/// Why a bank file was refused, in `lang`: what is wrong and where, with
/// the file's own element names and values as they are.
fn statement_error(error: &StatementError, lang: Language) -> String {
    use StatementError as E;
    let at = |at: &EntryPosition| match at.transaction {
        None => m::problem_statement_entry(lang, &at.entry.to_string()),
        Some(transaction) => m::problem_statement_transaction(
            lang,
            m::ProblemStatementTransaction {
                entry: &at.entry.to_string(),
                transaction: &transaction.to_string(),
            },
        ),
    };
    match error {
        E::NotXml { position, reason } => m::problem_statement_not_xml(
            lang,
            m::ProblemStatementNotXml {
                position: &position.to_string(),
                reason,
            },
        ),
        E::NotIso20022 { found } => m::problem_statement_not_iso20022(lang, found),
        E::UnsupportedMessage { message } => {
            m::problem_statement_unsupported_message(lang, message)
        }
        E::UnexpectedElement {
            message,
            expected,
            found,
        } => m::problem_statement_unexpected_element(
            lang,
            m::ProblemStatementUnexpectedElement {
                message,
                expected,
                found,
            },
        ),
        E::NoStatement { message, element } => m::problem_statement_no_statement(
            lang,
            m::ProblemStatementNoStatement { message, element },
        ),
        E::MissingElement {
            at: position,
            element,
        } => m::problem_statement_missing_element(
            lang,
            m::ProblemStatementMissingElement {
                at: &at(position),
                element,
            },
        ),
        E::BadAmount {
            at: position,
            element,
            value,
        } => m::problem_statement_bad_amount(
            lang,
            m::ProblemStatementBadAmount {
                at: &at(position),
                element,
                value,
            },
        ),
        E::BadCurrency {
            at: position,
            element,
            value,
        } => m::problem_statement_bad_currency(
            lang,
            m::ProblemStatementBadCurrency {
                at: &at(position),
                element,
                value,
            },
        ),
        E::BadValue {
            at: position,
            element,
            value,
        } => m::problem_statement_bad_value(
            lang,
            m::ProblemStatementBadValue {
                at: &at(position),
                element,
                value,
            },
        ),
        E::EmptyCsv => m::problem_statement_empty_csv(lang).into(),
        E::CsvNotUtf8 { line } => m::problem_statement_csv_not_utf8(lang, &line.to_string()),
        E::CsvUnclosedQuote { line } => {
            m::problem_statement_csv_unclosed_quote(lang, &line.to_string())
        }
        E::CsvTextAfterQuote { line } => {
            m::problem_statement_csv_text_after_quote(lang, &line.to_string())
        }
        E::CsvColumns { line, found } => m::problem_statement_csv_columns(
            lang,
            m::ProblemStatementCsvColumns {
                line: &line.to_string(),
                found: *found as i64,
            },
        ),
        E::CsvMissing { line, column } => m::problem_statement_csv_missing(
            lang,
            m::ProblemStatementCsvMissing {
                line: &line.to_string(),
                column: parser_word(column, lang),
            },
        ),
        E::CsvBadDate { line, value } => m::problem_statement_csv_bad_date(
            lang,
            m::ProblemStatementCsvBadDate {
                line: &line.to_string(),
                value,
            },
        ),
        E::CsvBadAmount {
            line,
            value,
            reason,
        } => m::problem_statement_csv_bad_amount(
            lang,
            m::ProblemStatementCsvBadAmount {
                line: &line.to_string(),
                value,
                reason: parser_word(reason, lang),
            },
        ),
        E::CsvBadCurrency { line, value } => m::problem_statement_csv_bad_currency(
            lang,
            m::ProblemStatementCsvBadCurrency {
                line: &line.to_string(),
                value,
            },
        ),
    }
}

/// The CSV parser's column names and amount reasons (its fixed words) in
/// `lang`; a word it gains later is shown as it is until it is added here.
fn parser_word(word: &'static str, lang: Language) -> &'static str {
    let say: Reason = match word {
        "booking date" => m::problem_statement_column_booking_date,
        "amount" => m::problem_statement_column_amount,
        "currency" => m::problem_statement_column_currency,
        "not a decimal number" => m::problem_statement_amount_not_decimal,
        "too large" => m::problem_statement_amount_too_large,
        "zero is not a movement" => m::problem_statement_amount_zero,
        "ambiguous: thousands separator or three decimals" => m::problem_statement_amount_ambiguous,
        "bad decimal part" => m::problem_statement_amount_bad_decimals,
        "bad digit grouping" => m::problem_statement_amount_bad_grouping,
        _ => return word,
    };
    say(lang)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::statement::{parse_csv, EntryPosition};

    #[test]
    fn a_statement_s_reason_is_told_in_slovenian_with_the_file_s_own_words() {
        let missing = StatementError::MissingElement {
            at: EntryPosition {
                entry: 3,
                transaction: Some(2),
            },
            element: "Amt",
        };
        assert_eq!(
            statement_error(&missing, Language::Sl),
            "postavka 3, transakcija 2: manjka element Amt"
        );
        assert_eq!(
            statement_error(&missing, Language::En),
            missing.to_string(),
            "English says what the parser says"
        );
        let bad = parse_csv(b"2026-12-06;-0,00;EUR;SI00 1;Kovinar;B1\n").unwrap_err();
        assert_eq!(
            statement_error(&bad, Language::Sl),
            "vrstica CSV 1: napačen znesek „-0,00“ (ničla ni premik sredstev)"
        );
        let columns = StatementError::CsvColumns { line: 4, found: 3 };
        assert!(statement_error(&columns, Language::Sl).ends_with("najdeni so 3"));
    }
}
