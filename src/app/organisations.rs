//! An organisation's people (invitations, removal) and the license claims
//! staff decide (assign, join the holder, refuse), and staff giving a license
//! to an organisation.

use super::{AccessGrant, App, AppError, CustomerPrincipal, Job};
use crate::domain::email::Email;
use crate::domain::entropy::Entropy;
use crate::domain::ledger::{free_coupon, free_grant_key, FreeCoupon};
use crate::domain::notification;
use crate::domain::organisation::{ClaimStatus, ContactStatus};
use crate::domain::phone::Phone;
use crate::domain::serial::{LicenseSerial, SerialNumber};
use crate::domain::text::Text;
use crate::domain::time::Instant;
use crate::domain::token::{IssuedToken, Purpose, Token, TokenError};
use crate::store::{self, ClaimRecord, ContactRecord, Database, DbError, Invitee, Statement};

/// An invitation written, its email waiting in the outbox.
#[derive(Debug)]
pub struct Invited {
    pub contact: ContactRecord,
    pub jobs: Vec<Job>,
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

/// Who removes a contact.
pub enum Remover<'a> {
    Contact(&'a CustomerPrincipal),
    Staff,
}

fn decode_email(contact: &ContactRecord) -> Result<Email, AppError> {
    Email::parse(&contact.email)
        .map_err(|_| DbError::Decode(format!("email of {}", contact.id)).into())
}

impl<D: Database> App<D> {
    /// The organisation's people, not removed ones.
    pub async fn contacts(
        &self,
        principal: &CustomerPrincipal,
    ) -> Result<Vec<ContactRecord>, AppError> {
        Ok(self.store.contacts_of(&principal.customer.id).await?)
    }

    /// A contact invites a colleague: an `invited` contact of the same
    /// organisation and an emailed link that accepts.
    pub async fn invite_contact(
        &self,
        principal: &CustomerPrincipal,
        name: &Text,
        email: &Email,
        phone: &Phone,
        now: Instant,
        entropy: &mut Entropy,
    ) -> Result<Invited, AppError> {
        if self.store.contact_by_email(email.as_str()).await?.is_some() {
            return Err(AppError::EmailTaken);
        }
        let contact_id = entropy.id("con");
        let token = Token::generate(entropy);
        let issued = IssuedToken::issue(Purpose::Invitation, &contact_id, now);
        let message = notification::invitation(
            email,
            name.as_str(),
            &principal.customer.company_name,
            &principal.contact.name,
            &self.config.public_base_url,
            token.as_str(),
            issued.expires_at,
        );
        let outbox_id = entropy.id("msg");
        let written = self
            .store
            .write(vec![
                store::insert_invited_contact(
                    &Invitee {
                        id: &contact_id,
                        customer_id: &principal.customer.id,
                        name: name.as_str(),
                        email: email.as_str(),
                        phone: phone.as_str(),
                        invited_by: &principal.contact.id,
                    },
                    now,
                ),
                store::insert_token(token.hash(), &issued, now),
                store::insert_message(&outbox_id, &message, now),
            ])
            .await;
        match written {
            Err(error) if error.is_unique_violation("contacts.email") => {
                return Err(AppError::EmailTaken)
            }
            // The token refers to the contact: without it, the batch fails.
            Err(error) if error.is_constraint("FOREIGN KEY") => return Err(AppError::NotFound),
            Err(error) => return Err(error.into()),
            Ok(_) => {}
        }
        let contact = self
            .store
            .contact(&contact_id)
            .await?
            .ok_or(AppError::NotFound)?;
        Ok(Invited {
            contact,
            jobs: vec![Job::DeliverEmail { outbox_id }],
        })
    }

    /// The invited person accepts from the invitation page (a POST, never
    /// the link itself): they become an active contact and are signed in.
    pub async fn accept_invitation(
        &self,
        link: &Token,
        now: Instant,
        entropy: &mut Entropy,
    ) -> Result<AccessGrant, AppError> {
        let (_, principal) = self.token_holder(link, Purpose::Invitation, now).await?;
        let access_token = Token::generate(entropy);
        let access = IssuedToken::issue(Purpose::Access, &principal.contact.id, now);
        let changes = self
            .store
            .write(vec![
                store::exchange_token(link.hash(), access_token.hash(), &access, now),
                store::spend_token(link.hash(), now),
                store::activate_contact(&principal.contact.id, now),
            ])
            .await?;
        if changes[0] == 0 {
            return Err(AppError::Token(TokenError::AlreadyUsed));
        }
        Ok(AccessGrant {
            access_token,
            expires_at: access.expires_at,
        })
    }

    /// Removes a contact of an organisation, by a colleague or by staff;
    /// never the last active one (the schema's trigger decides inside the
    /// batch). The removed contact's links and tokens end at once.
    pub async fn remove_contact(
        &self,
        by: Remover<'_>,
        customer_id: &str,
        contact_id: &str,
        now: Instant,
    ) -> Result<(), AppError> {
        let contact = match self.store.contact(contact_id).await? {
            Some(c) if c.customer_id == customer_id && c.status != ContactStatus::Removed => c,
            _ => return Err(AppError::NotFound),
        };
        let remover = match by {
            Remover::Contact(principal) => principal.contact.id.clone(),
            Remover::Staff => "staff".to_owned(),
        };
        let written = self
            .store
            .write(vec![
                store::remove_contact(&contact.id, customer_id, &remover, now),
                store::delete_tokens_of_contact(&contact.id),
            ])
            .await;
        match written {
            Err(error) if error.is_constraint("at least one active contact") => {
                Err(AppError::LastContact)
            }
            Err(error) => Err(error.into()),
            Ok(_) => Ok(()),
        }
    }

    /// Claims waiting for staff.
    pub async fn license_claims(&self) -> Result<Vec<ClaimRecord>, AppError> {
        Ok(self.store.pending_claims().await?)
    }

    async fn pending_claim(&self, claim_id: &str) -> Result<ClaimRecord, AppError> {
        let claim = self
            .store
            .claim(claim_id)
            .await?
            .ok_or(AppError::NotFound)?;
        if claim.status.is_pending() {
            Ok(claim)
        } else {
            Err(AppError::ClaimDecided)
        }
    }

    /// The free coupon of a confirmed serial for an organisation, written
    /// only if it holds the license by then in the batch.
    async fn free_coupon_for(
        &self,
        customer_id: &str,
        serial: &SerialNumber,
        now: Instant,
        entropy: &mut Entropy,
    ) -> Result<Option<Statement>, AppError> {
        let already = self
            .store
            .ledger_key_exists(&free_grant_key(serial))
            .await?;
        Ok(
            match free_coupon(
                customer_id,
                &LicenseSerial::Known(serial.clone()),
                already,
                entropy.id("led"),
                now,
            ) {
                FreeCoupon::Grant(entry) => {
                    Some(store::grant_free_coupon_if_holder(&entry, serial.as_str()))
                }
                _ => None,
            },
        )
    }

    /// Staff give the claimed license to the claimant's organisation, only
    /// while no organisation holds it. `serial` names the license for a
    /// claim made with "0" (or corrects a mistyped one).
    pub async fn assign_claim(
        &self,
        claim_id: &str,
        serial: Option<&SerialNumber>,
        now: Instant,
        entropy: &mut Entropy,
    ) -> Result<ClaimDecision, AppError> {
        let claim = self.pending_claim(claim_id).await?;
        let serial = match serial {
            Some(serial) => serial.clone(),
            None => SerialNumber::parse(&claim.serial).map_err(|_| AppError::UnknownLicense)?,
        };
        let license = self
            .store
            .license(serial.as_str())
            .await?
            .ok_or(AppError::UnknownLicense)?;
        if license
            .holder_id
            .as_deref()
            .is_some_and(|h| h != claim.customer_id)
        {
            return Err(AppError::HeldByAnotherOrganisation);
        }
        let mut batch = vec![
            store::hold_if_unheld(serial.as_str(), &claim.customer_id),
            store::assign_claim(claim_id, serial.as_str(), now),
        ];
        let had_grant = self.store.has_free_grant(&claim.customer_id).await?;
        batch.extend(
            self.free_coupon_for(&claim.customer_id, &serial, now, entropy)
                .await?,
        );
        let changes = self.store.write(batch).await?;
        if changes[1] == 0 {
            // Another organisation became the holder, or staff decided it.
            return Err(AppError::HeldByAnotherOrganisation);
        }
        Ok(ClaimDecision::Assigned {
            free_coupon: !had_grant && self.store.has_free_grant(&claim.customer_id).await?,
        })
    }

    /// Staff ask the holder's contacts whether the claimant is a colleague:
    /// each gets a link whose page confirms.
    pub async fn request_join(
        &self,
        claim_id: &str,
        now: Instant,
        entropy: &mut Entropy,
    ) -> Result<ClaimDecision, AppError> {
        let claim = self.pending_claim(claim_id).await?;
        let serial = claim
            .resolved_serial
            .clone()
            .unwrap_or_else(|| claim.serial.clone());
        let holder = self
            .store
            .license(&serial)
            .await?
            .and_then(|l| l.holder_id)
            .ok_or(AppError::LicenseNotHeld)?;
        if holder == claim.customer_id {
            return Err(AppError::ClaimDecided);
        }
        let claimant = self
            .store
            .contact(&claim.contact_id)
            .await?
            .ok_or(AppError::NotFound)?;
        let mut batch = vec![store::request_join(claim_id, &serial)];
        let mut jobs = Vec::new();
        for contact in self.store.contacts_of(&holder).await? {
            if contact.status != ContactStatus::Active {
                continue;
            }
            let token = Token::generate(entropy);
            let mut issued = IssuedToken::issue(Purpose::ConfirmJoin, &contact.id, now);
            issued.claim_id = Some(claim.id.clone());
            let message = notification::join_request(
                &decode_email(&contact)?,
                &claimant.name,
                &claimant.email,
                &claim.company_name,
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
        self.store.write(batch).await?;
        Ok(ClaimDecision::JoinRequested { jobs })
    }

    /// A contact of the holder confirms (a POST from the link's page): the
    /// claimant contact moves into the holding organisation. If that leaves
    /// the claimant's organisation without contacts, it is marked `merged`
    /// into the holder; its ledger and orders stay where they are (staff move
    /// a remaining balance by adjustments).
    pub async fn confirm_join(&self, link: &Token, now: Instant) -> Result<(), AppError> {
        let (issued, confirmer) = self.token_holder(link, Purpose::ConfirmJoin, now).await?;
        let claim = self
            .store
            .claim(issued.claim_id.as_deref().unwrap_or_default())
            .await?
            .ok_or(AppError::NotFound)?;
        if claim.status != ClaimStatus::JoinRequested || !confirmer.is_active() {
            return Err(AppError::ClaimDecided);
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
            return Err(AppError::Token(TokenError::AlreadyUsed));
        }
        Ok(())
    }

    /// Staff refuse a claim with a reason, which the claimant is emailed.
    pub async fn refuse_claim(
        &self,
        claim_id: &str,
        reason: &Text,
        now: Instant,
        entropy: &mut Entropy,
    ) -> Result<ClaimDecision, AppError> {
        let claim = self.pending_claim(claim_id).await?;
        let to = Email::parse(&claim.email)
            .map_err(|_| DbError::Decode(format!("email of {}", claim.contact_id)))?;
        let message = notification::claim_refused(&to, &claim.serial, reason.as_str());
        let outbox_id = entropy.id("msg");
        let changes = self
            .store
            .write(vec![
                store::refuse_claim(claim_id, reason.as_str(), now),
                store::insert_message(&outbox_id, &message, now),
            ])
            .await?;
        if changes[0] == 0 {
            return Err(AppError::ClaimDecided);
        }
        Ok(ClaimDecision::Refused {
            jobs: vec![Job::DeliverEmail { outbox_id }],
        })
    }

    /// Staff make an organisation a license's holder, whoever held it (a
    /// correction is staff's to make). The free coupon follows the usual
    /// rule: once per license and once per organisation.
    pub async fn set_holder(
        &self,
        serial: &SerialNumber,
        customer_id: &str,
        now: Instant,
        entropy: &mut Entropy,
    ) -> Result<bool, AppError> {
        self.store
            .license(serial.as_str())
            .await?
            .ok_or(AppError::NotFound)?;
        let customer = self
            .store
            .customer(customer_id)
            .await?
            .ok_or(AppError::NotFound)?;
        Self::require_active(customer.status)?;
        let had_grant = self.store.has_free_grant(customer_id).await?;
        let mut batch = vec![store::transfer_holder(serial.as_str(), customer_id)];
        batch.extend(
            self.free_coupon_for(customer_id, serial, now, entropy)
                .await?,
        );
        self.store.write(batch).await?;
        Ok(!had_grant && self.store.has_free_grant(customer_id).await?)
    }
}
