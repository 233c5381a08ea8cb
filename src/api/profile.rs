//! The profile: `PATCH /api/me`, the portal's `/portal/profile` page, and
//! the link that confirms a new email address (`/confirm-email`).

use serde_json::{Map, Value};

use crate::http::decode;
use crate::http::Result;
use crate::http::{Handled, Request, Response};
use serde_json::json;

use super::{coupons, licensing};
use crate::app::{App, Caller, Profile};
use crate::domain::entropy::Entropy;
use crate::domain::field::{FieldErrors, Invalid};
use crate::domain::profile::ProfileChange;
use crate::domain::time::format;
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
    let mut input = crate::app::input::registration_json(&object);
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
    let body = me_json(&overview, now);
    Ok(Handled::with_jobs(Response::json(200, &body), jobs))
}

fn profile_json(profile: &Profile) -> serde_json::Value {
    let c = &profile.principal.customer;
    let p = &profile.principal.contact;
    json!({
        "customer_id": c.id,
        "status": c.status.as_str(),
        "serial": c.registered_serial,
        "company": {
            "name": c.company_name,
            "street": c.street,
            "postal_code": c.postal_code,
            "city": c.city,
            "country": c.country,
            "vat_id": c.vat_id,
        },
        "contact": {"contact_id": p.id, "name": p.name, "email": p.email, "phone": p.phone},
        "newsletter": p.newsletter,
        "pending_email": profile.pending_email,
        "created_at": format(c.created_at),
        "verified_at": c.verified_at.map(format),
        "coupon_balance": profile.coupon_balance,
        "minutes_available": profile.minutes_available,
    })
}

pub async fn me<D: Database>(app: &App<D>, caller: &Caller, now: Instant) -> Result<Handled> {
    let body = me_json(&app.overview(caller).await?, now);
    Ok(Response::json(200, &body).into())
}

/// The body of `GET /api/me`, also the answer of `PATCH /api/me`.
pub(crate) fn me_json(overview: &crate::app::CustomerOverview, now: Instant) -> serde_json::Value {
    let mut body = profile_json(&overview.profile);
    body["company"]["vat_status"] = overview.vat.status.map(|s| s.as_str()).into();
    body["company"]["vat_treatment"] = serde_json::json!({
        "category": overview.vat.decision.category.as_str(),
        "note": coupons::vat_note_json(overview.vat.decision.note),
    });
    body["licenses"] = licensing::licenses_json(&overview.records.licenses, now);
    body
}
