//! The native transport: `api::handle` over a fresh in-memory SQLite, with
//! the jobs it returns run at once, as the queue consumer would run them.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Condvar, Mutex};

use spica_portal::app::{
    App, BankAccount, CachedKeys, CertsSource, CheckoutRequest, CheckoutSession, Config,
    EmailRequest, InboundOutcome, Job, MailSender, PaymentProvider, SendFailure,
};
use spica_portal::domain::access::KeyCache;
use spica_portal::domain::inbound::{DecodedEmail, EmailFile, InboundError};
use spica_portal::domain::notification::RetrySchedule;
use spica_portal::domain::time::{from_unix_millis, Instant};
use spica_portal::domain::token::SecretHash;
use spica_portal::http::{Handled, Method, Request};
use spica_portal::router;
use spica_portal::store::sqlite::Sqlite;
use spica_portal::store::{Database, DbError, Row, Statement};

use super::helpers::{
    TestApp, TestResponse, Transport, ACCESS_AUD, ACCESS_TEAM, ACTIVATION_SECRET, BENEFICIARY, BIC,
    DESK_EMAIL, EMAIL_FROM, FORM_URL, IBAN, INBOUND_EMAIL_DOMAIN, LICENSE_SIGNING_KEY, SITE_ORIGIN,
    THANKS_URL,
};

pub struct Native {
    app: App<Racing>,
    gate: Arc<WriteGate>,
    certs: StandInCerts,
    access_keys: Mutex<KeyCache<rsa::RsaPublicKey>>,
    now: Mutex<Instant>,
    seeds: AtomicU64,
    mail: StandInMail,
    flood: StandInFlood,
}

/// A stand-in for Stripe's Checkout API.
struct StandInStripe;

impl PaymentProvider for StandInStripe {
    async fn create_checkout_session(
        &self,
        request: &CheckoutRequest,
    ) -> Result<CheckoutSession, String> {
        Ok(CheckoutSession {
            id: format!("cs_test_{}", request.order_id),
            url: format!(
                "https://checkout.stripe.test/pay/cs_test_{}",
                request.order_id
            ),
        })
    }
}

/// The platform's rate limiter as a count per key: 30 posts a minute, the
/// limit `wrangler.toml` gives the `PUBLIC_POSTS` binding (the native
/// suite's clock does not move between a test's requests).
#[derive(Default)]
struct StandInFlood {
    counts: std::sync::Mutex<std::collections::HashMap<String, u32>>,
}

impl spica_portal::app::FloodLimit for StandInFlood {
    async fn admits(&self, key: &str) -> bool {
        let mut counts = self.counts.lock().unwrap();
        let count = counts.entry(key.to_owned()).or_default();
        *count += 1;
        *count <= 30
    }
}

/// The stand-in Access issuer's published keys (tests/fixtures/access),
/// The stand-in Access issuer's certs (tests/fixtures/access), in memory:
/// read as the Worker reads them (`domain::access::published_keys`) and
/// checked with the `rsa` crate as the Worker checks them with WebCrypto.
/// The native app holds them through the same cache and refresh policy as
/// the Worker (`app::CachedKeys`); this counts the fetches and fails them
/// for a while when told.
#[derive(Default)]
struct StandInCerts {
    fetches: AtomicU64,
    failing_until: Mutex<Option<std::time::Instant>>,
}

impl CertsSource for &StandInCerts {
    type Key = rsa::RsaPublicKey;

    async fn fetch(&self) -> Result<Vec<(String, rsa::RsaPublicKey)>, String> {
        use base64::engine::general_purpose::URL_SAFE_NO_PAD;
        use base64::Engine;
        self.fetches.fetch_add(1, Ordering::Relaxed);
        if self
            .failing_until
            .lock()
            .unwrap()
            .is_some_and(|until| std::time::Instant::now() < until)
        {
            return Err("certs answered 503".into());
        }
        let keys = spica_portal::domain::access::published_keys(include_bytes!(
            "../fixtures/access/certs.json"
        ))
        .map_err(|e| e.to_string())?;
        let number = |text: &str| {
            URL_SAFE_NO_PAD
                .decode(text)
                .map(|bytes| rsa::BigUint::from_bytes_be(&bytes))
                .map_err(|e| e.to_string())
        };
        keys.into_iter()
            .map(|key| {
                let public = rsa::RsaPublicKey::new(number(&key.n)?, number(&key.e)?)
                    .map_err(|e| e.to_string())?;
                Ok((key.kid, public))
            })
            .collect()
    }

    async fn check(
        &self,
        key: &rsa::RsaPublicKey,
        input: &[u8],
        signature: &[u8],
    ) -> Result<bool, String> {
        use rsa::signature::Verifier;
        let verifying = rsa::pkcs1v15::VerifyingKey::<sha2::Sha256>::new(key.clone());
        let Ok(signature) = rsa::pkcs1v15::Signature::try_from(signature) else {
            return Ok(false);
        };
        Ok(verifying.verify(input, &signature).is_ok())
    }
}

/// Holds write batches back until as many as it was armed for have
/// arrived (or a few seconds passed), so that racing requests all read
/// first, as they can on D1.
#[derive(Default)]
struct WriteGate {
    /// Batches still awaited before the held ones go on; 0 when open.
    awaited: Mutex<usize>,
    opened: Condvar,
}

impl WriteGate {
    fn arm(&self, n: usize) {
        *self.awaited.lock().unwrap() = n;
    }

    fn pass(&self) {
        let mut awaited = self.awaited.lock().unwrap();
        if *awaited == 0 {
            return;
        }
        *awaited -= 1;
        if *awaited == 0 {
            self.opened.notify_all();
            return;
        }
        let (mut awaited, waited) = self
            .opened
            .wait_timeout_while(awaited, std::time::Duration::from_secs(5), |a| *a > 0)
            .unwrap();
        if waited.timed_out() {
            *awaited = 0;
            self.opened.notify_all();
        }
    }
}

/// The native database: SQLite, whose writes pass the gate first.
pub struct Racing {
    db: Sqlite,
    gate: Arc<WriteGate>,
}

impl spica_portal::store::Blobs for Racing {
    async fn put_object(&self, key: &str, bytes: &[u8], media_type: &str) -> Result<(), DbError> {
        self.db.put_object(key, bytes, media_type).await
    }

    async fn get_object(&self, key: &str) -> Result<Option<Vec<u8>>, DbError> {
        self.db.get_object(key).await
    }

    async fn delete_object(&self, key: &str) -> Result<(), DbError> {
        self.db.delete_object(key).await
    }
}

impl Database for Racing {
    async fn query(&self, statement: Statement) -> Result<Vec<Row>, DbError> {
        self.db.query(statement).await
    }

    async fn write_batch(
        &self,
        statements: Vec<Statement>,
    ) -> Result<Vec<spica_portal::store::Written>, DbError> {
        self.gate.pass();
        self.db.write_batch(statements).await
    }

    async fn reads(&self, statements: Vec<Statement>) -> Result<Vec<Vec<Row>>, DbError> {
        self.db.reads(statements).await
    }

    fn micros(&self) -> u64 {
        self.db.micros()
    }
}

const WEBHOOK_SECRET: &str = "whsec_native_test";
/// Signs incidents' reply addresses.
const REPLY_SECRET: &str = "native-reply-secret-of-enough-length";

/// A stand-in for VIES, as tests/e2e/standins.py answers: DE123456789,
/// DE246813579 (without a name), ATU12345678 and SI87654321 confirmed,
/// DE999999999 unavailable, any other invalid.
struct StandInVies;

impl spica_portal::app::VatChecker for StandInVies {
    async fn check(
        &self,
        request: &spica_portal::domain::vies::CheckRequest,
    ) -> spica_portal::domain::vies::Answer {
        use spica_portal::domain::vies::{Answer, Details};
        match format!("{}{}", request.country_code, request.vat_number).as_str() {
            "DE123456789" => Answer::Confirmed(Details {
                name: Some("Sternwarte Berlin GmbH".into()),
                ..Details::default()
            }),
            // VIES's "---": no name given.
            "DE246813579" => Answer::Confirmed(Details::default()),
            "ATU12345678" => Answer::Confirmed(Details {
                name: Some("Alpenblick Handels GmbH".into()),
                ..Details::default()
            }),
            "SI87654321" => Answer::Confirmed(Details {
                name: Some("KOVINAR, D.O.O.".into()),
                ..Details::default()
            }),
            "DE999999999" => Answer::Unavailable("VIES: MS_UNAVAILABLE".into()),
            _ => Answer::Invalid(Details::default()),
        }
    }
}

/// A stand-in for the email API: it keeps what it accepted, and answers 503
/// to the next emails to an address when told to.
#[derive(Default)]
struct StandInMail {
    accepted: Mutex<Vec<EmailRequest>>,
    failing: Mutex<HashMap<String, u32>>,
    refused: Mutex<std::collections::HashSet<String>>,
}

impl MailSender for StandInMail {
    async fn send(&self, email: &EmailRequest) -> Result<String, SendFailure> {
        if self.refused.lock().unwrap().contains(&email.to) {
            return Err(SendFailure {
                retryable: false,
                reason: "email API answered 422: the recipient is refused".into(),
            });
        }
        if let Some(left) = self
            .failing
            .lock()
            .unwrap()
            .get_mut(&email.to)
            .filter(|left| **left > 0)
        {
            *left -= 1;
            return Err(SendFailure {
                retryable: true,
                reason: "email API answered 503".into(),
            });
        }
        let mut accepted = self.accepted.lock().unwrap();
        accepted.push(email.clone());
        Ok(format!("standin_{}", accepted.len()))
    }

    fn drops_repeats(&self) -> bool {
        true
    }
}

pub fn spawn_app() -> TestApp<Native> {
    let config = Config {
        public_base_url: "https://portal.test".into(),
        registration_thanks_url: THANKS_URL.into(),
        registration_form_url: FORM_URL.into(),
        support_form_url: "https://www.timeandspace.test/support".into(),
        public_site_origin: Some(SITE_ORIGIN.into()),
        staff_token: Some(SecretHash::of("native-staff-token")),
        access: Some(spica_portal::domain::access::AccessPolicy {
            team_domain: ACCESS_TEAM.into(),
            audience: ACCESS_AUD.into(),
        }),
        version: "test".into(),
        order_lifetime: chrono::Duration::days(30),
        bank_account: Some(BankAccount {
            beneficiary: BENEFICIARY.into(),
            iban: spica_portal::domain::bank::Iban::parse(IBAN).unwrap(),
            bic: spica_portal::domain::bank::Bic::parse(BIC).unwrap(),
        }),
        stripe_webhook_secrets: vec!["whsec_old_rotated_out".into(), WEBHOOK_SECRET.into()],
        reply_by_email: spica_portal::domain::reply::ReplyByEmail::from_settings(
            Some(REPLY_SECRET),
            Some(INBOUND_EMAIL_DOMAIN),
        ),
        sla: spica_portal::domain::incident::Sla::default(),
        support_desk_email: spica_portal::domain::email::Email::parse(DESK_EMAIL).unwrap(),
        desk_language: spica_portal::domain::language::Language::En,
        vendor_addresses: spica_portal::domain::email::VendorAddresses::from_settings(
            &spica_portal::domain::email::Email::parse(DESK_EMAIL).unwrap(),
            EMAIL_FROM,
            Some(INBOUND_EMAIL_DOMAIN),
        ),
        activation_keys: spica_portal::domain::activation::keys_from_setting(ACTIVATION_SECRET)
            .unwrap(),
        license_signer: Some(
            spica_portal::domain::activation::LicenseSigner::from_setting(LICENSE_SIGNING_KEY)
                .unwrap(),
        ),
        retention: spica_portal::app::privacy::Retention::default(),
        seller_country: spica_portal::domain::country::Country::parse("SI").unwrap(),
        seller: spica_portal::domain::invoice::Seller {
            party: spica_portal::domain::invoice::Party {
                name: BENEFICIARY.into(),
                street: "Pot k sejmišču 33".into(),
                postal_code: "1231".into(),
                city: "Ljubljana".into(),
                country: spica_portal::domain::country::Country::parse("SI").unwrap(),
                vat_id: Some("SI12345678".into()),
            },
            iban: IBAN.into(),
            bic: BIC.into(),
        },
        live: spica_portal::app::live::LiveConfig::default(),
    };
    let gate = Arc::new(WriteGate::default());
    let db = Racing {
        db: Sqlite::in_memory().unwrap(),
        gate: gate.clone(),
    };
    TestApp(Native {
        app: App::new(db, config),
        gate,
        certs: StandInCerts::default(),
        access_keys: Mutex::new(KeyCache::new()),
        now: Mutex::new(from_unix_millis(1_795_000_000_000).unwrap()),
        seeds: AtomicU64::new(0),
        mail: StandInMail::default(),
        flood: StandInFlood::default(),
    })
}

impl Native {
    /// The suite's clock: still between requests unless a test lets time pass.
    fn now(&self) -> Instant {
        *self.now.lock().unwrap()
    }

    fn run_jobs(&self, jobs: Vec<Job>, mut seed: [u8; 32]) {
        // Run the jobs as the queue would: emails now, timers when due. The
        // clock stands still, so a failed email stays pending for its retry.
        let mut jobs = jobs;
        while let Some(job) = jobs.pop() {
            match &job {
                Job::DeliverEmail { outbox_id } => {
                    pollster::block_on(self.app.deliver_email(
                        outbox_id,
                        Some(&self.mail),
                        &RetrySchedule::default(),
                        self.now(),
                    ))
                    .unwrap();
                }
                Job::IncidentTimer { .. } if job.delay_seconds(self.now()) == 0 => {
                    let (incident, scheduled) = job.timer().expect("a readable timer");
                    jobs.extend(
                        pollster::block_on(self.app.fire_timer(incident, &scheduled, self.now()))
                            .unwrap(),
                    );
                }
                Job::IncidentTimer { .. } => {}
                Job::CheckVat { customer_id } => {
                    seed[8] = seed[8].wrapping_add(1);
                    let mut entropy = spica_portal::domain::entropy::Entropy::new(seed);
                    pollster::block_on(self.app.check_vat(
                        customer_id,
                        &StandInVies,
                        self.now(),
                        &mut entropy,
                    ))
                    .unwrap();
                }
                Job::SendBulletin { bulletin_id } => {
                    seed[8] = seed[8].wrapping_add(1);
                    jobs.extend(
                        pollster::block_on(self.app.send_bulletin_batch(
                            bulletin_id,
                            self.now(),
                            seed,
                        ))
                        .unwrap(),
                    );
                }
            }
        }
    }
}

impl Transport for Native {
    fn send(
        &self,
        method: &str,
        path: &str,
        headers: &[(&str, &str)],
        body: Vec<u8>,
    ) -> TestResponse {
        let (path, query) = path.split_once('?').unwrap_or((path, ""));
        // As the Worker does: a body over its route's limit is left unread.
        let oversized =
            body.len() > router::body_limit::<Racing, StandInStripe>(Method::parse(method), path);
        let request = Request {
            method: Method::parse(method),
            path: path.into(),
            query: query.into(),
            headers: headers
                .iter()
                .map(|(k, v)| (k.to_ascii_lowercase(), v.to_string()))
                .collect(),
            body: if oversized { Vec::new() } else { body },
            oversized,
        };
        let mut seed = [0u8; 32];
        seed[..8].copy_from_slice(&(self.seeds.fetch_add(1, Ordering::Relaxed) + 1).to_le_bytes());
        let handled = pollster::block_on(router::handle(
            &self.app,
            Some(&StandInStripe),
            Some(&CachedKeys {
                source: &self.certs,
                cache: &self.access_keys,
            }),
            Some(&self.flood),
            request,
            self.now(),
            seed,
        ));
        assert!(handled.log.is_none(), "internal error: {:?}", handled.log);
        check_log_line(&handled, method, path, headers);
        self.run_jobs(handled.jobs, seed);
        let mut headers = handled.response.headers;
        headers.push((
            "server-timing".into(),
            router::server_timing(handled.round_trips),
        ));
        let response = TestResponse {
            status: handled.response.status,
            headers,
            body: handled.response.body,
        };
        super::helpers::check_round_trips(method, path, &response);
        super::helpers::check_contract(method, path, &response);
        response
    }

    fn staff_token(&self) -> &str {
        "native-staff-token"
    }

    fn race_writes(&self, n: usize) {
        self.gate.arm(n);
    }

    fn access_certs_fetches(&self) -> u64 {
        self.certs.fetches.load(Ordering::Relaxed)
    }

    fn fail_access_certs(&self, seconds: u64) {
        *self.certs.failing_until.lock().unwrap() =
            Some(std::time::Instant::now() + std::time::Duration::from_secs(seconds));
    }

    fn webhook_secret(&self) -> &str {
        WEBHOOK_SECRET
    }

    fn let_time_pass(&self, seconds: i64) -> i64 {
        *self.now.lock().unwrap() += chrono::Duration::seconds(seconds);
        seconds
    }

    fn now_seconds(&self) -> i64 {
        self.now().timestamp()
    }

    fn origin(&self) -> String {
        "https://portal.test".into()
    }

    fn checkout_requests(&self) -> Option<Vec<serde_json::Value>> {
        None
    }

    fn email_bodies_accepted(&self, outbox_id: &str) -> Vec<serde_json::Value> {
        self.mail
            .accepted
            .lock()
            .unwrap()
            .iter()
            .filter(|email| email.idempotency_key == outbox_id)
            .map(|email| email.api_body("Spica <support@spica.test>"))
            .collect()
    }

    fn refuse_emails_to(&self, to: &str) {
        self.mail.refused.lock().unwrap().insert(to.to_owned());
    }

    fn fail_emails_to(&self, to: &str, count: u32) {
        self.mail
            .failing
            .lock()
            .unwrap()
            .insert(to.to_owned(), count);
    }

    /// Email Routing's delivery, decoded as the Worker decodes it, straight
    /// into the app's inbound use case.
    fn email(&self, from: &str, to: &str, raw: Vec<u8>) -> TestResponse {
        let mut seed = [0u8; 32];
        seed[..8].copy_from_slice(&(self.seeds.fetch_add(1, Ordering::Relaxed) + 1).to_le_bytes());
        let taken = pollster::block_on(self.app.inbound_email(
            from,
            to,
            decode_email(&raw),
            self.now(),
            &mut spica_portal::domain::entropy::Entropy::new(seed),
        ))
        .expect("no internal error");
        let (status, text) = match taken {
            Ok(InboundOutcome::Added { jobs, .. }) => {
                self.run_jobs(jobs, seed);
                (200, "Worker successfully processed email".to_owned())
            }
            Ok(InboundOutcome::Duplicate { .. }) => {
                (200, "Worker successfully processed email".to_owned())
            }
            Err(refusal) => (
                400,
                format!("Worker rejected email with the following reason: {refusal}"),
            ),
        };
        TestResponse {
            status,
            headers: vec![],
            body: text.into_bytes(),
        }
    }
}

/// Every request's log line names its route by the table's pattern (or
/// `unmatched`) and carries nothing of the request's own: no id from the
/// path, no header's value, no address. Checked on every request the suite
/// makes.
fn check_log_line(handled: &Handled, method: &str, path: &str, headers: &[(&str, &str)]) {
    let line = handled.log_line(Method::parse(method), Some("8f2c1d0e9a7b6c5d-LJU"), 12);
    let text = serde_json::to_string(&line).unwrap();
    let expected =
        router::route_for(Method::parse(method), path).map_or("unmatched", |r| r.pattern);
    assert_eq!(line.route, expected, "{text}");
    assert_eq!(line.status, handled.response.status);
    assert_eq!(line.ray.as_deref(), Some("8f2c1d0e9a7b6c5d-LJU"));
    assert!(!text.contains('@'), "an address in the log: {text}");
    let pattern: Vec<&str> = line.route.trim_matches('/').split('/').collect();
    for (n, segment) in path.trim_matches('/').split('/').enumerate() {
        if pattern.get(n).is_some_and(|p| p.starts_with('{')) && segment.len() > 3 {
            assert!(
                !text.contains(segment),
                "{segment} of {path} in the log: {text}"
            );
        }
    }
    for (_, value) in headers.iter().filter(|(_, value)| value.len() >= 12) {
        assert!(!text.contains(value), "a header's value in the log: {text}");
    }
}

/// Installs the npm packages of package-lock.json (postal-mime among them)
/// when they are missing, as `make`'s setup does: a plain `cargo test` on a
/// fresh clone needs nothing done first.
fn ensure_postal_mime() {
    static INSTALLED: std::sync::Once = std::sync::Once::new();
    INSTALLED.call_once(|| {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        if root.join("node_modules/postal-mime/package.json").exists() {
            return;
        }
        let installed = std::process::Command::new("npm")
            .args(["ci", "--no-audit", "--no-fund"])
            .current_dir(root)
            .status()
            .expect("npm runs");
        assert!(installed.success(), "npm ci failed; run scripts/setup.sh");
    });
}

/// The raw message decoded by the Worker's own decoder, js/inbound.mjs
/// (postal-mime), run under Node: the native suite reads email as the
/// Worker does, with no MIME parser of its own.
fn decode_email(raw: &[u8]) -> Result<DecodedEmail, InboundError> {
    use std::io::Write;
    ensure_postal_mime();
    let module = format!("{}/js/inbound.mjs", env!("CARGO_MANIFEST_DIR"));
    let script = format!(
        "import {{ decodeEmail }} from {module:?};\n\
         const chunks = [];\n\
         for await (const chunk of process.stdin) chunks.push(chunk);\n\
         const decoded = await decodeEmail(Buffer.concat(chunks));\n\
         decoded.files = decoded.files.map((f) => ({{ ...f, content: Buffer.from(f.content).toString('base64') }}));\n\
         process.stdout.write(JSON.stringify(decoded));"
    );
    let mut node = std::process::Command::new("node")
        .args(["--input-type=module", "-e", &script])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("node runs js/inbound.mjs");
    node.stdin.take().unwrap().write_all(raw).unwrap();
    let output = node.wait_with_output().unwrap();
    if !output.status.success() {
        return Err(InboundError::Unreadable);
    }
    let parts: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let part = |name: &str| parts[name].as_str().map(str::to_owned);
    let files = parts["files"]
        .as_array()
        .expect("files, as the Worker reads them")
        .iter()
        .map(|file| {
            use base64::Engine;
            EmailFile {
                name: file["name"].as_str().map(str::to_owned),
                media_type: file["type"].as_str().unwrap_or_default().to_owned(),
                inline: file["inline"].as_bool().unwrap_or_default(),
                content: base64::engine::general_purpose::STANDARD
                    .decode(file["content"].as_str().unwrap())
                    .unwrap(),
            }
        })
        .collect();
    Ok(DecodedEmail {
        message_id: part("messageId"),
        text: part("text"),
        files,
    })
}
