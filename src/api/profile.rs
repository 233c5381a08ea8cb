//! The profile: `PATCH /api/me`, the portal's `/portal/profile` page, and
//! the link that confirms a new email address (`/confirm-email`).

use serde_json::{Map, Value};

use super::decode;
use super::http::{Handled, Request, Response};
use super::pages::{escape, page, page_in, Area};
use super::web::{form, input, link_page, posted_link, problem_page, LinkRefusal};
use super::Result;
use crate::app::AccessError;
use crate::app::{App, AppError, Caller, CustomerPrincipal, Principal};
use crate::domain::entropy::Entropy;
use crate::domain::field::{FieldErrors, Invalid};
use crate::domain::profile::ProfileChange;
use crate::domain::registration::RegistrationInput;
use crate::domain::time::Instant;
use crate::store::Database;

/// What a JSON body may change, by its path: the shape of `GET /api/me`.
const CHANGEABLE: [(&str, &[&str]); 3] = [
    (
        "company",
        &["name", "street", "postal_code", "city", "country", "vat_id"],
    ),
    ("contact", &["name", "email", "phone"]),
    ("newsletter", &[]),
];

/// Every field of the body that is not changeable, as a read-only error.
fn read_only(object: &Map<String, Value>) -> FieldErrors {
    let mut errors = FieldErrors::default();
    let refuse = |errors: &mut FieldErrors, path: &str| {
        errors.push(path, Invalid::new("read_only", "cannot be changed here"));
    };
    for (name, value) in object {
        match CHANGEABLE.iter().find(|(top, _)| top == name) {
            None => refuse(&mut errors, name),
            Some((_, inner)) if !inner.is_empty() => {
                if let Value::Object(fields) = value {
                    for key in fields.keys().filter(|k| !inner.contains(&k.as_str())) {
                        refuse(&mut errors, &format!("{name}.{key}"));
                    }
                }
            }
            Some(_) => {}
        }
    }
    errors
}

/// `PATCH /api/me`: the present fields of `company` and `contact` and
/// `newsletter`; a new `contact.email` waits as `pending_email` until the
/// link sent to it is confirmed. Answers the profile as `GET /api/me`.
pub async fn change_me<D: Database>(
    app: &App<D>,
    request: &Request,
    caller: &Caller,
    now: Instant,
    entropy: &mut Entropy,
) -> Result<Handled> {
    let object = decode::json_object(request)?;
    let mut errors = read_only(&object);
    let mut input = decode::registration_json(&object);
    (input.serial, input.accept_terms) = (None, None);
    let change = match ProfileChange::parse(&input) {
        Ok(change) if errors.is_empty() => change,
        Ok(_) => return Err(decode::invalid(errors)),
        Err(found) => {
            for error in found.into_list() {
                errors.push(&error.field, Invalid::new(error.code, error.detail));
            }
            return Err(decode::invalid(errors));
        }
    };
    let (overview, jobs) = app.change_profile_as(caller, &change, now, entropy).await?;
    let body = super::me_json(&overview, now);
    Ok(Handled::with_jobs(Response::json(200, &body), jobs))
}

/// The form's flat names and what the profile holds for them.
fn current_values(customer: &CustomerPrincipal) -> Map<String, Value> {
    let c = &customer.customer;
    let p = &customer.contact;
    [
        ("company_name", c.company_name.as_str()),
        ("street", &c.street),
        ("postal_code", &c.postal_code),
        ("city", &c.city),
        ("country", &c.country),
        ("vat_id", c.vat_id.as_deref().unwrap_or("")),
        ("contact_name", &p.name),
        ("email", p.email.as_str()),
        ("phone", &p.phone),
        ("newsletter", if p.newsletter { "on" } else { "" }),
    ]
    .into_iter()
    .map(|(name, value)| (name.to_owned(), Value::String(value.to_owned())))
    .collect()
}

fn profile_html(
    customer: &CustomerPrincipal,
    pending_email: Option<&str>,
    errors: &FieldErrors,
    values: &Map<String, Value>,
) -> String {
    let value = |name: &str| values.get(name).and_then(Value::as_str).unwrap_or("");
    // Errors are named by their JSON path; the form's fields are flat.
    let mut flat = FieldErrors::default();
    for error in errors.list() {
        flat.push(
            decode::form_name(&error.field),
            Invalid::new(error.code, error.detail.clone()),
        );
    }
    let pending = pending_email.map_or(String::new(), |email| {
        format!(
            "<p role=\"status\">We have emailed a link to {}: your address changes once you open it.</p>\n",
            escape(email)
        )
    });
    let checked = if value("newsletter").is_empty() {
        ""
    } else {
        " checked"
    };
    format!(
        "{pending}<form method=\"post\" action=\"/portal/profile\">\n<h2>{}</h2>\n{}{}{}{}{}{}\
         <h2>You</h2>\n{}{}{}<p>A new address replaces the old one once you open the link we email to it.</p>\n\
         <p><input id=\"newsletter\" name=\"newsletter\" type=\"checkbox\"{checked}>\n\
         <label for=\"newsletter\">Send me Time &amp; Space news and bulletins</label></p>\n\
         <button type=\"submit\">Save</button>\n</form>",
        escape(&customer.customer.company_name),
        input("company_name", "Company name", "text", value("company_name"), &flat, " required autocomplete=\"organization\""),
        input("street", "Street", "text", value("street"), &flat, " required autocomplete=\"street-address\""),
        input("postal_code", "Postal code", "text", value("postal_code"), &flat, " required autocomplete=\"postal-code\""),
        input("city", "City", "text", value("city"), &flat, " required autocomplete=\"address-level2\""),
        input("country", "Country (ISO code, such as SI)", "text", value("country"), &flat, " required maxlength=\"2\""),
        input("vat_id", "VAT number (optional)", "text", value("vat_id"), &flat, ""),
        input("contact_name", "Your name", "text", value("contact_name"), &flat, " required autocomplete=\"name\""),
        input("email", "Email", "email", value("email"), &flat, " required autocomplete=\"email\""),
        input("phone", "Phone, with country code", "tel", value("phone"), &flat, " required autocomplete=\"tel\""),
    )
}

/// `GET /portal/profile`: the form with the current values.
pub async fn profile_page<D: Database>(app: &App<D>, caller: &Caller) -> Result<Handled> {
    let (customer, pending) = app.profile_form(caller).await?;
    let html = profile_html(
        &customer,
        pending.as_deref(),
        &FieldErrors::default(),
        &current_values(&customer),
    );
    Ok(page_in(Area::Customer, 200, "Your profile", &html).into())
}

/// `POST /portal/profile`: saved (back to the page), or the form again with
/// what was typed and each error next to its field (422).
pub async fn save_profile<D: Database>(
    app: &App<D>,
    request: &Request,
    principal: &Principal,
    now: Instant,
    entropy: &mut Entropy,
) -> Result<Handled> {
    let customer = principal.customer()?;
    let object = form(request)?;
    let text = |name: &str| object.get(name).and_then(Value::as_str).map(str::to_owned);
    let input = RegistrationInput {
        company_name: text("company_name"),
        street: text("street"),
        postal_code: text("postal_code"),
        city: text("city"),
        country: text("country"),
        vat_id: Some(text("vat_id").unwrap_or_default()),
        contact_name: text("contact_name"),
        email: text("email"),
        phone: text("phone"),
        newsletter: Some(text("newsletter").is_some_and(|v| !v.is_empty())),
        ..RegistrationInput::default()
    };
    let again = |errors: &FieldErrors| {
        page_in(
            Area::Customer,
            422,
            "Your profile",
            &profile_html(&customer, None, errors, &object),
        )
    };
    let change = match ProfileChange::parse(&input) {
        Ok(change) => change,
        Err(errors) => return Ok(again(&errors).into()),
    };
    match app.change_profile(&customer, &change, now, entropy).await {
        Ok(jobs) => Ok(Handled::with_jobs(
            Response::redirect("/portal/profile"),
            jobs,
        )),
        Err(AppError::Invalid(errors)) => Ok(again(&errors).into()),
        Err(error) => Ok(problem_page(Area::Customer, error.into())),
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
const CONFIRM_EMAIL_REFUSED: LinkRefusal = LinkRefusal {
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
            page(
                200,
                "Email address changed",
                "<p role=\"status\">Thank you. You now sign in with this address.</p><p><a href=\"/portal\">To your account</a></p>",
            ),
            jobs,
        )),
        Err(AppError::Access(AccessError::EmailTaken)) => Ok(page(
            409,
            "Email address not changed",
            "<p role=\"alert\">This address belongs to another contact by now, so your address stays as it was.</p>",
        )
        .into()),
        Err(error) => CONFIRM_EMAIL_REFUSED.page(error),
    }
}
