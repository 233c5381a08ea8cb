//! The server-rendered pages: public, the customer portal, the staff desk,
//! the partner pages and their charts. Every page works without JavaScript:
//! plain forms post here and are answered by redirects (or, when a field is
//! wrong, by the form again with each error next to its field). Browsers
//! hold the session in an HttpOnly, SameSite=Lax cookie; forms from another
//! origin are refused.
//!
//! Pages are [`Html`](crate::domain::html::Html), which escapes by
//! construction. This layer uses the use cases ([`crate::app`]), the domain
//! and the HTTP kernel [`crate::http`]; it never calls the store (it sees
//! the store's records only as the use cases return them): what a page
//! needs to read, a use case reads.

mod attachments;
pub mod chart;
mod country;
mod desk;
mod forms;
mod invoices;
mod partner;
mod portal;
mod privacy;
mod public;
mod session;
mod shell;

pub use attachments::{attach_from_page, attachment_download_page};
pub use desk::*;
pub use invoices::*;
pub use partner::*;
pub use portal::*;
pub use privacy::*;
pub use public::*;
pub use session::*;
pub use shell::{page, page_in, paragraph, Area, CONTENT_SECURITY_POLICY};

/// What every page module uses.
mod prelude {
    pub(super) use chrono::Duration;
    pub(super) use serde_json::{Map, Value};

    #[allow(unused_imports)]
    pub(super) use super::country::{country_field, country_select, country_select_with};
    pub(super) use super::forms::*;
    pub(super) use super::portal::{activate_from_form, activation_form, timeline_html};
    pub(super) use super::public::{DESK_SIGN_IN, PARTNER_SIGN_IN};
    pub(super) use super::shell::{page, page_in, Area};
    pub(super) use crate::app::bulletins;
    pub(super) use crate::app::input::Fields;
    pub(super) use crate::app::{
        Access, Adjustment, App, AppError, AttemptInput, Caller, CustomerPrincipal, Idempotency,
        PaymentProvider, Principal, Reply, TaskQueue, Timeline, Upload, BREAK_GLASS,
    };
    pub(super) use crate::domain::activation::InstallationId;
    pub(super) use crate::domain::bulletin::body_html;
    pub(super) use crate::domain::entropy::Entropy;
    pub(super) use crate::domain::field::{FieldErrors, Invalid};
    pub(super) use crate::domain::html::Html;
    pub(super) use crate::domain::idempotency::{IdempotencyKey, RequestFingerprint};
    #[allow(unused_imports)]
    pub(super) use crate::domain::language::Language;
    pub(super) use crate::domain::license::ProductVersion;
    pub(super) use crate::domain::link::ReturnPath;
    #[allow(unused_imports)]
    pub(super) use crate::domain::messages as m;
    pub(super) use crate::domain::money::Money;
    pub(super) use crate::domain::order::{PaymentMethod, Quantity};
    pub(super) use crate::domain::profile::ProfileChange;
    pub(super) use crate::domain::registration::RegistrationInput;
    pub(super) use crate::domain::serial::SerialNumber;
    pub(super) use crate::domain::staff::StaffRole;
    pub(super) use crate::domain::text::Text;
    pub(super) use crate::domain::time::{format, Instant};
    pub(super) use crate::domain::token::{Token, TokenError};
    pub(super) use crate::html;
    pub(super) use crate::http::decode::{self, Body};
    pub(super) use crate::http::session::*;
    pub(super) use crate::http::{ApiError, Handled, Request, Response, Result};
    pub(super) use crate::store::{BulletinSummary, Database, OrderRecord, SessionKind};
}
