//! The route table: every route the portal answers, one row per method,
//! with all that is known of it: its path pattern (`{…}` is one segment),
//! method (GET also answers HEAD), who may call it, whether it is the JSON
//! API or a page, the largest body it takes, whether mail clients may post
//! it, and its handler. The router dispatches by it, the tests walk it
//! ([`facts`]), and the OpenAPI document's paths come from it. Nothing else
//! lists routes.

use std::future::Future;
use std::pin::Pin;

use crate::api::{
    self, attachments, bulletins, coupons, incidents, invoices, licensing, organisations,
};
use crate::app::{Access, PartnerNeed, PaymentProvider};
use crate::domain::staff::StaffRole;
use crate::http::{ApiError, Ctx, Handled, Method, Result, MAX_BODY_BYTES};
use crate::store::Database;
use crate::web;

use Method::{Delete, Get, Patch, Post, Put};

/// Bank statements may be large: 10,000 entries of camt.053 are some 10 MB.
const MAX_STATEMENT_BYTES: usize = 32 * 1024 * 1024;

/// An attached file (at most 10 MiB, `domain::attachment`) and its
/// multipart framing: a larger file within it is refused 413 by the rule.
const MAX_ATTACHMENT_BODY_BYTES: usize = crate::domain::attachment::MAX_BYTES + 64 * 1024;

const PUBLIC: Access = Access::Public;
const SIGNED: Access = Access::Signed;
const CUSTOMER: Access = Access::Customer;
/// Incidents, customers read-only, the outbox.
const AGENT: Access = Access::Staff(&[StaffRole::Agent]);
/// Bank statements and entries, orders, adjustments, tasks.
const FINANCE: Access = Access::Staff(&[StaffRole::Finance]);
/// Members, partners, licenses, releases, claims, the audit log, and
/// bulletins (they go to every subscribed customer at once).
const ADMIN: Access = Access::Staff(&[StaffRole::Admin]);
/// Any staff member (the desk's home page).
const STAFF: Access = Access::Staff(&[StaffRole::Agent, StaffRole::Finance]);
const PARTNER: Access = Access::Partner(PartnerNeed::Any);
const RESELLER: Access = Access::Partner(PartnerNeed::Reseller);
const TECHNICIAN: Access = Access::Partner(PartnerNeed::Technician);
/// A contact, or an agent or admin: live support's participants.
const PARTICIPANT: Access = Access::Participant;

/// Whether a route is the JSON API (bearer tokens, problem+json) or a page
/// (cookies, forms, redirects, the same-origin rule for posts).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Surface {
    Api,
    Page,
}

/// Which Worker serves a path. Spica's staff (the desk's pages and the
/// staff's API) have one, everyone else (the public, customers, partners,
/// the payment provider) the other, which hands the desk's requests on to it
/// unread through the service binding `DESK`: each WASM then carries only its
/// audience's handlers and pages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Audience {
    Front,
    Desk,
}

impl Audience {
    pub fn of(path: &str) -> Self {
        let desk = path == "/desk" || path.starts_with("/desk/") || path.starts_with("/api/staff/");
        if desk {
            Self::Desk
        } else {
            Self::Front
        }
    }

    /// Whether this build has the audience's routes.
    pub fn served_here(self) -> bool {
        match self {
            Self::Front => cfg!(feature = "front"),
            Self::Desk => cfg!(feature = "desk"),
        }
    }
}

/// One row of the table. `H` is the handler; [`facts`] gives the rows
/// without it.
#[derive(Clone)]
pub struct Route<H> {
    pub pattern: &'static str,
    pub method: Method,
    pub access: Access,
    pub surface: Surface,
    /// The largest body taken, checked before the body is read.
    pub body_limit: usize,
    /// A post that mail clients make (RFC 8058's one-click unsubscribe):
    /// exempt from the same-origin rule, since it comes from no page of
    /// ours, and from the flood limit, since many people share a mail
    /// provider's address. It carries its own token and can do no more
    /// than the link itself.
    pub posted_by_mail_clients: bool,
    /// Served by Workers static assets before the Worker runs: the router
    /// only refuses its other methods.
    pub platform: bool,
    pub handler: H,
    /// What the OpenAPI document says of it (native only).
    #[cfg(not(target_arch = "wasm32"))]
    pub doc: super::doc::Doc,
}

/// A handler: it runs with the context the router built, once the caller
/// is known to be allowed.
pub type Handler<D, P> =
    for<'c, 'a> fn(&'c mut Ctx<'a, D, P>) -> Pin<Box<dyn Future<Output = Result<Handled>> + 'c>>;

fn row<H>(
    surface: Surface,
    method: Method,
    pattern: &'static str,
    access: Access,
    handler: H,
) -> Route<H> {
    Route {
        pattern,
        method,
        access,
        surface,
        body_limit: MAX_BODY_BYTES,
        posted_by_mail_clients: false,
        platform: false,
        handler,
        #[cfg(not(target_arch = "wasm32"))]
        doc: super::doc::Doc::default(),
    }
}

fn api<D, P>(
    method: Method,
    pattern: &'static str,
    access: Access,
    handler: Handler<D, P>,
) -> Route<Handler<D, P>> {
    row(Surface::Api, method, pattern, access, handler)
}

fn page<D, P>(
    method: Method,
    pattern: &'static str,
    access: Access,
    handler: Handler<D, P>,
) -> Route<Handler<D, P>> {
    row(Surface::Page, method, pattern, access, handler)
}

impl<H> Route<H> {
    fn large_bodies(self) -> Self {
        Self {
            body_limit: MAX_STATEMENT_BYTES,
            ..self
        }
    }

    fn attachment_bodies(self) -> Self {
        Self {
            body_limit: MAX_ATTACHMENT_BODY_BYTES,
            ..self
        }
    }

    fn posted_by_mail_clients(self) -> Self {
        Self {
            posted_by_mail_clients: true,
            ..self
        }
    }

    fn platform(self) -> Self {
        Self {
            platform: true,
            ..self
        }
    }

    /// Whether this row answers `method` on a path of these segments.
    pub fn matches(&self, method: Method, segments: &[&str]) -> bool {
        (self.method == method || (self.method == Get && method == Method::Head))
            && pattern_matches(self.pattern, segments)
    }

    /// The values of the path's `{…}` segments, in order.
    pub fn params<'p>(&self, segments: &[&'p str]) -> Vec<&'p str> {
        self.pattern
            .trim_matches('/')
            .split('/')
            .zip(segments)
            .filter(|(part, _)| part.starts_with('{'))
            .map(|(_, segment)| *segment)
            .collect()
    }

    /// The row without its handler.
    pub fn fact(&self) -> Route<()> {
        Route {
            pattern: self.pattern,
            method: self.method,
            access: self.access,
            surface: self.surface,
            body_limit: self.body_limit,
            posted_by_mail_clients: self.posted_by_mail_clients,
            platform: self.platform,
            handler: (),
            #[cfg(not(target_arch = "wasm32"))]
            doc: self.doc.clone(),
        }
    }
}

/// Whether a path pattern matches a request's path segments.
pub fn pattern_matches(pattern: &str, segments: &[&str]) -> bool {
    let parts: Vec<&str> = pattern.trim_matches('/').split('/').collect();
    parts.len() == segments.len()
        && parts
            .iter()
            .zip(segments)
            .all(|(part, segment)| part.starts_with('{') || part == segment)
}

/// A path's segments, as the table's patterns are matched against them.
pub fn segments(path: &str) -> Vec<&str> {
    path.trim_matches('/').split('/').collect()
}

/// Every row without its handler: what the tests walk and the OpenAPI
/// document describes. Native only: in the Worker it would compile every
/// handler a second time for a database that does not exist.
#[cfg(not(target_arch = "wasm32"))]
pub fn facts() -> Vec<Route<()>> {
    routes::<crate::store::Nowhere, Unconfigured>()
        .iter()
        .map(Route::fact)
        .collect()
}

/// The payment provider of [`facts`]: none.
#[cfg(not(target_arch = "wasm32"))]
pub enum Unconfigured {}

#[cfg(not(target_arch = "wasm32"))]
impl PaymentProvider for Unconfigured {
    async fn create_checkout_session(
        &self,
        _: &crate::app::CheckoutRequest,
    ) -> std::result::Result<crate::app::CheckoutSession, String> {
        match *self {}
    }
}

/// The rows, each with its handler: those of the audiences this build
/// serves (both natively; one in each of the two Workers, see [`Audience`]).
pub fn routes<D: Database, P: PaymentProvider>() -> Vec<Route<Handler<D, P>>> {
    #[allow(unused_mut)]
    let mut rows = Vec::new();
    #[cfg(feature = "front")]
    rows.extend(front_rows());
    #[cfg(feature = "desk")]
    rows.extend(desk_rows());
    rows
}

/// The rows of the public, the customers and partners: the front Worker's.
#[cfg(feature = "front")]
fn front_rows<D: Database, P: PaymentProvider>() -> Vec<Route<Handler<D, P>>> {
    vec![
        // ---- public: health, the contract, registration, sign-in -------------
        api(Get, "/healthz", PUBLIC, |c| Box::pin(api::health(c)))
            .answers::<api::HealthAnswer>(200, "Up, with this build's version"),
        api(Get, "/api/openapi.json", PUBLIC, |_| {
            Box::pin(async { Err(ApiError::NoRoute) })
        })
        .platform(),
        api(Post, "/api/registrations", PUBLIC, |c| {
            Box::pin(api::registration::register(c))
        })
        .summary("Registers an end user (JSON, or the website's flat form)")
        .takes::<crate::api::queries::Registration>()
        .takes_media("application/x-www-form-urlencoded")
        .answers::<api::registration::RegisteredAnswer>(201, "Registered: a verification link is emailed")
        .answers_bare(303, "A form post: to the thank-you page, or back to the form with errors"),
        api(Post, "/api/registrations/verify", PUBLIC, |c| {
            Box::pin(api::registration::verify(c))
        })
        .answers::<api::registration::VerifiedAnswer>(200, "The address is confirmed and the account active"),
        api(Post, "/api/sessions", PUBLIC, |c| {
            Box::pin(api::sessions::request_sign_in(c))
        })
        .summary("Emails a sign-in link")
        .answers::<api::sessions::SignInRequestedAnswer>(202, "Accepted: if the address is registered, a link is on its way")
        .withholds_links(),
        api(Post, "/api/sessions/redeem", PUBLIC, |c| {
            Box::pin(api::sessions::redeem(c))
        })
        .answers::<api::sessions::AccessGrantAnswer>(200, "The link exchanged, once, for an access token"),
        api(Post, "/api/invitations/accept", PUBLIC, |c| {
            Box::pin(organisations::accept(c.app, c.request, c.now, c.entropy))
        })
        .answers::<api::sessions::AccessGrantAnswer>(200, "Accepted: the invited person is a contact, signed in"),
        api(Post, "/api/licenses/validate", PUBLIC, |c| {
            Box::pin(licensing::validate(c.app, c.request, c.now))
        })
        .answers::<licensing::ValidationAnswer>(200, "Whether the installation may run this version, and why not"),
        api(Get, "/api/licenses/public-key", PUBLIC, |c| {
            Box::pin(licensing::public_key(c.app))
        })
        .answers::<licensing::PublicKeyAnswer>(200, "The key that verifies license files"),
        api(Post, "/api/webhooks/stripe", SIGNED, |c| {
            Box::pin(coupons::stripe_webhook(c.app, c.request, c.now, c.entropy))
        })
        .answers::<coupons::StripeEventAnswer>(200, "The event is taken (once, by its id): what became of it"),
        // ---- live support: the incident's room and the call's ICE servers --------
        api(Get, "/live/incidents/{incident_id}", PARTICIPANT, |c| {
            Box::pin(api::live::enter_room(c.app, c.request, c.caller, c.param(0)))
        })
        .summary("Enters the incident's live room: a WebSocket (Upgrade: websocket) of JSON text frames")
        .answers_bare(101, "Switching protocols: the room's WebSocket (without Upgrade: websocket, 426)"),
        api(Get, "/api/live/ice-servers", PARTICIPANT, |c| {
            Box::pin(api::live::ice_servers(c.app, c.caller))
        })
        .answers::<api::live::IceServersAnswer>(200, "The ICE servers for the call's WebRTC: STUN, and TURN with short-lived credentials when configured"),
        // ---- the customer's API ------------------------------------------------
        api(Get, "/api/me", CUSTOMER, |c| {
            Box::pin(api::profile::me(c.app, c.caller, c.now))
        })
        .answers::<api::profile::ProfileAnswer>(200, "The profile, balance and licenses held"),
        api(Patch, "/api/me", CUSTOMER, |c| {
            Box::pin(api::profile::change_me(
                c.app, c.request, c.caller, c.now, c.entropy,
            ))
        })
        .answers::<api::profile::ProfileAnswer>(200, "Changed: the profile as GET /api/me shows it; a new address waits as pending_email")
        .withholds_links(),
        api(Delete, "/api/me", CUSTOMER, |c| {
            Box::pin(api::privacy::request_erasure(
                c.app, c.caller, c.now, c.entropy,
            ))
        })
        .answers::<api::privacy::ErasureRequestedAnswer>(202, "An erasure link is emailed")
        .withholds_links(),
        api(Get, "/api/me/ledger", CUSTOMER, |c| {
            Box::pin(coupons::ledger(c.app, c.caller))
        })
        .answers::<coupons::LedgerAnswer>(200, "The balance and the ledger, newest first"),
        api(Get, "/api/me/export", CUSTOMER, |c| {
            Box::pin(api::privacy::export(c.app, c.caller, c.now))
        })
        .answers::<crate::app::privacy::PersonalData>(200, "Everything held about the contact and the organisation, as a dated JSON file"),
        api(Get, "/api/me/coupon-orders", CUSTOMER, |c| {
            Box::pin(coupons::list_orders(c.app, c.caller, c.now))
        })
        .answers::<coupons::OrdersAnswer>(200, "The organisation's coupon orders"),
        api(Post, "/api/me/coupon-orders", CUSTOMER, |c| {
            Box::pin(coupons::create_order(
                c.app, c.provider, c.request, c.caller, c.now, c.entropy,
            ))
        })
        .answers::<coupons::OrderAnswer>(201, "Placed: with checkout_url for a card, bank_transfer for a transfer"),
        api(Get, "/api/me/coupon-orders/{order_id}", CUSTOMER, |c| {
            Box::pin(coupons::get_order(c.app, c.caller, c.param(0), c.now))
        })
        .answers::<coupons::OrderAnswer>(200, "The order"),
        api(
            Post,
            "/api/me/coupon-orders/{order_id}/cancel",
            CUSTOMER,
            |c| Box::pin(coupons::cancel_order(c.app, c.caller, c.param(0), c.now)),
        )
        .answers::<coupons::OrderAnswer>(200, "Cancelled"),
        api(Get, "/api/me/invoices", CUSTOMER, |c| {
            Box::pin(invoices::list(c.app, c.caller))
        })
        .answers::<invoices::InvoicesAnswer>(200, "The organisation's invoices and credit notes"),
        api(Get, "/api/me/invoices/{invoice_id}", CUSTOMER, |c| {
            Box::pin(invoices::get(c.app, c.request, c.caller, c.param(0)))
        })
        .answers::<invoices::InvoiceAnswer>(200, "The invoice, or with Accept: application/xml its UBL 2.1 Invoice or CreditNote (EN 16931)")
        .also_as("application/xml"),
        api(Get, "/api/me/incidents", CUSTOMER, |c| {
            Box::pin(incidents::list_own(c.app, c.caller))
        })
        .answers::<incidents::IncidentsAnswer>(200, "The organisation's incidents, newest first"),
        api(Post, "/api/me/incidents", CUSTOMER, |c| {
            Box::pin(incidents::open(
                c.app, c.request, c.caller, c.now, c.entropy,
            ))
        })
        .takes::<crate::api::queries::IncidentRequest>()
        .takes_media("application/x-www-form-urlencoded")
        .answers::<incidents::IncidentAnswer>(201, "Opened: the desk calls back by `callback_due_by`")
        .answers_bare(303, "A form post: to the support-requested page, or back to the form with errors"),
        api(Get, "/api/me/incidents/{incident_id}", CUSTOMER, |c| {
            Box::pin(incidents::get_own(c.app, c.caller, c.param(0)))
        })
        .answers::<incidents::CustomerIncidentAnswer>(200, "The incident with its timeline, without the desk's notes"),
        api(
            Post,
            "/api/me/incidents/{incident_id}/messages",
            CUSTOMER,
            |c| {
                Box::pin(incidents::customer_message(
                    c.app,
                    c.request,
                    c.caller,
                    c.param(0),
                    c.now,
                    c.entropy,
                ))
            },
        )
        .takes::<crate::api::queries::CustomerMessageRequest>()
        .answers::<incidents::IncidentAnswer>(201, "Sent to the desk: the incident after it (a message after three failed calls reopens the callback)"),
        // ---- attachments (issue 22): the customer's ------------------------------
        api(Post, "/api/me/incidents/{incident_id}/attachments", CUSTOMER, |c| {
            Box::pin(attachments::upload(
                c.app, c.request, c.caller, c.param(0), false, c.now, c.entropy,
            ))
        })
        .attachment_bodies()
        .summary("Attaches a file to an open incident (multipart/form-data, part `file`)")
        .takes_media("multipart/form-data")
        .answers::<attachments::AttachmentAnswer>(201, "Attached: 413 beyond 10 MiB, 422 `file` for a type not taken"),
        api(Get, "/api/me/incidents/{incident_id}/attachments/{attachment_id}", CUSTOMER, |c| {
            Box::pin(attachments::download(c.app, c.caller, c.param(0), c.param(1), false))
        })
        .file_answer("The file, as an attachment (Content-Disposition, X-Content-Type-Options: nosniff)"),
        api(Post, "/api/me/activations", CUSTOMER, |c| {
            Box::pin(licensing::activate(
                c.app, c.request, c.caller, false, c.now, c.entropy,
            ))
        })
        .answers::<licensing::ActivationAnswer>(201, "Activated: a seat is taken")
        .answers::<licensing::ActivationAnswer>(200, "This installation was active already: its activation and code, no second seat"),
        api(
            Delete,
            "/api/me/activations/{activation_id}",
            CUSTOMER,
            |c| {
                Box::pin(licensing::deactivate(
                    c.app,
                    c.caller,
                    c.param(0),
                    c.now,
                    c.entropy,
                ))
            },
        )
        .answers::<licensing::ActivationAnswer>(200, "Deactivated: the seat is free"),
        api(
            Get,
            "/api/me/activations/{activation_id}/license-file",
            CUSTOMER,
            |c| Box::pin(licensing::license_file(c.app, c.caller, c.param(0), c.now)),
        )
        .answers::<licensing::LicenseFileAnswer>(200, "The signed license file, as a download"),
        api(Get, "/api/me/contacts", CUSTOMER, |c| {
            Box::pin(organisations::contacts(c.app, c.caller, c.now))
        })
        .answers::<organisations::ContactsAnswer>(200, "The organisation's contacts and open invitations"),
        api(Post, "/api/me/contacts", CUSTOMER, |c| {
            Box::pin(organisations::invite(
                c.app, c.request, c.caller, c.now, c.entropy,
            ))
        })
        .answers::<organisations::InvitationAnswer>(201, "Invited: the colleague is emailed a link"),
        api(Delete, "/api/me/contacts/{contact_id}", CUSTOMER, |c| {
            Box::pin(organisations::remove(
                c.app,
                c.caller,
                None,
                c.param(0),
                c.now,
            ))
        })
        .answers::<organisations::ContactRemovedAnswer>(200, "Removed: the colleague signs in no more"),
        api(
            Delete,
            "/api/me/invitations/{invitation_id}",
            CUSTOMER,
            |c| Box::pin(organisations::withdraw(c.app, c.caller, c.param(0), c.now)),
        )
        .answers::<organisations::InvitationAnswer>(200, "Withdrawn"),
        // ---- partners' API -----------------------------------------------------
        api(Post, "/api/partner/activations", TECHNICIAN, |c| {
            Box::pin(licensing::activate(
                c.app, c.request, c.caller, true, c.now, c.entropy,
            ))
        })
        .answers::<licensing::ActivationAnswer>(201, "Activated: a seat is taken")
        .answers::<licensing::ActivationAnswer>(200, "This installation was active already: its activation and code, no second seat"),
        api(
            Delete,
            "/api/partner/activations/{activation_id}",
            TECHNICIAN,
            |c| {
                Box::pin(licensing::deactivate(
                    c.app,
                    c.caller,
                    c.param(0),
                    c.now,
                    c.entropy,
                ))
            },
        )
        .answers::<licensing::ActivationAnswer>(200, "Deactivated: the seat is free"),
        api(Get, "/api/partner/sups-subscriptions", RESELLER, |c| {
            Box::pin(licensing::partner_subscriptions(c.app, c.caller, c.now))
        })
        .answers::<licensing::PartnerSubscriptionsAnswer>(200, "The SUPS subscriptions the partner sold"),
        api(Post, "/api/partner/sups-subscriptions", RESELLER, |c| {
            Box::pin(licensing::sell_sups(
                c.app, c.request, c.caller, c.now, c.entropy,
            ))
        })
        .answers::<crate::app::SupsSold>(201, "Sold: the coverage created or extended (an end user not yet registered is registered and emailed)"),
        api(Get, "/api/partner/licenses", PARTNER, |c| {
            Box::pin(licensing::partner_licenses(c.app, c.caller))
        })
        .answers::<licensing::PartnerLicensesAnswer>(200, "The licenses assigned to the partner"),
        api(Get, "/api/partner/statements/{month}", RESELLER, |c| {
            Box::pin(licensing::partner_statement(c.app, c.caller, c.param(0)))
        })
        .answers::<licensing::StatementAnswer>(200, "The month's fees, prorated by days of coverage"),
        // ---- public pages ------------------------------------------------------
        page(Get, "/", PUBLIC, |c| {
            Box::pin(async { Ok(web::home(c.lang).into()) })
        }),
        page(Get, "/terms", PUBLIC, |c| {
            Box::pin(async { Ok(web::terms(c.lang).into()) })
        }),
        page(Get, "/privacy", PUBLIC, |c| {
            Box::pin(async { Ok(web::privacy_page(c.lang, &c.app.config.retention).into()) })
        }),
        page(Get, "/register", PUBLIC, |c| {
            Box::pin(web::register_form_page(c.lang, c.request))
        }),
        page(Post, "/register", PUBLIC, |c| {
            Box::pin(web::register_page(c.app, c.lang, c.request, c.now, c.entropy))
        }),
        page(Get, "/registered", PUBLIC, |c| {
            Box::pin(async { Ok(web::registered_page(c.lang).into()) })
        }),
        page(Get, "/verify", PUBLIC, |c| {
            Box::pin(async { Ok(web::verify_page(c.lang, c.request).into()) })
        }),
        page(Post, "/verify", PUBLIC, |c| {
            Box::pin(web::verify_form(c.app, c.lang, c.request, c.now, c.entropy))
        }),
        page(Get, "/sign-in", PUBLIC, |c| {
            Box::pin(async { Ok(web::sign_in_page(c.lang, c.request).into()) })
        }),
        page(Post, "/sign-in", PUBLIC, |c| {
            Box::pin(web::sign_in_form(c.app, c.lang, c.request, c.now, c.entropy))
        }),
        page(Post, "/language", PUBLIC, |c| {
            Box::pin(async { Ok(web::switch_language(c.app, c.request).into()) })
        }),
        page(Post, "/sign-out", PUBLIC, |c| {
            Box::pin(web::sign_out(c.app, c.request, c.now))
        }),
        page(Get, "/support-requested", PUBLIC, |c| {
            Box::pin(async { Ok(web::support_requested_page(c.lang).into()) })
        }),
        page(Get, "/invitation", PUBLIC, |c| {
            Box::pin(web::invitation_page(c.app, c.lang, c.request, c.now))
        }),
        page(Post, "/invitation", PUBLIC, |c| {
            Box::pin(web::accept_invitation(c.app, c.lang, c.request, c.now, c.entropy))
        }),
        page(Get, "/confirm-join", PUBLIC, |c| {
            Box::pin(async { Ok(web::confirm_join_page(c.lang, c.request).into()) })
        }),
        page(Post, "/confirm-join", PUBLIC, |c| {
            Box::pin(web::confirm_join(c.app, c.lang, c.request, c.now))
        }),
        page(Get, "/confirm-email", PUBLIC, |c| {
            Box::pin(async { Ok(web::confirm_email_page(c.lang, c.request).into()) })
        }),
        page(Post, "/confirm-email", PUBLIC, |c| {
            Box::pin(web::confirm_email(c.app, c.lang, c.request, c.now, c.entropy))
        }),
        page(Get, "/confirm-erasure", PUBLIC, |c| {
            Box::pin(async { Ok(web::confirm_erasure_page(c.lang, c.request).into()) })
        }),
        page(Post, "/confirm-erasure", PUBLIC, |c| {
            Box::pin(web::confirm_erasure(c.app, c.lang, c.request, c.now, c.entropy))
        }),
        page(Get, "/news", PUBLIC, |c| Box::pin(web::news(c.app, c.lang))),
        page(Get, "/news/{bulletin_id}", PUBLIC, |c| {
            Box::pin(web::news_item(c.app, c.lang, c.param(0)))
        }),
        page(Get, "/unsubscribe", PUBLIC, |c| {
            Box::pin(async { Ok(web::unsubscribe_page(c.lang, c.request)) })
        }),
        page(Post, "/unsubscribe", PUBLIC, |c| {
            Box::pin(web::unsubscribe(c.app, c.lang, c.request))
        })
        .posted_by_mail_clients(),
        // ---- the customer's pages ----------------------------------------------
        page(Get, "/portal", CUSTOMER, |c| {
            Box::pin(web::portal(c.app, c.caller, c.lang, c.now))
        }),
        page(Get, "/portal/coupons", CUSTOMER, |c| {
            Box::pin(web::coupons_page(c.app, c.caller, c.lang, c.now))
        }),
        page(Post, "/portal/coupons", CUSTOMER, |c| {
            Box::pin(web::order_coupons(
                c.app, c.provider, c.request, c.caller, c.lang, c.now, c.entropy,
            ))
        }),
        page(Get, "/portal/orders/{order_id}", CUSTOMER, |c| {
            Box::pin(web::order_page(
                c.app,
                c.request,
                c.caller,
                c.lang,
                c.param(0),
                c.now,
            ))
        }),
        page(Get, "/portal/orders/{order_id}/pro-forma", CUSTOMER, |c| {
            Box::pin(web::pro_forma_page(c.app, c.lang, c.caller, c.param(0), c.now))
        }),
        page(Get, "/support", CUSTOMER, |c| {
            Box::pin(async move { web::support_page(c.lang) })
        }),
        page(Post, "/support", CUSTOMER, |c| {
            Box::pin(web::request_support(
                c.app, c.request, c.caller, c.lang, c.now, c.entropy,
            ))
        }),
        page(Get, "/portal/live/rooms", CUSTOMER, |c| {
            Box::pin(web::live_rooms(c.app, c.caller))
        }),
        page(Get, "/portal/incidents/{incident_id}", CUSTOMER, |c| {
            Box::pin(web::incident_page(c.app, c.caller, c.lang, c.param(0)))
        }),
        page(
            Post,
            "/portal/incidents/{incident_id}/messages",
            CUSTOMER,
            |c| {
                Box::pin(web::customer_message(
                    c.app,
                    c.request,
                    c.caller,
                    c.lang,
                    c.param(0),
                    c.now,
                    c.entropy,
                ))
            },
        ),
        // ---- attachments (issue 22): the customer's incident page -------------
        page(Post, "/portal/incidents/{incident_id}/attachments", CUSTOMER, |c| {
            Box::pin(web::attach_from_page(
                c.app, c.request, c.caller, c.lang, c.param(0), false, c.now, c.entropy,
            ))
        })
        .attachment_bodies(),
        page(Get, "/portal/incidents/{incident_id}/attachments/{attachment_id}", CUSTOMER, |c| {
            Box::pin(web::attachment_download_page(c.app, c.caller, c.lang, c.param(0), c.param(1), false))
        }),
        page(Get, "/portal/activate", CUSTOMER, |c| {
            Box::pin(async move { web::activate_page(c.lang) })
        }),
        page(Post, "/portal/activate", CUSTOMER, |c| {
            Box::pin(web::activate(c.app, c.request, c.caller, c.lang, c.now, c.entropy))
        }),
        page(
            Get,
            "/portal/activations/{activation_id}/license-file",
            CUSTOMER,
            |c| Box::pin(web::license_file(c.app, c.caller, c.lang, c.param(0), c.now)),
        ),
        // ---- issue 22: licenses and deactivation, cancelling an order ----------
        page(Get, "/portal/licenses", CUSTOMER, |c| {
            Box::pin(web::portal_licenses_page(c.app, c.caller, c.lang, c.now))
        }),
        page(
            Post,
            "/portal/activations/{activation_id}/deactivate",
            CUSTOMER,
            |c| Box::pin(web::portal_deactivate(c.app, c.caller, c.lang, c.param(0), c.now, c.entropy)),
        ),
        page(Post, "/portal/orders/{order_id}/cancel", CUSTOMER, |c| {
            Box::pin(web::portal_cancel_order(c.app, c.caller, c.lang, c.param(0), c.now))
        }),
        page(Get, "/portal/contacts", CUSTOMER, |c| {
            Box::pin(web::contacts_page(c.app, c.caller, c.lang, c.now))
        }),
        page(Post, "/portal/contacts", CUSTOMER, |c| {
            Box::pin(web::invite_contact(
                c.app, c.request, c.caller, c.lang, c.now, c.entropy,
            ))
        }),
        page(
            Post,
            "/portal/contacts/{contact_id}/remove",
            CUSTOMER,
            |c| Box::pin(web::remove_contact(c.app, c.caller, c.lang, c.param(0), c.now)),
        ),
        page(
            Post,
            "/portal/invitations/{invitation_id}/withdraw",
            CUSTOMER,
            |c| Box::pin(web::withdraw_invitation(c.app, c.caller, c.lang, c.param(0), c.now)),
        ),
        page(Get, "/portal/profile", CUSTOMER, |c| {
            Box::pin(web::profile_page(c.app, c.caller, c.lang))
        }),
        page(Post, "/portal/profile", CUSTOMER, |c| {
            Box::pin(async move {
                let p = c.principal().await?;
                web::save_profile(c.app, c.request, &p, c.lang, c.now, c.entropy).await
            })
        }),
        page(Get, "/portal/export", CUSTOMER, |c| {
            Box::pin(web::export(c.app, c.caller, c.now))
        }),
        page(Post, "/portal/erasure", CUSTOMER, |c| {
            Box::pin(web::request_erasure(c.app, c.lang, c.caller, c.now, c.entropy))
        }),
        page(Get, "/portal/invoices", CUSTOMER, |c| {
            Box::pin(web::invoices_page(c.app, c.lang, c.caller))
        }),
        page(Get, "/portal/invoices/{invoice_id}", CUSTOMER, |c| {
            Box::pin(web::invoice_page(c.app, c.lang, c.caller, c.param(0)))
        }),
        page(Get, "/portal/invoices/{invoice_id}/xml", CUSTOMER, |c| {
            Box::pin(web::invoice_xml(c.app, c.lang, c.caller, c.param(0)))
        }),
        // ---- partners' pages ---------------------------------------------------
        page(Get, "/partner/sign-in", PUBLIC, |c| {
            Box::pin(async { Ok(web::PARTNER_SIGN_IN.page(c.lang, c.request).into()) })
        }),
        page(Post, "/partner/sign-in", PUBLIC, |c| {
            Box::pin(web::PARTNER_SIGN_IN.sign_in(c.app, c.lang, c.request, c.now, c.entropy))
        }),
        page(Get, "/partner", PARTNER, |c| {
            Box::pin(web::partner(c.app, c.request, c.caller, c.lang, c.now, c.entropy))
        }),
        page(Post, "/partner/activations", TECHNICIAN, |c| {
            Box::pin(web::partner_activate(
                c.app, c.request, c.caller, c.lang, c.now, c.entropy,
            ))
        }),
        page(
            Post,
            "/partner/activations/{activation_id}/deactivate",
            TECHNICIAN,
            |c| Box::pin(web::partner_deactivate(c.app, c.caller, c.lang, c.param(0), c.now, c.entropy)),
        ),
        page(Post, "/partner/sups", RESELLER, |c| {
            Box::pin(web::sell_sups(c.app, c.request, c.caller, c.lang, c.now, c.entropy))
        }),
    ]
}

/// The rows of Spica's staff: the desk Worker's (its pages and the staff's
/// API).
#[cfg(feature = "desk")]
fn desk_rows<D: Database, P: PaymentProvider>() -> Vec<Route<Handler<D, P>>> {
    use crate::app::ClaimAction;
    use incidents::SessionCall;
    vec![
        // ---- the desk's directory (issue 22, i22-k2): search, one customer --------
        api(Get, "/api/staff/organisations", STAFF, |c| {
            Box::pin(api::directory::search(c.app, c.request, c.caller))
        })
        .query::<crate::api::queries::OrganisationsQuery>()
        .answers::<api::directory::OrganisationsFoundAnswer>(200, "The organisations found, best first"),
        api(Get, "/api/staff/organisations/{organisation_id}", STAFF, |c| {
            Box::pin(api::directory::organisation(c.app, c.caller, c.param(0), c.now))
        })
        .answers::<api::directory::OrganisationFileAnswer>(200, "One customer's file"),
        api(Get, "/api/staff/orders", FINANCE, |c| {
            Box::pin(api::directory::orders(c.app, c.request, c.caller, c.now))
        })
        .query::<crate::api::queries::OrdersQuery>()
        .answers::<api::directory::OrderCandidatesAnswer>(200, "Orders a bank entry may pay, newest first"),
        page(Get, "/desk/organisations", STAFF, |c| {
            Box::pin(web::organisations_page(c.app, c.request, c.caller))
        }),
        page(Get, "/desk/organisations/{organisation_id}", STAFF, |c| {
            let lang = web::DeskLanguage::of(c.request);
            Box::pin(web::organisation_page(c.app, c.caller, c.param(0), lang, c.now, c.entropy))
        }),
        // ---- issue 22 (k1): incidents the desk opens for people who phoned ----
        api(Post, "/api/staff/organisations/{organisation_id}/incidents", AGENT, |c| {
            Box::pin(incidents::open_for_caller(
                c.app, c.request, c.caller, c.param(0), c.now, c.entropy,
            ))
        })
        .takes::<crate::api::queries::CallerIncidentRequest>()
        .answers::<incidents::IncidentAnswer>(201, "Opened for the caller as if they had raised it now; the same key and request again answer the same, with Idempotent-Replayed: true"),
        page(Get, "/desk/organisations/{organisation_id}/incidents/new", AGENT, |c| {
            let lang = web::DeskLanguage::of(c.request);
            Box::pin(web::caller_incident_page(c.app, c.caller, c.param(0), lang, c.entropy))
        }),
        page(Post, "/desk/organisations/{organisation_id}/incidents/new", AGENT, |c| {
            Box::pin(web::open_caller_incident(
                c.app, c.request, c.caller, c.param(0), c.now, c.entropy,
            ))
        }),
        // ---- staff's API -------------------------------------------------------
        api(Get, "/api/staff/outbox", AGENT, |c| {
            Box::pin(api::staff::outbox(c.app, c.request, c.caller))
        })
        .query::<crate::api::queries::OutboxQuery>()
        .answers::<api::staff::OutboxAnswer>(200, "The outbox's messages, newest first"),
        api(Get, "/api/staff/audit", ADMIN, |c| {
            Box::pin(api::staff::audit(c.app, c.request, c.caller))
        })
        .query::<crate::api::queries::AuditQuery>()
        .answers::<api::staff::AuditAnswer>(200, "The audit log, newest first"),
        api(Get, "/api/staff/members", ADMIN, |c| {
            Box::pin(api::staff::members(c.app, c.caller))
        })
        .answers::<api::staff::MembersAnswer>(200, "The staff list"),
        api(Post, "/api/staff/members", ADMIN, |c| {
            Box::pin(api::staff::add_member(
                c.app, c.request, c.caller, c.now, c.entropy,
            ))
        })
        .answers::<api::staff::MemberAnswer>(201, "Added"),
        api(Patch, "/api/staff/members/{member_id}", ADMIN, |c| {
            Box::pin(api::staff::change_member(
                c.app,
                c.request,
                c.caller,
                c.param(0),
                c.now,
            ))
        })
        .answers::<api::staff::MemberAnswer>(200, "Changed"),
        api(Post, "/api/staff/bank-statements", FINANCE, |c| {
            Box::pin(coupons::bank_statement(
                c.app, c.request, c.caller, c.now, c.entropy,
            ))
        })
        .large_bodies()
        .takes_media("application/xml")
        .takes_media("text/csv")
        .answers::<coupons::StatementReportAnswer>(200, "Imported: each entry's outcome"),
        api(Get, "/api/staff/bank-entries", FINANCE, |c| {
            Box::pin(coupons::unmatched_entries(c.app, c.caller))
        })
        .answers::<coupons::BankEntriesAnswer>(200, "The unmatched bank entries, oldest first"),
        api(
            Post,
            "/api/staff/bank-entries/{entry_id}/match",
            FINANCE,
            |c| {
                Box::pin(coupons::match_entry(
                    c.app,
                    c.request,
                    c.caller,
                    c.param(0),
                    c.now,
                    c.entropy,
                ))
            },
        )
        .answers::<coupons::BankEntryLineAnswer>(200, "Matched: what the entry did to the order"),
        api(Get, "/api/staff/tasks", FINANCE, |c| {
            Box::pin(coupons::staff_tasks(c.app, c.request, c.caller))
        })
        .query::<crate::api::queries::TasksQuery>()
        .answers::<coupons::TasksAnswer>(200, "The tasks"),
        api(Post, "/api/staff/tasks/{task_id}/resolve", FINANCE, |c| {
            Box::pin(coupons::resolve_task(
                c.app,
                c.request,
                c.caller,
                c.param(0),
                c.now,
            ))
        })
        .answers::<coupons::TaskAnswer>(200, "Resolved"),
        api(Get, "/api/staff/invoices", FINANCE, |c| {
            Box::pin(invoices::staff_list(c.app, c.request, c.caller))
        })
        .query::<crate::api::queries::InvoicesQuery>()
        .answers::<invoices::IssuedInvoicesAnswer>(200, "The period's invoices and credit notes, or with format=csv the accountant's file")
        .also_as("text/csv"),
        api(Post, "/api/staff/orders/{order_id}/settle", FINANCE, |c| {
            Box::pin(coupons::settle_order(
                c.app,
                c.request,
                c.caller,
                c.param(0),
                c.now,
                c.entropy,
            ))
        })
        .answers::<coupons::SettledOrderAnswer>(200, "Settled"),
        api(
            Post,
            "/api/staff/customers/{customer_id}/adjustments",
            FINANCE,
            |c| {
                Box::pin(coupons::adjust(
                    c.app,
                    c.request,
                    c.caller,
                    c.param(0),
                    c.now,
                    c.entropy,
                ))
            },
        )
        .answers::<crate::app::AdjustedBalance>(201, "Adjusted; the same key and request again answers the same, with Idempotent-Replayed: true"),
        api(Get, "/api/staff/incidents", AGENT, |c| {
            Box::pin(incidents::queue(c.app, c.request, c.caller, c.now))
        })
        .query::<crate::api::queries::IncidentsQuery>()
        .answers::<incidents::QueueAnswer>(200, "One view of the desk's queue: open ones nearest deadline first, closed ones most recently closed first, a page of them"),
        api(Get, "/api/staff/incidents/{incident_id}", AGENT, |c| {
            Box::pin(incidents::get_staff(c.app, c.caller, c.param(0)))
        })
        .answers::<incidents::DeskIncidentAnswer>(200, "The incident with its timeline and the attempts' internal notes"),
        api(
            Post,
            "/api/staff/incidents/{incident_id}/callback-attempts",
            AGENT,
            |c| {
                Box::pin(incidents::attempt(
                    c.app,
                    c.request,
                    c.caller,
                    c.param(0),
                    c.now,
                    c.entropy,
                ))
            },
        )
        .takes::<crate::api::queries::AttemptRequest>()
        .answers::<incidents::AttemptRecordedAnswer>(201, "Recorded: the incident's status after it"),
        api(
            Post,
            "/api/staff/incidents/{incident_id}/sessions",
            AGENT,
            |c| {
                Box::pin(incidents::session(
                    c.app,
                    c.request,
                    c.caller,
                    c.param(0),
                    SessionCall::Log,
                    c.now,
                    c.entropy,
                ))
            },
        )
        .takes::<crate::api::queries::SessionRequest>()
        .answers::<incidents::SessionsChargedAnswer>(201, "Logged and charged: the incident's time and charge"),
        api(
            Put,
            "/api/staff/incidents/{incident_id}/sessions/{session_id}",
            AGENT,
            |c| {
                let call = SessionCall::Correct(c.param(1));
                Box::pin(incidents::session(
                    c.app,
                    c.request,
                    c.caller,
                    c.param(0),
                    call,
                    c.now,
                    c.entropy,
                ))
            },
        )
        .takes::<crate::api::queries::SessionRequest>()
        .answers::<incidents::SessionsChargedAnswer>(200, "Corrected: the difference charged or credited back"),
        api(
            Delete,
            "/api/staff/incidents/{incident_id}/sessions/{session_id}",
            AGENT,
            |c| {
                let call = SessionCall::Delete(c.param(1));
                Box::pin(incidents::session(
                    c.app,
                    c.request,
                    c.caller,
                    c.param(0),
                    call,
                    c.now,
                    c.entropy,
                ))
            },
        )
        .answers::<incidents::SessionsChargedAnswer>(200, "Deleted: its charge credited back"),
        api(
            Post,
            "/api/staff/incidents/{incident_id}/messages",
            AGENT,
            |c| {
                Box::pin(incidents::staff_message(
                    c.app,
                    c.request,
                    c.caller,
                    c.param(0),
                    c.now,
                    c.entropy,
                ))
            },
        )
        .takes::<crate::api::queries::StaffMessageRequest>()
        .answers::<incidents::MessageSentAnswer>(201, "Sent: the customer is emailed"),
        // ---- issue 22 (k1): an agent takes an incident ("mine") ----
        api(Post, "/api/staff/incidents/{incident_id}/take", AGENT, |c| {
            Box::pin(incidents::take(c.app, c.caller, c.param(0)))
        })
        .answers::<incidents::IncidentAnswer>(200, "Taken: the incident is the caller's"),
        page(Post, "/desk/incidents/{incident_id}/take", AGENT, |c| {
            Box::pin(web::take_incident(c.app, c.caller, c.param(0), c.lang))
        }),
        api(
            Post,
            "/api/staff/incidents/{incident_id}/close",
            AGENT,
            |c| {
                Box::pin(incidents::close(
                    c.app,
                    c.request,
                    c.caller,
                    c.param(0),
                    c.now,
                    c.entropy,
                ))
            },
        )
        .takes::<crate::api::queries::CloseRequest>()
        .answers::<incidents::IncidentAnswer>(200, "Closed: the statement is emailed"),
        // ---- attachments (issue 22): the desk's ----------------------------------
        api(Post, "/api/staff/incidents/{incident_id}/attachments", AGENT, |c| {
            Box::pin(attachments::upload(
                c.app, c.request, c.caller, c.param(0), true, c.now, c.entropy,
            ))
        })
        .attachment_bodies()
        .summary("Attaches a file to an open incident (multipart/form-data, part `file`)")
        .takes_media("multipart/form-data")
        .answers::<attachments::AttachmentAnswer>(201, "Attached: 413 beyond 10 MiB, 422 `file` for a type not taken"),
        api(Get, "/api/staff/incidents/{incident_id}/attachments/{attachment_id}", AGENT, |c| {
            Box::pin(attachments::download(c.app, c.caller, c.param(0), c.param(1), true))
        })
        .file_answer("The file, as an attachment (Content-Disposition, X-Content-Type-Options: nosniff)"),
        api(Post, "/api/staff/licenses", ADMIN, |c| {
            Box::pin(licensing::import_licenses(
                c.app, c.request, c.caller, c.now,
            ))
        })
        .takes_media("application/json")
        .takes_media("text/csv")
        .answers::<licensing::ImportReportAnswer>(200, "What became of each row"),
        api(Put, "/api/staff/licenses/{serial}/holder", ADMIN, |c| {
            Box::pin(organisations::set_holder(
                c.app,
                c.request,
                c.caller,
                c.param(0),
                c.now,
                c.entropy,
            ))
        })
        .answers::<organisations::HolderAnswer>(200, "The organisation holds the license"),
        api(Post, "/api/staff/partners", ADMIN, |c| {
            Box::pin(async move {
                let p = c.principal().await?;
                licensing::create_partner(c.app, c.request, &p, c.now, c.entropy).await
            })
        })
        .answers::<licensing::PartnerCreatedAnswer>(201, "Added: its API key is shown this once"),
        api(
            Post,
            "/api/staff/partners/{partner_id}/revoke",
            ADMIN,
            |c| {
                Box::pin(licensing::revoke_partner(
                    c.app,
                    c.caller,
                    c.param(0),
                    c.now,
                ))
            },
        )
        .answers::<licensing::PartnerRevokedAnswer>(200, "Revoked: its key opens nothing any more"),
        api(Post, "/api/staff/releases", ADMIN, |c| {
            Box::pin(async move {
                licensing::add_release(c.app, c.request, &c.principal().await?).await
            })
        })
        .answers::<licensing::ReleaseAnswer>(201, "Recorded (or corrected)"),
        api(Get, "/api/staff/license-claims", ADMIN, |c| {
            Box::pin(organisations::claims(c.app, c.caller))
        })
        .answers::<organisations::ClaimsAnswer>(200, "The claims waiting for staff"),
        api(
            Post,
            "/api/staff/license-claims/{claim_id}/resolve",
            ADMIN,
            |c| {
                Box::pin(licensing::resolve_claim(
                    c.app,
                    c.request,
                    c.caller,
                    c.param(0),
                    c.now,
                    c.entropy,
                ))
            },
        )
        .answers::<licensing::ClaimResolvedAnswer>(200, "Assigned: the claimant's organisation holds the license"),
        api(
            Post,
            "/api/staff/license-claims/{claim_id}/assign",
            ADMIN,
            |c| {
                Box::pin(organisations::claim(
                    c.app,
                    c.request,
                    c.caller,
                    c.param(0),
                    ClaimAction::Assign,
                    c.now,
                    c.entropy,
                ))
            },
        )
        .answers::<organisations::ClaimDecisionAnswer>(200, "Assigned: the claimant's organisation holds the license"),
        api(
            Post,
            "/api/staff/license-claims/{claim_id}/join",
            ADMIN,
            |c| {
                Box::pin(organisations::claim(
                    c.app,
                    c.request,
                    c.caller,
                    c.param(0),
                    ClaimAction::Join,
                    c.now,
                    c.entropy,
                ))
            },
        )
        .answers::<organisations::ClaimDecisionAnswer>(200, "The holder's contacts are asked by email to take the claimant in"),
        api(
            Post,
            "/api/staff/license-claims/{claim_id}/refuse",
            ADMIN,
            |c| {
                Box::pin(organisations::claim(
                    c.app,
                    c.request,
                    c.caller,
                    c.param(0),
                    ClaimAction::Refuse,
                    c.now,
                    c.entropy,
                ))
            },
        )
        .answers::<organisations::ClaimDecisionAnswer>(200, "Refused: the claimant is told why"),
        api(
            Delete,
            "/api/staff/customers/{customer_id}/contacts/{contact_id}",
            ADMIN,
            |c| {
                Box::pin(organisations::remove(
                    c.app,
                    c.caller,
                    Some(c.param(0)),
                    c.param(1),
                    c.now,
                ))
            },
        )
        .answers::<organisations::ContactRemovedAnswer>(200, "Removed: the contact signs in no more"),
        // Admins: they keep the customers' contacts (removal above); agents
        // only read customers, finance keeps the money.
        api(
            Post,
            "/api/staff/contacts/{contact_id}/erasure",
            ADMIN,
            |c| {
                Box::pin(api::privacy::erase(
                    c.app,
                    c.caller,
                    c.param(0),
                    c.now,
                    c.entropy,
                ))
            },
        )
        .answers::<api::privacy::ErasedAnswer>(200, "Erased, now or before"),
        api(Get, "/api/staff/bulletins", ADMIN, |c| {
            Box::pin(bulletins::list(c.app, c.caller))
        })
        .answers::<bulletins::BulletinsAnswer>(200, "The bulletins, newest first, with their sending's counts"),
        api(Post, "/api/staff/bulletins", ADMIN, |c| {
            Box::pin(async move {
                let p = c.principal().await?;
                bulletins::publish(c.app, c.request, &p, c.now, c.entropy).await
            })
        })
        .answers::<bulletins::PublishedAnswer>(202, "Published: the emails go out in the background"),
        // ---- the desk ----------------------------------------------------------
        page(Get, "/desk/sign-in", PUBLIC, |c| {
            Box::pin(async { Ok(web::DESK_SIGN_IN.page(c.lang, c.request).into()) })
        }),
        page(Post, "/desk/sign-in", PUBLIC, |c| {
            Box::pin(web::DESK_SIGN_IN.sign_in(c.app, c.lang, c.request, c.now, c.entropy))
        }),
        page(Get, "/desk", STAFF, |c| {
            Box::pin(web::incidents_page(c.app, c.request, c.caller, c.now))
        }),
        page(Get, "/desk/incidents/{incident_id}", AGENT, |c| {
            let lang = web::DeskLanguage::of(c.request);
            Box::pin(web::desk_incident(c.app, c.caller, c.param(0), lang, c.now))
        }),
        page(Post, "/desk/incidents/{incident_id}/attempts", AGENT, |c| {
            Box::pin(web::desk_action(
                c.app,
                c.request,
                c.caller,
                c.param(0),
                "attempts",
                c.now,
                c.entropy,
            ))
        }),
        page(Post, "/desk/incidents/{incident_id}/sessions", AGENT, |c| {
            Box::pin(web::desk_action(
                c.app,
                c.request,
                c.caller,
                c.param(0),
                "sessions",
                c.now,
                c.entropy,
            ))
        }),
        page(
            Post,
            "/desk/incidents/{incident_id}/sessions/{session_id}",
            AGENT,
            |c| {
                let action = format!("correct:{}", c.param(1));
                Box::pin(async move {
                    web::desk_action(
                        c.app,
                        c.request,
                        c.caller,
                        c.param(0),
                        &action,
                        c.now,
                        c.entropy,
                    )
                    .await
                })
            },
        ),
        page(Post, "/desk/incidents/{incident_id}/phone/start", AGENT, |c| {
            Box::pin(web::desk_action(
                c.app,
                c.request,
                c.caller,
                c.param(0),
                "phone/start",
                c.now,
                c.entropy,
            ))
        }),
        page(Post, "/desk/incidents/{incident_id}/phone/stop", AGENT, |c| {
            Box::pin(web::desk_action(
                c.app,
                c.request,
                c.caller,
                c.param(0),
                "phone/stop",
                c.now,
                c.entropy,
            ))
        }),
        page(Post, "/desk/incidents/{incident_id}/phone/discard", AGENT, |c| {
            Box::pin(web::desk_action(
                c.app,
                c.request,
                c.caller,
                c.param(0),
                "phone/discard",
                c.now,
                c.entropy,
            ))
        }),
        page(Post, "/desk/incidents/{incident_id}/messages", AGENT, |c| {
            Box::pin(web::desk_action(
                c.app,
                c.request,
                c.caller,
                c.param(0),
                "messages",
                c.now,
                c.entropy,
            ))
        }),
        page(Post, "/desk/incidents/{incident_id}/close", AGENT, |c| {
            Box::pin(web::desk_action(
                c.app,
                c.request,
                c.caller,
                c.param(0),
                "close",
                c.now,
                c.entropy,
            ))
        }),
        // ---- attachments (issue 22): the desk's incident page -----------------
        page(Post, "/desk/incidents/{incident_id}/attachments", AGENT, |c| {
            Box::pin(web::attach_from_page(
                c.app, c.request, c.caller, c.lang, c.param(0), true, c.now, c.entropy,
            ))
        })
        .attachment_bodies(),
        page(Get, "/desk/incidents/{incident_id}/attachments/{attachment_id}", AGENT, |c| {
            Box::pin(web::attachment_download_page(c.app, c.caller, c.lang, c.param(0), c.param(1), true))
        }),
        page(Get, "/desk/statements", FINANCE, |c| {
            Box::pin(web::statements_page(c.app, c.request, c.caller, c.lang))
        }),
        page(Post, "/desk/statements", FINANCE, |c| {
            Box::pin(web::upload_statement(
                c.app, c.request, c.caller, c.now, c.entropy,
                c.lang,
            ))
        })
        .large_bodies(),
        page(Post, "/desk/bank-entries/{entry_id}/match", FINANCE, |c| {
            Box::pin(web::match_entry(
                c.app,
                c.request,
                c.caller,
                c.param(0),
                c.now,
                c.entropy,
                c.lang,
            ))
        }),
        page(Get, "/desk/outbox", AGENT, |c| {
            Box::pin(web::outbox_page(c.app, c.caller, web::DeskLanguage::of(c.request)))
        }),
        page(Get, "/desk/claims", ADMIN, |c| {
            Box::pin(web::claims_page(c.app, c.caller, c.lang))
        }),
        page(Post, "/desk/claims/{claim_id}/assign", ADMIN, |c| {
            Box::pin(web::decide_claim(
                c.app,
                c.request,
                c.caller,
                c.param(0),
                ClaimAction::Assign,
                c.now,
                c.entropy,
                c.lang,
            ))
        }),
        page(Post, "/desk/claims/{claim_id}/join", ADMIN, |c| {
            Box::pin(web::decide_claim(
                c.app,
                c.request,
                c.caller,
                c.param(0),
                ClaimAction::Join,
                c.now,
                c.entropy,
                c.lang,
            ))
        }),
        page(Post, "/desk/claims/{claim_id}/refuse", ADMIN, |c| {
            Box::pin(web::decide_claim(
                c.app,
                c.request,
                c.caller,
                c.param(0),
                ClaimAction::Refuse,
                c.now,
                c.entropy,
                c.lang,
            ))
        }),
        page(Get, "/desk/audit", ADMIN, |c| {
            Box::pin(web::audit_page(c.app, c.request, c.caller, c.lang))
        }),
        page(Get, "/desk/tasks", FINANCE, |c| {
            Box::pin(web::tasks_page(c.app, c.caller, c.lang))
        }),
        page(Post, "/desk/tasks/{task_id}/resolve", FINANCE, |c| {
            Box::pin(web::resolve_task(
                c.app,
                c.request,
                c.caller,
                c.param(0),
                c.now,
                c.lang,
            ))
        }),
        page(Post, "/desk/orders/{order_id}/settle", FINANCE, |c| {
            Box::pin(web::settle_order(
                c.app,
                c.request,
                c.caller,
                c.param(0),
                c.now,
                c.entropy,
                c.lang,
            ))
        }),
        page(Get, "/desk/adjustments", FINANCE, |c| {
            Box::pin(async move {
                web::adjustments_page(&c.principal().await?, c.request, c.entropy, c.lang)
            })
        }),
        page(Post, "/desk/adjustments", FINANCE, |c| {
            Box::pin(web::adjust(c.app, c.request, c.caller, c.now, c.entropy, c.lang))
        }),
        page(Get, "/desk/invoices", FINANCE, |c| {
            Box::pin(web::desk_invoices_page(c.app, c.lang, c.request, c.caller, c.now))
        }),
        page(Get, "/desk/invoices.csv", FINANCE, |c| {
            Box::pin(web::desk_invoices_csv(c.app, c.request, c.caller))
        }),
        page(Get, "/desk/partners", ADMIN, |c| {
            Box::pin(web::partners_page(c.app, c.caller, c.lang))
        }),
        page(Post, "/desk/partners", ADMIN, |c| {
            Box::pin(web::create_partner(
                c.app, c.request, c.caller, c.now, c.entropy,
                c.lang,
            ))
        }),
        page(Post, "/desk/partners/{partner_id}/revoke", ADMIN, |c| {
            Box::pin(web::revoke_partner(c.app, c.caller, c.param(0), c.now, c.lang))
        }),
        page(Get, "/desk/licenses", ADMIN, |c| {
            Box::pin(async move { web::licenses_page(&c.principal().await?, c.lang) })
        }),
        page(Post, "/desk/licenses", ADMIN, |c| {
            Box::pin(web::import_licenses(c.app, c.request, c.caller, c.now, c.lang))
        }),
        page(Get, "/desk/releases", ADMIN, |c| {
            Box::pin(web::releases_page(c.app, c.caller, c.lang))
        }),
        page(Post, "/desk/releases", ADMIN, |c| {
            Box::pin(web::add_release(c.app, c.request, c.caller, c.lang))
        }),
        page(Get, "/desk/bulletins", ADMIN, |c| {
            Box::pin(web::desk_page(c.app, c.caller, c.lang))
        }),
        page(Post, "/desk/bulletins", ADMIN, |c| {
            Box::pin(async move {
                let p = c.principal().await?;
                web::desk_publish(c.app, c.request, &p, c.now, c.entropy, c.lang).await
            })
        }),
        page(Get, "/desk/health", ADMIN, |c| {
            let lang = web::DeskLanguage::of(c.request);
            Box::pin(web::health_page(c.app, c.caller, lang, c.now))
        }),
        page(Post, "/desk/health/emails/{outbox_id}/resend", ADMIN, |c| {
            Box::pin(web::resend_email(c.app, c.caller, c.param(0), c.lang, c.now, c.entropy))
        }),
        page(Post, "/desk/health/emails/{outbox_id}/close", ADMIN, |c| {
            Box::pin(web::close_email(c.app, c.caller, c.param(0), c.lang, c.now))
        }),
        // ---- the staff list and each member's language (issue 23) ------------
        page(Get, "/desk/staff", ADMIN, |c| {
            Box::pin(web::staff_page(c.app, c.caller, web::DeskLanguage::of(c.request)))
        }),
        page(Post, "/desk/staff/{member_id}/language", ADMIN, |c| {
            Box::pin(web::set_staff_language(c.app, c.request, c.caller, c.param(0), c.now))
        }),
    ]
}

// ---- what the OpenAPI document says of a row (see `super::doc`) ----------

#[cfg(not(target_arch = "wasm32"))]
impl<H> Route<H> {
    /// What the route does, in a line.
    pub(super) fn summary(mut self, summary: &'static str) -> Self {
        self.doc.summary = summary;
        self
    }

    /// A JSON body of type `T`.
    pub(super) fn takes<T: utoipa::ToSchema>(mut self) -> Self {
        self.doc
            .body
            .push(("application/json", Some(super::doc::schema_of::<T>)));
        self
    }

    /// A body of another media type, read as text.
    pub(super) fn takes_media(mut self, media_type: &'static str) -> Self {
        self.doc.body.push((media_type, None));
        self
    }

    /// Its query parameters, as the fields of `T`.
    pub(super) fn query<T: utoipa::IntoParams>(mut self) -> Self {
        self.doc.query = Some(super::doc::params_of::<T>);
        self
    }

    /// A JSON answer of type `T` with this status.
    pub(super) fn answers<T: utoipa::ToSchema>(
        mut self,
        status: u16,
        description: &'static str,
    ) -> Self {
        self.doc.answers.push(super::doc::Answer {
            status,
            description,
            content: vec![("application/json", Some(super::doc::schema_of::<T>))],
        });
        self
    }

    /// The same answer in another media type too (`text/csv`,
    /// `application/xml`), chosen by a query parameter or `Accept`.
    pub(super) fn also_as(mut self, media_type: &'static str) -> Self {
        if let Some(last) = self.doc.answers.last_mut() {
            last.content.push((media_type, None));
        }
        self
    }

    /// An answer without a body of ours (a redirect).
    pub(super) fn answers_bare(mut self, status: u16, description: &'static str) -> Self {
        self.doc.answers.push(super::doc::Answer {
            status,
            description,
            content: Vec::new(),
        });
        self
    }

    pub(super) fn withholds_links(mut self) -> Self {
        self.doc.withholds_links = true;
        self
    }

    /// A 200 whose body is an attached file, in each type taken.
    pub(super) fn file_answer(mut self, description: &'static str) -> Self {
        self = self.answers_bare(200, description);
        for kind in crate::domain::attachment::Kind::ALL {
            let media_type = kind.media_type();
            let listed =
                self.doc.answers.last().is_some_and(|answer| {
                    answer.content.iter().any(|(known, _)| *known == media_type)
                });
            if !listed {
                self = self.also_as(media_type);
            }
        }
        self
    }
}

/// In the Worker, the document's methods do nothing: the document is not
/// compiled in.
#[cfg(target_arch = "wasm32")]
#[allow(clippy::extra_unused_type_parameters)]
impl<H> Route<H> {
    pub(super) fn summary(self, _: &'static str) -> Self {
        self
    }
    pub(super) fn takes<T>(self) -> Self {
        self
    }
    pub(super) fn takes_media(self, _: &'static str) -> Self {
        self
    }
    pub(super) fn query<T>(self) -> Self {
        self
    }
    pub(super) fn answers<T>(self, _: u16, _: &'static str) -> Self {
        self
    }
    pub(super) fn also_as(self, _: &'static str) -> Self {
        self
    }
    pub(super) fn answers_bare(self, _: u16, _: &'static str) -> Self {
        self
    }
    pub(super) fn withholds_links(self) -> Self {
        self
    }
    pub(super) fn file_answer(self, _: &'static str) -> Self {
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Nowhere;

    /// A row in the other Worker's list would be answered 404 there, or
    /// carried in the wrong WASM: each list holds its audience's paths only.
    #[test]
    fn each_worker_has_the_rows_of_its_audience() {
        let front = front_rows::<Nowhere, Unconfigured>();
        let desk = desk_rows::<Nowhere, Unconfigured>();
        assert!(front.len() > 50 && desk.len() > 50);
        for (rows, audience) in [(&front, Audience::Front), (&desk, Audience::Desk)] {
            for row in rows.iter() {
                let path = row.pattern.replace(['{', '}'], "");
                assert_eq!(
                    Audience::of(&path),
                    audience,
                    "{} {:?}",
                    row.pattern,
                    row.method
                );
            }
        }
        assert_eq!(
            routes::<Nowhere, Unconfigured>().len(),
            front.len() + desk.len()
        );
    }

    #[test]
    fn the_desk_is_its_prefixes_and_no_lookalike() {
        for path in ["/desk", "/desk/", "/desk/incidents/x", "/api/staff/outbox"] {
            assert_eq!(Audience::of(path), Audience::Desk, "{path}");
        }
        for path in [
            "/",
            "/desktop",
            "/api/staffing",
            "/api/me",
            "/partner",
            "/api/staff",
        ] {
            assert_eq!(Audience::of(path), Audience::Front, "{path}");
        }
    }
}
