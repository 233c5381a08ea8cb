//! Registration: `POST /api/registrations` (JSON, or the public website's
//! flat form) and `POST /api/registrations/verify`.

use serde::Serialize;

use super::token_field;
use crate::app::{AccessError, App, AppError};
use crate::domain::entropy::Entropy;
use crate::domain::field::{FieldErrors, Invalid};
use crate::domain::language::Language;
use crate::domain::messages as m;
use crate::domain::registration::NewRegistration;
use crate::domain::time::Instant;
use crate::http::decode::{self, Body};
use crate::http::{ApiError, Ctx, Handled, Response, Result};
use crate::store::Database;

/// `POST /api/registrations` (JSON): the organisation registered.
#[derive(Debug, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(utoipa::ToSchema))]
pub struct RegisteredAnswer {
    pub customer_id: String,
    /// `pending_verification`: until the emailed link is followed.
    pub status: &'static str,
}

/// `POST /api/registrations/verify`: the address confirmed.
#[derive(Debug, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(utoipa::ToSchema))]
pub struct VerifiedAnswer {
    pub customer_id: String,
    /// `active`.
    pub status: &'static str,
    /// What became of the free first coupon: `granted`,
    /// `already_granted_for_serial` (another registration of the serial had
    /// it) or `awaiting_license_claim` (serial `0`: staff resolve it).
    pub free_coupon: &'static str,
    /// Coupons now.
    pub coupon_balance: i64,
}

/// The language the browser asks for (`Accept-Language`): a new contact's
/// when the registration names none.
fn browser_language(request: &crate::http::Request) -> Language {
    Language::from_accept_language(request.header("accept-language"))
}

/// `POST /api/registrations`.
pub async fn register<D: Database, P>(ctx: &mut Ctx<'_, D, P>) -> Result<Handled> {
    let (app, request, now, entropy) = (ctx.app, ctx.request, ctx.now, &mut *ctx.entropy);
    match decode::body(request, true)? {
        Body::Json(object) => {
            let mut input = crate::app::input::registration_json(&object);
            input.fallback_language = Some(browser_language(request));
            let registration = NewRegistration::parse(input, &app.config.vendor_addresses)
                .map_err(|e| ApiError::App(AppError::Invalid(e)))?;
            let registered = app.register(registration, now, entropy).await?;
            let body = RegisteredAnswer {
                customer_id: registered.customer_id,
                status: "pending_verification",
            };
            Ok(Handled::with_jobs(
                Response::json(201, &body),
                registered.jobs,
            ))
        }
        Body::Form(pairs) => {
            let language = browser_language(request);
            register_form(app, &pairs, language, now, entropy).await
        }
    }
}

/// The public website's form: success and refusal are both redirects, so a
/// plain HTML form works without any script.
async fn register_form<D: Database>(
    app: &App<D>,
    pairs: &[(String, String)],
    language: Language,
    now: Instant,
    entropy: &mut Entropy,
) -> Result<Handled> {
    let back_with = |errors: &FieldErrors| {
        let mut query: Vec<(String, String)> = vec![(
            "errors".into(),
            errors
                .list()
                .iter()
                .map(|e| crate::app::input::form_name(&e.field))
                .collect::<Vec<_>>()
                .join(","),
        )];
        for error in errors.list() {
            query.push((
                format!("error_{}", crate::app::input::form_name(&error.field)),
                error.detail.clone(),
            ));
        }
        let url = &app.config.registration_form_url;
        let separator = if url.contains('?') { '&' } else { '?' };
        let encoded = serde_urlencoded::to_string(&query).unwrap_or_default();
        Response::redirect(&format!("{url}{separator}{encoded}"))
    };
    let mut input = crate::app::input::registration_form(pairs);
    input.fallback_language = Some(language);
    let registration = match NewRegistration::parse(input, &app.config.vendor_addresses) {
        Ok(registration) => registration,
        Err(errors) => return Ok(back_with(&errors).into()),
    };
    match app.register(registration, now, entropy).await {
        Ok(registered) => Ok(Handled::with_jobs(
            Response::redirect(&app.config.registration_thanks_url),
            registered.jobs,
        )),
        Err(AppError::Access(AccessError::EmailTaken)) => {
            let mut errors = FieldErrors::default();
            errors.push(
                "contact.email",
                Invalid::said("taken", m::field_registered_already),
            );
            Ok(back_with(&errors).into())
        }
        Err(other) => Err(other.into()),
    }
}

/// `POST /api/registrations/verify`.
pub async fn verify<D: Database, P>(ctx: &mut Ctx<'_, D, P>) -> Result<Handled> {
    let (app, request, now, entropy) = (ctx.app, ctx.request, ctx.now, &mut *ctx.entropy);
    let token = token_field(request)?;
    let verified = app.verify_email(&token, now, entropy).await?;
    let body = VerifiedAnswer {
        customer_id: verified.customer_id,
        status: "active",
        free_coupon: verified.free_coupon.as_str(),
        coupon_balance: verified.coupon_balance,
    };
    Ok(Handled::with_jobs(
        Response::json(200, &body),
        verified.jobs,
    ))
}
