//! The Worker's settings, read from its variables and secrets once per
//! invocation into typed values.

use worker::Env;

use crate::app::{App, Config};
use crate::domain::token::SecretHash;

use super::d1::D1;

/// A variable or secret, empty counted as unset.
pub fn setting(env: &Env, name: &str) -> Option<String> {
    env.secret(name)
        .map(|s| s.to_string())
        .or_else(|_| env.var(name).map(|v| v.to_string()))
        .ok()
        .filter(|value| !value.trim().is_empty())
}

fn config(env: &Env) -> worker::Result<Config> {
    let public_base_url = setting(env, "PUBLIC_BASE_URL")
        .ok_or_else(|| worker::Error::RustError("PUBLIC_BASE_URL is not set".into()))?;
    let staff_token = setting(env, "STAFF_TOKEN")
        .ok_or_else(|| worker::Error::RustError("STAFF_TOKEN is not set".into()))?;
    let base = public_base_url.trim_end_matches('/').to_owned();
    Ok(Config {
        registration_thanks_url: setting(env, "REGISTRATION_THANKS_URL")
            .unwrap_or_else(|| format!("{base}/registered")),
        registration_form_url: setting(env, "REGISTRATION_FORM_URL")
            .unwrap_or_else(|| format!("{base}/register")),
        staff_token: SecretHash::of(&staff_token),
        version: env!("CARGO_PKG_VERSION").to_owned(),
        public_base_url: base,
    })
}

/// The application over this Worker's D1 database and settings.
pub fn app(env: &Env) -> worker::Result<App<D1>> {
    Ok(App::new(D1(env.d1("DB")?), config(env)?))
}
