//! Where a page sends a browser that is not signed in, or may not see it.
//! The session cookie and the same-origin rule are the kernel's
//! (`crate::http::session`).

use super::prelude::*;

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
        Ok(next) if request.method == crate::http::Method::Get => {
            let query = serde_urlencoded::to_string([("next", next.as_str())]).unwrap_or_default();
            Response::redirect(&format!("{sign_in}?{query}"))
        }
        _ => Response::redirect(sign_in),
    }
}

/// A page's answer to someone signed in who may not see it.
pub fn refused(lang: Language, access: Access, error: ApiError) -> Handled {
    let area = match access {
        Access::Staff(_) => Area::Desk,
        Access::Partner(_) => Area::Partner,
        Access::Customer | Access::Participant => Area::Customer,
        Access::Public | Access::Signed => Area::Public,
    };
    problem_page(lang, area, error)
}

/// `POST /language` (the switch on every page): the browser's language
/// becomes the one chosen, and it goes back to the page it was on (the
/// `Referer`, a path of ours; the home page otherwise). An unknown
/// language changes nothing.
pub fn switch_language<D: Database>(app: &App<D>, request: &Request) -> Response {
    let back = request
        .header("referer")
        .and_then(|referer| referer.strip_prefix(own_origin(app)))
        .and_then(|path| ReturnPath::parse(path).ok());
    let redirect = Response::redirect(back.as_ref().map_or("/", ReturnPath::as_str));
    match decode::form_field(request, "lang").map(|code| Language::parse(&code)) {
        Some(Ok(language)) => with_language(app, redirect, language),
        _ => redirect,
    }
}
