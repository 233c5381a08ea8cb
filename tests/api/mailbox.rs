//! A mailbox: every link of the emails the portal sent, opened as the
//! person each was sent to would. First without a session: the link must
//! land on its page, or on a sign-in page whose `next` comes back to it; a
//! link with a secret is opened twice and its button (sign in, accept,
//! confirm, unsubscribe) pressed each time, as people do, so a spent link
//! must still say what happened. Then, for a sample of each kind of email
//! whose links need a session, signed in as the recipient and back on the
//! page. Links to other sites are listed, not opened.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use serde_json::Value;

use crate::crawler::{forms, links, portal_path, Crawler, Form, Presence};
use crate::helpers::{TestApp, TestResponse, Transport};

/// How many emails of each kind are opened through a sign-in: each costs
/// one (and, for a customer, a sign-in email).
const SIGNED_IN_SAMPLE: usize = 2;

/// The pages that ask a person to sign in first.
const SIGN_IN_PAGES: [&str; 3] = ["/sign-in", "/desk/sign-in", "/partner/sign-in"];

/// One email as its recipient got it: the address and the email API's body.
pub(crate) struct Delivered {
    pub(crate) to: String,
    pub(crate) body: Value,
}

/// What was done with the emails of one kind.
#[derive(Default, Clone, Copy)]
pub(crate) struct Tally {
    pub(crate) emails: usize,
    /// Links to the portal.
    pub(crate) links: usize,
    /// Of those, opened (a page without a secret once for the kind,
    /// however many of its emails link to it).
    pub(crate) opened: usize,
    /// Links with a secret, opened (and their button pressed) twice.
    pub(crate) twice: usize,
    /// Links that needed a session.
    pub(crate) behind_sign_in: usize,
    /// Of those, opened signed in as the recipient and found there.
    pub(crate) signed_in: usize,
    /// Links to other sites, listed.
    pub(crate) elsewhere: usize,
}

/// What was checked, per kind of email.
#[derive(Default)]
pub(crate) struct Checked {
    pub(crate) kinds: BTreeMap<String, Tally>,
    /// The links to other sites, each once.
    pub(crate) elsewhere: BTreeSet<String>,
    /// Links that need a session, by route, and how many were opened
    /// signed in.
    pub(crate) routes_behind_sign_in: BTreeMap<String, usize>,
    /// Why some links that need a session were not opened signed in, and
    /// how often.
    pub(crate) not_signed_in: BTreeMap<String, usize>,
}

impl Tally {
    fn plus(self, t: Tally) -> Tally {
        Tally {
            emails: self.emails + t.emails,
            links: self.links + t.links,
            opened: self.opened + t.opened,
            twice: self.twice + t.twice,
            behind_sign_in: self.behind_sign_in + t.behind_sign_in,
            signed_in: self.signed_in + t.signed_in,
            elsewhere: self.elsewhere + t.elsewhere,
        }
    }
}

impl Checked {
    pub(crate) fn total(&self) -> Tally {
        self.kinds
            .values()
            .fold(Tally::default(), |sum, t| sum.plus(*t))
    }
}

impl fmt::Display for Checked {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let t = self.total();
        writeln!(
            f,
            "emailed links: {} emails of {} kinds; {} links to the portal, {} of them opened ({} with a secret, \
             twice), {} behind sign-in ({} opened signed in); {} links elsewhere ({} addresses), not opened",
            t.emails,
            self.kinds.len(),
            t.links,
            t.opened,
            t.twice,
            t.behind_sign_in,
            t.signed_in,
            t.elsewhere,
            self.elsewhere.len()
        )?;
        writeln!(
            f,
            "  emails  links  opened  twice  behind sign-in  signed in  elsewhere  kind"
        )?;
        for (kind, t) in &self.kinds {
            writeln!(
                f,
                "  {:>6}  {:>5}  {:>6}  {:>5}  {:>14}  {:>9}  {:>9}  {kind}",
                t.emails, t.links, t.opened, t.twice, t.behind_sign_in, t.signed_in, t.elsewhere
            )?;
        }
        for (route, signed_in) in &self.routes_behind_sign_in {
            writeln!(
                f,
                "  behind sign-in: {route}, opened signed in {signed_in} times"
            )?;
        }
        for (reason, count) in &self.not_signed_in {
            writeln!(f, "  not opened signed in ({count}): {reason}")?;
        }
        for url in &self.elsewhere {
            writeln!(f, "  elsewhere: {url}")?;
        }
        Ok(())
    }
}

/// A header of an email, by its name in any case.
fn header<'b>(body: &'b Value, name: &str) -> Option<&'b str> {
    body["headers"]
        .as_object()?
        .iter()
        .find(|(key, _)| key.eq_ignore_ascii_case(name))?
        .1
        .as_str()
}

/// Every URL an email carries, each once: in its text, its HTML's links
/// and its `List-Unsubscribe` header (`<https://…>, <mailto:…>`), since a
/// mail client offers all three to its reader.
pub(crate) fn email_urls(body: &Value) -> Vec<String> {
    let text = body["text"].as_str().unwrap_or_default();
    let html = body["html"].as_str().unwrap_or_default();
    let in_text = text.split_whitespace().filter_map(|word| {
        let start = word.find("https://").or_else(|| word.find("http://"))?;
        Some(
            word[start..]
                .trim_end_matches(['.', ',', ';', ':', ')', '>', '"', '\''])
                .to_owned(),
        )
    });
    let in_header = header(body, "List-Unsubscribe")
        .unwrap_or_default()
        .split(',')
        .map(|part| {
            part.trim()
                .trim_start_matches('<')
                .trim_end_matches('>')
                .to_owned()
        });
    let mut urls: Vec<String> = Vec::new();
    for url in in_text.chain(links(html)).chain(in_header) {
        if !url.is_empty() && !urls.contains(&url) {
            urls.push(url);
        }
    }
    urls
}

/// An email's kind: its subject without what differs from one email of
/// the kind to the next (ids, numbers, dates, addresses); bulletins, whose
/// subjects are anything, are one kind.
pub(crate) fn kind(body: &Value) -> String {
    if header(body, "List-Unsubscribe").is_some() {
        return "(a bulletin)".into();
    }
    body["subject"]
        .as_str()
        .unwrap_or_default()
        .split_whitespace()
        .map(|word| {
            if word.contains(|c: char| c.is_ascii_digit() || c == '_' || c == '@') {
                "…"
            } else {
                word
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// A path without its query.
fn route(path: &str) -> &str {
    path.split('?').next().unwrap_or(path)
}

/// A link's own button: a form that posts the link's secret.
fn is_button(form: &Form) -> bool {
    form.method.eq_ignore_ascii_case("post")
        && (form.hidden("token").is_some() || form.action.contains("token="))
}

/// Asserts that a link's page that refuses (a link spent, expired or
/// unknown) says so, as an alert.
fn tells_what_happened(who: &str, answer: &TestResponse) {
    assert!(
        answer.status < 400 || answer.text().contains("role=\"alert\""),
        "{who}: answered {} without saying what happened: {}",
        answer.status,
        answer.text()
    );
}

/// What opening one link came to.
#[derive(Default)]
struct Opened {
    twice: bool,
    behind_sign_in: bool,
    signed_in: bool,
}

struct Mailbox<'a, T: Transport> {
    app: &'a TestApp<T>,
    /// The people whose session the test holds already.
    sessions: &'a [(&'a str, Presence)],
    /// Pages without a secret opened already from an email of a kind:
    /// they answer alike.
    opened: BTreeSet<(String, String)>,
    /// Recipients the test could not sign in as.
    refused: BTreeSet<String>,
    /// The recipient signed in while reading the email being read: its
    /// other links open in the same browser, as a person's would.
    reading: Option<(String, Presence)>,
    checked: Checked,
}

/// Opens every link of `emails` as its recipient would (see the module);
/// `sessions` are the people whose session the test holds already (their
/// links are opened signed in whatever the sample).
pub(crate) fn check<T: Transport>(
    app: &TestApp<T>,
    emails: &[Delivered],
    sessions: &[(&str, Presence)],
) -> Checked {
    let mut mailbox = Mailbox {
        app,
        sessions,
        opened: BTreeSet::new(),
        refused: BTreeSet::new(),
        reading: None,
        checked: Checked::default(),
    };
    let origin = app.0.origin();
    for email in emails {
        let kind = kind(&email.body);
        mailbox.reading = None;
        let mut tally = Tally {
            emails: 1,
            ..Tally::default()
        };
        for url in email_urls(&email.body) {
            let Some(path) = portal_path(&origin, &url) else {
                assert!(
                    url.split_once(':')
                        .is_some_and(|(scheme, _)| scheme.chars().all(|c| c.is_ascii_alphabetic())),
                    "{kind} to {}: {url} is not a whole address",
                    email.to
                );
                tally.elsewhere += 1;
                mailbox.checked.elsewhere.insert(url);
                continue;
            };
            tally.links += 1;
            if !path.contains("token=") && !mailbox.opened.insert((kind.clone(), path.clone())) {
                continue;
            }
            let opened = mailbox.open(email, &kind, &path);
            tally.opened += 1;
            tally.twice += usize::from(opened.twice);
            tally.behind_sign_in += usize::from(opened.behind_sign_in);
            tally.signed_in += usize::from(opened.signed_in);
        }
        let sum = mailbox.checked.kinds.entry(kind).or_default();
        *sum = sum.plus(tally);
    }
    mailbox.checked
}

impl<T: Transport> Mailbox<'_, T> {
    /// Opens one link without a session: once, or twice for a link with a
    /// secret, pressing its button each time; then signed in, if it needs
    /// a session and the sample wants it.
    fn open(&mut self, email: &Delivered, kind: &str, path: &str) -> Opened {
        let who = format!("{kind} to {}: {path}", email.to);
        let twice = path.contains("token=");
        for _ in 0..if twice { 2 } else { 1 } {
            let mut nobody = Crawler::new(self.app, &who, Presence::Nobody, "/");
            let (landing, answer) = nobody.follow("GET", path, None);
            tells_what_happened(&who, &answer);
            let page_forms = forms(&answer.text());
            if SIGN_IN_PAGES.contains(&route(&landing)) && route(&landing) != route(path) {
                let form = page_forms
                    .iter()
                    .find(|form| form.hidden("next").is_some())
                    .unwrap_or_else(|| panic!("{who}: {landing} does not come back to it"));
                assert_eq!(
                    form.hidden("next"),
                    Some(path),
                    "{who}: {landing} comes back elsewhere"
                );
                let signed_in = self.signed_in(email, kind, &who, path, route(&landing), form);
                return Opened {
                    twice: false,
                    behind_sign_in: true,
                    signed_in,
                };
            }
            for button in page_forms.iter().filter(|form| is_button(form)) {
                let (_, pressed) =
                    nobody.follow("POST", &button.action, Some(button.filled(self.app, &[])));
                tells_what_happened(&who, &pressed);
            }
        }
        Opened {
            twice,
            ..Opened::default()
        }
    }

    /// Opens a link that needs a session as its recipient: with the
    /// session the test holds, or through `sign_in` (the form of the page
    /// at `sign_in_page`) for up to [`SIGNED_IN_SAMPLE`] emails of a kind.
    /// Whether it did; where the test cannot sign in as the recipient, why
    /// is counted.
    fn signed_in(
        &mut self,
        email: &Delivered,
        kind: &str,
        who: &str,
        path: &str,
        sign_in_page: &str,
        sign_in: &Form,
    ) -> bool {
        let route = route_pattern(path);
        self.checked
            .routes_behind_sign_in
            .entry(route.clone())
            .or_default();
        let known = self
            .sessions
            .iter()
            .map(|(to, presence)| (*to, presence))
            .chain(
                self.reading
                    .iter()
                    .map(|(to, presence)| (to.as_str(), presence)),
            )
            .find(|(to, _)| *to == email.to);
        let (arrived, answer) = if let Some((_, presence)) = known {
            Crawler::new(self.app, who, presence.clone(), "/").follow("GET", path, None)
        } else {
            let sampled = self.checked.kinds.get(kind).map_or(0, |t| t.signed_in);
            if sampled >= SIGNED_IN_SAMPLE || self.refused.contains(&email.to) {
                return false;
            }
            match self.sign_in(&email.to, who, sign_in_page, sign_in) {
                Ok((arrival, presence)) => {
                    self.reading = Some((email.to.clone(), presence));
                    arrival
                }
                Err(reason) => {
                    self.refused.insert(email.to.clone());
                    *self.checked.not_signed_in.entry(reason).or_default() += 1;
                    return false;
                }
            }
        };
        assert_eq!(
            (arrived.as_str(), answer.status),
            (path, 200),
            "{who}: signed in, the link does not open its page: {}",
            answer.text()
        );
        *self.checked.routes_behind_sign_in.entry(route).or_default() += 1;
        true
    }

    /// Signs in as `to` through the sign-in form the link led to: where
    /// that leads (the link's page, for a sign-in that comes back) and the
    /// browser's session, or why the test cannot sign in as `to`.
    fn sign_in(
        &self,
        to: &str,
        who: &str,
        sign_in_page: &str,
        form: &Form,
    ) -> Result<((String, TestResponse), Presence), String> {
        let app = self.app;
        let mut browser = Crawler::new(app, who, Presence::Nobody, "/");
        let arrival = match sign_in_page {
            "/desk/sign-in" => browser.follow(
                "POST",
                &form.action,
                Some(form.filled(app, &[("token", app.0.staff_token())])),
            ),
            "/sign-in" => {
                let before = app.outbox(to);
                let (_, asked) = browser.follow(
                    "POST",
                    &form.action,
                    Some(form.filled(app, &[("email", to)])),
                );
                if asked.status == 429 {
                    return Err("the address had its hour's sign-in links already".into());
                }
                let link = app
                    .outbox(to)
                    .into_iter()
                    .find(|m| before.iter().all(|old| old["id"] != m["id"]))
                    .map(|m| app.email_body_received(m["id"].as_str().unwrap()))
                    .and_then(|body| {
                        email_urls(&body).into_iter().find_map(|url| {
                            portal_path(&app.0.origin(), &url)
                                .filter(|p| p.starts_with("/sign-in?token="))
                        })
                    })
                    .ok_or("no sign-in link came: the recipient is no active contact")?;
                let (_, page) = browser.follow("GET", &link, None);
                let button = forms(&page.text())
                    .into_iter()
                    .find(is_button)
                    .unwrap_or_else(|| panic!("{who}: the sign-in link's page has no button"));
                browser.follow("POST", &button.action, Some(button.filled(app, &[])))
            }
            other => return Err(format!("the test holds no credential for {other}")),
        };
        Ok((arrival, browser.presence()))
    }
}

/// A path's route, its ids and query taken out (`/portal/incidents/{id}`).
fn route_pattern(path: &str) -> String {
    route(path)
        .split('/')
        .map(|segment| {
            if crate::crawler::is_id(segment) {
                "{id}"
            } else {
                segment
            }
        })
        .collect::<Vec<_>>()
        .join("/")
}
