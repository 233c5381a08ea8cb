//! The desk's directory (issue 22): the search page, one customer's page
//! with the actions that start from it, and the search box every desk page
//! carries in its header (`shell`).

use super::*;
use crate::app::read_search;
use crate::store::{OrganisationFile, OrganisationHit};

/// Where an agent opens an incident for a customer who phoned: the form
/// `/desk/organisations/{id}/incidents/new` (`callers`).
const OPEN_INCIDENT_SUFFIX: Option<&str> = Some("/incidents/new");

fn search_form(q: &str) -> Html {
    html!(
        "<form method=\"get\" action=\"/desk/organisations\" role=\"search\" aria-label=\"Search customers\" class=\"search\">\
         <label for=\"organisation-search\">Company, person, email, phone, serial, VAT id, incident or order</label> \
         <input id=\"organisation-search\" name=\"q\" type=\"search\" value=\"{}\" minlength=\"2\" required> \
         <button type=\"submit\">Search</button></form>",
        q
    )
}

fn hit_row(hit: &OrganisationHit) -> Vec<Html> {
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
                c.phone,
                if c.status == "active" {
                    Html::EMPTY
                } else {
                    html!(" ({})", status_text(UNTRANSLATED, &c.status))
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
                html!(" ({})", status_text(UNTRANSLATED, &hit.status))
            }
        ),
        html!("{}", hit.country),
        html!("{}", hit.vat_id.as_deref().unwrap_or("")),
        html!("<ul class=\"plain\">{}</ul>", contacts),
        html!("{}", hit.balance.to_string()),
        html!("{}", hit.open_incidents.to_string()),
    ]
}

/// `GET /desk/organisations?q=&page=`: the search page.
pub async fn organisations_page<D: Database>(
    app: &App<D>,
    request: &Request,
    caller: &Caller,
) -> Result<Handled> {
    let q = request.query_param("q").unwrap_or_default();
    let (terms, page) = match read_search(Some(&q), request.query_param("page").as_deref()) {
        Ok(read) => read,
        Err(_) => (crate::domain::search::SearchTerms::parse(&q), 1),
    };
    let found = app
        .search_organisations(caller, terms.as_ref(), page)
        .await?;
    let results = if terms.is_none() {
        html!("<p>Type at least two characters: part of a company's name (accents do not matter), a person's name, an email address, a phone number as you hear it, a license serial, a VAT id, or an incident's or order's number.</p>")
    } else if found.organisations.is_empty() {
        html!("<p role=\"status\">Nothing found for “{}”.</p>", q)
    } else {
        let rows: Vec<Vec<Html>> = found.organisations.iter().map(hit_row).collect();
        let encoded: String = serde_urlencoded::to_string([("q", q.as_str())]).unwrap_or_default();
        let previous = if page > 1 {
            html!(
                "<a href=\"/desk/organisations?{}&amp;page={}\">Previous page</a> ",
                encoded,
                (page - 1).to_string()
            )
        } else {
            Html::EMPTY
        };
        let next = match found.next_page {
            Some(next) => html!(
                "<a href=\"/desk/organisations?{}&amp;page={}\" rel=\"next\">Next page</a>",
                encoded,
                next.to_string()
            ),
            None => Html::EMPTY,
        };
        html!(
            "<p role=\"status\">Page {}, best matches first.</p>{}<p>{}{}</p>",
            page.to_string(),
            table(
                UNTRANSLATED,
                "Customers found",
                &[
                    "Company",
                    "Country",
                    "VAT id",
                    "Contacts",
                    "Coupons",
                    "Open incidents"
                ],
                &rows
            ),
            previous,
            next
        )
    };
    let body = html!("{}{}", search_form(&q), results);
    Ok(desk(found.staff.role, 200, "Customers", body))
}

/// `GET /desk/organisations/{organisation_id}`: one customer.
pub async fn organisation_page<D: Database>(
    app: &App<D>,
    caller: &Caller,
    organisation_id: &str,
    now: Instant,
    entropy: &mut Entropy,
) -> Result<Handled> {
    let (staff, file) = app.organisation_file(caller, organisation_id).await?;
    let Some(customer) = file.customer.as_ref() else {
        return Err(AppError::NotFound.into());
    };
    let body = organisation_body(&file, customer, staff.role, now, entropy);
    Ok(desk(staff.role, 200, &customer.company_name, body))
}

fn organisation_body(
    file: &OrganisationFile,
    customer: &crate::store::CustomerRecord,
    role: StaffRole,
    now: Instant,
    entropy: &mut Entropy,
) -> Html {
    let id = customer.id.as_str();
    let summary = html!(
        "<p>{}, {} {}, {} · VAT id {} · {} · registered with serial {} on {}</p>",
        customer.street,
        customer.postal_code,
        customer.city,
        customer.country,
        customer.vat_id.as_deref().unwrap_or("none"),
        status_text(UNTRANSLATED, customer.status.as_str()),
        customer.registered_serial.as_str(),
        when(UNTRANSLATED, customer.created_at)
    );
    let mut actions = Html::EMPTY;
    if let Some(suffix) = OPEN_INCIDENT_SUFFIX {
        if role.may(&[StaffRole::Agent]) {
            actions.push(html!(
                "<p><a href=\"/desk/organisations/{}{}\">Open an incident for them</a></p>",
                id,
                suffix
            ));
        }
    }
    if role.may(&[StaffRole::Finance]) {
        let mut values = Map::new();
        values.insert("customer_id".into(), Value::String(id.to_owned()));
        actions.push(html!(
            "<h2>Adjust the balance</h2>{}",
            super::adjustment_form(
                UNTRANSLATED,
                &entropy.id("adj"),
                &FieldErrors::default(),
                &values
            )
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
                html!("<a href=\"tel:{}\">{}</a>", c.phone, c.phone),
                status_text(UNTRANSLATED, c.status.as_str()),
                html!(
                    "<span lang=\"{}\">{}</span>",
                    c.language.as_str(),
                    c.language.name()
                ),
                html!("{}", if c.newsletter { "subscribed" } else { "no" }),
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
                    html!(
                        "<li>{} (version {}, {}{}) since {}</li>",
                        a.installation_id,
                        a.major_version.to_string(),
                        a.path,
                        a.technician
                            .as_deref()
                            .map_or(Html::EMPTY, |t| html!(": {}", t)),
                        when(UNTRANSLATED, a.created_at)
                    )
                })
                .collect();
            let sups = held
                .subscriptions
                .iter()
                .filter_map(|s| s.ends_at)
                .max()
                .map_or(html!("none"), |until| {
                    let state = if until.date_naive() >= today {
                        "until"
                    } else {
                        "ended"
                    };
                    html!("{} {}", state, when(UNTRANSLATED, until))
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
                    "{} of {}<ul class=\"plain\">{}</ul>",
                    held.activations.len().to_string(),
                    l.installations.to_string(),
                    activations
                ),
                sups,
                html!("{}", l.partner_id.as_deref().unwrap_or("none")),
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
                when(UNTRANSLATED, e.created_at),
                html!("{}", entry_label(UNTRANSLATED, e.kind)),
                html!("{}", e.coupons.to_string()),
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
                when(UNTRANSLATED, o.created_at),
                html!("{}", o.quantity.get().to_string()),
                html!("{} EUR", o.vat.total_due),
                html!(
                    "{}",
                    if o.method == PaymentMethod::Card {
                        "card"
                    } else {
                        "bank transfer"
                    }
                ),
                status_text(UNTRANSLATED, o.status.as_str()),
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
                html!("{}", d.kind.as_str()),
                html!("{}", d.issued_on.to_string()),
                html!("{} EUR", d.amounts.total_due),
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
                status_text(UNTRANSLATED, i.callback.status.as_str()),
                when(UNTRANSLATED, i.created_at),
                i.closed_at.map_or(Html::EMPTY, |at| when(UNTRANSLATED, at)),
            ]
        })
        .collect();
    let claims: Vec<Vec<Html>> = file
        .claims
        .iter()
        .map(|k| {
            let resolve = if role.may(&[StaffRole::Admin]) && k.status.is_pending() {
                html!(
                    "<a href=\"/desk/claims#claim-{}\">Resolve the claim</a>",
                    k.id.as_str()
                )
            } else {
                Html::EMPTY
            };
            vec![
                html!("{}", k.serial.as_str()),
                status_text(UNTRANSLATED, k.status.as_str()),
                when(UNTRANSLATED, k.created_at),
                resolve,
            ]
        })
        .collect();
    let audit: Vec<Vec<Html>> = file
        .audit
        .iter()
        .map(|a| {
            vec![
                when(UNTRANSLATED, a.created_at),
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
    html!(
        "{}<p><strong>{} coupon(s)</strong> available.</p>{}{}{}{}{}{}{}{}{}",
        summary,
        file.overview.coupon_balance.to_string(),
        actions,
        table(UNTRANSLATED,
            "Contacts",
            &["Name", "Email", "Phone", "Status", "Language", "Newsletter"],
            &contacts
        ),
        table(UNTRANSLATED,
            "Licenses",
            &["Serial", "Product", "Installations", "SUPS", "Partner"],
            &licenses
        ),
        html!(
            "{}<p class=\"queue-link\">All incidents of this organisation in the queue: <a href=\"/desk?organisation_id={}\">open</a> · <a href=\"/desk?status=closed&amp;organisation_id={}\">closed</a></p>",
            table(UNTRANSLATED,
                "Incidents, open and closed",
                &["Subject", "Status", "Raised", "Closed"],
                &incidents
            ),
            id,
            id
        ),
        table(UNTRANSLATED,
            "Orders",
            &[
                "Order",
                "Placed",
                "Coupons",
                "Total",
                "Payment",
                "Status",
                "Reference"
            ],
            &orders
        ),
        table(UNTRANSLATED,
            "Invoices and credit notes",
            &["Number", "Kind", "Issued", "Total", "Order"],
            &invoices
        ),
        table(UNTRANSLATED,
            "Coupon ledger",
            &["When", "Entry", "Coupons", "Reason"],
            &ledger
        ),
        table(UNTRANSLATED,
            "License claims",
            &["Serial", "Status", "Claimed", ""],
            &claims
        ),
        table(UNTRANSLATED, "Audit trail", &["When", "Who", "What", "Target"], &audit)
    )
}
