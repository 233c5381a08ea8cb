//! The profile: `PATCH /api/me`, the portal's `/portal/profile` page, and
//! the link that confirms a new email address (`/confirm-email`).

use serde_json::{Map, Value};

use super::decode;
use super::http::{Handled, Request, Response};
use super::Result;
use crate::app::{App, Caller};
use crate::domain::entropy::Entropy;
use crate::domain::field::{FieldErrors, Invalid};
use crate::domain::profile::ProfileChange;
use crate::domain::time::Instant;
use crate::store::Database;

/// What a JSON body may change, by its path: the shape of `GET /api/me`.
const CHANGEABLE: [(&str, &[&str]); 3] = [
    (
        "company",
        &["name", "street", "postal_code", "city", "country", "vat_id"],
    ),
    ("contact", &["name", "email", "phone"]),
    ("newsletter", &[]),
];

/// Every field of the body that is not changeable, as a read-only error.
fn read_only(object: &Map<String, Value>) -> FieldErrors {
    let mut errors = FieldErrors::default();
    let refuse = |errors: &mut FieldErrors, path: &str| {
        errors.push(path, Invalid::new("read_only", "cannot be changed here"));
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
    let mut input = decode::registration_json(&object);
    (input.serial, input.accept_terms) = (None, None);
    let change = match ProfileChange::parse(&input, &app.config.vendor_addresses) {
        Ok(change) if errors.is_empty() => change,
        Ok(_) => return Err(decode::invalid(errors)),
        Err(found) => {
            for error in found.into_list() {
                errors.push(&error.field, Invalid::new(error.code, error.detail));
            }
            return Err(decode::invalid(errors));
        }
    };
    let (overview, jobs) = app.change_profile_as(caller, &change, now, entropy).await?;
    let body = super::me_json(&overview, now);
    Ok(Handled::with_jobs(Response::json(200, &body), jobs))
}
