//! Licenses: the catalogue, partners, activation by the customer or a
//! partner's technician, validation by the installed product, SUPS
//! subscriptions sold by resellers, and license claims.

use chrono::NaiveDate;
use serde::Serialize;
use serde_json::{Map, Value};

use super::input::{self, Fields};
use super::{
    Answer, App, AppError, Caller, CustomerPrincipal, Idempotency, Job, Principal, StaffIdentity,
};
use crate::app::{AccessError, IncidentsError, LicensingError};
use crate::domain::activation::{self, ActivationCode, InstallationId, LicenseFile};
use crate::domain::country::Country;
use crate::domain::email::{Email, VendorAddresses};
use crate::domain::entropy::Entropy;
use crate::domain::field::{FieldErrors, Invalid};
use crate::domain::idempotency::{IdempotencyKey, RequestFingerprint};
use crate::domain::license::{rows_from_csv, ImportError, License, LicenseRow, ProductVersion};
use crate::domain::messages as m;
use crate::domain::money::Money;
use crate::domain::notification;
use crate::domain::partner::PartnerKind;
use crate::domain::registration::{NewRegistration, RegistrationInput};
use crate::domain::serial::SerialNumber;
use crate::domain::subscription::{self, Coverage, SaleStart, StatementLine};
use crate::domain::text::Text;
use crate::domain::time::{format, Instant};
use crate::domain::token::Token;
use crate::store::{
    self, ActivationRecord, Database, DbError, Effect, KeyOwner, LicenseRecord, PartnerRecord,
    SubscriptionRecord, SupsSaleRecord,
};

/// Failed validations (unknown serial, installation not activated, wrong
/// code) one client address may make for one license in a minute; past it,
/// that address is refused for the rest of the minute.
pub const FAILED_VALIDATIONS_PER_ADDRESS: i64 = 10;
/// Failed validations of one license in a minute, from all addresses; past
/// it, further failures are answered 429. Successful validations are never
/// counted against a limit here, so that nobody can lock a license's real
/// installations out by flooding it with wrong codes.
pub const FAILED_VALIDATIONS_PER_LICENSE: i64 = 60;

/// The validation answers that count as failed attempts.
const FAILED_VALIDATION_CODES: [&str; 3] = ["NOT_FOUND", "NOT_ACTIVATED", "CODE_MISMATCH"];

/// Who activates or deactivates: the customer, or a partner's technician.
pub enum Actor<'a> {
    Customer(&'a CustomerPrincipal),
    Partner {
        partner: &'a PartnerRecord,
        technician: Option<&'a str>,
    },
}

impl<'a> Actor<'a> {
    /// The actor a caller is: the customer, or the partner (with the
    /// technician it names).
    fn of(principal: &'a Principal, technician: Option<&'a str>) -> Result<Self, AppError> {
        match principal {
            Principal::Customer(customer) => Ok(Self::Customer(customer)),
            Principal::Partner(partner) => Ok(Self::Partner {
                partner,
                technician,
            }),
            _ => Err(AppError::Access(AccessError::Forbidden(
                crate::domain::messages::problem_forbidden_not_here,
            ))),
        }
    }

    /// The license, if this actor may act on it: the contact's organisation
    /// holds it; the partner is its partner. Anything else (a claimant, a
    /// stranger who typed the serial) is not found.
    fn may_use(&self, license: Option<LicenseRecord>) -> Result<LicenseRecord, AppError> {
        let license = license.ok_or(AppError::NotFound)?;
        let allowed = match self {
            Self::Customer(principal) => {
                license.holder_id.as_deref() == Some(principal.customer.id.as_str())
            }
            Self::Partner { partner, .. } => {
                license.partner_id.as_deref() == Some(partner.id.as_str())
            }
        };
        if allowed {
            Ok(license)
        } else {
            Err(AppError::NotFound)
        }
    }

    fn id(&self) -> &str {
        match self {
            Self::Customer(principal) => &principal.contact.id,
            Self::Partner { partner, .. } => &partner.id,
        }
    }

    fn path(&self) -> &'static str {
        match self {
            Self::Customer(_) => "self",
            Self::Partner { .. } => "technician",
        }
    }
}

#[derive(Debug, Serialize)]
pub struct RejectedRow {
    pub row: usize,
    pub serial: Option<String>,
    pub errors: Vec<crate::domain::field::FieldError>,
}

#[derive(Debug, Serialize)]
pub struct ImportReport {
    pub imported: usize,
    pub updated: usize,
    pub rejected: Vec<RejectedRow>,
}

/// What `POST /api/licenses/validate` answers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Validation {
    pub valid: bool,
    pub code: &'static str,
    pub upgrade_entitled: bool,
    pub sups_until: Option<String>,
}

impl Validation {
    fn refused(code: &'static str) -> Self {
        Self {
            valid: false,
            code,
            upgrade_entitled: false,
            sups_until: None,
        }
    }
}

/// An installation to activate, as the customer or technician sends it.
pub struct Activation<'a> {
    pub serial: &'a SerialNumber,
    pub installation: &'a InstallationId,
    pub version: &'a ProductVersion,
    /// The partner's technician who activates.
    pub technician: Option<&'a str>,
}

/// A sale of SUPS coverage, as the partner sends it.
pub struct SupsSale {
    pub serial: SerialNumber,
    pub registration: NewRegistration,
    pub starts_on: SaleStart,
    pub months: u32,
}

/// An idempotency key and the fingerprint of the request it came with.
pub type Keyed = (IdempotencyKey, RequestFingerprint);

impl SupsSale {
    /// A sale's fields (the end user's registration from a JSON body or a
    /// form: the address may be none of the vendor's own), with its
    /// idempotency key if one came; every wrong field named, the key's as
    /// `Idempotency-Key`.
    pub fn parse(
        object: &Map<String, Value>,
        mut input: RegistrationInput,
        keyed: Option<Result<Keyed, Invalid>>,
        vendor: &VendorAddresses,
        now: Instant,
    ) -> Result<(Self, Option<Keyed>), FieldErrors> {
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
            .parse("starts_on", input::date)
            .and_then(|day| errors.check("starts_on", SaleStart::parse(day, today)));
        for error in fields.errors.list() {
            errors.add(error.clone());
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
        match (registration, serial, starts_on, months) {
            (Ok(registration), Some(serial), Some(starts_on), Some(months))
                if errors.is_empty() =>
            {
                let sale = Self {
                    serial,
                    registration,
                    starts_on,
                    months,
                };
                Ok((sale, keyed))
            }
            _ => Err(errors),
        }
    }
}

/// A new partner's fields, parsed, with the id it gets.
pub fn partner_record(
    object: &Map<String, Value>,
    entropy: &mut Entropy,
) -> Result<PartnerRecord, FieldErrors> {
    let mut fields = Fields::new(object);
    let name = fields.parse("name", |t| Text::parse(t, 200));
    let kind = fields.parse("kind", PartnerKind::parse);
    let country = fields.parse("country", Country::parse);
    let email = fields.parse("email", Email::parse);
    let (Some(name), Some(kind), Some(country), Some(email)) = (name, kind, country, email) else {
        return Err(fields.errors);
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

/// What a license import's file is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImportFormat {
    /// An array of objects with the CSV's columns as fields.
    Json,
    Csv,
}

impl ImportFormat {
    /// The format of a body of this media type, if it is one.
    pub fn of_media_type(media_type: &str) -> Option<Self> {
        match media_type {
            "application/json" => Some(Self::Json),
            "text/csv" => Some(Self::Csv),
            _ => None,
        }
    }
}

/// The rows of a license import; a file that cannot be read as its format
/// says why, as a sentence.
pub fn license_rows(format: ImportFormat, body: &[u8]) -> Result<Vec<LicenseRow>, ImportError> {
    if format == ImportFormat::Csv {
        return rows_from_csv(body);
    }
    let value: Value =
        serde_json::from_slice(body).map_err(|e| ImportError::NotJson(e.to_string()))?;
    let array = value.as_array().ok_or(ImportError::NotAnArray)?;
    Ok(array
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
        .collect())
}

/// When a product's version was released.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Release {
    pub product: Text,
    pub version: ProductVersion,
    pub released_on: NaiveDate,
}

impl Release {
    /// A release's fields, each wrong one named.
    pub fn parse(object: &Map<String, Value>) -> Result<Self, FieldErrors> {
        let mut fields = Fields::new(object);
        let product = fields.parse("product", |t| Text::parse(t, 100));
        let version = fields.parse("version", ProductVersion::parse);
        let released_on = fields.parse("released_on", input::date);
        match (product, version, released_on) {
            (Some(product), Some(version), Some(released_on)) => Ok(Self {
                product,
                version,
                released_on,
            }),
            _ => Err(fields.errors),
        }
    }
}

/// A SUPS sale's answer (`POST /api/partner/sups-subscriptions`), typed
/// here since the use case keeps its text for a retry under the same
/// idempotency key.
#[derive(Debug, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(utoipa::ToSchema))]
pub struct SupsSold {
    pub subscription_id: String,
    /// The end user's organisation, registered by the sale if it was not.
    pub customer_id: String,
    #[cfg_attr(not(target_arch = "wasm32"), schema(value_type = String, format = Date))]
    pub covered_from: NaiveDate,
    /// The last day covered.
    #[cfg_attr(not(target_arch = "wasm32"), schema(value_type = String, format = Date))]
    pub covered_until: NaiveDate,
    /// EUR, two decimals: 2 % of the license's list price.
    #[cfg_attr(not(target_arch = "wasm32"), schema(value_type = String, example = "6.00"))]
    pub monthly_fee: Money,
}

fn date_of(instant: Instant) -> NaiveDate {
    instant.date_naive()
}

fn midnight(date: NaiveDate) -> Instant {
    date.and_hms_opt(0, 0, 0)
        .expect("midnight exists")
        .and_utc()
}

/// How many partners and releases the desk lists.
const PARTNERS_SHOWN: i64 = 500;
const RELEASES_SHOWN: i64 = 200;

/// What a validation reads of a license: the license, its subscriptions,
/// the installation's activation and the version's release date.
type LicenseRead = (
    Option<LicenseRecord>,
    Vec<SubscriptionRecord>,
    Option<ActivationRecord>,
    Option<NaiveDate>,
);

/// The latest coverage among a license's subscriptions.
fn latest_coverage(subscriptions: &[SubscriptionRecord]) -> Option<Coverage> {
    subscriptions
        .iter()
        .filter_map(coverage_of)
        .max_by_key(|c| c.until)
}

/// Whether a product version is covered: by the perpetual license up to
/// its major version, beyond it by SUPS for versions released before
/// coverage ended. Returns (covered, upgrade entitled).
fn version_covered(
    license: &LicenseRecord,
    version: &ProductVersion,
    released: Option<NaiveDate>,
    coverage: Option<Coverage>,
) -> (bool, bool) {
    let entitled =
        released.is_some_and(|day| subscription::upgrade_entitled(day, coverage.as_ref()));
    (
        i64::from(version.major()) <= license.major_version || entitled,
        entitled,
    )
}

/// A partner with the SUPS subscriptions it sold, as the partner reads
/// them: the API's list and statement and the partner's page render it.
#[derive(Debug, Clone)]
pub struct PartnerAccount {
    pub partner: PartnerRecord,
    pub subscriptions: Vec<SubscriptionRecord>,
}

/// A month's fees a partner owes: a line for each subscription covering a
/// day of it, with the license's serial.
#[derive(Debug, Clone)]
pub struct PartnerStatement {
    pub lines: Vec<(String, StatementLine)>,
    pub total: Money,
}

impl PartnerAccount {
    /// The statement of a calendar month, prorated by days of coverage.
    pub fn statement(&self, year: i32, month: u32) -> PartnerStatement {
        let fees: Vec<(String, Coverage, Money)> = self
            .subscriptions
            .iter()
            .filter_map(|s| {
                Some((
                    s.id.clone(),
                    coverage_of(s)?,
                    s.monthly_fee_cents.and_then(Money::from_cents)?,
                ))
            })
            .collect();
        let (lines, total) = subscription::statement(year, month, &fees);
        let serial_of = |id: &str| {
            self.subscriptions
                .iter()
                .find(|s| s.id == id)
                .map_or_else(String::new, |s| s.serial.clone())
        };
        PartnerStatement {
            lines: lines
                .into_iter()
                .map(|line| (serial_of(&line.subscription_id), line))
                .collect(),
            total,
        }
    }
}

/// A license on a page: its live installations, and what is left of its
/// deactivations this month.
#[derive(Debug, Clone)]
pub struct InstalledLicense {
    pub license: LicenseRecord,
    pub activations: Vec<ActivationRecord>,
    pub left: activation::DeactivationsLeft,
}

impl InstalledLicense {
    fn all(licenses: Vec<store::LicenseInstallations>, now: Instant) -> Vec<Self> {
        licenses
            .into_iter()
            .map(|l| Self {
                left: activation::deactivations_left(l.deactivations_since, now),
                license: l.license,
                activations: l.activations,
            })
            .collect()
    }
}

/// A subscription's covered days.
pub fn coverage_of(record: &SubscriptionRecord) -> Option<Coverage> {
    record.ends_at.map(|ends| Coverage {
        from: date_of(record.starts_at),
        until: date_of(ends),
    })
}

impl<D: Database> App<D> {
    /// Imports licenses; a row equal to the stored one changes nothing. The
    /// caller, the serials already known and the partners named are read in
    /// one batch.
    pub async fn import_licenses(
        &self,
        caller: &Caller,
        rows: Vec<LicenseRow>,
        now: Instant,
    ) -> Result<(StaffIdentity, ImportReport), AppError> {
        let mut valid = Vec::new();
        let mut rejected = Vec::new();
        for (index, row) in rows.iter().enumerate() {
            match License::parse(row) {
                Ok(license) => valid.push(license),
                Err(errors) => rejected.push(RejectedRow {
                    row: index + 1,
                    serial: row.serial.clone(),
                    errors: errors.into_list(),
                }),
            }
        }
        let serials: Vec<&str> = valid.iter().map(|l| l.serial.as_str()).collect();
        let named: Vec<&str> = valid
            .iter()
            .filter_map(|l| l.partner_id.as_deref())
            .collect();
        let (principal, (known, partners)) = self
            .read_as(
                caller,
                (
                    store::known_serials(&serials),
                    store::known_partners(&named),
                ),
            )
            .await?;
        let staff = principal.staff()?;
        let known: std::collections::HashSet<String> = known.into_iter().flatten().collect();
        let partners: std::collections::HashSet<String> = partners.into_iter().flatten().collect();
        let mut records = Vec::new();
        for license in valid {
            if license
                .partner_id
                .as_ref()
                .is_some_and(|id| !partners.contains(id))
            {
                let mut errors = FieldErrors::default();
                errors.push(
                    "partner_id",
                    crate::domain::field::Invalid::said("unknown", m::field_unknown_partner),
                );
                rejected.push(RejectedRow {
                    row: 0,
                    serial: Some(license.serial.as_str().to_owned()),
                    errors: errors.into_list(),
                });
                continue;
            }
            records.push(LicenseRecord {
                serial: license.serial.as_str().to_owned(),
                product: license.product,
                edition: license.edition,
                major_version: i64::from(license.major_version),
                list_price_cents: license.list_price.cents(),
                installations: i64::from(license.installations),
                partner_id: license.partner_id,
                revoked_at: None,
                holder_id: None,
                licensee: license.licensee,
            });
        }
        let imported = records
            .iter()
            .filter(|r| !known.contains(&r.serial))
            .count();
        let changed: u64 = if records.is_empty() {
            0
        } else {
            self.store
                .write(store::upsert_licenses(&records, now))
                .await?
                .iter()
                .sum()
        };
        let report = ImportReport {
            imported,
            updated: usize::try_from(changed)
                .unwrap_or(0)
                .saturating_sub(imported),
            rejected,
        };
        Ok((staff, report))
    }

    /// A new partner and its API key, shown once; only its hash is kept.
    pub async fn create_partner(
        &self,
        record: PartnerRecord,
        now: Instant,
        entropy: &mut Entropy,
    ) -> Result<(PartnerRecord, Token), AppError> {
        let key = Token::generate(entropy);
        self.store
            .write(vec![store::insert_partner(
                &record,
                &key.hash().to_hex(),
                now,
            )])
            .await?;
        Ok((record, key))
    }

    /// Opens a browser session for the partner whose key this is, in one
    /// write: none for a key that opens nothing (unknown, revoked).
    pub async fn partner_session(
        &self,
        key: &str,
        now: Instant,
        entropy: &mut Entropy,
    ) -> Result<Option<Token>, AppError> {
        let Ok(key) = Token::parse(key) else {
            return Ok(None);
        };
        let session = Token::generate(entropy);
        let expires_at = now + chrono::Duration::hours(super::SESSION_HOURS);
        let opened = self
            .store
            .write(vec![store::open_partner_session(
                key.hash(),
                session.hash(),
                now,
                expires_at,
            )])
            .await?;
        Ok((opened[0] == 1).then_some(session))
    }

    /// Revokes a partner's key: the caller and the partner read in one
    /// batch, the revocation written in the next.
    pub async fn revoke_partner(
        &self,
        caller: &Caller,
        partner_id: &str,
        now: Instant,
    ) -> Result<StaffIdentity, AppError> {
        let (principal, partner) = self.read_as(caller, store::partner_of(partner_id)).await?;
        let staff = principal.staff()?;
        if partner.is_none() {
            return Err(AppError::NotFound);
        }
        self.store
            .write(vec![store::revoke_partner(partner_id, now)])
            .await?;
        Ok(staff)
    }

    /// The partners, newest first, for the desk, with the staff member who
    /// reads them.
    pub async fn partners(
        &self,
        caller: &Caller,
    ) -> Result<(StaffIdentity, Vec<PartnerRecord>), AppError> {
        let (principal, partners) = self
            .read_as(caller, store::partners(PARTNERS_SHOWN))
            .await?;
        Ok((principal.staff()?, partners))
    }

    /// The release dates, newest first: (product, version, released_on).
    pub async fn releases(
        &self,
        caller: &Caller,
    ) -> Result<(StaffIdentity, Vec<(String, String, String)>), AppError> {
        let (principal, releases) = self
            .read_as(caller, store::releases(RELEASES_SHOWN))
            .await?;
        Ok((principal.staff()?, releases))
    }

    /// Records when a version was released (or corrects it): whether a
    /// SUPS coverage includes a version is decided by this date.
    pub async fn record_release(&self, release: &Release) -> Result<(), AppError> {
        let statement = store::upsert_release(
            release.product.as_str(),
            &release.version.to_string(),
            i64::from(release.version.major()),
            &release.released_on.to_string(),
        );
        self.store.write(vec![statement]).await?;
        Ok(())
    }

    /// The licenses assigned to the calling partner.
    pub async fn partner_licenses(&self, caller: &Caller) -> Result<Vec<LicenseRecord>, AppError> {
        let (principal, licenses) = self
            .read_as(caller, store::licenses_of_partner(&caller.partner_scope()))
            .await?;
        principal.partner()?;
        Ok(licenses)
    }

    /// The calling partner with the subscriptions it sold: its list and its
    /// monthly statements are made of this one read.
    pub async fn partner_account(&self, caller: &Caller) -> Result<PartnerAccount, AppError> {
        let (principal, subscriptions) = self
            .read_as(
                caller,
                store::subscriptions_of_partner(&caller.partner_scope()),
            )
            .await?;
        Ok(PartnerAccount {
            partner: principal.partner()?,
            subscriptions,
        })
    }

    /// The calling customer's licenses with their live installations and
    /// what is left of each one's deactivations this month, in one round
    /// trip: the portal's licenses page.
    pub async fn my_installations(
        &self,
        caller: &Caller,
        now: Instant,
    ) -> Result<(CustomerPrincipal, Vec<InstalledLicense>), AppError> {
        let scope = caller.customer_scope();
        let (principal, licenses) = self
            .read_as(
                caller,
                store::installations_of(
                    &store::LicenseOwner::Holder(&scope),
                    activation::month_start(now),
                ),
            )
            .await?;
        Ok((principal.customer()?, InstalledLicense::all(licenses, now)))
    }

    /// The calling partner's account and the licenses assigned to it with
    /// their live installations, in one round trip: the partner's page,
    /// which shows each kind of partner its own part.
    pub async fn partner_page(
        &self,
        caller: &Caller,
        now: Instant,
    ) -> Result<(PartnerAccount, Vec<InstalledLicense>), AppError> {
        let scope = caller.partner_scope();
        let (principal, (subscriptions, licenses)) = self
            .read_as(
                caller,
                (
                    store::subscriptions_of_partner(&scope),
                    store::installations_of(
                        &store::LicenseOwner::Partner(&scope),
                        activation::month_start(now),
                    ),
                ),
            )
            .await?;
        let account = PartnerAccount {
            partner: principal.partner()?,
            subscriptions,
        };
        Ok((account, InstalledLicense::all(licenses, now)))
    }

    /// Activates an installation. The caller, the license, the installation's
    /// activation, the license's coverage and the version's release date are
    /// read in one batch; the seat-guarded insert and its audit row are
    /// written in the next. The same installation and major version again
    /// answers the same activation and takes no second seat.
    pub async fn activate(
        &self,
        caller: &Caller,
        wanted: Activation<'_>,
        now: Instant,
        entropy: &mut Entropy,
    ) -> Result<(ActivationRecord, bool), AppError> {
        let Activation {
            serial,
            installation,
            version,
            technician,
        } = wanted;
        let major = i64::from(version.major());
        let (principal, (license, existing, subscriptions, released)) = self
            .read_as(
                caller,
                (
                    store::license_of(serial.as_str()),
                    store::active_activation_of(
                        serial.as_str(),
                        installation.as_str(),
                        Some(major),
                    ),
                    store::subscriptions_of_license(serial.as_str()),
                    store::release_date(serial.as_str(), &version.to_string(), major),
                ),
            )
            .await?;
        let actor = Actor::of(&principal, technician)?;
        let license = actor.may_use(license)?;
        if license.revoked_at.is_some() {
            return Err(AppError::Licensing(LicensingError::LicenseRevoked));
        }
        if let Some(existing) = existing {
            return Ok((existing, false));
        }
        let coverage = latest_coverage(&subscriptions);
        if !version_covered(&license, version, released, coverage).0 {
            return Err(AppError::Licensing(LicensingError::VersionNotCovered));
        }
        let key = self
            .config
            .activation_keys
            .first()
            .ok_or(AppError::Unavailable(m::problem_unavailable_activation))?;
        let code = activation::issue(key, serial, installation, version.major());
        let (customer_id, partner_id, technician) = match &actor {
            Actor::Customer(principal) => (Some(principal.customer.id.to_string()), None, None),
            Actor::Partner {
                partner,
                technician,
            } => (
                license.holder_id.clone(),
                Some(partner.id.clone()),
                technician.map(str::to_owned),
            ),
        };
        let record = ActivationRecord {
            id: entropy.id("act"),
            serial: serial.as_str().to_owned(),
            installation_id: installation.as_str().to_owned(),
            major_version: major,
            activation_code: code.as_str().to_owned(),
            customer_id,
            partner_id,
            technician,
            path: actor.path().to_owned(),
            created_at: now,
            deactivated_at: None,
        };
        let written = self
            .store
            .write(vec![
                store::insert_activation(&record, license.installations),
                store::audit(
                    &entropy.id("aud"),
                    &record.id,
                    &record.serial,
                    "activate",
                    actor.id(),
                    actor.path(),
                    now,
                ),
            ])
            .await;
        match written {
            Ok(changes) if changes[0] == 1 => Ok((record, true)),
            Ok(_) => Err(AppError::Licensing(LicensingError::TooManyInstallations)),
            // A racing request activated the same installation first.
            Err(error) if error.is_unique_violation("activations") => self
                .store
                .active_activation(serial.as_str(), installation.as_str(), Some(major))
                .await?
                .map(|existing| (existing, false))
                .ok_or(AppError::Incidents(IncidentsError::Conflict)),
            Err(error) => Err(error.into()),
        }
    }

    /// Frees an installation's seat, within the monthly allowance per
    /// license: the caller, the activation and its license read in one
    /// batch; the deactivation, guarded by the month's count of the
    /// license's deactivations, and its audit row (written only if the
    /// deactivation happened) in the next. The refusal is the guard's: the
    /// count is never taken from the read, which racing requests share.
    pub async fn deactivate(
        &self,
        caller: &Caller,
        activation_id: &str,
        now: Instant,
        entropy: &mut Entropy,
    ) -> Result<ActivationRecord, AppError> {
        let (principal, (record, license)) = self
            .read_as(
                caller,
                (
                    store::activation_of(activation_id),
                    store::license_of_activation(activation_id),
                ),
            )
            .await?;
        let actor = Actor::of(&principal, None)?;
        let record = record.ok_or(AppError::NotFound)?;
        actor.may_use(license)?;
        if record.deactivated_at.is_some() {
            return Ok(record);
        }
        let changes = self
            .store
            .write(vec![
                store::deactivate(activation_id, now, &activation::deactivation_allowance(now)),
                store::audit(
                    &entropy.id("aud"),
                    activation_id,
                    &record.serial,
                    "deactivate",
                    actor.id(),
                    actor.path(),
                    now,
                ),
            ])
            .await?;
        if changes[0] == 0 {
            return Err(AppError::Licensing(LicensingError::DeactivationLimit));
        }
        Ok(ActivationRecord {
            deactivated_at: Some(now),
            ..record
        })
    }

    /// What the installed product asks: is this installation's code valid for
    /// this version? Failed attempts are limited per license and client
    /// address, and per license, in buckets of their own: an address that
    /// keeps failing is refused, and a license flooded with failures refuses
    /// further failures, but a valid installation is always answered. The
    /// address's count and everything the answer needs are read in one
    /// batch; only a failure is counted, in a second.
    pub async fn validate(
        &self,
        serial: &str,
        installation: &str,
        code: &str,
        version: &ProductVersion,
        client: &str,
        now: Instant,
    ) -> Result<Validation, AppError> {
        let parsed = SerialNumber::parse(serial).ok();
        let license_bucket = format!(
            "validate-failed:{}",
            parsed.as_ref().map_or("-", SerialNumber::as_str)
        );
        let address_bucket = format!("{license_bucket}:{client}");
        let (window, retry_after) = super::rate_window(now);
        let license_reads = parsed.as_ref().map(|serial| {
            let major = i64::from(version.major());
            (
                store::license_of(serial.as_str()),
                store::subscriptions_of_license(serial.as_str()),
                store::active_activation_of(serial.as_str(), installation, None),
                store::release_date(serial.as_str(), &version.to_string(), major),
            )
        });
        let (failed, license_read) = self
            .store
            .read((
                store::requests_counted(&address_bucket, window),
                license_reads,
            ))
            .await?;
        if failed >= FAILED_VALIDATIONS_PER_ADDRESS {
            return Err(AppError::Access(AccessError::RateLimited(retry_after)));
        }
        let validation = match (&parsed, license_read) {
            (Some(serial), Some(read)) => {
                self.check_validation(serial, installation, code, version, read)
            }
            _ => Validation::refused("NOT_FOUND"),
        };
        if FAILED_VALIDATION_CODES.contains(&validation.code) {
            let (_, license_failures) = self
                .store
                .read((
                    store::count_request(&address_bucket, window),
                    store::count_request(&license_bucket, window),
                ))
                .await?;
            if license_failures > FAILED_VALIDATIONS_PER_LICENSE {
                return Err(AppError::Access(AccessError::RateLimited(retry_after)));
            }
        }
        Ok(validation)
    }

    /// The answer to a validation, from the license, its subscriptions, the
    /// installation's activation and the release date.
    fn check_validation(
        &self,
        serial: &SerialNumber,
        installation: &str,
        code: &str,
        version: &ProductVersion,
        (license, subscriptions, activation, released): LicenseRead,
    ) -> Validation {
        let Some(license) = license else {
            return Validation::refused("NOT_FOUND");
        };
        if license.revoked_at.is_some() {
            return Validation::refused("REVOKED");
        }
        let coverage = latest_coverage(&subscriptions);
        let sups_until = coverage.map(|c| c.last_day().to_string());
        let Some(activation) = activation else {
            return Validation {
                sups_until,
                ..Validation::refused("NOT_ACTIVATED")
            };
        };
        let matches = match (
            InstallationId::parse(installation),
            ActivationCode::parse(code),
        ) {
            (Ok(installation), Ok(code)) => activation::verify(
                &self.config.activation_keys,
                &code,
                serial,
                &installation,
                u32::try_from(activation.major_version).unwrap_or(0),
            ),
            _ => false,
        };
        if !matches {
            return Validation {
                sups_until,
                ..Validation::refused("CODE_MISMATCH")
            };
        }
        let (covered, entitled) = version_covered(&license, version, released, coverage);
        Validation {
            valid: covered,
            code: if covered {
                "VALID"
            } else {
                "VERSION_NOT_COVERED"
            },
            upgrade_entitled: entitled,
            sups_until,
        }
    }

    /// A signed license file for an installation without internet: the
    /// caller, the activation, its license and coverage in one batch.
    pub async fn license_file(
        &self,
        caller: &Caller,
        activation_id: &str,
        now: Instant,
    ) -> Result<String, AppError> {
        let (principal, (record, license, subscriptions)) = self
            .read_as(
                caller,
                (
                    store::activation_of(activation_id),
                    store::license_of_activation(activation_id),
                    store::subscriptions_of_activation(activation_id),
                ),
            )
            .await?;
        let signer = self
            .config
            .license_signer
            .as_ref()
            .ok_or(AppError::Unavailable(m::problem_unavailable_license_files))?;
        let actor = Actor::of(&principal, None)?;
        let record = record.ok_or(AppError::NotFound)?;
        let license = actor.may_use(license)?;
        if record.deactivated_at.is_some() {
            return Err(AppError::NotFound);
        }
        let coverage = latest_coverage(&subscriptions);
        let file = LicenseFile {
            serial: record.serial,
            installation_id: record.installation_id,
            product: license.product,
            edition: license.edition,
            major_version: u32::try_from(record.major_version).unwrap_or(0),
            activation_code: record.activation_code,
            issued_at: format(now),
            sups_until: coverage.map(|c| c.last_day().to_string()),
        };
        signer
            .sign(&file)
            .await
            .map_err(|e| LicensingError::Signing(e).into())
    }

    /// A reseller sells (or extends) SUPS coverage for a license. An end user
    /// not yet registered is registered on the spot, and verifies by email;
    /// the license's free coupon is still granted at most once, ever.
    ///
    /// A reseller sells only for licenses assigned to it, or unassigned ones,
    /// which it then holds (in the sale's batch, so that of two resellers
    /// racing for one license only one wins). A license another partner holds
    /// is not found (404), so as not to reveal it. With an idempotency key, a
    /// retried sale extends the coverage once and answers as the first time;
    /// without one, of two sales that race from the same coverage the second
    /// fails (409) rather than overwrite the first.
    ///
    /// The caller, the license, the buyer's contact, the coverage and the
    /// key's answer are read in one batch; the buyer's registration, the sale
    /// and its answer are written in the next.
    pub async fn sell_sups(
        &self,
        caller: &Caller,
        sale: SupsSale,
        keyed: Option<&Idempotency<'_>>,
        now: Instant,
        entropy: &mut Entropy,
    ) -> Result<Answer, AppError> {
        let scope = caller.partner_scope();
        let serial = sale.serial.as_str();
        let email = sale.registration.contact.email.clone();
        let (principal, (license, buyer, existing, remembered)) = self
            .read_as(
                caller,
                (
                    store::license_of(serial),
                    store::contact_by_email(email.as_str()),
                    store::subscription_of(serial, &scope),
                    keyed.map(|keyed| keyed.read(&KeyOwner::Partner(scope.clone()))),
                ),
            )
            .await?;
        let partner = principal.partner()?;
        require_reseller(&partner)?;
        if let Some(keyed) = keyed {
            if let Some(earlier) = keyed.earlier(remembered.flatten().as_ref())? {
                return Ok(earlier);
            }
        }
        let license = license.ok_or(AppError::NotFound)?;
        if license
            .partner_id
            .as_deref()
            .is_some_and(|p| p != partner.id)
        {
            return Err(AppError::NotFound);
        }
        // A held license's coverage is its holder's: the partner's end user
        // must be one of the holder's contacts.
        if let Some(holder) = &license.holder_id {
            if buyer.as_ref().map(|c| c.customer_id.as_str()) != Some(holder.as_str()) {
                return Err(AppError::Licensing(
                    LicensingError::HeldByAnotherOrganisation,
                ));
            }
        }
        let mut batch = vec![store::claim_license(serial, &partner.id, now)];
        // An end user not yet registered is registered in the sale's batch.
        let (customer_id, jobs) = match buyer {
            Some(contact) => (contact.customer_id.to_string(), Vec::new()),
            None => {
                let (registered, statements) =
                    self.registration_writes(&sale.registration, now, entropy);
                batch.extend(
                    statements
                        .into_iter()
                        .map(|statement| store::if_partner_holds(statement, serial, &partner.id)),
                );
                (registered.customer_id, registered.jobs)
            }
        };
        let previous = existing.as_ref().and_then(coverage_of);
        let coverage = subscription::extend(previous, sale.starts_on.date(), sale.months);
        let fee = subscription::monthly_fee(
            Money::from_cents(license.list_price_cents).unwrap_or(Money::ZERO),
        );
        let id = existing
            .as_ref()
            .map_or_else(|| entropy.id("sup"), |s| s.id.clone());
        let subscription = match &existing {
            Some(existing) => store::update_coverage(
                &id,
                existing.ends_at,
                midnight(coverage.from),
                midnight(coverage.until),
                fee.cents(),
            ),
            None => store::insert_first_subscription(
                &SubscriptionRecord {
                    id: id.clone(),
                    customer_id: customer_id.clone(),
                    serial: serial.to_owned(),
                    partner_id: Some(partner.id.clone()),
                    starts_at: midnight(coverage.from),
                    ends_at: Some(midnight(coverage.until)),
                    monthly_fee_cents: Some(fee.cents()),
                    reminded_at: None,
                },
                &partner.id,
                now,
            ),
        };
        let record = SupsSaleRecord {
            id: entropy.id("sal"),
            subscription_id: id.clone(),
            serial: serial.to_owned(),
            partner_id: partner.id.clone(),
            months: sale.months,
            starts_on: sale.starts_on.date().to_string(),
            previous_until: previous.map(|c| c.until.to_string()),
            covered_from: coverage.from.to_string(),
            covered_until: coverage.until.to_string(),
            monthly_fee_cents: fee.cents(),
        };
        let sold = SupsSold {
            subscription_id: id,
            customer_id,
            covered_from: coverage.from,
            covered_until: coverage.last_day(),
            monthly_fee: fee,
        };
        let body = serde_json::to_string(&sold).unwrap_or_default();
        batch.extend([
            // The sale makes the buyer the holding organisation of an unheld license.
            store::hold_if_unheld(serial, &sold.customer_id),
            subscription,
            store::insert_sups_sale(&record, now),
        ]);
        let sale_written = batch.len() - 1;
        let refused = |error: DbError| {
            if store::is_not_license_holder(&error) {
                AppError::NotFound
            } else if error.is_unique_violation("contacts.email") {
                // The end user registered meanwhile: a retry finds them.
                AppError::Incidents(IncidentsError::Conflict)
            } else {
                error.into()
            }
        };
        match keyed {
            Some(keyed) => {
                let owner = KeyOwner::partner(&partner.id);
                let effect = Effect {
                    table: "sups_sales",
                    id: &record.id,
                };
                batch.extend(keyed.remembering(&owner, (201, &body), &effect, now));
                let written = self.store.write(batch).await;
                self.keyed_answer(keyed, &owner, written, (201, body), jobs, refused)
                    .await
            }
            None => {
                let changes = self.store.write(batch).await.map_err(refused)?;
                // Another sale from the same coverage was recorded first.
                if changes.get(sale_written) != Some(&1) {
                    return Err(AppError::Incidents(IncidentsError::Conflict));
                }
                Ok(Answer {
                    status: 201,
                    body,
                    replayed: false,
                    jobs,
                })
            }
        }
    }

    /// Emails customers whose coverage ends within 30 days, once per end.
    pub(super) async fn remind_sups(
        &self,
        now: Instant,
        entropy: &mut Entropy,
    ) -> Result<Vec<Job>, AppError> {
        let mut jobs = Vec::new();
        // Candidates by a day more than the rule's window; the rule decides.
        let window =
            chrono::Duration::days(i64::try_from(subscription::REMINDER_DAYS).unwrap_or(30) + 1);
        let today = now.date_naive();
        for sub in self
            .store
            .subscriptions_to_remind(now, now + window)
            .await?
        {
            if !coverage_of(&sub)
                .is_some_and(|coverage| subscription::reminder_due(&coverage, today))
            {
                continue;
            }
            let Ok(principal) = self.principal_for(&sub.customer_id, None).await else {
                continue;
            };
            let Some(until) = coverage_of(&sub).map(|c| c.last_day()) else {
                continue;
            };
            let message =
                notification::sups_ending(principal.contact.recipient(), &sub.serial, until);
            let outbox_id = entropy.id("msg");
            self.store
                .write(vec![
                    store::mark_reminded(&sub.id, now),
                    store::insert_message(&outbox_id, &message, now),
                ])
                .await?;
            jobs.push(Job::DeliverEmail { outbox_id });
        }
        Ok(jobs)
    }
}

/// Only reseller partners sell SUPS.
pub fn require_reseller(partner: &PartnerRecord) -> Result<(), AppError> {
    if partner.sells_sups() {
        Ok(())
    } else {
        Err(AppError::Access(AccessError::Forbidden(
            crate::domain::messages::problem_forbidden_resellers_only,
        )))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::testing::{app, customer, entropy, now, run};
    use crate::store::sqlite::Sqlite;

    fn reseller(app: &App<Sqlite>, id: &str) {
        let record = PartnerRecord {
            id: id.into(),
            name: id.into(),
            kind: crate::domain::partner::PartnerKind::Reseller,
            country: "SI".into(),
            email: format!("{id}@reseller.test"),
            revoked_at: None,
        };
        run(app
            .store
            .write(vec![store::insert_partner(&record, id, now())]))
        .unwrap();
    }

    fn unassigned_license(app: &App<Sqlite>, serial: &str) {
        let record = LicenseRecord {
            serial: serial.into(),
            product: "Time & Space".into(),
            edition: "E".into(),
            major_version: 7,
            list_price_cents: 100_000,
            installations: 1,
            partner_id: None,
            revoked_at: None,
            holder_id: None,
            licensee: Default::default(),
        };
        run(app.store.write(store::upsert_licenses(&[record], now()))).unwrap();
    }

    /// The batch of a first sale of 12 months from `from`, as `sell_sups`
    /// writes it, planned from a read that found no coverage.
    fn first_sale(customer_id: &str, serial: &str, partner: &str, n: u8) -> Vec<store::Statement> {
        let from = now().date_naive();
        let coverage = subscription::months(from, 12);
        let subscription = format!("sup_{n}");
        vec![
            store::claim_license(serial, partner, now()),
            store::insert_first_subscription(
                &SubscriptionRecord {
                    id: subscription.clone(),
                    customer_id: customer_id.into(),
                    serial: serial.into(),
                    partner_id: Some(partner.into()),
                    starts_at: midnight(coverage.from),
                    ends_at: Some(midnight(coverage.until)),
                    monthly_fee_cents: Some(2000),
                    reminded_at: None,
                },
                partner,
                now(),
            ),
            store::insert_sups_sale(
                &SupsSaleRecord {
                    id: format!("sal_{n}"),
                    subscription_id: subscription,
                    serial: serial.into(),
                    partner_id: partner.into(),
                    months: 12,
                    starts_on: from.to_string(),
                    previous_until: None,
                    covered_from: coverage.from.to_string(),
                    covered_until: coverage.until.to_string(),
                    monthly_fee_cents: 2000,
                },
                now(),
            ),
        ]
    }

    #[test]
    fn two_resellers_racing_for_one_unassigned_license_cannot_both_sell() {
        let app = app();
        let customer = customer(&app, "ana@kovinar.si", 1);
        reseller(&app, "ptn_a");
        reseller(&app, "ptn_b");
        unassigned_license(&app, "TS-FREE-1");
        let a = first_sale(&customer.customer.id, "TS-FREE-1", "ptn_a", 1);
        let b = first_sale(&customer.customer.id, "TS-FREE-1", "ptn_b", 2);
        run(app.store.write(a)).unwrap();
        let lost = run(app.store.write(b)).unwrap_err();
        assert!(store::is_not_license_holder(&lost), "{lost}");
        let license = run(app.store.license("TS-FREE-1")).unwrap().unwrap();
        assert_eq!(license.partner_id.as_deref(), Some("ptn_a"));
        assert_eq!(
            run(app.store.subscriptions_of_license("TS-FREE-1"))
                .unwrap()
                .len(),
            1
        );
    }

    #[test]
    fn a_reseller_that_lost_the_license_registers_no_one_and_finds_nothing() {
        let app = app();
        reseller(&app, "ptn_a");
        reseller(&app, "ptn_b");
        unassigned_license(&app, "TS-FREE-3");
        // Both read the license unassigned and the buyer unregistered.
        let sale = |partner: &str, n: u8| {
            let registration =
                super::super::registration::tests::registration("new@buyer.si", "TS-FREE-3");
            let (registered, statements) =
                app.registration_writes(&registration, now(), &mut entropy(n));
            let mut batch = first_sale(&registered.customer_id, "TS-FREE-3", partner, n);
            let sale = batch.split_off(1);
            batch.extend(
                statements
                    .into_iter()
                    .map(|statement| store::if_partner_holds(statement, "TS-FREE-3", partner)),
            );
            batch.extend(sale);
            batch
        };
        let (a, b) = (sale("ptn_a", 1), sale("ptn_b", 2));
        run(app.store.write(a)).unwrap();
        let lost = run(app.store.write(b)).unwrap_err();
        // Not the buyer's address taken: the license, so 404.
        assert!(store::is_not_license_holder(&lost), "{lost}");
        let buyer = run(app.store.contact_by_email("new@buyer.si"))
            .unwrap()
            .unwrap();
        let subscriptions = run(app.store.subscriptions_of_license("TS-FREE-3")).unwrap();
        assert_eq!(subscriptions.len(), 1);
        assert_eq!(subscriptions[0].customer_id, buyer.customer_id);
    }

    #[test]
    fn two_sales_from_the_same_coverage_cannot_both_apply() {
        let app = app();
        let customer = customer(&app, "ana@kovinar.si", 1);
        reseller(&app, "ptn_a");
        unassigned_license(&app, "TS-FREE-2");
        let one = first_sale(&customer.customer.id, "TS-FREE-2", "ptn_a", 1);
        let two = first_sale(&customer.customer.id, "TS-FREE-2", "ptn_a", 2);
        assert_eq!(run(app.store.write(one)).unwrap(), [1, 1, 1]);
        // The second writes nothing, and its sale's missing change answers 409.
        assert_eq!(run(app.store.write(two)).unwrap(), [0, 0, 0]);
        assert_eq!(
            run(app.store.subscriptions_of_license("TS-FREE-2"))
                .unwrap()
                .len(),
            1
        );
    }

    #[test]
    fn customers_are_reminded_once_30_days_before_coverage_ends() {
        let app = app();
        let customer = customer(&app, "ana@kovinar.si", 1);
        let ends = now() + chrono::Duration::days(45);
        let record = SubscriptionRecord {
            id: "sup_1".into(),
            customer_id: customer.customer.id.to_string(),
            serial: customer.customer.registered_serial.as_str().to_owned(),
            partner_id: None,
            starts_at: now() - chrono::Duration::days(300),
            ends_at: Some(ends),
            monthly_fee_cents: Some(2469),
            reminded_at: None,
        };
        run(app
            .store
            .write(vec![store::insert_subscription(&record, now())]))
        .unwrap();
        assert!(run(app.remind_sups(now(), &mut entropy(1)))
            .unwrap()
            .is_empty());
        let within = ends - chrono::Duration::days(30);
        assert_eq!(
            run(app.remind_sups(within, &mut entropy(2))).unwrap().len(),
            1
        );
        assert!(run(app.remind_sups(within, &mut entropy(3)))
            .unwrap()
            .is_empty());
        let sent = run(app.store.outbox_messages(Some("ana@kovinar.si"), 10)).unwrap();
        assert_eq!(
            sent.iter()
                .filter(|m| m.subject.starts_with("Vaša naročnina SUPS"))
                .count(),
            1
        );
        assert!(run(app.store.has_active_sups(&customer.customer.id, within)).unwrap());
        assert!(
            !run(app.store.has_active_sups(&customer.customer.id, ends)).unwrap(),
            "coverage ends by itself"
        );
    }
}
