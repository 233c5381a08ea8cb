"""Writes assets/api/openapi.json from the route table in src/api/mod.rs (run
by hand after adding a route; tests/api/routes.rs fails while the two
disagree). Workers static assets serve it at /api/openapi.json, before the
Worker runs, so the document is not part of the WASM bundle.
Each operation gets its path and query parameters, its security, a JSON
request body where it takes one, its success answers (JSON, or the other
formats it offers) and the RFC 9457 problem answers."""

import json
import re

source = open("src/api/mod.rs").read()
table = source[source.index("pub const ROUTES"):]
table = table[: table.index("];")]
routes = re.findall(r"\(\s*\"([^\"]+)\",\s*&\[([^\]]*)\],\s*([A-Z_]+),?\s*\)", table)

STAFF = [{"accessAssertion": []}, {"staffToken": []}]
PARTNER = [{"partnerKey": []}]
SECURITY = {"CUSTOMER": [{"bearer": []}], "PARTNER": PARTNER, "RESELLER": PARTNER, "TECHNICIAN": PARTNER,
            "AGENT": STAFF, "FINANCE": STAFF, "ADMIN": STAFF, "STAFF": STAFF,
            "SIGNED": [{"stripeSignature": []}], "PUBLIC": []}
BODIES = {
    "/api/staff/bank-statements": {"application/xml": {"schema": {"type": "string"}}, "text/csv": {"schema": {"type": "string"}}},
    "/api/staff/licenses": {"application/json": {"schema": {"type": "array", "items": {"type": "object"}}},
                            "text/csv": {"schema": {"type": "string"}}},
    "/api/registrations": {"application/json": {"schema": {"$ref": "#/components/schemas/Registration"}},
                           "application/x-www-form-urlencoded": {"schema": {"type": "object"}}},
}
def query(name, description, values=None, required=False, kind="string", **schema):
    schema = {"type": kind, **schema}
    if values:
        schema["enum"] = values
    return {"name": name, "in": "query", "required": required, "description": description, "schema": schema}


DAY = {"format": "date"}
QUERIES = {
    "/api/staff/invoices": [
        query("from", "First issue date of the period", required=True, **DAY),
        query("to", "Last issue date, at most 365 days after from", required=True, **DAY),
        query("format", "json (the default) or csv, the accountant's file", ["json", "csv"]),
    ],
    "/api/staff/incidents": [query("status", "Only incidents in this state",
                                   ["awaiting_callback", "in_progress", "awaiting_customer", "closed"])],
    "/api/staff/tasks": [query("status", "open (the default) or resolved tasks", ["open", "resolved"])],
    "/api/staff/outbox": [query("to", "Only messages to this address", format="email"),
                          query("limit", "At most this many, newest first (default 50)", kind="integer", minimum=1, maximum=200)],
    "/api/staff/audit": [query("target", "Only entries about this record"), query("actor", "Only entries by this person"),
                         query("limit", "At most this many, newest first (default 100)", kind="integer", minimum=1, maximum=500)],
}
# Answers in another format than JSON, chosen by a query parameter or Accept.
TEXT = {"schema": {"type": "string"}}
FORMATS = {
    "/api/staff/invoices": {"text/csv": TEXT},
    "/api/me/invoices/{invoice_id}": {"application/xml": {"schema": {"type": "string", "description": "With Accept: application/xml, the UBL 2.1 Invoice or CreditNote (EN 16931)"}}},
}
CREATED = {"/api/registrations", "/api/me/coupon-orders", "/api/me/incidents", "/api/me/incidents/{incident_id}/messages",
           "/api/staff/incidents/{incident_id}/callback-attempts", "/api/staff/incidents/{incident_id}/sessions",
           "/api/staff/incidents/{incident_id}/messages", "/api/staff/partners", "/api/staff/releases",
           "/api/staff/customers/{customer_id}/adjustments", "/api/me/activations", "/api/partner/activations",
           "/api/partner/sups-subscriptions", "/api/staff/members", "/api/me/contacts"}
# Answers described beyond "an object": what a client may rely on, and what
# an answer must never hold (schemathesis checks every answer against it).
INVITATION = {"$ref": "#/components/schemas/Invitation"}
CUSTOMER_ATTEMPT = {"type": "object", "required": ["number", "outcome", "channel", "at"],
                    "description": "A callback attempt as the customer reads it: the desk's note is internal and never here",
                    "not": {"required": ["note"]}}
SCHEMAS = {
    ("POST", "/api/me/contacts"): INVITATION,
    ("DELETE", "/api/me/invitations/{invitation_id}"): INVITATION,
    ("GET", "/api/me/contacts"): {"type": "object", "required": ["contacts", "invitations"], "properties": {
        "contacts": {"type": "array", "items": {"type": "object"}},
        "invitations": {"type": "array", "items": INVITATION,
                        "description": "Invitations still waited on (pending or expired): not contacts until accepted"}}},
    ("GET", "/api/me/incidents/{incident_id}"): {"type": "object", "required": ["timeline"], "properties": {
        "timeline": {"type": "object", "required": ["attempts"], "properties": {
            "attempts": {"type": "array", "items": CUSTOMER_ATTEMPT}}}}},
}
problem = {"description": "An RFC 9457 problem naming what is wrong",
           "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}}
# Operations that email a link, at most LINKS_PER_HOUR of a kind to one address
# an hour (domain::notification::link_quota): beyond, nothing is sent and the
# answer says when the last was asked for and when to ask again.
EMAILS_A_LINK = {("POST", "/api/sessions"), ("DELETE", "/api/me"), ("PATCH", "/api/me")}
link_withheld = {"description": "No link was sent: the address's hourly quota of links of this kind is full "
                                "(for any address alike, registered or not)",
                 "headers": {"Retry-After": {"description": "Seconds until asking again may succeed",
                                             "schema": {"type": "integer", "minimum": 1}}},
                 "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/LinkWithheld"}}}}

paths = {}
for path, methods, access in routes:
    if not (path.startswith("/api/") or path == "/healthz"):
        continue
    operations = {}
    for method in re.findall(r'"(\w+)"', methods):
        operation = {"summary": f"{method} {path}", "security": SECURITY[access], "responses": {}}
        parameters = re.findall(r"\{(\w+)\}", path)
        if parameters:
            operation["parameters"] = [{"name": p, "in": "path", "required": True, "schema": {"type": "string"}} for p in parameters]
        if method == "GET" and path in QUERIES:
            operation["parameters"] = operation.get("parameters", []) + QUERIES[path]
        if method in ("POST", "PUT"):
            operation["requestBody"] = {"required": True, "content": BODIES.get(path, {"application/json": {"schema": {"type": "object"}}})}
        success = "201" if method == "POST" and path in CREATED else "200"
        if path == "/api/sessions" or (method == "POST" and path == "/api/staff/bulletins") or (method == "DELETE" and path == "/api/me"):
            success = "202"
        schema = SCHEMAS.get((method, path), {"type": ["object", "array"]})
        answer = {"description": "Success", "content": {"application/json": {"schema": schema}}}
        if method == "GET":
            answer["content"].update(FORMATS.get(path, {}))
        operation["responses"][success] = answer
        if success == "201":
            operation["responses"]["200"] = {"description": "The same request again: the earlier answer", "content": answer["content"]}
        if path == "/api/registrations":
            operation["responses"]["303"] = {"description": "A form post: to the thank-you page, or back to the form with errors"}
        if (method, path) in EMAILS_A_LINK:
            operation["responses"]["429"] = link_withheld
            if access == "PUBLIC":  # also limited per client address
                operation["responses"]["429"] = {**link_withheld, "description": link_withheld["description"]
                    + "; or the client's address posted here too often (/problems/rate-limited)",
                    "content": {"application/problem+json": {"schema": {"anyOf": [
                        {"$ref": "#/components/schemas/LinkWithheld"}, {"$ref": "#/components/schemas/Problem"}]}}}}
        operation["responses"]["4XX"] = problem
        operation["responses"]["5XX"] = problem
        operations[method.lower()] = operation
    paths[path] = operations

document = {
    "openapi": "3.1.0",
    "info": {"title": "Spica Customer Support Portal", "version": "0.1.0",
             "description": "Registration, coupons, direct support and licenses for Time & Space users. Every refusal is application/problem+json (RFC 9457)."},
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
        },
        "schemas": {
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
                                 "description": "From when a new link may be asked for"}}}]},
            "Invitation": {"type": "object", "description": "An offer to join the organisation: it reserves nothing until accepted",
                           "required": ["invitation_id", "name", "email", "phone", "status", "invited_by", "created_at", "expires_at"],
                           "properties": {
                "invitation_id": {"type": "string"}, "name": {"type": "string"}, "email": {"type": "string"},
                "phone": {"type": "string"}, "invited_by": {"type": "string", "description": "The inviting contact's id"},
                "status": {"type": "string", "enum": ["pending", "expired", "accepted", "withdrawn", "replaced", "organisation_not_active", "address_taken"]},
                "created_at": {"type": "string", "format": "date-time"},
                "expires_at": {"type": "string", "format": "date-time", "description": "7 days after it was sent"}}},
            "Registration": {"type": "object", "required": ["serial", "company", "contact", "accept_terms"], "properties": {
                "serial": {"type": "string", "description": "From Help/About, or \"0\""},
                "company": {"type": "object", "required": ["name", "street", "postal_code", "city", "country"], "properties": {
                    "name": {"type": "string"}, "street": {"type": "string"}, "postal_code": {"type": "string"},
                    "city": {"type": "string"}, "country": {"type": "string", "description": "ISO 3166-1 alpha-2"}, "vat_id": {"type": "string"}}},
                "contact": {"type": "object", "required": ["name", "email", "phone"], "properties": {
                    "name": {"type": "string"}, "email": {"type": "string"}, "phone": {"type": "string", "description": "E.164"}}},
                "newsletter": {"type": "boolean"}, "accept_terms": {"type": "boolean", "const": True}}},
        },
    },
}
open("assets/api/openapi.json", "w").write(json.dumps(document, indent=2) + "\n")
print(f"assets/api/openapi.json: {sum(len(o) for o in paths.values())} operations on {len(paths)} paths")
