//! Incidents the desk opens for people who phoned (issue 22): the form on
//! `/desk/organisations/{organisation_id}/incidents/new`, which the
//! organisation's page links to, and its post, through the API's use case
//! (`App::open_incident_for_caller`).

use super::*;
use crate::app::{incident_of, CallerForm, CallerIncident, IncidentsError};
use crate::domain::intake::NotRaisable;
use crate::domain::organisation::ContactStatus;

/// The form, with what was typed and each error next to its field. A
/// fresh key unless it shows a refused one again: a double submit of one
/// rendered form opens one incident.
fn caller_form(
    lang: Language,
    form: &CallerForm,
    key: &str,
    values: &Map<String, Value>,
    errors: &FieldErrors,
    refusal: Option<Html>,
) -> Html {
    let errors = &errors.clone().in_language(lang);
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
        options.push(("", m::desk_caller_choose(lang).to_owned()));
    }
    options.extend(active.iter().map(|c| {
        (
            c.id.as_str(),
            format!(
                "{} ({}, {})",
                c.name,
                c.email.as_str(),
                crate::domain::phone::shown(&c.phone)
            ),
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
        let page = html!(
            "<a href=\"/desk/organisations/{}\">{}</a>",
            id,
            m::desk_caller_organisation_page(lang)
        );
        let says = m::DeskCallerNoCoupons {
            balance: form.balance,
            page_html: &page,
        };
        html!(
            "<p role=\"alert\">{}</p>",
            m::desk_caller_no_coupons(lang, says)
        )
    } else {
        html!("<p>{}</p>", m::desk_caller_available(lang, form.balance))
    };
    let organisation = html!(
        "<a href=\"/desk/organisations/{}\">{}</a>",
        id,
        form.organisation.company_name
    );
    html!(
        "<p>{}</p>{}{}\
         <form method=\"post\" action=\"/desk/organisations/{}/incidents/new\">\n\
         <input type=\"hidden\" name=\"idempotency_key\" value=\"{}\">\n\
         <p><label for=\"contact_id\">{}</label>\n<select id=\"contact_id\" name=\"contact_id\"{}>{}</select></p>{}\n\
         {}{}{}{}{}{}<button type=\"submit\">{}</button>\n</form>",
        m::desk_caller_intro(lang, &organisation),
        refusal.unwrap_or(Html::EMPTY),
        balance,
        id,
        key,
        m::desk_caller_who(lang),
        contact_described,
        options_html(&options, chosen),
        contact_error,
        input("subject", m::desk_caller_subject(lang), "text", value(values, "subject"), errors, " required maxlength=\"200\""),
        textarea_with("description", m::desk_caller_description(lang), value(values, "description"), errors),
        select_with("channel", "channel", m::desk_caller_channel(lang), &channels(lang), channel),
        channel_error,
        input(
            "phone",
            m::desk_caller_phone(lang),
            "tel",
            &phone,
            errors,
            " autocomplete=\"off\""
        ),
        input(
            "preferred_times",
            m::desk_caller_times(lang),
            "text",
            value(values, "preferred_times"),
            errors,
            ""
        ),
        m::desk_caller_open(lang)
    )
}

/// `GET /desk/organisations/{organisation_id}/incidents/new`.
pub async fn caller_incident_page<D: Database>(
    app: &App<D>,
    caller: &Caller,
    organisation_id: &str,
    lang: DeskLanguage,
    entropy: &mut Entropy,
) -> Result<Handled> {
    let form = app.caller_incident_form(caller, organisation_id).await?;
    let lang = lang.of_staff(&form.staff);
    let body = caller_form(
        lang,
        &form,
        &entropy.id("ikey"),
        &Map::new(),
        &FieldErrors::default(),
        None,
    );
    let title = m::desk_caller_title(lang);
    Ok(desk_in(lang, form.staff.role, 200, title, body))
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
    let lang = DeskLanguage::of(request);
    let parsed = CallerIncident::parse(object);
    let key = IdempotencyKey::parse(value(object, "idempotency_key"));
    let shown_key = value(object, "idempotency_key");
    let (input, key) = match (parsed, key) {
        (Ok(input), Ok(key)) => (input, key),
        (parsed, key) => {
            let mut errors = parsed.err().unwrap_or_default();
            if let Err(invalid) = key {
                errors.push("idempotency_key", invalid);
            }
            return form_again(
                app,
                caller,
                organisation_id,
                (shown_key, object),
                errors,
                None,
                (422, lang),
            )
            .await;
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
        Err(AppError::Invalid(errors)) => {
            form_again(
                app,
                caller,
                organisation_id,
                (shown_key, object),
                errors,
                None,
                (422, lang),
            )
            .await
        }
        Err(AppError::Incidents(
            refused @ (IncidentsError::NoCoupons { .. } | IncidentsError::OrganisationNotActive(_)),
        )) => {
            let says = |lang: Language| {
                let why = match &refused {
                    IncidentsError::NoCoupons { balance } => {
                        m::desk_caller_refused_no_coupons(lang, *balance)
                    }
                    IncidentsError::OrganisationNotActive(NotRaisable::Unconfirmed) => {
                        m::desk_caller_refused_unconfirmed(lang).to_owned()
                    }
                    IncidentsError::OrganisationNotActive(NotRaisable::MergedInto(Some(into))) => {
                        m::desk_caller_refused_merged_into(lang, into)
                    }
                    _ => m::desk_caller_refused_merged(lang).to_owned(),
                };
                html!(
                "<p role=\"alert\" class=\"field-error\">{} <a href=\"/desk/organisations/{}\">{}</a>.</p>",
                why,
                organisation_id,
                m::desk_caller_open_organisation(lang)
            )
            };
            form_again(
                app,
                caller,
                organisation_id,
                (shown_key, object),
                FieldErrors::default(),
                Some(&says),
                (409, lang),
            )
            .await
        }
        Err(AppError::IdempotencyKeyReused) => {
            // The form was changed after a submit: a new key for a new incident.
            let fresh = entropy.id("ikey");
            let says = |lang: Language| {
                html!(
                    "<p role=\"alert\" class=\"field-error\">{}</p>",
                    m::desk_caller_sent_before(lang)
                )
            };
            form_again(
                app,
                caller,
                organisation_id,
                (&fresh, object),
                FieldErrors::default(),
                Some(&says),
                (409, lang),
            )
            .await
        }
        Err(error) => Err(error.into()),
    }
}

/// The form again, as it was sent (`key` and `values`), with its errors or
/// the refusal (said in the page's language): read afresh, in the
/// request's second round trip.
#[allow(clippy::too_many_arguments)]
async fn form_again<D: Database>(
    app: &App<D>,
    caller: &Caller,
    organisation_id: &str,
    (key, values): (&str, &Map<String, Value>),
    errors: FieldErrors,
    refusal: Option<&dyn Fn(Language) -> Html>,
    (status, lang): (u16, DeskLanguage),
) -> Result<Handled> {
    let form = app.caller_incident_form(caller, organisation_id).await?;
    let lang = lang.of_staff(&form.staff);
    let refusal = refusal.map(|say| say(lang));
    let body = caller_form(lang, &form, key, values, &errors, refusal);
    let title = m::desk_caller_title(lang);
    Ok(desk_in(lang, form.staff.role, status, title, body))
}
