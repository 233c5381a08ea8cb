//! The privacy page: what the portal keeps about its users, why, and for how
//! long, written from the same [`Retention`] the retention sweep applies, so
//! that the page cannot promise what the code does not do.

use super::prelude::*;
use super::public::{link_page, posted_link, LinkRefusal};
use crate::app::privacy::{Kept, Retention};
use crate::app::AccessError;

/// One line of the privacy page in the reader's words: what, why, how long.
fn kept_row(lang: Language, kept: Kept) -> (&'static str, &'static str, String) {
    match kept {
        Kept::Account => (
            m::public_kept_account_what(lang),
            m::public_kept_account_why(lang),
            m::public_kept_account_how_long(lang).to_owned(),
        ),
        Kept::Unconfirmed { days } => (
            m::public_kept_unconfirmed_what(lang),
            m::public_kept_unconfirmed_why(lang),
            m::public_kept_unconfirmed_how_long(lang, days),
        ),
        Kept::EmailText { days } => (
            m::public_kept_email_what(lang),
            m::public_kept_email_why(lang),
            m::public_kept_email_how_long(lang, days),
        ),
        Kept::Links { days } => (
            m::public_kept_links_what(lang),
            m::public_kept_links_why(lang),
            m::public_kept_links_how_long(lang, days),
        ),
        Kept::Counts { hours } => (
            m::public_kept_counts_what(lang),
            m::public_kept_counts_why(lang),
            m::public_kept_counts_how_long(lang, hours),
        ),
        Kept::Unsubscribe { days } => (
            m::public_kept_unsubscribe_what(lang),
            m::public_kept_unsubscribe_why(lang),
            m::public_kept_unsubscribe_how_long(lang, days),
        ),
        Kept::Records { years } => (
            m::public_kept_records_what(lang),
            m::public_kept_records_why(lang),
            m::public_kept_records_how_long(lang, years),
        ),
    }
}

/// `GET /privacy`.
pub fn privacy_page(lang: Language, retention: &Retention) -> Response {
    let rows: Html = retention
        .kept()
        .into_iter()
        .map(|kept| {
            let (what, why, how_long) = kept_row(lang, kept);
            html!(
                "<tr><td>{}</td><td>{}</td><td>{}</td></tr>\n",
                what,
                why,
                how_long
            )
        })
        .collect();
    page(
        lang,
        200,
        m::public_privacy_title(lang),
        html!(
            "<p>{}</p>\n\
             <table>\n<thead><tr><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th></tr></thead>\n\
             <tbody>\n{}</tbody>\n</table>\n\
             <p>{}</p>\n\
             <h2>{}</h2>\n\
             <p>{}</p>",
            m::public_privacy_intro(lang),
            m::public_privacy_what(lang),
            m::public_privacy_why(lang),
            m::public_privacy_how_long(lang),
            rows,
            m::public_privacy_company(lang),
            m::public_privacy_erasure_heading(lang),
            m::public_privacy_erasure(lang, &html!("<code>DELETE /api/me</code>"))
        ),
    )
}

/// The profile page's section on the customer's own data: the download of
/// everything held about them, and what is kept.
pub fn your_data(lang: Language) -> Html {
    html!(
        "\n<h2>{}</h2>\n<p><a href=\"/portal/export\" download>{}</a> (JSON) · \
         <a href=\"/privacy\">{}</a></p>\n\
         <form method=\"post\" action=\"/portal/erasure\" data-confirm=\"{}\">\n\
         <p>{}</p>\n\
         <button type=\"submit\">{}</button>\n</form>",
        m::public_your_data_heading(lang),
        m::public_your_data_download(lang),
        m::public_your_data_kept(lang),
        m::public_your_data_confirm(lang),
        m::public_your_data_erasure(lang),
        m::public_your_data_erase_button(lang)
    )
}

/// `POST /portal/erasure`: the profile page's button. It only emails the
/// confirmation link, as `DELETE /api/me` does, so a forged or mistaken
/// click erases no one.
pub async fn request_erasure<D: Database>(
    app: &App<D>,
    lang: Language,
    caller: &Caller,
    now: Instant,
    entropy: &mut Entropy,
) -> Result<Handled> {
    let back = html!(
        "<p><a href=\"/portal/profile\">{}</a></p>",
        m::public_back_to_profile(lang)
    );
    let (expires_at, jobs) = match app.request_erasure(caller, now, entropy).await {
        // Withheld only after erasure links went to this address this hour:
        // the newest of them is the one that works.
        Err(AppError::Access(AccessError::LinkWithheld { withheld, .. })) => {
            return Ok(page_in(
                lang,
                Area::Customer,
                429,
                m::public_no_new_link_title(lang),
                html!(
                    "<p role=\"alert\">{}</p>\n{}",
                    m::public_erasure_withheld(
                        lang,
                        m::PublicErasureWithheld {
                            count: crate::domain::notification::LINKS_PER_HOUR,
                            last_html: &when(lang, withheld.last_requested_at),
                            retry_html: &when(lang, withheld.retry_at),
                        }
                    ),
                    back
                ),
            )
            .into())
        }
        other => other?,
    };
    Ok(Handled::with_jobs(
        page_in(
            lang,
            Area::Customer,
            200,
            m::public_erasure_sent_title(lang),
            html!(
                "<p role=\"status\">{}</p>\n{}",
                m::public_erasure_sent(lang, &when(lang, expires_at)),
                back
            ),
        ),
        jobs,
    ))
}

/// `GET /confirm-erasure?token=`: one button, so that a mail scanner that
/// opens the link erases no one.
pub fn confirm_erasure_page(lang: Language, request: &Request) -> Response {
    link_page(
        lang,
        request,
        m::public_erasure_title(lang),
        "/confirm-erasure",
        m::public_erasure_text(lang),
        m::public_erasure_button(lang),
    )
}

/// Once used, the link is forgotten with the contact's data, so a second
/// click finds no link: its words say what that may mean.
const CONFIRM_ERASURE_REFUSED: LinkRefusal = LinkRefusal {
    title: m::public_erasure_title,
    used: m::public_erasure_used,
    expired: m::public_erasure_expired,
    unknown: m::public_erasure_unknown,
    onward: ("/privacy", m::public_erasure_onward),
};

/// `POST /confirm-erasure`: the contact's personal data are erased.
pub async fn confirm_erasure<D: Database>(
    app: &App<D>,
    lang: Language,
    request: &Request,
    now: Instant,
    entropy: &mut Entropy,
) -> Result<Handled> {
    let erased = match posted_link(request) {
        Ok(link) => app.confirm_erasure(&link, now, entropy).await,
        Err(error) => Err(error),
    };
    match erased {
        Ok(()) => Ok(page(
            lang,
            200,
            m::public_erased_title(lang),
            html!(
                "<p role=\"status\">{}</p>",
                m::public_erased_text(
                    lang,
                    &html!(
                        "<a href=\"/privacy\">{}</a>",
                        m::public_erased_privacy_link(lang)
                    )
                )
            ),
        )
        .into()),
        Err(error) => CONFIRM_ERASURE_REFUSED.page(lang, error),
    }
}

/// `GET /portal/export`: the personal-data download, for the portal's
/// session: the same file as `GET /api/me/export`.
pub async fn export<D: Database>(app: &App<D>, caller: &Caller, now: Instant) -> Result<Handled> {
    let export = app.export(caller, now).await?;
    Ok(Response::from(export.file()).into())
}
