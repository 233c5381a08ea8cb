//! The crawler: for each kind of person it follows every link and submits
//! every form (with valid-looking data) on every page it reaches, then opens
//! every link of every email the portal sent them (tests/api/mailbox.rs).
//! No page may answer 404, 405 or 5xx (nor 403 behind a link it was shown),
//! and every page has a way back (the site's navigation).
//!
//! A crawl may speak a language (`speaking("sl")`: `Accept-Language` and
//! the `lang` cookie on every request); in Slovenian, every page under
//! [`READ_IN_SLOVENIAN`] must read Slovenian throughout (tests/api/english.rs).

use std::collections::{BTreeSet, VecDeque};

use crate::helpers::{
    access_assertion, unique_email, Forgery, TestApp, TestResponse, Transport, DESK_EMAIL,
};
use crate::mailbox::{check, Delivered};
use crate::spawn_app;

/// At most this many requests per person, so that the crawl ends.
const MAX_REQUESTS: usize = 120;

/// The pages a crawl in Slovenian checks word by word: each entry is a
/// page and everything under it (`/news` is `/news/{id}` too; `/` is the
/// home page only). Issue 23's helpers translate the pages in parallel:
/// the public ones are here; add "/portal", "/partner" and "/desk" as
/// their pages are merged (`/partner/sign-in`, `/desk/sign-in` are the
/// public pages' already).
pub(crate) const READ_IN_SLOVENIAN: &[&str] = &[
    "/",
    "/terms",
    "/privacy",
    "/register",
    "/registered",
    "/sign-in",
    "/verify",
    "/invitation",
    "/confirm-join",
    "/confirm-email",
    "/confirm-erasure",
    "/news",
    "/unsubscribe",
    "/support-requested",
    "/partner/sign-in",
    "/desk/sign-in",
    "/support",
    "/portal",
    "/partner",
    "/desk",
];

/// Pages that quote what others wrote, in their languages: the emails
/// sent (each in its recipient's), the audit log's stored requests, the
/// bulletins staff wrote (their own tests read these pages in Slovenian).
const QUOTING: &[&str] = &[
    "/desk/outbox",
    "/desk/audit",
    "/desk/health",
    "/desk/bulletins",
];

/// Whether a crawl in Slovenian checks the page at `path` word by word.
pub(crate) fn read_in_slovenian(path: &str) -> bool {
    let path = path.split('?').next().unwrap_or(path);
    let under =
        |page: &&str| path == *page || (*page != "/" && path.starts_with(&format!("{page}/")));
    READ_IN_SLOVENIAN.iter().any(under) && !QUOTING.iter().any(under)
}

/// The pages that no link of the public pages leads to (the sign-in pages
/// of partners and staff, the pages of emailed links opened without their
/// token), which a visitor's crawl opens too.
pub(crate) const UNLINKED_PUBLIC_PAGES: &[&str] = &[
    "/partner/sign-in",
    "/desk/sign-in",
    "/registered",
    "/support-requested",
    "/verify",
    "/invitation",
    "/confirm-join",
    "/confirm-email",
    "/confirm-erasure",
    "/unsubscribe",
];

/// How a person presents themselves to the pages.
#[derive(Clone)]
pub(crate) enum Presence {
    Nobody,
    Cookie(String),
    Assertion(String),
}

pub(crate) struct Crawler<'a, T: Transport> {
    app: &'a TestApp<T>,
    who: String,
    presence: Presence,
    seen: BTreeSet<String>,
    queue: VecDeque<String>,
    requests: usize,
    /// The ids of records this crawl made: forms that act on a record
    /// (`/desk/incidents/inc_…/attempts`) are submitted only for these, since
    /// the end-to-end database is shared with tests running at the same time.
    own: Vec<String>,
    /// The language the crawl asks for (`sl`, `en`), if any.
    language: Option<&'static str>,
    /// The pages it checked word by word in Slovenian.
    read: BTreeSet<String>,
}

/// Whether a path segment is a record's id (`inc_…`, `ptn_…`).
pub(crate) fn is_id(segment: &str) -> bool {
    segment.split_once('_').is_some_and(|(prefix, rest)| {
        prefix.len() <= 4 && !rest.is_empty() && prefix.bytes().all(|b| b.is_ascii_lowercase())
    })
}

/// One form of a page: its method, action, and its fields' names, kinds
/// and preset values (hidden fields, select options).
#[derive(Debug)]
pub(crate) struct Form {
    pub(crate) method: String,
    pub(crate) action: String,
    multipart: bool,
    pub(crate) fields: Vec<(String, String, String)>,
}

impl Form {
    /// The preset value of one of its hidden fields.
    pub(crate) fn hidden(&self, name: &str) -> Option<&str> {
        self.fields
            .iter()
            .find(|(field, kind, _)| field == name && kind == "hidden")
            .map(|(_, _, value)| value.as_str())
    }

    /// Its fields filled in as a person would (`values` first, then
    /// valid-looking values), form-encoded.
    pub(crate) fn filled(&self, app: &TestApp<impl Transport>, values: &[(&str, &str)]) -> String {
        let pairs: Vec<(String, String)> = self
            .fields
            .iter()
            .map(|(name, kind, preset)| {
                let given = values.iter().find(|(field, _)| field == name);
                let value = given.map_or_else(
                    || value_for(app, name, kind, preset),
                    |(_, v)| (*v).to_owned(),
                );
                (name.clone(), value)
            })
            .collect();
        serde_urlencoded::to_string(&pairs).unwrap()
    }
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

pub(crate) fn links(html: &str) -> Vec<String> {
    tags(html, "a")
        .into_iter()
        .filter_map(|tag| attribute(tag, "href"))
        .collect()
}

pub(crate) fn forms(html: &str) -> Vec<Form> {
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

/// Asserts that an answer is not broken: no 404, 405 or 5xx, and no 403
/// for a GET (a link shown to someone who may not follow it is broken too).
fn assert_working(who: &str, method: &str, path: &str, answer: &TestResponse) {
    assert!(
        answer.status != 404
            && answer.status != 405
            && answer.status < 500
            && !(method == "GET" && answer.status == 403),
        "{who}: {method} {path} answered {}: {}",
        answer.status,
        answer.text()
    );
}

/// The HTML of an answer that is a page, asserting that it has a way back
/// (the site's navigation); `None` for anything else.
fn page_with_a_way_back(who: &str, path: &str, answer: &TestResponse) -> Option<String> {
    if !answer
        .header("content-type")
        .is_some_and(|t| t.starts_with("text/html"))
    {
        return None;
    }
    let html = answer.text();
    assert!(
        html.contains("<nav") && html.contains("<p class=\"brand\"><a href=\"/"),
        "{who}: {path} has no way back: {html}"
    );
    assert_escaped_once(who, path, &html);
    Some(html)
}

/// Text escaped twice (`&amp;amp;`) or markup of the pages' own escaped as
/// text (`&lt;span`): the crawler types no markup, so either is a bug.
fn assert_escaped_once(who: &str, path: &str, html: &str) {
    for twice in [
        "&amp;amp;",
        "&amp;lt;",
        "&amp;gt;",
        "&amp;quot;",
        "&amp;#39;",
    ] {
        assert!(
            !html.contains(twice),
            "{who}: {path} escapes twice ({twice}): {html}"
        );
    }
    for tag in [
        "&lt;a ", "&lt;p", "&lt;span", "&lt;br", "&lt;form", "&lt;time", "&lt;svg",
    ] {
        assert!(
            !html.contains(tag),
            "{who}: {path} shows its own markup ({tag}): {html}"
        );
    }
}

/// The path of a URL on the portal at `origin` (`/` for the origin
/// itself), or `None` for another site's.
pub(crate) fn portal_path(origin: &str, url: &str) -> Option<String> {
    let rest = url.strip_prefix(origin)?;
    match rest.chars().next() {
        None => Some("/".into()),
        Some('/') => Some(rest.to_owned()),
        Some('?') => Some(format!("/{rest}")),
        Some(_) => None,
    }
}

/// A valid-looking value for a field, by its name and kind.
fn value_for(app: &TestApp<impl Transport>, name: &str, kind: &str, preset: &str) -> String {
    if kind == "hidden" || kind == "select" || !preset.is_empty() {
        return preset.to_owned();
    }
    match (name, kind) {
        ("started_at", "datetime-local") => return app.local_minutes_ago(50),
        ("ended_at", "datetime-local") => return app.local_minutes_ago(45),
        _ => {}
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
    pub(crate) fn new(app: &'a TestApp<T>, who: &str, presence: Presence, start: &str) -> Self {
        Self {
            app,
            who: who.to_owned(),
            presence,
            seen: BTreeSet::new(),
            queue: VecDeque::from([start.to_owned()]),
            requests: 0,
            own: Vec::new(),
            language: None,
            read: BTreeSet::new(),
        }
    }

    /// The crawl asks for `language` on every request, as a browser whose
    /// language it is (`Accept-Language`) and whose switch chose it (the
    /// `lang` cookie).
    pub(crate) fn speaking(mut self, language: &'static str) -> Self {
        self.language = Some(language);
        self
    }

    /// Further pages to start from.
    pub(crate) fn also(mut self, paths: &[&str]) -> Self {
        self.queue
            .extend(paths.iter().map(|path| (*path).to_owned()));
        self
    }

    /// In a crawl in Slovenian, asserts that a page it reads word by word
    /// is Slovenian throughout.
    fn check_language(&mut self, path: &str, answer: &TestResponse) {
        if self.language != Some("sl")
            || !read_in_slovenian(path)
            || !answer
                .header("content-type")
                .is_some_and(|t| t.starts_with("text/html"))
        {
            return;
        }
        crate::english::assert_slovenian(&self.who, path, &answer.text());
        self.read
            .insert(path.split('?').next().unwrap_or(path).to_owned());
    }

    /// Who the crawler is now: signing in on its way gave it a session.
    pub(crate) fn presence(&self) -> Presence {
        self.presence.clone()
    }

    fn owning(mut self, ids: &[&str]) -> Self {
        self.own = ids.iter().map(|id| (*id).to_owned()).collect();
        self
    }

    /// Forms this crawl may submit: not on other people's records, not a
    /// bulletin (it would go to every subscriber of the shared database),
    /// and not the profile's erasure (the mailbox would press its emailed
    /// button and erase the contact whose session it opens the rest with;
    /// tests/api/privacy.rs follows that journey).
    fn may_submit(&self, action: &str) -> bool {
        let path = action.split('?').next().unwrap_or(action);
        !["/desk/bulletins", "/portal/erasure"].contains(&path)
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
        let cookie = match (&self.presence, self.language) {
            (Presence::Cookie(cookie), Some(language)) => {
                Some(format!("{cookie}; lang={language}"))
            }
            (Presence::Cookie(cookie), None) => Some(cookie.clone()),
            (_, Some(language)) => Some(format!("lang={language}")),
            (_, None) => None,
        };
        if let Some(cookie) = &cookie {
            headers.push(("cookie", cookie));
        }
        if let Some(language) = self.language {
            headers.push(("accept-language", language));
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
        assert_working(&self.who, method, path, &answer);
        answer
    }

    /// Sends a request and follows its redirects as a browser does,
    /// keeping a session cookie it is given, to the page it ends on: that
    /// page's path and answer. It must be a page with a way back, or a
    /// download (an attachment), which leaves the browser where it was.
    pub(crate) fn follow(
        &mut self,
        method: &str,
        path: &str,
        form: Option<String>,
    ) -> (String, TestResponse) {
        let mut path = path.to_owned();
        let mut answer = self.send(method, &path, form);
        for _ in 0..5 {
            if let Some(cookie) = session_cookie(&answer) {
                self.presence = Presence::Cookie(cookie);
            }
            let Some(next) = answer.header("location").and_then(|l| self.follows(l)) else {
                break;
            };
            answer = self.send("GET", &next, None);
            path = next;
        }
        assert!(
            answer.header("location").is_none(),
            "{}: {path} redirects to {:?}",
            self.who,
            answer.header("location")
        );
        let download = answer
            .header("content-disposition")
            .is_some_and(|disposition| disposition.starts_with("attachment"));
        if !download && page_with_a_way_back(&self.who, &path, &answer).is_none() {
            panic!("{}: {path} is not a page: {}", self.who, answer.text());
        }
        self.check_language(&path, &answer);
        (path, answer)
    }

    /// Whether a link is a page of ours worth following.
    fn follows(&self, href: &str) -> Option<String> {
        let path = portal_path(&self.app.0.origin(), href).unwrap_or_else(|| href.to_owned());
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
        let Some(html) = page_with_a_way_back(&self.who, path, answer) else {
            return;
        };
        self.check_language(path, answer);
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
            let encoded = form.filled(self.app, &[]);
            let answer = if form.method.eq_ignore_ascii_case("post") {
                self.send("POST", &form.action, Some(encoded))
            } else {
                self.send("GET", &format!("{}?{encoded}", form.action), None)
            };
            match answer.header("location").and_then(|l| self.follows(l)) {
                Some(next) => self.queue.push_back(next),
                // A form answered with a page (its errors, "check your
                // email"): read it as the page it was posted from.
                None if page_with_a_way_back(&self.who, &form.action, &answer).is_some() => {
                    self.check_language(&form.action, &answer)
                }
                None => {}
            }
        }
    }

    fn run(&mut self) {
        while let Some(path) = self.queue.pop_front() {
            if self.requests >= MAX_REQUESTS || !self.seen.insert(format!("get {path}")) {
                continue;
            }
            let answer = self.send("GET", &path, None);
            self.visit(&answer, &path);
        }
    }

    fn crawl(mut self) -> usize {
        self.run();
        self.requests
    }

    /// Crawls, and returns the pages it checked word by word in Slovenian.
    pub(crate) fn read(mut self) -> BTreeSet<String> {
        self.run();
        self.read
    }
}

/// The session cookie (`name=value`) an answer sets, if it sets one.
fn session_cookie(answer: &TestResponse) -> Option<String> {
    let cookie = answer.header("set-cookie")?.split(';').next()?;
    cookie
        .split_once('=')
        .is_some_and(|(_, value)| !value.is_empty())
        .then(|| cookie.to_owned())
}

fn partner_cookie(app: &TestApp<impl Transport>, kind: &str) -> String {
    let (_, key) = crate::licensing::partner(app, kind);
    let signed_in =
        app.post_form_with_cookie("/partner/sign-in", "", &app.0.origin(), &[("key", &key)]);
    assert_eq!(signed_in.status, 303, "{}", signed_in.text());
    session_cookie(&signed_in).expect("a session cookie")
}

#[test]
fn every_person_reaches_only_working_pages_with_a_way_back() {
    let app = spawn_app();
    let (email, token) = app.customer();
    let cookie = app.browser(&email);
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
    // The contact's emails and the desk's, opened as each recipient
    // would: the contact with the session it has (its mailbox may take no
    // more sign-in links this hour), the desk through its sign-in page.
    let emails: Vec<Delivered> = [email.as_str(), DESK_EMAIL]
        .into_iter()
        .flat_map(|to| app.outbox(to))
        .map(|message| Delivered {
            to: message["to"].as_str().unwrap().to_owned(),
            body: app.email_body_received(message["id"].as_str().unwrap()),
        })
        .collect();
    let checked = check(&app, &emails, &[(&email, Presence::Cookie(cookie))]);
    let total = checked.total();
    assert!(total.opened > 3, "{checked}");
    assert!(
        checked.routes_behind_sign_in.get("/portal/incidents/{id}") >= Some(&1)
            && checked.routes_behind_sign_in.get("/desk/incidents/{id}") >= Some(&1),
        "the incident's pages, signed in: {checked}"
    );
}

/// The public pages, and a contact's, crawled in Slovenian: every page the
/// crawl reads word by word ([`READ_IN_SLOVENIAN`]) is marked `sl` and holds
/// no English word and no machine timestamp. Pages of other areas are
/// crawled in Slovenian too (none may break), and are read word by word
/// once their prefix is in the list.
#[test]
fn the_pages_read_in_slovenian_are_slovenian_throughout() {
    let app = spawn_app();
    // A bulletin, written in English: its words are its author's.
    let published = app.staff_send(
        "POST",
        "/api/staff/bulletins",
        &serde_json::json!({"subject": "Spica news: the release", "body": "Version 9 is out, with the new reports."}),
    );
    assert_eq!(published.status, 202, "{}", published.text());
    let read = Crawler::new(&app, "visitor (sl)", Presence::Nobody, "/")
        .also(UNLINKED_PUBLIC_PAGES)
        .speaking("sl")
        .read();
    for page in [
        "/",
        "/terms",
        "/privacy",
        "/register",
        "/registered",
        "/sign-in",
        "/news",
    ] {
        assert!(read.contains(page), "{page} was not read: {read:?}");
    }
    for page in UNLINKED_PUBLIC_PAGES {
        assert!(read.contains(*page), "{page} was not read: {read:?}");
    }
    assert!(
        read.iter().any(|page| page.starts_with("/news/")),
        "no bulletin was read: {read:?}"
    );
    // The other areas, crawled in Slovenian: none may break, and their
    // pages are read word by word once their prefix is listed.
    let (email, _) = app.customer();
    let cookie = app.browser(&email);
    Crawler::new(&app, "contact (sl)", Presence::Cookie(cookie), "/portal")
        .speaking("sl")
        .read();
    let partner = partner_cookie(&app, "both");
    Crawler::new(&app, "partner (sl)", Presence::Cookie(partner), "/partner")
        .speaking("sl")
        .read();
    let member = app.staff_member("admin");
    Crawler::new(&app, "staff (sl)", Presence::Assertion(member), "/desk")
        .speaking("sl")
        .read();
}
