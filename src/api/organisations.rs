//! An organisation's people (the contacts list, invitations, removal) and
//! the license claims staff decide: assign, ask the holder to take the
//! claimant in, refuse; and staff naming a license's holder.

use serde::Serialize;
use serde_json::{Map, Value};

use super::sessions::AccessGrantAnswer;
use crate::app::input::Fields;
use crate::app::{App, AppError, Caller, ClaimAction, ClaimDecision, Invitee};
use crate::domain::entropy::Entropy;
use crate::domain::serial::SerialNumber;
use crate::domain::text::Text;
use crate::domain::time::{format, Instant};
use crate::http::decode;
use crate::http::Result;
use crate::http::{Handled, Request, Response};
use crate::store::{ClaimRecord, ContactRecord, Database, InvitationRecord};

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
    /// What they are written to in: `sl` (Slovenian) or `en` (English).
    pub language: &'static str,
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
            language: contact.language.as_str(),
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

/// A license claim waiting for staff.
#[derive(Debug, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(utoipa::ToSchema))]
pub struct ClaimAnswer {
    pub claim_id: String,
    /// The claimant's organisation.
    pub customer_id: String,
    /// The claimant.
    pub contact_id: String,
    /// The serial typed at registration (`0`: not at hand).
    pub serial: String,
    /// `open` or `join_requested`.
    pub status: &'static str,
    /// The claimant's company name.
    pub company: String,
    /// The claimant's address.
    pub email: String,
    #[cfg_attr(not(target_arch = "wasm32"), schema(format = DateTime))]
    pub created_at: String,
}

impl From<&ClaimRecord> for ClaimAnswer {
    fn from(claim: &ClaimRecord) -> Self {
        Self {
            claim_id: claim.id.to_string(),
            customer_id: claim.customer_id.to_string(),
            contact_id: claim.contact_id.to_string(),
            serial: claim.serial.as_str().to_owned(),
            status: claim.status.as_str(),
            company: claim.company_name.clone(),
            email: claim.email.as_str().to_owned(),
            created_at: format(claim.created_at),
        }
    }
}

/// `GET /api/staff/license-claims`.
#[derive(Debug, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(utoipa::ToSchema))]
pub struct ClaimsAnswer {
    pub claims: Vec<ClaimAnswer>,
}

/// `GET /api/staff/license-claims`: the claims waiting for staff.
pub async fn claims<D: Database>(app: &App<D>, caller: &Caller) -> Result<Handled> {
    let (_, claims) = app.license_claims(caller).await?;
    let body = ClaimsAnswer {
        claims: claims.iter().map(ClaimAnswer::from).collect(),
    };
    Ok(Response::json(200, &body).into())
}

/// `POST /api/me/contacts`: invites a colleague, who is emailed a link.
pub async fn invite<D: Database>(
    app: &App<D>,
    request: &Request,
    caller: &Caller,
    now: Instant,
    entropy: &mut Entropy,
) -> Result<Handled> {
    let object = decode::json_object(request)?;
    let invitee = Invitee::parse(&object, &app.config.vendor_addresses).map_err(decode::invalid)?;
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

/// A contact removed: they sign in no more.
#[derive(Debug, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(utoipa::ToSchema))]
pub struct ContactRemovedAnswer {
    pub contact_id: String,
    /// Their organisation.
    pub customer_id: String,
    /// `removed`.
    pub status: &'static str,
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
    let body = ContactRemovedAnswer {
        contact_id: contact_id.to_owned(),
        customer_id: organisation,
        status: "removed",
    };
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
    let grant = app
        .accept_invitation(
            &token,
            crate::domain::language::Language::from_accept_language(
                request.header("accept-language"),
            ),
            now,
            entropy,
        )
        .await?;
    Ok(Response::json(200, &AccessGrantAnswer::from(&grant)).into())
}

/// A body that may be empty (`/assign` without a serial, `/join`), else JSON.
fn optional_json(request: &Request) -> Result<Map<String, Value>> {
    if request.body.iter().all(u8::is_ascii_whitespace) {
        return Ok(Map::new());
    }
    decode::json_object(request)
}

/// `POST /api/staff/license-claims/{id}/assign|join|refuse`: what became
/// of the claim.
#[derive(Debug, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(utoipa::ToSchema))]
pub struct ClaimDecisionAnswer {
    pub claim_id: String,
    /// `assigned`, `join_requested` or `refused`.
    pub status: &'static str,
    /// With `assigned`: whether the claimant earned the free first coupon
    /// now.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub free_coupon_granted: Option<bool>,
    /// With `join_requested`: how many of the holder's contacts were
    /// emailed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub holder_contacts_asked: Option<usize>,
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
    let decision = app
        .decide_claim(caller, claim_id, action, &object, now, entropy)
        .await?;
    let answer = |status, free_coupon_granted, holder_contacts_asked| ClaimDecisionAnswer {
        claim_id: claim_id.to_owned(),
        status,
        free_coupon_granted,
        holder_contacts_asked,
    };
    let (body, jobs) = match decision {
        ClaimDecision::Assigned { free_coupon } => {
            (answer("assigned", Some(free_coupon), None), Vec::new())
        }
        ClaimDecision::JoinRequested { jobs } => {
            (answer("join_requested", None, Some(jobs.len())), jobs)
        }
        ClaimDecision::Refused { jobs } => (answer("refused", None, None), jobs),
    };
    Ok(Handled::with_jobs(Response::json(200, &body), jobs))
}

/// `PUT /api/staff/licenses/{serial}/holder`: the license's holder named.
#[derive(Debug, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(utoipa::ToSchema))]
pub struct HolderAnswer {
    pub serial: String,
    /// The holding organisation.
    pub holder_id: String,
    /// Whether the holder earned the free first coupon now.
    pub free_coupon_granted: bool,
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
    let body = HolderAnswer {
        serial: serial.as_str().to_owned(),
        holder_id: customer_id,
        free_coupon_granted: free_coupon,
    };
    Ok(Response::json(200, &body).into())
}
