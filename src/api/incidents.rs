//! The direct-support endpoints: the customer's incidents and the desk's.

use serde_json::{json, Map, Value};

use super::decode::{self, Fields};
use super::http::{Handled, Request, Response};
use super::Result;
use crate::app::Principal;
use crate::app::{App, AppError, AttemptInput, NewIncident, Reply, SessionInput};
use crate::domain::entropy::Entropy;
use crate::domain::field::{FieldErrors, Invalid};
use crate::domain::incident::{Channel, Outcome, Status};
use crate::domain::phone::Phone;
use crate::domain::serial::SerialNumber;
use crate::domain::text::Text;
use crate::domain::time::{format, Instant};
use crate::store::{Database, IncidentRecord};

/// The incident's summary, as lists and answers show it.
pub fn incident_json(incident: &IncidentRecord) -> Value {
    let c = &incident.callback;
    json!({
        "incident_id": incident.id,
        "subject": incident.subject,
        "description": incident.description,
        "channel": incident.channel.as_str(),
        "phone": incident.phone,
        "preferred_times": incident.preferred_times,
        "serial": incident.serial,
        "status": c.status.as_str(),
        "callback_window": c.window,
        "callback_target_by": format(c.target_by),
        "callback_due_by": format(c.due_by),
        "attempts": c.attempts,
        "failed_attempts": c.failed_attempts,
        "reached_at": c.reached_at.map(format),
        "sla_breached": c.sla_breached_at.is_some(),
        "sla_breached_at": c.sla_breached_at.map(format),
        "resolution": incident.resolution,
        "created_at": format(incident.created_at),
        "closed_at": incident.closed_at.map(format),
    })
}

/// An incident with its timeline: attempts, sessions, messages and charges.
async fn timeline<D: Database>(app: &App<D>, incident: &IncidentRecord) -> Result<Value> {
    let mut body = incident_json(incident);
    let attempts: Vec<Value> = app
        .store
        .attempts(&incident.id)
        .await?
        .iter()
        .map(|a| json!({"number": a.number, "outcome": a.outcome, "channel": a.channel, "note": a.note, "at": format(a.created_at), "recorded_by": a.recorded_by}))
        .collect();
    let sessions = app.store.sessions(&incident.id).await?;
    let total_seconds: i64 = sessions.iter().map(|s| s.session.seconds()).sum();
    let sessions: Vec<Value> = sessions
        .iter()
        .map(|s| {
            json!({"session_id": s.session.id, "started_at": format(s.session.started_at), "ended_at": format(s.session.ended_at),
                "seconds": s.session.seconds(), "channel": s.channel, "agent": s.agent, "recorded_by": s.recorded_by})
        })
        .collect();
    let messages: Vec<Value> = app
        .store
        .incident_messages(&incident.id)
        .await?
        .iter()
        .map(|m| json!({"id": m.id, "author": m.author, "author_name": m.author_name, "body": m.body, "at": format(m.created_at), "recorded_by": m.recorded_by}))
        .collect();
    let charges: Vec<Value> = app
        .store
        .ledger(&incident.customer_id, 500)
        .await?
        .iter()
        .filter(|line| line.incident_id.as_deref() == Some(incident.id.as_str()))
        .map(|line| json!({"entry_id": line.id, "coupons": line.coupons, "at": format(line.created_at)}))
        .collect();
    body["timeline"] = json!({"attempts": attempts, "sessions": sessions, "messages": messages, "charges": charges});
    body["total_seconds"] = json!(total_seconds);
    body["coupons_charged"] = json!(app.store.coupons_charged(&incident.id).await?);
    Ok(body)
}

/// The fields of a support request, from a JSON body or a form, every
/// invalid one named.
pub fn incident_input(
    object: &Map<String, Value>,
) -> std::result::Result<NewIncident, FieldErrors> {
    let mut fields = Fields::new(object);
    let subject = fields.parse("subject", |t| Text::parse(t, 200));
    let description = fields.parse("description", |t| Text::parse_multiline(t, 10_000));
    let channel = fields.parse("channel", Channel::parse);
    let phone = fields.parse_optional("phone", Phone::parse);
    let preferred_times = fields.parse_optional("preferred_times", |t| Text::parse(t, 500));
    let serial = fields.parse_optional("serial", |t| {
        SerialNumber::parse(t).map(|s| s.as_str().to_owned())
    });
    if channel == Some(Channel::Voice) && matches!(phone, Some(None)) {
        let detail =
            "a phone number in E.164 (such as +386 1 234 5678) is required for a voice callback";
        fields
            .errors
            .push("phone", Invalid::new("required", detail));
    }
    match (
        subject,
        description,
        channel,
        phone,
        preferred_times,
        serial,
    ) {
        (
            Some(subject),
            Some(description),
            Some(channel),
            Some(phone),
            Some(preferred_times),
            Some(serial),
        ) if fields.errors.is_empty() => Ok(NewIncident {
            subject,
            description,
            channel,
            phone,
            preferred_times,
            serial,
        }),
        _ => Err(fields.errors),
    }
}

/// `POST /api/me/incidents`, as JSON, or as the website's form (with the
/// token in the Authorization header or an `access_token` field), which is
/// answered with redirects.
pub async fn open<D: Database>(
    app: &App<D>,
    request: &Request,
    principal: &Principal,
    now: Instant,
    entropy: &mut Entropy,
) -> Result<Handled> {
    let form = request.media_type().as_deref() == Some("application/x-www-form-urlencoded");
    let object = decode::json_or_form(request)?;
    let customer = principal.customer()?;
    let base = &app.config.public_base_url;
    let parsed = match incident_input(&object) {
        Ok(parsed) => parsed,
        Err(errors) if form => {
            let names: Vec<&str> = errors.list().iter().map(|e| e.field.as_str()).collect();
            let query =
                serde_urlencoded::to_string([("errors", names.join(","))]).unwrap_or_default();
            return Ok(
                Response::redirect(&format!("{}?{query}", app.config.support_form_url)).into(),
            );
        }
        Err(errors) => return Err(decode::invalid(errors)),
    };
    let (incident, jobs) = app.open_incident(&customer, parsed, now, entropy).await?;
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
        Response::json(201, &incident_json(&incident)).with_header("location", &location),
        jobs,
    ))
}

pub async fn list_own<D: Database>(app: &App<D>, principal: &Principal) -> Result<Handled> {
    let customer = principal.customer()?;
    let incidents: Vec<Value> = app
        .store
        .incidents_of(&customer.customer.id)
        .await?
        .iter()
        .map(incident_json)
        .collect();
    Ok(Response::json(200, &json!({ "incidents": incidents })).into())
}

pub async fn get_own<D: Database>(
    app: &App<D>,
    principal: &Principal,
    id: &str,
) -> Result<Handled> {
    let customer = principal.customer()?;
    let incident = app.own_incident(&customer, id).await?;
    Ok(Response::json(200, &timeline(app, &incident).await?).into())
}

pub async fn customer_message<D: Database>(
    app: &App<D>,
    request: &Request,
    principal: &Principal,
    id: &str,
    now: Instant,
    entropy: &mut Entropy,
) -> Result<Handled> {
    let customer = principal.customer()?;
    let object = decode::json_object(request)?;
    let mut fields = Fields::new(&object);
    let body = fields.parse("body", |t| Text::parse_multiline(t, 10_000));
    let phone = fields.parse_optional("phone", Phone::parse);
    let times = fields.parse_optional("preferred_times", |t| Text::parse(t, 500));
    let (Some(body), Some(phone), Some(times)) = (body, phone, times) else {
        return Err(decode::invalid(fields.errors));
    };
    let reply = Reply {
        body,
        phone,
        preferred_times: times,
    };
    let (incident, jobs) = app
        .customer_message(&customer, id, reply, now, entropy)
        .await?;
    Ok(Handled::with_jobs(
        Response::json(201, &incident_json(&incident)),
        jobs,
    ))
}

pub async fn queue<D: Database>(
    app: &App<D>,
    request: &Request,
    principal: &Principal,
) -> Result<Handled> {
    principal.staff()?;
    let status = match request.query_param("status") {
        None => None,
        Some(text) => Some(Status::parse(&text).ok_or_else(|| {
            super::invalid_field(
                "status",
                Invalid::new(
                    "invalid",
                    "must be awaiting_callback, in_progress, awaiting_customer or closed",
                ),
            )
        })?),
    };
    let incidents: Vec<Value> = app
        .store
        .incident_queue(status)
        .await?
        .iter()
        .map(incident_json)
        .collect();
    Ok(Response::json(200, &json!({ "incidents": incidents })).into())
}

pub async fn get_staff<D: Database>(
    app: &App<D>,
    principal: &Principal,
    id: &str,
) -> Result<Handled> {
    principal.staff()?;
    let incident = app.store.incident(id).await?.ok_or(AppError::NotFound)?;
    Ok(Response::json(200, &timeline(app, &incident).await?).into())
}

pub async fn attempt<D: Database>(
    app: &App<D>,
    request: &Request,
    principal: &Principal,
    id: &str,
    now: Instant,
    entropy: &mut Entropy,
) -> Result<Handled> {
    let staff = principal.staff()?;
    let object = decode::json_object(request)?;
    let mut fields = Fields::new(&object);
    let outcome = fields.text("outcome");
    let outcome = fields.errors.check(
        "outcome",
        outcome
            .as_deref()
            .map_or(Err(Invalid::required()), Outcome::parse),
    );
    let channel = fields.parse("channel", Channel::parse);
    let note = fields.parse_optional("note", |t| Text::parse_multiline(t, 2000));
    let (Some(outcome), Some(channel), Some(note)) = (outcome, channel, note) else {
        return Err(decode::invalid(fields.errors));
    };
    let (number, incident, jobs) = app
        .record_attempt(
            id,
            AttemptInput {
                outcome,
                channel,
                note,
                recorded_by: staff.email,
            },
            now,
            entropy,
        )
        .await?;
    let body = json!({"attempt": number, "incident_id": incident.id, "status": incident.callback.status.as_str(),
        "failed_attempts": incident.callback.failed_attempts});
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
    principal: &Principal,
    id: &str,
    call: SessionCall<'_>,
    now: Instant,
    entropy: &mut Entropy,
) -> Result<Handled> {
    let staff = principal.staff()?;
    let (session_id, delete) = match call {
        SessionCall::Log => (None, false),
        SessionCall::Correct(session) => (Some(session), false),
        SessionCall::Delete(session) => (Some(session), true),
    };
    let input = if delete {
        None
    } else {
        let object = decode::json_object(request)?;
        let mut fields = Fields::new(&object);
        let started_at = fields.parse("started_at", decode::instant);
        let ended_at = fields.parse("ended_at", decode::instant);
        let channel = fields.parse("channel", Channel::parse);
        let (Some(started_at), Some(ended_at), Some(channel)) = (started_at, ended_at, channel)
        else {
            return Err(decode::invalid(fields.errors));
        };
        Some(SessionInput {
            started_at,
            ended_at,
            channel,
            agent: staff.name,
            recorded_by: staff.email,
        })
    };
    let charged = app
        .change_session(id, session_id, input, now, entropy)
        .await?;
    let body = json!({"session_id": charged.session_id, "total_seconds": charged.total_seconds,
        "coupons_charged": charged.coupons_charged, "coupon_balance": charged.balance});
    let status = if session_id.is_none() { 201 } else { 200 };
    Ok(Handled::with_jobs(
        Response::json(status, &body),
        charged.jobs,
    ))
}

pub async fn staff_message<D: Database>(
    app: &App<D>,
    request: &Request,
    principal: &Principal,
    id: &str,
    now: Instant,
    entropy: &mut Entropy,
) -> Result<Handled> {
    let staff = principal.staff()?;
    let object = decode::json_object(request)?;
    let mut fields = Fields::new(&object);
    let body = fields.parse("body", |t| Text::parse_multiline(t, 10_000));
    let Some(body) = body else {
        return Err(decode::invalid(fields.errors));
    };
    let jobs = app.staff_message(id, body, &staff, now, entropy).await?;
    Ok(Handled::with_jobs(
        Response::json(201, &json!({"incident_id": id, "sent": true})),
        jobs,
    ))
}

pub async fn close<D: Database>(
    app: &App<D>,
    request: &Request,
    principal: &Principal,
    id: &str,
    now: Instant,
    entropy: &mut Entropy,
) -> Result<Handled> {
    principal.staff()?;
    let object = decode::json_object(request)?;
    let mut fields = Fields::new(&object);
    let Some(resolution) = fields.parse("resolution", |t| Text::parse_multiline(t, 5000)) else {
        return Err(decode::invalid(fields.errors));
    };
    let (incident, jobs) = app.close_incident(id, resolution, now, entropy).await?;
    Ok(Handled::with_jobs(
        Response::json(200, &incident_json(&incident)),
        jobs,
    ))
}
