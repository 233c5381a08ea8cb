//! The HTTP transport: requests to the Worker that scripts/e2e.sh started.

use super::helpers::{TestApp, TestResponse, Transport};

pub struct Http {
    base: String,
    staff_token: String,
    webhook_secret: String,
    agent: ureq::Agent,
}

/// A setting scripts/e2e.sh passes; the suite cannot run without it.
pub fn setting(name: &str) -> String {
    std::env::var(name).unwrap_or_else(|_| {
        panic!("{name} is not set: run the suite with `make test` (scripts/e2e.sh)")
    })
}

pub fn spawn_app() -> TestApp<Http> {
    TestApp(Http {
        base: setting("PORTAL_BASE_URL").trim_end_matches('/').to_owned(),
        staff_token: setting("STAFF_TOKEN"),
        webhook_secret: setting("STRIPE_WEBHOOK_SECRET"),
        agent: ureq::AgentBuilder::new()
            .redirects(0)
            .timeout(std::time::Duration::from_secs(30))
            .build(),
    })
}

/// Sends a request and returns the answer whatever its status.
pub fn send(
    agent: &ureq::Agent,
    method: &str,
    url: &str,
    headers: &[(&str, &str)],
    body: &[u8],
) -> TestResponse {
    let mut request = agent.request(method, url);
    for (name, value) in headers {
        request = request.set(name, value);
    }
    let result = if body.is_empty() && method == "GET" {
        request.call()
    } else {
        request.send_bytes(body)
    };
    let response = match result {
        Ok(response) => response,
        Err(ureq::Error::Status(_, response)) => response,
        Err(error) => panic!("{method} {url}: {error}"),
    };
    let status = response.status();
    // Each header once a value: a name sent twice (two `Set-Cookie`s) has
    // both of its values, in the order sent.
    let mut names = response.headers_names();
    let mut seen = std::collections::HashSet::new();
    names.retain(|name| seen.insert(name.clone()));
    let headers = names
        .into_iter()
        .flat_map(|name| {
            response
                .all(&name)
                .into_iter()
                .map(|value| (name.clone(), value.to_owned()))
                .collect::<Vec<_>>()
        })
        .collect();
    let mut body = Vec::new();
    std::io::Read::read_to_end(&mut response.into_reader(), &mut body).expect("body");
    TestResponse {
        status,
        headers,
        body,
    }
}

impl Http {
    pub fn agent(&self) -> &ureq::Agent {
        &self.agent
    }

    pub fn base(&self) -> &str {
        &self.base
    }
}

/// How wrangler dev's proxy answers when its connection to the Worker broke.
const DEV_PROXY_LOST: &str = "Your worker restarted mid-request";

impl Transport for Http {
    fn send(
        &self,
        method: &str,
        path: &str,
        headers: &[(&str, &str)],
        body: Vec<u8>,
    ) -> TestResponse {
        let url = format!("{}{path}", self.base);
        let mut answer = send(&self.agent, method, &url, headers, &body);
        // wrangler dev's proxy loses a connection to the Worker now and then
        // under load and answers this 503 itself (it retries GET and HEAD on
        // its own; workers-sdk#14641). Sent again: a request that did reach
        // the Worker would answer differently the second time (409, 410…),
        // so a retry cannot hide a double effect.
        for _ in 0..2 {
            if answer.status != 503 || !answer.text().starts_with(DEV_PROXY_LOST) {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(200));
            answer = send(&self.agent, method, &url, headers, &body);
        }
        super::helpers::check_round_trips(method, path, &answer);
        super::helpers::check_contract(method, path, &answer);
        answer
    }

    fn staff_token(&self) -> &str {
        &self.staff_token
    }

    fn webhook_secret(&self) -> &str {
        &self.webhook_secret
    }

    fn let_time_pass(&self, seconds: i64) -> i64 {
        let waited = seconds.clamp(0, 2);
        std::thread::sleep(std::time::Duration::from_secs(waited.unsigned_abs()));
        waited
    }

    fn now_seconds(&self) -> i64 {
        let elapsed = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap();
        i64::try_from(elapsed.as_secs()).unwrap()
    }

    fn origin(&self) -> String {
        self.base.clone()
    }

    fn checkout_requests(&self) -> Option<Vec<serde_json::Value>> {
        let url = format!("{}/checkout-sessions", setting("STANDIN_URL"));
        let sessions = send(&self.agent, "GET", &url, &[], &[]).json();
        Some(sessions.as_array().unwrap().clone())
    }

    fn email_bodies_accepted(&self, outbox_id: &str) -> Vec<serde_json::Value> {
        received_for(&self.agent, outbox_id)
            .into_iter()
            .filter(|r| r["answered"] == 200 && r["repeat"] == false)
            .map(|r| r["body"].clone())
            .collect()
    }

    fn access_certs_fetches(&self) -> u64 {
        let url = format!("{}/access-certs/fetches", setting("STANDIN_URL"));
        let answer = send(&self.agent, "GET", &url, &[], &[]);
        assert_eq!(answer.status, 200, "{}", answer.text());
        answer.json()["fetches"].as_u64().expect("a count")
    }

    fn fail_access_certs(&self, seconds: u64) {
        let url = format!("{}/access-certs/fail", setting("STANDIN_URL"));
        let body = serde_json::json!({ "seconds": seconds }).to_string();
        let answer = send(
            &self.agent,
            "POST",
            &url,
            &[("content-type", "application/json")],
            body.as_bytes(),
        );
        assert_eq!(answer.status, 200, "{}", answer.text());
    }

    fn refuse_emails_to(&self, to: &str) {
        let url = format!("{}/refuse-emails", setting("STANDIN_URL"));
        let body = serde_json::json!({ "to": to }).to_string();
        let answer = send(
            &self.agent,
            "POST",
            &url,
            &[("content-type", "application/json")],
            body.as_bytes(),
        );
        assert_eq!(answer.status, 200, "{}", answer.text());
    }

    fn fail_emails_to(&self, to: &str, count: u32) {
        let url = format!("{}/fail-emails", setting("STANDIN_URL"));
        let body = serde_json::json!({ "to": to, "count": count }).to_string();
        let answer = send(
            &self.agent,
            "POST",
            &url,
            &[("content-type", "application/json")],
            body.as_bytes(),
        );
        assert_eq!(answer.status, 200, "{}", answer.text());
    }

    fn email(&self, from: &str, to: &str, raw: Vec<u8>) -> TestResponse {
        let url = format!(
            "{}/cdn-cgi/handler/email?from={}&to={}",
            self.base,
            super::helpers::urlencode(from),
            super::helpers::urlencode(to)
        );
        send(&self.agent, "POST", &url, &[], &raw)
    }
}

/// Every request the email stand-in received for one outbox message,
/// repeats and refusals included, in order:
/// `{"idempotency_key", "authorization", "body", "answered"}`.
pub fn received_for(agent: &ureq::Agent, outbox_id: &str) -> Vec<serde_json::Value> {
    let url = format!(
        "{}/received?idempotency_key={}",
        setting("STANDIN_URL"),
        super::helpers::urlencode(outbox_id)
    );
    send(agent, "GET", &url, &[], &[])
        .json()
        .as_array()
        .unwrap()
        .clone()
}
