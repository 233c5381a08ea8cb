//! The privacy page: what the portal keeps about its users, why, and for how
//! long, written from the same [`Retention`] the retention sweep applies, so
//! that the page cannot promise what the code does not do.

use super::prelude::*;
use super::public::{link_page, posted_link, LinkRefusal};
use crate::app::privacy::Retention;
use crate::app::AccessError;

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
    page(UNTRANSLATED,
        200,
        "Privacy: what we keep and for how long",
        html!(
            "<p>Spica d.o.o. keeps the data below to give registered Time &amp; Space users support and licenses. \
             Signed in, you can download everything the portal holds about you and your organisation \
             from your profile page.</p>\n\
             <table>\n<thead><tr><th scope=\"col\">What</th><th scope=\"col\">Why</th><th scope=\"col\">How long</th></tr></thead>\n\
             <tbody>\n{}</tbody>\n</table>\n\
             <p>Your organisation's name and address are the company's data, not a person's: \
             they stay while the organisation has licenses, orders or invoices.</p>\n\
             <h2>Erasure</h2>\n\
             <p>You may ask us to erase your personal data, with the button on your profile page \
             (or <code>DELETE /api/me</code>): we email you a link, \
             and once you confirm, we erase what is yours: your name, email address and phone number become a pseudonym, \
             the emails we sent you lose their address, subject and text, the messages you wrote lose their text, \
             and the incidents you raised lose the phone number and times you gave for the call. \
             You are signed out everywhere and cannot sign in again. \
             What your organisation asked for and was charged for stays as its record, and its orders, payments, \
             coupon ledger and invoices stay, as tax law requires. What others wrote or were sent stays theirs: \
             a colleague's messages, our support desk's own mail (its text goes after the retention period above), \
             and the desk's audit log, the record of who did what that we must keep, which is never changed: \
             a request in it that named you still does. A bank transfer keeps the payer's name the bank gave.</p>",
            rows
        ),
    )
}

/// The profile page's section on the customer's own data: the download of
/// everything held about them, and what is kept.
pub fn your_data() -> Html {
    html!(
        "\n<h2>Your data</h2>\n<p><a href=\"/portal/export\" download>Download everything we hold about you and your organisation</a> (JSON) · \
         <a href=\"/privacy\">What we keep, why and for how long</a></p>\n\
         <form method=\"post\" action=\"/portal/erasure\" data-confirm=\"Email me a link to erase my personal data?\">\n\
         <p>You may have your name, email address and phone number erased. We email you a link first: \
         nothing is erased until you confirm there.</p>\n\
         <button type=\"submit\">Erase my personal data</button>\n</form>"
    )
}

/// `POST /portal/erasure`: the profile page's button. It only emails the
/// confirmation link, as `DELETE /api/me` does, so a forged or mistaken
/// click erases no one.
pub async fn request_erasure<D: Database>(
    app: &App<D>,
    caller: &Caller,
    now: Instant,
    entropy: &mut Entropy,
) -> Result<Handled> {
    let (expires_at, jobs) = match app.request_erasure(caller, now, entropy).await {
        // Withheld only after erasure links went to this address this hour:
        // the newest of them is the one that works.
        Err(AppError::Access(AccessError::LinkWithheld { withheld, .. })) => {
            return Ok(page_in(UNTRANSLATED,
                Area::Customer,
                429,
                "No new link sent",
                html!(
                    "<p role=\"alert\">We sent no new erasure link: we emailed you {} in the last hour, \
                     the last at {} (UTC), and send no more for now. The link in that newest email works \
                     (the earlier ones do not); you can ask for a new one from {} (UTC).</p>\n\
                     <p><a href=\"/portal/profile\">Back to your profile</a></p>",
                    crate::domain::notification::LINKS_PER_HOUR,
                    format(withheld.last_requested_at),
                    format(withheld.retry_at)
                ),
            )
            .into())
        }
        other => other?,
    };
    Ok(Handled::with_jobs(
        page_in(UNTRANSLATED,
            Area::Customer,
            200,
            "Check your email",
            html!(
                "<p role=\"status\">We have emailed you a link to confirm the erasure of your personal data. \
                 It works once, until {} (UTC). Nothing is erased until you press its button.</p>\n\
                 <p><a href=\"/portal/profile\">Back to your profile</a></p>",
                format(expires_at)
            ),
        ),
        jobs,
    ))
}

/// `GET /confirm-erasure?token=`: one button, so that a mail scanner that
/// opens the link erases no one.
pub fn confirm_erasure_page(request: &Request) -> Response {
    link_page(
        request,
        "Erase your personal data",
        "/confirm-erasure",
        "Erase your name, email address and phone number from Time & Space support? \
         You will not be able to sign in again. Your organisation's orders, invoices and licenses stay.",
        "Erase my data",
    )
}

/// Once used, the link is forgotten with the contact's data, so a second
/// click finds no link: its words say what that may mean.
const CONFIRM_ERASURE_REFUSED: LinkRefusal = LinkRefusal {
    title: "Erase your personal data",
    used: "Your data have been erased already.",
    expired: "This link has expired, and nothing was erased. Sign in and ask again for a new link.",
    unknown: "This link is not valid any more: your data have been erased already, or a newer link was sent.",
    onward: ("/privacy", "What we keep, and why"),
};

/// `POST /confirm-erasure`: the contact's personal data are erased.
pub async fn confirm_erasure<D: Database>(
    app: &App<D>,
    request: &Request,
    now: Instant,
    entropy: &mut Entropy,
) -> Result<Handled> {
    let erased = match posted_link(request) {
        Ok(link) => app.confirm_erasure(&link, now, entropy).await,
        Err(error) => Err(error),
    };
    match erased {
        Ok(()) => Ok(page(UNTRANSLATED,
            200,
            "Your data are erased",
            html!("<p role=\"status\">Your name, email address and phone number are erased, and you are signed out everywhere. \
                   What the law requires us to keep is listed on the <a href=\"/privacy\">privacy page</a>.</p>"),
        )
        .into()),
        Err(error) => CONFIRM_ERASURE_REFUSED.page(error),
    }
}

/// `GET /portal/export`: the personal-data download, for the portal's
/// session: the same file as `GET /api/me/export`.
pub async fn export<D: Database>(app: &App<D>, caller: &Caller, now: Instant) -> Result<Handled> {
    let export = app.export(caller, now).await?;
    Ok(Response::from(export.file()).into())
}
