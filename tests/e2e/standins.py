"""Stand-ins on loopback for the third parties the end-to-end suite cannot reach.

The email API: POST /emails records the request (idempotency key, authorization,
JSON body, and the status it was answered with) and answers 200 {"id": ...},
the same id again for a repeated idempotency key (recorded with "repeat":
true: like the real API, it does not deliver that email again). GET /received lists every
request, repeats and refusals included, so a test can tell one delivery from
two (`?idempotency_key=` keeps one message's). POST /fail-emails {"to", "count"} plays an outage for one recipient: the
next `count` emails to `to` are answered 503 (per recipient, so that tests
running at the same time are not affected).

Cloudflare Access: GET /cdn-cgi/access/certs publishes the stand-in issuer's
key (tests/fixtures/access/certs.json). GET /access-certs/fetches counts the
requests for them so far ({"fetches": N}); POST /access-certs/fail
{"seconds": S} makes them answer 503 for the next S seconds.

Stripe's Checkout API: POST /v1/checkout/sessions (form-encoded, bearer
sk_test_e2e) records the form and answers a session {"id", "url", ...}, the
same session again for a repeated Idempotency-Key. GET /checkout-sessions
lists the forms received.

VIES: POST /check-vat-number {"countryCode", "vatNumber"} answers as the EU's
REST API does: valid with a name and address for the numbers in VIES_NUMBERS
(one of them without a name, one another company's than most test buyers'),
the MS_UNAVAILABLE error for DE999999999 (the member state's service down),
{"valid": false} for any other.

Stripe's hosted checkout page: the session's `url` is GET /c/pay/{id}, served
from http://localhost:PORT, another site than the portal's 127.0.0.1, as
checkout.stripe.com is. It shows the amount, a Pay button and a Cancel link
to the session's cancel_url. Pay sends the `checkout.session.completed`
webhook, signed as Stripe signs it with STRIPE_WEBHOOK_SECRET, to
STRIPE_WEBHOOK_URL (environment variables of this process), then
redirects to the session's success_url with {CHECKOUT_SESSION_ID}
substituted. Unlike Stripe, it answers 502 when the portal refuses the
webhook, so that a test sees it at once. POST /checkout-sessions/{id}/hold
makes the next Pay keep the webhook (the browser arrives before it);
POST /checkout-sessions/{id}/release sends it then and answers the portal's
status.

Cloudflare Realtime TURN: POST /turn/keys/{key_id}/credentials/generate-ice-servers
with `Authorization: Bearer {TURN_API_TOKEN}` and {"ttl": N} answers 201
{"iceServers": [STUN, TURN with a username and credential]} as Realtime does
(401 for another token, 404 for another key); GET /turn-requests lists the
requests received (key, ttl).
"""

import hashlib
import hmac
import html
import json
import os
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

STRIPE_KEY = "sk_test_e2e"
# VAT numbers VIES confirms, with the name and address it gives ("---" where
# the member state discloses none, as Germany's often does).
VIES_NUMBERS = {
    "DE123456789": ("Sternwarte Berlin GmbH", "Unter den Linden 1, 10117 Berlin"),
    "DE246813579": ("---", "---"),
    "ATU12345678": ("Alpenblick Handels GmbH", "Mariahilfer Strasse 1, 1060 Wien"),
    "SI87654321": ("KOVINAR, D.O.O.", "Trzaska cesta 12, 1000 Ljubljana"),
}
VIES_UNAVAILABLE = "DE999999999"

# Cloudflare Access's certs, as a stand-in issuer publishes them: the public
# half of tests/fixtures/access/staff.pem.
ACCESS_CERTS = json.load(open(os.path.join(os.path.dirname(__file__), "..", "fixtures", "access", "certs.json")))

# The TURN key the e2e settings name (scripts/e2e.sh: TURN_KEY_ID, TURN_KEY_API_TOKEN).
TURN_KEY_ID = "e2e-turn-key"
TURN_API_TOKEN = "e2e-turn-token"
turn_requests = []

lock = threading.Lock()
emails = []
email_ids = {}
failing = {}
# Recipients the email service refuses for good (422), as an invalid address.
refused = set()
# Access's certs: how often they were fetched, and until when they fail.
certs = {"fetches": 0, "failing_until": 0.0}
sessions = []
session_by_key = {}
# Hosted checkout: each session's form by id, and the webhooks held back.
checkouts = {}
held = {}


PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{title} (Stripe stand-in)</title></head>
<body><main>{content}</main></body></html>
"""


def amount_total(form):
    """What a session charges, as Stripe computes it: the sum over its line
    items (coupons and, when charged, VAT) of quantity times unit amount."""
    total, index = 0, 0
    while "line_items[%d][quantity]" % index in form:
        total += int(form["line_items[%d][quantity]" % index]) * int(
            form.get("line_items[%d][price_data][unit_amount]" % index, "0"))
        index += 1
    return total


def completed_event(session_id, form):
    """The `checkout.session.completed` event of a paid session, as Stripe sends it."""
    return {
        "id": "evt_" + session_id,
        "object": "event",
        "type": "checkout.session.completed",
        "created": int(time.time()),
        "data": {"object": {
            "id": session_id,
            "object": "checkout.session",
            "client_reference_id": form.get("client_reference_id"),
            "payment_status": "paid",
            "amount_total": amount_total(form),
            "currency": form.get("line_items[0][price_data][currency]"),
            "payment_intent": "pi_" + session_id,
            "metadata": {"order_id": form.get("metadata[order_id]")},
        }},
    }


def send_webhook(event):
    """Posts an event to the portal signed as Stripe signs it: t=TIMESTAMP,
    v1=hex(HMAC-SHA256(secret, "TIMESTAMP." + body)). Answers (status, body)."""
    url = os.environ.get("STRIPE_WEBHOOK_URL")
    secret = os.environ.get("STRIPE_WEBHOOK_SECRET")
    if not url or not secret:
        return 0, "STRIPE_WEBHOOK_URL and STRIPE_WEBHOOK_SECRET are not set"
    body = json.dumps(event).encode()
    timestamp = str(int(time.time()))
    signature = hmac.new(secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256).hexdigest()
    request = urllib.request.Request(url, data=body, method="POST", headers={
        "content-type": "application/json",
        "stripe-signature": "t=%s,v1=%s" % (timestamp, signature),
    })
    try:
        with urllib.request.urlopen(request, timeout=10) as answer:
            return answer.status, answer.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()
    except OSError as error:
        return 0, str(error)


class Handler(BaseHTTPRequestHandler):
    # Keep-alive, as real APIs: every answer has a content-length.
    protocol_version = "HTTP/1.1"

    def _answer(self, status, value):
        body = json.dumps(value).encode()
        self.send_response(status)
        self.send_header("content-type", "application/json")
        self.send_header("content-length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _body(self):
        return self.rfile.read(int(self.headers.get("content-length", "0")))

    def _page(self, status, title, content):
        body = PAGE.format(title=html.escape(title), content=content).encode()
        self.send_response(status)
        self.send_header("content-type", "text/html; charset=utf-8")
        self.send_header("content-length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _redirect(self, location):
        self.send_response(303)
        self.send_header("location", location)
        self.send_header("content-length", "0")
        self.end_headers()

    def do_POST(self):
        parts = urllib.parse.urlsplit(self.path).path.strip("/").split("/")
        if self.path == "/emails":
            return self._email()
        if self.path == "/fail-emails":
            return self._fail_emails()
        if self.path == "/refuse-emails":
            return self._refuse_emails()
        if self.path == "/access-certs/fail":
            return self._fail_certs()
        if self.path == "/v1/checkout/sessions":
            return self._checkout_session()
        if self.path == "/check-vat-number":
            return self._check_vat_number()
        if len(parts) == 3 and parts[:2] == ["c", "pay"]:
            return self._pay(parts[2])
        if len(parts) == 5 and parts[0] == "turn" and parts[1] == "keys" and parts[3:] == ["credentials", "generate-ice-servers"]:
            return self._turn(parts[2])
        if len(parts) == 3 and parts[0] == "checkout-sessions" and parts[2] in ("hold", "release"):
            return self._hold(parts[1]) if parts[2] == "hold" else self._release(parts[1])
        return self._answer(404, {"error": "not found"})

    def _email(self):
        try:
            body = json.loads(self._body())
        except ValueError:
            return self._answer(400, {"error": "body is not JSON"})
        key = self.headers.get("idempotency-key")
        to = (body.get("to") or [None])[0] if isinstance(body, dict) else None
        with lock:
            record = {
                "idempotency_key": key,
                "authorization": self.headers.get("authorization"),
                "body": body,
            }
            emails.append(record)
            if to in refused:
                record["answered"] = 422
                return self._answer(422, {"error": "the recipient is refused (stand-in)"})
            if failing.get(to, 0) > 0:
                failing[to] -= 1
                record["answered"] = 503
                return self._answer(503, {"error": "the email service is down (stand-in outage)"})
            record["answered"] = 200
            # A key accepted before is a repeat: answered alike, not delivered again.
            record["repeat"] = key in email_ids
            email_ids.setdefault(key, "standin_%d" % (len(email_ids) + 1))
            return self._answer(200, {"id": email_ids[key]})

    def _fail_emails(self):
        try:
            body = json.loads(self._body())
            to, count = str(body["to"]), int(body["count"])
        except (ValueError, KeyError, TypeError):
            return self._answer(400, {"error": 'expected {"to": "...", "count": N}'})
        with lock:
            failing[to] = count
        return self._answer(200, {"to": to, "count": count})

    def _refuse_emails(self):
        try:
            to = str(json.loads(self._body())["to"])
        except (ValueError, KeyError, TypeError):
            return self._answer(400, {"error": 'expected {"to": "..."}'})
        with lock:
            refused.add(to)
        return self._answer(200, {"to": to})

    def _fail_certs(self):
        try:
            seconds = float(json.loads(self._body())["seconds"])
        except (ValueError, KeyError, TypeError):
            return self._answer(400, {"error": 'expected {"seconds": N}'})
        with lock:
            certs["failing_until"] = time.time() + seconds
        return self._answer(200, {"seconds": seconds})

    def _checkout_session(self):
        if self.headers.get("authorization") != "Bearer " + STRIPE_KEY:
            return self._answer(401, {"error": {"message": "Invalid API Key provided"}})
        form = dict(urllib.parse.parse_qsl(self._body().decode()))
        key = self.headers.get("idempotency-key")
        with lock:
            sessions.append(form)
            if key not in session_by_key:
                session_id = "cs_test_%s" % form.get("client_reference_id", len(sessions))
                checkouts[session_id] = form
                session_by_key[key] = {
                    "id": session_id,
                    "object": "checkout.session",
                    "url": "http://localhost:%d/c/pay/%s" % (self.server.server_port, session_id),
                    "client_reference_id": form.get("client_reference_id"),
                    "amount_total": amount_total(form),
                    "currency": form.get("line_items[0][price_data][currency]"),
                    "mode": form.get("mode"),
                    "payment_status": "unpaid",
                }
            return self._answer(200, session_by_key[key])

    def _check_vat_number(self):
        try:
            body = json.loads(self._body())
            number = str(body["countryCode"]) + str(body["vatNumber"])
        except (ValueError, KeyError, TypeError):
            return self._answer(400, {"actionSucceed": False, "errorWrappers": [{"error": "INVALID_INPUT"}]})
        if number == VIES_UNAVAILABLE:
            return self._answer(200, {"actionSucceed": False, "errorWrappers": [{"error": "MS_UNAVAILABLE"}]})
        known = VIES_NUMBERS.get(number)
        answer = {
            "countryCode": body["countryCode"],
            "vatNumber": body["vatNumber"],
            "requestDate": time.strftime("%Y-%m-%dT%H:%M:%S.000Z", time.gmtime()),
            "valid": known is not None,
            "requestIdentifier": "",
            "name": known[0] if known else "---",
            "address": known[1] if known else "---",
        }
        return self._answer(200, answer)

    def _checkout_page(self, session_id):
        with lock:
            form = checkouts.get(session_id)
        if form is None:
            return self._page(404, "Checkout not found", "<h1>This checkout does not exist</h1>")
        amount = amount_total(form)
        content = (
            "<h1>Pay Spica d.o.o.</h1>"
            "<p>{quantity} &times; {product}</p>"
            "<p id=\"amount\">{currency} {amount}</p>"
            "<p>{email}</p>"
            "<form method=\"post\" action=\"/c/pay/{id}\"><button type=\"submit\">Pay</button></form>"
            "<p><a href=\"{cancel}\">Cancel and go back</a></p>"
        ).format(
            quantity=html.escape(form.get("line_items[0][quantity]", "")),
            product=html.escape(form.get("line_items[0][price_data][product_data][name]", "")),
            currency=html.escape(form.get("line_items[0][price_data][currency]", "").upper()),
            amount="%d.%02d" % divmod(amount, 100),
            email=html.escape(form.get("customer_email", "")),
            id=html.escape(session_id),
            cancel=html.escape(form.get("cancel_url", "")),
        )
        return self._page(200, "Checkout", content)

    def _pay(self, session_id):
        self._body()
        with lock:
            form = checkouts.get(session_id)
            keep = form is not None and session_id in held
            if keep:
                held[session_id] = completed_event(session_id, form)
        if form is None:
            return self._page(404, "Checkout not found", "<h1>This checkout does not exist</h1>")
        if not keep:
            status, detail = send_webhook(completed_event(session_id, form))
            if status != 200:
                return self._page(502, "Webhook refused", "<h1>The portal refused the webhook</h1><p>%d %s</p>" % (status, html.escape(detail)))
        return self._redirect(form.get("success_url", "").replace("{CHECKOUT_SESSION_ID}", session_id))

    def _hold(self, session_id):
        self._body()
        with lock:
            held.setdefault(session_id, None)
        return self._answer(200, {"held": session_id})

    def _release(self, session_id):
        self._body()
        with lock:
            event = held.pop(session_id, None)
        if event is None:
            return self._answer(409, {"error": "no webhook held for this session: hold it, then pay"})
        status, detail = send_webhook(event)
        return self._answer(200, {"status": status, "body": detail})

    def _turn(self, key_id):
        try:
            body = json.loads(self._body())
        except ValueError:
            return self._answer(400, {"error": "body is not JSON"})
        if self.headers.get("authorization") != f"Bearer {TURN_API_TOKEN}":
            return self._answer(401, {"error": "unauthorized"})
        if key_id != TURN_KEY_ID:
            return self._answer(404, {"error": "no such key"})
        ttl = body.get("ttl") if isinstance(body, dict) else None
        with lock:
            turn_requests.append({"key_id": key_id, "ttl": ttl})
        return self._answer(201, {"iceServers": [
            {"urls": ["stun:stun.cloudflare.com:3478", "stun:stun.cloudflare.com:53"]},
            {"urls": ["turn:turn.cloudflare.com:3478?transport=udp",
                      "turns:turn.cloudflare.com:443?transport=tcp"],
             "username": f"e2e-user-{len(turn_requests)}",
             "credential": "e2e-credential"}]})

    def do_GET(self):
        url = urllib.parse.urlsplit(self.path)
        query = dict(urllib.parse.parse_qsl(url.query))
        if url.path.startswith("/c/pay/"):
            return self._checkout_page(url.path[len("/c/pay/"):])
        with lock:
            if url.path == "/received":
                if "idempotency_key" in query:
                    key = query["idempotency_key"]
                    return self._answer(200, [e for e in emails if e["idempotency_key"] == key])
                return self._answer(200, emails)
            if self.path == "/checkout-sessions":
                return self._answer(200, sessions)
            if self.path == "/turn-requests":
                return self._answer(200, turn_requests)
        if self.path == "/cdn-cgi/access/certs":
            with lock:
                certs["fetches"] += 1
                failing_now = time.time() < certs["failing_until"]
            if failing_now:
                return self._answer(503, {"error": "the certs are down (stand-in outage)"})
            return self._answer(200, ACCESS_CERTS)
        if self.path == "/access-certs/fetches":
            with lock:
                return self._answer(200, {"fetches": certs["fetches"]})
        return self._answer(404, {"error": "not found"})

    def log_message(self, *args):
        pass


if __name__ == "__main__":
    ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Handler).serve_forever()
