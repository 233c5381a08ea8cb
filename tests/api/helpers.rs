//! One test application per test, reached the same way whatever runs it:
//! natively (the `api` suite: `api::handle` over a fresh in-memory SQLite) or
//! over HTTP (the `e2e` suite: the real Worker under `wrangler dev`).

use std::sync::atomic::{AtomicU64, Ordering};

use serde_json::Value;

/// Where the website's registration form lands, and goes back to on errors:
/// the native suite configures these, and scripts/e2e.sh starts the Worker
/// with the same.
pub const THANKS_URL: &str = "https://www.timeandspace.test/thanks";
pub const FORM_URL: &str = "https://www.timeandspace.test/register";
/// The public website's origin, allowed by CORS, in both suites.
pub const SITE_ORIGIN: &str = "https://www.timeandspace.test";
/// The account bank transfers go to, in both suites.
pub const BENEFICIARY: &str = "Spica d.o.o.";
pub const IBAN: &str = "SI56 1910 0000 0123 438";
pub const BIC: &str = "BAKOSI2X";
/// Activation-code keys (the current one first) and the license-file
/// signing seed, in both suites.
pub const ACTIVATION_SECRET: &str = "2:e2e-activation-secret-two,1:e2e-activation-secret-one";
pub const LICENSE_SIGNING_KEY: &str =
    "4242424242424242424242424242424242424242424242424242424242424242";
/// The support desk's address, where new incidents are announced.
pub const DESK_EMAIL: &str = "desk@timeandspace.test";
/// The domain of incidents' reply addresses: the same in scripts/e2e.sh.
pub const INBOUND_EMAIL_DOMAIN: &str = "reply.timeandspace.test";
/// The sender of every email: the same in scripts/e2e.sh.
pub const EMAIL_FROM: &str = "Spica Customer Support (e2e) <support@timeandspace.test>";

/// One batch that reads what the decision needs, one that writes it; a read
/// (GET, HEAD) is the one batch alone.
pub fn round_trip_budget(method: &str) -> u32 {
    if matches!(method, "GET" | "HEAD") {
        1
    } else {
        2
    }
}

/// Checks an answer's `Server-Timing: d1;desc="N"` against its route's
/// budget: both transports call it for every request the suites send, so
/// every route the tests reach is held to it. With `ROUND_TRIPS_LOG` set,
/// each observation is also appended there (`METHOD pattern status N`), for
/// the end-to-end run's check that every route was reached.
pub fn check_round_trips(method: &str, path: &str, response: &TestResponse) {
    let path = path.split_once('?').map_or(path, |(path, _)| path);
    let method_of = spica_portal::http::Method::parse(method);
    let Some(pattern) = spica_portal::router::route_for(method_of, path)
        .filter(|row| !row.platform)
        .map(|row| row.pattern)
    else {
        return; // not the Worker's: static assets, unknown paths
    };
    let timing = response
        .header("server-timing")
        .unwrap_or_else(|| panic!("{method} {path}: no Server-Timing header"));
    let count: u32 = timing
        .split(';')
        .find_map(|part| part.strip_prefix("desc=\""))
        .and_then(|rest| rest.strip_suffix('"'))
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("{method} {path}: unreadable Server-Timing {timing}"));
    if let Ok(log) = std::env::var("ROUND_TRIPS_LOG") {
        use std::io::Write;
        let line = format!("{method} {pattern} {} {count}\n", response.status);
        std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(log)
            .and_then(|mut file| file.write_all(line.as_bytes()))
            .expect("ROUND_TRIPS_LOG is writable");
    }
    let budget = round_trip_budget(method);
    let budget = if std::env::var("ROUND_TRIPS_UNBOUNDED").is_ok() {
        u32::MAX
    } else {
        budget
    };
    assert!(
        count <= budget,
        "{method} {pattern} made {count} D1 round trips (status {}), more than its {budget}",
        response.status
    );
}

pub struct TestResponse {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl TestResponse {
    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&self.body)))
    }

    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(key, _)| key.eq_ignore_ascii_case(name))
            .map(|(_, value)| value.as_str())
    }

    /// The cookie it sets, as a browser sends it back (`name=value`).
    pub fn cookie(&self) -> String {
        self.header("set-cookie")
            .expect("a cookie")
            .split(';')
            .next()
            .unwrap()
            .to_owned()
    }

    /// Asserts a page that tells, with this status, what became of an
    /// emailed link (`words`) and links on to `onward`.
    pub fn tells_of_link(&self, status: u16, words: &str, onward: &str) {
        let html = self.text();
        assert_eq!(self.status, status, "{html}");
        assert!(
            html.contains(words) && html.contains(&format!("<a href=\"{onward}\">")),
            "{html}"
        );
    }

    /// Asserts an RFC 9457 problem with this status, and returns its body.
    pub fn problem(&self, status: u16) -> Value {
        assert_eq!(self.status, status, "{}", self.text());
        assert_eq!(
            self.header("content-type"),
            Some("application/problem+json")
        );
        let problem = self.json();
        assert_eq!(problem["status"], status);
        assert!(problem["type"]
            .as_str()
            .is_some_and(|t| t.starts_with("/problems/")));
        assert!(problem["title"].is_string() && problem["detail"].is_string());
        problem
    }
}

/// A value no other test (nor an earlier run against the same server) uses.
pub fn unique(prefix: &str) -> String {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos();
    format!(
        "{prefix}{}{}",
        nanos % 1_000_000_000_000,
        COUNTER.fetch_add(1, Ordering::Relaxed)
    )
}

pub fn unique_email() -> String {
    format!("{}@kovinar.si", unique("ana"))
}

pub fn unique_serial() -> String {
    unique("TS-")
}

/// A complete registration body.
pub fn registration(email: &str, serial: &str) -> Value {
    serde_json::json!({
        "serial": serial,
        "company": {
            "name": "Kovinar d.o.o.",
            "street": "Tržaška cesta 12",
            "postal_code": "1000",
            "city": "Ljubljana",
            "country": "SI",
            "vat_id": "SI12345678"
        },
        "contact": {"name": "Ana Novak", "email": email, "phone": "+386 1 234 5678"},
        // Not subscribed: a bulletin published by a parallel test (end to
        // end, one database) must not land in another test's outbox.
        "newsletter": false,
        "accept_terms": true
    })
}

/// What every transport offers the tests.
pub trait Transport: Sync {
    fn send(
        &self,
        method: &str,
        path: &str,
        headers: &[(&str, &str)],
        body: Vec<u8>,
    ) -> TestResponse;
    fn staff_token(&self) -> &str;
    /// The Stripe webhook secret the Worker checks signatures with.
    fn webhook_secret(&self) -> &str;
    /// The Worker's clock, in Unix seconds, for signing webhooks.
    fn now_seconds(&self) -> i64;
    /// Lets up to `seconds` pass on the Worker's clock and returns how many
    /// did: natively the clock moves on by exactly that; a running Worker's
    /// real clock is waited for, at most 2 s.
    fn let_time_pass(&self, seconds: i64) -> i64;
    /// The portal's own origin (scheme, host and port), as browsers send it.
    fn origin(&self) -> String;
    /// What the Stripe stand-in received, where one runs (end to end).
    fn checkout_requests(&self) -> Option<Vec<Value>>;
    /// The email API bodies (`text`, `html`, `headers`, …) of the emails
    /// with this outbox id that the email stand-in accepted, as their
    /// recipient reads them (live links included). Staff see the outbox
    /// only with links redacted, so this is how a test reads a link, as a
    /// person copies it from their mailbox.
    fn email_bodies_accepted(&self, outbox_id: &str) -> Vec<Value>;
    /// Makes the email stand-in answer 503 (an outage) to the next `count`
    /// emails to `to`.
    fn fail_emails_to(&self, to: &str, count: u32);
    /// Makes the email stand-in refuse every email to `to` for good (422,
    /// as an invalid recipient): those emails fail.
    fn refuse_emails_to(&self, to: &str);
    /// An email delivered to the Worker by Email Routing, raw, from and to
    /// the envelope's addresses: 200 when taken, 400 with the reason when
    /// refused (as wrangler dev's `/cdn-cgi/handler/email` answers).
    fn email(&self, from: &str, to: &str, raw: Vec<u8>) -> TestResponse;
    /// Makes the next `n` write batches wait for each other, so that `n`
    /// requests sent at once all read before any of them writes: natively,
    /// where one in-memory database would otherwise let them run one by
    /// one. The Worker's requests race on D1 for real: nothing to do there.
    fn race_writes(&self, _n: usize) {}
    /// How many times the Access certs were asked for so far (the Worker's
    /// fetches of the stand-in issuer's certs; natively, the app's).
    fn access_certs_fetches(&self) -> u64;
    /// Makes the Access certs fail (503) for the next `seconds`.
    fn fail_access_certs(&self, seconds: u64);
}

pub struct TestApp<T: Transport>(pub T);

impl<T: Transport> TestApp<T> {
    pub fn get(&self, path: &str) -> TestResponse {
        self.0.send("GET", path, &[], Vec::new())
    }

    /// A browser signed in through the emailed link's button: its cookie.
    pub fn browser(&self, email: &str) -> String {
        let asked = self.post_json("/api/sessions", &serde_json::json!({ "email": email }));
        assert_eq!(asked.status, 202, "{}", asked.text());
        let link = self.emailed_token(email, "sign-in");
        let signed_in =
            self.post_form_with_cookie("/sign-in", "", &self.0.origin(), &[("token", &link)]);
        assert_eq!(signed_in.status, 303, "{}", signed_in.text());
        signed_in.cookie()
    }

    /// A page as a browser with this cookie (`name=value`) sees it.
    pub fn get_with_cookie(&self, path: &str, cookie: &str) -> TestResponse {
        self.0.send("GET", path, &[("cookie", cookie)], Vec::new())
    }

    /// A form posted by a browser with this cookie, from `origin`.
    pub fn post_form_with_cookie(
        &self,
        path: &str,
        cookie: &str,
        origin: &str,
        pairs: &[(&str, &str)],
    ) -> TestResponse {
        let body = serde_urlencoded::to_string(pairs).unwrap();
        self.0.send(
            "POST",
            path,
            &[
                ("content-type", "application/x-www-form-urlencoded"),
                ("cookie", cookie),
                ("origin", origin),
            ],
            body.into_bytes(),
        )
    }

    pub fn get_as(&self, path: &str, bearer: &str) -> TestResponse {
        let authorization = format!("Bearer {bearer}");
        self.0.send(
            "GET",
            path,
            &[("authorization", &authorization)],
            Vec::new(),
        )
    }

    pub fn post_json(&self, path: &str, body: &Value) -> TestResponse {
        self.0.send(
            "POST",
            path,
            &[("content-type", "application/json")],
            body.to_string().into_bytes(),
        )
    }

    pub fn post_form(&self, path: &str, pairs: &[(&str, &str)]) -> TestResponse {
        let body = serde_urlencoded::to_string(pairs).unwrap();
        self.0.send(
            "POST",
            path,
            &[("content-type", "application/x-www-form-urlencoded")],
            body.into_bytes(),
        )
    }

    pub fn post_raw(&self, path: &str, content_type: &str, body: Vec<u8>) -> TestResponse {
        self.0
            .send("POST", path, &[("content-type", content_type)], body)
    }

    /// A browser signed in to the desk with the break-glass token: its
    /// session cookie.
    pub fn desk_cookie(&self) -> String {
        let origin = self.0.origin();
        let token = self.0.staff_token().to_owned();
        let signed_in =
            self.post_form_with_cookie("/desk/sign-in", "", &origin, &[("token", &token)]);
        assert_eq!(signed_in.header("location"), Some("/desk"));
        signed_in.cookie()
    }

    pub fn staff_get(&self, path: &str) -> TestResponse {
        self.get_as(path, self.0.staff_token())
    }

    /// The outbox to one address, newest first, as staff see it.
    pub fn outbox(&self, to: &str) -> Vec<Value> {
        let response = self.staff_get(&format!("/api/staff/outbox?to={}", urlencode(to)));
        assert_eq!(response.status, 200, "{}", response.text());
        response.json()["messages"].as_array().unwrap().clone()
    }

    /// The newest message to `to` with a link to `path`, as staff see it
    /// (the link redacted).
    pub fn message_with_link(&self, to: &str, path: &str) -> Value {
        let redacted = format!("/{path}?token=[redacted]");
        self.outbox(to)
            .into_iter()
            .find(|message| message["text"].as_str().unwrap().contains(&redacted))
            .unwrap_or_else(|| panic!("no email to {to} with a link to /{path}"))
    }

    /// The email API body (`text`, `html`, `headers`, …) the recipient got
    /// of outbox message `id`, once the email stand-in accepted it (waiting
    /// up to 30 seconds for the queue).
    pub fn email_body_received(&self, id: &str) -> Value {
        let start = std::time::Instant::now();
        loop {
            let accepted = self.0.email_bodies_accepted(id);
            assert!(accepted.len() <= 1, "email {id} was accepted twice");
            if let Some(body) = accepted.into_iter().next() {
                return body;
            }
            assert!(
                start.elapsed() < std::time::Duration::from_secs(30),
                "email {id} did not arrive"
            );
            std::thread::sleep(std::time::Duration::from_millis(100));
        }
    }

    /// The text the recipient got of outbox message `id`.
    pub fn email_received(&self, id: &str) -> String {
        self.email_body_received(id)["text"]
            .as_str()
            .unwrap_or_default()
            .to_owned()
    }

    /// The token of the newest link to `path` emailed to `to`, as its
    /// recipient got it.
    pub fn emailed_token(&self, to: &str, path: &str) -> String {
        let message = self.message_with_link(to, path);
        let text = self.email_received(message["id"].as_str().unwrap());
        let needle = format!("/{path}?token=");
        let start = text
            .find(&needle)
            .unwrap_or_else(|| panic!("the email has no link to /{path}: {text}"));
        text[start + needle.len()..]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
            .collect()
    }

    /// Registers, verifies through the emailed link, and returns the customer id.
    pub fn register_and_verify(&self, email: &str, serial: &str) -> String {
        let response = self.post_json("/api/registrations", &registration(email, serial));
        assert_eq!(response.status, 201, "{}", response.text());
        let token = self.emailed_token(email, "verify");
        let verified = self.post_json(
            "/api/registrations/verify",
            &serde_json::json!({ "token": token }),
        );
        assert_eq!(verified.status, 200, "{}", verified.text());
        response.json()["customer_id"].as_str().unwrap().to_owned()
    }

    /// Signs in through the emailed link and returns the access token.
    pub fn sign_in(&self, email: &str) -> String {
        let asked = self.post_json("/api/sessions", &serde_json::json!({ "email": email }));
        assert_eq!(asked.status, 202, "{}", asked.text());
        let link = self.emailed_token(email, "sign-in");
        let redeemed = self.post_json(
            "/api/sessions/redeem",
            &serde_json::json!({ "token": link }),
        );
        assert_eq!(redeemed.status, 200, "{}", redeemed.text());
        redeemed.json()["access_token"].as_str().unwrap().to_owned()
    }
}

pub fn urlencode(text: &str) -> String {
    serde_urlencoded::to_string([("", text)]).unwrap()[1..].to_owned()
}

/// A `checkout.session.completed` event for an order, as Stripe sends it:
/// the total due (net plus VAT) paid.
pub fn checkout_completed(event_id: &str, order: &Value) -> Value {
    let cents = order["total_due"]
        .as_str()
        .unwrap()
        .replace('.', "")
        .parse::<i64>()
        .unwrap();
    serde_json::json!({
        "id": event_id,
        "object": "event",
        "type": "checkout.session.completed",
        "data": {"object": {
            "id": format!("cs_test_{}", order["order_id"].as_str().unwrap()),
            "object": "checkout.session",
            "client_reference_id": order["order_id"],
            "payment_status": "paid",
            "amount_total": cents,
            "currency": "eur",
            "payment_intent": format!("pi_{event_id}"),
            "metadata": {"order_id": order["order_id"]}
        }}
    })
}

/// A camt.053.001.02 statement with one credit entry per `(amount, remittance, bank reference)`.
pub fn camt053(entries: &[(&str, &str, &str)]) -> String {
    let mut xml = String::from(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"><BkToCstmrStmt>
<GrpHdr><MsgId>TEST</MsgId><CreDtTm>2026-11-26T08:00:00</CreDtTm></GrpHdr>
<Stmt><Id>STMT-1</Id><CreDtTm>2026-11-26T08:00:00</CreDtTm>
<Acct><Id><IBAN>SI56191000000123438</IBAN></Id></Acct>
"#,
    );
    for (amount, remittance, bank_reference) in entries {
        xml.push_str(&format!(
            r#"<Ntry><Amt Ccy="EUR">{amount}</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts>
<BookgDt><Dt>2026-11-26</Dt></BookgDt><ValDt><Dt>2026-11-26</Dt></ValDt><AcctSvcrRef>{bank_reference}</AcctSvcrRef>
<BkTxCd/><NtryDtls><TxDtls><RltdPties><Dbtr><Nm>Kovinar d.o.o.</Nm></Dbtr></RltdPties>
<RmtInf><Ustrd>{remittance}</Ustrd></RmtInf></TxDtls></NtryDtls></Ntry>
"#
        ));
    }
    xml.push_str("</Stmt></BkToCstmrStmt></Document>\n");
    xml
}

impl<T: Transport> TestApp<T> {
    /// A registered, verified and signed-in customer: (email, access token).
    pub fn customer(&self) -> (String, String) {
        let email = unique_email();
        let serial = unique_serial();
        self.licensed_to_kovinar(&serial);
        self.register_and_verify(&email, &serial);
        let token = self.sign_in(&email);
        (email, token)
    }

    /// A customer as [`TestApp::customer`], written to in `language`
    /// (`contact.language` at registration).
    pub fn customer_in(&self, language: &str) -> (String, String) {
        let email = unique_email();
        let serial = unique_serial();
        self.licensed_to_kovinar(&serial);
        let mut body = registration(&email, &serial);
        body["contact"]["language"] = serde_json::json!(language);
        let response = self.post_json("/api/registrations", &body);
        assert_eq!(response.status, 201, "{}", response.text());
        let link = self.emailed_token(&email, "verify");
        let verified = self.post_json(
            "/api/registrations/verify",
            &serde_json::json!({ "token": link }),
        );
        assert_eq!(verified.status, 200, "{}", verified.text());
        let token = self.sign_in(&email);
        (email, token)
    }

    /// A license in the catalogue whose licensee is the company of
    /// [`registration`]: registering its serial makes that company its holder.
    pub fn licensed_to_kovinar(&self, serial: &str) {
        let row = serde_json::json!([{"serial": serial, "product": "Time & Space", "edition": "Professional",
            "version": "8.0", "list_price": "1234.50", "installations": "2",
            "licensee_name": "KOVINAR d.o.o.", "licensee_country": "SI", "licensee_vat_id": "SI12345678"}]);
        let answer = self.staff_send("POST", "/api/staff/licenses", &row);
        assert_eq!(answer.status, 200, "{}", answer.text());
        assert_eq!(
            answer.json()["rejected"],
            serde_json::json!([]),
            "{}",
            answer.text()
        );
    }

    pub fn post_json_as(&self, path: &str, bearer: &str, body: &Value) -> TestResponse {
        let authorization = format!("Bearer {bearer}");
        self.0.send(
            "POST",
            path,
            &[
                ("content-type", "application/json"),
                ("authorization", &authorization),
            ],
            body.to_string().into_bytes(),
        )
    }

    pub fn balance(&self, token: &str) -> i64 {
        let me = self.get_as("/api/me", token);
        assert_eq!(me.status, 200, "{}", me.text());
        me.json()["coupon_balance"].as_i64().unwrap()
    }

    /// Places an order and returns its answer, asserting 201.
    pub fn order(&self, token: &str, quantity: i64, method: &str) -> Value {
        let response = self.post_json_as(
            "/api/me/coupon-orders",
            token,
            &serde_json::json!({"quantity": quantity, "payment_method": method}),
        );
        assert_eq!(response.status, 201, "{}", response.text());
        response.json()
    }

    /// Sends a Stripe event signed as Stripe would, `age` seconds ago.
    pub fn stripe_event_signed(&self, event: &Value, secret: &str, age: i64) -> TestResponse {
        let body = event.to_string().into_bytes();
        let header =
            spica_portal::domain::stripe::header_for(secret, self.0.now_seconds() - age, &body);
        self.0.send(
            "POST",
            "/api/webhooks/stripe",
            &[
                ("content-type", "application/json"),
                ("stripe-signature", &header),
            ],
            body,
        )
    }

    pub fn stripe_event(&self, event: &Value) -> TestResponse {
        self.stripe_event_signed(event, self.0.webhook_secret(), 0)
    }

    pub fn post_statement(&self, content_type: &str, body: &str) -> TestResponse {
        let authorization = format!("Bearer {}", self.0.staff_token());
        self.0.send(
            "POST",
            "/api/staff/bank-statements",
            &[
                ("content-type", content_type),
                ("authorization", &authorization),
            ],
            body.as_bytes().to_vec(),
        )
    }
}

impl<T: Transport> TestApp<T> {
    /// An instant `minutes` before the Worker's now, as the desk's
    /// `datetime-local` fields take it: Ljubljana's wall clock.
    pub fn local_minutes_ago(&self, minutes: i64) -> String {
        let at = spica_portal::domain::time::from_unix_millis(
            (self.0.now_seconds() - minutes * 60) * 1000,
        )
        .unwrap();
        spica_portal::domain::time::format_local_input(at)
    }

    /// An instant `minutes` before the Worker's now, as RFC 3339.
    pub fn minutes_ago(&self, minutes: i64) -> String {
        let at = spica_portal::domain::time::from_unix_millis(
            (self.0.now_seconds() - minutes * 60) * 1000,
        )
        .unwrap();
        spica_portal::domain::time::format(at)
    }

    pub fn staff_send(&self, method: &str, path: &str, body: &Value) -> TestResponse {
        let authorization = format!("Bearer {}", self.0.staff_token());
        self.0.send(
            method,
            path,
            &[
                ("content-type", "application/json"),
                ("authorization", &authorization),
            ],
            body.to_string().into_bytes(),
        )
    }

    /// Adds (or takes) coupons as staff would, to set up a balance.
    pub fn adjust(&self, customer_token: &str, coupons: i64) {
        let customer_id = self.get_as("/api/me", customer_token).json()["customer_id"]
            .as_str()
            .unwrap()
            .to_owned();
        let authorization = format!("Bearer {}", self.0.staff_token());
        let key = unique("adj-");
        let body = serde_json::json!({"coupons": coupons, "reason": "test set-up", "staff_member": "Test"});
        let response = self.0.send(
            "POST",
            &format!("/api/staff/customers/{customer_id}/adjustments"),
            &[
                ("content-type", "application/json"),
                ("authorization", &authorization),
                ("idempotency-key", &key),
            ],
            body.to_string().into_bytes(),
        );
        assert_eq!(response.status, 201, "{}", response.text());
    }

    /// Raises a voice incident and returns its answer, asserting 201.
    pub fn incident(&self, token: &str) -> Value {
        let body = serde_json::json!({"subject": "Clock terminal offline", "description": "Terminal 3 shows no time since Monday.",
            "channel": "voice", "phone": "+386 1 234 5678", "preferred_times": "weekdays 8-12"});
        let response = self.post_json_as("/api/me/incidents", token, &body);
        assert_eq!(response.status, 201, "{}", response.text());
        response.json()
    }
}

/// The stand-in Cloudflare Access issuer (tests/fixtures/access): the team
/// domain and audience both suites configure, and its key's id.
pub const ACCESS_TEAM: &str = "https://spica-test.cloudflareaccess.com";
pub const ACCESS_AUD: &str = "spica-test-aud";
pub const ACCESS_KID: &str = "stand-in-key-1";
const STAFF_KEY_PEM: &str = include_str!("../fixtures/access/staff.pem");
const OTHER_KEY_PEM: &str = include_str!("../fixtures/access/other.pem");

/// How an assertion is made: a valid one, or one of the ways to forge it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Forgery {
    None,
    /// Signed with a key the portal does not trust, under the trusted kid.
    OtherKey,
    /// For another Access application.
    OtherAudience,
    /// Expired an hour ago.
    Expired,
    /// Claims changed after signing.
    Tampered,
}

fn signing_key(pem: &'static str) -> &'static rsa::pkcs1v15::SigningKey<sha2::Sha256> {
    use rsa::pkcs8::DecodePrivateKey;
    use std::sync::OnceLock;
    static STAFF: OnceLock<rsa::pkcs1v15::SigningKey<sha2::Sha256>> = OnceLock::new();
    static OTHER: OnceLock<rsa::pkcs1v15::SigningKey<sha2::Sha256>> = OnceLock::new();
    let cell = if pem == STAFF_KEY_PEM { &STAFF } else { &OTHER };
    cell.get_or_init(|| {
        rsa::pkcs1v15::SigningKey::new(rsa::RsaPrivateKey::from_pkcs8_pem(pem).unwrap())
    })
}

/// A `Cf-Access-Jwt-Assertion` for `email`, as Access would make it at
/// `now` (Unix seconds), or forged as `forgery` says.
pub fn access_assertion(email: &str, now: i64, forgery: Forgery) -> String {
    assertion_by_kid(ACCESS_KID, email, now, forgery)
}

/// An assertion for `email` signed with the stand-in issuer's key, but
/// naming key `kid`: one the portal does not know unless it is
/// [`ACCESS_KID`].
pub fn assertion_naming_kid(kid: &str, email: &str, now: i64) -> String {
    assertion_by_kid(kid, email, now, Forgery::None)
}

fn assertion_by_kid(kid: &str, email: &str, now: i64, forgery: Forgery) -> String {
    use base64::engine::general_purpose::URL_SAFE_NO_PAD;
    use base64::Engine;
    use rsa::signature::{SignatureEncoding, Signer};
    let header = serde_json::json!({"alg": "RS256", "kid": kid, "typ": "JWT"});
    let audience = if forgery == Forgery::OtherAudience {
        "another-app"
    } else {
        ACCESS_AUD
    };
    let issued = if forgery == Forgery::Expired {
        now - 7200
    } else {
        now
    };
    let claims = |email: &str| {
        serde_json::json!({"aud": [audience], "email": email, "exp": issued + 3600, "iat": issued,
            "nbf": issued, "iss": ACCESS_TEAM, "sub": "stand-in", "type": "app"})
    };
    let encode = |value: &Value| URL_SAFE_NO_PAD.encode(value.to_string());
    let input = format!("{}.{}", encode(&header), encode(&claims(email)));
    let pem = if forgery == Forgery::OtherKey {
        OTHER_KEY_PEM
    } else {
        STAFF_KEY_PEM
    };
    let signature = URL_SAFE_NO_PAD.encode(signing_key(pem).sign(input.as_bytes()).to_bytes());
    if forgery == Forgery::Tampered {
        let other = encode(&claims("mallory@spica.test"));
        return format!("{}.{other}.{signature}", encode(&header));
    }
    format!("{input}.{signature}")
}

impl<T: Transport> TestApp<T> {
    /// Adds a staff member of `role` (as the break-glass admin) and returns
    /// their email address.
    pub fn staff_member(&self, role: &str) -> String {
        let email = format!("{}@spica.test", unique(role));
        let body =
            serde_json::json!({"email": email, "name": format!("{role} member"), "role": role});
        let added = self.staff_send("POST", "/api/staff/members", &body);
        assert_eq!(added.status, 201, "{}", added.text());
        email
    }

    /// A request as a staff member signed in through Access.
    pub fn send_as_staff(
        &self,
        method: &str,
        path: &str,
        email: &str,
        forgery: Forgery,
        body: Option<&Value>,
    ) -> TestResponse {
        let assertion = access_assertion(email, self.0.now_seconds(), forgery);
        let mut headers = vec![("cf-access-jwt-assertion", assertion.as_str())];
        if body.is_some() {
            headers.push(("content-type", "application/json"));
        }
        let body = body.map(|b| b.to_string().into_bytes()).unwrap_or_default();
        self.0.send(method, path, &headers, body)
    }
}

/// A staff adjustment with this idempotency key.
pub fn adjust_with_key<T: Transport>(
    app: &TestApp<T>,
    customer_id: &str,
    key: &str,
    body: &serde_json::Value,
) -> TestResponse {
    let authorization = format!("Bearer {}", app.0.staff_token());
    app.0.send(
        "POST",
        &format!("/api/staff/customers/{customer_id}/adjustments"),
        &[
            ("content-type", "application/json"),
            ("authorization", &authorization),
            ("idempotency-key", key),
        ],
        body.to_string().into_bytes(),
    )
}

impl<T: Transport> TestApp<T> {
    /// A verified, signed-in company named `name` in `country` with
    /// `vat_id`: (email, access token).
    pub fn buyer_named(&self, name: &str, country: &str, vat_id: Option<&str>) -> (String, String) {
        let email = unique_email();
        let mut body = registration(&email, &unique_serial());
        body["company"]["name"] = serde_json::json!(name);
        body["company"]["country"] = serde_json::json!(country);
        body["company"]["vat_id"] = serde_json::json!(vat_id);
        let registered = self.post_json("/api/registrations", &body);
        assert_eq!(registered.status, 201, "{}", registered.text());
        let token = self.emailed_token(&email, "verify");
        let verified = self.post_json(
            "/api/registrations/verify",
            &serde_json::json!({ "token": token }),
        );
        assert_eq!(verified.status, 200, "{}", verified.text());
        let token = self.sign_in(&email);
        (email, token)
    }
}

/// The API's contract as committed (what the Worker serves), read once.
fn contract() -> &'static Value {
    static DOCUMENT: std::sync::OnceLock<Value> = std::sync::OnceLock::new();
    DOCUMENT.get_or_init(|| {
        let path = format!("{}/assets/api/openapi.json", env!("CARGO_MANIFEST_DIR"));
        serde_json::from_slice(&std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}")))
            .unwrap_or_else(|e| panic!("{path}: {e}"))
    })
}

/// Checks an API answer against the contract: its status is one the route
/// documents, and a JSON body conforms to the schema documented for that
/// status and media type, every field of it described. Both transports call
/// it for every request the suites send, so each answer a test reaches is
/// held to its description (schemathesis, with generated requests, seldom
/// gets past validation to the answers of success).
pub fn check_contract(method: &str, path: &str, response: &TestResponse) {
    let path = path.split_once('?').map_or(path, |(path, _)| path);
    let Some(row) =
        spica_portal::router::route_for(spica_portal::http::Method::parse(method), path)
            .filter(|row| !row.platform && row.surface == spica_portal::router::Surface::Api)
    else {
        return;
    };
    if method == "HEAD" || response.body.is_empty() {
        return;
    }
    let document = contract();
    let operation = &document["paths"][row.pattern][row.method.as_str().to_ascii_lowercase()];
    let status = response.status.to_string();
    let class = format!("{}XX", &status[..1]);
    let Some(answer) = operation["responses"]
        .get(&status)
        .or_else(|| operation["responses"].get(&class))
    else {
        panic!(
            "{method} {}: status {status} is not in the contract: {}",
            row.pattern,
            response.text()
        );
    };
    let media_type = response
        .header("content-type")
        .unwrap_or_default()
        .split(';')
        .next()
        .unwrap_or_default()
        .trim();
    if !media_type.ends_with("json") {
        return;
    }
    let schema = &answer["content"][media_type]["schema"];
    assert!(
        !schema.is_null(),
        "{method} {}: {status} as {media_type} is not in the contract",
        row.pattern
    );
    let body = response.json();
    if let Err(wrong) = conforms(document, schema, &body, "$", true) {
        panic!(
            "{method} {} {status}: the answer does not conform to the contract: {wrong}\n{body:#}",
            row.pattern
        );
    }
}

/// Whether `value` conforms to `schema`, for the parts of JSON Schema the
/// contract uses; `strict`: an object may have only the properties its
/// schema describes. Problems may carry extension members (RFC 9457), so
/// theirs are not strict.
fn conforms(
    document: &Value,
    schema: &Value,
    value: &Value,
    at: &str,
    strict: bool,
) -> Result<(), String> {
    if let Some(reference) = schema["$ref"].as_str() {
        let name = reference.trim_start_matches("#/components/schemas/");
        let target = &document["components"]["schemas"][name];
        assert!(!target.is_null(), "{reference} is not in the contract");
        let strict = strict && !matches!(name, "Problem" | "LinkWithheld");
        return conforms(document, target, value, at, strict);
    }
    if let Some(options) = schema["oneOf"].as_array() {
        let matching = options
            .iter()
            .filter(|option| conforms(document, option, value, at, strict).is_ok())
            .count();
        return (matching == 1)
            .then_some(())
            .ok_or_else(|| format!("{at}: matches {matching} of oneOf's schemas, not one"));
    }
    if let Some(options) = schema["anyOf"].as_array() {
        return options
            .iter()
            .any(|option| conforms(document, option, value, at, strict).is_ok())
            .then_some(())
            .ok_or_else(|| format!("{at}: matches none of anyOf's schemas"));
    }
    if let Some(parts) = schema["allOf"].as_array() {
        for part in parts {
            conforms(document, part, value, at, false)?;
        }
    }
    if let Some(constant) = schema.get("const") {
        if constant != value {
            return Err(format!("{at}: {value} is not {constant}"));
        }
    }
    let types: Vec<&str> = match &schema["type"] {
        Value::String(one) => vec![one.as_str()],
        Value::Array(many) => many.iter().filter_map(Value::as_str).collect(),
        _ => Vec::new(),
    };
    let is = |kind: &str| match kind {
        "null" => value.is_null(),
        "boolean" => value.is_boolean(),
        "integer" => value.is_i64() || value.is_u64(),
        "number" => value.is_number(),
        "string" => value.is_string(),
        "array" => value.is_array(),
        "object" => value.is_object(),
        _ => false,
    };
    if !types.is_empty() && !types.iter().any(|kind| is(kind)) {
        return Err(format!("{at}: {value} is not of type {types:?}"));
    }
    if let (Some(minimum), Some(number)) = (schema["minimum"].as_f64(), value.as_f64()) {
        if number < minimum {
            return Err(format!("{at}: {value} is below {minimum}"));
        }
    }
    if let (Some(items), Some(array)) = (schema.get("items"), value.as_array()) {
        for (index, item) in array.iter().enumerate() {
            conforms(document, items, item, &format!("{at}[{index}]"), strict)?;
        }
    }
    if let Some(object) = value.as_object() {
        for required in schema["required"].as_array().into_iter().flatten() {
            let name = required.as_str().unwrap_or_default();
            if !object.contains_key(name) {
                return Err(format!("{at}: the required field {name} is missing"));
            }
        }
        if let Some(properties) = schema["properties"].as_object() {
            for (name, field) in object {
                match properties.get(name) {
                    Some(described) => {
                        conforms(document, described, field, &format!("{at}.{name}"), strict)?;
                    }
                    // Fields of no fixed name (a table of the export), all
                    // of one described shape.
                    None if schema["additionalProperties"].is_object() => {
                        let others = &schema["additionalProperties"];
                        conforms(document, others, field, &format!("{at}.{name}"), strict)?;
                    }
                    None if strict => {
                        return Err(format!("{at}.{name} is not described"));
                    }
                    None => {}
                }
            }
        }
    }
    Ok(())
}
