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
key (tests/fixtures/access/certs.json).

Stripe's Checkout API: POST /v1/checkout/sessions (form-encoded, bearer
sk_test_e2e) records the form and answers a session {"id", "url", ...}, the
same session again for a repeated Idempotency-Key. GET /checkout-sessions
lists the forms received.
"""

import json
import os
import sys
import threading
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

STRIPE_KEY = "sk_test_e2e"

# Cloudflare Access's certs, as a stand-in issuer publishes them: the public
# half of tests/fixtures/access/staff.pem.
ACCESS_CERTS = json.load(open(os.path.join(os.path.dirname(__file__), "..", "fixtures", "access", "certs.json")))

lock = threading.Lock()
emails = []
email_ids = {}
failing = {}
sessions = []
session_by_key = {}


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

    def do_POST(self):
        if self.path == "/emails":
            return self._email()
        if self.path == "/fail-emails":
            return self._fail_emails()
        if self.path == "/v1/checkout/sessions":
            return self._checkout_session()
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

    def _checkout_session(self):
        if self.headers.get("authorization") != "Bearer " + STRIPE_KEY:
            return self._answer(401, {"error": {"message": "Invalid API Key provided"}})
        form = dict(urllib.parse.parse_qsl(self._body().decode()))
        key = self.headers.get("idempotency-key")
        with lock:
            sessions.append(form)
            if key not in session_by_key:
                session_id = "cs_test_%s" % form.get("client_reference_id", len(sessions))
                quantity = int(form.get("line_items[0][quantity]", "0"))
                unit = int(form.get("line_items[0][price_data][unit_amount]", "0"))
                session_by_key[key] = {
                    "id": session_id,
                    "object": "checkout.session",
                    "url": "https://checkout.stripe.test/c/pay/" + session_id,
                    "client_reference_id": form.get("client_reference_id"),
                    "amount_total": quantity * unit,
                    "currency": form.get("line_items[0][price_data][currency]"),
                    "mode": form.get("mode"),
                    "payment_status": "unpaid",
                }
            return self._answer(200, session_by_key[key])

    def do_GET(self):
        url = urllib.parse.urlsplit(self.path)
        query = dict(urllib.parse.parse_qsl(url.query))
        with lock:
            if url.path == "/received":
                if "idempotency_key" in query:
                    key = query["idempotency_key"]
                    return self._answer(200, [e for e in emails if e["idempotency_key"] == key])
                return self._answer(200, emails)
            if self.path == "/checkout-sessions":
                return self._answer(200, sessions)
        if self.path == "/cdn-cgi/access/certs":
            return self._answer(200, ACCESS_CERTS)
        return self._answer(404, {"error": "not found"})

    def log_message(self, *args):
        pass


if __name__ == "__main__":
    ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Handler).serve_forever()
