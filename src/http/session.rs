//! Browser sessions: the session cookie (a random id, never a credential),
//! the same-origin rule for posted forms, and return paths after sign-in.
//! HTTP, not HTML: the pages' answers to a refused browser are `web`'s.

use super::message::{Request, Response};
use crate::app::{AccessError, App, AppError};
use crate::domain::link::ReturnPath;
use crate::domain::token::Token;
use crate::http::ApiError;

/// A browser session lasts as long as an access token.
pub const SESSION_SECONDS: i64 = crate::app::SESSION_HOURS * 3600;

/// Whether the portal is served over https (cookies are then `Secure`).
pub fn secure<D>(app: &App<D>) -> bool {
    app.config.public_base_url.starts_with("https://")
}

/// The session cookie's name: `__Host-` (Secure, this host only, path /)
/// wherever the portal is served over https; browsers refuse that prefix
/// without `Secure`, so the loopback dev server uses the plain name.
pub fn session_cookie<D>(app: &App<D>) -> &'static str {
    if secure(app) {
        "__Host-spica_session"
    } else {
        "spica_session"
    }
}

/// The origin (scheme, host and port) of the portal's own pages.
pub fn own_origin<D>(app: &App<D>) -> &str {
    let url = &app.config.public_base_url;
    let after_scheme = url.find("://").map_or(0, |i| i + 3);
    url[after_scheme..]
        .find('/')
        .map_or(url.as_str(), |i| &url[..after_scheme + i])
}

/// Every form posted to the pages (sign-in forms included, so that no other
/// site can sign a browser in as someone else) must come from the portal's
/// own pages: the `Origin` is ours, or, where a browser sends none,
/// `Sec-Fetch-Site` says same-origin. Anything else is 403.
pub fn same_origin<D>(app: &App<D>, request: &Request) -> Result<(), ApiError> {
    let ours = match request.header("origin") {
        Some(origin) => origin == own_origin(app),
        None => request.header("sec-fetch-site") == Some("same-origin"),
    };
    if ours {
        Ok(())
    } else {
        Err(ApiError::App(AppError::Access(AccessError::Forbidden(
            crate::domain::messages::problem_forbidden_form_origin,
        ))))
    }
}

/// A browser session's cookie, holding the session's random id only.
pub fn with_session<D>(app: &App<D>, response: Response, session: &Token) -> Response {
    response.with_cookie(
        session_cookie(app),
        session.as_str(),
        secure(app),
        SESSION_SECONDS,
    )
}

/// A signed-in customer's browser session, from the sign-in link: on to
/// the page they were going to, or the portal.
pub fn customer_session<D>(app: &App<D>, session: &Token, next: Option<&ReturnPath>) -> Response {
    let landing = next.map_or("/portal", ReturnPath::as_str);
    with_session(app, Response::redirect(landing), session)
}

/// Where a person goes back to after signing in, if it is a path of ours.
pub fn return_path(text: Option<&str>) -> Option<ReturnPath> {
    text.and_then(|t| ReturnPath::parse(t).ok())
}

/// A year: the language chosen stays chosen.
const LANGUAGE_SECONDS: i64 = 365 * 24 * 3600;

/// An answer that also keeps `language` as the browser's choice (the
/// switch, the profile, signing in as someone who chose one).
pub fn with_language<D>(
    app: &App<D>,
    response: Response,
    language: crate::domain::language::Language,
) -> Response {
    response.with_cookie(
        super::message::LANGUAGE_COOKIE,
        language.as_str(),
        secure(app),
        LANGUAGE_SECONDS,
    )
}
