//! The API's contract, OpenAPI 3.1, generated from the route table: its
//! paths, methods and security from the rows, and from each row's [`Doc`]
//! the body, query and answers, whose schemas utoipa derives from the very
//! types the handlers answer with. `assets/api/openapi.json` is this
//! document; a test fails while the two differ (`make openapi` writes it).
//! Native only: Workers static assets serve the file.

use serde_json::{json, Map, Value};

use super::doc::Doc;
use super::table::{facts, Route, Surface};
use crate::app::Access;

type Components = Vec<(
    String,
    utoipa::openapi::RefOr<utoipa::openapi::schema::Schema>,
)>;

/// The whole document.
pub fn document() -> Value {
    let mut components = Components::new();
    let mut paths = Map::new();
    for row in facts().iter().filter(|row| row.surface == Surface::Api) {
        let operation = operation(row, &mut components);
        let path = paths
            .entry(row.pattern.to_owned())
            .or_insert_with(|| json!({}));
        path[row.method.as_str().to_ascii_lowercase()] = operation;
    }
    let mut schemas = fixed_schemas();
    for (name, schema) in components {
        let schema = serde_json::to_value(schema).unwrap_or(Value::Null);
        // Components are named by their types' names: two types of one name
        // would describe each other's answers.
        match schemas.get(&name) {
            Some(known) => assert_eq!(known, &schema, "two answer types are named {name}"),
            None => {
                schemas.insert(name, schema);
            }
        }
    }
    json!({
        "openapi": "3.1.0",
        "info": {
            "title": "Spica Customer Support Portal",
            "version": env!("CARGO_PKG_VERSION"),
            "description": "Registration, coupons, direct support and licenses for Time & Space users. Every refusal is application/problem+json (RFC 9457)."
        },
        "servers": [{"url": "/"}],
        "paths": paths,
        "components": {
            "securitySchemes": {
                "bearer": {"type": "http", "scheme": "bearer", "description": "A customer's access token (POST /api/sessions/redeem)"},
                "partnerKey": {"type": "http", "scheme": "bearer", "description": "A partner's API key"},
                "staffToken": {"type": "http", "scheme": "bearer", "description": "The break-glass staff token (STAFF_TOKEN)"},
                "accessAssertion": {"type": "apiKey", "in": "header", "name": "Cf-Access-Jwt-Assertion",
                                    "description": "Cloudflare Access's signed assertion of a staff member (RS256 JWT)"},
                "stripeSignature": {"type": "apiKey", "in": "header", "name": "Stripe-Signature"},
                "sessionCookie": {"type": "apiKey", "in": "cookie", "name": "__Host-spica_session",
                                  "description": "A signed-in browser's session (live support only: the Origin must be the portal's own)"}
            },
            "schemas": schemas
        }
    })
}

/// Who may call, as the document's security requirements.
fn security(access: Access) -> Value {
    match access {
        Access::Public => json!([]),
        Access::Signed => json!([{"stripeSignature": []}]),
        Access::Customer => json!([{"bearer": []}]),
        Access::Staff(_) => json!([{"accessAssertion": []}, {"staffToken": []}]),
        Access::Partner(_) => json!([{"partnerKey": []}]),
        Access::Participant => json!([{"bearer": []}, {"sessionCookie": []},
                                      {"accessAssertion": []}, {"staffToken": []}]),
    }
}

fn content(
    entries: &[(&'static str, Option<super::doc::SchemaOf>)],
    components: &mut Components,
) -> Value {
    let mut content = Map::new();
    for (media_type, schema) in entries {
        let schema = match schema {
            Some(schema_of) => serde_json::to_value(schema_of(components)).unwrap_or(Value::Null),
            None if *media_type == "application/json" => json!({"type": ["object", "array"]}),
            // An attachment's upload: its part `file` (RFC 7578).
            None if *media_type == "multipart/form-data" => json!({
                "type": "object",
                "properties": {"file": {"type": "string", "contentMediaType": "application/octet-stream",
                    "description": "The file, with its name in the part's filename: png, jpeg, pdf, txt, log, csv or zip, at most 10 MiB"}},
                "required": ["file"],
            }),
            // Binary files (an attachment's download) in OpenAPI 3.1's words.
            None if media_type.starts_with("image/")
                || matches!(*media_type, "application/pdf" | "application/zip") =>
            {
                json!({"type": "string", "contentMediaType": *media_type})
            }
            None => json!({"type": "string"}),
        };
        content.insert((*media_type).to_owned(), json!({ "schema": schema }));
    }
    Value::Object(content)
}

fn operation(row: &Route<()>, components: &mut Components) -> Value {
    let Doc {
        summary,
        body,
        query,
        answers,
        withholds_links,
    } = &row.doc;
    let method = row.method.as_str();
    let mut operation = json!({
        "summary": if summary.is_empty() { format!("{method} {}", row.pattern) } else { (*summary).to_owned() },
        "security": security(row.access),
        "responses": {},
    });
    let mut parameters: Vec<Value> = row
        .pattern
        .split('/')
        .filter_map(|part| part.strip_prefix('{').and_then(|p| p.strip_suffix('}')))
        .map(|name| json!({"name": name, "in": "path", "required": true, "schema": {"type": "string"}}))
        .collect();
    if let Some(query) = query {
        parameters.extend(
            query()
                .into_iter()
                .map(|p| serde_json::to_value(p).unwrap_or(Value::Null)),
        );
    }
    if !parameters.is_empty() {
        operation["parameters"] = Value::Array(parameters);
    }
    if !body.is_empty() {
        operation["requestBody"] = json!({"required": true, "content": content(body, components)});
    } else if matches!(method, "POST" | "PUT") {
        operation["requestBody"] = json!({"required": true, "content": {"application/json": {"schema": {"type": "object"}}}});
    }
    let responses = &mut operation["responses"];
    if answers.is_empty() {
        responses["200"] = json!({"description": "Success",
            "content": {"application/json": {"schema": {"type": ["object", "array"]}}}});
    }
    for answer in answers {
        let mut described = json!({"description": answer.description});
        if !answer.content.is_empty() {
            described["content"] = content(&answer.content, components);
        }
        responses[answer.status.to_string()] = described;
    }
    if *withholds_links {
        let withheld = json!({"$ref": "#/components/schemas/LinkWithheld"});
        let (description, schema) = if row.access == Access::Public {
            (
                "No link was sent: the address's hourly quota of links of this kind is full (for any address alike, registered or not); or the client's address posted here too often (/problems/rate-limited)",
                json!({"anyOf": [withheld, {"$ref": "#/components/schemas/Problem"}]}),
            )
        } else {
            (
                "No link was sent: the address's hourly quota of links of this kind is full (for any address alike, registered or not)",
                withheld,
            )
        };
        responses["429"] = json!({
            "description": description,
            "headers": {"Retry-After": {"description": "Seconds until asking again may succeed",
                                        "schema": {"type": "integer", "minimum": 1}}},
            "content": {"application/problem+json": {"schema": schema}}
        });
    }
    let problem = json!({"description": "An RFC 9457 problem naming what is wrong",
        "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}});
    responses["4XX"] = problem.clone();
    responses["5XX"] = problem;
    operation
}

/// The problem answers' schemas, which no answer type of ours describes.
fn fixed_schemas() -> Map<String, Value> {
    let schemas = json!({
        "Problem": {"type": "object", "required": ["type", "title", "status", "detail"], "properties": {
            "type": {"type": "string"}, "title": {"type": "string"}, "status": {"type": "integer"}, "detail": {"type": "string"},
            "errors": {"type": "array", "items": {"type": "object", "required": ["field", "code", "detail"], "properties": {
                "field": {"type": "string"}, "code": {"type": "string"}, "detail": {"type": "string"}}}}}},
        "LinkWithheld": {"allOf": [{"$ref": "#/components/schemas/Problem"}, {
            "type": "object", "required": ["last_requested_at", "retry_at"], "properties": {
                "type": {"const": "/problems/link-withheld"},
                "last_requested_at": {"type": "string", "format": "date-time",
                                      "description": "When the last link of this kind to the address was asked for"},
                "retry_at": {"type": "string", "format": "date-time",
                             "description": "From when a new link may be asked for"}}}]}
    });
    match schemas {
        Value::Object(map) => map,
        _ => Map::new(),
    }
}
