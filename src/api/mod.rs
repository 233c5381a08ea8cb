//! The JSON API: each module answers its area's routes (the route table in
//! `crate::router::table` names them) as `application/json`, and refuses as
//! `application/problem+json` through the kernel ([`crate::http`]).
//!
//! It imports `http`, `app` and `domain`; never `web` or `router`.

pub(crate) mod bulletins;
pub(crate) mod coupons;
pub(crate) mod incidents;
pub(crate) mod invoices;
pub(crate) mod licensing;
pub(crate) mod organisations;
pub(crate) mod privacy;
pub(crate) mod profile;
pub mod queries;
pub(crate) mod registration;
pub(crate) mod sessions;
pub(crate) mod staff;

use serde_json::json;

use crate::app::AppError;
use crate::domain::field::{FieldErrors, Invalid};
use crate::domain::token::Token;
use crate::http::{decode, ApiError, Ctx, Handled, Request, Response, Result};
use crate::store::Database;

/// `GET /healthz`.
pub async fn health<D: Database, P>(ctx: &mut Ctx<'_, D, P>) -> Result<Handled> {
    let body = json!({"status": "ok", "version": ctx.app.config.version});
    Ok(Response::json(200, &body).into())
}

/// A field that failed to parse on its own, as a 422.
pub(crate) fn invalid_field(field: &str, invalid: Invalid) -> ApiError {
    let mut errors = FieldErrors::default();
    errors.push(field, invalid);
    ApiError::App(AppError::Invalid(errors))
}

/// A token taken from a body field, parsed before any lookup.
pub(crate) fn token_field(request: &Request) -> Result<Token> {
    let text = decode::single_text(request, "token")?
        .map_err(|errors| ApiError::App(AppError::Invalid(errors)))?;
    Token::parse(&text).map_err(|invalid| invalid_field("token", invalid))
}
