//! The licensing endpoints: catalogue and partners (staff), activation (the
//! customer or a partner's technician), validation (the installed product),
//! SUPS sales and statements (resellers), license claims (staff).

use chrono::NaiveDate;
use serde::Serialize;

use crate::app::input::Fields;
use crate::app::LicensingError;
use crate::app::{
    coverage_of, license_rows, partner_record, Activation, App, AppError, Caller, ClaimDecision,
    Idempotency, ImportFormat, ImportReport, PartnerAccount, Principal, Release, SupsSale,
    Validation,
};
use crate::domain::activation::InstallationId;
use crate::domain::entropy::Entropy;
use crate::domain::field::Invalid;
use crate::domain::license::ProductVersion;
use crate::domain::money::Money;
use crate::domain::serial::SerialNumber;
use crate::domain::subscription::{self, Coverage};
use crate::domain::text::Text;
use crate::domain::time::{format, Instant};
use crate::http::decode;
use crate::http::ApiError;
use crate::http::Result;
use crate::http::{Handled, Request, Response};
use crate::store::{ActivationRecord, Database, HeldLicense, LicenseRecord, SubscriptionRecord};

/// An installation's activation of a license.
#[derive(Debug, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(utoipa::ToSchema))]
pub struct ActivationAnswer {
    pub activation_id: String,
    pub serial: String,
    pub installation_id: String,
    /// The major version activated.
    pub major_version: i64,
    /// What the installed product sends to `POST /api/licenses/validate`.
    pub activation_code: String,
    /// Who activated: `self` (the customer) or `technician` (a partner's).
    pub path: String,
    /// The partner's technician who activated, if one did.
    pub technician: Option<String>,
    #[cfg_attr(not(target_arch = "wasm32"), schema(format = DateTime))]
    pub created_at: String,
    /// When the seat was freed; null while it is taken.
    #[cfg_attr(not(target_arch = "wasm32"), schema(format = DateTime))]
    pub deactivated_at: Option<String>,
}

impl From<&ActivationRecord> for ActivationAnswer {
    fn from(record: &ActivationRecord) -> Self {
        Self {
            activation_id: record.id.clone(),
            serial: record.serial.clone(),
            installation_id: record.installation_id.clone(),
            major_version: record.major_version,
            activation_code: record.activation_code.clone(),
            path: record.path.clone(),
            technician: record.technician.clone(),
            created_at: format(record.created_at),
            deactivated_at: record.deactivated_at.map(format),
        }
    }
}

/// The days SUPS covers a license.
#[derive(Debug, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(utoipa::ToSchema))]
pub struct CoverageAnswer {
    #[cfg_attr(not(target_arch = "wasm32"), schema(value_type = String, format = Date))]
    pub covered_from: NaiveDate,
    /// The last day covered.
    #[cfg_attr(not(target_arch = "wasm32"), schema(value_type = String, format = Date))]
    pub covered_until: NaiveDate,
    /// Whether today is covered.
    pub active: bool,
}

impl CoverageAnswer {
    fn of(coverage: Coverage, today: NaiveDate) -> Self {
        Self {
            covered_from: coverage.from,
            covered_until: coverage.last_day(),
            active: coverage.covers(today),
        }
    }
}

/// A license the organisation holds, as `GET /api/me` lists it.
#[derive(Debug, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(utoipa::ToSchema))]
pub struct HeldLicenseAnswer {
    pub serial: String,
    pub product: String,
    pub edition: String,
    /// The newest major version the perpetual license covers.
    pub major_version: i64,
    /// Seats: installations that may be active at once.
    pub installations: i64,
    /// Its activations, freed ones too.
    pub activations: Vec<ActivationAnswer>,
    /// The latest SUPS coverage; null without any.
    pub sups: Option<CoverageAnswer>,
}

impl HeldLicenseAnswer {
    /// The licenses a customer holds, with their activations and SUPS
    /// coverage.
    pub fn list(held: &[HeldLicense], now: Instant) -> Vec<Self> {
        let today = now.date_naive();
        held.iter()
            .map(|held| {
                let license = &held.license;
                let coverage = held
                    .subscriptions
                    .iter()
                    .filter_map(coverage_of)
                    .max_by_key(|c| c.until);
                Self {
                    serial: license.serial.clone(),
                    product: license.product.clone(),
                    edition: license.edition.clone(),
                    major_version: license.major_version,
                    installations: license.installations,
                    activations: held
                        .activations
                        .iter()
                        .map(ActivationAnswer::from)
                        .collect(),
                    sups: coverage.map(|c| CoverageAnswer::of(c, today)),
                }
            })
            .collect()
    }
}

/// One invalid field of a rejected row.
#[derive(Debug, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(utoipa::ToSchema))]
pub struct RowErrorAnswer {
    /// The column.
    pub field: String,
    pub code: &'static str,
    pub detail: String,
}

/// A row of the import that was not imported, and why.
#[derive(Debug, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(utoipa::ToSchema))]
pub struct RejectedRowAnswer {
    /// The row's number, from 1 (the CSV's header row not counted).
    pub row: usize,
    pub serial: Option<String>,
    pub errors: Vec<RowErrorAnswer>,
}

/// `POST /api/staff/licenses`: what became of each row.
#[derive(Debug, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(utoipa::ToSchema))]
pub struct ImportReportAnswer {
    /// Licenses new to the catalogue.
    pub imported: usize,
    /// Licenses whose stored row changed.
    pub updated: usize,
    pub rejected: Vec<RejectedRowAnswer>,
}

impl From<&ImportReport> for ImportReportAnswer {
    fn from(report: &ImportReport) -> Self {
        Self {
            imported: report.imported,
            updated: report.updated,
            rejected: report
                .rejected
                .iter()
                .map(|rejected| RejectedRowAnswer {
                    row: rejected.row,
                    serial: rejected.serial.clone(),
                    errors: rejected
                        .errors
                        .iter()
                        .map(|error| RowErrorAnswer {
                            field: error.field.clone(),
                            code: error.code,
                            detail: error.detail.clone(),
                        })
                        .collect(),
                })
                .collect(),
        }
    }
}

pub async fn import_licenses<D: Database>(
    app: &App<D>,
    request: &Request,
    caller: &Caller,
    now: Instant,
) -> Result<Handled> {
    let format = request
        .media_type()
        .as_deref()
        .and_then(ImportFormat::of_media_type)
        .ok_or(ApiError::UnsupportedMediaType(
            "application/json (an array) or text/csv",
        ))?;
    let rows = license_rows(format, &request.body)
        .map_err(|error| ApiError::MalformedBody(error.to_string()))?;
    let (_, report) = app.import_licenses(caller, rows, now).await?;
    Ok(Response::json(200, &ImportReportAnswer::from(&report)).into())
}

/// `POST /api/staff/partners`: the partner, with its API key shown this
/// once.
#[derive(Debug, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(utoipa::ToSchema))]
pub struct PartnerCreatedAnswer {
    pub partner_id: String,
    /// The key for `Authorization: Bearer`: shown this once, kept only as
    /// its SHA-256.
    pub api_key: String,
    pub name: String,
    /// `reseller`, `technician` or `both`.
    pub kind: &'static str,
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
    let record = partner_record(&object, entropy).map_err(decode::invalid)?;
    let (partner, key) = app.create_partner(record, now, entropy).await?;
    let body = PartnerCreatedAnswer {
        partner_id: partner.id,
        api_key: key.as_str().to_owned(),
        name: partner.name,
        kind: partner.kind.as_str(),
    };
    Ok(Response::json(201, &body).into())
}

/// `POST /api/staff/partners/{id}/revoke`.
#[derive(Debug, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(utoipa::ToSchema))]
pub struct PartnerRevokedAnswer {
    pub partner_id: String,
    /// Always true: its key opens nothing any more.
    pub revoked: bool,
}

pub async fn revoke_partner<D: Database>(
    app: &App<D>,
    caller: &Caller,
    id: &str,
    now: Instant,
) -> Result<Handled> {
    app.revoke_partner(caller, id, now).await?;
    let body = PartnerRevokedAnswer {
        partner_id: id.to_owned(),
        revoked: true,
    };
    Ok(Response::json(200, &body).into())
}

/// `POST /api/staff/releases`: the release recorded.
#[derive(Debug, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(utoipa::ToSchema))]
pub struct ReleaseAnswer {
    pub product: String,
    pub version: String,
    #[cfg_attr(not(target_arch = "wasm32"), schema(value_type = String, format = Date))]
    pub released_on: NaiveDate,
}

pub async fn add_release<D: Database>(
    app: &App<D>,
    request: &Request,
    principal: &Principal,
) -> Result<Handled> {
    principal.staff()?;
    let object = decode::json_object(request)?;
    let release = Release::parse(&object).map_err(decode::invalid)?;
    app.record_release(&release).await?;
    let body = ReleaseAnswer {
        product: release.product.into_string(),
        version: release.version.to_string(),
        released_on: release.released_on,
    };
    Ok(Response::json(201, &body).into())
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
    Ok(Response::json(status, &ActivationAnswer::from(&record)).into())
}

pub async fn deactivate<D: Database>(
    app: &App<D>,
    caller: &Caller,
    id: &str,
    now: Instant,
    entropy: &mut Entropy,
) -> Result<Handled> {
    let record = app.deactivate(caller, id, now, entropy).await?;
    Ok(Response::json(200, &ActivationAnswer::from(&record)).into())
}

/// What a license file says of the installation, as signed.
#[derive(Debug, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(utoipa::ToSchema))]
pub struct LicenseFilePayload {
    pub serial: String,
    pub installation_id: String,
    pub product: String,
    pub edition: String,
    pub major_version: u32,
    pub activation_code: String,
    /// When the file was made.
    #[cfg_attr(not(target_arch = "wasm32"), schema(format = DateTime))]
    pub issued_at: String,
    /// The last day SUPS covers; null without coverage.
    #[cfg_attr(not(target_arch = "wasm32"), schema(format = Date))]
    pub sups_until: Option<String>,
}

/// `GET /api/me/activations/{id}/license-file`: the file as the domain
/// signs it, sent as it is (so this type only describes it): Ed25519 over
/// the payload's compact JSON, verified with `GET /api/licenses/public-key`.
#[derive(Debug, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(utoipa::ToSchema))]
pub struct LicenseFileAnswer {
    pub payload: LicenseFilePayload,
    /// The signature, base64.
    pub signature: String,
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

/// `GET /api/licenses/public-key`: what verifies license files.
#[derive(Debug, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(utoipa::ToSchema))]
pub struct PublicKeyAnswer {
    /// `Ed25519`.
    pub algorithm: &'static str,
    /// The 32-byte public key.
    pub public_key: String,
    /// `base64`.
    pub encoding: &'static str,
}

pub async fn public_key<D>(app: &App<D>) -> Result<Handled> {
    let signer = app
        .config
        .license_signer
        .as_ref()
        .ok_or(AppError::Unavailable(
            crate::domain::messages::problem_unavailable_license_files,
        ))?;
    let public_key = signer
        .public_key_base64()
        .await
        .map_err(|e| AppError::from(LicensingError::Signing(e)))?;
    let body = PublicKeyAnswer {
        algorithm: "Ed25519",
        public_key,
        encoding: "base64",
    };
    Ok(Response::json(200, &body)
        .with_header("cache-control", "public, max-age=3600")
        .into())
}

/// `POST /api/licenses/validate`: whether the installation may run this
/// version.
#[derive(Debug, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(utoipa::ToSchema))]
pub struct ValidationAnswer {
    pub valid: bool,
    /// `VALID`, `NOT_FOUND`, `NOT_ACTIVATED`, `CODE_MISMATCH`,
    /// `VERSION_NOT_COVERED` or `REVOKED`.
    pub code: &'static str,
    /// Whether SUPS entitles the license to this newer version.
    pub upgrade_entitled: bool,
    /// The last day SUPS covers; null without coverage.
    #[cfg_attr(not(target_arch = "wasm32"), schema(format = Date))]
    pub sups_until: Option<String>,
}

impl From<Validation> for ValidationAnswer {
    fn from(validation: Validation) -> Self {
        Self {
            valid: validation.valid,
            code: validation.code,
            upgrade_entitled: validation.upgrade_entitled,
            sups_until: validation.sups_until,
        }
    }
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
    Ok(Response::json(200, &ValidationAnswer::from(validation)).into())
}

/// `POST /api/partner/sups-subscriptions`: the answer is
/// [`crate::app::SupsSold`], written by the use case (an idempotency key
/// keeps it for a retry).
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
    let (sale, keyed) =
        SupsSale::parse(&object, input, keyed, vendor, now).map_err(decode::invalid)?;
    let keyed = keyed
        .as_ref()
        .map(|(key, request)| Idempotency { key, request });
    let answer = app
        .sell_sups(caller, sale, keyed.as_ref(), now, entropy)
        .await?;
    Ok(answer.into())
}

/// A SUPS subscription the partner sold.
#[derive(Debug, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(utoipa::ToSchema))]
pub struct PartnerSubscriptionAnswer {
    pub subscription_id: String,
    pub serial: String,
    /// The end user's organisation.
    pub customer_id: String,
    #[cfg_attr(not(target_arch = "wasm32"), schema(value_type = Option<String>, format = Date))]
    pub covered_from: Option<NaiveDate>,
    /// The last day covered.
    #[cfg_attr(not(target_arch = "wasm32"), schema(value_type = Option<String>, format = Date))]
    pub covered_until: Option<NaiveDate>,
    /// Whether today is covered.
    pub active: bool,
    /// EUR, two decimals: what the partner owes a month.
    #[cfg_attr(not(target_arch = "wasm32"), schema(value_type = Option<String>, example = "6.00"))]
    pub monthly_fee: Option<Money>,
}

impl PartnerSubscriptionAnswer {
    fn of(subscription: &SubscriptionRecord, today: NaiveDate) -> Self {
        let coverage = coverage_of(subscription);
        Self {
            subscription_id: subscription.id.clone(),
            serial: subscription.serial.clone(),
            customer_id: subscription.customer_id.clone(),
            covered_from: coverage.map(|c| c.from),
            covered_until: coverage.map(|c| c.last_day()),
            active: coverage.is_some_and(|c| c.covers(today)),
            monthly_fee: subscription.monthly_fee_cents.and_then(Money::from_cents),
        }
    }
}

/// `GET /api/partner/sups-subscriptions`.
#[derive(Debug, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(utoipa::ToSchema))]
pub struct PartnerSubscriptionsAnswer {
    pub subscriptions: Vec<PartnerSubscriptionAnswer>,
}

pub async fn partner_subscriptions<D: Database>(
    app: &App<D>,
    caller: &Caller,
    now: Instant,
) -> Result<Handled> {
    let today = now.date_naive();
    let account = app.partner_account(caller).await?;
    let body = PartnerSubscriptionsAnswer {
        subscriptions: account
            .subscriptions
            .iter()
            .map(|s| PartnerSubscriptionAnswer::of(s, today))
            .collect(),
    };
    Ok(Response::json(200, &body).into())
}

/// A license assigned to the partner.
#[derive(Debug, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(utoipa::ToSchema))]
pub struct PartnerLicenseAnswer {
    pub serial: String,
    pub product: String,
    pub edition: String,
    pub major_version: i64,
    pub installations: i64,
    /// EUR, two decimals.
    #[cfg_attr(not(target_arch = "wasm32"), schema(value_type = Option<String>, example = "300.00"))]
    pub list_price: Option<Money>,
}

impl From<&LicenseRecord> for PartnerLicenseAnswer {
    fn from(license: &LicenseRecord) -> Self {
        Self {
            serial: license.serial.clone(),
            product: license.product.clone(),
            edition: license.edition.clone(),
            major_version: license.major_version,
            installations: license.installations,
            list_price: Money::from_cents(license.list_price_cents),
        }
    }
}

/// `GET /api/partner/licenses`.
#[derive(Debug, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(utoipa::ToSchema))]
pub struct PartnerLicensesAnswer {
    pub licenses: Vec<PartnerLicenseAnswer>,
}

pub async fn partner_licenses<D: Database>(app: &App<D>, caller: &Caller) -> Result<Handled> {
    let licenses = app.partner_licenses(caller).await?;
    let body = PartnerLicensesAnswer {
        licenses: licenses.iter().map(PartnerLicenseAnswer::from).collect(),
    };
    Ok(Response::json(200, &body).into())
}

/// One subscription's share of the month.
#[derive(Debug, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(utoipa::ToSchema))]
pub struct FeeLineAnswer {
    pub subscription_id: String,
    pub days_covered: u32,
    pub days_in_month: u32,
    /// EUR, two decimals.
    #[cfg_attr(not(target_arch = "wasm32"), schema(value_type = String, example = "6.00"))]
    pub monthly_fee: Money,
    /// `monthly_fee × days_covered ÷ days_in_month`, rounded half away
    /// from zero.
    #[cfg_attr(not(target_arch = "wasm32"), schema(value_type = String, example = "3.00"))]
    pub amount: Money,
}

/// `GET /api/partner/statements/{month}`: a month's fees.
#[derive(Debug, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(utoipa::ToSchema))]
pub struct StatementAnswer {
    pub partner_id: String,
    /// `YYYY-MM`.
    pub month: String,
    /// `EUR`.
    pub currency: &'static str,
    pub lines: Vec<FeeLineAnswer>,
    #[cfg_attr(not(target_arch = "wasm32"), schema(value_type = String, example = "3.00"))]
    pub total: Money,
}

impl StatementAnswer {
    fn of(account: &PartnerAccount, month: &str, year: i32, number: u32) -> Self {
        let statement = account.statement(year, number);
        Self {
            partner_id: account.partner.id.clone(),
            month: month.to_owned(),
            currency: crate::domain::money::CURRENCY,
            lines: statement
                .lines
                .iter()
                .map(|(_, line)| FeeLineAnswer {
                    subscription_id: line.subscription_id.clone(),
                    days_covered: line.days_covered,
                    days_in_month: line.days_in_month,
                    monthly_fee: line.fee,
                    amount: line.amount,
                })
                .collect(),
            total: statement.total,
        }
    }
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
    let body = StatementAnswer::of(&account, month, year, number);
    Ok(Response::json(200, &body).into())
}

/// `POST /api/staff/license-claims/{id}/resolve`.
#[derive(Debug, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(utoipa::ToSchema))]
pub struct ClaimResolvedAnswer {
    pub claim_id: String,
    /// The license assigned.
    pub serial: String,
    /// `assigned`.
    pub status: &'static str,
    /// Whether the claimant earned the free first coupon now.
    pub free_coupon_granted: bool,
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
    let body = ClaimResolvedAnswer {
        claim_id: id.to_owned(),
        serial: serial.as_str().to_owned(),
        status: "assigned",
        free_coupon_granted: free_coupon,
    };
    Ok(Response::json(200, &body).into())
}
