//! The staff list and the audit log, for admins.

use serde_json::{json, Value};

use super::{invalid_field, Result};
use crate::app::input::Fields;
use crate::app::{App, Caller, MemberChange};
use crate::domain::email::Email;
use crate::domain::entropy::Entropy;
use crate::domain::field::FieldErrors;
use crate::domain::field::Invalid;
use crate::domain::staff::StaffRole;
use crate::domain::text::Text;
use crate::domain::time::{format, Instant};
use crate::http::decode;
use crate::http::{Handled, Request, Response};
use crate::store::{AuditEntry, Database, StaffMemberRecord};

fn member_json(member: &StaffMemberRecord) -> Value {
    json!({
        "member_id": member.id,
        "email": member.email,
        "name": member.name,
        "role": member.role.as_str(),
        "active": member.deactivated_at.is_none(),
        "created_at": format(member.created_at),
        "deactivated_at": member.deactivated_at.map(format),
    })
}

pub fn entry_json(entry: &AuditEntry) -> Value {
    json!({
        "id": entry.id,
        "actor": {"kind": entry.actor_kind, "id": entry.actor_id, "name": entry.actor_name, "role": entry.role},
        "action": entry.action,
        "target": entry.target,
        "detail": serde_json::from_str::<Value>(&entry.detail).unwrap_or(Value::Null),
        "at": format(entry.created_at),
    })
}

/// `GET /api/staff/members`
pub async fn members<D: Database>(app: &App<D>, caller: &Caller) -> Result<Handled> {
    let members: Vec<Value> = app
        .staff_members(caller)
        .await?
        .iter()
        .map(member_json)
        .collect();
    Ok(Response::json(200, &json!({ "members": members })).into())
}

/// `POST /api/staff/members {"email", "name", "role"}`
pub async fn add_member<D: Database>(
    app: &App<D>,
    request: &Request,
    caller: &Caller,
    now: Instant,
    entropy: &mut Entropy,
) -> Result<Handled> {
    let object = decode::json_object(request)?;
    let mut fields = Fields::new(&object);
    let email = fields.parse("email", Email::parse);
    let name = fields.parse("name", |t| Text::parse(t, 100));
    let role = fields.parse("role", StaffRole::parse);
    let (Some(email), Some(name), Some(role)) = (email, name, role) else {
        return Err(decode::invalid(fields.errors));
    };
    let member = app
        .add_staff_member(caller, &email, &name, role, now, entropy)
        .await?;
    let location = format!("/api/staff/members/{}", member.id);
    Ok(Response::json(201, &member_json(&member))
        .with_header("location", &location)
        .into())
}

/// `PATCH /api/staff/members/{id} {"name"?, "role"?, "active"?}`
pub async fn change_member<D: Database>(
    app: &App<D>,
    request: &Request,
    caller: &Caller,
    id: &str,
    now: Instant,
) -> Result<Handled> {
    let object = decode::json_object(request)?;
    let mut fields = Fields::new(&object);
    let name = fields.parse_optional("name", |t| Text::parse(t, 100));
    let role = fields.parse_optional("role", StaffRole::parse);
    let active = match object.get("active") {
        None | Some(Value::Null) => Some(None),
        Some(Value::Bool(flag)) => Some(Some(*flag)),
        Some(_) => {
            fields
                .errors
                .push("active", Invalid::new("type", "must be true or false"));
            None
        }
    };
    let (Some(name), Some(role), Some(active)) = (name, role, active) else {
        return Err(decode::invalid(fields.errors));
    };
    let member = app
        .change_staff_member(caller, id, MemberChange { name, role, active }, now)
        .await?;
    Ok(Response::json(200, &member_json(&member)).into())
}

/// `GET /api/staff/audit?target=&actor=&limit=`
pub async fn audit<D: Database>(
    app: &App<D>,
    request: &Request,
    caller: &Caller,
) -> Result<Handled> {
    let limit = match request.query_param("limit") {
        None => 100,
        Some(text) => match text.parse::<i64>() {
            Ok(limit) if (1..=500).contains(&limit) => limit,
            _ => {
                let error = invalid_field(
                    "limit",
                    Invalid::new("range", "must be a whole number from 1 to 500"),
                );
                return Err(error);
            }
        },
    };
    let target = request
        .query_param("target")
        .filter(|t| !t.trim().is_empty());
    let actor = request
        .query_param("actor")
        .filter(|a| !a.trim().is_empty());
    let (_, entries) = app
        .audit_log(caller, target.as_deref(), actor.as_deref(), limit)
        .await?;
    let entries: Vec<Value> = entries.iter().map(entry_json).collect();
    Ok(Response::json(200, &json!({ "entries": entries })).into())
}

/// `GET /api/staff/outbox`.
pub async fn outbox<D: Database>(
    app: &App<D>,
    request: &Request,
    caller: &Caller,
) -> Result<Handled> {
    let mut errors = FieldErrors::default();
    let to = match request.query_param("to") {
        Some(to) => errors.check("to", Email::parse(&to)),
        None => None,
    };
    let limit = match request.query_param("limit") {
        None => 50,
        Some(text) => match text.parse::<i64>() {
            Ok(limit) if (1..=200).contains(&limit) => limit,
            _ => {
                errors.push(
                    "limit",
                    Invalid::new("range", "must be a whole number from 1 to 200"),
                );
                0
            }
        },
    };
    if !errors.is_empty() {
        return Err(decode::invalid(errors));
    }
    let (_, messages) = app
        .outbox(caller, to.as_ref().map(Email::as_str), limit)
        .await?;
    let messages: Vec<_> = messages
        .iter()
        .map(|m| {
            json!({
                "id": m.id,
                "to": m.to,
                "subject": m.subject,
                "text": m.text,
                "status": m.status.as_str(),
                "attempts": m.attempts,
                "last_error": m.last_error,
                "created_at": format(m.created_at),
                "sent_at": m.sent_at.map(format),
                "next_attempt_at": (m.status == crate::store::OutboxStatus::Pending)
                    .then(|| format(m.next_attempt_at)),
                "reply_to": m.reply_to,
            })
        })
        .collect();
    Ok(Response::json(200, &json!({ "messages": messages })).into())
}
