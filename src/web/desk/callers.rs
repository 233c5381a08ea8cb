//! Incidents the desk opens for people who phoned (issue 22): the form on
//! `/desk/organisations/{organisation_id}/incidents/new`, which the
//! organisation's page links to, and its post, through the API's use case
//! (`App::open_incident_for_caller`).

use super::*;
use crate::app::{incident_of, CallerForm, CallerIncident, IncidentsError};
use crate::domain::organisation::ContactStatus;

const TITLE: &str = "Open an incident for a caller";

/// The form, with what was typed and each error next to its field. A
/// fresh key unless it shows a refused one again: a double submit of one
/// rendered form opens one incident.
fn caller_form(
    form: &CallerForm,
    key: &str,
    values: &Map<String, Value>,
    errors: &FieldErrors,
    refusal: Option<Html>,
) -> Html {
    let id = form.organisation.id.as_str();
    let active: Vec<_> = form
        .contacts
        .iter()
        .filter(|c| c.status == ContactStatus::Active)
        .collect();
    let typed_contact = value(values, "contact_id");
    let chosen = if typed_contact.is_empty() && active.len() == 1 {
        active[0].id.as_str()
    } else {
        typed_contact
    };
    let mut options: Vec<(&str, String)> = Vec::new();
    if active.len() != 1 {
        options.push(("", "Choose who phoned".to_owned()));
    }
    options.extend(active.iter().map(|c| {
        (
            c.id.as_str(),
            format!("{} ({}, {})", c.name, c.email.as_str(), c.phone),
        )
    }));
    let options: Vec<(&str, &str)> = options.iter().map(|(v, t)| (*v, t.as_str())).collect();
    let (contact_described, contact_error) = match error_for(errors, "contact_id") {
        Some(e) => (
            html!(" aria-invalid=\"true\" aria-describedby=\"contact_id-error\""),
            html!(
                "<p id=\"contact_id-error\" class=\"field-error\" role=\"alert\">{}</p>",
                e
            ),
        ),
        None => (Html::EMPTY, Html::EMPTY),
    };
    let phone = if values.contains_key("phone") {
        value(values, "phone").to_owned()
    } else {
        active
            .iter()
            .find(|c| c.id.as_str() == chosen)
            .map(|c| c.phone.clone())
            .unwrap_or_default()
    };
    let channel = match value(values, "channel") {
        "" => "voice",
        typed => typed,
    };
    let channel_error = error_for(errors, "channel").map_or(Html::EMPTY, |e| {
        html!("<p class=\"field-error\" role=\"alert\">{}</p>", e)
    });
    let balance = if form.balance < 1 {
        html!(
            "<p role=\"alert\">No coupons left ({} coupon(s)): support needs at least one. \
             Sell coupons first or adjust the balance on <a href=\"/desk/organisations/{}\">the organisation's page</a>.</p>",
            form.balance.to_string(),
            id
        )
    } else {
        html!("<p>{} coupon(s) available.</p>", form.balance.to_string())
    };
    html!(
        "<p>For <a href=\"/desk/organisations/{}\">{}</a>. The callback clock starts now, as if the customer had \
         raised it; the contact is emailed its number and link, and it is yours (“mine”).</p>{}{}\
         <form method=\"post\" action=\"/desk/organisations/{}/incidents/new\">\n\
         <input type=\"hidden\" name=\"idempotency_key\" value=\"{}\">\n\
         <p><label for=\"contact_id\">Who phoned</label>\n<select id=\"contact_id\" name=\"contact_id\"{}>{}</select></p>{}\n\
         {}{}{}{}{}{}<button type=\"submit\">Open the incident</button>\n</form>",
        id,
        form.organisation.company_name,
        refusal.unwrap_or(Html::EMPTY),
        balance,
        id,
        key,
        contact_described,
        options_html(&options, chosen),
        contact_error,
        input("subject", "Subject", "text", value(values, "subject"), errors, " required maxlength=\"200\""),
        textarea_with("description", "What the caller said", value(values, "description"), errors),
        select_with("channel", "channel", "How to reach them", &CHANNELS, channel),
        channel_error,
        input(
            "phone",
            "Number to call back (the contact's when empty)",
            "tel",
            &phone,
            errors,
            " autocomplete=\"off\""
        ),
        input(
            "preferred_times",
            "Times that suit them",
            "text",
            value(values, "preferred_times"),
            errors,
            ""
        )
    )
}

/// `GET /desk/organisations/{organisation_id}/incidents/new`.
pub async fn caller_incident_page<D: Database>(
    app: &App<D>,
    caller: &Caller,
    organisation_id: &str,
    entropy: &mut Entropy,
) -> Result<Handled> {
    let form = app.caller_incident_form(caller, organisation_id).await?;
    let body = caller_form(
        &form,
        &entropy.id("ikey"),
        &Map::new(),
        &FieldErrors::default(),
        None,
    );
    Ok(desk(form.staff.role, 200, TITLE, body))
}

/// `POST /desk/organisations/{organisation_id}/incidents/new`: the API's
/// use case, keyed by the form's hidden key in the agent's own scope; on
/// success the new incident's desk page (303).
pub async fn open_caller_incident<D: Database>(
    app: &App<D>,
    request: &Request,
    caller: &Caller,
    organisation_id: &str,
    now: Instant,
    entropy: &mut Entropy,
) -> Result<Handled> {
    let values = form(request)?;
    let object = &values;
    let parsed = CallerIncident::parse(object);
    let key = IdempotencyKey::parse(value(object, "idempotency_key"));
    let shown_key = value(object, "idempotency_key");
    let again = |status: u16, errors: FieldErrors, refusal: Option<Html>| {
        form_again(
            app,
            caller,
            organisation_id,
            (shown_key, object),
            errors,
            refusal,
            status,
        )
    };
    let (input, key) = match (parsed, key) {
        (Ok(input), Ok(key)) => (input, key),
        (parsed, key) => {
            let mut errors = parsed.err().unwrap_or_default();
            if let Err(invalid) = key {
                errors.push("idempotency_key", invalid);
            }
            return again(422, errors, None).await;
        }
    };
    let fingerprint = RequestFingerprint::of(request.method.as_str(), &request.path, &request.body);
    let keyed = Idempotency {
        key: &key,
        request: &fingerprint,
    };
    let render = |incident: &crate::store::IncidentRecord, _: &str| {
        serde_json::json!({ "incident_id": incident.id.as_str() }).to_string()
    };
    let opened = app
        .open_incident_for_caller(
            caller,
            organisation_id,
            input,
            &keyed,
            &render,
            now,
            entropy,
        )
        .await;
    match opened {
        Ok((_, answer)) => match incident_of(&answer) {
            Some(id) => Ok(Handled::with_jobs(
                Response::redirect(&format!("/desk/incidents/{id}")),
                answer.jobs,
            )),
            None => Err(AppError::NotFound.into()),
        },
        Err(AppError::Invalid(errors)) => again(422, errors, None).await,
        Err(AppError::Incidents(
            refused @ (IncidentsError::NoCoupons { .. } | IncidentsError::OrganisationNotActive(_)),
        )) => {
            let says = html!(
                "<p role=\"alert\" class=\"field-error\">{} <a href=\"/desk/organisations/{}\">Open the organisation's page</a>.</p>",
                format!("{refused}."),
                organisation_id
            );
            again(409, FieldErrors::default(), Some(says)).await
        }
        Err(AppError::IdempotencyKeyReused) => {
            // The form was changed after a submit: a new key for a new incident.
            let fresh = entropy.id("ikey");
            let says = html!("<p role=\"alert\" class=\"field-error\">This form was sent before with other values. Check the fields and send it again to open a new incident.</p>");
            form_again(
                app,
                caller,
                organisation_id,
                (&fresh, object),
                FieldErrors::default(),
                Some(says),
                409,
            )
            .await
        }
        Err(error) => Err(error.into()),
    }
}

/// The form again, as it was sent (`key` and `values`), with its errors or
/// the refusal: read afresh, in the request's second round trip.
#[allow(clippy::too_many_arguments)]
async fn form_again<D: Database>(
    app: &App<D>,
    caller: &Caller,
    organisation_id: &str,
    (key, values): (&str, &Map<String, Value>),
    errors: FieldErrors,
    refusal: Option<Html>,
    status: u16,
) -> Result<Handled> {
    let form = app.caller_incident_form(caller, organisation_id).await?;
    let body = caller_form(&form, key, values, &errors, refusal);
    Ok(desk(form.staff.role, status, TITLE, body))
}
