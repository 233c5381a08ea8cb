//! Personal data: the export of everything the portal holds about the
//! calling contact and its organisation, and erasure.

use serde::Serialize;

use crate::app::{App, Caller};
use crate::domain::entropy::Entropy;
use crate::domain::time::{format, Instant};
use crate::http::Result;
use crate::http::{Handled, Response};
use crate::store::Database;

/// `GET /api/me/export`: the document ([`crate::app::privacy::PersonalData`])
/// as a dated file, as the portal's download gives it.
pub async fn export<D: Database>(app: &App<D>, caller: &Caller, now: Instant) -> Result<Handled> {
    let export = app.export(caller, now).await?;
    Ok(Response::from(export.file()).into())
}

/// An erasure asked for: nothing is erased until its emailed link is
/// confirmed.
#[derive(Debug, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(utoipa::ToSchema))]
pub struct ErasureRequestedAnswer {
    /// `erasure_requested`.
    pub status: &'static str,
    /// Until when the emailed link may be confirmed.
    #[cfg_attr(not(target_arch = "wasm32"), schema(format = DateTime))]
    pub link_expires_at: String,
}

/// `DELETE /api/me`: 202, and a link to confirm the erasure goes to the
/// contact's address (nothing is erased until it is confirmed).
pub async fn request_erasure<D: Database>(
    app: &App<D>,
    caller: &Caller,
    now: Instant,
    entropy: &mut Entropy,
) -> Result<Handled> {
    let (expires_at, jobs) = app.request_erasure(caller, now, entropy).await?;
    let body = ErasureRequestedAnswer {
        status: "erasure_requested",
        link_expires_at: format(expires_at),
    };
    Ok(Handled::with_jobs(Response::json(202, &body), jobs))
}

/// A contact's personal data erased (now or before).
#[derive(Debug, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(utoipa::ToSchema))]
pub struct ErasedAnswer {
    pub contact_id: String,
    /// `erased`.
    pub status: &'static str,
}

/// `POST /api/staff/contacts/{contact_id}/erasure`: erased at once; the same
/// answer for a contact erased already.
pub async fn erase<D: Database>(
    app: &App<D>,
    caller: &Caller,
    contact_id: &str,
    now: Instant,
    entropy: &mut Entropy,
) -> Result<Handled> {
    app.erase_contact(caller, contact_id, now, entropy).await?;
    let body = ErasedAnswer {
        contact_id: contact_id.to_owned(),
        status: "erased",
    };
    Ok(Response::json(200, &body).into())
}
