//! The licensing endpoints: catalogue and partners (staff), activation (the
//! customer or a partner's technician), validation (the installed product),
//! SUPS sales and statements (resellers), license claims (staff).

use serde_json::{json, Value};

use crate::app::input::Fields;
use crate::app::LicensingError;
use crate::app::{
    coverage_of, Activation, App, AppError, Caller, ClaimDecision, Idempotency, Principal, SupsSale,
};
use crate::domain::activation::InstallationId;
use crate::domain::country::Country;
use crate::domain::email::Email;
use crate::domain::entropy::Entropy;
use crate::domain::field::{FieldErrors, Invalid};
use crate::domain::idempotency::{IdempotencyKey, RequestFingerprint};
use crate::domain::license::{rows_from_csv, LicenseRow, ProductVersion};
use crate::domain::money::Money;
use crate::domain::partner::PartnerKind;
use crate::domain::registration::NewRegistration;
use crate::domain::serial::SerialNumber;
use crate::domain::subscription;
use crate::domain::text::Text;
use crate::domain::time::{format, Instant};
use crate::http::decode;
use crate::http::ApiError;
use crate::http::Result;
use crate::http::{Handled, Request, Response};
use crate::store::{ActivationRecord, Database, PartnerRecord};

fn activation_json(record: &ActivationRecord) -> Value {
    json!({
        "activation_id": record.id,
        "serial": record.serial,
        "installation_id": record.installation_id,
        "major_version": record.major_version,
        "activation_code": record.activation_code,
        "path": record.path,
        "technician": record.technician,
        "created_at": format(record.created_at),
        "deactivated_at": record.deactivated_at.map(format),
    })
}

/// The rows of a license import, as a JSON array or CSV.
pub fn license_rows(media_type: Option<&str>, body: &[u8]) -> Result<Vec<LicenseRow>> {
    let rows: Vec<LicenseRow> = match media_type {
        Some("text/csv") => rows_from_csv(body).map_err(ApiError::MalformedBody)?,
        Some("application/json") => {
            let value: Value = serde_json::from_slice(body).map_err(|e| {
                ApiError::MalformedBody(format!("The body is not valid JSON: {e}."))
            })?;
            let array = value
                .as_array()
                .ok_or_else(|| ApiError::MalformedBody("Send a JSON array of licenses.".into()))?;
            array
                .iter()
                .map(|row| {
                    let text = |name: &str| match row.get(name) {
                        Some(Value::String(s)) => Some(s.clone()),
                        Some(Value::Number(n)) => Some(n.to_string()),
                        _ => None,
                    };
                    LicenseRow {
                        serial: text("serial"),
                        product: text("product"),
                        edition: text("edition"),
                        version: text("version"),
                        list_price: text("list_price"),
                        installations: text("installations"),
                        partner_id: text("partner_id"),
                        licensee_name: text("licensee_name"),
                        licensee_country: text("licensee_country"),
                        licensee_vat_id: text("licensee_vat_id"),
                    }
                })
                .collect()
        }
        _ => {
            return Err(ApiError::UnsupportedMediaType(
                "application/json (an array) or text/csv",
            ))
        }
    };
    Ok(rows)
}

pub async fn import_licenses<D: Database>(
    app: &App<D>,
    request: &Request,
    caller: &Caller,
    now: Instant,
) -> Result<Handled> {
    let rows = license_rows(request.media_type().as_deref(), &request.body)?;
    let (_, report) = app.import_licenses(caller, rows, now).await?;
    Ok(Response::json(200, &report).into())
}

pub async fn create_partner<D: Database>(
    app: &App<D>,
    request: &Request,
    principal: &Principal,
    now: Instant,
    entropy: &mut Entropy,
) -> Result<Handled> {
    principal.staff()?;
    let object = decode::json_object(request)?;
    let record = partner_record(&object, entropy)?;
    let (partner, key) = app.create_partner(record, now, entropy).await?;
    let body = json!({"partner_id": partner.id, "api_key": key.as_str(), "name": partner.name, "kind": partner.kind});
    Ok(Response::json(201, &body).into())
}

/// A new partner's fields, parsed.
pub fn partner_record(
    object: &serde_json::Map<String, Value>,
    entropy: &mut Entropy,
) -> Result<PartnerRecord> {
    let mut fields = Fields::new(object);
    let name = fields.parse("name", |t| Text::parse(t, 200));
    let kind = fields.parse("kind", PartnerKind::parse);
    let country = fields.parse("country", Country::parse);
    let email = fields.parse("email", Email::parse);
    let (Some(name), Some(kind), Some(country), Some(email)) = (name, kind, country, email) else {
        return Err(decode::invalid(fields.errors));
    };
    Ok(PartnerRecord {
        id: entropy.id("ptn"),
        name: name.into_string(),
        kind,
        country: country.code().to_owned(),
        email: email.as_str().to_owned(),
        revoked_at: None,
    })
}

pub async fn revoke_partner<D: Database>(
    app: &App<D>,
    caller: &Caller,
    id: &str,
    now: Instant,
) -> Result<Handled> {
    app.revoke_partner(caller, id, now).await?;
    Ok(Response::json(200, &json!({"partner_id": id, "revoked": true})).into())
}

pub async fn add_release<D: Database>(
    app: &App<D>,
    request: &Request,
    principal: &Principal,
) -> Result<Handled> {
    principal.staff()?;
    let object = decode::json_object(request)?;
    let body = record_release(app, &object).await?;
    Ok(Response::json(201, &body).into())
}

/// Records a release from its fields, for the API and the desk's page.
pub async fn record_release<D: Database>(
    app: &App<D>,
    object: &serde_json::Map<String, Value>,
) -> Result<Value> {
    let mut fields = Fields::new(object);
    let product = fields.parse("product", |t| Text::parse(t, 100));
    let version = fields.parse("version", ProductVersion::parse);
    let released_on = fields.parse("released_on", crate::app::input::date);
    let (Some(product), Some(version), Some(released_on)) = (product, version, released_on) else {
        return Err(decode::invalid(fields.errors));
    };
    app.record_release(product.as_str(), &version, released_on)
        .await?;
    Ok(
        json!({"product": product.as_str(), "version": version.to_string(), "released_on": released_on}),
    )
}

/// `POST /api/me/activations` or `POST /api/partner/activations`.
pub async fn activate<D: Database>(
    app: &App<D>,
    request: &Request,
    caller: &Caller,
    partner: bool,
    now: Instant,
    entropy: &mut Entropy,
) -> Result<Handled> {
    let object = decode::json_object(request)?;
    let mut fields = Fields::new(&object);
    let serial = fields.parse("serial", SerialNumber::parse);
    let installation = fields.parse("installation_id", InstallationId::parse);
    let version = fields.parse("product_version", ProductVersion::parse);
    let technician = partner
        .then(|| fields.parse("technician", |t| Text::parse(t, 200)))
        .flatten();
    let (Some(serial), Some(installation), Some(version), true) =
        (serial, installation, version, fields.errors.is_empty())
    else {
        return Err(decode::invalid(fields.errors));
    };
    let (record, created) = app
        .activate(
            caller,
            Activation {
                serial: &serial,
                installation: &installation,
                version: &version,
                technician: technician.as_ref().map(Text::as_str),
            },
            now,
            entropy,
        )
        .await?;
    let status = if created { 201 } else { 200 };
    Ok(Response::json(status, &activation_json(&record)).into())
}

pub async fn deactivate<D: Database>(
    app: &App<D>,
    caller: &Caller,
    id: &str,
    now: Instant,
    entropy: &mut Entropy,
) -> Result<Handled> {
    let record = app.deactivate(caller, id, now, entropy).await?;
    Ok(Response::json(200, &activation_json(&record)).into())
}

pub async fn license_file<D: Database>(
    app: &App<D>,
    caller: &Caller,
    id: &str,
    now: Instant,
) -> Result<Handled> {
    let file = app.license_file(caller, id, now).await?;
    Ok(Response::new(200, "application/json", file.into_bytes())
        .with_header(
            "content-disposition",
            &format!("attachment; filename=\"{id}.license.json\""),
        )
        .into())
}

pub async fn public_key<D>(app: &App<D>) -> Result<Handled> {
    let signer = app
        .config
        .license_signer
        .as_ref()
        .ok_or(AppError::Unavailable("license files are not configured"))?;
    let public_key = signer
        .public_key_base64()
        .await
        .map_err(|e| AppError::from(LicensingError::Signing(e)))?;
    let body = json!({"algorithm": "Ed25519", "public_key": public_key, "encoding": "base64"});
    Ok(Response::json(200, &body)
        .with_header("cache-control", "public, max-age=3600")
        .into())
}

/// What the installed product calls: no login, rate limited per license.
pub async fn validate<D: Database>(
    app: &App<D>,
    request: &Request,
    now: Instant,
) -> Result<Handled> {
    let object = decode::json_object(request)?;
    let mut fields = Fields::new(&object);
    let serial = fields.text("serial");
    let installation = fields.text("installation_id");
    let code = fields.text("activation_code");
    let version = fields.parse("product_version", ProductVersion::parse);
    for (name, value) in [
        ("serial", &serial),
        ("installation_id", &installation),
        ("activation_code", &code),
    ] {
        if value.as_deref().is_none_or(|v| v.trim().is_empty()) {
            fields.errors.push(name, Invalid::required());
        }
    }
    let (Some(serial), Some(installation), Some(code), Some(version)) =
        (serial, installation, code, version)
    else {
        return Err(decode::invalid(fields.errors));
    };
    let client = request.header("cf-connecting-ip").unwrap_or("unknown");
    let validation = app
        .validate(&serial, &installation, &code, &version, client, now)
        .await?;
    Ok(Response::json(200, &validation).into())
}

pub async fn sell_sups<D: Database>(
    app: &App<D>,
    request: &Request,
    caller: &Caller,
    now: Instant,
    entropy: &mut Entropy,
) -> Result<Handled> {
    let object = decode::json_object(request)?;
    let input = crate::app::input::registration_json(&object);
    let keyed = decode::idempotency(request);
    let vendor = &app.config.vendor_addresses;
    let (sale, keyed) = match sups_sale(&object, input, keyed, vendor, now) {
        Ok(parsed) => parsed,
        Err(error) => return Err(error),
    };
    let keyed = keyed
        .as_ref()
        .map(|(key, request)| Idempotency { key, request });
    let answer = app
        .sell_sups(caller, sale, keyed.as_ref(), now, entropy)
        .await?;
    Ok(answer.into())
}

/// A SUPS sale's fields parsed (the registration's from JSON or a form:
/// the end user's address may be none of the vendor's own), with its
/// idempotency key if one came.
pub fn sups_sale(
    object: &serde_json::Map<String, Value>,
    mut input: crate::domain::registration::RegistrationInput,
    keyed: Option<std::result::Result<(IdempotencyKey, RequestFingerprint), Invalid>>,
    vendor: &crate::domain::email::VendorAddresses,
    now: Instant,
) -> Result<(SupsSale, Option<(IdempotencyKey, RequestFingerprint)>)> {
    input.accept_terms = Some(true);
    let serial_text = input.serial.clone();
    let registration = NewRegistration::parse(input, vendor);
    let mut fields = Fields::new(object);
    let mut errors = match &registration {
        Ok(_) => FieldErrors::default(),
        Err(errors) => errors.clone(),
    };
    let serial = errors.check(
        "serial",
        SerialNumber::parse(serial_text.as_deref().unwrap_or("")),
    );
    let today = now.date_naive();
    let starts_on = fields
        .parse("starts_on", crate::app::input::date)
        .and_then(|day| errors.check("starts_on", subscription::SaleStart::parse(day, today)));
    for error in fields.errors.list() {
        errors.push(&error.field, Invalid::new(error.code, error.detail.clone()));
    }
    let keyed = match keyed {
        None => None,
        Some(parsed) => errors.check("Idempotency-Key", parsed),
    };
    let months = errors.check(
        "months",
        object
            .get("months")
            .and_then(Value::as_i64)
            .map_or(Err(Invalid::required()), subscription::parse_months),
    );
    let (Ok(registration), Some(serial), Some(starts_on), Some(months)) =
        (registration, serial, starts_on, months)
    else {
        return Err(decode::invalid(errors));
    };
    if !errors.is_empty() {
        return Err(decode::invalid(errors));
    }
    Ok((
        SupsSale {
            serial,
            registration,
            starts_on,
            months,
        },
        keyed,
    ))
}

pub async fn partner_subscriptions<D: Database>(
    app: &App<D>,
    caller: &Caller,
    now: Instant,
) -> Result<Handled> {
    let today = now.date_naive();
    let subscriptions: Vec<Value> = app
        .partner_account(caller)
        .await?
        .subscriptions
        .iter()
        .map(|s| {
            let coverage = coverage_of(s);
            json!({
                "subscription_id": s.id,
                "serial": s.serial,
                "customer_id": s.customer_id,
                "covered_from": coverage.map(|c| c.from),
                "covered_until": coverage.map(|c| c.last_day()),
                "active": coverage.is_some_and(|c| c.covers(today)),
                "monthly_fee": s.monthly_fee_cents.and_then(Money::from_cents),
            })
        })
        .collect();
    Ok(Response::json(200, &json!({ "subscriptions": subscriptions })).into())
}

pub async fn partner_licenses<D: Database>(app: &App<D>, caller: &Caller) -> Result<Handled> {
    let licenses: Vec<Value> = app
        .partner_licenses(caller)
        .await?
        .iter()
        .map(|l| json!({"serial": l.serial, "product": l.product, "edition": l.edition, "major_version": l.major_version,
            "installations": l.installations, "list_price": Money::from_cents(l.list_price_cents)}))
        .collect();
    Ok(Response::json(200, &json!({ "licenses": licenses })).into())
}

/// A month's fees the partner owes, prorated by days of coverage.
pub async fn partner_statement<D: Database>(
    app: &App<D>,
    caller: &Caller,
    month: &str,
) -> Result<Handled> {
    let account = app.partner_account(caller).await?;
    let (year, number) = subscription::parse_month(month)
        .map_err(|invalid| super::invalid_field("month", invalid))?;
    let statement = account.statement(year, number);
    let lines: Vec<Value> = statement
        .lines
        .iter()
        .map(|(_, l)| json!({"subscription_id": l.subscription_id, "days_covered": l.days_covered, "days_in_month": l.days_in_month,
            "monthly_fee": l.fee, "amount": l.amount}))
        .collect();
    let body = json!({"partner_id": account.partner.id, "month": month, "currency": "EUR", "lines": lines, "total": statement.total});
    Ok(Response::json(200, &body).into())
}

pub async fn resolve_claim<D: Database>(
    app: &App<D>,
    request: &Request,
    caller: &Caller,
    id: &str,
    now: Instant,
    entropy: &mut Entropy,
) -> Result<Handled> {
    let object = decode::json_object(request)?;
    let mut fields = Fields::new(&object);
    let Some(serial) = fields.parse("serial", SerialNumber::parse) else {
        return Err(decode::invalid(fields.errors));
    };
    // Kept for serial-"0" claims: assigning the license named by `serial`.
    let ClaimDecision::Assigned { free_coupon } = app
        .assign_claim(caller, id, Some(&serial), now, entropy)
        .await?
    else {
        return Err(AppError::Licensing(LicensingError::ClaimDecided).into());
    };
    let body = json!({"claim_id": id, "serial": serial.as_str(), "status": "assigned", "free_coupon_granted": free_coupon});
    Ok(Response::json(200, &body).into())
}

/// The licenses a customer holds, with their activations and SUPS coverage,
/// for `GET /api/me`.
pub fn licenses_json(held: &[crate::store::HeldLicense], now: Instant) -> Value {
    let today = now.date_naive();
    let licenses = held
        .iter()
        .map(|held| {
            let license = &held.license;
            let activations: Vec<Value> = held.activations.iter().map(activation_json).collect();
            let coverage = held
                .subscriptions
                .iter()
                .filter_map(coverage_of)
                .max_by_key(|c| c.until);
            json!({
                "serial": license.serial,
                "product": license.product,
                "edition": license.edition,
                "major_version": license.major_version,
                "installations": license.installations,
                "activations": activations,
                "sups": coverage.map(|c| json!({"covered_from": c.from, "covered_until": c.last_day(), "active": c.covers(today)})),
            })
        })
        .collect();
    Value::Array(licenses)
}
