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
use crate::domain::language::Language;
use crate::domain::messages as m;
use crate::store::DbError;

/// A reason said in every language: a catalogue message without variables
/// (`m::problem_unavailable_activation`), kept by an error until it is told.
pub type Reason = fn(Language) -> &'static str;

/// A refusal as the caller is told it, in the caller's language: the HTTP
/// status, the problem type's slug (its `type` is `/problems/{slug}`, the
/// same in every language), a title that names the type, and a detail that
/// says what to do.
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
}

/// Why a use case refused or failed.
#[derive(Debug, Error)]
pub enum AppError {
    #[error("the request has invalid fields")]
    Invalid(FieldErrors),
    #[error("not found")]
    NotFound,
    /// What is not available, in every language (a catalogue message).
    #[error("{}", .0(Language::En))]
    Unavailable(Reason),
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
    /// The problem the caller is told, in `lang`; internal causes stay in
    /// [`Self::log`].
    pub fn problem_in(&self, lang: Language) -> Problem {
        match self {
            Self::Invalid(errors) => Problem::new(
                422,
                "validation",
                m::problem_validation_title(lang),
                m::problem_validation(lang, errors.list().len() as i64),
            ),
            Self::NotFound => not_found(lang),
            Self::Unavailable(what) => Problem::new(
                503,
                "unavailable",
                m::problem_unavailable_title(lang),
                m::problem_unavailable(lang, what(lang)),
            ),
            Self::IdempotencyKeyReused => Problem::new(
                422,
                "idempotency-key-reused",
                m::problem_idempotency_key_reused_title(lang),
                m::problem_idempotency_key_reused(lang),
            ),
            Self::Access(error) => error.problem(lang),
            Self::Billing(error) => error.problem(lang),
            Self::Incidents(error) => error.problem(lang),
            Self::Licensing(error) => error.problem(lang),
            Self::Operations(error) => error.problem(lang),
            Self::Database(_) => internal(lang),
        }
    }

    /// The problem in English: for its status, and for callers without a
    /// reader.
    pub fn problem(&self) -> Problem {
        self.problem_in(Language::En)
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
pub fn not_found(lang: Language) -> Problem {
    Problem::new(
        404,
        "not-found",
        m::problem_not_found_title(lang),
        m::problem_not_found(lang),
    )
}

/// The problem of a failure on our side, whatever its cause.
pub fn internal(lang: Language) -> Problem {
    Problem::new(
        500,
        "internal",
        m::problem_internal_title(lang),
        m::problem_internal(lang),
    )
}
