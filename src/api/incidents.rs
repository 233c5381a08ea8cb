//! The direct-support endpoints: the customer's incidents and the desk's.

use serde_json::{json, Value};

use crate::app::incidents::{message_body, resolution};
use crate::app::{App, AttemptInput, Caller, NewIncident, Reply, SessionInput, Timeline};
use crate::domain::entropy::Entropy;
use crate::domain::field::Invalid;
use crate::domain::incident::Status;
use crate::domain::time::{format, Instant};
use crate::http::decode;
use crate::http::Result;
use crate::http::{Handled, Request, Response};
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
/// An attempt's note is the desk's: only the desk's answer has it.
fn timeline_json(timeline: &Timeline) -> Value {
    let mut body = incident_json(&timeline.incident);
    let notes = timeline.reader.reads_call_notes();
    let attempts: Vec<Value> = timeline
        .attempts
        .iter()
        .map(|a| {
            let mut attempt = json!({"number": a.number, "outcome": a.outcome, "channel": a.channel,
                "at": format(a.created_at), "recorded_by": a.recorded_by});
            if notes {
                attempt["note"] = json!(a.note);
            }
            attempt
        })
        .collect();
    let sessions: Vec<Value> = timeline
        .sessions
        .iter()
        .map(|s| {
            json!({"session_id": s.session.id, "started_at": format(s.session.started_at), "ended_at": format(s.session.ended_at),
                "seconds": s.session.seconds(), "channel": s.channel, "agent": s.agent, "recorded_by": s.recorded_by})
        })
        .collect();
    let messages: Vec<Value> = timeline
        .messages
        .iter()
        .map(|m| json!({"id": m.id, "author": m.author, "author_name": m.author_name, "body": m.body, "at": format(m.created_at), "recorded_by": m.recorded_by}))
        .collect();
    let charges: Vec<Value> = timeline
        .charges
        .iter()
        .map(|c| json!({"entry_id": c.id, "coupons": c.coupons, "at": format(c.created_at)}))
        .collect();
    body["timeline"] = json!({"attempts": attempts, "sessions": sessions, "messages": messages, "charges": charges});
    body["total_seconds"] = json!(timeline.total_seconds());
    body["coupons_charged"] = json!(timeline.coupons_charged);
    body
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
        Response::json(201, &incident_json(&incident)).with_header("location", &location),
        jobs,
    ))
}

pub async fn list_own<D: Database>(app: &App<D>, caller: &Caller) -> Result<Handled> {
    let (_, incidents) = app.my_incidents(caller).await?;
    let incidents: Vec<Value> = incidents.iter().map(incident_json).collect();
    Ok(Response::json(200, &json!({ "incidents": incidents })).into())
}

pub async fn get_own<D: Database>(app: &App<D>, caller: &Caller, id: &str) -> Result<Handled> {
    let (_, timeline) = app.my_incident(caller, id).await?;
    Ok(Response::json(200, &timeline_json(&timeline)).into())
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
        Response::json(201, &incident_json(&incident)),
        jobs,
    ))
}

pub async fn queue<D: Database>(
    app: &App<D>,
    request: &Request,
    caller: &Caller,
) -> Result<Handled> {
    let status = match request.query_param("status") {
        None => None,
        Some(text) => match Status::parse(&text) {
            Some(status) => Some(status),
            None => {
                let invalid = Invalid::new(
                    "invalid",
                    "must be awaiting_callback, in_progress, awaiting_customer or closed",
                );
                return Err(super::invalid_field("status", invalid));
            }
        },
    };
    let incidents: Vec<Value> = app
        .incident_queue(caller, status)
        .await?
        .iter()
        .map(incident_json)
        .collect();
    Ok(Response::json(200, &json!({ "incidents": incidents })).into())
}

pub async fn get_staff<D: Database>(app: &App<D>, caller: &Caller, id: &str) -> Result<Handled> {
    let (_, timeline) = app.desk_incident(caller, id).await?;
    Ok(Response::json(200, &timeline_json(&timeline)).into())
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
    caller: &Caller,
    id: &str,
    now: Instant,
    entropy: &mut Entropy,
) -> Result<Handled> {
    let object = decode::json_object(request)?;
    let body = message_body(&object).map_err(decode::invalid)?;
    let jobs = app.staff_message(caller, id, body, now, entropy).await?;
    Ok(Handled::with_jobs(
        Response::json(201, &json!({"incident_id": id, "sent": true})),
        jobs,
    ))
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
        Response::json(200, &incident_json(&incident)),
        jobs,
    ))
}
