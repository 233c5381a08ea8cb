//! The use cases: each loads what it needs through the [`Store`] (typed
//! reads, `store::Query`, with the caller's own first: `App::read_as`), asks
//! the domain for a decision, and writes that decision in one batch. Time and
//! random bytes come in as arguments, so every use case runs natively in tests
//! against SQLite exactly as it runs in the Worker against D1.

mod attachments;
pub mod bulletins;
mod directory;
mod download;
pub mod error;
mod idempotency;
pub mod incidents;
pub mod input;
mod intake;
pub mod invoices;
mod ledger;
mod licensing;
pub mod live;
mod mail;
mod operations;
mod orders;
mod organisations;
mod payments;
mod principal;
pub mod privacy;
mod profile;
mod rate_limit;
mod reconciliation;
mod registration;
mod replies;
mod sessions;
mod staff;
mod sweep;
pub mod tasks;
mod vies;

pub use crate::domain::stripe::{CheckoutRequest, CheckoutSession};
pub use bulletins::{Published, BATCH as BULLETIN_BATCH};
pub use directory::{read_search, Found};
pub use download::Download;
pub use error::{
    AccessError, AppError, BillingError, IncidentsError, LicensingError, OperationsError, Problem,
    Reason,
};
pub use idempotency::{Answer, Idempotency};
pub use incidents::{
    AttemptInput, Charged, DeskQueue, NewIncident, QueuePage, Reply, SessionInput, Timeline,
};
pub use intake::{incident_of, CallerForm, CallerIncident};
pub use ledger::{AdjustedBalance, Adjustment, AdjustmentInput, Ledger, MAX_ADJUSTMENT_COUPONS};
pub use licensing::InstalledLicense;
pub use licensing::{
    coverage_of, license_rows, partner_record, require_reseller, Activation, Actor, ImportFormat,
    ImportReport, PartnerAccount, PartnerStatement, Release, SupsSale, SupsSold, Validation,
};
pub use mail::{Delivery, EmailRequest, MailSender, SendFailure, CLAIM_LEASE};
pub use operations::Health;
pub use orders::{BankAccount, PaymentProvider, PlacedOrder};
pub use organisations::{ClaimAction, ClaimDecision, Invited, Invitee, People};
pub use payments::{EventOutcome, Outcome as PaymentOutcome};
pub use principal::{
    Access, AccessKeys, CachedKeys, Caller, CertsSource, Credentials, CustomerPrincipal,
    PartnerNeed, Principal, StaffIdentity, BREAK_GLASS, SESSION_HOURS,
};
pub use profile::CustomerOverview;
pub use rate_limit::{FloodLimit, FLOOD_RETRY_AFTER_SECONDS};
pub use reconciliation::{Imported, Report, ReportLine, Upload};
pub use registration::{FreeCouponOutcome, Registered, Verified};
pub use replies::{InboundOutcome, Refusal};
pub use sessions::{AccessGrant, Profile};
pub use staff::MemberChange;
pub use tasks::TaskQueue;
pub use vies::{VatChecker, VatStanding, VatStatus};

use serde::{Deserialize, Serialize};

use crate::domain::token::SecretHash;
use crate::store::{Database, Store};

/// Settings read once at start-up, as typed values.
pub struct Config {
    /// The origin used in links in emails, such as `https://support.timeandspace.eu`.
    pub public_base_url: String,
    /// Where the public website's registration form lands after success.
    pub registration_thanks_url: String,
    /// Where the form is sent back to, with the errors in the query.
    pub registration_form_url: String,
    /// Where the website's support-request form is sent back to, with errors.
    pub support_form_url: String,
    /// The public website's origin, allowed to call the API from its pages (CORS).
    pub public_site_origin: Option<String>,
    /// The break-glass staff token (`STAFF_TOKEN`), by its hash only; unset
    /// in a production that relies on Access alone.
    pub staff_token: Option<SecretHash>,
    /// The Cloudflare Access application that asserts staff identities.
    pub access: Option<crate::domain::access::AccessPolicy>,
    /// This build's version, for `/healthz`.
    pub version: String,
    /// How long an unpaid order waits for its payment.
    pub order_lifetime: chrono::Duration,
    /// The account bank transfers go to; without it, no bank-transfer orders.
    pub bank_account: Option<BankAccount>,
    /// Stripe's webhook signing secrets (`whsec_…`), newest first.
    pub stripe_webhook_secrets: Vec<String>,
    /// Replies to incident emails taken by email; `None` without
    /// `REPLY_SECRET` and `INBOUND_EMAIL_DOMAIN`.
    pub reply_by_email: Option<crate::domain::reply::ReplyByEmail>,
    /// The callback promise: target, deadline and retry interval.
    pub sla: crate::domain::incident::Sla,
    /// Where new incidents and the callback timers are announced.
    pub support_desk_email: crate::domain::email::Email,
    /// The language of the desk's emails (`DESK_LANGUAGE`, Slovenian unless set).
    pub desk_language: crate::domain::language::Language,
    /// The vendor's own addresses (the desk, the sender, the inbound
    /// domain), which no customer may be invited or registered with.
    pub vendor_addresses: crate::domain::email::VendorAddresses,
    /// Activation-code keys, the current one first (`ACTIVATION_SECRET`).
    pub activation_keys: Vec<crate::domain::activation::ActivationKey>,
    /// Signs license files for offline installations (`LICENSE_SIGNING_KEY`).
    pub license_signer: Option<crate::domain::activation::LicenseSigner>,
    /// How long personal data are kept.
    pub retention: privacy::Retention,
    /// Where the seller is established (`SELLER_COUNTRY`): its rate applies
    /// to domestic buyers and to EU buyers without a confirmed VAT number.
    pub seller_country: crate::domain::country::Country,
    /// The vendor as its invoices name it (`SELLER_*`, `BANK_IBAN`, `BANK_BIC`).
    pub seller: crate::domain::invoice::Seller,
    /// Live support: the room's timings and the TURN key.
    pub live: live::LiveConfig,
}

impl Config {
    /// The support desk as its emails address it: its shared address, in
    /// its language.
    pub fn desk(&self) -> crate::domain::notification::Desk {
        crate::domain::notification::Desk {
            address: self.support_desk_email.clone(),
            language: self.desk_language,
        }
    }
}

/// Work to be done after the batch that asked for it commits. Queue messages
/// carry ids only; the consumer reads the current state from the database.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Job {
    DeliverEmail {
        outbox_id: String,
    },
    /// A timer of an incident's callback window, due at `due_at`.
    IncidentTimer {
        incident_id: String,
        timer: String,
        window: i64,
        attempt: i64,
        due_at: String,
    },
    /// The next batch of a bulletin's recipients.
    SendBulletin {
        bulletin_id: String,
    },
    /// Ask VIES about the customer's current VAT number.
    CheckVat {
        customer_id: String,
    },
}

impl Job {
    /// How long the queue should hold the message: a timer's wait, at most
    /// the queue's 12 hours a hop; an email goes at once.
    pub fn delay_seconds(&self, now: crate::domain::time::Instant) -> u32 {
        match self {
            Self::DeliverEmail { .. } | Self::SendBulletin { .. } | Self::CheckVat { .. } => 0,
            Self::IncidentTimer { due_at, .. } => crate::domain::time::parse(due_at)
                .map_or(0, |due| crate::domain::incident::next_hop_seconds(due, now)),
        }
    }

    /// The scheduled timer a message carries, if it is one and reads right.
    pub fn timer(&self) -> Option<(&str, crate::domain::incident::Scheduled)> {
        match self {
            Self::IncidentTimer {
                incident_id,
                timer,
                window,
                attempt,
                due_at,
            } => Some((
                incident_id,
                crate::domain::incident::Scheduled {
                    timer: crate::domain::incident::Timer::parse(timer)?,
                    window: *window,
                    attempt: *attempt,
                    due_at: crate::domain::time::parse(due_at)?,
                },
            )),
            Self::DeliverEmail { .. } | Self::SendBulletin { .. } | Self::CheckVat { .. } => None,
        }
    }
}

/// The refusal of a link the hourly quota withholds, asked for at `now`.
fn link_withheld(
    withheld: crate::domain::notification::Withheld,
    now: crate::domain::time::Instant,
) -> AppError {
    AppError::Access(AccessError::LinkWithheld {
        withheld,
        retry_after: withheld.retry_after(now),
    })
}

/// The minute a rate limit counts `now` in, and the seconds until the next.
fn rate_window(now: crate::domain::time::Instant) -> (crate::domain::time::Instant, u32) {
    let seconds = now.timestamp();
    let window = crate::domain::time::from_unix_millis(seconds / 60 * 60_000).unwrap_or(now);
    let retry_after = u32::try_from(60 - seconds.rem_euclid(60)).unwrap_or(60);
    (window, retry_after)
}

/// The app as one request's handlers use it: its round trips metered, and
/// staff's and partners' changes audited in the batches that make them.
pub type RequestApp<'a, D> = App<crate::store::Audited<'a, crate::store::Metered<'a, D>>>;

/// The portal's state and settings, whatever runs it.
pub struct App<D> {
    store: Store<D>,
    /// Shared, so that a request's audited view of the app costs no copy.
    pub config: std::sync::Arc<Config>,
}

impl<D: Database> App<D> {
    pub fn new(db: D, config: Config) -> Self {
        Self {
            store: Store::new(db),
            config: std::sync::Arc::new(config),
        }
    }

    /// The same app for one request whose every write batch also records
    /// `entry` in the audit log: the action and its audit row commit
    /// together or not at all.
    pub fn audited<'a>(
        &'a self,
        entry: &'a dyn Fn() -> Option<crate::store::AuditEntry>,
    ) -> App<crate::store::Audited<'a, D>> {
        App {
            store: Store::new(crate::store::Audited::new(self.store.db(), entry)),
            config: self.config.clone(),
        }
    }

    /// The same app for one request, counting and timing its round trips.
    pub fn metered(&self) -> App<crate::store::Metered<'_, D>> {
        App {
            store: Store::new(crate::store::Metered::new(self.store.db())),
            config: self.config.clone(),
        }
    }
}

impl<D: Database> App<crate::store::Metered<'_, D>> {
    /// The round trips this request made so far, and their time.
    pub fn round_trips(&self) -> crate::store::RoundTrips {
        self.store.db().round_trips()
    }
}

#[cfg(test)]
pub(crate) mod testing {
    //! A fresh application over an in-memory SQLite database for each test.

    use super::*;
    use crate::domain::entropy::Entropy;
    use crate::domain::time::{from_unix_millis, Instant};
    use crate::store::sqlite::Sqlite;

    pub fn app() -> App<Sqlite> {
        App::new(Sqlite::in_memory().expect("schema loads"), config())
    }

    /// The settings of every test application.
    pub fn config() -> Config {
        Config {
            public_base_url: "https://portal.test".into(),
            registration_thanks_url: "https://www.timeandspace.test/thanks".into(),
            registration_form_url: "https://www.timeandspace.test/register".into(),
            support_form_url: "https://www.timeandspace.test/support".into(),
            public_site_origin: Some("https://www.timeandspace.test".into()),
            staff_token: Some(SecretHash::of("staff")),
            access: None,
            version: "test".into(),
            order_lifetime: chrono::Duration::days(30),
            bank_account: Some(BankAccount {
                beneficiary: "Spica d.o.o.".into(),
                iban: crate::domain::bank::Iban::parse("SI56 1910 0000 0123 438").unwrap(),
                bic: crate::domain::bank::Bic::parse("BAKOSI2X").unwrap(),
            }),
            stripe_webhook_secrets: vec!["whsec_test".into()],
            reply_by_email: crate::domain::reply::ReplyByEmail::from_settings(
                Some("test reply secret, long enough"),
                Some("reply.spica.test"),
            ),
            sla: crate::domain::incident::Sla::default(),
            support_desk_email: crate::domain::email::Email::parse("desk@spica.test").unwrap(),
            desk_language: crate::domain::language::Language::En,
            vendor_addresses: crate::domain::email::VendorAddresses::from_settings(
                &crate::domain::email::Email::parse("desk@spica.test").unwrap(),
                "Spica Customer Support <support@spica.test>",
                Some("reply.spica.test"),
            ),
            activation_keys: crate::domain::activation::keys_from_setting(
                "1:test-activation-secret-1",
            )
            .unwrap(),
            license_signer: Some(
                crate::domain::activation::LicenseSigner::from_setting(&"07".repeat(32)).unwrap(),
            ),
            retention: privacy::Retention::default(),
            seller_country: crate::domain::country::Country::parse("SI").unwrap(),
            seller: crate::domain::invoice::Seller {
                party: crate::domain::invoice::Party {
                    name: "Spica d.o.o.".into(),
                    street: "Pot k sejmišču 33".into(),
                    postal_code: "1231".into(),
                    city: "Ljubljana".into(),
                    country: crate::domain::country::Country::parse("SI").unwrap(),
                    vat_id: Some("SI12345678".into()),
                },
                iban: "SI56 1910 0000 0123 438".into(),
                bic: "BAKOSI2X".into(),
            },
            live: live::LiveConfig::default(),
        }
    }

    pub fn now() -> Instant {
        from_unix_millis(1_795_000_000_000).unwrap()
    }

    pub fn entropy(n: u8) -> Entropy {
        Entropy::new([n; 32])
    }

    pub fn run<F: std::future::Future>(future: F) -> F::Output {
        pollster::block_on(future)
    }

    /// A stand-in for Stripe's Checkout API.
    pub struct StandInStripe;

    impl super::PaymentProvider for StandInStripe {
        async fn create_checkout_session(
            &self,
            request: &super::CheckoutRequest,
        ) -> Result<super::CheckoutSession, String> {
            Ok(super::CheckoutSession {
                id: format!("cs_{}", request.order_id),
                url: format!("https://checkout.test/{}", request.order_id),
            })
        }
    }

    /// An active contact of a new organisation that holds its license (the
    /// catalogue names it as the licensee), with its free coupon.
    pub fn customer(app: &App<Sqlite>, email: &str, seed: u8) -> super::CustomerPrincipal {
        use super::registration::tests::{registration, token_in_email};
        let serial = format!("TS-{seed}{email}").replace(['@', '.'], "");
        license(app, &serial, "Kovinar d.o.o.");
        let registered =
            run(app.register(registration(email, &serial), now(), &mut entropy(seed))).unwrap();
        run(app.verify_email(
            &token_in_email(app, email),
            now(),
            &mut entropy(seed.wrapping_add(100)),
        ))
        .unwrap();
        let contact = run(app.store.contacts_of(&registered.customer_id))
            .unwrap()
            .remove(0);
        run(app.principal(&contact.id)).unwrap()
    }

    /// A staff member, as the router would have verified them: an admin,
    /// since a caller made of a principal is held to no route's roles.
    pub fn staff_member() -> super::Caller {
        super::Caller::of(
            super::Principal::Staff(super::StaffIdentity {
                id: "stf_maja".into(),
                email: "maja@spica.test".into(),
                name: "Maja".into(),
                role: crate::domain::staff::StaffRole::Admin,
            }),
            now(),
        )
    }

    /// A license in the catalogue, sold to `licensee` in Slovenia.
    pub fn license(app: &App<Sqlite>, serial: &str, licensee: &str) {
        let row = crate::domain::license::LicenseRow {
            serial: Some(serial.into()),
            product: Some("Time & Space".into()),
            edition: Some("Pro".into()),
            version: Some("8.0".into()),
            list_price: Some("1234.50".into()),
            installations: Some("2".into()),
            licensee_name: Some(licensee.into()),
            licensee_country: Some("SI".into()),
            ..Default::default()
        };
        let staff = super::Caller::of(
            super::Principal::Staff(super::StaffIdentity {
                id: super::BREAK_GLASS.into(),
                email: super::BREAK_GLASS.into(),
                name: "Break-glass administrator".into(),
                role: crate::domain::staff::StaffRole::Admin,
            }),
            now(),
        );
        let (_, report) = run(app.import_licenses(&staff, vec![row], now())).unwrap();
        assert!(report.rejected.is_empty(), "{:?}", report.rejected);
    }
}

#[cfg(test)]
mod invariants;
