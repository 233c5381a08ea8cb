//! An organisation's people (invitations, removal) and the license claims
//! staff decide (assign, join the holder, refuse), and staff giving a license
//! to an organisation.

use serde_json::{Map, Value};

use super::input::Fields;
use super::{AccessGrant, App, AppError, Caller, CustomerPrincipal, Job, StaffIdentity};
use crate::app::{AccessError, LicensingError};
use crate::domain::email::{Email, VendorAddresses};
use crate::domain::entropy::Entropy;
use crate::domain::field::FieldErrors;
use crate::domain::id::{ContactId, InvitationId};
use crate::domain::invitation::{self, InvitationError};
use crate::domain::language::Language;
use crate::domain::ledger::{free_coupon, FreeCoupon};
use crate::domain::notification;
use crate::domain::organisation::{ClaimStatus, ContactStatus};
use crate::domain::phone::Phone;
use crate::domain::serial::{LicenseSerial, SerialNumber};
use crate::domain::text::Text;
use crate::domain::time::Instant;
use crate::domain::token::{IssuedToken, Purpose, Token, TokenError};
use crate::store::{
    self, ClaimRecord, ContactRecord, Database, InvitationRecord, NewInvitation, Reads, Statement,
};

/// An invitation written, its email waiting in the outbox.
#[derive(Debug)]
pub struct Invited {
    pub invitation: InvitationRecord,
    pub jobs: Vec<Job>,
}

/// An organisation's people as its contacts see them: the contacts (not
/// removed) and the invitations it still waits on.
#[derive(Debug)]
pub struct People {
    pub principal: CustomerPrincipal,
    pub contacts: Vec<ContactRecord>,
    pub invitations: Vec<InvitationRecord>,
}

/// Longest name of an invited person, as at registration.
const NAME_CHARS: usize = 200;
/// Longest reason for refusing a claim.
const REASON_CHARS: usize = 2000;

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
    ) -> Result<Self, FieldErrors> {
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

/// What staff do with a claim, by the path's last segment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClaimAction {
    Assign,
    Join,
    Refuse,
}

/// What staff decided about a claim.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ClaimDecision {
    /// The license is the claimant's; `free_coupon` when it earned one now.
    Assigned {
        free_coupon: bool,
    },
    /// The holder's contacts were asked by email.
    JoinRequested {
        jobs: Vec<Job>,
    },
    Refused {
        jobs: Vec<Job>,
    },
}

impl<D: Database> App<D> {
    /// Staff decide a claim, with the action's fields (a form's or a JSON
    /// body's): `serial` (optional) to assign, `reason` to refuse.
    pub async fn decide_claim(
        &self,
        caller: &Caller,
        claim_id: &str,
        action: ClaimAction,
        object: &Map<String, Value>,
        now: Instant,
        entropy: &mut Entropy,
    ) -> Result<ClaimDecision, AppError> {
        let mut fields = Fields::new(object);
        match action {
            ClaimAction::Assign => {
                let Some(serial) = fields.parse_optional("serial", SerialNumber::parse) else {
                    return Err(AppError::Invalid(fields.errors));
                };
                self.assign_claim(caller, claim_id, serial.as_ref(), now, entropy)
                    .await
            }
            ClaimAction::Join => self.request_join(caller, claim_id, now, entropy).await,
            ClaimAction::Refuse => {
                let Some(reason) = fields.parse("reason", |t| Text::parse(t, REASON_CHARS)) else {
                    return Err(AppError::Invalid(fields.errors));
                };
                self.refuse_claim(caller, claim_id, &reason, now, entropy)
                    .await
            }
        }
    }

    /// The calling contact and their organisation's people, in one round trip.
    pub async fn contacts_as(&self, caller: &Caller) -> Result<People, AppError> {
        let scope = caller.customer_scope();
        let (principal, (contacts, invitations)) = self
            .read_as(
                caller,
                (
                    store::contacts_in(&scope),
                    store::waiting_invitations_in(&scope),
                ),
            )
            .await?;
        Ok(People {
            principal: principal.customer()?,
            contacts,
            invitations,
        })
    }

    /// A contact invites a colleague: an invitation and its emailed link,
    /// which reserve nothing. Who invites and whether the address is a
    /// contact already are read in one round trip, the invitation (replacing
    /// an open one of the same address) and its email written in one batch,
    /// guarded so that a contact removed meanwhile invites no one, and
    /// answered from what was written.
    pub async fn invite_contact(
        &self,
        caller: &Caller,
        name: &Text,
        email: &Email,
        phone: &Phone,
        now: Instant,
        entropy: &mut Entropy,
    ) -> Result<Invited, AppError> {
        let (principal, contact) = self
            .read_as(caller, store::contact_by_email(email.as_str()))
            .await?;
        let principal = principal.customer()?;
        if contact.is_some() {
            return Err(AppError::Access(AccessError::EmailTaken));
        }
        let invitation = InvitationRecord {
            id: InvitationId::generate(entropy),
            customer_id: principal.customer.id.clone(),
            company_name: principal.customer.company_name.clone(),
            invited_by: principal.contact.id.clone(),
            invited_by_name: principal.contact.name.clone(),
            name: name.as_str().to_owned(),
            email: email.clone(),
            phone: phone.as_str().to_owned(),
            created_at: now,
            standing: invitation::Standing {
                expires_at: now + invitation::lifetime(),
                accepted_at: None,
                withdrawn_at: None,
                replaced_at: None,
                organisation_active: true,
            },
        };
        let token = Token::generate(entropy);
        let message = notification::invitation(
            email,
            principal.contact.language,
            name.as_str(),
            &principal.customer.company_name,
            &principal.contact.name,
            &self.config.public_base_url,
            token.as_str(),
            invitation.standing.expires_at,
        );
        let outbox_id = entropy.id("msg");
        let mut batch = store::insert_invitation(
            &NewInvitation {
                id: &invitation.id,
                customer_id: &invitation.customer_id,
                invited_by: &invitation.invited_by,
                name: &invitation.name,
                email: invitation.email.as_str(),
                phone: &invitation.phone,
                link: token.hash(),
                expires_at: invitation.standing.expires_at,
            },
            now,
        );
        batch.push(store::insert_message(&outbox_id, &message, now));
        match self.store.write(batch).await {
            Err(error) if store::is_inviter_gone(&error) => Err(AppError::NotFound),
            Err(error) => Err(error.into()),
            Ok(_) => Ok(Invited {
                invitation,
                jobs: vec![Job::DeliverEmail { outbox_id }],
            }),
        }
    }

    /// A colleague withdraws an invitation the organisation still waits on:
    /// its link accepts nothing from then on.
    pub async fn withdraw_invitation(
        &self,
        caller: &Caller,
        invitation_id: &str,
        now: Instant,
    ) -> Result<InvitationRecord, AppError> {
        let scope = caller.customer_scope();
        let (principal, invitation) = self
            .read_as(caller, store::invitation_of(&scope, invitation_id))
            .await?;
        let principal = principal.customer()?;
        let mut invitation = invitation
            .filter(|i| i.customer_id == principal.customer.id)
            .ok_or(AppError::NotFound)?;
        if !invitation.standing.is_waiting() {
            return Err(AppError::Access(AccessError::Invitation(
                invitation
                    .standing
                    .check(now)
                    .err()
                    .unwrap_or(InvitationError::Accepted),
            )));
        }
        let changes = self
            .store
            .write(vec![store::withdraw_invitation(
                &invitation.id,
                &principal.customer.id,
                &principal.contact.id,
                now,
            )])
            .await?;
        if changes[0] == 0 {
            // Accepted (or replaced, or withdrawn) since it was read.
            return Err(AppError::Access(AccessError::Invitation(
                InvitationError::Accepted,
            )));
        }
        invitation.standing.withdrawn_at = Some(now);
        Ok(invitation)
    }

    /// The invitation an emailed link opens, if it may be accepted now, and
    /// whether its address is someone's contact already: one round trip.
    pub async fn invitation(
        &self,
        link: &Token,
        now: Instant,
    ) -> Result<InvitationRecord, AppError> {
        let (invitation, holder) = self
            .store
            .read((
                store::invitation_by_link(link.hash()),
                store::contact_holding_invited_address(link.hash()),
            ))
            .await?;
        let invitation =
            invitation.ok_or(AppError::Access(AccessError::Token(TokenError::Unknown)))?;
        let taken = holder.is_some();
        invitation
            .standing
            .accept(taken, now)
            .map_err(AccessError::Invitation)?;
        Ok(invitation)
    }

    /// The invited person accepts (a POST, never the link itself): the
    /// contact is written in the batch that marks the invitation accepted,
    /// with an access token, in `language` (their browser's: the inviter
    /// does not choose one).
    pub async fn accept_invitation(
        &self,
        link: &Token,
        language: Language,
        now: Instant,
        entropy: &mut Entropy,
    ) -> Result<AccessGrant, AppError> {
        self.invitation(link, now).await?;
        let contact_id = ContactId::generate(entropy);
        let access_token = Token::generate(entropy);
        let access = IssuedToken::issue(Purpose::Access, &contact_id, now);
        let mut batch = store::accept_invitation(link.hash(), &contact_id, language, now);
        batch.push(store::issue_access_to_new_contact(
            access_token.hash(),
            &contact_id,
            now,
            access.expires_at,
        ));
        self.write_acceptance(batch).await?;
        Ok(AccessGrant {
            access_token,
            expires_at: access.expires_at,
        })
    }

    /// The same acceptance from the invitation page: a browser session
    /// instead of an access token, in the same batch. Returns the session's
    /// id for the cookie.
    pub async fn accept_invitation_in_browser(
        &self,
        link: &Token,
        language: Language,
        now: Instant,
        entropy: &mut Entropy,
    ) -> Result<Token, AppError> {
        self.invitation(link, now).await?;
        let contact_id = ContactId::generate(entropy);
        let session = Token::generate(entropy);
        let expires_at = now + chrono::Duration::hours(super::SESSION_HOURS);
        let mut batch = store::accept_invitation(link.hash(), &contact_id, language, now);
        batch.push(store::open_session_for_new_contact(
            session.hash(),
            &contact_id,
            now,
            expires_at,
        ));
        self.write_acceptance(batch).await?;
        Ok(session)
    }

    /// Writes an acceptance: the address's UNIQUE index refuses an address
    /// that became someone's contact since it was read; a link accepted,
    /// withdrawn or replaced meanwhile writes no contact.
    async fn write_acceptance(&self, batch: Vec<Statement>) -> Result<(), AppError> {
        match self.store.write(batch).await {
            Err(error) if error.is_unique_violation("contacts.email") => Err(AppError::Access(
                AccessError::Invitation(InvitationError::AddressTaken),
            )),
            Err(error) => Err(error.into()),
            Ok(changes) if changes.first() == Some(&0) => Err(AppError::Access(
                AccessError::Invitation(InvitationError::Accepted),
            )),
            Ok(_) => Ok(()),
        }
    }

    /// Removes a contact of an organisation, by a colleague (`organisation`
    /// None: the caller's own) or by staff (`organisation` named); never the
    /// last active one (the schema's trigger decides inside the batch). The
    /// removed contact's links and tokens end at once. Returns the
    /// organisation's id.
    pub async fn remove_contact(
        &self,
        caller: &Caller,
        organisation: Option<&str>,
        contact_id: &str,
        now: Instant,
    ) -> Result<String, AppError> {
        let (principal, contact) = self
            .read_as(caller, store::contact_by_id(contact_id))
            .await?;
        let (remover, customer_id) = match organisation {
            Some(customer_id) => {
                principal.staff()?;
                ("staff".to_owned(), customer_id.to_owned())
            }
            None => {
                let colleague = principal.customer()?;
                (
                    colleague.contact.id.to_string(),
                    colleague.customer.id.to_string(),
                )
            }
        };
        let contact = match contact {
            Some(c) if c.customer_id == customer_id && c.status != ContactStatus::Removed => c,
            _ => return Err(AppError::NotFound),
        };
        let written = self
            .store
            .write(vec![
                store::remove_contact(&contact.id, &customer_id, &remover, now),
                store::delete_tokens_of_contact(&contact.id),
            ])
            .await;
        match written {
            Err(error) if error.is_constraint("at least one active contact") => {
                Err(AppError::Access(AccessError::LastContact))
            }
            Err(error) => Err(error.into()),
            Ok(_) => Ok(customer_id),
        }
    }

    /// Claims waiting for staff, read with who asks in one round trip.
    pub async fn license_claims(
        &self,
        caller: &Caller,
    ) -> Result<(StaffIdentity, Vec<ClaimRecord>), AppError> {
        let (principal, claims) = self.read_as(caller, store::pending_claims()).await?;
        Ok((principal.staff()?, claims))
    }

    /// A claim still waiting for staff and what `reads` read, with who
    /// decides, in one round trip: a decision's first batch.
    async fn read_pending_claim<R: Reads>(
        &self,
        caller: &Caller,
        claim_id: &str,
        reads: R,
    ) -> Result<(ClaimRecord, R::Output), AppError> {
        let (principal, (claim, read)) = self
            .read_as(caller, (store::claim_of(claim_id), reads))
            .await?;
        Ok((pending_claim(&principal, claim)?, read))
    }

    /// Staff give the claimed license to the claimant's organisation, only
    /// while no organisation holds it. `serial` names the license for a
    /// claim made with "0" (or corrects a mistyped one). One batch reads,
    /// one writes: the holder and the claim's status are guarded in it.
    pub async fn assign_claim(
        &self,
        caller: &Caller,
        claim_id: &str,
        serial: Option<&SerialNumber>,
        now: Instant,
        entropy: &mut Entropy,
    ) -> Result<ClaimDecision, AppError> {
        let (claim, license) = self
            .read_pending_claim(
                caller,
                claim_id,
                store::license_of_claim(claim_id, serial.map(SerialNumber::as_str)),
            )
            .await?;
        let serial = match serial {
            Some(serial) => serial.clone(),
            None => match &claim.serial {
                LicenseSerial::Known(serial) => serial.clone(),
                LicenseSerial::Unknown => {
                    return Err(AppError::Licensing(LicensingError::UnknownLicense))
                }
            },
        };
        let license = license
            .filter(|license| license.serial == serial.as_str())
            .ok_or(AppError::Licensing(LicensingError::UnknownLicense))?;
        if license
            .holder_id
            .as_deref()
            .is_some_and(|h| h != claim.customer_id)
        {
            return Err(AppError::Licensing(
                LicensingError::HeldByAnotherOrganisation,
            ));
        }
        let mut batch = vec![
            store::hold_if_unheld(serial.as_str(), &claim.customer_id),
            store::assign_claim(claim_id, serial.as_str(), now),
        ];
        batch.extend(free_coupon_for(&claim.customer_id, &serial, now, entropy));
        let changes = self.store.write(batch).await?;
        if changes[1] == 0 {
            // Another organisation became the holder, or staff decided it.
            return Err(AppError::Licensing(
                LicensingError::HeldByAnotherOrganisation,
            ));
        }
        Ok(ClaimDecision::Assigned {
            free_coupon: granted(&changes, 2),
        })
    }

    /// Staff ask the holder's contacts whether the claimant is a colleague:
    /// each gets a link whose page confirms. The claim, the license's
    /// holder, the claimant and the holder's contacts are read in one batch.
    pub async fn request_join(
        &self,
        caller: &Caller,
        claim_id: &str,
        now: Instant,
        entropy: &mut Entropy,
    ) -> Result<ClaimDecision, AppError> {
        let (claim, (license, claimant, holder_contacts)) = self
            .read_pending_claim(
                caller,
                claim_id,
                (
                    store::license_of_claim(claim_id, None),
                    store::claimant_of(claim_id),
                    store::holder_contacts_of_claim(claim_id),
                ),
            )
            .await?;
        let (serial, holder) = license
            .and_then(|license| Some((license.serial, license.holder_id?)))
            .ok_or(AppError::Licensing(LicensingError::LicenseNotHeld))?;
        if holder == claim.customer_id {
            return Err(AppError::Licensing(LicensingError::ClaimDecided));
        }
        let claimant = claimant.ok_or(AppError::NotFound)?;
        let mut batch = vec![store::request_join(claim_id, &serial)];
        let mut jobs = Vec::new();
        for contact in holder_contacts {
            let token = Token::generate(entropy);
            let mut issued = IssuedToken::issue(Purpose::ConfirmJoin, &contact.id, now);
            issued.claim_id = Some(claim.id.to_string());
            let message = notification::join_request(
                contact.recipient(),
                &notification::Claimant {
                    name: &claimant.name,
                    email: claimant.email.as_str(),
                    company: &claim.company_name,
                },
                &serial,
                &self.config.public_base_url,
                token.as_str(),
                issued.expires_at,
            );
            let outbox_id = entropy.id("msg");
            batch.push(store::insert_token(token.hash(), &issued, now));
            batch.push(store::insert_message(&outbox_id, &message, now));
            jobs.push(Job::DeliverEmail { outbox_id });
        }
        let changes = self.store.write(batch).await?;
        if changes[0] == 0 {
            return Err(AppError::Licensing(LicensingError::ClaimDecided));
        }
        Ok(ClaimDecision::JoinRequested { jobs })
    }

    /// A contact of the holder confirms (a POST from the link's page): the
    /// claimant contact moves into the holding organisation. If that leaves
    /// the claimant's organisation without contacts, it is marked `merged`
    /// into the holder; its ledger and orders stay where they are (staff move
    /// a remaining balance by adjustments). The link and its claim are read
    /// in one batch.
    pub async fn confirm_join(&self, link: &Token, now: Instant) -> Result<(), AppError> {
        let (issued, confirmer, claim) = self
            .read_link(
                link,
                Purpose::ConfirmJoin,
                now,
                store::claim_of_token(link.hash()),
            )
            .await?;
        let claim = claim
            .filter(|claim| issued.claim_id.as_deref() == Some(claim.id.as_str()))
            .ok_or(AppError::NotFound)?;
        if claim.status != ClaimStatus::JoinRequested || !confirmer.is_active() {
            return Err(AppError::Licensing(LicensingError::ClaimDecided));
        }
        let holder = &confirmer.customer.id;
        let changes = self
            .store
            .write(vec![
                store::spend_token(link.hash(), now),
                store::mark_joined(&claim.id, now),
                store::move_contact(&claim.contact_id, holder),
                store::merge_if_empty(&claim.customer_id, holder),
            ])
            .await?;
        if changes[0] == 0 || changes[1] == 0 {
            return Err(AppError::Access(AccessError::Token(
                TokenError::AlreadyUsed,
            )));
        }
        Ok(())
    }

    /// Staff refuse a claim with a reason, which the claimant is emailed.
    pub async fn refuse_claim(
        &self,
        caller: &Caller,
        claim_id: &str,
        reason: &Text,
        now: Instant,
        entropy: &mut Entropy,
    ) -> Result<ClaimDecision, AppError> {
        let (claim, _) = self.read_pending_claim(caller, claim_id, ()).await?;
        let message =
            notification::claim_refused(claim.recipient(), claim.serial.as_str(), reason.as_str());
        let outbox_id = entropy.id("msg");
        let changes = self
            .store
            .write(vec![
                store::refuse_claim(claim_id, reason.as_str(), now),
                store::insert_message(&outbox_id, &message, now),
            ])
            .await?;
        if changes[0] == 0 {
            return Err(AppError::Licensing(LicensingError::ClaimDecided));
        }
        Ok(ClaimDecision::Refused {
            jobs: vec![Job::DeliverEmail { outbox_id }],
        })
    }

    /// Staff make an organisation a license's holder, whoever held it (a
    /// correction is staff's to make). The free coupon follows the usual
    /// rule: once per license and once per organisation. Returns whether
    /// the organisation got it now.
    pub async fn set_holder(
        &self,
        caller: &Caller,
        serial: &SerialNumber,
        customer_id: &str,
        now: Instant,
        entropy: &mut Entropy,
    ) -> Result<bool, AppError> {
        let (principal, (license, customer)) = self
            .read_as(
                caller,
                (
                    store::license_of(serial.as_str()),
                    store::customer_by_id(customer_id),
                ),
            )
            .await?;
        principal.staff()?;
        license.ok_or(AppError::NotFound)?;
        let customer = customer.ok_or(AppError::NotFound)?;
        Self::require_active(customer.status)?;
        let mut batch = vec![store::transfer_holder(serial.as_str(), customer_id)];
        batch.extend(free_coupon_for(customer_id, serial, now, entropy));
        let changes = self.store.write(batch).await?;
        Ok(granted(&changes, 1))
    }
}

/// The claim a staff member decides, if it still waits for a decision.
fn pending_claim(
    principal: &super::Principal,
    claim: Option<ClaimRecord>,
) -> Result<ClaimRecord, AppError> {
    principal.staff()?;
    let claim = claim.ok_or(AppError::NotFound)?;
    if !claim.status.is_pending() {
        return Err(AppError::Licensing(LicensingError::ClaimDecided));
    }
    Ok(claim)
}

/// The free coupon of a confirmed serial for an organisation, written only
/// if it holds the license by then in the batch; the ledger's key (once per
/// license) and index (once per organisation) let only the first through.
fn free_coupon_for(
    customer_id: &str,
    serial: &SerialNumber,
    now: Instant,
    entropy: &mut Entropy,
) -> Option<Statement> {
    match free_coupon(
        customer_id,
        &LicenseSerial::Known(serial.clone()),
        false,
        entropy.id("led"),
        now,
    ) {
        FreeCoupon::Grant(entry) => {
            Some(store::grant_free_coupon_if_holder(&entry, serial.as_str()))
        }
        _ => None,
    }
}

/// Whether the statement at `index` of a written batch wrote its row.
fn granted(changes: &[u64], index: usize) -> bool {
    changes.get(index).is_some_and(|&n| n > 0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::registration::tests::{registration, token_in_email};
    use crate::app::testing::{app, customer, entropy, license, now, run};
    use crate::domain::activation::InstallationId;
    use crate::domain::license::ProductVersion;
    use crate::store::sqlite::Sqlite;

    fn invite(
        app: &App<Sqlite>,
        by: &CustomerPrincipal,
        email: &str,
        seed: u8,
    ) -> CustomerPrincipal {
        let invited = run(app.invite_contact(
            &as_caller(by),
            &Text::parse("Bor Kos", 200).unwrap(),
            &Email::parse(email).unwrap(),
            &Phone::parse("+38640111222").unwrap(),
            now(),
            &mut entropy(seed),
        ))
        .unwrap();
        let link = token_in_email(app, email);
        let grant =
            run(app.accept_invitation(&link, Language::Sl, now(), &mut entropy(seed + 1))).unwrap();
        let colleague = run(app.authenticate(Some(grant.access_token.as_str()), now())).unwrap();
        assert_eq!(colleague.contact.email, invited.invitation.email);
        assert_eq!(colleague.customer.id, invited.invitation.customer_id);
        colleague
    }

    #[test]
    fn an_invited_colleague_signs_in_to_the_same_organisation() {
        let app = app();
        let ana = customer(&app, "ana@kovinar.si", 1);
        let bor = invite(&app, &ana, "bor@kovinar.si", 10);
        assert_eq!(bor.customer.id, ana.customer.id);
        assert_eq!(
            run(app.contacts_as(&as_caller(&ana)))
                .unwrap()
                .contacts
                .len(),
            2
        );
        let again = run(app.accept_invitation(
            &token_in_email(&app, "bor@kovinar.si"),
            Language::En,
            now(),
            &mut entropy(20),
        ));
        assert!(again.is_err(), "an invitation is accepted once");
    }

    #[test]
    fn the_last_contact_cannot_be_removed_and_a_removed_one_signs_in_no_more() {
        let app = app();
        let ana = customer(&app, "ana@kovinar.si", 1);
        let org = ana.customer.id.clone();
        assert!(matches!(
            run(app.remove_contact(&staff(), Some(&org), &ana.contact.id, now())),
            Err(AppError::Access(AccessError::LastContact))
        ));
        let bor = invite(&app, &ana, "bor@kovinar.si", 10);
        let email = Email::parse("bor@kovinar.si").unwrap();
        run(app.request_sign_in(&email, now(), &mut entropy(30))).unwrap();
        let link = token_in_email(&app, "bor@kovinar.si");
        let removed = run(app.remove_contact(&as_caller(&ana), None, &bor.contact.id, now()));
        assert_eq!(removed.unwrap(), org);
        assert!(run(app.redeem_sign_in(&link, now(), &mut entropy(31))).is_err());
        assert!(run(app.request_sign_in(&email, now(), &mut entropy(32)))
            .unwrap()
            .is_empty());
    }

    #[test]
    fn two_contacts_removing_each_other_leave_one() {
        let app = app();
        let ana = customer(&app, "ana@kovinar.si", 1);
        let org = ana.customer.id.clone();
        let bor = invite(&app, &ana, "bor@kovinar.si", 10);
        // Both removals as their batches run, one after the other on D1: the
        // guard is in the batch, not in what each read before.
        let first = store::remove_contact(&bor.contact.id, &org, &ana.contact.id, now());
        let second = store::remove_contact(&ana.contact.id, &org, &bor.contact.id, now());
        run(app.store.write(vec![first])).unwrap();
        let refused = run(app.store.write(vec![second])).unwrap_err();
        assert!(refused.is_constraint("at least one active contact"));
        assert_eq!(
            run(app.contacts_as(&as_caller(&ana)))
                .unwrap()
                .contacts
                .len(),
            1
        );
    }

    /// The attack: a stranger registers with the holder's serial.
    fn stranger_with_serial(app: &App<Sqlite>, serial: &str) -> CustomerPrincipal {
        let mut form = registration("eve@stranger.si", serial);
        form.company.name = Text::parse("Stranger d.o.o.", 200).unwrap();
        let registered = run(app.register(form, now(), &mut entropy(50))).unwrap();
        run(app.verify_email(
            &token_in_email(app, "eve@stranger.si"),
            now(),
            &mut entropy(51),
        ))
        .unwrap();
        let contact = run(app.store.contacts_of(&registered.customer_id))
            .unwrap()
            .remove(0);
        run(app.principal(&contact.id)).unwrap()
    }

    fn staff() -> crate::app::Caller {
        let admin = StaffIdentity {
            id: "stf_desk".into(),
            email: "desk@spica.si".into(),
            name: "Desk".into(),
            role: crate::domain::staff::StaffRole::Admin,
        };
        crate::app::Caller::of(crate::app::Principal::Staff(admin), now())
    }

    fn as_caller(customer: &CustomerPrincipal) -> crate::app::Caller {
        crate::app::Caller::of(
            crate::app::Principal::Customer(Box::new(customer.clone())),
            now(),
        )
    }

    #[test]
    fn a_stranger_who_types_the_serial_cannot_activate_deactivate_or_see_codes() {
        let app = app();
        let ana = customer(&app, "ana@kovinar.si", 1);
        let serial = ana.customer.registered_serial.as_str().to_owned();
        let version = ProductVersion::parse("8.0").unwrap();
        let (activation, _) = run(app.activate(
            &as_caller(&ana),
            crate::app::Activation {
                serial: &SerialNumber::parse(&serial).unwrap(),
                installation: &InstallationId::parse("PC-ANA-1").unwrap(),
                version: &version,
                technician: None,
            },
            now(),
            &mut entropy(60),
        ))
        .unwrap();
        let eve = stranger_with_serial(&app, &serial);
        assert_ne!(eve.customer.id, ana.customer.id);
        let taken = run(app.activate(
            &as_caller(&eve),
            crate::app::Activation {
                serial: &SerialNumber::parse(&serial).unwrap(),
                installation: &InstallationId::parse("PC-EVE-1").unwrap(),
                version: &version,
                technician: None,
            },
            now(),
            &mut entropy(61),
        ));
        assert!(matches!(taken, Err(AppError::NotFound)));
        let freed = run(app.deactivate(&as_caller(&eve), &activation.id, now(), &mut entropy(62)));
        assert!(matches!(freed, Err(AppError::NotFound)));
        assert!(matches!(
            run(app.license_file(&as_caller(&eve), &activation.id, now())),
            Err(AppError::NotFound)
        ));
        assert!(run(app.store.licenses_of_customer(&eve.customer.id))
            .unwrap()
            .is_empty());
        assert_eq!(run(app.store.coupon_balance(&eve.customer.id)).unwrap(), 0);
    }

    #[test]
    fn staff_assign_an_unheld_license_to_a_claimant_once_with_its_coupon() {
        let app = app();
        license(&app, "TS-77", "Somebody Else");
        let eve = stranger_with_serial(&app, "0");
        let claim = run(app.store.pending_claims_of(&eve.customer.id))
            .unwrap()
            .remove(0);
        let serial = SerialNumber::parse("TS-77").unwrap();
        let decision =
            run(app.assign_claim(&staff(), &claim.id, Some(&serial), now(), &mut entropy(70)))
                .unwrap();
        assert_eq!(decision, ClaimDecision::Assigned { free_coupon: true });
        assert_eq!(run(app.store.coupon_balance(&eve.customer.id)).unwrap(), 1);
        assert!(matches!(
            run(app.assign_claim(&staff(), &claim.id, Some(&serial), now(), &mut entropy(71))),
            Err(AppError::Licensing(LicensingError::ClaimDecided))
        ));
    }

    #[test]
    fn a_held_license_is_not_assigned_to_a_claimant_and_joining_needs_the_holders_confirmation() {
        let app = app();
        let ana = customer(&app, "ana@kovinar.si", 1);
        let serial = ana.customer.registered_serial.as_str().to_owned();
        let eve = stranger_with_serial(&app, &serial);
        let claim = run(app.store.pending_claims_of(&eve.customer.id))
            .unwrap()
            .remove(0);
        assert!(matches!(
            run(app.assign_claim(&staff(), &claim.id, None, now(), &mut entropy(80))),
            Err(AppError::Licensing(
                LicensingError::HeldByAnotherOrganisation
            ))
        ));
        run(app.request_join(&staff(), &claim.id, now(), &mut entropy(81))).unwrap();
        let confirm = token_in_email(&app, "ana@kovinar.si");
        run(app.confirm_join(&confirm, now())).unwrap();
        let moved = run(app.principal(&eve.contact.id)).unwrap();
        assert_eq!(moved.customer.id, ana.customer.id);
        let old = run(app.store.customer(&eve.customer.id)).unwrap().unwrap();
        assert_eq!(old.merged_into.as_deref(), Some(ana.customer.id.as_str()));
        assert!(run(app.confirm_join(&confirm, now())).is_err());
    }

    #[test]
    fn a_refused_claim_keeps_its_reason_and_the_claimant_is_told() {
        let app = app();
        let eve = stranger_with_serial(&app, "TS-NOPE");
        let claim = run(app.store.pending_claims_of(&eve.customer.id))
            .unwrap()
            .remove(0);
        let reason = Text::parse("No such license was sold", 500).unwrap();
        run(app.refuse_claim(&staff(), &claim.id, &reason, now(), &mut entropy(90))).unwrap();
        let refused = run(app.store.claim(&claim.id)).unwrap().unwrap();
        assert_eq!(refused.status, ClaimStatus::Refused);
        assert_eq!(refused.reason.as_deref(), Some("No such license was sold"));
        let told = run(app.store.outbox_messages(Some("eve@stranger.si"), 1)).unwrap();
        assert!(told[0].text.contains("No such license was sold"));
    }

    #[test]
    fn a_license_never_has_two_holders_even_when_both_race() {
        let app = app();
        let ana = customer(&app, "ana@kovinar.si", 1);
        let eve = stranger_with_serial(&app, "0");
        license(&app, "TS-RACE", "Kovinar d.o.o.");
        let first = run(app
            .store
            .write(vec![store::hold_if_unheld("TS-RACE", &ana.customer.id)]))
        .unwrap();
        let second = run(app
            .store
            .write(vec![store::hold_if_unheld("TS-RACE", &eve.customer.id)]))
        .unwrap();
        assert_eq!((first[0], second[0]), (1, 0));
        let held = run(app.store.license("TS-RACE")).unwrap().unwrap();
        assert_eq!(held.holder_id.as_deref(), Some(ana.customer.id.as_str()));
    }

    fn invitations_in_store(app: &App<Sqlite>, email: &str) -> i64 {
        run(app.store.query(Statement::new(
            "SELECT COUNT(*) AS n FROM invitations WHERE email = ?1",
            vec![email.into()],
        )))
        .unwrap()[0]
            .integer("n")
            .unwrap()
    }

    #[test]
    fn an_invitation_accepts_for_seven_days_and_the_sweep_deletes_it_a_day_after() {
        let app = app();
        // As on D1, foreign keys hold: the sweep deletes in an order they allow.
        run(app
            .store
            .query(Statement::new("PRAGMA foreign_keys = ON", vec![])))
        .unwrap();
        let ana = customer(&app, "ana@kovinar.si", 1);
        run(app.invite_contact(
            &as_caller(&ana),
            &Text::parse("Bor Kos", 200).unwrap(),
            &Email::parse("bor@kovinar.si").unwrap(),
            &Phone::parse("+38640111222").unwrap(),
            now(),
            &mut entropy(10),
        ))
        .unwrap();
        let link = token_in_email(&app, "bor@kovinar.si");
        let week = invitation::lifetime();
        assert!(
            run(app.invitation(&link, now() + week - chrono::Duration::milliseconds(1))).is_ok()
        );
        assert!(matches!(
            run(app.accept_invitation(&link, Language::Sl, now() + week, &mut entropy(11))),
            Err(AppError::Access(AccessError::Invitation(
                InvitationError::Expired
            )))
        ));
        let day = chrono::Duration::days(1);
        run(app.sweep_retention(now() + week + day - chrono::Duration::milliseconds(1))).unwrap();
        assert_eq!(invitations_in_store(&app, "bor@kovinar.si"), 1);
        run(app.sweep_retention(now() + week + day + chrono::Duration::milliseconds(1))).unwrap();
        assert_eq!(invitations_in_store(&app, "bor@kovinar.si"), 0);
        assert!(matches!(
            run(app.accept_invitation(&link, Language::Sl, now(), &mut entropy(12))),
            Err(AppError::Access(AccessError::Token(TokenError::Unknown)))
        ));
    }

    #[test]
    fn an_invitation_by_a_contact_removed_meanwhile_writes_nothing_and_sends_nothing() {
        let app = app();
        let ana = customer(&app, "ana@kovinar.si", 1);
        let bor = invite(&app, &ana, "bor@kovinar.si", 10);
        // Bor's request was read while he was a contact; Ana removes him
        // before its batch runs.
        let stale = as_caller(&bor);
        run(app.remove_contact(&as_caller(&ana), None, &bor.contact.id, now())).unwrap();
        let invited = run(app.invite_contact(
            &stale,
            &Text::parse("Cene", 200).unwrap(),
            &Email::parse("cene@kovinar.si").unwrap(),
            &Phone::parse("+38640111333").unwrap(),
            now(),
            &mut entropy(30),
        ));
        assert!(matches!(invited, Err(AppError::NotFound)), "{invited:?}");
        assert_eq!(invitations_in_store(&app, "cene@kovinar.si"), 0);
        assert!(run(app.store.outbox_messages(Some("cene@kovinar.si"), 5))
            .unwrap()
            .is_empty());
    }

    #[test]
    fn erasing_a_contact_who_accepted_an_invitation_leaves_no_copy_of_them_in_it() {
        let app = app();
        let ana = customer(&app, "ana@kovinar.si", 1);
        let bor = invite(&app, &ana, "bor@kovinar.si", 10);
        assert_eq!(invitations_in_store(&app, "bor@kovinar.si"), 1);
        run(app.erase_contact(
            &crate::app::testing::staff_member(),
            &bor.contact.id,
            now(),
            &mut entropy(40),
        ))
        .unwrap();
        assert_eq!(invitations_in_store(&app, "bor@kovinar.si"), 0);
        let named = run(app.store.query(Statement::new(
            "SELECT COUNT(*) AS n FROM invitations WHERE name = 'Bor Kos' OR phone = '+38640111222'",
            vec![],
        )))
        .unwrap()[0]
            .integer("n")
            .unwrap();
        assert_eq!(named, 0);
    }
}
