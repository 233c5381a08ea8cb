//! News bulletins: staff publish them (API and desk page), anyone reads
//! them at `/news`, and a bulletin's link unsubscribes its recipient.

use serde_json::{json, Value};

use crate::app::bulletins::{self, BULLETINS_SHOWN};
use crate::app::{App, Caller, Principal};
use crate::domain::entropy::Entropy;
use crate::domain::time::{format, Instant};
use crate::http::decode;
use crate::http::Result;
use crate::http::{Handled, Request, Response};
use crate::store::{BulletinSummary, Database};

fn summary_json(summary: &BulletinSummary) -> Value {
    let b = &summary.bulletin;
    json!({
        "bulletin_id": b.id,
        "subject": b.subject,
        "published_at": format(b.published_at),
        "published_by": b.published_by,
        "recipients": summary.recipients,
        "sent": summary.sent,
        "failed": summary.failed,
        "pending": summary.pending,
    })
}

/// `POST /api/staff/bulletins {"subject", "body"}`: 202, as the sending
/// goes on in the queue.
pub async fn publish<D: Database>(
    app: &App<D>,
    request: &Request,
    principal: &Principal,
    now: Instant,
    entropy: &mut Entropy,
) -> Result<Handled> {
    let staff = principal.staff()?;
    let bulletin = bulletins::parse(&decode::json_object(request)?).map_err(decode::invalid)?;
    let published = app
        .publish_bulletin(&bulletin, &staff.email, now, entropy)
        .await?;
    let body = json!({
        "bulletin_id": published.id,
        "recipients": published.recipients,
        "status": "sending",
    });
    Ok(Handled::with_jobs(
        Response::json(202, &body).with_header("location", &format!("/news/{}", published.id)),
        published.jobs,
    ))
}

/// `GET /api/staff/bulletins`: the newest first, with their counts.
pub async fn list<D: Database>(app: &App<D>, caller: &Caller) -> Result<Handled> {
    let (_, summaries) = app.bulletins_as(caller, BULLETINS_SHOWN).await?;
    let bulletins: Vec<Value> = summaries.iter().map(summary_json).collect();
    Ok(Response::json(200, &json!({ "bulletins": bulletins })).into())
}
