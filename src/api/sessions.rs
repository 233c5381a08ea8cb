//! Signing in by emailed link: `POST /api/sessions` and its redemption.

use serde::Serialize;

use super::{invalid_field, token_field};
use crate::app::{AccessGrant, AppError};
use crate::domain::email::Email;
use crate::domain::time::format;
use crate::http::{decode, ApiError, Ctx, Handled, Response, Result};
use crate::store::Database;

/// `POST /api/sessions`: the same answer whether or not the address is
/// registered.
#[derive(Debug, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(utoipa::ToSchema))]
pub struct SignInRequestedAnswer {
    /// `accepted`.
    pub status: &'static str,
    pub detail: &'static str,
}

/// An access token for the API: what a sign-in link or an accepted
/// invitation is exchanged for, once.
#[derive(Debug, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(utoipa::ToSchema))]
pub struct AccessGrantAnswer {
    /// For `Authorization: Bearer`.
    pub access_token: String,
    /// `Bearer`.
    pub token_type: &'static str,
    /// 12 hours after it was granted.
    #[cfg_attr(not(target_arch = "wasm32"), schema(format = DateTime))]
    pub expires_at: String,
}

impl From<&AccessGrant> for AccessGrantAnswer {
    fn from(grant: &AccessGrant) -> Self {
        Self {
            access_token: grant.access_token.as_str().to_owned(),
            token_type: "Bearer",
            expires_at: format(grant.expires_at),
        }
    }
}

/// `POST /api/sessions`.
pub async fn request_sign_in<D: Database, P>(ctx: &mut Ctx<'_, D, P>) -> Result<Handled> {
    let (app, request, now, entropy) = (ctx.app, ctx.request, ctx.now, &mut *ctx.entropy);
    let text = decode::single_text(request, "email")?
        .map_err(|errors| ApiError::App(AppError::Invalid(errors)))?;
    let email = Email::parse(&text).map_err(|invalid| invalid_field("email", invalid))?;
    let jobs = app.request_sign_in(&email, now, entropy).await?;
    let body = SignInRequestedAnswer {
        status: "accepted",
        detail: "If the address is registered, a sign-in link is on its way.",
    };
    Ok(Handled::with_jobs(Response::json(202, &body), jobs))
}

/// `POST /api/sessions/redeem`.
pub async fn redeem<D: Database, P>(ctx: &mut Ctx<'_, D, P>) -> Result<Handled> {
    let (app, request, now, entropy) = (ctx.app, ctx.request, ctx.now, &mut *ctx.entropy);
    let token = token_field(request)?;
    let grant = app.redeem_sign_in(&token, now, entropy).await?;
    Ok(Response::json(200, &AccessGrantAnswer::from(&grant)).into())
}
