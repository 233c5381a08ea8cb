//! The audit row of a staff member's or a partner's request: who, in which
//! role, did what to which target, with the request's essentials.

use serde_json::{json, Map, Value};

use crate::app::Principal;
use crate::domain::time::Instant;
use crate::http::{Method, Request};
use crate::store::AuditEntry;

/// Fields that are never written to the log, whatever endpoint takes them.
const SECRET_FIELDS: [&str; 5] = ["token", "key", "api_key", "access_token", "secret"];

/// Fields that hold the desk's internal note, by route: the audit row says
/// that one was written, never what it says, since a customer's export
/// holds the audit rows about their incidents. The note itself stays with
/// its callback attempt, for the desk.
const INTERNAL_NOTES: [(&str, &str); 2] = [
    (
        "/api/staff/incidents/{incident_id}/callback-attempts",
        "note",
    ),
    ("/desk/incidents/{incident_id}/attempts", "note"),
];

/// What the audit row holds instead of an internal note.
const NOTE_WRITTEN: &str = "[an internal note, kept with the attempt]";

/// Longest text kept of one field.
const MAX_FIELD_CHARS: usize = 200;

/// The audit row for a state change by staff or a partner; reads and the
/// other callers are not audited here.
pub fn entry(
    request: &Request,
    pattern: &str,
    principal: &Principal,
    now: Instant,
    id: &str,
) -> Option<AuditEntry> {
    if matches!(request.method, Method::Get | Method::Head) {
        return None;
    }
    let (actor_kind, actor_id, actor_name, role) = match principal {
        Principal::Staff(staff) => (
            if staff.is_break_glass() {
                "break_glass"
            } else {
                "staff"
            },
            staff.id.clone(),
            staff.email.clone(),
            staff.role.as_str().to_owned(),
        ),
        Principal::Partner(partner) => (
            "partner",
            partner.id.clone(),
            partner.name.clone(),
            partner.kind.as_str().to_owned(),
        ),
        Principal::Anonymous | Principal::Customer(_) => return None,
    };
    Some(AuditEntry {
        id: id.to_owned(),
        actor_kind: actor_kind.into(),
        actor_id,
        actor_name,
        role,
        action: format!("{} {pattern}", request.method.as_str()),
        target: target(pattern, &request.path),
        detail: essentials(request, pattern).to_string(),
        created_at: now,
    })
}

/// The ids in the path where the pattern has parameters, space-separated
/// (`inc_1 ses_2`); the path itself where it has none.
fn target(pattern: &str, path: &str) -> String {
    let ids: Vec<&str> = pattern
        .trim_matches('/')
        .split('/')
        .zip(path.trim_matches('/').split('/'))
        .filter(|(part, _)| part.starts_with('{'))
        .map(|(_, segment)| segment)
        .collect();
    if ids.is_empty() {
        path.to_owned()
    } else {
        ids.join(" ")
    }
}

/// A JSON or form body's fields (secrets left out, internal notes named
/// only, long texts cut), or for files only their type and size.
fn essentials(request: &Request, pattern: &str) -> Value {
    let media = request.media_type().unwrap_or_default();
    let fields: Option<Map<String, Value>> = match media.as_str() {
        "application/json" => serde_json::from_slice::<Value>(&request.body)
            .ok()
            .and_then(|v| v.as_object().cloned()),
        "application/x-www-form-urlencoded" => {
            serde_urlencoded::from_bytes::<Vec<(String, String)>>(&request.body)
                .ok()
                .map(|pairs| {
                    pairs
                        .into_iter()
                        .map(|(k, v)| (k, Value::String(v)))
                        .collect()
                })
        }
        _ => None,
    };
    let Some(fields) = fields else {
        return json!({"content_type": media, "bytes": request.body.len()});
    };
    let kept: Map<String, Value> = fields
        .into_iter()
        .filter(|(name, _)| !SECRET_FIELDS.contains(&name.as_str()))
        .map(|(name, value)| {
            let internal = INTERNAL_NOTES.contains(&(pattern, name.as_str()));
            let value = match value {
                Value::String(text) if internal && !text.trim().is_empty() => {
                    Value::String(NOTE_WRITTEN.into())
                }
                Value::String(text) if text.chars().count() > MAX_FIELD_CHARS => {
                    Value::String(text.chars().take(MAX_FIELD_CHARS).collect::<String>() + "…")
                }
                other => other,
            };
            (name, value)
        })
        .collect();
    let mut essentials = json!({ "fields": kept });
    if let Some(key) = request.header("idempotency-key") {
        essentials["idempotency_key"] = json!(key);
    }
    essentials
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_target_is_the_ids_in_the_path() {
        assert_eq!(
            target(
                "/api/staff/incidents/{incident_id}/sessions/{session_id}",
                "/api/staff/incidents/inc_1/sessions/ses_2"
            ),
            "inc_1 ses_2"
        );
        assert_eq!(
            target("/api/staff/partners", "/api/staff/partners"),
            "/api/staff/partners"
        );
    }

    #[test]
    fn secrets_never_reach_the_log_and_files_are_summarised() {
        let request = Request {
            method: Method::Post,
            path: "/desk/sign-in".into(),
            query: String::new(),
            headers: vec![(
                "content-type".into(),
                "application/x-www-form-urlencoded".into(),
            )],
            body: b"token=very-secret&note=hello".to_vec(),
            oversized: false,
        };
        let kept = essentials(&request, "/desk/sign-in");
        assert_eq!(kept["fields"], json!({"note": "hello"}));
        let file = Request {
            headers: vec![("content-type".into(), "text/csv".into())],
            body: vec![b'x'; 5000],
            ..request
        };
        assert_eq!(
            essentials(&file, "/desk/sign-in"),
            json!({"content_type": "text/csv", "bytes": 5000})
        );
    }

    #[test]
    fn a_call_note_is_audited_as_written_never_quoted() {
        let request = Request {
            method: Method::Post,
            path: "/desk/incidents/inc_1/attempts".into(),
            query: String::new(),
            headers: vec![(
                "content-type".into(),
                "application/x-www-form-urlencoded".into(),
            )],
            body: b"outcome=busy&channel=voice&note=Klic+1".to_vec(),
            oversized: false,
        };
        let kept = essentials(&request, "/desk/incidents/{incident_id}/attempts");
        assert_eq!(
            kept["fields"],
            json!({"outcome": "busy", "channel": "voice", "note": NOTE_WRITTEN})
        );
        let without = Request {
            body: b"outcome=busy&channel=voice&note=".to_vec(),
            ..request
        };
        let kept = essentials(&without, "/desk/incidents/{incident_id}/attempts");
        assert_eq!(kept["fields"]["note"], "");
    }
}
