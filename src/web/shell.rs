//! The page shell of the server-rendered pages: plain HTML that works without
//! JavaScript, one stylesheet and one enhancement script from the static
//! assets, and a strict Content-Security-Policy without inline scripts.

use crate::http::Response;

use crate::domain::html::Html;
use crate::html;

/// The Content-Security-Policy of every page: scripts and styles from the
/// portal only, never inline; forms post to the portal (and a card order's
/// redirect goes on to Stripe Checkout); no framing.
pub const CONTENT_SECURITY_POLICY: &str =
    "default-src 'none'; script-src 'self'; style-src 'self'; \
     img-src 'self' data:; connect-src 'self'; form-action 'self' https://checkout.stripe.com; \
     frame-ancestors 'none'; base-uri 'none'";

/// Which part of the portal a page belongs to, for its navigation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Area {
    Public,
    Customer,
    /// The desk, for a role not known here: every link.
    Desk,
    /// The desk, with links to the pages this role may use.
    DeskAs(crate::domain::staff::StaffRole),
    Partner,
}

/// The desk's links and the roles that may follow each (admins follow all).
pub(crate) const DESK_LINKS: [(&str, &str, &[crate::domain::staff::StaffRole]); 13] = {
    use crate::domain::staff::StaffRole::{Admin, Agent, Finance};
    [
        ("/desk", "Incidents", &[Agent, Finance]),
        ("/desk/tasks", "Tasks", &[Finance]),
        ("/desk/statements", "Bank statements", &[Finance]),
        ("/desk/adjustments", "Adjust a balance", &[Finance]),
        ("/desk/invoices", "Invoices", &[Finance]),
        ("/desk/outbox", "Outbox", &[Agent]),
        ("/desk/claims", "License claims", &[Admin]),
        ("/desk/partners", "Partners", &[Admin]),
        ("/desk/licenses", "License import", &[Admin]),
        ("/desk/releases", "Releases", &[Admin]),
        ("/desk/audit", "Audit log", &[Admin]),
        ("/desk/bulletins", "Bulletins", &[Admin]),
        ("/desk/health", "Health", &[Admin]),
    ]
};

pub(crate) fn desk_navigation(role: Option<crate::domain::staff::StaffRole>) -> Html {
    let mut nav: Html = DESK_LINKS
        .iter()
        .filter(|(_, _, roles)| role.is_none_or(|r| r.may(roles)))
        .map(|(href, label, _)| html!("<a href=\"{}\">{}</a> ", href, label))
        .collect();
    // Issue 22: find a customer from every desk page.
    nav.push(html!("<form method=\"get\" action=\"/desk/organisations\" role=\"search\" aria-label=\"Find a customer\" class=\"inline\">\
         <label for=\"desk-search\" class=\"visually-hidden\">Find a customer</label>\
         <input id=\"desk-search\" name=\"q\" type=\"search\" placeholder=\"Find a customer\" minlength=\"2\" required> \
         <button type=\"submit\">Find</button></form> "));
    nav.push(html!("<form method=\"post\" action=\"/sign-out\" class=\"inline\"><button type=\"submit\">Sign out</button></form>"));
    nav
}

/// Where the brand in the header leads: the home of the page's area, so
/// that every page has a way back.
pub(crate) fn home(area: Area) -> &'static str {
    match area {
        Area::Public => "/",
        Area::Customer => "/portal",
        Area::Desk | Area::DeskAs(_) => "/desk",
        Area::Partner => "/partner",
    }
}

pub(crate) fn navigation(area: Area) -> Html {
    match area {
        Area::Desk => return desk_navigation(None),
        Area::DeskAs(role) => return desk_navigation(Some(role)),
        _ => {}
    }
    Html::from_static(match area {
        Area::Public => "<a href=\"/register\">Register</a> <a href=\"/sign-in\">Sign in</a> <a href=\"/terms\">Terms</a> <a href=\"/news\">News</a>",
        Area::Customer => {
            "<a href=\"/portal\">Account</a> <a href=\"/portal/coupons\">Buy coupons</a> <a href=\"/portal/invoices\">Invoices</a> <a href=\"/support\">Request support</a> \
             <a href=\"/portal/licenses\">Licenses</a> <a href=\"/portal/contacts\">Contacts</a> <a href=\"/portal/profile\">Profile</a> <form method=\"post\" action=\"/sign-out\" class=\"inline\"><button type=\"submit\">Sign out</button></form>"
        }
        Area::Partner => {
            "<a href=\"/partner\">Partner</a> <form method=\"post\" action=\"/sign-out\" class=\"inline\"><button type=\"submit\">Sign out</button></form>"
        }
        Area::Desk | Area::DeskAs(_) => "",
    })
}

/// Live support's script (`assets/live.js`), on the customer's pages (a
/// ring reaches every one of them) and the desk's (the incident's room).
fn live_script(area: Area) -> Html {
    match area {
        Area::Customer | Area::Desk | Area::DeskAs(_) => {
            html!("<script src=\"/live.js\" defer></script>\n")
        }
        _ => Html::EMPTY,
    }
}

/// A complete page of an area.
pub fn page_in(area: Area, status: u16, title: &str, body: Html) -> Response {
    let html = html!(
        "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{} · Time &amp; Space support</title>\n<link rel=\"stylesheet\" href=\"/style.css\">\n\
         <script src=\"/app.js\" defer></script>\n{}</head>\n<body>\n\
         <header><p class=\"brand\"><a href=\"{}\">Spica · Time &amp; Space support</a></p><nav aria-label=\"Main\">{}</nav></header>\n\
         <main id=\"main\">\n<h1>{}</h1>\n{}\n</main>\n\
         <footer><p><a href=\"/privacy\">Privacy</a></p></footer>\n\
         <div id=\"announcer\" class=\"visually-hidden\" aria-live=\"polite\"></div>\n</body>\n</html>\n",
        title,
        live_script(area),
        home(area),
        navigation(area),
        title,
        body,
    );
    Response::new(
        status,
        "text/html; charset=utf-8",
        html.into_string().into_bytes(),
    )
    .with_header("content-security-policy", CONTENT_SECURITY_POLICY)
    .with_header("cache-control", "no-store")
}

/// A public page.
pub fn page(status: u16, title: &str, body: Html) -> Response {
    page_in(Area::Public, status, title, body)
}

/// A paragraph of escaped text.
pub fn paragraph(text: &str) -> Html {
    html!("<p>{}</p>", text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_forbid_scripts_and_framing() {
        let response = page(200, "T & C", paragraph("<script>"));
        let csp = response.header("content-security-policy").unwrap();
        assert!(csp.contains("default-src 'none'") && csp.contains("frame-ancestors 'none'"));
        let html = String::from_utf8(response.body).unwrap();
        assert!(html.contains("<h1>T &amp; C</h1>") && html.contains("&lt;script&gt;"));
    }
}
