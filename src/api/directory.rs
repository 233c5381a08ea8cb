//! The desk's directory (issue 22): `GET /api/staff/organisations?q=&page=`,
//! `GET /api/staff/organisations/{organisation_id}` and
//! `GET /api/staff/orders?q=` (the orders a bank entry may pay).

use serde::Serialize;

use super::coupons::{LedgerEntryAnswer, OrderAnswer};
use super::incidents::IncidentAnswer;
use super::invoices::InvoiceAnswer;
use super::licensing::HeldLicenseAnswer;
use super::organisations::{ClaimAnswer, ContactAnswer};
use super::staff::AuditEntryAnswer;
use crate::app::{read_search, App, Caller};
use crate::domain::field::{FieldErrors, Invalid};
use crate::domain::messages as m;
use crate::domain::search::SearchTerms;
use crate::domain::time::{format, Instant};
use crate::http::decode;
use crate::http::Result;
use crate::http::{Handled, Request, Response};
use crate::store::{Database, HitContact, OrganisationHit};

/// A contact of an organisation found.
#[derive(Debug, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(utoipa::ToSchema))]
pub struct FoundContactAnswer {
    pub contact_id: String,
    pub name: String,
    pub email: String,
    /// E.164.
    pub phone: String,
    /// `pending_verification` or `active`.
    pub status: String,
}

/// An organisation the search found.
#[derive(Debug, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(utoipa::ToSchema))]
pub struct FoundOrganisationAnswer {
    /// Its id (`cus_…`), for its page.
    pub organisation_id: String,
    /// The company's name.
    pub name: String,
    /// ISO 3166-1 alpha-2.
    pub country: String,
    pub vat_id: Option<String>,
    /// `pending_verification`, `active` or `merged`.
    pub status: String,
    /// Its contacts not removed, oldest first (at most 20).
    pub contacts: Vec<FoundContactAnswer>,
    /// The coupon balance, in coupons.
    pub balance: i64,
    /// Incidents not closed.
    pub open_incidents: i64,
    /// How it matched: 3 an exact key (serial, VAT id, email, phone, id,
    /// number, RF reference), 2 a word starting with the text, 1 text
    /// containing it.
    pub rank: i64,
}

impl From<&OrganisationHit> for FoundOrganisationAnswer {
    fn from(hit: &OrganisationHit) -> Self {
        Self {
            organisation_id: hit.id.clone(),
            name: hit.name.clone(),
            country: hit.country.clone(),
            vat_id: hit.vat_id.clone(),
            status: hit.status.clone(),
            contacts: hit.contacts.iter().map(FoundContactAnswer::from).collect(),
            balance: hit.balance,
            open_incidents: hit.open_incidents,
            rank: hit.rank,
        }
    }
}

impl From<&HitContact> for FoundContactAnswer {
    fn from(contact: &HitContact) -> Self {
        Self {
            contact_id: contact.contact_id.clone(),
            name: contact.name.clone(),
            email: contact.email.clone(),
            phone: contact.phone.clone(),
            status: contact.status.clone(),
        }
    }
}

/// `GET /api/staff/organisations`.
#[derive(Debug, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(utoipa::ToSchema))]
pub struct OrganisationsFoundAnswer {
    /// Best matches first, at most 20.
    pub organisations: Vec<FoundOrganisationAnswer>,
    pub page: i64,
    /// The next page's number; null on the last.
    pub next_page: Option<i64>,
}

fn required_terms(terms: Option<SearchTerms>) -> Result<SearchTerms> {
    terms.ok_or_else(|| {
        let mut errors = FieldErrors::default();
        errors.push("q", Invalid::said("too_short", m::field_search_too_short));
        decode::invalid(errors)
    })
}

/// `GET /api/staff/organisations?q=&page=`.
pub async fn search<D: Database>(
    app: &App<D>,
    request: &Request,
    caller: &Caller,
) -> Result<Handled> {
    let (terms, page) = read_search(
        request.query_param("q").as_deref(),
        request.query_param("page").as_deref(),
    )
    .map_err(decode::invalid)?;
    let terms = required_terms(terms)?;
    let found = app.search_organisations(caller, Some(&terms), page).await?;
    let body = OrganisationsFoundAnswer {
        organisations: found.organisations.iter().map(Into::into).collect(),
        page: found.page,
        next_page: found.next_page,
    };
    Ok(Response::json(200, &body).into())
}

/// A license the organisation holds, with its partner.
#[derive(Debug, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(utoipa::ToSchema))]
pub struct OrganisationLicenseAnswer {
    pub license: HeldLicenseAnswer,
    /// The partner the license is assigned to (reseller or technician).
    pub partner_id: Option<String>,
}

/// `GET /api/staff/organisations/{organisation_id}`: one customer's file.
#[derive(Debug, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(utoipa::ToSchema))]
pub struct OrganisationFileAnswer {
    pub organisation_id: String,
    pub name: String,
    pub street: String,
    pub postal_code: String,
    pub city: String,
    pub country: String,
    pub vat_id: Option<String>,
    /// `pending_verification`, `active` or `merged`.
    pub status: String,
    /// The organisation it joined, when merged.
    pub merged_into: Option<String>,
    /// The serial typed at registration ("0" when unknown).
    pub registered_serial: String,
    #[cfg_attr(not(target_arch = "wasm32"), schema(format = DateTime))]
    pub created_at: String,
    /// Its contacts not removed.
    pub contacts: Vec<ContactAnswer>,
    /// The coupon balance, in coupons.
    pub balance: i64,
    /// The newest 200 ledger entries, newest first.
    pub ledger: Vec<LedgerEntryAnswer>,
    pub licenses: Vec<OrganisationLicenseAnswer>,
    /// The newest 200 orders, newest first.
    pub orders: Vec<OrderAnswer>,
    pub invoices: Vec<InvoiceAnswer>,
    /// Open and closed, newest first.
    pub incidents: Vec<IncidentAnswer>,
    /// Its license claims, whatever their status.
    pub claims: Vec<ClaimAnswer>,
    /// The newest 100 audit entries about it, its contacts, orders and
    /// incidents.
    pub audit: Vec<AuditEntryAnswer>,
}

/// `GET /api/staff/organisations/{organisation_id}`.
pub async fn organisation<D: Database>(
    app: &App<D>,
    caller: &Caller,
    organisation_id: &str,
    now: Instant,
) -> Result<Handled> {
    let (_, file) = app.organisation_file(caller, organisation_id).await?;
    let Some(customer) = file.customer.as_ref() else {
        return Err(crate::app::AppError::NotFound.into());
    };
    let body = OrganisationFileAnswer {
        organisation_id: customer.id.to_string(),
        name: customer.company_name.clone(),
        street: customer.street.clone(),
        postal_code: customer.postal_code.clone(),
        city: customer.city.clone(),
        country: customer.country.clone(),
        vat_id: customer.vat_id.clone(),
        status: customer.status.as_str().to_owned(),
        merged_into: customer.merged_into.clone(),
        registered_serial: customer.registered_serial.as_str().to_owned(),
        created_at: format(customer.created_at),
        contacts: file.contacts.iter().map(ContactAnswer::from).collect(),
        balance: file.overview.coupon_balance,
        ledger: file.overview.ledger.iter().map(Into::into).collect(),
        licenses: HeldLicenseAnswer::list(&file.overview.licenses, now)
            .into_iter()
            .zip(&file.overview.licenses)
            .map(|(license, held)| OrganisationLicenseAnswer {
                license,
                partner_id: held.license.partner_id.clone(),
            })
            .collect(),
        orders: file
            .orders
            .iter()
            .map(|o| OrderAnswer::of(app.config.bank_account.as_ref(), o, now))
            .collect(),
        invoices: file.invoices.iter().map(InvoiceAnswer::from).collect(),
        incidents: file
            .overview
            .incidents
            .iter()
            .map(IncidentAnswer::from)
            .collect(),
        claims: file.claims.iter().map(ClaimAnswer::from).collect(),
        audit: file.audit.iter().map(AuditEntryAnswer::from).collect(),
    };
    Ok(Response::json(200, &body).into())
}

/// An order a bank entry may pay.
#[derive(Debug, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(utoipa::ToSchema))]
pub struct OrderCandidateAnswer {
    pub order: OrderAnswer,
    /// The ordering organisation's id.
    pub organisation_id: String,
    /// Its company name.
    pub company: String,
}

/// `GET /api/staff/orders?q=`.
#[derive(Debug, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(utoipa::ToSchema))]
pub struct OrderCandidatesAnswer {
    /// Unpaid, partly paid, expired or in review; newest first, at most 20.
    pub orders: Vec<OrderCandidateAnswer>,
}

/// `GET /api/staff/orders?q=`: by id or number, RF reference, amount due or
/// still due (`150,00`), or company name.
pub async fn orders<D: Database>(
    app: &App<D>,
    request: &Request,
    caller: &Caller,
    now: Instant,
) -> Result<Handled> {
    let terms = required_terms(
        request
            .query_param("q")
            .as_deref()
            .and_then(SearchTerms::parse),
    )?;
    let (_, orders) = app.orders_for_matching(caller, Some(&terms)).await?;
    let body = OrderCandidatesAnswer {
        orders: orders
            .iter()
            .map(|(record, company)| OrderCandidateAnswer {
                order: OrderAnswer::of(app.config.bank_account.as_ref(), record, now),
                organisation_id: record.order.customer_id.to_string(),
                company: company.clone(),
            })
            .collect(),
    };
    Ok(Response::json(200, &body).into())
}
