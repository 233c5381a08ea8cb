//! An organisation's people (the contacts list, invitations, removal) and
//! the license claims staff decide: assign, ask the holder to take the
//! claimant in, refuse; and staff naming a license's holder.

use serde::Serialize;
use serde_json::{json, Map, Value};

use crate::app::input::Fields;
use crate::app::{App, AppError, Caller, ClaimDecision};
use crate::domain::email::{Email, VendorAddresses};
use crate::domain::entropy::Entropy;
use crate::domain::field::FieldErrors;
use crate::domain::phone::Phone;
use crate::domain::serial::SerialNumber;
use crate::domain::text::Text;
use crate::domain::time::{format, Instant};
use crate::http::decode;
use crate::http::Result;
use crate::http::{Handled, Request, Response};
use crate::store::{ContactRecord, Database, InvitationRecord};

/// Longest name of an invited person, as at registration.
const NAME_CHARS: usize = 200;
/// Longest reason for refusing a claim.
const REASON_CHARS: usize = 2000;

/// A contact of the organisation, as `GET /api/me/contacts` lists it.
#[derive(Debug, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(utoipa::ToSchema))]
pub struct ContactAnswer {
    pub contact_id: String,
    pub name: String,
    pub email: String,
    /// E.164.
    pub phone: String,
    /// `pending_verification`, `active` or `removed`.
    pub status: &'static str,
    #[cfg_attr(not(target_arch = "wasm32"), schema(format = DateTime))]
    pub created_at: String,
}

impl From<&ContactRecord> for ContactAnswer {
    fn from(contact: &ContactRecord) -> Self {
        Self {
            contact_id: contact.id.to_string(),
            name: contact.name.clone(),
            email: contact.email.as_str().to_owned(),
            phone: contact.phone.clone(),
            status: contact.status.as_str(),
            created_at: format(contact.created_at),
        }
    }
}

/// An offer to join the organisation: it reserves nothing until accepted.
/// Its link is the invitee's alone and never shown.
#[derive(Debug, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(utoipa::ToSchema))]
pub struct InvitationAnswer {
    pub invitation_id: String,
    pub name: String,
    pub email: String,
    pub phone: String,
    /// `pending`, `expired`, `accepted`, `withdrawn`, `replaced`,
    /// `organisation_not_active` or `address_taken`.
    pub status: &'static str,
    /// The inviting contact's id.
    pub invited_by: String,
    #[cfg_attr(not(target_arch = "wasm32"), schema(format = DateTime))]
    pub created_at: String,
    /// 7 days after it was sent.
    #[cfg_attr(not(target_arch = "wasm32"), schema(format = DateTime))]
    pub expires_at: String,
}

impl InvitationAnswer {
    pub fn of(invitation: &InvitationRecord, now: Instant) -> Self {
        Self {
            invitation_id: invitation.id.to_string(),
            name: invitation.name.clone(),
            email: invitation.email.as_str().to_owned(),
            phone: invitation.phone.clone(),
            status: invitation.standing.status(now),
            invited_by: invitation.invited_by.to_string(),
            created_at: format(invitation.created_at),
            expires_at: format(invitation.standing.expires_at),
        }
    }
}

/// `GET /api/me/contacts`.
#[derive(Debug, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(utoipa::ToSchema))]
pub struct ContactsAnswer {
    pub contacts: Vec<ContactAnswer>,
    /// Invitations still waited on (pending or expired): not contacts
    /// until accepted.
    pub invitations: Vec<InvitationAnswer>,
}

/// The person to invite, from a JSON body or a page's form.
pub struct Invitee {
    pub name: Text,
    pub email: Email,
    pub phone: Phone,
}

impl Invitee {
    /// The fields, each wrong one named; the address may be none of the
    /// vendor's own.
    pub fn parse(
        object: &Map<String, Value>,
        vendor: &VendorAddresses,
    ) -> std::result::Result<Self, FieldErrors> {
        let mut fields = Fields::new(object);
        let name = fields.parse("name", |t| Text::parse(t, NAME_CHARS));
        let email = fields.parse("email", |e| vendor.customer_address(e));
        let phone = fields.parse("phone", Phone::parse);
        match (name, email, phone) {
            (Some(name), Some(email), Some(phone)) => Ok(Self { name, email, phone }),
            _ => Err(fields.errors),
        }
    }
}

/// `GET /api/me/contacts`: the organisation's people, not removed ones,
/// and apart from them the invitations it still waits on.
pub async fn contacts<D: Database>(app: &App<D>, caller: &Caller, now: Instant) -> Result<Handled> {
    let people = app.contacts_as(caller).await?;
    let body = ContactsAnswer {
        contacts: people.contacts.iter().map(ContactAnswer::from).collect(),
        invitations: people
            .invitations
            .iter()
            .map(|i| InvitationAnswer::of(i, now))
            .collect(),
    };
    Ok(Response::json(200, &body).into())
}

/// `GET /api/staff/license-claims`: the claims waiting for staff.
pub async fn claims<D: Database>(app: &App<D>, caller: &Caller) -> Result<Handled> {
    let (_, claims) = app.license_claims(caller).await?;
    let claims: Vec<Value> = claims
        .iter()
        .map(|c| json!({"claim_id": c.id, "customer_id": c.customer_id, "contact_id": c.contact_id,
            "serial": c.serial, "status": c.status.as_str(), "company": c.company_name, "email": c.email,
            "created_at": format(c.created_at)}))
        .collect();
    Ok(Response::json(200, &json!({ "claims": claims })).into())
}

/// `POST /api/me/contacts`: invites a colleague, who is emailed a link.
pub async fn invite<D: Database>(
    app: &App<D>,
    request: &Request,
    caller: &Caller,
    now: Instant,
    entropy: &mut Entropy,
) -> Result<Handled> {
    let invitee = match decode::json_object(request).and_then(|object| {
        Invitee::parse(&object, &app.config.vendor_addresses).map_err(decode::invalid)
    }) {
        Ok(invitee) => invitee,
        Err(error) => return Err(error),
    };
    let invited = app
        .invite_contact(
            caller,
            &invitee.name,
            &invitee.email,
            &invitee.phone,
            now,
            entropy,
        )
        .await?;
    Ok(Handled::with_jobs(
        Response::json(201, &InvitationAnswer::of(&invited.invitation, now)),
        invited.jobs,
    ))
}

/// `DELETE /api/me/invitations/{id}`: a colleague withdraws an invitation.
pub async fn withdraw<D: Database>(
    app: &App<D>,
    caller: &Caller,
    invitation_id: &str,
    now: Instant,
) -> Result<Handled> {
    let withdrawn = app.withdraw_invitation(caller, invitation_id, now).await?;
    Ok(Response::json(200, &InvitationAnswer::of(&withdrawn, now)).into())
}

/// `DELETE /api/me/contacts/{id}` (a colleague) and
/// `DELETE /api/staff/customers/{customer}/contacts/{id}` (staff).
pub async fn remove<D: Database>(
    app: &App<D>,
    caller: &Caller,
    customer_id: Option<&str>,
    contact_id: &str,
    now: Instant,
) -> Result<Handled> {
    let organisation = app
        .remove_contact(caller, customer_id, contact_id, now)
        .await?;
    let body = json!({"contact_id": contact_id, "customer_id": organisation, "status": "removed"});
    Ok(Response::json(200, &body).into())
}

/// `POST /api/invitations/accept {"token"}`: the invited person accepts,
/// becomes a contact and is signed in, as `/api/sessions/redeem` does.
pub async fn accept<D: Database>(
    app: &App<D>,
    request: &Request,
    now: Instant,
    entropy: &mut Entropy,
) -> Result<Handled> {
    let token = super::token_field(request)?;
    let grant = app.accept_invitation(&token, now, entropy).await?;
    let body = json!({
        "access_token": grant.access_token.as_str(),
        "token_type": "Bearer",
        "expires_at": format(grant.expires_at),
    });
    Ok(Response::json(200, &body).into())
}

/// What staff do with a claim, by the path's last segment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClaimAction {
    Assign,
    Join,
    Refuse,
}

impl ClaimAction {
    pub fn parse(segment: &str) -> Option<Self> {
        match segment {
            "assign" => Some(Self::Assign),
            "join" => Some(Self::Join),
            "refuse" => Some(Self::Refuse),
            _ => None,
        }
    }
}

/// A claim decision's fields: `serial` (optional) to assign, `reason` to
/// refuse, refused only once the caller is known (401 and 403 before 422).
pub async fn decide_claim<D: Database>(
    app: &App<D>,
    caller: &Caller,
    object: &Map<String, Value>,
    claim_id: &str,
    action: ClaimAction,
    now: Instant,
    entropy: &mut Entropy,
) -> Result<ClaimDecision> {
    let mut fields = Fields::new(object);
    let decided = match action {
        ClaimAction::Assign => {
            let Some(serial) = fields.parse_optional("serial", SerialNumber::parse) else {
                return Err(decode::invalid(fields.errors));
            };
            app.assign_claim(caller, claim_id, serial.as_ref(), now, entropy)
                .await
        }
        ClaimAction::Join => app.request_join(caller, claim_id, now, entropy).await,
        ClaimAction::Refuse => {
            let Some(reason) = fields.parse("reason", |t| Text::parse(t, REASON_CHARS)) else {
                return Err(decode::invalid(fields.errors));
            };
            app.refuse_claim(caller, claim_id, &reason, now, entropy)
                .await
        }
    };
    Ok(decided?)
}

/// A body that may be empty (`/assign` without a serial, `/join`), else JSON.
fn optional_json(request: &Request) -> Result<Map<String, Value>> {
    if request.body.iter().all(u8::is_ascii_whitespace) {
        return Ok(Map::new());
    }
    decode::json_object(request)
}

/// `POST /api/staff/license-claims/{id}/assign|join|refuse`.
pub async fn claim<D: Database>(
    app: &App<D>,
    request: &Request,
    caller: &Caller,
    claim_id: &str,
    action: ClaimAction,
    now: Instant,
    entropy: &mut Entropy,
) -> Result<Handled> {
    let object = optional_json(request)?;
    let decision = decide_claim(app, caller, &object, claim_id, action, now, entropy).await?;
    let (body, jobs) = match decision {
        ClaimDecision::Assigned { free_coupon } => (
            json!({"claim_id": claim_id, "status": "assigned", "free_coupon_granted": free_coupon}),
            Vec::new(),
        ),
        ClaimDecision::JoinRequested { jobs } => (
            json!({"claim_id": claim_id, "status": "join_requested", "holder_contacts_asked": jobs.len()}),
            jobs,
        ),
        ClaimDecision::Refused { jobs } => {
            (json!({"claim_id": claim_id, "status": "refused"}), jobs)
        }
    };
    Ok(Handled::with_jobs(Response::json(200, &body), jobs))
}

/// `PUT /api/staff/licenses/{serial}/holder {"customer_id"}`.
pub async fn set_holder<D: Database>(
    app: &App<D>,
    request: &Request,
    caller: &Caller,
    serial: &str,
    now: Instant,
    entropy: &mut Entropy,
) -> Result<Handled> {
    let object = decode::json_object(request)?;
    let mut fields = Fields::new(&object);
    let customer_id = fields.parse("customer_id", |t| {
        Text::parse(t, 100).map(Text::into_string)
    });
    let Some(customer_id) = customer_id else {
        return Err(decode::invalid(fields.errors));
    };
    let Ok(serial) = SerialNumber::parse(serial) else {
        return Err(AppError::NotFound.into());
    };
    let free_coupon = app
        .set_holder(caller, &serial, &customer_id, now, entropy)
        .await?;
    let body = json!({"serial": serial.as_str(), "holder_id": customer_id, "free_coupon_granted": free_coupon});
    Ok(Response::json(200, &body).into())
}
