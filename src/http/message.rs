//! Requests and answers as plain values, so that the whole HTTP contract runs
//! and is tested natively; the Worker only converts to and from its own types.

use serde::Serialize;

use crate::app::Job;

/// Bodies larger than this are refused with 413 before they are parsed.
pub const MAX_BODY_BYTES: usize = 64 * 1024;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    Get,
    Head,
    Post,
    Put,
    Patch,
    Delete,
    Options,
    Other,
}

impl Method {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Get => "GET",
            Self::Head => "HEAD",
            Self::Post => "POST",
            Self::Put => "PUT",
            Self::Patch => "PATCH",
            Self::Delete => "DELETE",
            Self::Options => "OPTIONS",
            Self::Other => "OTHER",
        }
    }

    pub fn parse(method: &str) -> Self {
        match method.to_ascii_uppercase().as_str() {
            "GET" => Self::Get,
            "HEAD" => Self::Head,
            "POST" => Self::Post,
            "PUT" => Self::Put,
            "PATCH" => Self::Patch,
            "DELETE" => Self::Delete,
            "OPTIONS" => Self::Options,
            _ => Self::Other,
        }
    }
}

/// The cookie that holds the reader's chosen language (`sl`, `en`).
pub const LANGUAGE_COOKIE: &str = "lang";

#[derive(Debug, Clone)]
pub struct Request {
    pub method: Method,
    pub path: String,
    /// The query string without `?`, still URL-encoded.
    pub query: String,
    /// Header names in lower case.
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
    /// The body was declared larger than its route accepts and left unread
    /// (`body` is empty): the router answers 413 once the caller is known.
    pub oversized: bool,
}

impl Request {
    /// The language to answer in (`Language::of_request`).
    pub fn language(&self) -> crate::domain::language::Language {
        crate::domain::language::Language::of_request(
            self.cookie(LANGUAGE_COOKIE),
            self.header("accept-language"),
        )
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(key, _)| key.eq_ignore_ascii_case(name))
            .map(|(_, value)| value.as_str())
    }

    /// The token of an `Authorization: Bearer …` header.
    pub fn bearer(&self) -> Option<&str> {
        let value = self.header("authorization")?.trim();
        let (scheme, token) = value.split_once(' ')?;
        scheme.eq_ignore_ascii_case("bearer").then(|| token.trim())
    }

    /// The first value of a query parameter, decoded.
    pub fn query_param(&self, name: &str) -> Option<String> {
        serde_urlencoded::from_str::<Vec<(String, String)>>(&self.query)
            .ok()?
            .into_iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value)
    }

    /// A cookie's value.
    pub fn cookie(&self, name: &str) -> Option<&str> {
        self.header("cookie")?
            .split(';')
            .filter_map(|pair| pair.trim().split_once('='))
            .find(|(key, _)| *key == name)
            .map(|(_, value)| value)
            .filter(|value| !value.is_empty())
    }

    /// The media type of the body, lower-cased, without parameters.
    pub fn media_type(&self) -> Option<String> {
        self.header("content-type").map(|value| {
            value
                .split(';')
                .next()
                .unwrap_or("")
                .trim()
                .to_ascii_lowercase()
        })
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Response {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Response {
    pub fn new(status: u16, content_type: &str, body: Vec<u8>) -> Self {
        Self {
            status,
            headers: vec![("content-type".into(), content_type.into())],
            body,
        }
    }

    pub fn json<T: Serialize>(status: u16, value: &T) -> Self {
        let body = serde_json::to_vec(value).unwrap_or_else(|_| b"{}".to_vec());
        Self::new(status, "application/json", body).with_header("cache-control", "no-store")
    }

    pub fn redirect(location: &str) -> Self {
        Self::new(303, "text/plain; charset=utf-8", Vec::new()).with_header("location", location)
    }

    pub fn with_header(mut self, name: &str, value: &str) -> Self {
        self.headers.push((name.into(), value.into()));
        self
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(key, _)| key.eq_ignore_ascii_case(name))
            .map(|(_, value)| value.as_str())
    }

    /// Sets a session cookie: HttpOnly, Secure on https; an empty value
    /// clears it. SameSite=Lax: no other site can post with it, yet a link or
    /// a redirect from another site (Stripe Checkout's way back, a webmail's
    /// link) lands signed in, which Strict would refuse. Pages change nothing
    /// on GET, and every page post must come from the portal's own origin.
    pub fn with_cookie(self, name: &str, value: &str, secure: bool, max_age_seconds: i64) -> Self {
        let max_age = if value.is_empty() { 0 } else { max_age_seconds };
        let secure = if secure { "; Secure" } else { "" };
        let cookie =
            format!("{name}={value}; Path=/; HttpOnly; SameSite=Lax; Max-Age={max_age}{secure}");
        self.with_header("set-cookie", &cookie)
    }
}

/// An answer, the jobs to enqueue once it is decided (their batch has
/// committed), and an internal error for the log that the caller never sees.
#[derive(Debug)]
pub struct Handled {
    pub response: Response,
    pub jobs: Vec<Job>,
    pub log: Option<String>,
    /// The D1 round trips the request made, for `Server-Timing`.
    pub round_trips: crate::store::RoundTrips,
    /// The route table's pattern the request matched, for the request log.
    pub route: Option<&'static str>,
    /// The kind of caller it was identified as ([`crate::app::Principal::kind`]).
    pub principal: Option<&'static str>,
    /// What the answer leaves to the platform, which only the Worker can do.
    pub handoff: Option<Handoff>,
}

/// Work an answer hands to the Worker, once the caller is admitted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Handoff {
    /// Open the WebSocket into the incident's live room (its Durable
    /// Object), for the participant verified here; the response stands for
    /// the object's 101.
    LiveRoom(crate::app::live::RoomEntry),
    /// Ask Cloudflare Realtime for TURN credentials and answer them; the
    /// response (STUN only) stands if that fails.
    TurnCredentials(crate::domain::live::ice::TurnRequest),
}

impl Handled {
    /// An answer whose jobs run once it is sent.
    pub fn with_jobs(response: Response, jobs: Vec<Job>) -> Self {
        Self {
            response,
            jobs,
            log: None,
            round_trips: crate::store::RoundTrips::default(),
            route: None,
            principal: None,
            handoff: None,
        }
    }

    /// The request's one log line: what was asked and answered, by what kind
    /// of caller, at what cost in D1 round trips; never a path's ids, a
    /// query, a header's value or anyone's data.
    pub fn log_line(&self, method: Method, ray: Option<&str>, duration_ms: u64) -> RequestLog {
        RequestLog {
            route: self.route.unwrap_or("unmatched"),
            method: method.as_str(),
            status: self.response.status,
            principal: self.principal.unwrap_or("unidentified"),
            d1_round_trips: self.round_trips.count,
            d1_us: self.round_trips.millis.micros,
            duration_ms,
            ray: ray
                .filter(|r| {
                    r.len() <= 64 && r.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
                })
                .map(str::to_owned),
        }
    }
}

/// One request as logged (JSON) and counted in Workers Analytics Engine.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RequestLog {
    pub route: &'static str,
    pub method: &'static str,
    pub status: u16,
    pub principal: &'static str,
    pub d1_round_trips: u32,
    pub d1_us: u64,
    pub duration_ms: u64,
    /// Cloudflare's `cf-ray` id, to find the request in Cloudflare's logs.
    pub ray: Option<String>,
}

impl From<Response> for Handled {
    fn from(response: Response) -> Self {
        Self::with_jobs(response, Vec::new())
    }
}

/// An answer remembered under an idempotency key (or about to be): its
/// status and JSON body as they were first given. A replay says so in
/// `Idempotent-Replayed: true`, as Stripe's API does.
impl From<crate::app::Answer> for Handled {
    fn from(answer: crate::app::Answer) -> Self {
        let mut response =
            Response::new(answer.status, "application/json", answer.body.into_bytes())
                .with_header("cache-control", "no-store");
        if answer.replayed {
            response = response.with_header("idempotent-replayed", "true");
        }
        Self::with_jobs(response, answer.jobs)
    }
}

/// A file to save: an attachment under its name, never cached, whichever
/// transport answers it.
impl From<crate::app::Download> for Response {
    fn from(file: crate::app::Download) -> Self {
        Response::new(200, file.media_type, file.body)
            .with_header(
                "content-disposition",
                &attachment_disposition(&file.file_name),
            )
            .with_header("cache-control", "no-store")
    }
}

/// `Content-Disposition: attachment` for a file name (RFC 6266): an ASCII
/// `filename` for old clients (anything else, quotes and backslashes become
/// `_`) and the exact name as `filename*` in UTF-8, percent-encoded
/// (RFC 8187), which clients that know it prefer.
pub fn attachment_disposition(file_name: &str) -> String {
    let fallback: String = file_name
        .chars()
        .map(|c| {
            if c.is_ascii() && !c.is_ascii_control() && c != '"' && c != '\\' {
                c
            } else {
                '_'
            }
        })
        .collect();
    if fallback == file_name {
        return format!("attachment; filename=\"{file_name}\"");
    }
    let mut encoded = String::new();
    for byte in file_name.bytes() {
        let attr_char = byte.is_ascii_alphanumeric() || b"!#$&+-.^_`|~".contains(&byte);
        if attr_char {
            encoded.push(char::from(byte));
        } else {
            encoded.push_str(&format!("%{byte:02X}"));
        }
    }
    format!("attachment; filename=\"{fallback}\"; filename*=UTF-8''{encoded}")
}

#[cfg(test)]
mod disposition_tests {
    use super::attachment_disposition;

    #[test]
    fn ascii_names_are_sent_as_they_are() {
        assert_eq!(
            attachment_disposition("INV-2026-1.xml"),
            "attachment; filename=\"INV-2026-1.xml\""
        );
    }

    #[test]
    fn other_names_get_an_ascii_fallback_and_the_utf8_name() {
        assert_eq!(
            attachment_disposition("poročilo \"1\".pdf"),
            "attachment; filename=\"poro_ilo _1_.pdf\"; filename*=UTF-8''poro%C4%8Dilo%20%221%22.pdf"
        );
    }
}
