//! Every refusal as `application/problem+json` (RFC 9457), decided here and
//! nowhere else.

use serde::Serialize;

use super::http::{Handled, Response};
use crate::app::AppError;
use crate::domain::field::FieldError;
use crate::domain::token::TokenError;

/// Why a request failed, whether the transport or a use case refused it.
#[derive(Debug)]
pub enum ApiError {
    App(AppError),
    UnsupportedMediaType(&'static str),
    PayloadTooLarge,
    MalformedBody(String),
    NoRoute,
    MethodNotAllowed(String),
    /// The Worker is misconfigured or the platform failed it.
    Unavailable,
}

impl From<AppError> for ApiError {
    fn from(error: AppError) -> Self {
        Self::App(error)
    }
}

impl From<crate::store::DbError> for ApiError {
    fn from(error: crate::store::DbError) -> Self {
        Self::App(error.into())
    }
}

#[derive(Debug, Serialize)]
struct Problem<'a> {
    #[serde(rename = "type")]
    kind: String,
    title: &'a str,
    status: u16,
    detail: String,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    errors: &'a [FieldError],
    /// Where to buy coupons, when coupons are what is missing.
    #[serde(skip_serializing_if = "Option::is_none")]
    order_coupons: Option<&'static str>,
}

impl ApiError {
    /// Status, problem type, title and detail; internal causes go to the log.
    fn describe(&self) -> (u16, &'static str, &'static str, String) {
        use AppError as A;
        let fixed = |status, slug, title, detail: &str| (status, slug, title, detail.to_owned());
        match self {
            Self::App(A::Invalid(errors)) => (
                422,
                "validation",
                "Invalid fields",
                format!("{} field(s) are invalid; see errors.", errors.list().len()),
            ),
            Self::App(A::EmailTaken) => fixed(
                409,
                "email-taken",
                "Email already registered",
                "This email address is registered already. Sign in instead, or use another address.",
            ),
            Self::App(A::Token(TokenError::Unknown)) => fixed(
                400,
                "invalid-token",
                "Invalid token",
                "The token is not known. Use the newest link you were emailed.",
            ),
            Self::App(A::Token(TokenError::Expired)) => {
                fixed(410, "token-expired", "Token expired", "The link has expired. Ask for a new one.")
            }
            Self::App(A::Token(TokenError::AlreadyUsed)) => fixed(
                409,
                "token-used",
                "Token already used",
                "The link has been used already. Ask for a new one if you need to.",
            ),
            Self::App(A::AccountNotActive) => fixed(
                403,
                "account-not-active",
                "Account not active",
                "Confirm your email address first, with the link in the registration email.",
            ),
            Self::App(A::Unauthenticated) => fixed(
                401,
                "unauthenticated",
                "Authentication required",
                "Send a valid token in an Authorization: Bearer header.",
            ),
            Self::App(A::NotFound) | Self::NoRoute => {
                fixed(404, "not-found", "Not found", "There is nothing at this address.")
            }
            Self::App(A::OrderNotCancellable) => fixed(
                409,
                "order-not-cancellable",
                "Order cannot be cancelled",
                "Only an order with no payment yet can be cancelled.",
            ),
            Self::App(A::Unavailable(what)) => (503, "unavailable", "Not available", format!("Sorry: {what}.")),
            Self::App(A::PaymentProvider(_)) => fixed(
                502,
                "payment-provider-error",
                "Payment provider unavailable",
                "The card payment could not be started. Please try again, or pay by bank transfer.",
            ),
            Self::App(A::Signature(error)) => (400, "invalid-signature", "Invalid signature", format!("{error}.")),
            Self::App(A::MalformedEvent) => (400, "malformed-event", "Malformed event", format!("{}.", A::MalformedEvent)),
            Self::App(A::Statement(reason)) => {
                (422, "invalid-statement", "Statement not readable", format!("Nothing was imported: {reason}."))
            }
            Self::App(A::AlreadyMatched) => fixed(
                409,
                "already-matched",
                "Already matched",
                "This bank entry is matched to an order already.",
            ),
            Self::App(A::UnknownOrder) => fixed(422, "unknown-order", "Unknown order", "No order has this id."),
            Self::App(A::InsufficientBalance) => fixed(
                409,
                "insufficient-balance",
                "Insufficient balance",
                "The balance would fall below zero coupons.",
            ),
            Self::App(A::PaymentRequired) => fixed(
                402,
                "payment-required",
                "Coupons needed",
                "Direct support needs at least one coupon, and a balance not below zero. Order coupons at /api/me/coupon-orders.",
            ),
            Self::App(A::Incident(error)) => (409, "incident-state", "Not possible now", format!("{error}.")),
            Self::App(A::Session(error @ crate::domain::billing::SessionError::Overlaps)) => {
                (409, "session-overlaps", "Session overlaps", format!("{error}."))
            }
            Self::App(A::Session(error)) => (422, "invalid-session", "Invalid session", format!("{error}.")),
            Self::App(A::Conflict) => (409, "conflict", "Changed meanwhile", format!("{}.", A::Conflict)),
            Self::App(A::LicenseRevoked) => (409, "license-revoked", "License revoked", format!("{}.", A::LicenseRevoked)),
            Self::App(A::VersionNotCovered) => {
                (409, "version-not-covered", "Version not covered", format!("{}.", A::VersionNotCovered))
            }
            Self::App(A::TooManyInstallations) => (
                409,
                "too-many-installations",
                "Too many installations",
                format!("{}: deactivate one to free its seat.", A::TooManyInstallations),
            ),
            Self::App(A::DeactivationLimit) => {
                (429, "deactivation-limit", "Deactivation limit", format!("{}.", A::DeactivationLimit))
            }
            Self::App(error @ A::RateLimited(_)) => (429, "rate-limited", "Too many requests", format!("{error}.")),
            Self::App(A::Forbidden(why)) => (403, "forbidden", "Not allowed", format!("{why}.")),
            Self::App(A::HeldByAnotherOrganisation) => (409, "held-by-another-organisation", "Held by another organisation", format!("{}.", A::HeldByAnotherOrganisation)),
            Self::App(A::LastContact) => (409, "last-contact", "The last contact", format!("{}: invite a colleague first.", A::LastContact)),
            Self::App(A::LicenseNotHeld) => (409, "license-not-held", "No holder", format!("{}; assign it instead.", A::LicenseNotHeld)),
            Self::App(A::ClaimDecided) => (409, "claim-decided", "Claim decided", format!("{}.", A::ClaimDecided)),
            Self::App(A::UnknownLicense) => (422, "unknown-license", "Unknown license", format!("{}.", A::UnknownLicense)),
            Self::App(A::PaymentNotYetKnown) => {
                (409, "payment-not-yet-known", "Out of order", format!("{}.", A::PaymentNotYetKnown))
            }
            Self::App(A::TaskResolved) => (409, "task-resolved", "Task resolved", format!("{}.", A::TaskResolved)),
            Self::App(A::OrderNotInReview) => {
                (409, "order-not-in-review", "Order not in review", format!("{}.", A::OrderNotInReview))
            }
            Self::App(A::IdempotencyKeyReused) => fixed(
                422,
                "idempotency-key-reused",
                "Idempotency key reused",
                "This Idempotency-Key was used before with another request. Send a new key for a new request; \
                 send the same request to get its first answer again.",
            ),
            Self::App(A::Signing(_)) => fixed(
                503,
                "unavailable",
                "Not available",
                "Sorry: license files cannot be signed now. Please try again later.",
            ),
            Self::App(A::Database(_)) => fixed(
                500,
                "internal",
                "Internal error",
                "Something went wrong on our side. Please try again.",
            ),
            Self::UnsupportedMediaType(accepted) => (
                415,
                "unsupported-media-type",
                "Unsupported media type",
                format!("Send the body as {accepted}."),
            ),
            Self::PayloadTooLarge => (
                413,
                "payload-too-large",
                "Body too large",
                format!("Bodies are limited to {} bytes here.", super::http::MAX_BODY_BYTES),
            ),
            Self::MalformedBody(reason) => (400, "malformed-body", "Malformed body", reason.clone()),
            Self::Unavailable => fixed(
                500,
                "internal",
                "Internal error",
                "Something went wrong on our side. Please try again.",
            ),
            Self::MethodNotAllowed(allow) => (
                405,
                "method-not-allowed",
                "Method not allowed",
                format!("This address accepts {allow}."),
            ),
        }
    }

    /// The answer: `application/problem+json`, decided here and nowhere else.
    pub fn into_handled(self) -> Handled {
        let (status, slug, title, detail) = self.describe();
        let errors = match &self {
            Self::App(AppError::Invalid(errors)) => errors.list(),
            _ => &[],
        };
        let log = match &self {
            Self::App(AppError::Database(error)) => Some(error.to_string()),
            Self::App(AppError::PaymentProvider(error)) => {
                Some(format!("payment provider: {error}"))
            }
            Self::App(error @ AppError::Signing(_)) => Some(error.to_string()),
            _ => None,
        };
        let problem = Problem {
            kind: format!("/problems/{slug}"),
            title,
            status,
            detail,
            errors,
            order_coupons: matches!(self, Self::App(AppError::PaymentRequired))
                .then_some("/api/me/coupon-orders"),
        };
        let body = serde_json::to_vec(&problem).unwrap_or_default();
        let mut response = Response::new(status, "application/problem+json", body)
            .with_header("cache-control", "no-store");
        match &self {
            Self::MethodNotAllowed(allow) => response = response.with_header("allow", allow),
            Self::App(AppError::RateLimited(seconds)) => {
                response = response.with_header("retry-after", &seconds.to_string())
            }
            Self::App(AppError::Unauthenticated) => {
                response = response.with_header("www-authenticate", "Bearer realm=\"spica-portal\"")
            }
            _ => {}
        }
        Handled {
            log,
            ..Handled::from(response)
        }
    }
}
