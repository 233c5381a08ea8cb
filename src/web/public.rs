//! The public pages: home, terms, news, sign-in, registration and the pages
//! that emailed links open (invitations, confirmations, unsubscription).

use super::prelude::*;
use super::shell::paragraph;
use crate::app::{AccessError, LicensingError};
use crate::domain::email::Email;
use crate::domain::invitation::InvitationError;
use crate::domain::language::Language;
use crate::domain::registration::NewRegistration;

pub fn home(lang: Language) -> Response {
    page(
        lang,
        200,
        m::public_home_title(lang),
        html!(
            "<p>{}</p>\n<p><a href=\"/register\">{}</a> · <a href=\"/sign-in\">{}</a> · \
             <a href=\"/terms\">{}</a></p>",
            m::public_home_intro(lang),
            m::public_home_register(lang),
            m::public_home_sign_in(lang),
            m::public_home_terms(lang)
        ),
    )
}

/// The support terms, from the vendor's support page, with their version.
pub fn terms(lang: Language) -> Response {
    let price =
        |sups| crate::domain::format::money(lang, crate::domain::order::unit_price(sups).cents());
    let coupons = m::public_terms_coupons(
        lang,
        m::PublicTermsCoupons {
            price: &price(false),
            sups_price: &price(true),
        },
    );
    let terms: [&str; 11] = [
        m::public_terms_registered_only(lang),
        m::public_terms_register(lang),
        m::public_terms_raised(lang),
        m::public_terms_delivered(lang),
        m::public_terms_response(lang),
        m::public_terms_staff(lang),
        m::public_terms_increments(lang),
        m::public_terms_best_effort(lang),
        &coupons,
        m::public_terms_purchase(lang),
        m::public_terms_first_free(lang),
    ];
    let items: Html = terms.iter().map(|t| html!("<li>{}</li>", t)).collect();
    page(
        lang,
        200,
        m::public_terms_title(lang),
        html!(
            "<p>{}</p>\n<ol>{}</ol>\n<p>{}</p>",
            m::public_terms_version(lang, crate::domain::registration::TERMS_VERSION),
            items,
            m::public_terms_sups(lang)
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

/// A message of the catalogue without variables: the words of a page that
/// a table of them names (a refusal's sentences, a form's labels).
pub(crate) type Words = fn(Language) -> &'static str;

/// A sign-in form for a secret, carrying where to go back to afterwards.
pub(crate) fn credential_form(
    lang: Language,
    action: &str,
    name: &str,
    label: &str,
    error: Option<Words>,
    next: Option<&str>,
) -> Html {
    let mut errors = FieldErrors::default();
    if let Some(error) = error {
        errors.push(name, Invalid::said("invalid", error));
    }
    let errors = errors.in_language(lang);
    html!(
        "<form method=\"post\" action=\"{}\">{}{}<button type=\"submit\">{}</button></form>",
        action,
        input(
            name,
            label,
            "password",
            "",
            &errors,
            " required autocomplete=\"current-password\""
        ),
        next_field(next),
        m::public_sign_in(lang)
    )
}

/// A sign-in page that takes a secret (the break-glass staff token, a
/// partner key) and opens a browser session for its holder: the cookie
/// holds the session's random id, never the secret.
pub struct CredentialSignIn {
    pub(crate) action: &'static str,
    pub(crate) field: &'static str,
    pub(crate) label: Words,
    pub(crate) title: Words,
    pub(crate) landing: &'static str,
    pub(crate) refused: Words,
    pub(crate) staff: bool,
}

pub const DESK_SIGN_IN: CredentialSignIn = CredentialSignIn {
    action: "/desk/sign-in",
    field: "token",
    label: m::public_desk_sign_in_label,
    title: m::public_desk_sign_in_title,
    landing: "/desk",
    refused: m::public_desk_sign_in_refused,
    staff: true,
};

pub const PARTNER_SIGN_IN: CredentialSignIn = CredentialSignIn {
    action: "/partner/sign-in",
    field: "key",
    label: m::public_partner_sign_in_label,
    title: m::public_partner_sign_in_title,
    landing: "/partner",
    refused: m::public_partner_sign_in_refused,
    staff: false,
};

impl CredentialSignIn {
    /// The sign-in page; `?next=` is where signing in leads.
    pub fn page(&self, lang: Language, request: &Request) -> Response {
        let next = request.query_param("next");
        let form = credential_form(
            lang,
            self.action,
            self.field,
            (self.label)(lang),
            None,
            next.as_deref(),
        );
        page_in(lang, Area::Public, 200, (self.title)(lang), form)
    }

    /// Checks the posted secret; a valid one opens a session.
    pub async fn sign_in<D: Database>(
        &self,
        app: &App<D>,
        lang: Language,
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
                lang,
                self.action,
                self.field,
                (self.label)(lang),
                Some(self.refused),
                next,
            );
            return Ok(page_in(lang, Area::Public, 401, (self.title)(lang), body).into());
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
    lang: Language,
    request: &Request,
    title: &str,
    action: &str,
    intro: &str,
    button: &str,
) -> Response {
    match request.query_param("token").and_then(|t| Token::parse(&t).ok()) {
        Some(token) => page(
            lang,
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
        None => page(
            lang,
            400,
            title,
            html!("<p>{}</p>", m::public_link_incomplete(lang)),
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
    pub(crate) title: Words,
    /// The link was used already.
    pub(crate) used: Words,
    pub(crate) expired: Words,
    /// No such link (a newer one replaced it, or it was mistyped).
    pub(crate) unknown: Words,
    /// The page to go on to, and the words of its link.
    pub(crate) onward: (&'static str, Words),
}

impl LinkRefusal {
    /// The page for a spent (409), expired (410) or unknown (400) link, or
    /// for a request decided already (409); anything else is the caller's
    /// to answer.
    pub(crate) fn page(&self, lang: Language, error: AppError) -> Result<Handled> {
        let (status, text) = match error {
            AppError::Access(AccessError::Token(TokenError::AlreadyUsed)) => (409, self.used),
            AppError::Access(AccessError::Token(TokenError::Expired)) => (410, self.expired),
            AppError::Access(AccessError::Token(_)) => (400, self.unknown),
            AppError::Licensing(LicensingError::ClaimDecided) => {
                (409, m::public_request_decided as Words)
            }
            other => return Err(other.into()),
        };
        Ok(self.said(lang, status, text(lang)).into())
    }

    /// The page that says `text`, with the link onward.
    fn said(&self, lang: Language, status: u16, text: &str) -> Response {
        let (href, words) = self.onward;
        page(
            lang,
            status,
            (self.title)(lang),
            html!(
                "<p role=\"alert\">{}</p>\n<p><a href=\"{}\">{}</a></p>",
                text,
                href,
                words(lang)
            ),
        )
    }
}

pub(crate) const INVITATION_REFUSED: LinkRefusal = LinkRefusal {
    title: m::public_invitation_title,
    used: m::public_invitation_used,
    expired: m::public_invitation_expired,
    unknown: m::public_invitation_unknown,
    onward: ("/sign-in", m::public_home_sign_in),
};

/// The page of an invitation's link that accepts nothing: what became of
/// the invitation, with the status its API problem has.
fn invitation_refused(lang: Language, error: AppError) -> Result<Handled> {
    let text: Words = match &error {
        AppError::Access(AccessError::Invitation(refused)) => match refused {
            InvitationError::Accepted => INVITATION_REFUSED.used,
            InvitationError::Expired => INVITATION_REFUSED.expired,
            InvitationError::Withdrawn => m::public_invitation_withdrawn,
            InvitationError::Replaced => m::public_invitation_replaced,
            InvitationError::OrganisationNotActive => m::public_invitation_organisation_inactive,
            InvitationError::AddressTaken => m::public_invitation_address_taken,
        },
        _ => return INVITATION_REFUSED.page(lang, error),
    };
    Ok(INVITATION_REFUSED
        .said(lang, error.problem().status, text(lang))
        .into())
}

pub(crate) const CONFIRM_JOIN_REFUSED: LinkRefusal = LinkRefusal {
    title: m::public_join_request_title,
    used: m::public_join_request_used,
    expired: m::public_join_request_expired,
    unknown: m::public_link_unknown_newest,
    onward: ("/portal/contacts", m::public_join_request_contacts),
};

/// `GET /invitation?token=`: the invitation's page, reading (never
/// spending) the link: who invites to which organisation and one button,
/// or what became of the invitation.
pub async fn invitation_page<D: Database>(
    app: &App<D>,
    lang: Language,
    request: &Request,
    now: Instant,
) -> Result<Handled> {
    let title = m::public_invitation_join_title(lang);
    let Some(link) = request
        .query_param("token")
        .and_then(|t| Token::parse(&t).ok())
    else {
        return Ok(link_page(lang, request, title, "/invitation", "", "").into());
    };
    let invitation = match app.invitation(&link, now).await {
        Ok(invitation) => invitation,
        Err(error) => return invitation_refused(lang, error),
    };
    let text = m::public_invitation_text(
        lang,
        m::PublicInvitationText {
            inviter: &invitation.invited_by_name,
            company: &invitation.company_name,
            name: &invitation.name,
            email: invitation.email.as_str(),
        },
    );
    Ok(page(
        lang,
        200,
        title,
        html!(
            "<p>{}</p>\n\
             <form method=\"post\" action=\"/invitation\">\n<input type=\"hidden\" name=\"token\" value=\"{}\">\n\
             <button type=\"submit\">{}</button>\n</form>",
            text,
            link.as_str(),
            m::public_invitation_accept(lang)
        ),
    )
    .into())
}

/// `POST /invitation`: accepts, and signs the browser in; the new contact
/// is written to in the language the page was read in.
pub async fn accept_invitation<D: Database>(
    app: &App<D>,
    lang: Language,
    request: &Request,
    now: Instant,
    entropy: &mut Entropy,
) -> Result<Handled> {
    let accepted = match posted_link(request) {
        Ok(link) => {
            app.accept_invitation_in_browser(&link, lang, now, entropy)
                .await
        }
        Err(error) => Err(error),
    };
    match accepted {
        Ok(session) => Ok(customer_session(app, &session, None).into()),
        Err(error) => invitation_refused(lang, error),
    }
}

/// `GET /confirm-join?token=`: a holder's contact is asked about a claimant.
pub fn confirm_join_page(lang: Language, request: &Request) -> Response {
    link_page(
        lang,
        request,
        m::public_join_ask_title(lang),
        "/confirm-join",
        m::public_join_ask_text(lang),
        m::public_join_ask_button(lang),
    )
}

/// `POST /confirm-join`: the claimant becomes a contact of the holder.
pub async fn confirm_join<D: Database>(
    app: &App<D>,
    lang: Language,
    request: &Request,
    now: Instant,
) -> Result<Handled> {
    let confirmed = match posted_link(request) {
        Ok(link) => app.confirm_join(&link, now).await,
        Err(error) => Err(error),
    };
    match confirmed {
        Ok(()) => Ok(page(
            lang,
            200,
            m::public_join_confirmed_title(lang),
            html!(
                "<p role=\"status\">{}</p>",
                m::public_join_confirmed_text(lang)
            ),
        )
        .into()),
        Err(error) => CONFIRM_JOIN_REFUSED.page(lang, error),
    }
}

/// `GET /confirm-email?token=`: one button, so that a mail scanner that
/// opens the link changes nothing.
pub fn confirm_email_page(lang: Language, request: &Request) -> Response {
    link_page(
        lang,
        request,
        m::public_email_change_title(lang),
        "/confirm-email",
        m::public_email_change_text(lang),
        m::public_email_change_button(lang),
    )
}

/// Once confirmed, the link is forgotten with the pending change, so a
/// second click finds no link: its words say what that may mean.
pub(crate) const CONFIRM_EMAIL_REFUSED: LinkRefusal = LinkRefusal {
    title: m::public_email_change_refused_title,
    used: m::public_email_change_used,
    expired: m::public_email_change_expired,
    unknown: m::public_email_change_unknown,
    onward: ("/portal/profile", m::public_email_change_profile),
};

/// `POST /confirm-email`: the new address replaces the old one.
pub async fn confirm_email<D: Database>(
    app: &App<D>,
    lang: Language,
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
            page(
                lang,
                200,
                m::public_email_changed_title(lang),
                html!(
                    "<p role=\"status\">{}</p><p><a href=\"/portal\">{}</a></p>",
                    m::public_email_changed_text(lang),
                    m::public_email_changed_onward(lang)
                ),
            ),
            jobs,
        )),
        Err(AppError::Access(AccessError::EmailTaken)) => Ok(page(
            lang,
            409,
            m::public_email_taken_title(lang),
            html!("<p role=\"alert\">{}</p>", m::public_email_taken_text(lang)),
        )
        .into()),
        Err(error) => CONFIRM_EMAIL_REFUSED.page(lang, error),
    }
}

/// A day as its reader writes it, in Ljubljana (the portal's home): the
/// `<time>` keeps the instant for machines.
fn day(lang: Language, instant: Instant) -> Html {
    let (local, _) = crate::domain::time::in_ljubljana(instant);
    html!(
        "<time datetime=\"{}\">{}</time>",
        format(instant),
        crate::domain::format::date(lang, local.date())
    )
}

/// `GET /news`: every published bulletin, newest first.
pub async fn news<D: Database>(app: &App<D>, lang: Language) -> Result<Handled> {
    let items: Html = app
        .bulletins(bulletins::BULLETINS_SHOWN)
        .await?
        .iter()
        .map(|s| {
            html!(
                "<li><a href=\"/news/{}\">{}</a> {}</li>\n",
                s.bulletin.id,
                s.bulletin.subject_in(lang),
                day(lang, s.bulletin.published_at)
            )
        })
        .collect();
    let body = if items.is_empty() {
        html!("<p>{}</p>", m::public_news_none(lang))
    } else {
        html!("<ul class=\"news\">\n{}</ul>", items)
    };
    Ok(page(lang, 200, m::public_news_title(lang), body).into())
}

/// `GET /news/{id}`: one bulletin, as its email's HTML.
pub async fn news_item<D: Database>(app: &App<D>, lang: Language, id: &str) -> Result<Handled> {
    let bulletin = app.bulletin(id).await?;
    let body = html!(
        "<p>{}</p>\n{}<p><a href=\"/news\">{}</a></p>",
        day(lang, bulletin.published_at),
        body_html(bulletin.body_in(lang)),
        m::public_news_all(lang)
    );
    Ok(page(lang, 200, bulletin.subject_in(lang), body).into())
}

/// The token of an unsubscribe link: in the query (the link itself, and
/// the one-click POST of RFC 8058) or a posted field.
pub(crate) fn unsubscribe_token(request: &Request) -> Option<Token> {
    request
        .query_param("token")
        .or_else(|| decode::form_field(request, "token"))
        .and_then(|t| Token::parse(&t).ok())
}

pub(crate) fn incomplete_link(lang: Language) -> Handled {
    page(
        lang,
        400,
        m::public_unsubscribe_title(lang),
        html!(
            "<p role=\"alert\">{}</p>",
            m::public_unsubscribe_incomplete(lang)
        ),
    )
    .into()
}

/// `GET /unsubscribe?token=…`: a page with the button (a GET changes
/// nothing, as mail scanners open links).
pub fn unsubscribe_page(lang: Language, request: &Request) -> Handled {
    let Some(token) = unsubscribe_token(request) else {
        return incomplete_link(lang);
    };
    page(
        lang,
        200,
        m::public_unsubscribe_title(lang),
        html!(
            "<p>{}</p>\n\
             <form method=\"post\" action=\"/unsubscribe?token={}\">\n<button type=\"submit\">{}</button>\n</form>",
            m::public_unsubscribe_text(lang),
            token.as_str(),
            m::public_unsubscribe_button(lang)
        ),
    )
    .into()
}

/// `POST /unsubscribe?token=…`: unsubscribes, without signing in.
pub async fn unsubscribe<D: Database>(
    app: &App<D>,
    lang: Language,
    request: &Request,
) -> Result<Handled> {
    let Some(token) = unsubscribe_token(request) else {
        return Ok(incomplete_link(lang));
    };
    if !app.unsubscribe(&token).await? {
        return Ok(incomplete_link(lang));
    }
    Ok(page(
        lang,
        200,
        m::public_unsubscribed_title(lang),
        html!(
            "<p role=\"status\">{}</p>",
            m::public_unsubscribed_text(lang)
        ),
    )
    .into())
}

/// The registration form's fields: form name, label, input type, autocomplete.
pub(crate) const REGISTRATION_FIELDS: [(&str, Words, &str, &str); 10] = [
    ("serial", m::public_field_serial, "text", "off"),
    (
        "company_name",
        m::public_field_company_name,
        "text",
        "organization",
    ),
    ("street", m::public_field_street, "text", "address-line1"),
    (
        "postal_code",
        m::public_field_postal_code,
        "text",
        "postal-code",
    ),
    ("city", m::public_field_city, "text", "address-level2"),
    ("country", m::public_field_country, "select", "country"),
    ("vat_id", m::public_field_vat_id, "text", "off"),
    ("contact_name", m::public_field_contact_name, "text", "name"),
    ("email", m::public_field_email, "email", "email"),
    ("phone", m::public_field_phone, "tel", "tel"),
];

/// The registration page's form, in `lang`. It posts to `/register`, which
/// answers a refusal with this form again: the values typed (`value_of`),
/// each error next to its field, and nothing personal in the URL. The
/// language select offers the page's language (the browser's) until one
/// is chosen.
pub fn registration_form(
    lang: Language,
    status: u16,
    value_of: impl Fn(&str) -> Option<String>,
    error_for: impl Fn(&str) -> Option<String>,
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
        if name == "country" {
            // Names in the page's language, posting the ISO code; Slovenia
            // until another is chosen.
            let chosen = if value.is_empty() { "SI" } else { &value };
            let attributes = described.unwrap_or_default();
            html.push(country_select_with(
                lang,
                name,
                label(lang),
                chosen,
                attributes,
            ));
            html.push(error);
            continue;
        }
        html.push(html!(
            "<p><label for=\"{}\">{}</label>\n\
             <input id=\"{}\" name=\"{}\" type=\"{}\" value=\"{}\" autocomplete=\"{}\"{}{}></p>\n{}",
            name,
            label(lang),
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
        .unwrap_or(lang);
    html.push(crate::web::forms::language_select(
        m::public_register_language(lang),
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
    let privacy = html!(
        "<a href=\"/privacy\">{}</a>",
        m::public_register_privacy_link(lang)
    );
    html.push(html!(
        "<p><input id=\"newsletter\" name=\"newsletter\" type=\"checkbox\"{}>\n\
         <label for=\"newsletter\">{}</label></p>\n\
         <p><input id=\"accept_terms\" name=\"accept_terms\" type=\"checkbox\" required{}>\n\
         <label for=\"accept_terms\">{}</label></p>\n{}\
         <p>{}</p>\n\
         <button type=\"submit\">{}</button>\n</form>",
        checked("newsletter"),
        m::public_register_newsletter(lang),
        checked("accept_terms"),
        m::public_register_accept_terms(lang),
        field_error("accept_terms"),
        m::public_register_privacy(lang, &privacy),
        m::public_register_button(lang)
    ));
    page(lang, status, m::public_register_title(lang), html)
}

// ---- registration, confirmation and sign-in by link -------------------------

/// The portal's own registration page: a refusal shows the form again with
/// what was typed and each error next to its field (422), in the page's
/// language; success goes on to the thank-you page. The contact's language
/// is the one chosen in the form, else the page's.
pub async fn register_page<D: Database>(
    app: &App<D>,
    lang: Language,
    request: &Request,
    now: Instant,
    entropy: &mut Entropy,
) -> Result<Handled> {
    let Body::Form(pairs) = decode::body(request, true)? else {
        return Err(ApiError::UnsupportedMediaType(
            "application/x-www-form-urlencoded",
        ));
    };
    let again = |errors: FieldErrors| {
        let errors = errors.in_language(lang);
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
        Handled::from(registration_form(lang, 422, value_of, error_for))
    };
    let mut input = crate::app::input::registration_form(&pairs);
    input.fallback_language = Some(lang);
    let registration = match NewRegistration::parse(input, &app.config.vendor_addresses) {
        Ok(registration) => registration,
        Err(errors) => return Ok(again(errors)),
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
            Ok(again(errors))
        }
        Err(other) => Err(other.into()),
    }
}

/// The page the verification link opens: a button that confirms, so that
/// opening the link reads nothing and spends nothing (a mail scanner
/// following it confirms no one), as the invitation's page does.
pub fn verify_page(lang: Language, request: &Request) -> Response {
    link_page(
        lang,
        request,
        m::public_verify_title(lang),
        "/verify",
        m::public_verify_text(lang),
        m::public_verify_button(lang),
    )
}

/// `POST /verify`: the verification page's button confirms the address.
pub async fn verify_form<D: Database>(
    app: &App<D>,
    lang: Language,
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
                crate::app::FreeCouponOutcome::Granted => m::public_verify_coupon_granted(lang),
                crate::app::FreeCouponOutcome::AlreadyGrantedForSerial => {
                    m::public_verify_coupon_given(lang)
                }
                crate::app::FreeCouponOutcome::AwaitingLicenseClaim => {
                    m::public_verify_coupon_awaiting(lang)
                }
            };
            let body = html!(
                "{}\n{}\n<p><a href=\"/sign-in\">{}</a></p>",
                paragraph(m::public_verify_done(lang)),
                paragraph(coupon),
                m::public_home_sign_in(lang)
            );
            Ok(Handled::with_jobs(
                page(lang, 200, m::public_verify_done_title(lang), body),
                verified.jobs,
            ))
        }
        Err(error) => VERIFY_REFUSED.page(lang, error),
    }
}

const VERIFY_REFUSED: LinkRefusal = LinkRefusal {
    title: m::public_verify_refused_title,
    used: m::public_verify_used,
    expired: m::public_verify_expired,
    unknown: m::public_link_unknown_newest,
    onward: ("/sign-in", m::public_home_sign_in),
};

const SIGN_IN_REFUSED: LinkRefusal = LinkRefusal {
    title: m::public_sign_in_refused_title,
    used: m::public_sign_in_used,
    expired: m::public_sign_in_expired,
    unknown: m::public_sign_in_unknown,
    onward: ("/sign-in", m::public_sign_in_ask_again),
};

/// The page the sign-in link opens: one button, so that a mail scanner that
/// follows links does not spend the link.
pub fn sign_in_page(lang: Language, request: &Request) -> Response {
    let next = next_field(request.query_param("next").as_deref());
    let title = m::public_home_sign_in(lang);
    match request.query_param("token").and_then(|t| Token::parse(&t).ok()) {
        Some(token) => page(
            lang,
            200,
            title,
            html!(
                "<form method=\"post\" action=\"/sign-in\">\n<input type=\"hidden\" name=\"token\" value=\"{}\">{}\n\
                 <button type=\"submit\">{}</button>\n</form>",
                token.as_str(),
                next,
                m::public_sign_in_link_button(lang)
            ),
        ),
        None => page(
            lang,
            200,
            title,
            html!(
                "<form method=\"post\" action=\"/sign-in\">\n<label for=\"email\">{}</label>\n\
                 <input id=\"email\" name=\"email\" type=\"email\" autocomplete=\"email\" required>{}\n\
                 <button type=\"submit\">{}</button>\n</form>",
                m::public_sign_in_email_label(lang),
                next,
                m::public_sign_in_email_button(lang)
            ),
        ),
    }
}

/// The sign-in form's answer when the address's hourly quota of links is
/// full: no link went, and the page says so, with when the last one was
/// asked for and from when a new one may be (true of any address).
fn sign_in_withheld(lang: Language, withheld: &crate::domain::notification::Withheld) -> Response {
    page(
        lang,
        429,
        m::public_no_new_link_title(lang),
        html!(
            "<p role=\"alert\">{}</p>\n<p>{}</p>\n<p><a href=\"/sign-in\">{}</a></p>",
            m::public_sign_in_withheld(
                lang,
                m::PublicSignInWithheld {
                    count: crate::domain::notification::LINKS_PER_HOUR,
                    last_html: &when(lang, withheld.last_requested_at),
                }
            ),
            m::public_sign_in_withheld_newest(lang, &when(lang, withheld.retry_at)),
            m::public_back_to_sign_in(lang)
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

/// `POST /sign-in`: the page's "email me a link" form, or the sign-in
/// link's button, which opens the session and makes the contact's own
/// language the browser's.
pub async fn sign_in_form<D: Database>(
    app: &App<D>,
    lang: Language,
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
                    return Ok(sign_in_withheld(lang, &withheld).into())
                }
                other => other?,
            },
            Err(_) => Vec::new(),
        };
        return Ok(Handled::with_jobs(
            page(
                lang,
                200,
                m::public_sign_in_sent_title(lang),
                paragraph(m::public_sign_in_sent(lang)),
            ),
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
        Ok((session, language)) => Ok(with_language(
            app,
            customer_session(app, &session, next.as_ref()),
            language,
        )
        .into()),
        Err(error) => SIGN_IN_REFUSED.page(lang, error),
    }
}

#[cfg(test)]
mod form_tests {
    use super::*;

    #[test]
    fn errors_stand_next_to_their_fields_for_screen_readers() {
        let response = registration_form(
            Language::Sl,
            422,
            |name| (name == "city").then(|| "Ljub\"ljana".to_string()),
            |name| (name == "email").then(|| "<bad>".to_string()),
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

    #[test]
    fn the_registration_form_is_in_the_page_s_language_and_offers_it() {
        let html = |lang| {
            String::from_utf8(registration_form(lang, 200, |_| None, |_| None).body).unwrap()
        };
        let slovenian = html(Language::Sl);
        assert!(slovenian.contains("<html lang=\"sl\">"), "{slovenian}");
        assert!(slovenian.contains("<label for=\"company_name\">Podjetje</label>"));
        assert!(slovenian.contains("<option value=\"sl\" selected>Slovenščina</option>"));
        assert!(slovenian.contains("<a href=\"/privacy\">zasebnost</a>."));
        assert!(!slovenian.contains("Register"), "{slovenian}");
        let english = html(Language::En);
        assert!(english.contains("<label for=\"company_name\">Company</label>"));
        assert!(english.contains("<option value=\"en\" selected>English</option>"));
        assert!(english.contains("<button type=\"submit\">Register</button>"));
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
        for lang in Language::ALL {
            for (error, status, words) in refusals {
                let Ok(handled) =
                    INVITATION_REFUSED.page(lang, AppError::Access(AccessError::Token(error)))
                else {
                    panic!("{error:?} has a page");
                };
                let html = String::from_utf8(handled.response.body).unwrap();
                assert_eq!(handled.response.status, status, "{html}");
                assert!(
                    html.contains(html!("<p role=\"alert\">{}</p>", words(lang)).as_str())
                        && html.contains(
                            html!("<a href=\"/sign-in\">{}</a>", m::public_home_sign_in(lang))
                                .as_str()
                        ),
                    "{html}"
                );
            }
            assert!(INVITATION_REFUSED.page(lang, AppError::NotFound).is_err());
        }
        let Ok(slovenian) = INVITATION_REFUSED.page(
            Language::Sl,
            AppError::Access(AccessError::Token(TokenError::Expired)),
        ) else {
            panic!("an expired link has a page");
        };
        let html = String::from_utf8(slovenian.response.body).unwrap();
        assert!(html.contains("To povabilo je poteklo."), "{html}");
        assert!(html.contains("<a href=\"/sign-in\">Prijava</a>"), "{html}");
    }

    #[test]
    fn the_terms_state_the_prices_in_the_reader_s_format() {
        let text = |lang| String::from_utf8(terms(lang).body).unwrap();
        let slovenian = text(Language::Sl);
        assert!(slovenian.contains("25,00\u{a0}€"), "{slovenian}");
        assert!(slovenian.contains("15,00\u{a0}€"), "{slovenian}");
        assert!(!slovenian.contains("EUR"), "{slovenian}");
        let english = text(Language::En);
        assert!(
            english.contains("€25.00") && english.contains("€15.00"),
            "{english}"
        );
    }
}

/// `GET /register`: the form, with the errors the website's flat form was
/// sent back with (`error_{name}` in the query).
pub async fn register_form_page(lang: Language, request: &Request) -> Result<Handled> {
    Ok(registration_form(
        lang,
        200,
        |_| None,
        |name| request.query_param(&format!("error_{name}")),
    )
    .into())
}

/// `GET /registered`: where the registration form lands.
pub fn registered_page(lang: Language) -> Response {
    page(
        lang,
        200,
        m::public_registered_title(lang),
        paragraph(m::public_registered_text(lang)),
    )
}

/// `GET /support-requested`: where the website's support form lands.
pub fn support_requested_page(lang: Language) -> Response {
    page(
        lang,
        200,
        m::public_support_requested_title(lang),
        paragraph(m::public_support_requested_text(lang)),
    )
}
