//! The browser session of the pages: the session cookie, the same-origin
//! check of posted forms, and where a page sends someone who is not signed
//! in or may not see it. HTTP and session, not HTML.

use super::prelude::*;
use crate::app::AccessError;

/// A browser session lasts as long as an access token.
pub(crate) const SESSION_SECONDS: i64 = crate::app::SESSION_HOURS * 3600;

pub(crate) fn secure<D>(app: &App<D>) -> bool {
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
pub(crate) fn own_origin<D>(app: &App<D>) -> &str {
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
pub fn same_origin<D>(app: &App<D>, request: &Request) -> Result<()> {
    let ours = match request.header("origin") {
        Some(origin) => origin == own_origin(app),
        None => request.header("sec-fetch-site") == Some("same-origin"),
    };
    if ours {
        Ok(())
    } else {
        Err(ApiError::App(AppError::Access(AccessError::Forbidden(
            "forms are accepted from the portal's own pages only",
        ))))
    }
}

/// Where a page sends someone who is not signed in: the sign-in page of
/// its area, which brings them back to the page they asked for (a link
/// in an email to a customer, to the desk or to a partner).
pub fn sign_in_first(access: Access, request: &Request) -> Response {
    let sign_in = match access {
        Access::Staff(_) => DESK_SIGN_IN.action,
        Access::Partner(_) => PARTNER_SIGN_IN.action,
        _ => "/sign-in",
    };
    let wanted = if request.query.is_empty() {
        request.path.clone()
    } else {
        format!("{}?{}", request.path, request.query)
    };
    match ReturnPath::parse(&wanted) {
        Ok(next) if request.method == crate::api::http::Method::Get => {
            let query = serde_urlencoded::to_string([("next", next.as_str())]).unwrap_or_default();
            Response::redirect(&format!("{sign_in}?{query}"))
        }
        _ => Response::redirect(sign_in),
    }
}

/// A page's answer to someone signed in who may not see it.
pub fn refused(access: Access, error: ApiError) -> Handled {
    let area = match access {
        Access::Staff(_) => Area::Desk,
        Access::Partner(_) => Area::Partner,
        Access::Customer => Area::Customer,
        Access::Public | Access::Signed => Area::Public,
    };
    problem_page(area, error)
}

/// A browser session's cookie, holding the session's random id only.
pub(crate) fn with_session<D>(app: &App<D>, response: Response, session: &Token) -> Response {
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
pub(crate) fn return_path(text: Option<&str>) -> Option<ReturnPath> {
    text.and_then(|t| ReturnPath::parse(t).ok())
}
