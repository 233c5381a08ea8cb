//! Signing in by emailed link: `POST /api/sessions` and its redemption.

use serde_json::json;

use super::{invalid_field, token_field};
use crate::app::AppError;
use crate::domain::email::Email;
use crate::domain::time::format;
use crate::http::{decode, ApiError, Ctx, Handled, Response, Result};
use crate::store::Database;

/// `POST /api/sessions`.
pub async fn request_sign_in<D: Database, P>(ctx: &mut Ctx<'_, D, P>) -> Result<Handled> {
    let (app, request, now, entropy) = (ctx.app, ctx.request, ctx.now, &mut *ctx.entropy);
    let text = decode::single_text(request, "email")?
        .map_err(|errors| ApiError::App(AppError::Invalid(errors)))?;
    let email = Email::parse(&text).map_err(|invalid| invalid_field("email", invalid))?;
    let jobs = app.request_sign_in(&email, now, entropy).await?;
    let body = json!({"status": "accepted", "detail": "If the address is registered, a sign-in link is on its way."});
    Ok(Handled::with_jobs(Response::json(202, &body), jobs))
}

/// `POST /api/sessions/redeem`.
pub async fn redeem<D: Database, P>(ctx: &mut Ctx<'_, D, P>) -> Result<Handled> {
    let (app, request, now, entropy) = (ctx.app, ctx.request, ctx.now, &mut *ctx.entropy);
    let token = token_field(request)?;
    let grant = app.redeem_sign_in(&token, now, entropy).await?;
    let body = json!({
        "access_token": grant.access_token.as_str(),
        "token_type": "Bearer",
        "expires_at": format(grant.expires_at),
    });
    Ok(Response::json(200, &body).into())
}
