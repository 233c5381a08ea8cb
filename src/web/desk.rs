//! The staff desk's pages: the incident queue and incidents, tasks and
//! orders in review, bank statements, balance adjustments, the outbox, the
//! audit log, partners, license claims, the license import, releases and
//! bulletins; and the partner's SUPS sale. Each calls the same parser and
//! use case as its API endpoint; a wrong field shows the form again (422)
//! with what was typed and the error next to the field.

use super::prelude::*;
use crate::app::incidents;
use crate::app::BillingError;
use crate::domain::phone::Phone;

/// A form that failed: which one (a task or order id), its errors, and what
/// was typed.
type Failed<'a> = Option<(&'a str, &'a FieldErrors, &'a Map<String, Value>)>;

pub(crate) fn value<'a>(values: &'a Map<String, Value>, name: &str) -> &'a str {
    values.get(name).and_then(Value::as_str).unwrap_or("")
}

/// A field of one row's form: ids carry the row's id, so that many forms
/// on a page keep their labels and errors apart.
pub(crate) fn row_field(row: &str, name: &str, label: &str, failed: Failed) -> Html {
    let id = format!("{name}-{row}");
    let (typed, error) = match failed {
        Some((which, errors, values)) if which == row => {
            (value(values, name).to_owned(), error_for(errors, name))
        }
        _ => (String::new(), None),
    };
    let (described, message) = error.map_or((Html::EMPTY, Html::EMPTY), |e| {
        (
            html!(" aria-invalid=\"true\" aria-describedby=\"{}-error\"", id),
            html!(
                "<span id=\"{}-error\" class=\"field-error\" role=\"alert\">{}</span>",
                id,
                e
            ),
        )
    });
    html!(
        "<label for=\"{}\">{}</label> <input id=\"{}\" name=\"{}\" value=\"{}\" required{}>{} ",
        id,
        label,
        id,
        name,
        typed,
        described,
        message
    )
}

/// A select whose chosen option is what was sent.
pub(crate) fn select_field(
    id: &str,
    name: &str,
    label: &str,
    options: &[(&str, &str)],
    chosen: &str,
) -> Html {
    let options = options_html(options, chosen);
    html!(
        "<label for=\"{}\">{}</label> <select id=\"{}\" name=\"{}\">{}</select> ",
        id,
        label,
        id,
        name,
        options
    )
}

pub(crate) fn desk(role: StaffRole, status: u16, title: &str, body: Html) -> Handled {
    page_in(Area::DeskAs(role), status, title, body).into()
}

// ---- tasks and orders in review --------------------------------------------

pub(crate) fn tasks_html(
    role: StaffRole,
    status: u16,
    queue: &TaskQueue,
    failed: Failed<'_>,
) -> Handled {
    let tasks: Vec<Vec<Html>> = queue
        .tasks
        .iter()
        .map(|t| {
            let id = &t.id;
            vec![
                when(t.created_at),
                html!("{}", status_text(&t.kind)),
                html!("{}", t.order_id.as_deref().unwrap_or("")),
                t.amount_cents
                    .and_then(Money::from_cents)
                    .map_or(Html::EMPTY, |m| html!("EUR {}", m)),
                html!("{}", t.detail),
                html!(
                    "<form method=\"post\" action=\"/desk/tasks/{}/resolve\" class=\"inline\">{}\
                     <button type=\"submit\">Resolve</button></form>",
                    id,
                    row_field(&t.id, "note", "Note", failed)
                ),
            ]
        })
        .collect();
    let orders: Vec<Vec<Html>> = queue
        .in_review
        .iter()
        .map(|record| {
            let order = &record.order;
            let id = &order.id;
            let chosen = match failed {
                Some((which, _, values)) if which == id => value(values, "action").to_owned(),
                _ => String::new(),
            };
            vec![
                html!("{}", id),
                html!("{}", order.customer_id),
                html!("{} coupons, EUR {}", order.quantity.get(), order.total),
                html!("{}", record.review_reason.as_deref().unwrap_or("")),
                html!(
                    "<form method=\"post\" action=\"/desk/orders/{}/settle\" class=\"inline\">{}{}\
                     <button type=\"submit\">Settle</button></form>",
                    id,
                    select_field(
                        &format!("action-{id}"),
                        "action",
                        "Settle by",
                        &[
                            ("credit", "Credit the coupons (accept the payment)"),
                            ("refund", "Refund the payment"),
                            ("cancel", "Cancel the order"),
                        ],
                        &chosen,
                    ),
                    row_field(id, "note", "Note", failed)
                ),
            ]
        })
        .collect();
    let body = html!(
        "{}\n<h2>Orders in review</h2>{}",
        table(
            "Open tasks, oldest first",
            &["Raised", "Kind", "Order", "Amount", "Detail", "Resolve"],
            &tasks
        ),
        table(
            "Payments that did not fit their order",
            &["Order", "Customer", "Order total", "Why", "Settle"],
            &orders
        )
    );
    desk(role, status, "Tasks", body)
}

/// The tasks page again with a refused form's errors (422), from one read.
pub(crate) async fn tasks_again<D: Database>(
    app: &App<D>,
    caller: &Caller,
    failed: Failed<'_>,
) -> Result<Handled> {
    let (staff, queue) = app.task_queue(caller).await?;
    Ok(tasks_html(staff.role, 422, &queue, failed))
}

/// `GET /desk/tasks`.
pub async fn tasks_page<D: Database>(app: &App<D>, caller: &Caller) -> Result<Handled> {
    let (staff, queue) = app.task_queue(caller).await?;
    Ok(tasks_html(staff.role, 200, &queue, None))
}

/// `POST /desk/tasks/{id}/resolve`.
pub async fn resolve_task<D: Database>(
    app: &App<D>,
    request: &Request,
    caller: &Caller,
    id: &str,
    now: Instant,
) -> Result<Handled> {
    let object = form(request)?;
    let mut fields = Fields::new(&object);
    let Some(note) = tasks::note(&mut fields) else {
        return tasks_again(app, caller, Some((id, &fields.errors, &object))).await;
    };
    match app.resolve_task(caller, id, &note, now).await {
        Ok(_) => Ok(Response::redirect("/desk/tasks").into()),
        Err(error) => refusal_page(Area::Desk, error),
    }
}

/// `POST /desk/orders/{id}/settle`.
pub async fn settle_order<D: Database>(
    app: &App<D>,
    request: &Request,
    caller: &Caller,
    id: &str,
    now: Instant,
    entropy: &mut Entropy,
) -> Result<Handled> {
    let object = form(request)?;
    let mut fields = Fields::new(&object);
    let (action, note) = match tasks::settlement(&mut fields) {
        Ok(parsed) => parsed,
        Err(errors) => return tasks_again(app, caller, Some((id, &errors, &object))).await,
    };
    match app
        .settle_order(caller, id, action, &note, now, entropy)
        .await
    {
        Ok((_, _, jobs)) => Ok(Handled::with_jobs(Response::redirect("/desk/tasks"), jobs)),
        Err(error) => refusal_page(Area::Desk, error),
    }
}

// ---- balance adjustments --------------------------------------------------

/// The adjustment form, with a fresh idempotency key unless it shows a
/// refused one again: a double submit of one rendered form adjusts once.
pub(crate) fn adjustment_form(
    key: &str,
    errors: &FieldErrors,
    values: &Map<String, Value>,
) -> Html {
    html!(
        "<form method=\"post\" action=\"/desk/adjustments\">\
         <input type=\"hidden\" name=\"idempotency_key\" value=\"{}\">{}{}{}\
         <button type=\"submit\">Adjust the balance</button></form>",
        key,
        input(
            "customer_id",
            "Customer (cus_…)",
            "text",
            value(values, "customer_id"),
            errors,
            " required"
        ),
        input(
            "coupons",
            "Coupons to add (negative to take)",
            "number",
            value(values, "coupons"),
            errors,
            " required step=\"1\""
        ),
        input(
            "reason",
            "Reason",
            "text",
            value(values, "reason"),
            errors,
            " required"
        )
    )
}

/// `GET /desk/adjustments`.
pub fn adjustments_page(principal: &Principal, entropy: &mut Entropy) -> Result<Handled> {
    let staff = principal.staff()?;
    let body = adjustment_form(&entropy.id("adj"), &FieldErrors::default(), &Map::new());
    Ok(desk(staff.role, 200, "Adjust a balance", body))
}

/// `POST /desk/adjustments`: the same use case as the API's, keyed by the
/// form's hidden key in the staff member's own scope.
pub async fn adjust<D: Database>(
    app: &App<D>,
    request: &Request,
    caller: &Caller,
    now: Instant,
    entropy: &mut Entropy,
) -> Result<Handled> {
    let object = form(request)?;
    let mut fields = Fields::new(&object);
    let reason = fields.parse("reason", |t| Text::parse(t, 500));
    let customer_id = fields.parse("customer_id", |t| Text::parse(t, 100));
    let coupons = fields.parse("coupons", |t| match t.trim().parse::<i64>() {
        Ok(n) if n != 0 && n.abs() <= 1000 => Ok(n),
        _ => Err(Invalid::new(
            "range",
            "must be a whole number from -1000 to 1000, not 0",
        )),
    });
    let key = fields.parse("idempotency_key", IdempotencyKey::parse);
    let mut errors = fields.errors;
    let shown_key = value(&object, "idempotency_key").to_owned();
    let again = |role: StaffRole, status: u16, errors: &FieldErrors| -> Result<Handled> {
        Ok(desk(
            role,
            status,
            "Adjust a balance",
            adjustment_form(&shown_key, errors, &object),
        ))
    };
    let (Some(reason), Some(customer_id), Some(coupons), Some(key)) =
        (reason, customer_id, coupons, key)
    else {
        let staff = app.identify(caller).await?.staff()?;
        return again(staff.role, 422, &errors);
    };
    let fingerprint = RequestFingerprint::of(request.method.as_str(), &request.path, &request.body);
    let keyed = Idempotency {
        key: &key,
        request: &fingerprint,
    };
    let adjustment = Adjustment {
        customer_id: customer_id.as_str(),
        coupons,
        reason,
    };
    let (role, adjusted) = match app.adjust(caller, adjustment, &keyed, now, entropy).await {
        Ok((staff, answer)) => (staff.role, Ok(answer)),
        Err(error) => match caller.resolved().map(Principal::staff) {
            // Refused once the caller is known: its own desk says why.
            Some(Ok(staff)) => (staff.role, Err(error)),
            _ => return Err(error.into()),
        },
    };
    match adjusted {
        Ok(answer) => {
            let body: Value = serde_json::from_str(&answer.body).unwrap_or_default();
            let done = html!(
                "<p role=\"status\">The balance of {} is now {} coupon(s).</p>{}",
                customer_id.as_str(),
                body["coupon_balance"].to_string(),
                adjustment_form(&entropy.id("adj"), &FieldErrors::default(), &Map::new())
            );
            Ok(desk(role, 200, "Balance adjusted", done))
        }
        Err(AppError::NotFound) => {
            errors.push(
                "customer_id",
                Invalid::new("unknown", "no customer has this id"),
            );
            again(role, 422, &errors)
        }
        Err(AppError::Billing(BillingError::InsufficientBalance)) => {
            errors.push(
                "coupons",
                Invalid::new("insufficient", "would take the balance below zero"),
            );
            again(role, 409, &errors)
        }
        Err(error) => Ok(problem_page(Area::Desk, error.into())),
    }
}

// ---- partners ---------------------------------------------------------------

pub(crate) const KINDS: [(&str, &str); 3] = [
    ("reseller", "Reseller"),
    ("technician", "Technician"),
    ("both", "Reseller and technician"),
];

/// The partners page, with the caller and the partners read in one batch.
pub(crate) async fn partners_html<D: Database>(
    app: &App<D>,
    caller: &Caller,
    status: u16,
    errors: &FieldErrors,
    values: &Map<String, Value>,
) -> Result<Handled> {
    let (staff, partners) = app.partners(caller).await?;
    let role = staff.role;
    let rows: Vec<Vec<Html>> = partners
        .iter()
        .map(|p| {
            let id = &p.id;
            let state = match p.revoked_at {
                Some(at) => html!("revoked {}", when(at)),
                None => html!(
                    "<form method=\"post\" action=\"/desk/partners/{}/revoke\" class=\"inline\" \
                     data-confirm=\"Revoke {}'s key? Their calls stop at once.\">\
                     <button type=\"submit\" aria-label=\"Revoke {}\">Revoke</button></form>",
                    id,
                    p.name,
                    p.name
                ),
            };
            vec![
                html!("{}", id),
                html!("{}", p.name),
                html!("{}", p.kind),
                html!("{}", p.country),
                html!("{}", p.email),
                state,
            ]
        })
        .collect();
    let chosen = value(values, "kind");
    let body = html!(
        "{}<h2>Add a partner</h2><form method=\"post\" action=\"/desk/partners\">{}<p>{}</p>{}{}\
         <button type=\"submit\">Add the partner</button></form>",
        table(
            "Partners",
            &["Id", "Name", "Kind", "Country", "Email", "Key"],
            &rows
        ),
        input(
            "name",
            "Name",
            "text",
            value(values, "name"),
            errors,
            " required"
        ),
        select_field("kind", "kind", "Kind", &KINDS, chosen),
        input(
            "country",
            "Country (ISO code)",
            "text",
            value(values, "country"),
            errors,
            " required"
        ),
        input(
            "email",
            "Email",
            "email",
            value(values, "email"),
            errors,
            " required"
        )
    );
    Ok(desk(role, status, "Partners", body))
}

/// `GET /desk/partners`.
pub async fn partners_page<D: Database>(app: &App<D>, caller: &Caller) -> Result<Handled> {
    partners_html(app, caller, 200, &FieldErrors::default(), &Map::new()).await
}

/// `POST /desk/partners`: the key is shown on this page once, never again.
pub async fn create_partner<D: Database>(
    app: &App<D>,
    request: &Request,
    caller: &Caller,
    now: Instant,
    entropy: &mut Entropy,
) -> Result<Handled> {
    let object = form(request)?;
    let record = match crate::app::partner_record(&object, entropy) {
        Ok(record) => record,
        Err(errors) => return partners_html(app, caller, 422, &errors, &object).await,
    };
    let staff = app.identify(caller).await?.staff()?;
    match app.create_partner(record, now, entropy).await {
        Ok((partner, key)) => {
            let body = html!(
                "<p role=\"status\">{} ({}) is added as <code>{}</code>.</p>\
                 <p>Their API key, shown this once: give it to them now.</p>\
                 <p><code id=\"api-key\">{}</code> <button type=\"button\" data-copy=\"{}\">Copy</button></p>\
                 <p><a href=\"/desk/partners\">Back to the partners</a></p>",
                partner.name,
                partner.kind,
                partner.id,
                key.as_str(),
                key.as_str()
            );
            Ok(desk(staff.role, 200, "Partner added", body))
        }
        Err(error) => Ok(problem_page(Area::Desk, error.into())),
    }
}

/// `POST /desk/partners/{id}/revoke`.
pub async fn revoke_partner<D: Database>(
    app: &App<D>,
    caller: &Caller,
    id: &str,
    now: Instant,
) -> Result<Handled> {
    match app.revoke_partner(caller, id, now).await {
        Ok(_) => Ok(Response::redirect("/desk/partners").into()),
        Err(error) => refusal_page(Area::Desk, error),
    }
}

// ---- the license import -----------------------------------------------------

pub(crate) fn license_upload_form(error: Option<&str>) -> Html {
    let (described, message) = error.map_or((Html::EMPTY, Html::EMPTY), |e| {
        (
            html!(" aria-invalid=\"true\" aria-describedby=\"licenses-error\""),
            html!(
                "<p id=\"licenses-error\" class=\"field-error\" role=\"alert\">{}</p>",
                e
            ),
        )
    });
    html!(
        "<form method=\"post\" action=\"/desk/licenses\" enctype=\"multipart/form-data\">\
         <p><label for=\"licenses\">Licenses (CSV or a JSON array: serial, product, edition, version, list_price, \
         installations, partner_id, licensee_name, licensee_country, licensee_vat_id)</label>\
         <input id=\"licenses\" name=\"licenses\" type=\"file\" accept=\".csv,.json,text/csv,application/json\" required{}></p>{}\
         <button type=\"submit\">Import</button></form>",
        described,
        message
    )
}

/// `GET /desk/licenses`.
pub fn licenses_page(principal: &Principal) -> Result<Handled> {
    let staff = principal.staff()?;
    Ok(desk(
        staff.role,
        200,
        "License import",
        license_upload_form(None),
    ))
}

/// `POST /desk/licenses`: the import and its report.
pub async fn import_licenses<D: Database>(
    app: &App<D>,
    request: &Request,
    caller: &Caller,
    now: Instant,
) -> Result<Handled> {
    let refused = |role: StaffRole, detail: &str| {
        desk(
            role,
            422,
            "License import",
            license_upload_form(Some(detail)),
        )
    };
    let Some(file) = multipart_file(request, "licenses").filter(|f| !f.is_empty()) else {
        let staff = app.identify(caller).await?.staff()?;
        return Ok(refused(
            staff.role,
            "Choose a CSV or JSON file of licenses.",
        ));
    };
    let json = file.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'[');
    let format = if json {
        crate::app::ImportFormat::Json
    } else {
        crate::app::ImportFormat::Csv
    };
    let rows = match crate::app::license_rows(format, file) {
        Ok(rows) => rows,
        Err(detail) => {
            let staff = app.identify(caller).await?.staff()?;
            return Ok(refused(staff.role, &detail));
        }
    };
    let (staff, report) = match app.import_licenses(caller, rows, now).await {
        Ok(imported) => imported,
        Err(error) => return refusal_page(Area::Desk, error),
    };
    let report = serde_json::to_value(&report).unwrap_or_default();
    let rejected: Vec<Vec<Html>> = report["rejected"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|r| {
            vec![
                html!("{}", r["row"].to_string()),
                html!("{}", r["serial"].as_str().unwrap_or("")),
                html!("{}", r["errors"].to_string()),
            ]
        })
        .collect();
    let body = html!(
        "<p id=\"import-counts\" role=\"status\">{} imported, {} updated, {} rejected.</p>{}{}",
        report["imported"].to_string(),
        report["updated"].to_string(),
        rejected.len(),
        table("Rejected rows", &["Row", "Serial", "Errors"], &rejected),
        license_upload_form(None)
    );
    Ok(desk(staff.role, 200, "License import report", body))
}

// ---- releases -----------------------------------------------------------------

/// The releases page, with the caller and the releases read in one batch.
pub(crate) async fn releases_html<D: Database>(
    app: &App<D>,
    caller: &Caller,
    status: u16,
    errors: &FieldErrors,
    values: &Map<String, Value>,
) -> Result<Handled> {
    let (staff, releases) = app.releases(caller).await?;
    let role = staff.role;
    let rows: Vec<Vec<Html>> = releases
        .iter()
        .map(|(product, version, on)| {
            vec![html!("{}", product), html!("{}", version), html!("{}", on)]
        })
        .collect();
    let body = html!(
        "{}<h2>Add a release</h2><form method=\"post\" action=\"/desk/releases\">{}{}{}\
         <button type=\"submit\">Add the release</button></form>",
        table(
            "Releases, newest first",
            &["Product", "Version", "Released on"],
            &rows
        ),
        input(
            "product",
            "Product",
            "text",
            value(values, "product"),
            errors,
            " required"
        ),
        input(
            "version",
            "Version (such as 9.1)",
            "text",
            value(values, "version"),
            errors,
            " required"
        ),
        input(
            "released_on",
            "Released on",
            "date",
            value(values, "released_on"),
            errors,
            " required"
        )
    );
    Ok(desk(role, status, "Releases", body))
}

/// `GET /desk/releases`.
pub async fn releases_page<D: Database>(app: &App<D>, caller: &Caller) -> Result<Handled> {
    releases_html(app, caller, 200, &FieldErrors::default(), &Map::new()).await
}

/// `POST /desk/releases`.
pub async fn add_release<D: Database>(
    app: &App<D>,
    request: &Request,
    caller: &Caller,
) -> Result<Handled> {
    app.identify(caller).await?.staff()?;
    let object = form(request)?;
    let release = match crate::app::Release::parse(&object) {
        Ok(release) => release,
        Err(errors) => return releases_html(app, caller, 422, &errors, &object).await,
    };
    match app.record_release(&release).await {
        Ok(()) => Ok(Response::redirect("/desk/releases").into()),
        Err(error) => Ok(problem_page(Area::Desk, error.into())),
    }
}

// ---- the partner's SUPS sale ------------------------------------------------

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
            flat.push(name, Invalid::new(error.code, error.detail.clone()));
        }
        let body = sups_form(value(&values, "idempotency_key"), &flat, &values);
        page_in(Area::Partner, 422, "Sell SUPS", body).into()
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
                page_in(Area::Partner, 200, "SUPS sold", body),
                answer.jobs,
            ))
        }
        Err(AppError::Invalid(errors)) => Ok(again(errors)),
        Err(error) => Ok(problem_page(Area::Partner, error.into())),
    }
}

// ---- the incident desk, statements, outbox, audit, claims --------------------

/// `GET /desk`: the incident queue and the desk's charts.
pub async fn incidents_page<D: Database>(
    app: &App<D>,
    caller: &Caller,
    now: Instant,
) -> Result<Handled> {
    let (staff, queue) = app.desk_queue(caller, now).await?;
    let role = staff.role;
    let desk = Area::DeskAs(role);
    // Finance sees the queue but works no incidents: no links it may not follow.
    let opens_incidents = role.may(&[crate::domain::staff::StaffRole::Agent]);
    let rows: Html = queue
        .incidents
        .iter()
        .map(|i| {
            let left = i.callback.due_by - now;
            let (class, label) = if left <= Duration::zero() {
                ("late", "deadline passed".to_owned())
            } else if left <= Duration::hours(4) {
                ("soon", format!("{} min left", left.num_minutes()))
            } else {
                ("ok", format!("{} h left", left.num_hours()))
            };
            let subject = if opens_incidents {
                html!("<a href=\"/desk/incidents/{}\">{}</a>", i.id, i.subject)
            } else {
                html!("{}", i.subject)
            };
            html!(
                "<tr class=\"{}\"><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                class,
                subject,
                status_text(i.callback.status.as_str()),
                when(i.callback.due_by),
                label
            )
        })
        .collect();
    let caption = "Open incidents, nearest deadline first";
    let mut html = scroll_region(
        caption,
        html!(
            "<table id=\"incident-queue\"><caption>{}</caption>\
             <thead><tr><th scope=\"col\">Incident</th><th scope=\"col\">Status</th><th scope=\"col\">Call by</th><th scope=\"col\">Time left</th></tr></thead>\
             <tbody>{}</tbody></table>",
            caption,
            rows
        ),
    );
    html.push(html!("\n<h2>The last 30 days</h2>\n"));
    html.push(super::chart::callback_times(
        &queue.callback_after,
        queue.target,
        queue.deadline,
    ));
    html.push(super::chart::coupons_per_day(&queue.coupons_per_day));
    Ok(page_in(desk, 200, "Support desk", html).into())
}

pub async fn desk_incident<D: Database>(
    app: &App<D>,
    caller: &Caller,
    id: &str,
) -> Result<Handled> {
    desk_incident_page(app, caller, id, None).await
}

/// A desk form that came back refused: which one, what was typed, and why.
pub(crate) struct Refused<'a> {
    action: &'a str,
    values: &'a Map<String, Value>,
    errors: &'a FieldErrors,
}

/// The incident's page on the desk; a refused form comes back (422) with
/// what the agent typed and each error beside its field, the other forms empty.
pub(crate) async fn desk_incident_page<D: Database>(
    app: &App<D>,
    caller: &Caller,
    id: &str,
    refused: Option<Refused<'_>>,
) -> Result<Handled> {
    let (staff, timeline) = match app.desk_incident(caller, id).await {
        Ok(read) => read,
        Err(error) => return refusal_page(Area::Desk, error),
    };
    let desk = Area::DeskAs(staff.role);
    let incident = &timeline.incident;
    let mut html = timeline.customer.as_ref().map_or(Html::EMPTY, |c| {
        html!(
            "<p>{} · {} · {}</p>",
            c.customer.company_name,
            c.contact.name,
            incident
                .phone
                .as_ref()
                .map_or(c.contact.phone.as_str(), Phone::as_str)
        )
    });
    html.push(timeline_html(&timeline));
    let empty = FieldErrors::default();
    let no_values = Map::new();
    let (status, posted) = match &refused {
        Some(r) => (422, r.action),
        None => (200, ""),
    };
    // Only the refused form shows what was typed and its errors.
    let form_state = |action: &str| match &refused {
        Some(r) if r.action == action => (r.values, r.errors),
        _ => (&no_values, &empty),
    };
    let (attempt, attempt_errors) = form_state("attempts");
    let (session, session_errors) = form_state("sessions");
    let (message, message_errors) = form_state("messages");
    let (close, close_errors) = form_state("close");
    let value = |values: &Map<String, Value>, name: &str| {
        values
            .get(name)
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_owned()
    };
    let field_error = |errors: &FieldErrors, name: &str| {
        error_for(errors, name).map_or(Html::EMPTY, |e| {
            html!("<p class=\"field-error\" role=\"alert\">{}</p>", e)
        })
    };
    let outcomes = [
        ("no_answer", "No answer"),
        ("busy", "Busy"),
        ("failed", "Failed"),
        ("reached", "Reached"),
    ];
    if !posted.is_empty() {
        html.push(html!(
            "<p class=\"field-error\" role=\"alert\">Nothing was recorded: correct the marked field below.</p>\n"
        ));
    }
    let id = &incident.id;
    html.push(html!(
        "<h2>Record a callback attempt</h2><form method=\"post\" action=\"/desk/incidents/{}/attempts\">{}{}{}{}{}<button type=\"submit\">Record attempt</button></form>\n\
         <h2>Log a support session</h2><form method=\"post\" action=\"/desk/incidents/{}/sessions\">{}{}{}{}<button type=\"submit\">Log session</button></form>\n\
         <h2>Write to the customer</h2><form method=\"post\" action=\"/desk/incidents/{}/messages\">{}<button type=\"submit\">Send</button></form>\n\
         <h2>Close</h2><form method=\"post\" action=\"/desk/incidents/{}/close\" data-confirm=\"Close this incident and email the statement?\">{}<button type=\"submit\">Close incident</button></form>",
        id,
        select_with("outcome", "outcome", "Outcome", &outcomes, &value(attempt, "outcome")),
        field_error(attempt_errors, "outcome"),
        select_with("attempt-channel", "channel", "Channel", &CHANNELS, &value(attempt, "channel")),
        field_error(attempt_errors, "channel"),
        textarea_with("note", super::portal::INTERNAL_NOTE, &value(attempt, "note"), attempt_errors),
        id,
        input("started_at", "Started (RFC 3339, UTC)", "text", &value(session, "started_at"), session_errors, " placeholder=\"2026-11-26T09:30:00Z\" required"),
        input("ended_at", "Ended (RFC 3339, UTC)", "text", &value(session, "ended_at"), session_errors, " placeholder=\"2026-11-26T09:47:00Z\" required"),
        select_with("session-channel", "channel", "Channel", &CHANNELS, &value(session, "channel")),
        field_error(session_errors, "channel"),
        id,
        textarea_with("body", "Message", &value(message, "body"), message_errors),
        id,
        textarea_with("resolution", "Resolution", &value(close, "resolution"), close_errors)
    ));
    Ok(page_in(desk, status, &incident.subject, html).into())
}

/// The desk's forms on an incident: attempts, sessions, messages, closing.
pub async fn desk_action<D: Database>(
    app: &App<D>,
    request: &Request,
    caller: &Caller,
    id: &str,
    action: &str,
    now: Instant,
    entropy: &mut Entropy,
) -> Result<Handled> {
    let object = form(request)?;
    let back = format!("/desk/incidents/{id}");
    let outcome = match action {
        "attempts" => match AttemptInput::parse(&object) {
            Ok(input) => app
                .record_attempt(caller, id, input, now, entropy)
                .await
                .map(|(_, _, jobs)| jobs),
            Err(errors) => Err(AppError::Invalid(errors)),
        },
        "sessions" => match SessionInput::parse(&object) {
            Ok(input) => app
                .change_session(caller, id, None, Some(input), now, entropy)
                .await
                .map(|charged| charged.jobs),
            Err(errors) => Err(AppError::Invalid(errors)),
        },
        "messages" => match incidents::message_body(&object) {
            Ok(body) => app.staff_message(caller, id, body, now, entropy).await,
            Err(errors) => Err(AppError::Invalid(errors)),
        },
        _ => match incidents::resolution(&object) {
            Ok(resolution) => app
                .close_incident(caller, id, resolution, now, entropy)
                .await
                .map(|(_, jobs)| jobs),
            Err(errors) => Err(AppError::Invalid(errors)),
        },
    };
    match outcome {
        Ok(jobs) => Ok(Handled::with_jobs(Response::redirect(&back), jobs)),
        Err(AppError::Invalid(errors)) => {
            let refused = Refused {
                action,
                values: &object,
                errors: &errors,
            };
            desk_incident_page(app, caller, id, Some(refused)).await
        }
        Err(error) => refusal_page(Area::Desk, error),
    }
}

pub(crate) fn upload_form() -> Html {
    html!("<form method=\"post\" action=\"/desk/statements\" enctype=\"multipart/form-data\">\
     <p><label for=\"statement\">Bank statement (camt.053, camt.054 or CSV)</label>\
     <input id=\"statement\" name=\"statement\" type=\"file\" accept=\".xml,.csv,text/xml,application/xml,text/csv\" required></p>\
     <button type=\"submit\">Upload</button></form>")
}

pub(crate) fn unmatched_html(entries: &[crate::store::BankEntryRecord]) -> Html {
    let rows: Vec<Vec<Html>> = entries
        .iter()
        .map(|e| {
            let id = &e.id;
            vec![
                html!("{}", e.booking_date.as_deref().unwrap_or("")),
                html!(
                    "{} {}",
                    Money::from_cents(e.amount_cents).unwrap_or_default(),
                    e.currency
                ),
                html!("{}", e.reference.as_deref().unwrap_or("")),
                html!("{}", e.remitter.as_deref().unwrap_or("")),
                html!(
                    "<form method=\"post\" action=\"/desk/bank-entries/{}/match\" class=\"inline\">\
                     <label for=\"order-{}\">Order</label> <input id=\"order-{}\" name=\"order_id\" required> \
                     <button type=\"submit\">Match</button></form>",
                    id,
                    id,
                    id
                ),
            ]
        })
        .collect();
    table(
        "Unmatched transfers",
        &[
            "Booked",
            "Amount",
            "Reference",
            "Remitter",
            "Match to an order",
        ],
        &rows,
    )
}

pub async fn statements_page<D: Database>(app: &App<D>, caller: &Caller) -> Result<Handled> {
    let (staff, entries) = app.unmatched_entries(caller, 200).await?;
    let desk = Area::DeskAs(staff.role);
    let body = html!("{}\n{}", upload_form(), unmatched_html(&entries));
    Ok(page_in(desk, 200, "Bank statements", body).into())
}

/// The file part named `name` of a `multipart/form-data` body.
pub(crate) fn multipart_file<'a>(request: &'a Request, name: &str) -> Option<&'a [u8]> {
    let part = crate::http::multipart::field(request.header("content-type")?, &request.body, name)?;
    Some(part.body)
}

pub async fn upload_statement<D: Database>(
    app: &App<D>,
    request: &Request,
    caller: &Caller,
    now: Instant,
    entropy: &mut Entropy,
) -> Result<Handled> {
    same_origin(app, request)?;
    let Some(file) = multipart_file(request, "statement") else {
        app.identify(caller).await?;
        return Ok(problem_page(
            Area::Desk,
            ApiError::MalformedBody("Choose a bank statement file to upload.".into()),
        ));
    };
    let xml = file
        .iter()
        .find(|b| !b.is_ascii_whitespace() && **b != 0xEF && **b != 0xBB && **b != 0xBF)
        == Some(&b'<');
    let upload = if xml {
        Upload::Camt(file)
    } else {
        Upload::Csv(file)
    };
    let (imported, jobs) = match app.import_statement(caller, upload, now, entropy).await {
        Ok(imported) => imported,
        Err(error) => return refusal_page(Area::Desk, error),
    };
    let (desk, report) = (Area::DeskAs(imported.staff.role), &imported.report);
    let c = &report.counts;
    let rows: Vec<Vec<Html>> = report
        .lines
        .iter()
        .map(|l| {
            vec![
                html!("{}", l.index + 1),
                html!("{}", status_text(l.outcome.as_str())),
                html!("{} {}", l.amount, l.currency),
                html!("{}", l.reference.as_deref().unwrap_or("")),
                html!("{}", l.order_id.as_deref().unwrap_or("")),
                html!("{}", l.detail),
            ]
        })
        .collect();
    let body = html!(
        "<p id=\"report-counts\" role=\"status\">{} entries: {} matched, {} partial, {} overpaid, {} unmatched, {} duplicates, {} ignored.</p>\n{}\n{}\n{}",
        c.entries,
        c.matched,
        c.partial,
        c.overpaid,
        c.unmatched,
        c.duplicates,
        c.ignored,
        table("Entries", &["#", "Outcome", "Amount", "Reference", "Order", "Detail"], &rows),
        unmatched_html(&imported.unmatched),
        upload_form()
    );
    Ok(Handled::with_jobs(
        page_in(desk, 200, "Reconciliation report", body),
        jobs,
    ))
}

pub async fn match_entry<D: Database>(
    app: &App<D>,
    request: &Request,
    caller: &Caller,
    id: &str,
    now: Instant,
    entropy: &mut Entropy,
) -> Result<Handled> {
    let object = form(request)?;
    let order_id = object
        .get("order_id")
        .and_then(Value::as_str)
        .unwrap_or("")
        .trim()
        .to_owned();
    match app
        .match_bank_entry(caller, id, &order_id, now, entropy)
        .await
    {
        Ok((_, jobs)) => Ok(Handled::with_jobs(
            Response::redirect("/desk/statements"),
            jobs,
        )),
        Err(error) => refusal_page(Area::Desk, error),
    }
}

pub async fn outbox_page<D: Database>(app: &App<D>, caller: &Caller) -> Result<Handled> {
    let (staff, messages) = app.outbox(caller, None, 100).await?;
    let desk = Area::DeskAs(staff.role);
    let rows: Vec<Vec<Html>> = messages
        .iter()
        .map(|m| {
            let status = match m.status {
                crate::store::OutboxStatus::Pending if m.attempts > 0 => html!(
                    "pending: attempt {} at {}",
                    m.attempts + 1,
                    when(m.next_attempt_at)
                ),
                crate::store::OutboxStatus::Unknown => html!(
                    "unknown: the send was interrupted and may have arrived; check with the recipient"
                ),
                other => html!("{}", status_text(other.as_str())),
            };
            vec![
                when(m.created_at),
                html!("{}", m.to),
                html!("{}", m.subject),
                status,
                html!("{}", m.last_error.as_deref().unwrap_or("")),
            ]
        })
        .collect();
    let body = table(
        "The last 100 emails",
        &["Written", "To", "Subject", "Status", "Last error"],
        &rows,
    );
    Ok(page_in(desk, 200, "Outbox", body).into())
}

/// `/desk/audit?target=&actor=`: who did what, newest first.
pub async fn audit_page<D: Database>(
    app: &App<D>,
    request: &Request,
    caller: &Caller,
) -> Result<Handled> {
    let target = request
        .query_param("target")
        .filter(|t| !t.trim().is_empty());
    let actor = request
        .query_param("actor")
        .filter(|a| !a.trim().is_empty());
    let (staff, entries) = app
        .audit_log(caller, target.as_deref(), actor.as_deref(), 200)
        .await?;
    let desk = Area::DeskAs(staff.role);
    let rows: Vec<Vec<Html>> = entries
        .iter()
        .map(|e| {
            vec![
                when(e.created_at),
                html!("{} ({})", e.actor_name, e.role),
                html!("{}", e.action),
                html!("{}", e.target),
                html!("<code>{}</code>", e.detail),
            ]
        })
        .collect();
    let filter = html!(
        "<form method=\"get\" action=\"/desk/audit\">{}{}<button type=\"submit\">Filter</button></form>",
        input("target", "Target (an id)", "text", target.as_deref().unwrap_or(""), &FieldErrors::default(), ""),
        input("actor", "Actor (an id or email)", "text", actor.as_deref().unwrap_or(""), &FieldErrors::default(), "")
    );
    let body = html!(
        "{}{}",
        filter,
        table(
            "Staff and partner actions",
            &["When", "Who", "Action", "Target", "Details"],
            &rows,
        )
    );
    Ok(page_in(desk, 200, "Audit log", body).into())
}

/// `GET /desk/claims`: the claims waiting for staff, each with its three
/// decisions.
pub async fn claims_page<D: Database>(app: &App<D>, caller: &Caller) -> Result<Handled> {
    let (staff, claims) = app.license_claims(caller).await?;
    let desk = Area::DeskAs(staff.role);
    let rows: Vec<Vec<Html>> = claims
        .iter()
        .map(|c| {
            let id = &c.id;
            let action = |what: &str| format!("/desk/claims/{id}/{what}");
            vec![
                when(c.created_at),
                html!("{}<br>{}", c.company_name, c.email),
                html!("{}", c.serial),
                html!("{}", status_text(c.status.as_str())),
                html!(
                    "<form method=\"post\" action=\"{}\" class=\"inline\"><label for=\"serial-{}\">Serial (if not as typed)</label> \
                     <input id=\"serial-{}\" name=\"serial\"> <button type=\"submit\">Assign</button></form>\
                     <form method=\"post\" action=\"{}\" class=\"inline\"><button type=\"submit\">Ask the holder</button></form>\
                     <form method=\"post\" action=\"{}\" class=\"inline\"><label for=\"reason-{}\">Reason</label> \
                     <input id=\"reason-{}\" name=\"reason\" required> <button type=\"submit\">Refuse</button></form>",
                    action("assign"),
                    id,
                    id,
                    action("join"),
                    action("refuse"),
                    id,
                    id
                ),
            ]
        })
        .collect();
    let body = html!(
        "<p>A registration whose company is not the licensee of its serial (or typed 0) is a claim: assign the license if nobody holds it, \
         ask the holder's contacts to take the claimant in, or refuse with a reason the claimant is emailed.</p>{}",
        table(
            "License claims, oldest first",
            &["Registered", "Claimant", "Serial typed", "Status", "Decide"],
            &rows
        )
    );
    Ok(page_in(desk, 200, "License claims", body).into())
}

/// `POST /desk/claims/{id}/assign|join|refuse`.
pub async fn decide_claim<D: Database>(
    app: &App<D>,
    request: &Request,
    caller: &Caller,
    id: &str,
    action: crate::app::ClaimAction,
    now: Instant,
    entropy: &mut Entropy,
) -> Result<Handled> {
    let object = form(request)?;
    match app
        .decide_claim(caller, id, action, &object, now, entropy)
        .await
    {
        Ok(decision) => {
            let jobs = match decision {
                crate::app::ClaimDecision::Assigned { .. } => Vec::new(),
                crate::app::ClaimDecision::JoinRequested { jobs }
                | crate::app::ClaimDecision::Refused { jobs } => jobs,
            };
            Ok(Handled::with_jobs(Response::redirect("/desk/claims"), jobs))
        }
        Err(error) => refusal_page(Area::Desk, error),
    }
}

// ---- bulletins ---------------------------------------------------------------

pub(crate) fn desk_html(
    summaries: &[BulletinSummary],
    errors: &FieldErrors,
    subject: &str,
    body: &str,
) -> Html {
    let rows: Vec<Vec<Html>> = summaries
        .iter()
        .map(|s| {
            vec![
                when(s.bulletin.published_at),
                html!(
                    "<a href=\"/news/{}\">{}</a>",
                    s.bulletin.id,
                    s.bulletin.subject
                ),
                html!("{}", s.recipients),
                html!("{}", s.sent),
                html!("{}", s.failed),
                html!("{}", s.pending),
            ]
        })
        .collect();
    html!(
        "<form method=\"post\" action=\"/desk/bulletins\">\n{}{}<p>Blank lines part paragraphs; lines starting with \"- \" or \"1. \" make a list. \
         It goes to every subscribed contact at once.</p>\n<button type=\"submit\">Publish and send</button>\n</form>\n{}",
        input("subject", "Subject", "text", subject, errors, " required maxlength=\"150\""),
        textarea_with("body", "Text", body, errors),
        table(
            "Bulletins",
            &["Published", "Subject", "Recipients", "Sent", "Failed", "Not yet written"],
            &rows
        )
    )
}

/// `GET /desk/bulletins`: the form and the bulletins with their counts.
pub async fn desk_page<D: Database>(app: &App<D>, caller: &Caller) -> Result<Handled> {
    let (staff, summaries) = app.bulletins_as(caller, bulletins::BULLETINS_SHOWN).await?;
    let desk = Area::DeskAs(staff.role);
    let html = desk_html(&summaries, &FieldErrors::default(), "", "");
    Ok(page_in(desk, 200, "Bulletins", html).into())
}

/// `POST /desk/bulletins`: published, or the form again with its errors.
pub async fn desk_publish<D: Database>(
    app: &App<D>,
    request: &Request,
    principal: &Principal,
    now: Instant,
    entropy: &mut Entropy,
) -> Result<Handled> {
    let staff = principal.staff()?;
    let desk = Area::DeskAs(staff.role);
    let object = form(request)?;
    match bulletins::parse(&object) {
        Ok(bulletin) => {
            let published = app
                .publish_bulletin(&bulletin, &staff.email, now, entropy)
                .await?;
            Ok(Handled::with_jobs(
                Response::redirect("/desk/bulletins"),
                published.jobs,
            ))
        }
        Err(errors) => {
            let text = |name: &str| object.get(name).and_then(Value::as_str).unwrap_or("");
            let summaries = app.bulletins(bulletins::BULLETINS_SHOWN).await?;
            let html = desk_html(&summaries, &errors, text("subject"), text("body"));
            Ok(page_in(desk, 422, "Bulletins", html).into())
        }
    }
}
