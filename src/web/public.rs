//! The public pages: home, terms, news, sign-in, registration and the pages
//! that emailed links open (invitations, confirmations, unsubscription).

use super::prelude::*;
use super::shell::paragraph;
use crate::app::{AccessError, LicensingError};
use crate::domain::email::Email;
use crate::domain::invitation::InvitationError;
use crate::domain::language::Language;
use crate::domain::registration::NewRegistration;

pub fn home() -> Response {
    page(UNTRANSLATED,
        200,
        "Time & Space customer support",
        html!("<p>Registered Time &amp; Space users receive news and bulletins, activate their software, and get direct \
         support from Spica: a call back within 24 hours, charged in started 15-minute increments, one prepaid coupon \
         each. Your first coupon is free.</p>\n<p><a href=\"/register\">Register</a> · <a href=\"/sign-in\">Sign in</a> · \
         <a href=\"/terms\">Support terms and conditions</a></p>"),
    )
}

/// The support terms, from the vendor's support page, with their version.
pub fn terms() -> Response {
    const TERMS: &[&str] = &[
        "The support is available to registered users only.",
        "Users register online with the software license serial number (shown in every Help/About dialog and on the license invoice, or 0 if not available) and full company and contact information.",
        "The support incident is raised at the Customer Support Portal.",
        "The support is delivered through the Customer Support Portal, email and real-time communication (voice, chat, screen sharing). In the case of real-time delivery, the call is initiated from Spica. If it fails after 3 attempts, the customer is prompted for further action by email.",
        "Response time for the support request is maximum 24 hours. Most incidents are responded well within 12 hours.",
        "The support is performed by qualified Time & Space professionals with general knowledge of various support issues. The content or topic is not limited.",
        "The number of messages or calls within the same incident is not limited. The overall time is measured and charged for in 15-minute increments, for each started increment (for example, a total of 17 minutes is charged as 2 increments).",
        "The support is offered as best effort and no guarantees are given for the outcome.",
        "The support is paid with pre-purchased coupons. One coupon buys 15 minutes of support (EUR 25.00; EUR 15.00 with SUPS coverage).",
        "Coupons can be purchased online at the Customer Support Portal, or by a conventional order paid by bank transfer.",
        "The first coupon is free of charge.",
    ];
    let items: Html = TERMS.iter().map(|t| html!("<li>{}</li>", t)).collect();
    page(UNTRANSLATED,
        200,
        "Direct support terms and conditions",
        html!(
            "<p>Version {}.</p>\n<ol>{}</ol>\n<p>SUPS (Software Upgrade and Premium Support) is available through authorised reseller partners only; its other terms are defined by the partner.</p>",
            crate::domain::registration::TERMS_VERSION,
            items
        ),
    )
}

/// `POST /sign-out`: ends this browser's session on the server and forgets
/// the cookie.
pub async fn sign_out<D: Database>(
    app: &App<D>,
    request: &Request,
    now: Instant,
) -> Result<Handled> {
    let cookie = session_cookie(app);
    app.sign_out(request.cookie(cookie), now).await?;
    Ok(Response::redirect("/")
        .with_cookie(cookie, "", secure(app), 0)
        .into())
}

/// A sign-in form for a secret, carrying where to go back to afterwards.
pub(crate) fn credential_form(
    action: &str,
    name: &str,
    label: &str,
    error: Option<&str>,
    next: Option<&str>,
) -> Html {
    let mut errors = FieldErrors::default();
    if let Some(error) = error {
        errors.push(name, Invalid::new("invalid", error));
    }
    html!(
        "<form method=\"post\" action=\"{}\">{}{}<button type=\"submit\">Sign in</button></form>",
        action,
        input(
            name,
            label,
            "password",
            "",
            &errors,
            " required autocomplete=\"current-password\""
        ),
        next_field(next)
    )
}

/// A sign-in page that takes a secret (the break-glass staff token, a
/// partner key) and opens a browser session for its holder: the cookie
/// holds the session's random id, never the secret.
pub struct CredentialSignIn {
    pub(crate) action: &'static str,
    pub(crate) field: &'static str,
    pub(crate) label: &'static str,
    pub(crate) title: &'static str,
    pub(crate) landing: &'static str,
    pub(crate) refused: &'static str,
    pub(crate) staff: bool,
}

pub const DESK_SIGN_IN: CredentialSignIn = CredentialSignIn {
    action: "/desk/sign-in",
    field: "token",
    label: "Break-glass staff token (staff normally sign in through Cloudflare Access)",
    title: "Support desk sign-in",
    landing: "/desk",
    refused: "is not the staff token",
    staff: true,
};

pub const PARTNER_SIGN_IN: CredentialSignIn = CredentialSignIn {
    action: "/partner/sign-in",
    field: "key",
    label: "Partner key",
    title: "Partner sign-in",
    landing: "/partner",
    refused: "is not a valid partner key",
    staff: false,
};

impl CredentialSignIn {
    /// The sign-in page; `?next=` is where signing in leads.
    pub fn page(&self, request: &Request) -> Response {
        let next = request.query_param("next");
        let form = credential_form(self.action, self.field, self.label, None, next.as_deref());
        page_in(UNTRANSLATED, Area::Public, 200, self.title, form)
    }

    /// Checks the posted secret; a valid one opens a session.
    pub async fn sign_in<D: Database>(
        &self,
        app: &App<D>,
        request: &Request,
        now: Instant,
        entropy: &mut Entropy,
    ) -> Result<Handled> {
        let object = form(request)?;
        let secret = object
            .get(self.field)
            .and_then(Value::as_str)
            .unwrap_or("")
            .trim()
            .to_owned();
        let session = if !self.staff {
            app.partner_session(&secret, now, entropy).await?
        } else if app.break_glass_admits(&secret) {
            Some(
                app.open_session(SessionKind::Staff, BREAK_GLASS, now, entropy)
                    .await?,
            )
        } else {
            None
        };
        let next = object.get("next").and_then(Value::as_str);
        let Some(session) = session else {
            let body = credential_form(
                self.action,
                self.field,
                self.label,
                Some(self.refused),
                next,
            );
            return Ok(page_in(UNTRANSLATED, Area::Public, 401, self.title, body).into());
        };
        let landing = return_path(next);
        let landing = landing.as_ref().map_or(self.landing, ReturnPath::as_str);
        Ok(with_session(app, Response::redirect(landing), &session).into())
    }
}

/// The page an emailed link opens (an invitation, a request to take a
/// claimant in): one button that posts the token, so that mail scanners
/// that follow links do not spend it.
pub(crate) fn link_page(
    request: &Request,
    title: &str,
    action: &str,
    intro: &str,
    button: &str,
) -> Response {
    match request.query_param("token").and_then(|t| Token::parse(&t).ok()) {
        Some(token) => page(UNTRANSLATED,
            200,
            title,
            html!(
                "<p>{}</p>\n<form method=\"post\" action=\"{}\">\n<input type=\"hidden\" name=\"token\" value=\"{}\">\n\
                 <button type=\"submit\">{}</button>\n</form>",
                intro,
                action,
                token.as_str(),
                button
            ),
        ),
        None => page(UNTRANSLATED,
            400,
            title,
            html!("<p>This link is incomplete. Open the link from the email exactly as it was sent.</p>"),
        ),
    }
}

/// The token a link's button posted, parsed before any lookup.
pub(crate) fn posted_link(request: &Request) -> std::result::Result<Token, AppError> {
    let object =
        form(request).map_err(|_| AppError::Access(AccessError::Token(TokenError::Unknown)))?;
    object
        .get("token")
        .and_then(Value::as_str)
        .and_then(|t| Token::parse(t).ok())
        .ok_or(AppError::Access(AccessError::Token(TokenError::Unknown)))
}

/// What the page of an emailed link says when the link cannot be used:
/// people click a link twice, or late, so each page tells what happened
/// to its link and where to go on from there.
pub(crate) struct LinkRefusal {
    pub(crate) title: &'static str,
    /// The link was used already.
    pub(crate) used: &'static str,
    pub(crate) expired: &'static str,
    /// No such link (a newer one replaced it, or it was mistyped).
    pub(crate) unknown: &'static str,
    /// The page to go on to, and the words of its link.
    pub(crate) onward: (&'static str, &'static str),
}

impl LinkRefusal {
    /// The page for a spent (409), expired (410) or unknown (400) link, or
    /// for a request decided already (409); anything else is the caller's
    /// to answer.
    pub(crate) fn page(&self, error: AppError) -> Result<Handled> {
        let (status, text) = match error {
            AppError::Access(AccessError::Token(TokenError::AlreadyUsed)) => (409, self.used),
            AppError::Access(AccessError::Token(TokenError::Expired)) => (410, self.expired),
            AppError::Access(AccessError::Token(_)) => (400, self.unknown),
            AppError::Licensing(LicensingError::ClaimDecided) => {
                (409, "This request has been decided already.")
            }
            other => return Err(other.into()),
        };
        let (href, words) = self.onward;
        Ok(page(
            UNTRANSLATED,
            status,
            self.title,
            html!(
                "<p role=\"alert\">{}</p>\n<p><a href=\"{}\">{}</a></p>",
                text,
                href,
                words
            ),
        )
        .into())
    }
}

pub(crate) const INVITATION_REFUSED: LinkRefusal = LinkRefusal {
    title: "Your invitation",
    used: "This invitation has been accepted already: you are a contact of your organisation and sign in with your email address.",
    expired: "This invitation has expired. Ask your colleague to invite you again.",
    unknown: "This link is not valid. Open the newest invitation you were sent.",
    onward: ("/sign-in", "Sign in"),
};

/// The page of an invitation's link that accepts nothing: what became of
/// the invitation, with the status its API problem has.
fn invitation_refused(error: AppError) -> Result<Handled> {
    let text = match &error {
        AppError::Access(AccessError::Invitation(refused)) => match refused {
            InvitationError::Accepted => INVITATION_REFUSED.used,
            InvitationError::Expired => INVITATION_REFUSED.expired,
            InvitationError::Withdrawn => "Your colleague withdrew this invitation: its link no longer works. Ask them if you should still join.",
            InvitationError::Replaced => "A newer invitation replaced this one: open the newest invitation you were sent.",
            InvitationError::OrganisationNotActive => "The organisation that invited you is no longer active on the portal, so this invitation cannot be accepted.",
            InvitationError::AddressTaken => "Your address is a contact of an organisation on the portal already: sign in with it. To join this organisation instead, ask to be removed from the other one first.",
        },
        _ => return INVITATION_REFUSED.page(error),
    };
    let (href, words) = INVITATION_REFUSED.onward;
    Ok(page(
        UNTRANSLATED,
        error.problem().status,
        INVITATION_REFUSED.title,
        html!(
            "<p role=\"alert\">{}</p>\n<p><a href=\"{}\">{}</a></p>",
            text,
            href,
            words
        ),
    )
    .into())
}

pub(crate) const CONFIRM_JOIN_REFUSED: LinkRefusal = LinkRefusal {
    title: "A colleague's request to join",
    used: "This request has been confirmed already: your colleague is a contact of your organisation and can sign in.",
    expired: "This request has expired. If they are your colleague, ask Spica support to add them.",
    unknown: "This link is not valid. Open the newest link you were sent.",
    onward: ("/portal/contacts", "Your organisation's contacts"),
};

/// `GET /invitation?token=`: the invitation's page, reading (never
/// spending) the link: who invites to which organisation and one button,
/// or what became of the invitation.
pub async fn invitation_page<D: Database>(
    app: &App<D>,
    request: &Request,
    now: Instant,
) -> Result<Handled> {
    let Some(link) = request
        .query_param("token")
        .and_then(|t| Token::parse(&t).ok())
    else {
        return Ok(link_page(request, "Join your colleagues", "/invitation", "", "").into());
    };
    let invitation = match app.invitation(&link, now).await {
        Ok(invitation) => invitation,
        Err(error) => return invitation_refused(error),
    };
    Ok(page(UNTRANSLATED,
        200,
        "Join your colleagues",
        html!(
            "<p>{} invites you to {}'s Time &amp; Space support account: its coupons, incidents and licenses. You join as {} ({}).</p>\n\
             <form method=\"post\" action=\"/invitation\">\n<input type=\"hidden\" name=\"token\" value=\"{}\">\n\
             <button type=\"submit\">Accept the invitation and sign in</button>\n</form>",
            invitation.invited_by_name,
            invitation.company_name,
            invitation.name,
            invitation.email,
            link.as_str()
        ),
    )
    .into())
}

/// `POST /invitation`: accepts, and signs the browser in.
pub async fn accept_invitation<D: Database>(
    app: &App<D>,
    request: &Request,
    now: Instant,
    entropy: &mut Entropy,
) -> Result<Handled> {
    let accepted = match posted_link(request) {
        Ok(link) => {
            app.accept_invitation_in_browser(
                &link,
                Language::from_accept_language(request.header("accept-language")),
                now,
                entropy,
            )
            .await
        }
        Err(error) => Err(error),
    };
    match accepted {
        Ok(session) => Ok(customer_session(app, &session, None).into()),
        Err(error) => invitation_refused(error),
    }
}

/// `GET /confirm-join?token=`: a holder's contact is asked about a claimant.
pub fn confirm_join_page(request: &Request) -> Response {
    link_page(
        request,
        "A colleague asks to join",
        "/confirm-join",
        "Someone registered with your license's serial number and says they work for your organisation (the email names them). Confirm only if they are your colleague: they will see your organisation's coupons, incidents and licenses.",
        "Yes, they are our colleague",
    )
}

/// `POST /confirm-join`: the claimant becomes a contact of the holder.
pub async fn confirm_join<D: Database>(
    app: &App<D>,
    request: &Request,
    now: Instant,
) -> Result<Handled> {
    let confirmed = match posted_link(request) {
        Ok(link) => app.confirm_join(&link, now).await,
        Err(error) => Err(error),
    };
    match confirmed {
        Ok(()) => Ok(page(UNTRANSLATED,
            200,
            "Colleague added",
            html!("<p role=\"status\">Thank you. Your colleague is now a contact of your organisation and can sign in.</p>"),
        )
        .into()),
        Err(error) => CONFIRM_JOIN_REFUSED.page(error),
    }
}

/// `GET /confirm-email?token=`: one button, so that a mail scanner that
/// opens the link changes nothing.
pub fn confirm_email_page(request: &Request) -> Response {
    link_page(
        request,
        "Confirm your new email address",
        "/confirm-email",
        "Make this the address you sign in with to Time & Space support? Your old address will be told.",
        "Use this address",
    )
}

/// Once confirmed, the link is forgotten with the pending change, so a
/// second click finds no link: its words say what that may mean.
pub(crate) const CONFIRM_EMAIL_REFUSED: LinkRefusal = LinkRefusal {
    title: "Your new email address",
    used: "This address has been confirmed already: you sign in with it now.",
    expired: "This link has expired, and your address stays as it was. Change it in your profile again for a new link.",
    unknown: "This link is not valid any more: it has been used already, or a newer one was sent. \
              If you confirmed this address, you sign in with it now; if not, change it in your profile again.",
    onward: ("/portal/profile", "Your profile"),
};

/// `POST /confirm-email`: the new address replaces the old one.
pub async fn confirm_email<D: Database>(
    app: &App<D>,
    request: &Request,
    now: Instant,
    entropy: &mut Entropy,
) -> Result<Handled> {
    let confirmed = match posted_link(request) {
        Ok(link) => app.confirm_email(&link, now, entropy).await,
        Err(error) => Err(error),
    };
    match confirmed {
        Ok(jobs) => Ok(Handled::with_jobs(
            page(UNTRANSLATED,
                200,
                "Email address changed",
                html!("<p role=\"status\">Thank you. You now sign in with this address.</p><p><a href=\"/portal\">To your account</a></p>"),
            ),
            jobs,
        )),
        Err(AppError::Access(AccessError::EmailTaken)) => Ok(page(UNTRANSLATED,
            409,
            "Email address not changed",
            html!("<p role=\"alert\">This address belongs to another contact by now, so your address stays as it was.</p>"),
        )
        .into()),
        Err(error) => CONFIRM_EMAIL_REFUSED.page(error),
    }
}

/// `GET /news`: every published bulletin, newest first.
pub async fn news<D: Database>(app: &App<D>) -> Result<Handled> {
    let items: Html = app
        .bulletins(bulletins::BULLETINS_SHOWN)
        .await?
        .iter()
        .map(|s| {
            html!(
                "<li><a href=\"/news/{}\">{}</a> <time datetime=\"{}\">{}</time></li>\n",
                s.bulletin.id,
                s.bulletin.subject,
                format(s.bulletin.published_at),
                crate::domain::time::day_month_year(s.bulletin.published_at.date_naive())
            )
        })
        .collect();
    let body = if items.is_empty() {
        html!("<p>No news yet.</p>")
    } else {
        html!("<ul class=\"news\">\n{}</ul>", items)
    };
    Ok(page(UNTRANSLATED, 200, "News", body).into())
}

/// `GET /news/{id}`: one bulletin, as its email's HTML.
pub async fn news_item<D: Database>(app: &App<D>, id: &str) -> Result<Handled> {
    let bulletin = app.bulletin(id).await?;
    let body = html!(
        "<p><time datetime=\"{}\">{}</time></p>\n{}<p><a href=\"/news\">All news</a></p>",
        format(bulletin.published_at),
        crate::domain::time::day_month_year(bulletin.published_at.date_naive()),
        body_html(&bulletin.body)
    );
    Ok(page(UNTRANSLATED, 200, &bulletin.subject, body).into())
}

/// The token of an unsubscribe link: in the query (the link itself, and
/// the one-click POST of RFC 8058) or a posted field.
pub(crate) fn unsubscribe_token(request: &Request) -> Option<Token> {
    request
        .query_param("token")
        .or_else(|| decode::form_field(request, "token"))
        .and_then(|t| Token::parse(&t).ok())
}

pub(crate) fn incomplete_link() -> Handled {
    page(UNTRANSLATED,
        400,
        "Unsubscribe",
        html!("<p role=\"alert\">This link is not valid. Open the link from the newest email exactly as it was sent.</p>"),
    )
    .into()
}

/// `GET /unsubscribe?token=…`: a page with the button (a GET changes
/// nothing, as mail scanners open links).
pub fn unsubscribe_page(request: &Request) -> Handled {
    let Some(token) = unsubscribe_token(request) else {
        return incomplete_link();
    };
    page(UNTRANSLATED,
        200,
        "Unsubscribe",
        html!(
            "<p>Stop receiving Spica's news by email? You can subscribe again in your profile.</p>\n\
             <form method=\"post\" action=\"/unsubscribe?token={}\">\n<button type=\"submit\">Unsubscribe</button>\n</form>",
            token.as_str()
        ),
    )
    .into()
}

/// `POST /unsubscribe?token=…`: unsubscribes, without signing in.
pub async fn unsubscribe<D: Database>(app: &App<D>, request: &Request) -> Result<Handled> {
    let Some(token) = unsubscribe_token(request) else {
        return Ok(incomplete_link());
    };
    if !app.unsubscribe(&token).await? {
        return Ok(incomplete_link());
    }
    Ok(page(
        UNTRANSLATED,
        200,
        "Unsubscribed",
        html!("<p role=\"status\">You will receive no more news from Spica by email.</p>"),
    )
    .into())
}

/// The registration form's fields: form name, label, input type, autocomplete.
pub(crate) const REGISTRATION_FIELDS: [(&str, &str, &str, &str); 10] = [
    (
        "serial",
        "License serial number (Help/About), or 0",
        "text",
        "off",
    ),
    ("company_name", "Company", "text", "organization"),
    ("street", "Street", "text", "address-line1"),
    ("postal_code", "Postal code", "text", "postal-code"),
    ("city", "City", "text", "address-level2"),
    (
        "country",
        "Country (ISO code, such as SI)",
        "text",
        "country",
    ),
    ("vat_id", "VAT number (optional)", "text", "off"),
    ("contact_name", "Contact name", "text", "name"),
    ("email", "Email", "email", "email"),
    ("phone", "Phone, with country code", "tel", "tel"),
];

/// The registration form that posts to `/api/registrations`, showing next to
/// each field the error that a refused post sent back in the query.
/// The registration page's form. It posts to `/register`, which answers a
/// refusal with this form again: the values typed (`value_of`), each error
/// next to its field, and nothing personal in the URL.
pub fn registration_form(
    status: u16,
    value_of: impl Fn(&str) -> Option<String>,
    error_for: impl Fn(&str) -> Option<String>,
    browser: Language,
) -> Response {
    let mut html = html!("<form method=\"post\" action=\"/register\" novalidate>\n");
    let field_error = |name: &str| {
        error_for(name)
            .map(|detail| html!("<p id=\"{}-error\" role=\"alert\">{}</p>\n", name, detail))
            .unwrap_or_default()
    };
    for (name, label, kind, autocomplete) in REGISTRATION_FIELDS {
        let error = field_error(name);
        let described = (!error.is_empty())
            .then(|| html!(" aria-invalid=\"true\" aria-describedby=\"{}-error\"", name));
        let required = if name == "vat_id" { "" } else { " required" };
        let value = value_of(name).unwrap_or_default();
        html.push(html!(
            "<p><label for=\"{}\">{}</label>\n\
             <input id=\"{}\" name=\"{}\" type=\"{}\" value=\"{}\" autocomplete=\"{}\"{}{}></p>\n{}",
            name,
            label,
            name,
            name,
            kind,
            value,
            autocomplete,
            required,
            described,
            error
        ));
    }
    let language = value_of("language")
        .and_then(|chosen| Language::parse(&chosen).ok())
        .unwrap_or(browser);
    html.push(crate::web::forms::language_select(
        "Language for our emails and calls",
        language,
    ));
    html.push(field_error("language"));
    let checked = |name: &str| {
        if value_of(name).is_some_and(|v| !v.is_empty()) {
            " checked"
        } else {
            ""
        }
    };
    html.push(html!(
        "<p><input id=\"newsletter\" name=\"newsletter\" type=\"checkbox\"{}>\n\
         <label for=\"newsletter\">Send me Time &amp; Space news and bulletins</label></p>\n\
         <p><input id=\"accept_terms\" name=\"accept_terms\" type=\"checkbox\" required{}>\n\
         <label for=\"accept_terms\">I accept the direct support terms and conditions</label></p>\n{}\
         <p>What we keep about you, why and for how long: <a href=\"/privacy\">privacy</a>.</p>\n\
         <button type=\"submit\">Register</button>\n</form>",
        checked("newsletter"),
        checked("accept_terms"),
        field_error("accept_terms")
    ));
    page(
        UNTRANSLATED,
        status,
        "Register as a Time & Space user",
        html,
    )
}

// ---- registration, confirmation and sign-in by link -------------------------

/// The portal's own registration page: a refusal shows the form again with
/// what was typed and each error next to its field (422); success goes on
/// to the thank-you page.
pub async fn register_page<D: Database>(
    app: &App<D>,
    request: &Request,
    now: Instant,
    entropy: &mut Entropy,
) -> Result<Handled> {
    let Body::Form(pairs) = decode::body(request, true)? else {
        return Err(ApiError::UnsupportedMediaType(
            "application/x-www-form-urlencoded",
        ));
    };
    let browser = Language::from_accept_language(request.header("accept-language"));
    let again = |errors: &FieldErrors| {
        let value_of = |name: &str| {
            pairs
                .iter()
                .find_map(|(key, value)| (key == name).then(|| value.clone()))
        };
        let error_for = |name: &str| {
            errors
                .list()
                .iter()
                .find(|e| crate::app::input::form_name(&e.field) == name)
                .map(|e| e.detail.clone())
        };
        Handled::from(registration_form(422, value_of, error_for, browser))
    };
    let mut input = crate::app::input::registration_form(&pairs);
    input.fallback_language = Some(browser);
    let registration = match NewRegistration::parse(input, &app.config.vendor_addresses) {
        Ok(registration) => registration,
        Err(errors) => return Ok(again(&errors)),
    };
    match app.register(registration, now, entropy).await {
        Ok(registered) => Ok(Handled::with_jobs(
            Response::redirect("/registered"),
            registered.jobs,
        )),
        Err(AppError::Access(AccessError::EmailTaken)) => {
            let mut errors = FieldErrors::default();
            errors.push(
                "contact.email",
                Invalid::said("taken", m::field_registered_already),
            );
            Ok(again(&errors))
        }
        Err(other) => Err(other.into()),
    }
}

/// The page the verification link opens: a button that confirms, so that
/// opening the link reads nothing and spends nothing (a mail scanner
/// following it confirms no one), as the invitation's page does.
pub fn verify_page(request: &Request) -> Response {
    link_page(
        request,
        "Confirm your email address",
        "/verify",
        "Confirm your email address to activate your Time & Space support account.",
        "Confirm my email address",
    )
}

/// `POST /verify`: the verification page's button confirms the address.
pub async fn verify_form<D: Database>(
    app: &App<D>,
    request: &Request,
    now: Instant,
    entropy: &mut Entropy,
) -> Result<Handled> {
    let verified = match posted_link(request) {
        Ok(link) => app.verify_email(&link, now, entropy).await,
        Err(error) => Err(error),
    };
    match verified {
        Ok(verified) => {
            let coupon = match verified.free_coupon {
                crate::app::FreeCouponOutcome::Granted => {
                    "Your first support coupon is credited: 15 minutes of direct support."
                }
                crate::app::FreeCouponOutcome::AlreadyGrantedForSerial => {
                    "The free coupon is given once per license, and this license has had it."
                }
                crate::app::FreeCouponOutcome::AwaitingLicenseClaim => {
                    "We will credit your free coupon once we have matched your license."
                }
            };
            let body = html!(
                "{}\n{}\n<p><a href=\"/sign-in\">Sign in</a></p>",
                paragraph("Thank you. Your email address is confirmed and your account is active."),
                paragraph(coupon)
            );
            Ok(Handled::with_jobs(
                page(UNTRANSLATED, 200, "Email confirmed", body),
                verified.jobs,
            ))
        }
        Err(error) => VERIFY_REFUSED.page(error),
    }
}

const VERIFY_REFUSED: LinkRefusal = LinkRefusal {
    title: "Your email address",
    used: "This link has been used already: your address is confirmed. You can sign in.",
    expired: "This link has expired. Ask for a sign-in link and we will send you a new confirmation link.",
    unknown: "This link is not valid. Open the newest link you were sent.",
    onward: ("/sign-in", "Sign in"),
};

const SIGN_IN_REFUSED: LinkRefusal = LinkRefusal {
    title: "Not signed in",
    used: "This sign-in link has been used already: each link signs you in once.",
    expired: "This sign-in link has expired.",
    unknown: "This sign-in link is not valid any more.",
    onward: ("/sign-in", "Ask for a new sign-in link"),
};

/// The page the sign-in link opens: one button, so that a mail scanner that
/// follows links does not spend the link.
pub fn sign_in_page(request: &Request) -> Response {
    let next = next_field(request.query_param("next").as_deref());
    match request.query_param("token").and_then(|t| Token::parse(&t).ok()) {
        Some(token) => page(UNTRANSLATED,
            200,
            "Sign in",
            html!(
                "<form method=\"post\" action=\"/sign-in\">\n<input type=\"hidden\" name=\"token\" value=\"{}\">{}\n\
                 <button type=\"submit\">Sign in to Time &amp; Space support</button>\n</form>",
                token.as_str(),
                next
            ),
        ),
        None => page(UNTRANSLATED,
            200,
            "Sign in",
            html!(
                "<form method=\"post\" action=\"/sign-in\">\n<label for=\"email\">Your email address</label>\n\
                 <input id=\"email\" name=\"email\" type=\"email\" autocomplete=\"email\" required>{}\n\
                 <button type=\"submit\">Email me a sign-in link</button>\n</form>",
                next
            ),
        ),
    }
}

/// The sign-in form's answer when the address's hourly quota of links is
/// full: no link went, and the page says so, with when the last one was
/// asked for and from when a new one may be (true of any address).
fn sign_in_withheld(withheld: &crate::domain::notification::Withheld) -> Response {
    page(UNTRANSLATED,
        429,
        "No new link sent",
        html!(
            "<p role=\"alert\">We sent no new sign-in link: this address has asked for {} in the last hour, \
             the last at {} (UTC), and we send no more to protect the mailbox.</p>\n\
             <p>If the address is registered, the newest link we sent is in its inbox (each is valid for 15 minutes \
             and signs in once). You can ask for a new one from {} (UTC).</p>\n\
             <p><a href=\"/sign-in\">Back to sign-in</a></p>",
            crate::domain::notification::LINKS_PER_HOUR,
            format(withheld.last_requested_at),
            format(withheld.retry_at)
        ),
    )
}

/// The hidden field that carries the return path through the sign-in forms.
pub(crate) fn next_field(text: Option<&str>) -> Html {
    return_path(text).map_or(Html::EMPTY, |next| {
        html!(
            "<input type=\"hidden\" name=\"next\" value=\"{}\">",
            next.as_str()
        )
    })
}

pub async fn sign_in_form<D: Database>(
    app: &App<D>,
    request: &Request,
    now: Instant,
    entropy: &mut Entropy,
) -> Result<Handled> {
    let next = return_path(decode::form_field(request, "next").as_deref());
    if let Ok(Ok(text)) = decode::single_text(request, "email") {
        // The page's own "email me a link" form: the same answer for any
        // address, registered or not (the quota counts every address alike).
        let jobs = match Email::parse(&text) {
            Ok(email) => match app
                .request_sign_in_to(&email, next.as_ref(), now, entropy)
                .await
            {
                Err(AppError::Access(AccessError::LinkWithheld { withheld, .. })) => {
                    return Ok(sign_in_withheld(&withheld).into())
                }
                other => other?,
            },
            Err(_) => Vec::new(),
        };
        let text = "If the address is registered, a sign-in link is on its way. It is valid for 15 minutes.";
        return Ok(Handled::with_jobs(
            page(UNTRANSLATED, 200, "Check your email", paragraph(text)),
            jobs,
        ));
    }
    let token = decode::json_or_form(request)
        .ok()
        .and_then(|object| crate::app::input::token_field(&object).ok());
    let outcome = match token {
        Some(token) => app.sign_in_browser(&token, now, entropy).await,
        None => Err(AppError::Access(AccessError::Token(
            crate::domain::token::TokenError::Unknown,
        ))),
    };
    match outcome {
        Ok(session) => Ok(customer_session(app, &session, next.as_ref()).into()),
        Err(error) => SIGN_IN_REFUSED.page(error),
    }
}

#[cfg(test)]
mod form_tests {
    use super::*;

    #[test]
    fn errors_stand_next_to_their_fields_for_screen_readers() {
        let response = registration_form(
            422,
            |name| (name == "city").then(|| "Ljub\"ljana".to_string()),
            |name| (name == "email").then(|| "<bad>".to_string()),
            Language::Sl,
        );
        let html = String::from_utf8(response.body).unwrap();
        assert!(html.contains("aria-describedby=\"email-error\""));
        assert!(html.contains("<p id=\"email-error\" role=\"alert\">&lt;bad&gt;</p>"));
        assert_eq!(html.matches("role=\"alert\"").count(), 1);
        assert!(
            html.contains("value=\"Ljub&quot;ljana\""),
            "typed values come back, escaped"
        );
        assert_eq!(response.status, 422);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_link_that_cannot_be_used_says_why_and_links_onward() {
        let refusals = [
            (TokenError::AlreadyUsed, 409, INVITATION_REFUSED.used),
            (TokenError::Expired, 410, INVITATION_REFUSED.expired),
            (TokenError::Unknown, 400, INVITATION_REFUSED.unknown),
        ];
        for (error, status, words) in refusals {
            let Ok(handled) = INVITATION_REFUSED.page(AppError::Access(AccessError::Token(error)))
            else {
                panic!("{error:?} has a page");
            };
            let html = String::from_utf8(handled.response.body).unwrap();
            assert_eq!(handled.response.status, status, "{html}");
            assert!(
                html.contains(html!("<p role=\"alert\">{}</p>", words).as_str())
                    && html.contains("<a href=\"/sign-in\">Sign in</a>"),
                "{html}"
            );
        }
        assert!(INVITATION_REFUSED.page(AppError::NotFound).is_err());
    }
}

/// `GET /register`: the form, with the errors the website's flat form was
/// sent back with (`error_{name}` in the query).
pub async fn register_form_page(request: &Request) -> Result<Handled> {
    Ok(registration_form(
        200,
        |_| None,
        |name| request.query_param(&format!("error_{name}")),
        Language::from_accept_language(request.header("accept-language")),
    )
    .into())
}

/// `GET /registered`: where the registration form lands.
pub fn registered_page() -> Response {
    page(UNTRANSLATED,
        200,
        "Thank you for registering",
        paragraph("We have emailed you a link to confirm your address. Open it to activate your account and receive your free support coupon."),
    )
}

/// `GET /support-requested`: where the website's support form lands.
pub fn support_requested_page() -> Response {
    page(UNTRANSLATED,
        200,
        "Support request received",
        paragraph("Thank you. A Spica support specialist will call you back within 24 hours, most requests well within 12. We have emailed you the details."),
    )
}
