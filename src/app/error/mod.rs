//! Why a use case refused or failed: one enum per area (access, billing,
//! incidents, licensing), each mapped to its problem type (RFC 9457) beside
//! its definition, and [`AppError`] over them with the refusals every area
//! shares. The adapter turns a [`Problem`] into `application/problem+json`
//! or a page; it decides no status of its own for a use case's refusal.

mod access;
mod billing;
mod incidents;
mod licensing;
mod operations;

use thiserror::Error;

pub use access::AccessError;
pub use billing::BillingError;
pub use incidents::IncidentsError;
pub use licensing::LicensingError;
pub use operations::OperationsError;

use crate::domain::field::FieldErrors;
use crate::store::DbError;

/// A refusal as the caller is told it: the HTTP status, the problem type's
/// slug (its `type` is `/problems/{slug}`), a title that names the type,
/// and a detail that says what to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub status: u16,
    pub slug: &'static str,
    pub title: &'static str,
    pub detail: String,
}

impl Problem {
    pub fn new(
        status: u16,
        slug: &'static str,
        title: &'static str,
        detail: impl Into<String>,
    ) -> Self {
        Self {
            status,
            slug,
            title,
            detail: detail.into(),
        }
    }

    /// A problem whose detail is the error's message as a sentence.
    pub fn stating(
        status: u16,
        slug: &'static str,
        title: &'static str,
        error: &impl std::fmt::Display,
    ) -> Self {
        Self::new(status, slug, title, format!("{error}."))
    }
}

/// Why a use case refused or failed.
#[derive(Debug, Error)]
pub enum AppError {
    #[error("the request has invalid fields")]
    Invalid(FieldErrors),
    #[error("not found")]
    NotFound,
    #[error("{0}")]
    Unavailable(&'static str),
    #[error("this Idempotency-Key was used with another request")]
    IdempotencyKeyReused,
    #[error(transparent)]
    Access(#[from] AccessError),
    #[error(transparent)]
    Billing(#[from] BillingError),
    #[error(transparent)]
    Incidents(#[from] IncidentsError),
    #[error(transparent)]
    Licensing(#[from] LicensingError),
    #[error(transparent)]
    Operations(#[from] OperationsError),
    #[error(transparent)]
    Database(#[from] DbError),
}

impl AppError {
    /// The problem the caller is told; internal causes stay in [`Self::log`].
    pub fn problem(&self) -> Problem {
        match self {
            Self::Invalid(errors) => Problem::new(
                422,
                "validation",
                "Invalid fields",
                format!("{} field(s) are invalid; see errors.", errors.list().len()),
            ),
            Self::NotFound => not_found(),
            Self::Unavailable(what) => Problem::new(503, "unavailable", "Not available", format!("Sorry: {what}.")),
            Self::IdempotencyKeyReused => Problem::new(
                422,
                "idempotency-key-reused",
                "Idempotency key reused",
                "This Idempotency-Key was used before with another request. Send a new key for a new request; \
                 send the same request to get its first answer again.",
            ),
            Self::Access(error) => error.problem(),
            Self::Billing(error) => error.problem(),
            Self::Incidents(error) => error.problem(),
            Self::Licensing(error) => error.problem(),
            Self::Operations(error) => error.problem(),
            Self::Database(_) => internal(),
        }
    }

    /// What goes to the log, not to the caller: a failure of ours or of a
    /// service we depend on.
    pub fn log(&self) -> Option<String> {
        match self {
            Self::Database(error) => Some(error.to_string()),
            Self::Billing(error) => error.log(),
            Self::Licensing(error) => error.log(),
            _ => None,
        }
    }
}

/// The problem of an address that leads nowhere (or to nothing the caller
/// may see).
pub fn not_found() -> Problem {
    Problem::new(
        404,
        "not-found",
        "Not found",
        "There is nothing at this address.",
    )
}

/// The problem of a failure on our side, whatever its cause.
pub fn internal() -> Problem {
    Problem::new(
        500,
        "internal",
        "Internal error",
        "Something went wrong on our side. Please try again.",
    )
}
