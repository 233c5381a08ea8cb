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
    MethodNotAllowed(&'static str),
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
}

impl ApiError {
    /// The status, problem type, title and detail of each failure. Internal
    /// failures answer a generic 500; their cause goes to the log only.
    pub fn into_handled(self) -> Handled {
        let (status, slug, title, detail, errors, log) = match &self {
            Self::App(AppError::Invalid(errors)) => (
                422,
                "validation",
                "Invalid fields",
                format!("{} field(s) are invalid; see errors.", errors.list().len()),
                errors.list(),
                None,
            ),
            Self::App(AppError::EmailTaken) => (
                409,
                "email-taken",
                "Email already registered",
                "This email address is registered already. Sign in instead, or use another address.".into(),
                &[][..],
                None,
            ),
            Self::App(AppError::Token(TokenError::Unknown)) => (
                400,
                "invalid-token",
                "Invalid token",
                "The token is not known. Use the newest link you were emailed.".into(),
                &[][..],
                None,
            ),
            Self::App(AppError::Token(TokenError::Expired)) => (
                410,
                "token-expired",
                "Token expired",
                "The link has expired. Ask for a new one.".into(),
                &[][..],
                None,
            ),
            Self::App(AppError::Token(TokenError::AlreadyUsed)) => (
                409,
                "token-used",
                "Token already used",
                "The link has been used already. Ask for a new one if you need to.".into(),
                &[][..],
                None,
            ),
            Self::App(AppError::AccountNotActive) => (
                403,
                "account-not-active",
                "Account not active",
                "Confirm your email address first, with the link in the registration email.".into(),
                &[][..],
                None,
            ),
            Self::App(AppError::Unauthenticated) => (
                401,
                "unauthenticated",
                "Authentication required",
                "Send a valid token in an Authorization: Bearer header.".into(),
                &[][..],
                None,
            ),
            Self::App(AppError::NotFound) | Self::NoRoute => (
                404,
                "not-found",
                "Not found",
                "There is nothing at this address.".into(),
                &[][..],
                None,
            ),
            Self::App(AppError::Database(error)) => (
                500,
                "internal",
                "Internal error",
                "Something went wrong on our side. Please try again.".into(),
                &[][..],
                Some(error.to_string()),
            ),
            Self::UnsupportedMediaType(accepted) => (
                415,
                "unsupported-media-type",
                "Unsupported media type",
                format!("Send the body as {accepted}."),
                &[][..],
                None,
            ),
            Self::PayloadTooLarge => (
                413,
                "payload-too-large",
                "Body too large",
                format!("Bodies are limited to {} bytes.", super::http::MAX_BODY_BYTES),
                &[][..],
                None,
            ),
            Self::MalformedBody(reason) => (
                400,
                "malformed-body",
                "Malformed body",
                reason.clone(),
                &[][..],
                None,
            ),
            Self::MethodNotAllowed(allow) => (
                405,
                "method-not-allowed",
                "Method not allowed",
                format!("This address accepts {allow}."),
                &[][..],
                None,
            ),
        };
        let problem = Problem {
            kind: format!("/problems/{slug}"),
            title,
            status,
            detail,
            errors,
        };
        let body = serde_json::to_vec(&problem).unwrap_or_default();
        let mut response = Response::new(status, "application/problem+json", body)
            .with_header("cache-control", "no-store");
        match &self {
            Self::MethodNotAllowed(allow) => response = response.with_header("allow", allow),
            Self::App(AppError::Unauthenticated) => {
                response = response.with_header("www-authenticate", "Bearer realm=\"spica-portal\"")
            }
            _ => {}
        }
        Handled {
            response,
            jobs: Vec::new(),
            log,
        }
    }
}
