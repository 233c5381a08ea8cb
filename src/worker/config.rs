//! The Worker's settings, read from its variables and secrets once per
//! invocation into typed values.

use crate::domain::access::AccessPolicy;
use worker::Env;

use crate::app::{App, BankAccount, Config};
use crate::domain::activation;
use crate::domain::bank::{Bic, Iban};
use crate::domain::email::Email;
use crate::domain::incident::Sla;
use crate::domain::invoice::{Party, Seller};
use crate::domain::token::SecretHash;

use super::d1::D1;
use super::webcrypto::Ed25519Key;

/// A variable or secret, empty counted as unset.
pub fn setting(env: &Env, name: &str) -> Option<String> {
    env.secret(name)
        .map(|s| s.to_string())
        .or_else(|_| env.var(name).map(|v| v.to_string()))
        .ok()
        .filter(|value| !value.trim().is_empty())
}

/// Seconds from a variable, within sane bounds, or the default.
fn seconds(env: &Env, name: &str, default: chrono::Duration) -> chrono::Duration {
    setting(env, name)
        .and_then(|s| s.parse::<i64>().ok())
        .filter(|s| (1..=30 * 86_400).contains(s))
        .map_or(default, chrono::Duration::seconds)
}

/// The callback promise; tests shorten it to seconds.
fn sla(env: &Env) -> Sla {
    let default = Sla::default();
    Sla {
        target: seconds(env, "CALLBACK_TARGET_SECONDS", default.target),
        deadline: seconds(env, "CALLBACK_DEADLINE_SECONDS", default.deadline),
        retry: seconds(env, "CALLBACK_RETRY_SECONDS", default.retry),
    }
}

/// What the Worker does not serve without: the vendor's own values, for
/// which no default could stand in (the committed `wrangler.toml` has none).
/// `scripts/deploy-check.sh` reads this list, so that a deploy missing one
/// stops before it starts.
pub const REQUIRED_SETTINGS: [&str; 11] = [
    "PUBLIC_BASE_URL",
    "EMAIL_FROM",
    "SUPPORT_DESK_EMAIL",
    "BANK_BENEFICIARY",
    "BANK_IBAN",
    "BANK_BIC",
    "SELLER_NAME",
    "SELLER_STREET",
    "SELLER_POSTAL_CODE",
    "SELLER_CITY",
    "SELLER_VAT_ID",
];

/// The required settings' values, or an error naming every one missing, so
/// that the log says at once all that is to be set.
fn required(env: &Env) -> worker::Result<[String; REQUIRED_SETTINGS.len()]> {
    let values = REQUIRED_SETTINGS.map(|name| setting(env, name));
    let missing: Vec<&str> = REQUIRED_SETTINGS
        .iter()
        .zip(&values)
        .filter(|(_, value)| value.is_none())
        .map(|(name, _)| *name)
        .collect();
    if missing.is_empty() {
        Ok(values.map(Option::unwrap_or_default))
    } else {
        Err(worker::Error::RustError(format!(
            "required settings are not set: {}",
            missing.join(", ")
        )))
    }
}

/// The settings as the app's [`Config`]; the invoices' seller is the
/// vendor's required party data with the bank account transfers go to.
fn config(env: &Env) -> worker::Result<Config> {
    let [public_base_url, email_from, support_desk_email, beneficiary, iban, bic, name, street, postal_code, city, vat_id] =
        required(env)?;
    let base = public_base_url.trim_end_matches('/').to_owned();
    let setting_error = |name: &str, error: &dyn std::fmt::Display| {
        worker::Error::RustError(format!("{name} {error}"))
    };
    let iban = Iban::parse(&iban).map_err(|e| setting_error("BANK_IBAN", &e))?;
    let bic = Bic::parse(&bic).map_err(|e| setting_error("BANK_BIC", &e))?;
    let support_desk_email = Email::parse(&support_desk_email).map_err(|_| {
        worker::Error::RustError("SUPPORT_DESK_EMAIL is not an email address".into())
    })?;
    if crate::domain::email::sender_address(&email_from).is_none() {
        return Err(worker::Error::RustError(
            "EMAIL_FROM names no email address".into(),
        ));
    }
    let vendor_addresses = crate::domain::email::VendorAddresses::from_settings(
        &support_desk_email,
        &email_from,
        setting(env, "INBOUND_EMAIL_DOMAIN").as_deref(),
    );
    let seller_country = crate::domain::country::Country::parse(
        &setting(env, "SELLER_COUNTRY").unwrap_or_else(|| "SI".into()),
    )
    .ok()
    .filter(|country| crate::domain::vat::in_eu(*country))
    .ok_or_else(|| {
        worker::Error::RustError("SELLER_COUNTRY is not an EU member state's ISO code".into())
    })?;
    Ok(Config {
        registration_thanks_url: setting(env, "REGISTRATION_THANKS_URL")
            .unwrap_or_else(|| format!("{base}/registered")),
        registration_form_url: setting(env, "REGISTRATION_FORM_URL")
            .unwrap_or_else(|| format!("{base}/register")),
        support_form_url: setting(env, "SUPPORT_FORM_URL")
            .unwrap_or_else(|| format!("{base}/support")),
        public_site_origin: setting(env, "PUBLIC_SITE_ORIGIN")
            .map(|o| o.trim_end_matches('/').to_owned()),
        staff_token: setting(env, "STAFF_TOKEN").map(|token| SecretHash::of(&token)),
        access: match (
            setting(env, "ACCESS_TEAM_DOMAIN"),
            setting(env, "ACCESS_AUD"),
        ) {
            (Some(team_domain), Some(audience)) => Some(AccessPolicy {
                team_domain: team_domain.trim_end_matches('/').to_owned(),
                audience,
            }),
            _ => None,
        },
        version: env!("CARGO_PKG_VERSION").to_owned(),
        public_base_url: base,
        order_lifetime: chrono::Duration::days(
            setting(env, "ORDER_LIFETIME_DAYS")
                .and_then(|days| days.parse::<i64>().ok())
                .filter(|days| (1..=365).contains(days))
                .unwrap_or(crate::domain::order::DEFAULT_LIFETIME_DAYS),
        ),
        bank_account: Some(BankAccount {
            beneficiary,
            iban: iban.clone(),
            bic: bic.clone(),
        }),
        sla: sla(env),
        support_desk_email,
        desk_language: match setting(env, "DESK_LANGUAGE") {
            Some(code) => crate::domain::language::Language::parse(&code).map_err(|_| {
                worker::Error::RustError("DESK_LANGUAGE is neither sl nor en".into())
            })?,
            None => crate::domain::language::Language::Sl,
        },
        vendor_addresses,
        activation_keys: match setting(env, "ACTIVATION_SECRET") {
            Some(text) => activation::keys_from_setting(&text)
                .map_err(|e| worker::Error::RustError(format!("ACTIVATION_SECRET: {e}")))?,
            None => Vec::new(),
        },
        license_signer: match setting(env, "LICENSE_SIGNING_KEY") {
            Some(text) => Some(activation::LicenseSigner::new(Ed25519Key::new(
                activation::seed_from_setting(&text)
                    .map_err(|e| worker::Error::RustError(format!("LICENSE_SIGNING_KEY: {e}")))?,
            ))),
            None => None,
        },
        reply_by_email: crate::domain::reply::ReplyByEmail::from_settings(
            setting(env, "REPLY_SECRET").as_deref(),
            setting(env, "INBOUND_EMAIL_DOMAIN").as_deref(),
        ),
        stripe_webhook_secrets: setting(env, "STRIPE_WEBHOOK_SECRETS")
            .map(|list| {
                list.split(',')
                    .map(|s| s.trim().to_owned())
                    .filter(|s| !s.is_empty())
                    .collect()
            })
            .unwrap_or_default(),
        retention: retention(env),
        seller_country,
        seller: Seller {
            party: Party {
                name,
                street,
                postal_code,
                city,
                country: seller_country,
                vat_id: Some(vat_id),
            },
            iban: iban.grouped(),
            bic: bic.to_string(),
        },
        live: live(env),
    })
}

/// Live support's settings: the room's timings (within sane bounds, or the
/// defaults) and Cloudflare Realtime's TURN key, if both its parts are set.
pub fn live(env: &Env) -> crate::app::live::LiveConfig {
    use crate::domain::live::{Settings, DEFAULT_RECONNECT_GRACE_SECONDS, DEFAULT_RING_SECONDS};
    let seconds = |name: &str, default: u32| {
        setting(env, name)
            .and_then(|s| s.parse::<u32>().ok())
            .filter(|s| (1..=3600).contains(s))
            .unwrap_or(default)
    };
    crate::app::live::LiveConfig {
        room: Settings {
            ring_seconds: seconds("RING_SECONDS", DEFAULT_RING_SECONDS),
            reconnect_grace_seconds: seconds(
                "RECONNECT_GRACE_SECONDS",
                DEFAULT_RECONNECT_GRACE_SECONDS,
            ),
        },
        turn: match (
            setting(env, "TURN_KEY_ID"),
            setting(env, "TURN_KEY_API_TOKEN"),
        ) {
            (Some(key_id), Some(api_token)) => {
                Some(crate::app::live::TurnKey { key_id, api_token })
            }
            _ => None,
        },
        realtime_api_base: setting(env, "REALTIME_API_BASE")
            .map(|base| base.trim_end_matches('/').to_owned())
            .unwrap_or_else(|| crate::app::live::REALTIME_API_BASE.to_owned()),
    }
}

/// How long personal data are kept: each period a
/// setting in days, the default where unset or out of range.
fn retention(env: &Env) -> crate::app::privacy::Retention {
    let default = crate::app::privacy::Retention::default();
    let days = |name: &str, default: i64| {
        setting(env, name)
            .and_then(|days| days.parse::<i64>().ok())
            .filter(|days| crate::app::privacy::Retention::DAYS.contains(days))
            .unwrap_or(default)
    };
    crate::app::privacy::Retention {
        email_body_days: days("RETENTION_EMAIL_BODY_DAYS", default.email_body_days),
        unconfirmed_days: days("RETENTION_UNCONFIRMED_DAYS", default.unconfirmed_days),
    }
}

/// The application over this Worker's D1 database and settings.
pub fn app(env: &Env) -> worker::Result<App<D1>> {
    Ok(App::new(
        D1(env.d1("DB")?, env.bucket("ATTACHMENTS").ok()),
        config(env)?,
    ))
}
