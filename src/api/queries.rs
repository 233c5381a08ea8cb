//! The query parameters and request bodies of the API as the OpenAPI
//! document describes them, where no answer type of the handlers already
//! does. Described natively only: the Worker parses these requests field by
//! field (so that each error is named), and the document is a static asset.
#![cfg_attr(target_arch = "wasm32", allow(dead_code))]

#[cfg(not(target_arch = "wasm32"))]
use utoipa::{IntoParams, ToSchema};

/// Formats of a period's invoices.
#[cfg_attr(not(target_arch = "wasm32"), derive(ToSchema))]
#[cfg_attr(not(target_arch = "wasm32"), schema(rename_all = "snake_case"))]
pub enum InvoiceFormat {
    Json,
    Csv,
}

/// `GET /api/staff/invoices`.
#[cfg_attr(not(target_arch = "wasm32"), derive(IntoParams))]
#[cfg_attr(not(target_arch = "wasm32"), into_params(parameter_in = Query))]
pub struct InvoicesQuery {
    /// First issue date of the period.
    #[cfg_attr(not(target_arch = "wasm32"), param(format = Date))]
    pub from: String,
    /// Last issue date, at most 365 days after `from`.
    #[cfg_attr(not(target_arch = "wasm32"), param(format = Date))]
    pub to: String,
    /// `json` (the default) or `csv`, the accountant's file.
    pub format: Option<InvoiceFormat>,
}

/// `GET /api/staff/incidents`.
#[cfg_attr(not(target_arch = "wasm32"), derive(IntoParams))]
#[cfg_attr(not(target_arch = "wasm32"), into_params(parameter_in = Query))]
pub struct IncidentsQuery {
    /// Which incidents (`open` when absent).
    #[cfg_attr(
        not(target_arch = "wasm32"),
        param(schema_with = super::incidents::names::view)
    )]
    pub status: Option<String>,
    /// Only this organisation's (`cus_…`); an unknown one has none.
    pub organisation_id: Option<String>,
    /// `me` (the caller's own), `none` (nobody has taken them) or a staff
    /// member's email (theirs); everyone's when absent.
    pub assignee: Option<String>,
    /// The page, from 1: closed incidents come 50 a page, the open views
    /// whole (up to 500) on page 1.
    #[cfg_attr(not(target_arch = "wasm32"), param(minimum = 1, maximum = 500))]
    pub page: Option<i64>,
}

/// Open or resolved tasks.
#[cfg_attr(not(target_arch = "wasm32"), derive(ToSchema))]
#[cfg_attr(not(target_arch = "wasm32"), schema(rename_all = "snake_case"))]
pub enum TaskState {
    Open,
    Resolved,
}

/// `GET /api/staff/tasks`.
#[cfg_attr(not(target_arch = "wasm32"), derive(IntoParams))]
#[cfg_attr(not(target_arch = "wasm32"), into_params(parameter_in = Query))]
pub struct TasksQuery {
    /// `open` (the default) or `resolved` tasks.
    pub status: Option<TaskState>,
}

/// `GET /api/staff/organisations`.
#[cfg_attr(not(target_arch = "wasm32"), derive(IntoParams))]
#[cfg_attr(not(target_arch = "wasm32"), into_params(parameter_in = Query))]
pub struct OrganisationsQuery {
    /// At least two characters: part of a company's or person's name
    /// (accents ignored), an email, a phone number as typed, a license
    /// serial, a VAT id, an incident's or order's id or number.
    #[cfg_attr(not(target_arch = "wasm32"), param(min_length = 2))]
    pub q: String,
    /// The page, from 1 (20 a page).
    #[cfg_attr(not(target_arch = "wasm32"), param(minimum = 1, maximum = 500))]
    pub page: Option<i64>,
}

/// `GET /api/staff/orders`.
#[cfg_attr(not(target_arch = "wasm32"), derive(IntoParams))]
#[cfg_attr(not(target_arch = "wasm32"), into_params(parameter_in = Query))]
pub struct OrdersQuery {
    /// At least two characters: an order's id or number, an RF reference,
    /// an amount due (`150,00`), or part of the company's name.
    #[cfg_attr(not(target_arch = "wasm32"), param(min_length = 2))]
    pub q: String,
}

/// `GET /api/staff/outbox`.
#[cfg_attr(not(target_arch = "wasm32"), derive(IntoParams))]
#[cfg_attr(not(target_arch = "wasm32"), into_params(parameter_in = Query))]
pub struct OutboxQuery {
    /// Only messages to this address.
    #[cfg_attr(not(target_arch = "wasm32"), param(format = Email))]
    pub to: Option<String>,
    /// At most this many, newest first (default 50).
    #[cfg_attr(not(target_arch = "wasm32"), param(minimum = 1, maximum = 200))]
    pub limit: Option<i64>,
}

/// `GET /api/staff/audit`.
#[cfg_attr(not(target_arch = "wasm32"), derive(IntoParams))]
#[cfg_attr(not(target_arch = "wasm32"), into_params(parameter_in = Query))]
pub struct AuditQuery {
    /// Only entries about this record.
    pub target: Option<String>,
    /// Only entries by this person (an id or an address).
    pub actor: Option<String>,
    /// At most this many, newest first (default 100).
    #[cfg_attr(not(target_arch = "wasm32"), param(minimum = 1, maximum = 500))]
    pub limit: Option<i64>,
}

/// The company of a registration.
#[cfg_attr(not(target_arch = "wasm32"), derive(ToSchema))]
pub struct RegistrationCompany {
    pub name: String,
    pub street: String,
    pub postal_code: String,
    pub city: String,
    /// ISO 3166-1 alpha-2.
    pub country: String,
    pub vat_id: Option<String>,
}

/// The contact person of a registration.
#[cfg_attr(not(target_arch = "wasm32"), derive(ToSchema))]
pub struct RegistrationContact {
    pub name: String,
    pub email: String,
    /// E.164.
    pub phone: String,
    #[cfg_attr(
        not(target_arch = "wasm32"),
        schema(schema_with = super::incidents::names::language)
    )]
    pub language: Option<String>,
}

/// `POST /api/registrations` as JSON.
#[cfg_attr(not(target_arch = "wasm32"), derive(ToSchema))]
pub struct Registration {
    /// From Help/About, or "0".
    pub serial: String,
    pub company: RegistrationCompany,
    pub contact: RegistrationContact,
    pub newsletter: Option<bool>,
    pub accept_terms: bool,
}

/// `POST /api/me/incidents` as JSON; the website's form posts the same
/// fields.
#[cfg_attr(not(target_arch = "wasm32"), derive(ToSchema))]
pub struct IncidentRequest {
    pub subject: String,
    /// Line breaks and tabs are kept.
    pub description: String,
    #[cfg_attr(
        not(target_arch = "wasm32"),
        schema(schema_with = super::incidents::names::channel)
    )]
    pub channel: String,
    /// E.164; required for a voice callback.
    pub phone: Option<String>,
    pub preferred_times: Option<String>,
    /// The license it is about.
    pub serial: Option<String>,
}

/// `POST /api/staff/organisations/{organisation_id}/incidents` (with an
/// `Idempotency-Key` header): an incident the desk opens for a caller.
#[cfg_attr(not(target_arch = "wasm32"), derive(ToSchema))]
pub struct CallerIncidentRequest {
    pub subject: String,
    /// Line breaks and tabs are kept.
    pub description: String,
    #[cfg_attr(
        not(target_arch = "wasm32"),
        schema(schema_with = super::incidents::names::channel)
    )]
    pub channel: String,
    /// The number the caller gave, with its country code (E.164; spaces,
    /// dots, dashes and `00` are read); the contact's when absent.
    pub phone: Option<String>,
    /// The contact it is for: an active contact of this organisation;
    /// required when it has several.
    pub contact_id: Option<String>,
    pub preferred_times: Option<String>,
    /// The license it is about.
    pub serial: Option<String>,
}

/// `POST /api/me/incidents/{incident_id}/messages`.
#[cfg_attr(not(target_arch = "wasm32"), derive(ToSchema))]
pub struct CustomerMessageRequest {
    pub body: String,
    /// Another number to call (E.164), kept for the next call.
    pub phone: Option<String>,
    /// Other times that suit, kept for the next call.
    pub preferred_times: Option<String>,
}

/// `POST /api/staff/incidents/{incident_id}/callback-attempts`.
#[cfg_attr(not(target_arch = "wasm32"), derive(ToSchema))]
pub struct AttemptRequest {
    #[cfg_attr(
        not(target_arch = "wasm32"),
        schema(schema_with = super::incidents::names::outcome)
    )]
    pub outcome: String,
    #[cfg_attr(
        not(target_arch = "wasm32"),
        schema(schema_with = super::incidents::names::channel)
    )]
    pub channel: String,
    /// Internal: the desk's alone, never shown to the customer.
    pub note: Option<String>,
}

/// `POST /api/staff/incidents/{incident_id}/sessions` and `PUT` of one.
#[cfg_attr(not(target_arch = "wasm32"), derive(ToSchema))]
pub struct SessionRequest {
    #[cfg_attr(not(target_arch = "wasm32"), schema(format = DateTime))]
    pub started_at: String,
    #[cfg_attr(not(target_arch = "wasm32"), schema(format = DateTime))]
    pub ended_at: String,
    #[cfg_attr(
        not(target_arch = "wasm32"),
        schema(schema_with = super::incidents::names::channel)
    )]
    pub channel: String,
}

/// `POST /api/staff/incidents/{incident_id}/messages`.
#[cfg_attr(not(target_arch = "wasm32"), derive(ToSchema))]
pub struct StaffMessageRequest {
    pub body: String,
}

/// `POST /api/staff/incidents/{incident_id}/close`.
#[cfg_attr(not(target_arch = "wasm32"), derive(ToSchema))]
pub struct CloseRequest {
    /// What was done; the closing email quotes it.
    pub resolution: String,
}
