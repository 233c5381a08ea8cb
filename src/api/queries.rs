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

/// The states of an incident.
#[cfg_attr(not(target_arch = "wasm32"), derive(ToSchema))]
#[cfg_attr(not(target_arch = "wasm32"), schema(rename_all = "snake_case"))]
pub enum IncidentState {
    AwaitingCallback,
    InProgress,
    AwaitingCustomer,
    Closed,
}

/// `GET /api/staff/incidents`.
#[cfg_attr(not(target_arch = "wasm32"), derive(IntoParams))]
#[cfg_attr(not(target_arch = "wasm32"), into_params(parameter_in = Query))]
pub struct IncidentsQuery {
    /// Only incidents in this state (open ones when absent).
    pub status: Option<IncidentState>,
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
