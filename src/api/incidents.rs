//! The direct-support endpoints: the customer's incidents and the desk's.

use serde_json::{json, Map, Value};

use super::decode::{self, Body, Fields};
use super::http::{Handled, Request, Response};
use super::problem::ApiError;
use super::Result;
use crate::app::{App, AppError, AttemptInput, NewIncident, Reply, SessionInput};
use crate::domain::entropy::Entropy;
use crate::domain::field::{FieldErrors, Invalid};
use crate::domain::incident::{Channel, Outcome, Status};
use crate::domain::phone::Phone;
use crate::domain::serial::SerialNumber;
use crate::domain::text::Text;
use crate::domain::time::{self, format, Instant};
use crate::store::{Database, IncidentRecord};

fn invalid(errors: FieldErrors) -> ApiError {
    ApiError::App(AppError::Invalid(errors))
}

/// The body as a JSON object; a form's fields are read as strings.
fn object(request: &Request, form: bool) -> Result<Map<String, Value>> {
    Ok(match decode::body(request, form)? {
        Body::Json(object) => object,
        Body::Form(pairs) => pairs
            .into_iter()
            .map(|(k, v)| (k, Value::String(v)))
            .collect(),
    })
}

fn required_text(
    fields: &mut Fields<'_>,
    errors: &mut FieldErrors,
    name: &str,
    max: usize,
) -> Option<Text> {
    let value = fields.text(name);
    errors.check(name, Text::parse(value.as_deref().unwrap_or(""), max))
}

fn optional_text(
    fields: &mut Fields<'_>,
    errors: &mut FieldErrors,
    name: &str,
    max: usize,
) -> Option<Option<Text>> {
    match fields.text(name).filter(|v| !v.trim().is_empty()) {
        None => Some(None),
        Some(value) => errors.check(name, Text::parse(&value, max).map(Some)),
    }
}

fn optional_phone(fields: &mut Fields<'_>, errors: &mut FieldErrors) -> Option<Option<Phone>> {
    match fields.text("phone").filter(|v| !v.trim().is_empty()) {
        None => Some(None),
        Some(value) => errors.check("phone", Phone::parse(&value).map(Some)),
    }
}

fn channel(fields: &mut Fields<'_>, errors: &mut FieldErrors) -> Option<Channel> {
    let value = fields.text("channel");
    errors.check(
        "channel",
        value
            .as_deref()
            .map_or(Err(Invalid::required()), Channel::parse),
    )
}

fn instant(fields: &mut Fields<'_>, errors: &mut FieldErrors, name: &str) -> Option<Instant> {
    let value = fields.text(name);
    let parsed = match value.as_deref() {
        None => Err(Invalid::required()),
        Some(text) => time::parse(text).ok_or_else(|| {
            Invalid::new(
                "invalid",
                "must be an RFC 3339 instant such as 2026-11-26T09:30:00Z",
            )
        }),
    };
    errors.check(name, parsed)
}

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
        .map(|a| json!({"number": a.number, "outcome": a.outcome, "channel": a.channel, "note": a.note, "at": format(a.created_at)}))
        .collect();
    let sessions = app.store.sessions(&incident.id).await?;
    let total_seconds: i64 = sessions.iter().map(|s| s.session.seconds()).sum();
    let sessions: Vec<Value> = sessions
        .iter()
        .map(|s| {
            json!({"session_id": s.session.id, "started_at": format(s.session.started_at), "ended_at": format(s.session.ended_at),
                "seconds": s.session.seconds(), "channel": s.channel, "agent": s.agent})
        })
        .collect();
    let messages: Vec<Value> = app
        .store
        .incident_messages(&incident.id)
        .await?
        .iter()
        .map(|m| json!({"id": m.id, "author": m.author, "author_name": m.author_name, "body": m.body, "at": format(m.created_at)}))
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

/// `POST /api/me/incidents`, as JSON, or as the website's form (with the
/// token in the Authorization header or an `access_token` field), which is
/// answered with redirects.
pub async fn open<D: Database>(
    app: &App<D>,
    request: &Request,
    now: Instant,
    entropy: &mut Entropy,
) -> Result<Handled> {
    let form = request.media_type().as_deref() == Some("application/x-www-form-urlencoded");
    let object = object(request, true)?;
    let token = request.bearer().map(str::to_owned).or_else(|| {
        object
            .get("access_token")
            .and_then(Value::as_str)
            .map(str::to_owned)
    });
    let customer = app.authenticate(token.as_deref(), now).await?;
    let mut fields = Fields::new(&object);
    let mut errors = FieldErrors::default();
    let subject = required_text(&mut fields, &mut errors, "subject", 200);
    let description = required_text(&mut fields, &mut errors, "description", 10_000);
    let channel = channel(&mut fields, &mut errors);
    let phone = optional_phone(&mut fields, &mut errors);
    let preferred_times = optional_text(&mut fields, &mut errors, "preferred_times", 500);
    let serial = match fields.text("serial").filter(|s| !s.trim().is_empty()) {
        None => Some(None),
        Some(serial) => errors.check(
            "serial",
            SerialNumber::parse(&serial).map(|s| Some(s.as_str().to_owned())),
        ),
    };
    if channel == Some(Channel::Voice) && matches!(phone, Some(None)) {
        errors.push("phone", Invalid::new("required", "a phone number in E.164 (such as +386 1 234 5678) is required for a voice callback"));
    }
    for error in fields.errors.into_list() {
        errors.push(&error.field, Invalid::new(error.code, error.detail));
    }
    let base = &app.config.public_base_url;
    let parsed = match (
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
        ) if errors.is_empty() => NewIncident {
            subject,
            description,
            channel,
            phone,
            preferred_times,
            serial,
        },
        _ if form => {
            let names: Vec<&str> = errors.list().iter().map(|e| e.field.as_str()).collect();
            let query =
                serde_urlencoded::to_string([("errors", names.join(","))]).unwrap_or_default();
            return Ok(
                Response::redirect(&format!("{}?{query}", app.config.support_form_url)).into(),
            );
        }
        _ => return Err(invalid(errors)),
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

pub async fn list_own<D: Database>(
    app: &App<D>,
    request: &Request,
    now: Instant,
) -> Result<Handled> {
    let customer = app.authenticate(request.bearer(), now).await?;
    let incidents: Vec<Value> = app
        .store
        .incidents_of(&customer.id)
        .await?
        .iter()
        .map(incident_json)
        .collect();
    Ok(Response::json(200, &json!({ "incidents": incidents })).into())
}

pub async fn get_own<D: Database>(
    app: &App<D>,
    request: &Request,
    id: &str,
    now: Instant,
) -> Result<Handled> {
    let customer = app.authenticate(request.bearer(), now).await?;
    let incident = app.own_incident(&customer, id).await?;
    Ok(Response::json(200, &timeline(app, &incident).await?).into())
}

pub async fn customer_message<D: Database>(
    app: &App<D>,
    request: &Request,
    id: &str,
    now: Instant,
    entropy: &mut Entropy,
) -> Result<Handled> {
    let customer = app.authenticate(request.bearer(), now).await?;
    let object = object(request, false)?;
    let mut fields = Fields::new(&object);
    let mut errors = FieldErrors::default();
    let body = required_text(&mut fields, &mut errors, "body", 10_000);
    let phone = optional_phone(&mut fields, &mut errors);
    let times = optional_text(&mut fields, &mut errors, "preferred_times", 500);
    let (Some(body), Some(phone), Some(times)) = (body, phone, times) else {
        return Err(invalid(errors));
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

pub async fn queue<D: Database>(app: &App<D>, request: &Request) -> Result<Handled> {
    app.authenticate_staff(request.bearer())?;
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

pub async fn get_staff<D: Database>(app: &App<D>, request: &Request, id: &str) -> Result<Handled> {
    app.authenticate_staff(request.bearer())?;
    let incident = app.store.incident(id).await?.ok_or(AppError::NotFound)?;
    Ok(Response::json(200, &timeline(app, &incident).await?).into())
}

pub async fn attempt<D: Database>(
    app: &App<D>,
    request: &Request,
    id: &str,
    now: Instant,
    entropy: &mut Entropy,
) -> Result<Handled> {
    app.authenticate_staff(request.bearer())?;
    let object = object(request, false)?;
    let mut fields = Fields::new(&object);
    let mut errors = FieldErrors::default();
    let outcome = fields.text("outcome");
    let outcome = errors.check(
        "outcome",
        outcome
            .as_deref()
            .map_or(Err(Invalid::required()), Outcome::parse),
    );
    let channel = channel(&mut fields, &mut errors);
    let note = optional_text(&mut fields, &mut errors, "note", 2000);
    let (Some(outcome), Some(channel), Some(note)) = (outcome, channel, note) else {
        return Err(invalid(errors));
    };
    let (number, incident, jobs) = app
        .record_attempt(
            id,
            AttemptInput {
                outcome,
                channel,
                note,
            },
            now,
            entropy,
        )
        .await?;
    let body = json!({"attempt": number, "incident_id": incident.id, "status": incident.callback.status.as_str(),
        "failed_attempts": incident.callback.failed_attempts});
    Ok(Handled::with_jobs(Response::json(201, &body), jobs))
}

/// Logs (`session_id` none), corrects (PUT) or deletes (`delete`) a session.
pub async fn session<D: Database>(
    app: &App<D>,
    request: &Request,
    id: &str,
    session_id: Option<&str>,
    delete: bool,
    now: Instant,
    entropy: &mut Entropy,
) -> Result<Handled> {
    app.authenticate_staff(request.bearer())?;
    let input = if delete {
        None
    } else {
        let object = object(request, false)?;
        let mut fields = Fields::new(&object);
        let mut errors = FieldErrors::default();
        let started_at = instant(&mut fields, &mut errors, "started_at");
        let ended_at = instant(&mut fields, &mut errors, "ended_at");
        let channel = channel(&mut fields, &mut errors);
        let agent = required_text(&mut fields, &mut errors, "agent", 100);
        let (Some(started_at), Some(ended_at), Some(channel), Some(agent)) =
            (started_at, ended_at, channel, agent)
        else {
            return Err(invalid(errors));
        };
        Some(SessionInput {
            started_at,
            ended_at,
            channel,
            agent,
        })
    };
    let charged = app
        .change_session(id, session_id, input, now, entropy)
        .await?;
    let body = json!({"session_id": charged.session_id, "total_seconds": charged.total_seconds,
        "coupons_charged": charged.coupons_charged, "coupon_balance": charged.balance});
    Ok(Response::json(if session_id.is_none() { 201 } else { 200 }, &body).into())
}

pub async fn staff_message<D: Database>(
    app: &App<D>,
    request: &Request,
    id: &str,
    now: Instant,
    entropy: &mut Entropy,
) -> Result<Handled> {
    app.authenticate_staff(request.bearer())?;
    let object = object(request, false)?;
    let mut fields = Fields::new(&object);
    let mut errors = FieldErrors::default();
    let body = required_text(&mut fields, &mut errors, "body", 10_000);
    let author = required_text(&mut fields, &mut errors, "author", 100);
    let (Some(body), Some(author)) = (body, author) else {
        return Err(invalid(errors));
    };
    let jobs = app.staff_message(id, body, author, now, entropy).await?;
    Ok(Handled::with_jobs(
        Response::json(201, &json!({"incident_id": id, "sent": true})),
        jobs,
    ))
}

pub async fn close<D: Database>(
    app: &App<D>,
    request: &Request,
    id: &str,
    now: Instant,
    entropy: &mut Entropy,
) -> Result<Handled> {
    app.authenticate_staff(request.bearer())?;
    let object = object(request, false)?;
    let mut fields = Fields::new(&object);
    let mut errors = FieldErrors::default();
    let Some(resolution) = required_text(&mut fields, &mut errors, "resolution", 5000) else {
        return Err(invalid(errors));
    };
    let (incident, jobs) = app.close_incident(id, resolution, now, entropy).await?;
    Ok(Handled::with_jobs(
        Response::json(200, &incident_json(&incident)),
        jobs,
    ))
}
