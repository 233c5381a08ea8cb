//! The profile: `PATCH /api/me`, the portal's `/portal/profile` page, and
//! the link that confirms a new email address (`/confirm-email`).

use serde::Serialize;
use serde_json::{Map, Value};

use super::licensing::HeldLicenseAnswer;
use super::VatNoteAnswer;
use crate::app::{App, Caller, CustomerOverview};
use crate::domain::entropy::Entropy;
use crate::domain::field::{FieldErrors, Invalid};
use crate::domain::messages as m;
use crate::domain::profile::ProfileChange;
use crate::domain::time::{format, Instant};
use crate::http::decode;
use crate::http::Result;
use crate::http::{Handled, Request, Response};
use crate::store::Database;

/// What a JSON body may change, by its path: the shape of `GET /api/me`.
const CHANGEABLE: [(&str, &[&str]); 4] = [
    (
        "company",
        &["name", "street", "postal_code", "city", "country", "vat_id"],
    ),
    ("contact", &["name", "email", "phone"]),
    ("newsletter", &[]),
    ("language", &[]),
];

/// Every field of the body that is not changeable, as a read-only error.
fn read_only(object: &Map<String, Value>) -> FieldErrors {
    let mut errors = FieldErrors::default();
    let refuse = |errors: &mut FieldErrors, path: &str| {
        errors.push(path, Invalid::said("read_only", m::field_read_only_here));
    };
    for (name, value) in object {
        match CHANGEABLE.iter().find(|(top, _)| top == name) {
            None => refuse(&mut errors, name),
            Some((_, inner)) if !inner.is_empty() => {
                if let Value::Object(fields) = value {
                    for key in fields.keys().filter(|k| !inner.contains(&k.as_str())) {
                        refuse(&mut errors, &format!("{name}.{key}"));
                    }
                }
            }
            Some(_) => {}
        }
    }
    errors
}

/// `PATCH /api/me`: the present fields of `company` and `contact` and
/// `newsletter`; a new `contact.email` waits as `pending_email` until the
/// link sent to it is confirmed. Answers the profile as `GET /api/me`.
pub async fn change_me<D: Database>(
    app: &App<D>,
    request: &Request,
    caller: &Caller,
    now: Instant,
    entropy: &mut Entropy,
) -> Result<Handled> {
    let object = decode::json_object(request)?;
    let mut errors = read_only(&object);
    let mut input = crate::app::input::registration_json(&object);
    (input.serial, input.accept_terms) = (None, None);
    // The contact's language is `language` beside `newsletter`, as
    // `GET /api/me` answers it (`contact.language` is registration's).
    let mut fields = crate::app::input::Fields::new(&object);
    input.language = fields.text("language");
    for error in fields.errors.into_list() {
        errors.add(error);
    }
    let change = match ProfileChange::parse(&input, &app.config.vendor_addresses) {
        Ok(change) if errors.is_empty() => change,
        Ok(_) => return Err(decode::invalid(errors)),
        Err(found) => {
            for error in found.into_list() {
                errors.add(error);
            }
            return Err(decode::invalid(errors));
        }
    };
    let (overview, jobs) = app.change_profile_as(caller, &change, now, entropy).await?;
    let body = ProfileAnswer::of(&overview, now);
    Ok(Handled::with_jobs(Response::json(200, &body), jobs))
}

/// The organisation's company.
#[derive(Debug, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(utoipa::ToSchema))]
pub struct CompanyAnswer {
    pub name: String,
    pub street: String,
    pub postal_code: String,
    pub city: String,
    /// ISO 3166-1 alpha-2.
    pub country: String,
    pub vat_id: Option<String>,
    /// What the EU's VIES service said of the VAT number: `confirmed`,
    /// `not_confirmed` or `being_checked`; null without a number.
    pub vat_status: Option<&'static str>,
    pub vat_treatment: VatTreatmentAnswer,
}

/// How VAT applies to an order placed now.
#[derive(Debug, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(utoipa::ToSchema))]
pub struct VatTreatmentAnswer {
    /// `standard`, `reverse_charge` or `not_subject`.
    pub category: &'static str,
    /// Where it could have been reverse charge, why not; else null.
    pub note: Option<VatNoteAnswer>,
}

/// The signed-in contact.
#[derive(Debug, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(utoipa::ToSchema))]
pub struct ProfileContactAnswer {
    pub contact_id: String,
    pub name: String,
    pub email: String,
    /// E.164.
    pub phone: String,
}

/// `GET /api/me`, and the answer of `PATCH /api/me`: the organisation, the
/// signed-in contact, the balance and the licenses held.
#[derive(Debug, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(utoipa::ToSchema))]
pub struct ProfileAnswer {
    pub customer_id: String,
    /// `pending_verification`, `active` or `merged`.
    pub status: &'static str,
    /// The serial typed at registration (`0`: not at hand).
    pub serial: String,
    pub company: CompanyAnswer,
    pub contact: ProfileContactAnswer,
    /// Whether the contact receives bulletins.
    pub newsletter: bool,
    /// The contact's language: `sl` (Slovenian) or `en` (English).
    pub language: &'static str,
    /// A new address waiting for its emailed link to be confirmed.
    pub pending_email: Option<String>,
    #[cfg_attr(not(target_arch = "wasm32"), schema(format = DateTime))]
    pub created_at: String,
    #[cfg_attr(not(target_arch = "wasm32"), schema(format = DateTime))]
    pub verified_at: Option<String>,
    /// Coupons.
    pub coupon_balance: i64,
    /// What the coupons are worth in minutes of support.
    pub minutes_available: i64,
    pub licenses: Vec<HeldLicenseAnswer>,
}

impl ProfileAnswer {
    pub fn of(overview: &CustomerOverview, now: Instant) -> Self {
        let profile = &overview.profile;
        let c = &profile.principal.customer;
        let p = &profile.principal.contact;
        let decision = overview.vat.decision;
        Self {
            customer_id: c.id.to_string(),
            status: c.status.as_str(),
            serial: c.registered_serial.as_str().to_owned(),
            company: CompanyAnswer {
                name: c.company_name.clone(),
                street: c.street.clone(),
                postal_code: c.postal_code.clone(),
                city: c.city.clone(),
                country: c.country.clone(),
                vat_id: c.vat_id.clone(),
                vat_status: overview.vat.status.map(|s| s.as_str()),
                vat_treatment: VatTreatmentAnswer {
                    category: decision.category.as_str(),
                    note: decision.note.map(VatNoteAnswer::from),
                },
            },
            contact: ProfileContactAnswer {
                contact_id: p.id.to_string(),
                name: p.name.clone(),
                email: p.email.as_str().to_owned(),
                phone: p.phone.clone(),
            },
            newsletter: p.newsletter,
            language: p.language.as_str(),
            pending_email: profile.pending_email.clone(),
            created_at: format(c.created_at),
            verified_at: c.verified_at.map(format),
            coupon_balance: profile.coupon_balance,
            minutes_available: profile.minutes_available,
            licenses: HeldLicenseAnswer::list(&overview.records.licenses, now),
        }
    }
}

pub async fn me<D: Database>(app: &App<D>, caller: &Caller, now: Instant) -> Result<Handled> {
    let body = ProfileAnswer::of(&app.overview(caller).await?, now);
    Ok(Response::json(200, &body).into())
}
