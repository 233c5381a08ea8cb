//! The desk's directory (issue 22): the search page, one customer's page
//! with the actions that start from it, and the search box every desk page
//! carries in its header (`shell`).

use super::*;
use crate::app::read_search;
use crate::store::{OrganisationFile, OrganisationHit};

/// Where an agent opens an incident for a customer who phoned: the form
/// `/desk/organisations/{id}/incidents/new` (`callers`).
const OPEN_INCIDENT_SUFFIX: Option<&str> = Some("/incidents/new");

fn search_form(lang: Language, q: &str) -> Html {
    html!(
        "<form method=\"get\" action=\"/desk/organisations\" role=\"search\" aria-label=\"{}\" class=\"search\">\
         <label for=\"organisation-search\">{}</label> \
         <input id=\"organisation-search\" name=\"q\" type=\"search\" value=\"{}\" minlength=\"2\" required> \
         <button type=\"submit\">{}</button></form>",
        m::desk_search_label(lang),
        m::desk_search_field(lang),
        q,
        m::desk_search_button(lang)
    )
}

fn hit_row(lang: Language, hit: &OrganisationHit) -> Vec<Html> {
    let contacts: Html = hit
        .contacts
        .iter()
        .map(|c| {
            html!(
                "<li>{} · <a href=\"mailto:{}\">{}</a> · <a href=\"tel:{}\">{}</a>{}</li>",
                c.name,
                c.email,
                c.email,
                c.phone,
                crate::domain::phone::shown(&c.phone),
                if c.status == "active" {
                    Html::EMPTY
                } else {
                    html!(" ({})", status_text(lang, &c.status))
                }
            )
        })
        .collect();
    vec![
        html!(
            "<a href=\"/desk/organisations/{}\">{}</a>{}",
            hit.id,
            hit.name,
            if hit.status == "active" {
                Html::EMPTY
            } else {
                html!(" ({})", status_text(lang, &hit.status))
            }
        ),
        html!("{}", hit.country),
        html!("{}", hit.vat_id.as_deref().unwrap_or("")),
        html!("<ul class=\"plain\">{}</ul>", contacts),
        html!("{}", crate::domain::format::number(lang, hit.balance)),
        html!(
            "{}",
            crate::domain::format::number(lang, hit.open_incidents)
        ),
    ]
}

/// `GET /desk/organisations?q=&page=`: the search page.
pub async fn organisations_page<D: Database>(
    app: &App<D>,
    request: &Request,
    caller: &Caller,
) -> Result<Handled> {
    let lang = DeskLanguage::of(request);
    let q = request.query_param("q").unwrap_or_default();
    let (terms, page) = match read_search(Some(&q), request.query_param("page").as_deref()) {
        Ok(read) => read,
        Err(_) => (crate::domain::search::SearchTerms::parse(&q), 1),
    };
    let found = app
        .search_organisations(caller, terms.as_ref(), page)
        .await?;
    let lang = lang.of_staff(&found.staff);
    let results = if terms.is_none() {
        html!("<p>{}</p>", m::desk_search_hint(lang))
    } else if found.organisations.is_empty() {
        html!(
            "<p role=\"status\">{}</p>",
            m::desk_search_nothing(lang, &q)
        )
    } else {
        let rows: Vec<Vec<Html>> = found
            .organisations
            .iter()
            .map(|hit| hit_row(lang, hit))
            .collect();
        let encoded: String = serde_urlencoded::to_string([("q", q.as_str())]).unwrap_or_default();
        let previous = if page > 1 {
            html!(
                "<a href=\"/desk/organisations?{}&amp;page={}\">{}</a> ",
                encoded,
                (page - 1).to_string(),
                m::desk_search_previous(lang)
            )
        } else {
            Html::EMPTY
        };
        let next = match found.next_page {
            Some(next) => html!(
                "<a href=\"/desk/organisations?{}&amp;page={}\" rel=\"next\">{}</a>",
                encoded,
                next.to_string(),
                m::desk_search_next(lang)
            ),
            None => Html::EMPTY,
        };
        html!(
            "<p role=\"status\">{}</p>{}<p>{}{}</p>",
            m::desk_search_page(lang, &page.to_string()),
            table(
                lang,
                m::desk_search_caption(lang),
                &[
                    m::desk_search_company(lang),
                    m::desk_search_country(lang),
                    m::desk_search_vat_id(lang),
                    m::desk_search_contacts(lang),
                    m::desk_search_coupons(lang),
                    m::desk_search_open_incidents(lang)
                ],
                &rows
            ),
            previous,
            next
        )
    };
    let body = html!("{}{}", search_form(lang, &q), results);
    let title = m::desk_customers_title(lang);
    Ok(desk_in(lang, found.staff.role, 200, title, body))
}

/// `GET /desk/organisations/{organisation_id}`: one customer.
pub async fn organisation_page<D: Database>(
    app: &App<D>,
    caller: &Caller,
    organisation_id: &str,
    lang: DeskLanguage,
    now: Instant,
    entropy: &mut Entropy,
) -> Result<Handled> {
    let (staff, file) = app.organisation_file(caller, organisation_id).await?;
    let Some(customer) = file.customer.as_ref() else {
        return Err(AppError::NotFound.into());
    };
    let lang = lang.of_staff(&staff);
    let body = organisation_body(lang, &file, customer, staff.role, now, entropy);
    Ok(desk_in(lang, staff.role, 200, &customer.company_name, body))
}

fn organisation_body(
    lang: Language,
    file: &OrganisationFile,
    customer: &crate::store::CustomerRecord,
    role: StaffRole,
    now: Instant,
    entropy: &mut Entropy,
) -> Html {
    let id = customer.id.as_str();
    let vat_id = customer.vat_id.as_deref().map_or_else(
        || m::desk_org_no_vat_id(lang).to_owned(),
        |vat_id| m::desk_org_vat_id(lang, vat_id),
    );
    let registered = m::DeskOrgRegistered {
        serial: customer.registered_serial.as_str(),
        at_html: &when(lang, customer.created_at),
    };
    let summary = html!(
        "<p>{}, {} {}, {} · {} · {} · {}</p>",
        customer.street,
        customer.postal_code,
        customer.city,
        customer.country,
        vat_id,
        status_text(lang, customer.status.as_str()),
        m::desk_org_registered(lang, registered)
    );
    let mut actions = Html::EMPTY;
    if let Some(suffix) = OPEN_INCIDENT_SUFFIX {
        if role.may(&[StaffRole::Agent]) {
            actions.push(html!(
                "<p><a href=\"/desk/organisations/{}{}\">{}</a></p>",
                id,
                suffix,
                m::desk_org_open_incident(lang)
            ));
        }
    }
    if role.may(&[StaffRole::Finance]) {
        let mut values = Map::new();
        values.insert("customer_id".into(), Value::String(id.to_owned()));
        actions.push(html!(
            "<h2>{}</h2>{}",
            m::desk_org_adjust(lang),
            super::adjustment_form(lang, &entropy.id("adj"), &FieldErrors::default(), &values)
        ));
    }
    let contacts: Vec<Vec<Html>> = file
        .contacts
        .iter()
        .map(|c| {
            vec![
                html!("{}", c.name),
                html!(
                    "<a href=\"mailto:{}\">{}</a>",
                    c.email.as_str(),
                    c.email.as_str()
                ),
                html!(
                    "<a href=\"tel:{}\">{}</a>",
                    c.phone,
                    crate::domain::phone::shown(&c.phone)
                ),
                status_text(lang, c.status.as_str()),
                html!(
                    "<span lang=\"{}\">{}</span>",
                    c.language.as_str(),
                    c.language.name()
                ),
                html!(
                    "{}",
                    if c.newsletter {
                        m::desk_org_subscribed(lang)
                    } else {
                        m::desk_org_not_subscribed(lang)
                    }
                ),
            ]
        })
        .collect();
    let today = now.date_naive();
    let licenses: Vec<Vec<Html>> = file
        .overview
        .licenses
        .iter()
        .map(|held| {
            let l = &held.license;
            let activations: Html = held
                .activations
                .iter()
                .map(|a| {
                    let how = match (a.path.as_str(), a.technician.as_deref()) {
                        ("self", _) => m::desk_org_path_self(lang).to_owned(),
                        (_, Some(technician)) => {
                            m::desk_org_path_technician_named(lang, technician)
                        }
                        (_, None) => m::desk_org_path_technician(lang).to_owned(),
                    };
                    let activation = m::DeskOrgActivation {
                        installation: &a.installation_id,
                        version: &a.major_version.to_string(),
                        how: &how,
                        since_html: &when(lang, a.created_at),
                    };
                    html!("<li>{}</li>", m::desk_org_activation(lang, activation))
                })
                .collect();
            let sups = held
                .subscriptions
                .iter()
                .filter_map(|s| s.ends_at)
                .max()
                .map_or(html!("{}", m::desk_org_sups_none(lang)), |until| {
                    if until.date_naive() >= today {
                        m::desk_org_sups_until(lang, &when(lang, until))
                    } else {
                        m::desk_org_sups_ended(lang, &when(lang, until))
                    }
                });
            vec![
                html!("{}", l.serial),
                html!(
                    "{} {} {}",
                    l.product,
                    l.edition,
                    l.major_version.to_string()
                ),
                html!(
                    "{}<ul class=\"plain\">{}</ul>",
                    m::desk_org_installations(
                        lang,
                        m::DeskOrgInstallations {
                            used: &held.activations.len().to_string(),
                            of: &l.installations.to_string(),
                        }
                    ),
                    activations
                ),
                sups,
                html!(
                    "{}",
                    l.partner_id
                        .as_deref()
                        .unwrap_or(m::desk_org_no_partner(lang))
                ),
            ]
        })
        .collect();
    // What people read of an order or incident named by its id: its number
    // (the id only for one this file does not list).
    let order_numbers: std::collections::HashMap<&str, &str> = file
        .orders
        .iter()
        .filter_map(|r| Some((r.order.id.as_str(), r.number.as_ref()?.as_str())))
        .collect();
    let incident_numbers: std::collections::HashMap<&str, &str> = file
        .overview
        .incidents
        .iter()
        .filter_map(|i| Some((i.id.as_str(), i.number.as_ref()?.as_str())))
        .collect();
    let order_number = |id: &str| order_numbers.get(id).copied().unwrap_or(id).to_owned();
    let incident_number = |id: &str| incident_numbers.get(id).copied().unwrap_or(id).to_owned();
    let ledger: Vec<Vec<Html>> = file
        .overview
        .ledger
        .iter()
        .map(|e| {
            vec![
                when(lang, e.created_at),
                html!("{}", entry_label(lang, e.kind)),
                html!("{}", crate::domain::format::number(lang, e.coupons)),
                html!(
                    "{}",
                    e.reason
                        .as_deref()
                        .or(e.order_number.as_deref())
                        .or(e.incident_number.as_deref())
                        .or(e.order_id.as_deref())
                        .or(e.incident_id.as_deref())
                        .unwrap_or("")
                ),
            ]
        })
        .collect();
    let orders: Vec<Vec<Html>> = file
        .orders
        .iter()
        .map(|r| {
            let o = &r.order;
            vec![
                html!("{}", order_number(&o.id)),
                when(lang, o.created_at),
                html!("{}", o.quantity.get().to_string()),
                html!(
                    "{}",
                    crate::domain::format::money(lang, o.vat.total_due.cents())
                ),
                html!(
                    "{}",
                    if o.method == PaymentMethod::Card {
                        m::desk_org_card(lang)
                    } else {
                        m::desk_org_bank_transfer(lang)
                    }
                ),
                status_text(lang, o.status.as_str()),
                html!(
                    "{}",
                    o.rf_reference
                        .as_ref()
                        .map(|r| r.to_string())
                        .unwrap_or_default()
                ),
            ]
        })
        .collect();
    let invoices: Vec<Vec<Html>> = file
        .invoices
        .iter()
        .map(|i| {
            let d = &i.document;
            vec![
                html!("{}", d.number.to_string()),
                html!(
                    "{}",
                    if d.kind.as_str() == "invoice" {
                        m::desk_org_invoice(lang)
                    } else {
                        m::desk_org_credit_note(lang)
                    }
                ),
                html!("{}", crate::domain::format::date(lang, d.issued_on)),
                html!(
                    "{}",
                    crate::domain::format::money(lang, d.amounts.total_due.cents())
                ),
                html!("{}", order_number(&d.order_id)),
            ]
        })
        .collect();
    let incidents: Vec<Vec<Html>> = file
        .overview
        .incidents
        .iter()
        .map(|i| {
            vec![
                html!(
                    "<a href=\"/desk/incidents/{}\">{}: {}</a>",
                    i.id.as_str(),
                    incident_number(i.id.as_str()),
                    i.subject
                ),
                status_text(lang, i.callback.status.as_str()),
                when(lang, i.created_at),
                i.closed_at.map_or(Html::EMPTY, |at| when(lang, at)),
            ]
        })
        .collect();
    let claims: Vec<Vec<Html>> = file
        .claims
        .iter()
        .map(|k| {
            let resolve = if role.may(&[StaffRole::Admin]) && k.status.is_pending() {
                html!(
                    "<a href=\"/desk/claims#claim-{}\">{}</a>",
                    k.id.as_str(),
                    m::desk_org_resolve_claim(lang)
                )
            } else {
                Html::EMPTY
            };
            vec![
                html!("{}", k.serial.as_str()),
                status_text(lang, k.status.as_str()),
                when(lang, k.created_at),
                resolve,
            ]
        })
        .collect();
    let audit: Vec<Vec<Html>> = file
        .audit
        .iter()
        .map(|a| {
            vec![
                when(lang, a.created_at),
                html!("{}", a.actor_name),
                html!("{}", a.action),
                html!(
                    "{}",
                    order_numbers
                        .get(a.target.as_str())
                        .or(incident_numbers.get(a.target.as_str()))
                        .copied()
                        .unwrap_or(a.target.as_str())
                ),
            ]
        })
        .collect();
    let balance = html!(
        "<strong>{}</strong>",
        m::desk_coupons(lang, file.overview.coupon_balance)
    );
    html!(
        "{}<p>{}</p>{}{}{}{}{}{}{}{}{}",
        summary,
        m::desk_org_balance(lang, &balance),
        actions,
        table(
            lang,
            m::desk_org_contacts(lang),
            &[
                m::desk_org_name(lang),
                m::desk_org_email(lang),
                m::desk_org_phone(lang),
                m::desk_org_status(lang),
                m::desk_org_language(lang),
                m::desk_org_newsletter(lang)
            ],
            &contacts
        ),
        table(
            lang,
            m::desk_org_licenses(lang),
            &[
                m::desk_org_serial(lang),
                m::desk_org_product(lang),
                m::desk_org_installations_heading(lang),
                m::desk_org_sups(lang),
                m::desk_org_partner(lang)
            ],
            &licenses
        ),
        html!(
            "{}<p class=\"queue-link\">{} <a href=\"/desk?organisation_id={}\">{}</a> · <a href=\"/desk?status=closed&amp;organisation_id={}\">{}</a></p>",
            table(
                lang,
                m::desk_org_incidents(lang),
                &[
                    m::desk_org_subject(lang),
                    m::desk_org_status(lang),
                    m::desk_org_raised(lang),
                    m::desk_org_closed(lang)
                ],
                &incidents
            ),
            m::desk_org_queue_link(lang),
            id,
            m::desk_org_queue_open(lang),
            id,
            m::desk_org_queue_closed(lang)
        ),
        table(
            lang,
            m::desk_org_orders(lang),
            &[
                m::desk_org_order(lang),
                m::desk_org_placed(lang),
                m::desk_org_coupons(lang),
                m::desk_org_total(lang),
                m::desk_org_payment(lang),
                m::desk_org_status(lang),
                m::desk_org_reference(lang)
            ],
            &orders
        ),
        table(
            lang,
            m::desk_org_invoices(lang),
            &[
                m::desk_org_number(lang),
                m::desk_org_kind(lang),
                m::desk_org_issued(lang),
                m::desk_org_total(lang),
                m::desk_org_order(lang)
            ],
            &invoices
        ),
        table(
            lang,
            m::desk_org_ledger(lang),
            &[
                m::desk_org_when(lang),
                m::desk_org_entry(lang),
                m::desk_org_coupons(lang),
                m::desk_org_reason(lang)
            ],
            &ledger
        ),
        table(
            lang,
            m::desk_org_claims(lang),
            &[
                m::desk_org_serial(lang),
                m::desk_org_status(lang),
                m::desk_org_claimed(lang),
                ""
            ],
            &claims
        ),
        table(
            lang,
            m::desk_org_audit(lang),
            &[
                m::desk_org_when(lang),
                m::desk_org_who(lang),
                m::desk_org_what(lang),
                m::desk_org_target(lang)
            ],
            &audit
        )
    )
}
