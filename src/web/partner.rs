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
    lang: Language,
    now: Instant,
    entropy: &mut Entropy,
) -> Result<Handled> {
    let (account, licenses) = app.partner_page(caller, now).await?;
    let partner = &account.partner;
    let kind = match (partner.sells_sups(), partner.activates()) {
        (true, true) => m::partner_kind_both(lang),
        (true, false) => m::partner_kind_reseller(lang),
        _ => m::partner_kind_technician(lang),
    };
    let mut body = html!(
        "<p>{}</p>",
        m::partner_intro(
            lang,
            m::PartnerIntro {
                name: &partner.name,
                kind,
            }
        )
    );
    if partner.sells_sups() {
        body.push(reseller_html(lang, &account, request, now, entropy));
    }
    if partner.activates() {
        body.push(html!(
            "<h2>{}</h2>{}<h2>{}</h2>{}",
            m::partner_installations_heading(lang),
            super::portal::installations_html(lang, &licenses, "/partner/activations", true),
            m::partner_activation_heading(lang),
            activation_form(lang, "/partner/activations", true)
        ));
    }
    Ok(page_in(lang, Area::Partner, 200, m::partner_title(lang), body).into())
}

/// A reseller's part of the page: subscriptions, a month's statement, the
/// sale form.
fn reseller_html(
    lang: Language,
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
                    html!(
                        "{}",
                        m::partner_covered(
                            lang,
                            m::PartnerCovered {
                                from: &crate::domain::format::date(lang, c.from),
                                until: &crate::domain::format::date(lang, c.last_day()),
                            }
                        )
                    )
                }),
                if coverage.is_some_and(|c| c.covers(today)) {
                    html!("{}", m::partner_active(lang))
                } else {
                    html!("{}", m::partner_ended(lang))
                },
                s.monthly_fee_cents
                    .and_then(Money::from_cents)
                    .map_or(Html::EMPTY, |f| html!("{}", super::portal::money(lang, f))),
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
                        html!(
                            "{}",
                            m::partner_days_of(
                                lang,
                                m::PartnerDaysOf {
                                    covered: &l.days_covered.to_string(),
                                    days: &l.days_in_month.to_string(),
                                }
                            )
                        ),
                        html!("{}", super::portal::money(lang, l.amount)),
                    ]
                })
                .collect();
            html!(
                "{}<p>{}</p>",
                table(
                    lang,
                    m::partner_statement_caption(lang),
                    &[
                        m::partner_col_license(lang),
                        m::partner_col_days_covered(lang),
                        m::partner_col_fee(lang)
                    ],
                    &rows
                ),
                m::partner_statement_total_html(
                    lang,
                    m::PartnerStatementTotalHtml {
                        month: &month,
                        total_html: &html!(
                            "<strong>{}</strong>",
                            super::portal::money(lang, total)
                        ),
                    }
                )
            )
        }
        Err(_) => html!("<p role=\"alert\">{}</p>", m::partner_month_invalid(lang)),
    };
    html!(
        "{}<h2>{}</h2><form method=\"get\" action=\"/partner\"><p><label for=\"month\">{}</label> \
         <input id=\"month\" name=\"month\" value=\"{}\"></p><button type=\"submit\">{}</button></form>{}{}",
        table(
            lang,
            m::partner_subscriptions_caption(lang),
            &[
                m::partner_col_license(lang),
                m::partner_col_covered(lang),
                m::partner_col_state(lang),
                m::partner_col_monthly_fee(lang)
            ],
            &rows
        ),
        m::partner_statement_heading(lang),
        m::partner_month_label(lang),
        month,
        m::partner_show(lang),
        statement,
        sups_form(lang, &entropy.id("sups"), &FieldErrors::default(), &Map::new())
    )
}

/// `POST /partner/activations/{id}/deactivate`: the technician frees a seat.
pub async fn partner_deactivate<D: Database>(
    app: &App<D>,
    caller: &crate::app::Caller,
    lang: Language,
    id: &str,
    now: Instant,
    entropy: &mut Entropy,
) -> Result<Handled> {
    super::portal::deactivate_from_page(
        app,
        caller,
        lang,
        id,
        Area::Partner,
        "/partner",
        now,
        entropy,
    )
    .await
}

pub async fn partner_activate<D: Database>(
    app: &App<D>,
    request: &Request,
    caller: &crate::app::Caller,
    lang: Language,
    now: Instant,
    entropy: &mut Entropy,
) -> Result<Handled> {
    activate_from_form(app, caller, request, lang, Area::Partner, now, entropy).await
}

// ---- a reseller's SUPS sale -------------------------------------------------

/// The SUPS sale's form fields in `lang`: name, label, input type.
pub(crate) fn sups_fields(lang: Language) -> [(&'static str, &'static str, &'static str); 12] {
    [
        ("serial", m::portal_field_serial(lang), "text"),
        (
            "company_name",
            m::partner_field_customer_company(lang),
            "text",
        ),
        ("street", m::portal_field_street(lang), "text"),
        ("postal_code", m::portal_field_postal_code(lang), "text"),
        ("city", m::portal_field_city(lang), "text"),
        ("country", m::partner_field_country(lang), "select"),
        ("vat_id", m::portal_field_vat_id(lang), "text"),
        ("contact_name", m::partner_field_contact_name(lang), "text"),
        ("email", m::partner_field_contact_email(lang), "email"),
        ("phone", m::partner_field_contact_phone(lang), "tel"),
        ("starts_on", m::partner_field_starts_on(lang), "date"),
        ("months", m::partner_field_months(lang), "number"),
    ]
}

/// The sale form, keyed like the rendered adjustment form: a double submit
/// sells once.
pub fn sups_form(
    lang: Language,
    key: &str,
    errors: &FieldErrors,
    values: &Map<String, Value>,
) -> Html {
    let errors = &errors.clone().in_language(lang);
    let fields: Html = sups_fields(lang)
        .iter()
        .map(|(name, label, kind)| {
            if *name == "country" {
                let chosen = Some(value(values, name)).filter(|v| !v.is_empty());
                return country_field(lang, name, label, chosen.unwrap_or("SI"), errors);
            }
            let required = if *name == "vat_id" { "" } else { " required" };
            input(name, label, kind, value(values, name), errors, required)
        })
        .collect();
    html!(
        "<h2>{}</h2><form method=\"post\" action=\"/partner/sups\">\
         <input type=\"hidden\" name=\"idempotency_key\" value=\"{}\">{}\
         <button type=\"submit\">{}</button></form>",
        m::partner_sups_heading(lang),
        key,
        fields,
        m::partner_sups_button(lang)
    )
}

/// `POST /partner/sups`: the same use case as `POST /api/partner/sups-subscriptions`.
pub async fn sell_sups<D: Database>(
    app: &App<D>,
    request: &Request,
    caller: &Caller,
    lang: Language,
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
        let body = sups_form(lang, value(&values, "idempotency_key"), &flat, &values);
        page_in(lang, Area::Partner, 422, m::partner_sups_title(lang), body).into()
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
            let text = |name: &str| sold[name].as_str().unwrap_or("").to_owned();
            // The answer's ISO days and decimal fee, as the reader writes them.
            let day = |name: &str| {
                crate::domain::time::parse_iso_date(&text(name))
                    .map_or_else(|| text(name), |d| crate::domain::format::date(lang, d))
            };
            let fee = Money::parse(&text("monthly_fee"))
                .map_or_else(|_| text("monthly_fee"), |f| super::portal::money(lang, f));
            let body = html!(
                "<p role=\"status\">{}</p>\
                 <p><a href=\"/partner\">{}</a></p>",
                m::partner_sups_sold(
                    lang,
                    m::PartnerSupsSold {
                        serial: value(&values, "serial"),
                        from: &day("covered_from"),
                        until: &day("covered_until"),
                        fee: &fee,
                    }
                ),
                m::partner_back(lang)
            );
            Ok(Handled::with_jobs(
                page_in(
                    lang,
                    Area::Partner,
                    200,
                    m::partner_sups_sold_title(lang),
                    body,
                ),
                answer.jobs,
            ))
        }
        Err(AppError::Invalid(errors)) => Ok(again(errors)),
        Err(error) => Ok(problem_page(lang, Area::Partner, error.into())),
    }
}
