//! `POST /api/registrations` through `router::handle`, over a fresh in-memory
//! SQLite app per input, configured as the native test suite configures it
//! (tests/api/native.rs). Each input is posted twice, so the second request
//! also reaches the "already registered" paths. Any 5xx is a bug.

use spica_portal::http::{Method, Request};
use spica_portal::router;
use spica_portal::app::{
    App, BankAccount, CheckoutRequest, CheckoutSession, Config, PaymentProvider,
};
use spica_portal::domain::time::{from_unix_millis, Instant};
use spica_portal::domain::token::SecretHash;
use spica_portal::store::sqlite::Sqlite;

/// No card payments configured: registration never calls a provider.
pub enum NoProvider {}

impl PaymentProvider for NoProvider {
    async fn create_checkout_session(
        &self,
        _: &CheckoutRequest,
    ) -> Result<CheckoutSession, String> {
        match *self {}
    }
}

/// No Access issuer: the fuzzed route is public.
pub enum NoAccess {}

impl spica_portal::app::AccessKeys for NoAccess {
    async fn verify(&self, _: &str, _: &[u8], _: &[u8]) -> Result<bool, String> {
        match *self {}
    }
}

enum NoFlood {}

impl spica_portal::app::FloodLimit for NoFlood {
    async fn admits(&self, _: &str) -> bool {
        match *self {}
    }
}

const ACTIVATION_SECRET: &str = "2:fuzz-activation-secret-two,1:fuzz-activation-secret-one";
const LICENSE_SIGNING_KEY: &str =
    "4242424242424242424242424242424242424242424242424242424242424242";

fn app() -> App<Sqlite> {
    let config = Config {
        public_base_url: "https://portal.test".into(),
        registration_thanks_url: "https://www.timeandspace.test/thanks".into(),
        registration_form_url: "https://www.timeandspace.test/register".into(),
        support_form_url: "https://www.timeandspace.test/support".into(),
        public_site_origin: Some("https://www.timeandspace.test".into()),
        public_rate_limit: 30,
        staff_token: Some(SecretHash::of("fuzz-staff-token")),
        access: None,
        version: "fuzz".into(),
        order_lifetime: chrono::Duration::days(30),
        bank_account: Some(BankAccount {
            beneficiary: "Spica d.o.o.".into(),
            iban: "SI56 1910 0000 0123 438".into(),
            bic: "BAKOSI2X".into(),
        }),
        stripe_webhook_secrets: vec!["whsec_fuzz".into()],
        sla: spica_portal::domain::incident::Sla::default(),
        support_desk_email: spica_portal::domain::email::Email::parse("desk@timeandspace.test")
            .expect("a valid desk address"),
        vendor_addresses: spica_portal::domain::email::VendorAddresses::from_settings(
            &spica_portal::domain::email::Email::parse("desk@timeandspace.test")
                .expect("a valid desk address"),
            "Spica Customer Support <support@timeandspace.test>",
            Some("reply.timeandspace.test"),
        ),
        activation_keys: spica_portal::domain::activation::keys_from_setting(ACTIVATION_SECRET)
            .expect("valid activation keys"),
        license_signer: Some(
            spica_portal::domain::activation::LicenseSigner::from_setting(LICENSE_SIGNING_KEY)
                .expect("a valid signing key"),
        ),
    };
    App::new(Sqlite::in_memory().expect("an in-memory SQLite"), config)
}

/// Posts `body` with `content_type` twice to a fresh app; panics on a 5xx.
pub fn post_twice(content_type: &str, body: &[u8]) {
    let app = app();
    let now: Instant = from_unix_millis(1_795_000_000_000).expect("a valid instant");
    for attempt in 1..=2u8 {
        let request = Request {
            method: Method::Post,
            path: "/api/registrations".into(),
            query: String::new(),
            headers: vec![("content-type".into(), content_type.into())],
            body: body.to_vec(),
            oversized: false,
        };
        let mut seed = [0u8; 32];
        seed[0] = attempt;
        let handled =
            pollster::block_on(router::handle(&app, None::<&NoProvider>, None::<&NoAccess>, None::<&NoFlood>, request, now, seed));
        let status = handled.response.status;
        assert!(
            status < 500,
            "attempt {attempt}: {status} for a registration ({content_type}); log: {:?}; body: {}",
            handled.log,
            String::from_utf8_lossy(&handled.response.body)
        );
    }
}
