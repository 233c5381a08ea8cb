//! The crawler: for each kind of person it follows every link and submits
//! every form (with valid-looking data) on every page it reaches, then opens
//! every link of every email the portal sent them. No page may answer 404,
//! 405 or 5xx (nor 403 behind a link it was shown), and every page has a
//! way back (the site's navigation).

use std::collections::{BTreeSet, VecDeque};

use serde_json::json;

use crate::helpers::{
    access_assertion, unique_email, Forgery, TestApp, TestResponse, Transport, DESK_EMAIL,
};
use crate::spawn_app;

/// At most this many requests per person, so that the crawl ends.
const MAX_REQUESTS: usize = 120;

/// How a person presents themselves to the pages.
enum Presence {
    Nobody,
    Cookie(String),
    Assertion(String),
}

struct Crawler<'a, T: Transport> {
    app: &'a TestApp<T>,
    who: &'static str,
    presence: Presence,
    seen: BTreeSet<String>,
    queue: VecDeque<String>,
    requests: usize,
    /// The ids of records this crawl made: forms that act on a record
    /// (`/desk/incidents/inc_…/attempts`) are submitted only for these, since
    /// the end-to-end database is shared with tests running at the same time.
    own: Vec<String>,
}

/// Whether a path segment is a record's id (`inc_…`, `ptn_…`).
fn is_id(segment: &str) -> bool {
    segment.split_once('_').is_some_and(|(prefix, rest)| {
        prefix.len() <= 4 && !rest.is_empty() && prefix.bytes().all(|b| b.is_ascii_lowercase())
    })
}

/// One form of a page: its method, action, and its fields' names, kinds
/// and preset values (hidden fields, select options).
#[derive(Debug)]
struct Form {
    method: String,
    action: String,
    multipart: bool,
    fields: Vec<(String, String, String)>,
}

fn attribute(tag: &str, name: &str) -> Option<String> {
    let needle = format!(" {name}=\"");
    let start = tag.find(&needle)? + needle.len();
    let end = tag[start..].find('"')? + start;
    Some(
        tag[start..end]
            .replace("&amp;", "&")
            .replace("&quot;", "\""),
    )
}

/// Each `<tag …>` opening of `html`, whole.
fn tags<'h>(html: &'h str, name: &str) -> Vec<&'h str> {
    let open = format!("<{name}");
    html.match_indices(&open)
        .filter_map(|(at, _)| {
            let after = html[at + open.len()..].chars().next()?;
            (after == ' ' || after == '>')
                .then(|| &html[at..at + html[at..].find('>').unwrap_or(0) + 1])
        })
        .collect()
}

fn links(html: &str) -> Vec<String> {
    tags(html, "a")
        .into_iter()
        .filter_map(|tag| attribute(tag, "href"))
        .collect()
}

fn forms(html: &str) -> Vec<Form> {
    html.split("<form")
        .skip(1)
        .filter_map(|rest| {
            let body = &rest[..rest.find("</form>")?];
            let open = format!("<form{}", &body[..body.find('>')? + 1]);
            let mut fields = Vec::new();
            for tag in tags(body, "input") {
                if let Some(name) = attribute(tag, "name") {
                    let kind = attribute(tag, "type").unwrap_or_else(|| "text".into());
                    fields.push((name, kind, attribute(tag, "value").unwrap_or_default()));
                }
            }
            for tag in tags(body, "textarea") {
                if let Some(name) = attribute(tag, "name") {
                    fields.push((name, "textarea".into(), String::new()));
                }
            }
            for (at, _) in body.match_indices("<select") {
                let select = &body[at..];
                let tag = &select[..select.find('>')? + 1];
                let first = tags(select, "option")
                    .first()
                    .and_then(|o| attribute(o, "value"));
                if let Some(name) = attribute(tag, "name") {
                    fields.push((name, "select".into(), first.unwrap_or_default()));
                }
            }
            Some(Form {
                method: attribute(&open, "method").unwrap_or_else(|| "get".into()),
                action: attribute(&open, "action")?,
                multipart: attribute(&open, "enctype").is_some_and(|e| e.contains("multipart")),
                fields,
            })
        })
        .collect()
}

/// A valid-looking value for a field, by its name and kind.
fn value_for(app: &TestApp<impl Transport>, name: &str, kind: &str, preset: &str) -> String {
    if kind == "hidden" || kind == "select" || !preset.is_empty() {
        return preset.to_owned();
    }
    match name {
        "email" => unique_email(),
        "phone" => "+386 1 234 5678".into(),
        "country" => "SI".into(),
        "postal_code" => "1000".into(),
        "quantity" | "coupons" | "months" | "installations" => "1".into(),
        "started_at" => app.minutes_ago(50),
        "ended_at" => app.minutes_ago(45),
        "product_version" | "version" => "8.0".into(),
        "installation_id" => "CRAWLER-1".into(),
        "released_on" | "starts_on" => app.minutes_ago(0)[..10].to_owned(),
        "serial" => "0".into(),
        "vat_id" | "target" | "actor" | "token" | "key" => String::new(),
        _ if kind == "checkbox" => "on".into(),
        _ => "Crawler text".into(),
    }
}

impl<'a, T: Transport> Crawler<'a, T> {
    fn new(app: &'a TestApp<T>, who: &'static str, presence: Presence, start: &str) -> Self {
        Self {
            app,
            who,
            presence,
            seen: BTreeSet::new(),
            queue: VecDeque::from([start.to_owned()]),
            requests: 0,
            own: Vec::new(),
        }
    }

    fn owning(mut self, ids: &[&str]) -> Self {
        self.own = ids.iter().map(|id| (*id).to_owned()).collect();
        self
    }

    /// Forms this crawl may submit: not on other people's records, and not
    /// a bulletin (it would go to every subscriber of the shared database).
    fn may_submit(&self, action: &str) -> bool {
        let path = action.split('?').next().unwrap_or(action);
        path != "/desk/bulletins"
            && path
                .split('/')
                .filter(|segment| is_id(segment))
                .all(|id| self.own.iter().any(|own| own == id))
    }

    fn send(&mut self, method: &str, path: &str, form: Option<String>) -> TestResponse {
        self.requests += 1;
        let origin = self.app.0.origin();
        let assertion = match &self.presence {
            Presence::Assertion(email) => Some(access_assertion(
                email,
                self.app.0.now_seconds(),
                Forgery::None,
            )),
            _ => None,
        };
        let mut headers: Vec<(&str, &str)> = Vec::new();
        if let Presence::Cookie(cookie) = &self.presence {
            headers.push(("cookie", cookie));
        }
        if let Some(assertion) = &assertion {
            headers.push(("cf-access-jwt-assertion", assertion));
        }
        if form.is_some() {
            headers.push(("content-type", "application/x-www-form-urlencoded"));
            headers.push(("origin", &origin));
        }
        let body = form.unwrap_or_default().into_bytes();
        let answer = self.app.0.send(method, path, &headers, body);
        // A link shown to someone who may not follow it is broken too.
        assert!(
            answer.status != 404
                && answer.status != 405
                && answer.status < 500
                && !(method == "GET" && answer.status == 403),
            "{}: {method} {path} answered {}: {}",
            self.who,
            answer.status,
            answer.text()
        );
        answer
    }

    /// Whether a link is a page of ours worth following.
    fn follows(&self, href: &str) -> Option<String> {
        let origin = self.app.0.origin();
        let path = href.strip_prefix(&origin).unwrap_or(href);
        let file = path.rsplit('/').next().unwrap_or("").contains('.');
        (path.starts_with('/') && !path.starts_with("//") && !file).then(|| path.to_owned())
    }

    fn visit(&mut self, answer: &TestResponse, path: &str) {
        if let Some(location) = answer.header("location") {
            if let Some(next) = self.follows(location) {
                self.queue.push_back(next);
            }
            return;
        }
        let html = answer.text();
        if !answer
            .header("content-type")
            .is_some_and(|t| t.starts_with("text/html"))
        {
            return;
        }
        assert!(
            html.contains("<nav") && html.contains("<p class=\"brand\"><a href=\"/"),
            "{}: {path} has no way back: {html}",
            self.who
        );
        for href in links(&html) {
            if let Some(next) = self.follows(&href) {
                self.queue.push_back(next);
            }
        }
        for form in forms(&html) {
            let key = format!("{} {}", form.method, form.action);
            if form.multipart
                || form.action == "/sign-out"
                || !self.may_submit(&form.action)
                || !self.seen.insert(key)
            {
                continue;
            }
            let pairs: Vec<(String, String)> = form
                .fields
                .iter()
                .map(|(name, kind, preset)| (name.clone(), value_for(self.app, name, kind, preset)))
                .collect();
            let encoded = serde_urlencoded::to_string(&pairs).unwrap();
            let answer = if form.method.eq_ignore_ascii_case("post") {
                self.send("POST", &form.action, Some(encoded))
            } else {
                self.send("GET", &format!("{}?{encoded}", form.action), None)
            };
            if let Some(next) = answer.header("location").and_then(|l| self.follows(l)) {
                self.queue.push_back(next);
            }
        }
    }

    fn crawl(mut self) -> usize {
        while let Some(path) = self.queue.pop_front() {
            if self.requests >= MAX_REQUESTS || !self.seen.insert(format!("get {path}")) {
                continue;
            }
            let answer = self.send("GET", &path, None);
            self.visit(&answer, &path);
        }
        self.requests
    }
}

fn customer_cookie(app: &TestApp<impl Transport>) -> (String, String, String) {
    let (email, token) = app.customer();
    app.post_json("/api/sessions", &json!({ "email": email }));
    let link = app.emailed_token(&email, "sign-in");
    let signed_in = app.post_form_with_cookie("/sign-in", "", &app.0.origin(), &[("token", &link)]);
    let cookie = signed_in
        .header("set-cookie")
        .unwrap()
        .split(';')
        .next()
        .unwrap()
        .to_owned();
    (email, token, cookie)
}

fn partner_cookie(app: &TestApp<impl Transport>, kind: &str) -> String {
    let (_, key) = crate::licensing::partner(app, kind);
    let signed_in =
        app.post_form_with_cookie("/partner/sign-in", "", &app.0.origin(), &[("key", &key)]);
    assert_eq!(signed_in.status, 303, "{}", signed_in.text());
    signed_in
        .header("set-cookie")
        .unwrap()
        .split(';')
        .next()
        .unwrap()
        .to_owned()
}

/// Every link in the emails to `to`, opened as the person they are for.
fn email_links(app: &TestApp<impl Transport>, to: &str, presence: Presence, who: &'static str) {
    let mut crawler = Crawler::new(app, who, presence, "/");
    crawler.queue.clear();
    for message in app.outbox(to) {
        let text = app.email_received(message["id"].as_str().unwrap());
        let origin = app.0.origin();
        for word in text.split_whitespace() {
            if let Some(path) = word.strip_prefix(&origin) {
                crawler
                    .queue
                    .push_back(path.trim_end_matches(['.', ',', ')']).to_owned());
            }
        }
    }
    assert!(!crawler.queue.is_empty(), "{who}: the emails had links");
    crawler.crawl();
}

#[test]
fn every_person_reaches_only_working_pages_with_a_way_back() {
    let app = spawn_app();
    let (email, token, cookie) = customer_cookie(&app);
    let incident = app.incident(&token)["incident_id"]
        .as_str()
        .unwrap()
        .to_owned();
    let visitor = Crawler::new(&app, "visitor", Presence::Nobody, "/").crawl();
    assert!(visitor > 5, "the visitor saw {visitor} pages");
    let contact =
        Crawler::new(&app, "contact", Presence::Cookie(cookie.clone()), "/portal").crawl();
    assert!(contact > 10, "the contact saw {contact} pages");
    for kind in ["reseller", "technician", "both"] {
        let cookie = partner_cookie(&app, kind);
        Crawler::new(&app, "partner", Presence::Cookie(cookie), "/partner").crawl();
    }
    for role in ["agent", "finance", "admin"] {
        let member = app.staff_member(role);
        Crawler::new(&app, "staff", Presence::Assertion(member), "/desk")
            .owning(&[&incident])
            .crawl();
    }
    email_links(
        &app,
        &email,
        Presence::Cookie(cookie),
        "the contact's emails",
    );
    let admin = app.staff_member("admin");
    email_links(
        &app,
        DESK_EMAIL,
        Presence::Assertion(admin),
        "the desk's emails",
    );
}
