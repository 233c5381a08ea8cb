//! Every refusal as `application/problem+json` (RFC 9457), decided here and
//! nowhere else.

use serde::Serialize;

use crate::app::{AccessError, BillingError};
use crate::app::{AppError, Problem as AppProblem};
use crate::domain::field::FieldError;
use crate::domain::language::Language;
use crate::domain::messages as m;
use crate::domain::time::format;
use crate::http::{Handled, Response};

/// Why a request failed, whether the transport or a use case refused it.
#[derive(Debug)]
pub enum ApiError {
    App(AppError),
    UnsupportedMediaType(&'static str),
    PayloadTooLarge,
    /// What is wrong with the body, in the request's language.
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

    /// The problem the caller is told, in `lang`: a use case's refusal as
    /// its area maps it (`app::error`), the transport's own here.
    pub fn problem_in(&self, lang: Language) -> AppProblem {
        match self {
            Self::App(error) => error.problem_in(lang),
            Self::NoRoute => crate::app::error::not_found(lang),
            Self::UnsupportedMediaType(accepted) => AppProblem::new(
                415,
                "unsupported-media-type",
                m::problem_unsupported_media_type_title(lang),
                m::problem_unsupported_media_type(lang, accepted),
            ),
            Self::PayloadTooLarge => AppProblem::new(
                413,
                "payload-too-large",
                m::problem_payload_too_large_title(lang),
                m::problem_payload_too_large(
                    lang,
                    m::ProblemPayloadTooLarge {
                        bytes: &crate::domain::format::number(lang, super::MAX_BODY_BYTES as i64),
                        mebibytes: &(crate::domain::attachment::MAX_BYTES >> 20).to_string(),
                    },
                ),
            ),
            Self::MalformedBody(reason) => AppProblem::new(
                400,
                "malformed-body",
                m::problem_malformed_body_title(lang),
                reason.clone(),
            ),
            Self::Unavailable => crate::app::error::internal(lang),
            Self::UpgradeRequired => AppProblem::new(
                426,
                "upgrade-required",
                m::problem_upgrade_required_title(lang),
                m::problem_upgrade_required(lang),
            ),
            Self::MethodNotAllowed(allow) => AppProblem::new(
                405,
                "method-not-allowed",
                m::problem_method_not_allowed_title(lang),
                m::problem_method_not_allowed(lang, allow),
            ),
        }
    }

    /// The problem in English: for its status, and for callers without a
    /// reader.
    pub fn problem(&self) -> AppProblem {
        self.problem_in(Language::En)
    }

    /// The answer in English, for a request whose reader is not known (the
    /// Worker's own failures before the router).
    pub fn into_handled(self) -> Handled {
        self.into_handled_in(Language::En)
    }

    /// The answer: `application/problem+json` with `title`, `detail` and
    /// each field error's `detail` in `lang` (`Content-Language` says
    /// which); `type`, `status`, the fields' `field` and `code`, and every
    /// other member are the same in every language.
    pub fn into_handled_in(self, lang: Language) -> Handled {
        let AppProblem {
            status,
            slug,
            title,
            detail,
        } = self.problem_in(lang);
        let errors = match &self {
            Self::App(AppError::Invalid(errors)) => errors.clone().in_language(lang).into_list(),
            _ => Vec::new(),
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
            errors: &errors,
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
            .with_header("cache-control", "no-store")
            .with_header("content-language", lang.as_str());
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
