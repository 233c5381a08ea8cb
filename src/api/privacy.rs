//! Personal data: the export of everything the portal holds about the
//! calling contact and its organisation.

use super::http::{Handled, Response};
use super::Result;
use crate::app::{App, Caller};
use crate::domain::time::Instant;
use crate::store::Database;

/// `GET /api/me/export` (bearer) and `GET /portal/export` (the portal's
/// download, with the browser session): one JSON document, saved as a
/// dated file.
pub async fn export<D: Database>(app: &App<D>, caller: &Caller, now: Instant) -> Result<Handled> {
    let export = app.export(caller, now).await?;
    Ok(Response::json(200, &export.document)
        .with_header(
            "content-disposition",
            &format!(
                "attachment; filename=\"spica-personal-data-{}.json\"",
                now.date_naive()
            ),
        )
        .with_header("cache-control", "no-store")
        .into())
}
