//! The JSON API: each module answers its area's routes (the route table in
//! `crate::router::table` names them) as `application/json`, and refuses as
//! `application/problem+json` through the kernel ([`crate::http`]).
//!
//! It imports `http`, `app` and `domain`; never `web` or `router`.

pub(crate) mod attachments;
pub(crate) mod bulletins;
pub(crate) mod coupons;
pub(crate) mod directory;
pub(crate) mod incidents;
pub(crate) mod invoices;
pub(crate) mod licensing;
pub mod live;
pub(crate) mod organisations;
pub(crate) mod privacy;
pub(crate) mod profile;
pub mod queries;
pub(crate) mod registration;
pub(crate) mod sessions;
pub(crate) mod staff;

use serde::Serialize;

use crate::app::{input, AppError};
use crate::domain::field::{FieldErrors, Invalid};
use crate::domain::token::Token;
use crate::domain::vat::VatNote;
use crate::http::{decode, ApiError, Ctx, Handled, Request, Response, Result};
use crate::store::Database;

/// `GET /healthz`.
#[derive(Debug, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(utoipa::ToSchema))]
pub struct HealthAnswer {
    /// `ok`.
    pub status: &'static str,
    /// This build's version.
    pub version: String,
}

/// `GET /healthz`.
pub async fn health<D: Database, P>(ctx: &mut Ctx<'_, D, P>) -> Result<Handled> {
    let body = HealthAnswer {
        status: "ok",
        version: ctx.app.config.version.clone(),
    };
    Ok(Response::json(200, &body).into())
}

/// Why a sale that could have been reverse charge is not.
#[derive(Debug, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(utoipa::ToSchema))]
pub struct VatNoteAnswer {
    /// `domestic_vat_number`, `vat_number_of_another_country`,
    /// `no_vat_number`, `vat_number_being_checked`,
    /// `vat_number_not_confirmed` or `vies_name_differs`.
    pub code: &'static str,
    /// The reason in words.
    pub explanation: &'static str,
}

impl VatNoteAnswer {
    pub fn of(note: Option<VatNote>) -> Option<Self> {
        note.map(Self::from)
    }
}

impl From<VatNote> for VatNoteAnswer {
    fn from(note: VatNote) -> Self {
        Self {
            code: note.as_str(),
            explanation: note.explanation(),
        }
    }
}

/// A field that failed to parse on its own, as a 422.
pub(crate) fn invalid_field(field: &str, invalid: Invalid) -> ApiError {
    let mut errors = FieldErrors::default();
    errors.push(field, invalid);
    ApiError::App(AppError::Invalid(errors))
}

/// The `token` field of a JSON (or form) body, parsed before any lookup.
fn token_field(request: &Request) -> Result<Token> {
    input::token_field(&decode::json_or_form(request)?).map_err(decode::invalid)
}
