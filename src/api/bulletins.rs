//! News bulletins: staff publish them (API and desk page), anyone reads
//! them at `/news`, and a bulletin's link unsubscribes its recipient.

use serde::Serialize;

use crate::app::bulletins::{self, BULLETINS_SHOWN};
use crate::app::{App, Caller, Principal};
use crate::domain::entropy::Entropy;
use crate::domain::time::{format, Instant};
use crate::http::decode;
use crate::http::Result;
use crate::http::{Handled, Request, Response};
use crate::store::{BulletinSummary, Database};

/// A published bulletin and how its sending stands.
#[derive(Debug, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(utoipa::ToSchema))]
pub struct BulletinAnswer {
    pub bulletin_id: String,
    /// The English subject.
    pub subject: String,
    /// The Slovenian subject (the English one for a bulletin written once).
    pub subject_sl: String,
    #[cfg_attr(not(target_arch = "wasm32"), schema(format = DateTime))]
    pub published_at: String,
    /// The address of the staff member who published it.
    pub published_by: String,
    /// The contacts subscribed when it was published.
    pub recipients: i64,
    pub sent: i64,
    /// Refused, given up, never sent (no email service) or of unknown fate.
    pub failed: i64,
    /// Not yet taken by the sending job (their emails not yet written).
    pub pending: i64,
}

impl From<&BulletinSummary> for BulletinAnswer {
    fn from(summary: &BulletinSummary) -> Self {
        let b = &summary.bulletin;
        Self {
            bulletin_id: b.id.clone(),
            subject: b.subject.clone(),
            subject_sl: b.subject_sl.clone(),
            published_at: format(b.published_at),
            published_by: b.published_by.clone(),
            recipients: summary.recipients,
            sent: summary.sent,
            failed: summary.failed,
            pending: summary.pending,
        }
    }
}

/// `GET /api/staff/bulletins`.
#[derive(Debug, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(utoipa::ToSchema))]
pub struct BulletinsAnswer {
    /// Newest first, at most 100.
    pub bulletins: Vec<BulletinAnswer>,
}

/// A bulletin just published, whose emails are on their way.
#[derive(Debug, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(utoipa::ToSchema))]
pub struct PublishedAnswer {
    pub bulletin_id: String,
    /// The contacts subscribed now, each to be sent it.
    pub recipients: u64,
    /// `sending`.
    pub status: &'static str,
}

/// `POST /api/staff/bulletins {"subject", "body", "subject_sl"?, "body_sl"?}`:
/// 202, as the sending goes on in the queue. `subject` and `body` are the
/// English version, `subject_sl` and `body_sl` the Slovenian (without them,
/// the one text goes to everyone).
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
    let location = format!("/news/{}", published.id);
    let body = PublishedAnswer {
        bulletin_id: published.id,
        recipients: published.recipients,
        status: "sending",
    };
    Ok(Handled::with_jobs(
        Response::json(202, &body).with_header("location", &location),
        published.jobs,
    ))
}

/// `GET /api/staff/bulletins`: the newest first, with their counts.
pub async fn list<D: Database>(app: &App<D>, caller: &Caller) -> Result<Handled> {
    let (_, summaries) = app.bulletins_as(caller, BULLETINS_SHOWN).await?;
    let body = BulletinsAnswer {
        bulletins: summaries.iter().map(BulletinAnswer::from).collect(),
    };
    Ok(Response::json(200, &body).into())
}
