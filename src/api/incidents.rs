//! The direct-support endpoints: the customer's incidents and the desk's.
//!
//! Each answer is a type, which the OpenAPI document describes field by
//! field. The customer's timeline has its own attempt type, without the
//! desk's internal note, and its schema refuses one.

use serde::Serialize;

use crate::app::incidents::{message_body, resolution};
use crate::app::input;
use crate::app::{
    incident_of, App, AttemptInput, Caller, CallerIncident, Charged, Idempotency, NewIncident,
    Reply, SessionInput, Timeline,
};
use crate::domain::entropy::Entropy;
use crate::domain::field::Invalid;
use crate::domain::messages as m;
use crate::domain::time::{format, Instant};
use crate::http::decode;
use crate::http::Result;
use crate::http::{Handled, Request, Response};
use crate::store::{
    AttemptRecord, ChargeRecord, Database, IncidentRecord, MessageRecord, SessionRecord,
};

/// The schemas of names the domain lists (channels, statuses, outcomes,
/// authors): strings of exactly those values.
#[cfg(not(target_arch = "wasm32"))]
pub(crate) mod names {
    use crate::domain::incident::{Author, Channel, Outcome, Status};
    use utoipa::openapi::schema::{ObjectBuilder, Type};
    use utoipa::openapi::Object;

    fn one_of(names: &[&'static str], description: &str) -> Object {
        ObjectBuilder::new()
            .schema_type(Type::String)
            .enum_values(Some(names.iter().copied()))
            .description(Some(description))
            .build()
    }

    /// A contact's language (`domain::language::Language`).
    pub fn language() -> Object {
        one_of(
            &crate::domain::language::Language::ALL.map(|l| l.as_str()),
            "`sl` (Slovenian) or `en` (English); when absent, the request's Accept-Language decides: Slovenian when it ranks sl at least as high as en, else English",
        )
    }

    pub fn channel() -> Object {
        one_of(&Channel::names(), "How the customer is reached")
    }

    pub fn status() -> Object {
        one_of(&Status::names(), "Where the incident stands")
    }

    pub fn view() -> Object {
        one_of(
            &crate::domain::queue::View::names(),
            "Which incidents: `open` (the default) is every status but closed; a status's name \
             those in it; `breached` the open ones whose callback deadline (of the current \
             window) passed without the customer being reached, recorded or not yet, \
             the desk's red rows; closed ones are never breached here",
        )
    }

    pub fn outcome() -> Object {
        one_of(&Outcome::names(), "What the call came to")
    }

    pub fn author() -> Object {
        one_of(&Author::names(), "Who wrote it")
    }
}

/// An incident and its callback promise, as lists and answers show it.
#[derive(Debug, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(utoipa::ToSchema))]
pub struct IncidentAnswer {
    pub incident_id: String,
    /// What people read and say: `INC-2026-00042`, per year (the id stays
    /// in URLs and the API).
    pub number: Option<String>,
    /// The agent who took it ("mine"), by email; none while nobody has.
    pub assignee: Option<String>,
    pub subject: String,
    pub description: String,
    #[cfg_attr(not(target_arch = "wasm32"), schema(schema_with = names::channel))]
    pub channel: &'static str,
    /// The number to call back (E.164), when the customer gave one for this
    /// incident; else the contact's.
    pub phone: Option<String>,
    pub preferred_times: Option<String>,
    /// The license the incident is about, if the customer named one.
    pub serial: Option<String>,
    #[cfg_attr(not(target_arch = "wasm32"), schema(schema_with = names::status))]
    pub status: &'static str,
    /// The callback window's number: 1, then one more each time the
    /// customer's message reopens it.
    pub callback_window: i64,
    /// Most incidents are called back by then (12 hours).
    #[cfg_attr(not(target_arch = "wasm32"), schema(format = DateTime))]
    pub callback_target_by: String,
    /// The promised deadline of the callback (24 hours).
    #[cfg_attr(not(target_arch = "wasm32"), schema(format = DateTime))]
    pub callback_due_by: String,
    /// Attempts in all windows.
    pub attempts: i64,
    /// Failed attempts in this window.
    pub failed_attempts: i64,
    /// When a call first reached the customer in this window.
    #[cfg_attr(not(target_arch = "wasm32"), schema(format = DateTime))]
    pub reached_at: Option<String>,
    pub sla_breached: bool,
    #[cfg_attr(not(target_arch = "wasm32"), schema(format = DateTime))]
    pub sla_breached_at: Option<String>,
    /// What closing it said was done.
    pub resolution: Option<String>,
    #[cfg_attr(not(target_arch = "wasm32"), schema(format = DateTime))]
    pub created_at: String,
    #[cfg_attr(not(target_arch = "wasm32"), schema(format = DateTime))]
    pub closed_at: Option<String>,
}

impl From<&IncidentRecord> for IncidentAnswer {
    fn from(incident: &IncidentRecord) -> Self {
        let c = &incident.callback;
        Self {
            incident_id: incident.id.to_string(),
            number: incident.number.as_ref().map(|n| n.as_str().to_owned()),
            assignee: incident.assignee.clone(),
            subject: incident.subject.clone(),
            description: incident.description.clone(),
            channel: incident.channel.as_str(),
            phone: incident.phone.as_ref().map(|p| p.as_str().to_owned()),
            preferred_times: incident.preferred_times.clone(),
            serial: incident.serial.as_ref().map(|s| s.as_str().to_owned()),
            status: c.status.as_str(),
            callback_window: c.window,
            callback_target_by: format(c.target_by),
            callback_due_by: format(c.due_by),
            attempts: c.attempts,
            failed_attempts: c.failed_attempts,
            reached_at: c.reached_at.map(format),
            sla_breached: c.sla_breached_at.is_some(),
            sla_breached_at: c.sla_breached_at.map(format),
            resolution: incident.resolution.clone(),
            created_at: format(incident.created_at),
            closed_at: incident.closed_at.map(format),
        }
    }
}

/// `GET /api/me/incidents`: the organisation's incidents, newest first
/// (the desk's queue is [`QueueAnswer`]).
#[derive(Debug, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(utoipa::ToSchema))]
pub struct IncidentsAnswer {
    pub incidents: Vec<IncidentAnswer>,
}

impl IncidentsAnswer {
    fn of(incidents: &[IncidentRecord]) -> Self {
        Self {
            incidents: incidents.iter().map(IncidentAnswer::from).collect(),
        }
    }
}

/// `GET /api/staff/incidents`: one view of the desk's queue, a page of it.
#[derive(Debug, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(utoipa::ToSchema))]
pub struct QueueAnswer {
    /// Open ones nearest deadline first; closed ones most recently closed
    /// first.
    pub incidents: Vec<IncidentAnswer>,
    /// This page's number, from 1.
    pub page: i64,
    /// The next page's number, when there are more.
    pub next_page: Option<i64>,
}

impl QueueAnswer {
    fn of(page: &crate::app::QueuePage) -> Self {
        Self {
            incidents: page.incidents.iter().map(IncidentAnswer::from).collect(),
            page: page.page,
            next_page: page.next_page,
        }
    }
}

/// A callback attempt as the customer reads it: the desk's note is
/// internal and never here, and the schema refuses any field it does not
/// list (`additionalProperties: false`), so a note that leaked would break
/// the contract.
#[derive(Debug, Serialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(not(target_arch = "wasm32"), derive(utoipa::ToSchema))]
pub struct CustomerAttemptAnswer {
    /// 1 for the first attempt of the incident, in all windows.
    pub number: i64,
    #[cfg_attr(not(target_arch = "wasm32"), schema(schema_with = names::outcome))]
    pub outcome: &'static str,
    #[cfg_attr(not(target_arch = "wasm32"), schema(schema_with = names::channel))]
    pub channel: &'static str,
    #[cfg_attr(not(target_arch = "wasm32"), schema(format = DateTime))]
    pub at: String,
    /// The staff member who recorded it; none once erased.
    pub recorded_by: Option<String>,
}

impl From<&AttemptRecord> for CustomerAttemptAnswer {
    fn from(attempt: &AttemptRecord) -> Self {
        Self {
            number: attempt.number,
            outcome: attempt.outcome.as_str(),
            channel: attempt.channel.as_str(),
            at: format(attempt.created_at),
            recorded_by: attempt.recorded_by.clone(),
        }
    }
}

/// A callback attempt as the desk reads it, with its internal note.
#[derive(Debug, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(utoipa::ToSchema))]
pub struct DeskAttemptAnswer {
    pub number: i64,
    #[cfg_attr(not(target_arch = "wasm32"), schema(schema_with = names::outcome))]
    pub outcome: &'static str,
    #[cfg_attr(not(target_arch = "wasm32"), schema(schema_with = names::channel))]
    pub channel: &'static str,
    #[cfg_attr(not(target_arch = "wasm32"), schema(format = DateTime))]
    pub at: String,
    pub recorded_by: Option<String>,
    /// The desk's own working note, never shown to the customer.
    pub note: Option<String>,
}

impl From<&AttemptRecord> for DeskAttemptAnswer {
    fn from(attempt: &AttemptRecord) -> Self {
        let CustomerAttemptAnswer {
            number,
            outcome,
            channel,
            at,
            recorded_by,
        } = CustomerAttemptAnswer::from(attempt);
        Self {
            number,
            outcome,
            channel,
            at,
            recorded_by,
            note: attempt.note.clone(),
        }
    }
}

/// A support session, charged in 15-minute increments over the incident.
#[derive(Debug, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(utoipa::ToSchema))]
pub struct SessionAnswer {
    pub session_id: String,
    #[cfg_attr(not(target_arch = "wasm32"), schema(format = DateTime))]
    pub started_at: String,
    #[cfg_attr(not(target_arch = "wasm32"), schema(format = DateTime))]
    pub ended_at: String,
    pub seconds: i64,
    #[cfg_attr(not(target_arch = "wasm32"), schema(schema_with = names::channel))]
    pub channel: &'static str,
    /// The name of the staff member who gave it.
    pub agent: String,
    /// The staff member who logged it; none once erased.
    pub recorded_by: Option<String>,
}

impl From<&SessionRecord> for SessionAnswer {
    fn from(s: &SessionRecord) -> Self {
        Self {
            session_id: s.session.id.clone(),
            started_at: format(s.session.started_at),
            ended_at: format(s.session.ended_at),
            seconds: s.session.seconds(),
            channel: s.channel.as_str(),
            agent: s.agent.clone(),
            recorded_by: s.recorded_by.clone(),
        }
    }
}

/// A message of the conversation, the customer's or the desk's.
#[derive(Debug, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(utoipa::ToSchema))]
pub struct MessageAnswer {
    pub id: String,
    #[cfg_attr(not(target_arch = "wasm32"), schema(schema_with = names::author))]
    pub author: &'static str,
    pub author_name: String,
    pub body: String,
    #[cfg_attr(not(target_arch = "wasm32"), schema(format = DateTime))]
    pub at: String,
    /// Who wrote it (an address); none once erased.
    pub recorded_by: Option<String>,
}

impl From<&MessageRecord> for MessageAnswer {
    fn from(m: &MessageRecord) -> Self {
        Self {
            id: m.id.clone(),
            author: m.author.as_str(),
            author_name: m.author_name.clone(),
            body: m.body.clone(),
            at: format(m.created_at),
            recorded_by: m.recorded_by.clone(),
        }
    }
}

/// A ledger entry for the incident's support time.
#[derive(Debug, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(utoipa::ToSchema))]
pub struct ChargeAnswer {
    pub entry_id: String,
    /// Negative for a charge, positive for a credit back.
    pub coupons: i64,
    #[cfg_attr(not(target_arch = "wasm32"), schema(format = DateTime))]
    pub at: String,
}

impl From<&ChargeRecord> for ChargeAnswer {
    fn from(c: &ChargeRecord) -> Self {
        Self {
            entry_id: c.id.clone(),
            coupons: c.coupons,
            at: format(c.created_at),
        }
    }
}

/// What happened on an incident, as its customer reads it.
#[derive(Debug, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(utoipa::ToSchema))]
pub struct CustomerTimelineAnswer {
    /// Without the desk's notes.
    pub attempts: Vec<CustomerAttemptAnswer>,
    pub sessions: Vec<SessionAnswer>,
    pub messages: Vec<MessageAnswer>,
    /// Newest first.
    pub charges: Vec<ChargeAnswer>,
    /// Files attached, oldest first.
    pub attachments: Vec<super::attachments::ListedAttachmentAnswer>,
}

/// What happened on an incident, as the desk reads it.
#[derive(Debug, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(utoipa::ToSchema))]
pub struct DeskTimelineAnswer {
    /// With the desk's internal notes.
    pub attempts: Vec<DeskAttemptAnswer>,
    pub sessions: Vec<SessionAnswer>,
    pub messages: Vec<MessageAnswer>,
    /// Newest first.
    pub charges: Vec<ChargeAnswer>,
    /// Files attached, oldest first.
    pub attachments: Vec<super::attachments::ListedAttachmentAnswer>,
}

/// `GET /api/me/incidents/{incident_id}`: one of the customer's incidents
/// with its timeline.
#[derive(Debug, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(utoipa::ToSchema))]
pub struct CustomerIncidentAnswer {
    #[serde(flatten)]
    pub incident: IncidentAnswer,
    pub timeline: CustomerTimelineAnswer,
    /// The support time logged, in seconds.
    pub total_seconds: i64,
    /// Net of credits back.
    pub coupons_charged: i64,
}

impl From<&Timeline> for CustomerIncidentAnswer {
    fn from(timeline: &Timeline) -> Self {
        Self {
            incident: IncidentAnswer::from(&timeline.incident),
            timeline: CustomerTimelineAnswer {
                attempts: answers(&timeline.attempts),
                sessions: answers(&timeline.sessions),
                messages: answers(&timeline.messages),
                charges: answers(&timeline.charges),
                attachments: answers(&timeline.attachments),
            },
            total_seconds: timeline.total_seconds(),
            coupons_charged: timeline.coupons_charged,
        }
    }
}

/// `GET /api/staff/incidents/{incident_id}`: any incident with its
/// timeline, the attempts' notes included.
#[derive(Debug, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(utoipa::ToSchema))]
pub struct DeskIncidentAnswer {
    #[serde(flatten)]
    pub incident: IncidentAnswer,
    pub timeline: DeskTimelineAnswer,
    /// The support time logged, in seconds.
    pub total_seconds: i64,
    /// Net of credits back.
    pub coupons_charged: i64,
}

impl From<&Timeline> for DeskIncidentAnswer {
    fn from(timeline: &Timeline) -> Self {
        Self {
            incident: IncidentAnswer::from(&timeline.incident),
            timeline: DeskTimelineAnswer {
                attempts: answers(&timeline.attempts),
                sessions: answers(&timeline.sessions),
                messages: answers(&timeline.messages),
                charges: answers(&timeline.charges),
                attachments: answers(&timeline.attachments),
            },
            total_seconds: timeline.total_seconds(),
            coupons_charged: timeline.coupons_charged,
        }
    }
}

/// Each record as its answer.
fn answers<'a, R, A: From<&'a R>>(records: &'a [R]) -> Vec<A> {
    records.iter().map(A::from).collect()
}

/// `POST /api/staff/incidents/{incident_id}/callback-attempts`.
#[derive(Debug, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(utoipa::ToSchema))]
pub struct AttemptRecordedAnswer {
    /// The attempt's number in the incident.
    pub attempt: i64,
    pub incident_id: String,
    /// The incident's status after it.
    #[cfg_attr(not(target_arch = "wasm32"), schema(schema_with = names::status))]
    pub status: &'static str,
    /// Failed attempts in this window; the third asks the customer.
    pub failed_attempts: i64,
}

/// What a change of an incident's sessions comes to, for the whole incident.
#[derive(Debug, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(utoipa::ToSchema))]
pub struct SessionsChargedAnswer {
    /// The session logged, corrected or deleted.
    pub session_id: String,
    /// The incident's support time, in seconds.
    pub total_seconds: i64,
    /// What that time costs, in coupons (15-minute increments).
    pub coupons_charged: i64,
    /// The organisation's balance after the charge; below zero when the
    /// time went beyond it.
    pub coupon_balance: i64,
}

impl From<&Charged> for SessionsChargedAnswer {
    fn from(charged: &Charged) -> Self {
        Self {
            session_id: charged.session_id.clone(),
            total_seconds: charged.total_seconds,
            coupons_charged: charged.coupons_charged,
            coupon_balance: charged.balance,
        }
    }
}

/// `POST /api/staff/incidents/{incident_id}/messages`.
#[derive(Debug, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(utoipa::ToSchema))]
pub struct MessageSentAnswer {
    pub incident_id: String,
    /// Always true: the message is recorded and its email on its way.
    pub sent: bool,
}

/// `POST /api/me/incidents`, as JSON, or as the website's form (with the
/// token in the Authorization header or an `access_token` field), which is
/// answered with redirects.
pub async fn open<D: Database>(
    app: &App<D>,
    request: &Request,
    caller: &Caller,
    now: Instant,
    entropy: &mut Entropy,
) -> Result<Handled> {
    let form = request.media_type().as_deref() == Some("application/x-www-form-urlencoded");
    let object = decode::json_or_form(request)?;
    let base = &app.config.public_base_url;
    let parsed = match NewIncident::parse(&object) {
        Ok(parsed) => parsed,
        Err(errors) if form => {
            app.identify(caller).await?;
            let names: Vec<&str> = errors.list().iter().map(|e| e.field.as_str()).collect();
            let query =
                serde_urlencoded::to_string([("errors", names.join(","))]).unwrap_or_default();
            return Ok(
                Response::redirect(&format!("{}?{query}", app.config.support_form_url)).into(),
            );
        }
        Err(errors) => return Err(decode::invalid(errors)),
    };
    let (incident, jobs) = app.open_incident(caller, parsed, now, entropy).await?;
    if form {
        return Ok(Handled::with_jobs(
            Response::redirect(&format!(
                "{base}/support-requested?incident={}",
                incident.id
            )),
            jobs,
        ));
    }
    let location = format!("/api/me/incidents/{}", incident.id);
    Ok(Handled::with_jobs(
        Response::json(201, &IncidentAnswer::from(&incident)).with_header("location", &location),
        jobs,
    ))
}

/// `POST /api/staff/organisations/{organisation_id}/incidents` with an
/// `Idempotency-Key`: the desk opens an incident for a person who phoned,
/// answered as the customer's own request is (201, [`IncidentAnswer`]).
pub async fn open_for_caller<D: Database>(
    app: &App<D>,
    request: &Request,
    caller: &Caller,
    organisation_id: &str,
    now: Instant,
    entropy: &mut Entropy,
) -> Result<Handled> {
    let object = decode::json_object(request)?;
    let parsed = CallerIncident::parse(&object);
    let keyed = decode::idempotency(request)
        .unwrap_or_else(|| Err(Invalid::said("required", m::field_idempotency_incident)));
    let (input, (key, fingerprint)) = match (parsed, keyed) {
        (Ok(input), Ok(keyed)) => (input, keyed),
        (parsed, keyed) => {
            let mut errors = parsed.err().unwrap_or_default();
            if let Err(invalid) = keyed {
                errors.push("Idempotency-Key", invalid);
            }
            return Err(decode::invalid(errors));
        }
    };
    let keyed = Idempotency {
        key: &key,
        request: &fingerprint,
    };
    let render = |incident: &IncidentRecord, number: &str| {
        let mut answer = IncidentAnswer::from(incident);
        answer.number = Some(number.to_owned());
        serde_json::to_string(&answer).unwrap_or_default()
    };
    let (_, answer) = app
        .open_incident_for_caller(
            caller,
            organisation_id,
            input,
            &keyed,
            &render,
            now,
            entropy,
        )
        .await?;
    let location = incident_of(&answer).map(|id| format!("/api/staff/incidents/{id}"));
    let mut handled = Handled::from(answer);
    if let Some(location) = location {
        handled.response = handled.response.with_header("location", &location);
    }
    Ok(handled)
}

pub async fn list_own<D: Database>(app: &App<D>, caller: &Caller) -> Result<Handled> {
    let (_, incidents) = app.my_incidents(caller).await?;
    Ok(Response::json(200, &IncidentsAnswer::of(&incidents)).into())
}

pub async fn get_own<D: Database>(app: &App<D>, caller: &Caller, id: &str) -> Result<Handled> {
    let (_, timeline) = app.my_incident(caller, id).await?;
    Ok(Response::json(200, &CustomerIncidentAnswer::from(&timeline)).into())
}

pub async fn customer_message<D: Database>(
    app: &App<D>,
    request: &Request,
    caller: &Caller,
    id: &str,
    now: Instant,
    entropy: &mut Entropy,
) -> Result<Handled> {
    let object = decode::json_object(request)?;
    let reply = Reply::parse(&object).map_err(decode::invalid)?;
    let (incident, jobs) = app
        .customer_message(caller, id, reply, now, entropy)
        .await?;
    Ok(Handled::with_jobs(
        Response::json(201, &IncidentAnswer::from(&incident)),
        jobs,
    ))
}

pub async fn queue<D: Database>(
    app: &App<D>,
    request: &Request,
    caller: &Caller,
    now: Instant,
) -> Result<Handled> {
    let filter = input::queue_filter(|name| request.query_param(name)).map_err(decode::invalid)?;
    let page = app.incident_queue(caller, &filter, now).await?;
    Ok(Response::json(200, &QueueAnswer::of(&page)).into())
}

pub async fn get_staff<D: Database>(app: &App<D>, caller: &Caller, id: &str) -> Result<Handled> {
    let (_, timeline) = app.desk_incident(caller, id).await?;
    Ok(Response::json(200, &DeskIncidentAnswer::from(&timeline)).into())
}

pub async fn attempt<D: Database>(
    app: &App<D>,
    request: &Request,
    caller: &Caller,
    id: &str,
    now: Instant,
    entropy: &mut Entropy,
) -> Result<Handled> {
    let object = decode::json_object(request)?;
    let input = AttemptInput::parse(&object).map_err(decode::invalid)?;
    let (number, incident, jobs) = app.record_attempt(caller, id, input, now, entropy).await?;
    let body = AttemptRecordedAnswer {
        attempt: number,
        incident_id: incident.id.to_string(),
        status: incident.callback.status.as_str(),
        failed_attempts: incident.callback.failed_attempts,
    };
    Ok(Handled::with_jobs(Response::json(201, &body), jobs))
}

/// What a request does to an incident's sessions.
pub enum SessionCall<'a> {
    Log,
    Correct(&'a str),
    Delete(&'a str),
}

/// Logs (POST), corrects (PUT) or deletes (DELETE) a session.
pub async fn session<D: Database>(
    app: &App<D>,
    request: &Request,
    caller: &Caller,
    id: &str,
    call: SessionCall<'_>,
    now: Instant,
    entropy: &mut Entropy,
) -> Result<Handled> {
    let (session_id, delete) = match call {
        SessionCall::Log => (None, false),
        SessionCall::Correct(session) => (Some(session), false),
        SessionCall::Delete(session) => (Some(session), true),
    };
    let input = if delete {
        None
    } else {
        let object = decode::json_object(request)?;
        Some(SessionInput::parse(&object).map_err(decode::invalid)?)
    };
    let charged = app
        .change_session(caller, id, session_id, input, now, entropy)
        .await?;
    let status = if session_id.is_none() { 201 } else { 200 };
    Ok(Handled::with_jobs(
        Response::json(status, &SessionsChargedAnswer::from(&charged)),
        charged.jobs,
    ))
}

pub async fn staff_message<D: Database>(
    app: &App<D>,
    request: &Request,
    caller: &Caller,
    id: &str,
    now: Instant,
    entropy: &mut Entropy,
) -> Result<Handled> {
    let object = decode::json_object(request)?;
    let body = message_body(&object).map_err(decode::invalid)?;
    let jobs = app.staff_message(caller, id, body, now, entropy).await?;
    let sent = MessageSentAnswer {
        incident_id: id.to_owned(),
        sent: true,
    };
    Ok(Handled::with_jobs(Response::json(201, &sent), jobs))
}

/// `POST /api/staff/incidents/{incident_id}/take`: the agent's own now.
pub async fn take<D: Database>(app: &App<D>, caller: &Caller, id: &str) -> Result<Handled> {
    let incident = app.take_incident(caller, id).await?;
    Ok(Response::json(200, &IncidentAnswer::from(&incident)).into())
}

pub async fn close<D: Database>(
    app: &App<D>,
    request: &Request,
    caller: &Caller,
    id: &str,
    now: Instant,
    entropy: &mut Entropy,
) -> Result<Handled> {
    let object = decode::json_object(request)?;
    let resolution = resolution(&object).map_err(decode::invalid)?;
    let (incident, jobs) = app
        .close_incident(caller, id, resolution, now, entropy)
        .await?;
    Ok(Handled::with_jobs(
        Response::json(200, &IncidentAnswer::from(&incident)),
        jobs,
    ))
}
