//! Every refusal as `application/problem+json` (RFC 9457), decided here and
//! nowhere else.

use serde::Serialize;

use crate::app::{AccessError, BillingError};
use crate::app::{AppError, Problem as AppProblem};
use crate::domain::field::FieldError;
use crate::domain::time::format;
use crate::http::{Handled, Response};

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
    /// A WebSocket address asked without `Upgrade: websocket`.
    UpgradeRequired,
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
    /// A withheld link: when the last of its kind to the address was asked
    /// for, and from when a new one may be (RFC 3339).
    #[serde(skip_serializing_if = "Option::is_none")]
    last_requested_at: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    retry_at: Option<String>,
}

impl ApiError {
    /// Whether this refuses what the request asked or sent (its body, query,
    /// target, a conflict with the records), as opposed to who sent it or a
    /// failure of ours: the first kind is answered only to an admitted caller.
    pub fn is_about_the_request(&self) -> bool {
        match self {
            Self::App(AppError::Access(_) | AppError::Database(_) | AppError::Unavailable(_))
            | Self::Unavailable
            | Self::MethodNotAllowed(_) => false,
            Self::App(_)
            | Self::NoRoute
            | Self::UnsupportedMediaType(_)
            | Self::PayloadTooLarge
            | Self::MalformedBody(_)
            | Self::UpgradeRequired => true,
        }
    }

    /// The problem the caller is told: a use case's refusal as its area
    /// maps it (`app::error`), the transport's own here.
    pub fn problem(&self) -> AppProblem {
        match self {
            Self::App(error) => error.problem(),
            Self::NoRoute => crate::app::error::not_found(),
            Self::UnsupportedMediaType(accepted) => AppProblem::new(
                415,
                "unsupported-media-type",
                "Unsupported media type",
                format!("Send the body as {accepted}."),
            ),
            Self::PayloadTooLarge => AppProblem::new(
                413,
                "payload-too-large",
                "Body too large",
                format!(
                    "Bodies are limited to {} bytes here (attached files to {} MiB).",
                    super::MAX_BODY_BYTES,
                    crate::domain::attachment::MAX_BYTES >> 20
                ),
            ),
            Self::MalformedBody(reason) => {
                AppProblem::new(400, "malformed-body", "Malformed body", reason.clone())
            }
            Self::Unavailable => crate::app::error::internal(),
            Self::UpgradeRequired => AppProblem::new(
                426,
                "upgrade-required",
                "Upgrade required",
                "This address is a WebSocket: ask with Upgrade: websocket.",
            ),
            Self::MethodNotAllowed(allow) => AppProblem::new(
                405,
                "method-not-allowed",
                "Method not allowed",
                format!("This address accepts {allow}."),
            ),
        }
    }

    /// The answer: `application/problem+json`, decided here and nowhere else.
    pub fn into_handled(self) -> Handled {
        let AppProblem {
            status,
            slug,
            title,
            detail,
        } = self.problem();
        let errors = match &self {
            Self::App(AppError::Invalid(errors)) => errors.list(),
            _ => &[],
        };
        let log = match &self {
            Self::App(error) => error.log(),
            _ => None,
        };
        let withheld = match &self {
            Self::App(AppError::Access(AccessError::LinkWithheld { withheld, .. })) => {
                Some(withheld)
            }
            _ => None,
        };
        let problem = Problem {
            kind: format!("/problems/{slug}"),
            title,
            status,
            detail,
            errors,
            order_coupons: matches!(
                self,
                Self::App(AppError::Billing(BillingError::PaymentRequired))
            )
            .then_some("/api/me/coupon-orders"),
            last_requested_at: withheld.map(|w| format(w.last_requested_at)),
            retry_at: withheld.map(|w| format(w.retry_at)),
        };
        let body = serde_json::to_vec(&problem).unwrap_or_default();
        let mut response = Response::new(status, "application/problem+json", body)
            .with_header("cache-control", "no-store");
        match &self {
            Self::MethodNotAllowed(allow) => response = response.with_header("allow", allow),
            Self::UpgradeRequired => {
                response = response
                    .with_header("upgrade", "websocket")
                    .with_header("connection", "Upgrade")
            }
            Self::App(AppError::Access(AccessError::RateLimited(seconds)))
            | Self::App(AppError::Access(AccessError::LinkWithheld {
                retry_after: seconds,
                ..
            })) => response = response.with_header("retry-after", &seconds.to_string()),
            Self::App(AppError::Access(AccessError::Unauthenticated)) => {
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
