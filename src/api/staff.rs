//! The staff list and the audit log, for admins.

use serde::Serialize;
use serde_json::Value;

use super::{invalid_field, Result};
use crate::app::input::Fields;
use crate::app::{App, Caller, MemberChange};
use crate::domain::email::Email;
use crate::domain::entropy::Entropy;
use crate::domain::field::FieldErrors;
use crate::domain::field::Invalid;
use crate::domain::messages as m;
use crate::domain::staff::StaffRole;
use crate::domain::text::Text;
use crate::domain::time::{format, Instant};
use crate::http::decode;
use crate::http::{Handled, Request, Response};
use crate::store::{AuditEntry, Database, OutboxMessage, OutboxStatus, StaffMemberRecord};

/// A member of staff.
#[derive(Debug, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(utoipa::ToSchema))]
pub struct MemberAnswer {
    pub member_id: String,
    /// The address Cloudflare Access asserts.
    pub email: String,
    pub name: String,
    /// `agent`, `finance` or `admin`.
    pub role: &'static str,
    /// False once deactivated: their assertions are refused.
    pub active: bool,
    #[cfg_attr(not(target_arch = "wasm32"), schema(format = DateTime))]
    pub created_at: String,
    #[cfg_attr(not(target_arch = "wasm32"), schema(format = DateTime))]
    pub deactivated_at: Option<String>,
}

impl From<&StaffMemberRecord> for MemberAnswer {
    fn from(member: &StaffMemberRecord) -> Self {
        Self {
            member_id: member.id.clone(),
            email: member.email.clone(),
            name: member.name.clone(),
            role: member.role.as_str(),
            active: member.deactivated_at.is_none(),
            created_at: format(member.created_at),
            deactivated_at: member.deactivated_at.map(format),
        }
    }
}

/// `GET /api/staff/members`.
#[derive(Debug, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(utoipa::ToSchema))]
pub struct MembersAnswer {
    pub members: Vec<MemberAnswer>,
}

/// Who did what the audit log records.
#[derive(Debug, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(utoipa::ToSchema))]
pub struct AuditActorAnswer {
    /// `staff`, `break_glass` or `partner`.
    pub kind: String,
    pub id: String,
    /// A staff member's address, or a partner's name.
    pub name: String,
    /// The staff role or partner kind they acted in.
    pub role: String,
}

/// One change by staff or a partner.
#[derive(Debug, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(utoipa::ToSchema))]
pub struct AuditEntryAnswer {
    pub id: String,
    pub actor: AuditActorAnswer,
    /// The request's method and route (`POST /api/staff/members`).
    pub action: String,
    /// The ids in its path, space-separated; the path where it has none.
    pub target: String,
    /// The request's fields (secrets left out, internal notes named only,
    /// long texts cut), or for a file its `content_type` and `bytes`; null
    /// if unreadable.
    #[cfg_attr(not(target_arch = "wasm32"), schema(value_type = Option<Object>))]
    pub detail: Value,
    #[cfg_attr(not(target_arch = "wasm32"), schema(format = DateTime))]
    pub at: String,
}

impl From<&AuditEntry> for AuditEntryAnswer {
    fn from(entry: &AuditEntry) -> Self {
        Self {
            id: entry.id.clone(),
            actor: AuditActorAnswer {
                kind: entry.actor_kind.clone(),
                id: entry.actor_id.clone(),
                name: entry.actor_name.clone(),
                role: entry.role.clone(),
            },
            action: entry.action.clone(),
            target: entry.target.clone(),
            detail: serde_json::from_str(&entry.detail).unwrap_or(Value::Null),
            at: format(entry.created_at),
        }
    }
}

/// `GET /api/staff/audit`.
#[derive(Debug, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(utoipa::ToSchema))]
pub struct AuditAnswer {
    /// Newest first.
    pub entries: Vec<AuditEntryAnswer>,
}

/// An email as the outbox holds it. Links that sign in are shown as
/// `?token=[redacted]`; a settled message's text is redacted too.
#[derive(Debug, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(utoipa::ToSchema))]
pub struct OutboxMessageAnswer {
    pub id: String,
    /// The recipient's address.
    pub to: String,
    pub subject: String,
    pub text: String,
    /// `pending`, `sending`, `sent`, `not_sent`, `failed` or `unknown`.
    pub status: &'static str,
    pub attempts: i64,
    pub last_error: Option<String>,
    #[cfg_attr(not(target_arch = "wasm32"), schema(format = DateTime))]
    pub created_at: String,
    #[cfg_attr(not(target_arch = "wasm32"), schema(format = DateTime))]
    pub sent_at: Option<String>,
    /// When a pending message is tried next; null otherwise.
    #[cfg_attr(not(target_arch = "wasm32"), schema(format = DateTime))]
    pub next_attempt_at: Option<String>,
    /// The incident's signed reply address, if any.
    pub reply_to: Option<String>,
}

impl From<&OutboxMessage> for OutboxMessageAnswer {
    fn from(m: &OutboxMessage) -> Self {
        Self {
            id: m.id.clone(),
            to: m.to.clone(),
            subject: m.subject.clone(),
            text: m.text.clone(),
            status: m.status.as_str(),
            attempts: m.attempts,
            last_error: m.last_error.clone(),
            created_at: format(m.created_at),
            sent_at: m.sent_at.map(format),
            next_attempt_at: (m.status == OutboxStatus::Pending).then(|| format(m.next_attempt_at)),
            reply_to: m.reply_to.clone(),
        }
    }
}

/// `GET /api/staff/outbox`.
#[derive(Debug, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(utoipa::ToSchema))]
pub struct OutboxAnswer {
    /// Newest first.
    pub messages: Vec<OutboxMessageAnswer>,
}

/// `GET /api/staff/members`
pub async fn members<D: Database>(app: &App<D>, caller: &Caller) -> Result<Handled> {
    let members = app.staff_members(caller).await?;
    let body = MembersAnswer {
        members: members.iter().map(MemberAnswer::from).collect(),
    };
    Ok(Response::json(200, &body).into())
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
    Ok(Response::json(201, &MemberAnswer::from(&member))
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
                .push("active", Invalid::said("type", m::field_true_or_false));
            None
        }
    };
    let (Some(name), Some(role), Some(active)) = (name, role, active) else {
        return Err(decode::invalid(fields.errors));
    };
    let member = app
        .change_staff_member(caller, id, MemberChange { name, role, active }, now)
        .await?;
    Ok(Response::json(200, &MemberAnswer::from(&member)).into())
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
                    Invalid::said("range", |l| m::field_whole_number_up_to(l, "500")),
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
    let body = AuditAnswer {
        entries: entries.iter().map(AuditEntryAnswer::from).collect(),
    };
    Ok(Response::json(200, &body).into())
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
                    Invalid::said("range", |l| m::field_whole_number_up_to(l, "200")),
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
    let body = OutboxAnswer {
        messages: messages.iter().map(OutboxMessageAnswer::from).collect(),
    };
    Ok(Response::json(200, &body).into())
}
