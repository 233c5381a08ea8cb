//! The privacy page: what the portal keeps about its users, why, and for how
//! long, written from the same [`Retention`] the retention sweep applies, so
//! that the page cannot promise what the code does not do.

use super::prelude::*;
use crate::app::privacy::Retention;

/// `GET /privacy`.
pub fn privacy_page(retention: &Retention) -> Response {
    let rows: Html = retention
        .kept()
        .iter()
        .map(|kept| {
            html!(
                "<tr><td>{}</td><td>{}</td><td>{}</td></tr>\n",
                kept.what,
                kept.why,
                kept.how_long
            )
        })
        .collect();
    page(
        200,
        "Privacy: what we keep and for how long",
        html!(
            "<p>Spica d.o.o. keeps the data below to give registered Time &amp; Space users support and licenses. \
             Signed in, you can download everything the portal holds about you and your organisation \
             from your profile page.</p>\n\
             <table>\n<thead><tr><th scope=\"col\">What</th><th scope=\"col\">Why</th><th scope=\"col\">How long</th></tr></thead>\n\
             <tbody>\n{}</tbody>\n</table>\n\
             <p>Your organisation's name and address are the company's data, not a person's: \
             they stay while the organisation has licenses, orders or invoices.</p>",
            rows
        ),
    )
}

/// The profile page's section on the customer's own data: the download of
/// everything held about them, and what is kept.
pub fn your_data() -> Html {
    html!(
        "\n<h2>Your data</h2>\n<p><a href=\"/portal/export\" download>Download everything we hold about you and your organisation</a> (JSON) · \
         <a href=\"/privacy\">What we keep, why and for how long</a></p>"
    )
}
