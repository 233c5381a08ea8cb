//! The partner pages: the account (subscriptions, a month's statement,
//! licenses), a reseller's SUPS sale and a technician's activation.

use super::prelude::*;

/// `GET /partner`: each kind of partner sees its own part. A reseller its
/// SUPS subscriptions, monthly statement and the sale form; a technician
/// the licenses assigned to it with their installations (each with its
/// deactivation) and the activation form; a partner of both kinds both.
pub async fn partner<D: Database>(
    app: &App<D>,
    request: &Request,
    caller: &crate::app::Caller,
    now: Instant,
    entropy: &mut Entropy,
) -> Result<Handled> {
    let (account, licenses) = app.partner_page(caller, now).await?;
    let partner = &account.partner;
    let kind = match (partner.sells_sups(), partner.activates()) {
        (true, true) => "a reseller (you sell SUPS) and a technician (you activate installations)",
        (true, false) => "a reseller: you sell SUPS coverage",
        _ => "a technician: you activate and deactivate installations",
    };
    let mut body = html!("<p>{}, {}.</p>", partner.name, kind);
    if partner.sells_sups() {
        body.push(reseller_html(&account, request, now, entropy));
    }
    if partner.activates() {
        body.push(html!(
            "<h2>Installations of your customers' licenses</h2>{}<h2>Technician activation</h2>{}",
            super::portal::installations_html(&licenses, "/partner/activations", true),
            activation_form("/partner/activations", true)
        ));
    }
    Ok(page_in(UNTRANSLATED, Area::Partner, 200, "Partner", body).into())
}

/// A reseller's part of the page: subscriptions, a month's statement, the
/// sale form.
fn reseller_html(
    account: &crate::app::PartnerAccount,
    request: &Request,
    now: Instant,
    entropy: &mut Entropy,
) -> Html {
    let today = now.date_naive();
    let rows: Vec<Vec<Html>> = account
        .subscriptions
        .iter()
        .map(|s| {
            let coverage = crate::app::coverage_of(s);
            vec![
                html!("{}", s.serial),
                coverage.map_or(Html::EMPTY, |c| {
                    html!("{} to {}", c.from.to_string(), c.last_day().to_string())
                }),
                if coverage.is_some_and(|c| c.covers(today)) {
                    html!("active")
                } else {
                    html!("ended")
                },
                s.monthly_fee_cents
                    .and_then(Money::from_cents)
                    .map_or(Html::EMPTY, |f| html!("EUR {}", f)),
            ]
        })
        .collect();
    let month = request
        .query_param("month")
        .unwrap_or_else(|| crate::domain::time::year_month(today));
    let statement = match crate::domain::subscription::parse_month(&month) {
        Ok((year, number)) => {
            let statement = account.statement(year, number);
            let total = statement.total;
            let rows: Vec<Vec<Html>> = statement
                .lines
                .iter()
                .map(|(serial, l)| {
                    vec![
                        html!("{}", serial),
                        html!("{} of {}", l.days_covered, l.days_in_month),
                        html!("EUR {}", l.amount),
                    ]
                })
                .collect();
            html!(
                "{}<p>Total for {}: <strong>EUR {}</strong></p>",
                table(
                    UNTRANSLATED,
                    "Statement",
                    &["License", "Days covered", "Fee"],
                    &rows
                ),
                month,
                total
            )
        }
        Err(_) => html!("<p role=\"alert\">Give the month as YYYY-MM.</p>"),
    };
    html!(
        "{}<h2>Monthly statement</h2><form method=\"get\" action=\"/partner\"><p><label for=\"month\">Month (YYYY-MM)</label> \
         <input id=\"month\" name=\"month\" value=\"{}\"></p><button type=\"submit\">Show</button></form>{}{}",
        table(UNTRANSLATED, "SUPS subscriptions", &["License", "Covered", "State", "Monthly fee"], &rows),
        month,
        statement,
        sups_form(&entropy.id("sups"), &FieldErrors::default(), &Map::new())
    )
}

/// `POST /partner/activations/{id}/deactivate`: the technician frees a seat.
pub async fn partner_deactivate<D: Database>(
    app: &App<D>,
    caller: &crate::app::Caller,
    id: &str,
    now: Instant,
    entropy: &mut Entropy,
) -> Result<Handled> {
    super::portal::deactivate_from_page(app, caller, id, Area::Partner, "/partner", now, entropy)
        .await
}

pub async fn partner_activate<D: Database>(
    app: &App<D>,
    request: &Request,
    caller: &crate::app::Caller,
    now: Instant,
    entropy: &mut Entropy,
) -> Result<Handled> {
    activate_from_form(app, caller, request, Area::Partner, now, entropy).await
}

// ---- a reseller's SUPS sale -------------------------------------------------

/// The SUPS sale's form fields: name, label, input type.
pub(crate) const SUPS_FIELDS: [(&str, &str, &str); 12] = [
    ("serial", "License serial number", "text"),
    ("company_name", "Customer company", "text"),
    ("street", "Street", "text"),
    ("postal_code", "Postal code", "text"),
    ("city", "City", "text"),
    ("country", "Country (ISO code)", "text"),
    ("vat_id", "VAT number (optional)", "text"),
    ("contact_name", "Contact name", "text"),
    ("email", "Contact email", "email"),
    ("phone", "Contact phone, with country code", "tel"),
    ("starts_on", "Coverage starts on", "date"),
    ("months", "Months (1 to 36)", "number"),
];

/// The sale form, keyed like the rendered adjustment form: a double submit
/// sells once.
pub fn sups_form(key: &str, errors: &FieldErrors, values: &Map<String, Value>) -> Html {
    let fields: Html = SUPS_FIELDS
        .iter()
        .map(|(name, label, kind)| {
            let required = if *name == "vat_id" { "" } else { " required" };
            input(name, label, kind, value(values, name), errors, required)
        })
        .collect();
    html!(
        "<h2>Sell or extend SUPS</h2><form method=\"post\" action=\"/partner/sups\">\
         <input type=\"hidden\" name=\"idempotency_key\" value=\"{}\">{}\
         <button type=\"submit\">Sell SUPS</button></form>",
        key,
        fields
    )
}

/// `POST /partner/sups`: the same use case as `POST /api/partner/sups-subscriptions`.
pub async fn sell_sups<D: Database>(
    app: &App<D>,
    request: &Request,
    caller: &Caller,
    now: Instant,
    entropy: &mut Entropy,
) -> Result<Handled> {
    let decode::Body::Form(pairs) = decode::body(request, true)? else {
        return Err(ApiError::UnsupportedMediaType(
            "application/x-www-form-urlencoded",
        ));
    };
    let values = form(request)?;
    let mut object = values.clone();
    // The API takes months as a number; a form sends text.
    if let Ok(months) = value(&values, "months").trim().parse::<i64>() {
        object.insert("months".into(), Value::from(months));
    }
    let key = Some(
        IdempotencyKey::parse(value(&values, "idempotency_key")).map(|key| {
            (
                key,
                RequestFingerprint::of(request.method.as_str(), &request.path, &request.body),
            )
        }),
    );
    let again = |errors: FieldErrors| {
        // Errors name the API's fields (`contact.email`); the form's are flat.
        let mut flat = FieldErrors::default();
        for error in errors.list() {
            let name = match crate::app::input::form_name(&error.field) {
                "Idempotency-Key" => "serial",
                other => other,
            };
            flat.push(name, Invalid::from(error.clone()));
        }
        let body = sups_form(value(&values, "idempotency_key"), &flat, &values);
        page_in(UNTRANSLATED, Area::Partner, 422, "Sell SUPS", body).into()
    };
    let vendor = &app.config.vendor_addresses;
    let (sale, keyed) = match crate::app::SupsSale::parse(
        &object,
        crate::app::input::registration_form(&pairs),
        key,
        vendor,
        now,
    ) {
        Ok(parsed) => parsed,
        Err(errors) => {
            app.identify(caller).await?;
            return Ok(again(errors));
        }
    };
    let keyed = keyed
        .as_ref()
        .map(|(key, request)| Idempotency { key, request });
    match app
        .sell_sups(caller, sale, keyed.as_ref(), now, entropy)
        .await
    {
        Ok(answer) => {
            let sold: Value = serde_json::from_str(&answer.body).unwrap_or_default();
            let text = |name: &str| html!("{}", sold[name].as_str().unwrap_or(""));
            let body = html!(
                "<p role=\"status\">SUPS for {} is covered from {} to {}; the monthly fee is EUR {}.</p>\
                 <p><a href=\"/partner\">Back to your subscriptions</a></p>",
                value(&values, "serial"),
                text("covered_from"),
                text("covered_until"),
                text("monthly_fee")
            );
            Ok(Handled::with_jobs(
                page_in(UNTRANSLATED, Area::Partner, 200, "SUPS sold", body),
                answer.jobs,
            ))
        }
        Err(AppError::Invalid(errors)) => Ok(again(errors)),
        Err(error) => Ok(problem_page(UNTRANSLATED, Area::Partner, error.into())),
    }
}
