"""Inputs for `make bench` that wrk's Lua cannot make.

Request files for bench/replay.lua hold one "PATH<TAB>header: value<TAB>body"
line per request.

  fixtures.py webhooks N SECRET OUT
      N Stripe events of an ignored type, each with its own id, signed now with
      SECRET as Stripe signs them.
  (Links emailed are read from the email API's stand-in at STANDIN_URL.)
  fixtures.py credentials BASE_URL STAFF_TOKEN
      prints a new customer's access token and a new partner's API key, one a line.
  fixtures.py licensing BASE_URL STAFF_TOKEN LICENSES N ACTIVATIONS_OUT VALIDATIONS_OUT
      imports LICENSES licenses, has a partner sell SUPS for all of them to one
      customer, activates one installation of each, and writes N activations
      (new installations, spread over the licenses) and N validations of the
      activated installations (spread too, under the per-license rate limit).
  fixtures.py support BASE_URL STAFF_TOKEN INCIDENTS N INTAKE_OUT SESSIONS_OUT
      registers a customer, then writes N incident intakes for them, and opens
      INCIDENTS incidents and writes N support sessions spread over them, none
      overlapping another of its incident.
  fixtures.py statement BASE_URL STAFF_TOKEN ORDERS ENTRIES OUT
      registers a customer through the API, places ORDERS bank-transfer orders,
      and writes a camt.053.001.02 statement of ENTRIES credits of which the
      first ORDERS pay those orders; the rest quote no known reference.
"""

import hashlib
import hmac
import json
import os
import random
import re
import sys
import time
import urllib.request


def webhooks(count, secret, out):
    now = int(time.time())
    with open(out, "w") as f:
        for n in range(count):
            body = json.dumps({"id": "evt_bench_%d_%d" % (now, n), "type": "customer.created",
                               "data": {"object": {"object": "customer"}}}, separators=(",", ":"))
            signature = hmac.new(secret.encode(), ("%d.%s" % (now, body)).encode(), hashlib.sha256).hexdigest()
            f.write("/api/webhooks/stripe\tstripe-signature: t=%d,v1=%s\t%s\n" % (now, signature, body))


def call(method, url, body=None, token=None, headers=None):
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(url, data=data, method=method)
    request.add_header("content-type", "application/json")
    if token:
        request.add_header("authorization", "Bearer " + token)
    for name, value in (headers or {}).items():
        request.add_header(name, value)
    with urllib.request.urlopen(request) as response:
        return json.loads(response.read() or b"{}")


def link(base, staff, email, path):
    """The token of the newest link to `path` emailed to `email`, as the email
    API's stand-in (STANDIN_URL) received it: staff see it redacted."""
    messages = call("GET", "%s/api/staff/outbox?to=%s" % (base, email), token=staff)["messages"]
    for message in messages:
        if "/%s?token=[redacted]" % path not in message["text"]:
            continue
        url = "%s/received?idempotency_key=%s" % (os.environ["STANDIN_URL"], message["id"])
        # The queue may still be delivering the emails of the load phases
        # before this one (a few thousand): wait up to five minutes.
        for _ in range(3000):
            for received in call("GET", url):
                found = re.search(r"/%s\?token=([A-Za-z0-9_-]+)" % path, received["body"]["text"])
                if received.get("answered") == 200 and found:
                    return found.group(1)
            time.sleep(0.1)
    raise SystemExit("no %s link for %s" % (path, email))


def customer(base, staff):
    """Registers, verifies and signs in a new customer; returns the access token."""
    email = "bench-%d@example.com" % random.randrange(10**12)
    call("POST", base + "/api/registrations", {
        "serial": "BENCH-%d" % random.randrange(10**9),
        "company": {"name": "Bench", "street": "S 1", "postal_code": "1000", "city": "Ljubljana", "country": "SI"},
        "contact": {"name": "Bench", "email": email, "phone": "+38612345678"},
        "newsletter": False, "accept_terms": True})
    call("POST", base + "/api/registrations/verify", {"token": link(base, staff, email, "verify")})
    call("POST", base + "/api/sessions", {"email": email})
    token = call("POST", base + "/api/sessions/redeem", {"token": link(base, staff, email, "sign-in")})["access_token"]
    # An invented serial earns no free coupon: staff credit the coupons that
    # direct support needs.
    customer_id = call("GET", base + "/api/me", token=token)["customer_id"]
    call("POST", "%s/api/staff/customers/%s/adjustments" % (base, customer_id),
         {"coupons": 10, "reason": "bench set-up"}, staff, {"idempotency-key": "bench-%s" % customer_id})
    return token


def support(base, staff, incidents, count, intake_out, sessions_out):
    token = customer(base, staff)
    intake = json.dumps({"subject": "Terminal offline", "description": "Terminal 3 shows no time.",
                         "channel": "voice", "phone": "+38612345678"}, separators=(",", ":"))
    with open(intake_out, "w") as f:
        for _ in range(count):
            f.write("/api/me/incidents\tauthorization: Bearer %s\t%s\n" % (token, intake))
    ids = [call("POST", base + "/api/me/incidents", json.loads(intake), token)["incident_id"] for _ in range(incidents)]
    start = int(time.time()) - 30 * 86400
    with open(sessions_out, "w") as f:
        for n in range(count):
            slot = start + (n // incidents) * 120
            body = json.dumps({"started_at": iso(slot), "ended_at": iso(slot + 60), "channel": "voice"},
                              separators=(",", ":"))
            f.write("/api/staff/incidents/%s/sessions\tauthorization: Bearer %s\t%s\n" % (ids[n % incidents], staff, body))


def licensing(base, staff, licenses, count, activations_out, validations_out):
    partner = call("POST", base + "/api/staff/partners",
                   {"name": "Bench partner", "kind": "both", "country": "SI", "email": "partner@example.com"}, staff)
    stamp = random.randrange(10**9)
    serials = ["BENCH-%d-%d" % (stamp, n) for n in range(licenses)]
    rows = [{"serial": s, "product": "Time & Space", "edition": "Enterprise", "version": "7", "list_price": "1000.00",
             "installations": 10000, "partner_id": partner["partner_id"]} for s in serials]
    call("POST", base + "/api/staff/licenses", rows, staff)
    token = customer(base, staff)
    email = call("GET", base + "/api/me", token=token)["contact"]["email"]
    for serial in serials:
        call("POST", base + "/api/partner/sups-subscriptions", {
            "serial": serial, "starts_on": time.strftime("%Y-%m-%d"), "months": 12,
            "company": {"name": "Bench", "street": "S 1", "postal_code": "1000", "city": "Ljubljana", "country": "SI"},
            "contact": {"name": "Bench", "email": email, "phone": "+38612345678"}}, partner["api_key"])
    codes = [call("POST", base + "/api/me/activations",
                  {"serial": s, "installation_id": "BENCH-BASE", "product_version": "7.1"}, token)["activation_code"]
             for s in serials]
    with open(activations_out, "w") as f:
        for n in range(count):
            body = json.dumps({"serial": serials[n % licenses], "installation_id": "BENCH-%d" % n,
                               "product_version": "7.1"}, separators=(",", ":"))
            f.write("/api/me/activations\tauthorization: Bearer %s\t%s\n" % (token, body))
    with open(validations_out, "w") as f:
        for n in range(count):
            k = n % licenses
            body = json.dumps({"serial": serials[k], "installation_id": "BENCH-BASE", "activation_code": codes[k],
                               "product_version": "7.1"}, separators=(",", ":"))
            f.write("/api/licenses/validate\tx-bench: %d\t%s\n" % (n, body))


def iso(seconds):
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(seconds))


def statement(base, staff, orders, entries, out):
    token = customer(base, staff)
    # Each order's reference and the amount it asks for (VAT included), so
    # that the first import pays (and invoices) every one of them.
    payments = []
    for _ in range(orders):
        order = call("POST", base + "/api/me/coupon-orders", {"quantity": 1, "payment_method": "bank_transfer"}, token)
        payments.append((order["bank_transfer"]["reference"], order["bank_transfer"]["amount"]))
    stamp = random.randrange(10**9)
    with open(out, "w") as f:
        f.write('<?xml version="1.0" encoding="UTF-8"?>\n<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02">'
                "<BkToCstmrStmt><GrpHdr><MsgId>BENCH</MsgId><CreDtTm>2026-11-26T08:00:00</CreDtTm></GrpHdr>"
                "<Stmt><Id>BENCH</Id><CreDtTm>2026-11-26T08:00:00</CreDtTm><Acct><Id><IBAN>SI56191000000123438</IBAN></Id></Acct>\n")
        for n in range(entries):
            text, amount = payments[n] if n < len(payments) else ("Invoice %d" % n, "25.00")
            f.write('<Ntry><Amt Ccy="EUR">%s</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts>'
                    "<BookgDt><Dt>2026-11-26</Dt></BookgDt><AcctSvcrRef>BENCH-%d-%d</AcctSvcrRef>"
                    "<NtryDtls><TxDtls><RltdPties><Dbtr><Nm>Customer %d</Nm></Dbtr></RltdPties>"
                    "<RmtInf><Ustrd>%s</Ustrd></RmtInf></TxDtls></NtryDtls></Ntry>\n" % (amount, stamp, n, n, text))
        f.write("</Stmt></BkToCstmrStmt></Document>\n")


if __name__ == "__main__":
    if sys.argv[1] == "webhooks":
        webhooks(int(sys.argv[2]), sys.argv[3], sys.argv[4])
    elif sys.argv[1] == "credentials":
        print(customer(sys.argv[2], sys.argv[3]))
        print(call("POST", sys.argv[2] + "/api/staff/partners", {"name": "Contract partner", "kind": "both", "country": "SI",
                                                                "email": "contract@example.com"}, sys.argv[3])["api_key"])
    elif sys.argv[1] == "licensing":
        licensing(sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5]), sys.argv[6], sys.argv[7])
    elif sys.argv[1] == "support":
        support(sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5]), sys.argv[6], sys.argv[7])
    elif sys.argv[1] == "statement":
        statement(sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5]), sys.argv[6])
    else:
        raise SystemExit(__doc__)
