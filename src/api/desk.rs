//! The desk's pages for work done by form: tasks and orders in review,
//! balance adjustments, partners, the license import and releases; and the
//! partner's SUPS sale. Each calls the same parser and use case as its API
//! endpoint; a wrong field shows the form again (422) with what was typed
//! and the error next to the field.

use serde_json::{Map, Value};

use super::coupons;
use super::decode::{self, Fields};
use super::http::{Handled, Request, Response};
use super::licensing;
use super::pages::{escape, page_in, Area};
use super::problem::ApiError;
use super::web::{
    error_for, form, input, multipart_file, problem_or_refusal, problem_page, status_text, table,
};
use super::Result;
use crate::app::{AccessError, BillingError};
use crate::app::{Adjustment, App, AppError, Caller, Idempotency, Principal, TaskQueue};
use crate::domain::entropy::Entropy;
use crate::domain::field::{FieldErrors, Invalid};
use crate::domain::idempotency::{IdempotencyKey, RequestFingerprint};
use crate::domain::money::Money;
use crate::domain::staff::StaffRole;
use crate::domain::text::Text;
use crate::domain::time::Instant;
use crate::store::Database;

/// A form that failed: which one (a task or order id), its errors, and what
/// was typed.
type Failed<'a> = Option<(&'a str, &'a FieldErrors, &'a Map<String, Value>)>;

fn value<'a>(values: &'a Map<String, Value>, name: &str) -> &'a str {
    values.get(name).and_then(Value::as_str).unwrap_or("")
}

/// A field of one row's form: ids carry the row's id, so that many forms
/// on a page keep their labels and errors apart.
fn row_field(row: &str, name: &str, label: &str, failed: Failed) -> String {
    let id = format!("{name}-{}", escape(row));
    let (typed, error) = match failed {
        Some((which, errors, values)) if which == row => {
            (value(values, name).to_owned(), error_for(errors, name))
        }
        _ => (String::new(), None),
    };
    let (described, message) = error.map_or((String::new(), String::new()), |e| {
        (
            format!(" aria-invalid=\"true\" aria-describedby=\"{id}-error\""),
            format!(
                "<span id=\"{id}-error\" class=\"field-error\" role=\"alert\">{}</span>",
                escape(&e)
            ),
        )
    });
    format!(
        "<label for=\"{id}\">{label}</label> <input id=\"{id}\" name=\"{name}\" value=\"{}\" required{described}>{message} ",
        escape(&typed)
    )
}

/// A select whose chosen option is what was sent.
fn select_field(
    id: &str,
    name: &str,
    label: &str,
    options: &[(&str, &str)],
    chosen: &str,
) -> String {
    let options = super::web::options_html(options, chosen);
    format!("<label for=\"{id}\">{label}</label> <select id=\"{id}\" name=\"{name}\">{options}</select> ")
}

fn desk(role: StaffRole, status: u16, title: &str, body: &str) -> Handled {
    page_in(Area::DeskAs(role), status, title, body).into()
}

/// A use case's refusal of a form: its field errors shown on the form,
/// anything else as the desk's problem page.
fn field_errors(error: ApiError) -> std::result::Result<FieldErrors, Handled> {
    match error {
        ApiError::App(AppError::Invalid(errors)) => Ok(errors),
        other => Err(problem_page(Area::Desk, other)),
    }
}

// ---- tasks and orders in review --------------------------------------------

fn tasks_html(role: StaffRole, status: u16, queue: &TaskQueue, failed: Failed<'_>) -> Handled {
    let tasks: Vec<Vec<String>> = queue
        .tasks
        .iter()
        .map(|t| {
            let id = escape(&t.id);
            vec![
                super::web::when(t.created_at),
                status_text(&t.kind),
                escape(t.order_id.as_deref().unwrap_or("")),
                t.amount_cents
                    .and_then(Money::from_cents)
                    .map_or(String::new(), |m| format!("EUR {m}")),
                escape(&t.detail),
                format!(
                    "<form method=\"post\" action=\"/desk/tasks/{id}/resolve\" class=\"inline\">{}\
                     <button type=\"submit\">Resolve</button></form>",
                    row_field(&t.id, "note", "Note", failed)
                ),
            ]
        })
        .collect();
    let orders: Vec<Vec<String>> = queue
        .in_review
        .iter()
        .map(|record| {
            let order = &record.order;
            let id = &order.id;
            let chosen = match failed {
                Some((which, _, values)) if which == id => value(values, "action").to_owned(),
                _ => String::new(),
            };
            let escaped = escape(id);
            vec![
                escaped.clone(),
                escape(&order.customer_id),
                format!("{} coupons, EUR {}", order.quantity.get(), order.total),
                escape(record.review_reason.as_deref().unwrap_or("")),
                format!(
                    "<form method=\"post\" action=\"/desk/orders/{escaped}/settle\" class=\"inline\">{}{}\
                     <button type=\"submit\">Settle</button></form>",
                    select_field(
                        &format!("action-{escaped}"),
                        "action",
                        "Settle by",
                        &[
                            ("credit", "Credit the coupons (accept the payment)"),
                            ("refund", "Refund the payment"),
                            ("cancel", "Cancel the order"),
                        ],
                        &chosen,
                    ),
                    row_field(id, "note", "Note", failed),
                ),
            ]
        })
        .collect();
    let body = format!(
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
        ),
    );
    desk(role, status, "Tasks", &body)
}

/// The tasks page again with a refused form's errors (422), from one read.
async fn tasks_again<D: Database>(
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
    let Some(note) = coupons::note(&mut fields) else {
        return tasks_again(app, caller, Some((id, &fields.errors, &object))).await;
    };
    match app.resolve_task(caller, id, &note, now).await {
        Ok(_) => Ok(Response::redirect("/desk/tasks").into()),
        Err(error) => refused(error),
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
    let (action, note) = match coupons::settlement(&mut fields) {
        Ok(parsed) => parsed,
        Err(errors) => return tasks_again(app, caller, Some((id, &errors, &object))).await,
    };
    match app
        .settle_order(caller, id, action, &note, now, entropy)
        .await
    {
        Ok((_, _, jobs)) => Ok(Handled::with_jobs(Response::redirect("/desk/tasks"), jobs)),
        Err(error) => refused(error),
    }
}

/// A use case's refusal on the desk: who may not call is an error (the
/// router signs them in or refuses them), anything else the problem page.
fn refused(error: AppError) -> Result<Handled> {
    match error {
        AppError::Access(AccessError::Unauthenticated)
        | AppError::Access(AccessError::Forbidden(_))
        | AppError::Unavailable(_) => Err(error.into()),
        other => Ok(problem_page(Area::Desk, other.into())),
    }
}

// ---- balance adjustments --------------------------------------------------

/// The adjustment form, with a fresh idempotency key unless it shows a
/// refused one again: a double submit of one rendered form adjusts once.
fn adjustment_form(key: &str, errors: &FieldErrors, values: &Map<String, Value>) -> String {
    format!(
        "<form method=\"post\" action=\"/desk/adjustments\">\
         <input type=\"hidden\" name=\"idempotency_key\" value=\"{}\">{}{}{}\
         <button type=\"submit\">Adjust the balance</button></form>",
        escape(key),
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
        ),
    )
}

/// `GET /desk/adjustments`.
pub fn adjustments_page(principal: &Principal, entropy: &mut Entropy) -> Result<Handled> {
    let staff = principal.staff()?;
    let body = adjustment_form(&entropy.id("adj"), &FieldErrors::default(), &Map::new());
    Ok(desk(staff.role, 200, "Adjust a balance", &body))
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
            &adjustment_form(&shown_key, errors, &object),
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
            let done = format!(
                "<p role=\"status\">The balance of {} is now {} coupon(s).</p>{}",
                escape(customer_id.as_str()),
                body["coupon_balance"],
                adjustment_form(&entropy.id("adj"), &FieldErrors::default(), &Map::new()),
            );
            Ok(desk(role, 200, "Balance adjusted", &done))
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

const KINDS: [(&str, &str); 3] = [
    ("reseller", "Reseller"),
    ("technician", "Technician"),
    ("both", "Reseller and technician"),
];

/// The partners page, with the caller and the partners read in one batch.
async fn partners_html<D: Database>(
    app: &App<D>,
    caller: &Caller,
    status: u16,
    errors: &FieldErrors,
    values: &Map<String, Value>,
) -> Result<Handled> {
    let (staff, partners) = app.partners(caller).await?;
    let role = staff.role;
    let rows: Vec<Vec<String>> = partners
        .iter()
        .map(|p| {
            let id = escape(&p.id);
            let state = match p.revoked_at {
                Some(at) => format!("revoked {}", super::web::when(at)),
                None => format!(
                    "<form method=\"post\" action=\"/desk/partners/{id}/revoke\" class=\"inline\" \
                     data-confirm=\"Revoke {name}'s key? Their calls stop at once.\">\
                     <button type=\"submit\" aria-label=\"Revoke {name}\">Revoke</button></form>",
                    name = escape(&p.name)
                ),
            };
            vec![
                id,
                escape(&p.name),
                escape(p.kind.as_str()),
                escape(&p.country),
                escape(&p.email),
                state,
            ]
        })
        .collect();
    let chosen = value(values, "kind");
    let body = format!(
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
        ),
    );
    Ok(desk(role, status, "Partners", &body))
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
    let object = match form(request) {
        Ok(object) => object,
        Err(error) => return super::refuse(app, caller, error).await,
    };
    let record = match licensing::partner_record(&object, entropy) {
        Ok(record) => record,
        Err(error) => {
            return match field_errors(error) {
                Ok(errors) => partners_html(app, caller, 422, &errors, &object).await,
                Err(page) => Ok(page),
            }
        }
    };
    let staff = app.identify(caller).await?.staff()?;
    match app.create_partner(record, now, entropy).await {
        Ok((partner, key)) => {
            let body = format!(
                "<p role=\"status\">{} ({}) is added as <code>{}</code>.</p>\
                 <p>Their API key, shown this once: give it to them now.</p>\
                 <p><code id=\"api-key\">{}</code> <button type=\"button\" data-copy=\"{}\">Copy</button></p>\
                 <p><a href=\"/desk/partners\">Back to the partners</a></p>",
                escape(&partner.name),
                escape(partner.kind.as_str()),
                escape(&partner.id),
                escape(key.as_str()),
                escape(key.as_str()),
            );
            Ok(desk(staff.role, 200, "Partner added", &body))
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
        Err(error) => refused_on_desk(error),
    }
}

/// A refusal on a desk page: who may not call goes to sign in (or is
/// refused) as the router does; any other refusal is said on the page.
fn refused_on_desk(error: AppError) -> Result<Handled> {
    match error {
        AppError::Access(AccessError::Unauthenticated)
        | AppError::Access(AccessError::Forbidden(_))
        | AppError::Unavailable(_) => Err(error.into()),
        other => Ok(problem_page(Area::Desk, other.into())),
    }
}

// ---- the license import -----------------------------------------------------

fn license_upload_form(error: Option<&str>) -> String {
    let (described, message) = error.map_or((String::new(), String::new()), |e| {
        (
            " aria-invalid=\"true\" aria-describedby=\"licenses-error\"".to_owned(),
            format!(
                "<p id=\"licenses-error\" class=\"field-error\" role=\"alert\">{}</p>",
                escape(e)
            ),
        )
    });
    format!(
        "<form method=\"post\" action=\"/desk/licenses\" enctype=\"multipart/form-data\">\
         <p><label for=\"licenses\">Licenses (CSV or a JSON array: serial, product, edition, version, list_price, \
         installations, partner_id, licensee_name, licensee_country, licensee_vat_id)</label>\
         <input id=\"licenses\" name=\"licenses\" type=\"file\" accept=\".csv,.json,text/csv,application/json\" required{described}></p>{message}\
         <button type=\"submit\">Import</button></form>"
    )
}

/// `GET /desk/licenses`.
pub fn licenses_page(principal: &Principal) -> Result<Handled> {
    let staff = principal.staff()?;
    Ok(desk(
        staff.role,
        200,
        "License import",
        &license_upload_form(None),
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
            &license_upload_form(Some(detail)),
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
    let media = if json { "application/json" } else { "text/csv" };
    let rows = match licensing::license_rows(Some(media), file) {
        Ok(rows) => rows,
        Err(ApiError::MalformedBody(detail)) => {
            let staff = app.identify(caller).await?.staff()?;
            return Ok(refused(staff.role, &detail));
        }
        Err(other) => return super::refuse(app, caller, other).await,
    };
    let (staff, report) = match app.import_licenses(caller, rows, now).await {
        Ok(imported) => imported,
        Err(error) => return refused_on_desk(error),
    };
    let report = serde_json::to_value(&report).unwrap_or_default();
    let rejected: Vec<Vec<String>> = report["rejected"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|r| {
            vec![
                escape(&r["row"].to_string()),
                escape(r["serial"].as_str().unwrap_or("")),
                escape(&r["errors"].to_string()),
            ]
        })
        .collect();
    let body = format!(
        "<p id=\"import-counts\" role=\"status\">{} imported, {} updated, {} rejected.</p>{}{}",
        report["imported"],
        report["updated"],
        rejected.len(),
        table("Rejected rows", &["Row", "Serial", "Errors"], &rejected),
        license_upload_form(None),
    );
    Ok(desk(staff.role, 200, "License import report", &body))
}

// ---- releases -----------------------------------------------------------------

/// The releases page, with the caller and the releases read in one batch.
async fn releases_html<D: Database>(
    app: &App<D>,
    caller: &Caller,
    status: u16,
    errors: &FieldErrors,
    values: &Map<String, Value>,
) -> Result<Handled> {
    let (staff, releases) = app.releases(caller).await?;
    let role = staff.role;
    let rows: Vec<Vec<String>> = releases
        .iter()
        .map(|(product, version, on)| vec![escape(product), escape(version), escape(on)])
        .collect();
    let body = format!(
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
        ),
    );
    Ok(desk(role, status, "Releases", &body))
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
    match licensing::record_release(app, &object).await {
        Ok(_) => Ok(Response::redirect("/desk/releases").into()),
        Err(error) => match field_errors(error) {
            Ok(errors) => releases_html(app, caller, 422, &errors, &object).await,
            Err(page) => Ok(page),
        },
    }
}

// ---- the partner's SUPS sale ------------------------------------------------

/// The SUPS sale's form fields: name, label, input type.
const SUPS_FIELDS: [(&str, &str, &str); 12] = [
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
pub fn sups_form(key: &str, errors: &FieldErrors, values: &Map<String, Value>) -> String {
    let fields: String = SUPS_FIELDS
        .iter()
        .map(|(name, label, kind)| {
            let required = if *name == "vat_id" { "" } else { " required" };
            input(name, label, kind, value(values, name), errors, required)
        })
        .collect();
    format!(
        "<h2>Sell or extend SUPS</h2><form method=\"post\" action=\"/partner/sups\">\
         <input type=\"hidden\" name=\"idempotency_key\" value=\"{}\">{fields}\
         <button type=\"submit\">Sell SUPS</button></form>",
        escape(key)
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
            let name = match decode::form_name(&error.field) {
                "Idempotency-Key" => "serial",
                other => other,
            };
            flat.push(name, Invalid::new(error.code, error.detail.clone()));
        }
        let body = sups_form(value(&values, "idempotency_key"), &flat, &values);
        page_in(Area::Partner, 422, "Sell SUPS", &body).into()
    };
    let (sale, keyed) =
        match licensing::sups_sale(&object, decode::registration_form(&pairs), key, now) {
            Ok(parsed) => parsed,
            Err(error) => {
                app.identify(caller).await?;
                return Ok(match error {
                    ApiError::App(AppError::Invalid(errors)) => again(errors),
                    other => problem_page(Area::Partner, other),
                });
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
            let text = |name: &str| escape(sold[name].as_str().unwrap_or(""));
            let body = format!(
                "<p role=\"status\">SUPS for {} is covered from {} to {}; the monthly fee is EUR {}.</p>\
                 <p><a href=\"/partner\">Back to your subscriptions</a></p>",
                escape(value(&values, "serial")),
                text("covered_from"),
                text("covered_until"),
                text("monthly_fee"),
            );
            Ok(Handled::with_jobs(
                page_in(Area::Partner, 200, "SUPS sold", &body),
                answer.jobs,
            ))
        }
        Err(AppError::Invalid(errors)) => Ok(again(errors)),
        Err(error) => problem_or_refusal(Area::Partner, error),
    }
}
