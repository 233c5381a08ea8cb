//! Changing a profile: company data, name, phone and subscription at once;
//! a new address only once the link sent to it is confirmed, and the old
//! address is told.

use super::{App, AppError, CustomerPrincipal, Job};
use crate::domain::email::Email;
use crate::domain::entropy::Entropy;
use crate::domain::field::{FieldErrors, Invalid};
use crate::domain::notification;
use crate::domain::profile::ProfileChange;
use crate::domain::time::Instant;
use crate::domain::token::{Purpose, Token, TokenError};
use crate::store::{self, Database, DbError};

impl<D: Database> App<D> {
    /// Saves every present field in one batch; a new address is stored as
    /// pending and its link emailed to it.
    pub async fn change_profile(
        &self,
        principal: &CustomerPrincipal,
        change: &ProfileChange,
        now: Instant,
        entropy: &mut Entropy,
    ) -> Result<Vec<Job>, AppError> {
        let contact = &principal.contact;
        let mut batch = Vec::new();
        if change.changes_company() {
            batch.push(store::update_company(
                &principal.customer.id,
                &contact.id,
                change,
            ));
        }
        if change.contact_name.is_some() || change.phone.is_some() {
            batch.push(store::update_contact(&contact.id, change));
        }
        match change.newsletter {
            Some(true) => batch.push(store::subscribe(&contact.id, now)),
            Some(false) => batch.push(store::unsubscribe(&contact.id)),
            None => {}
        }
        let mut jobs = Vec::new();
        if let Some(email) = change
            .email
            .as_ref()
            .filter(|e| e.as_str() != contact.email)
        {
            let sent = self
                .store
                .messages_to_since(email.as_str(), now - chrono::Duration::hours(1))
                .await?;
            if !notification::may_send_link(sent) {
                let mut errors = FieldErrors::default();
                errors.push(
                    "contact.email",
                    Invalid::new("rate_limited", "had too many emails; try again in an hour"),
                );
                return Err(AppError::Invalid(errors));
            }
            let token = Token::generate(entropy);
            let expires_at = now + Purpose::VerifyEmail.lifetime();
            let message = notification::confirm_new_email(
                email,
                &contact.name,
                &self.config.public_base_url,
                token.as_str(),
                expires_at,
            );
            let outbox_id = entropy.id("msg");
            batch.push(store::set_pending_email(
                &contact.id,
                email.as_str(),
                token.hash(),
                expires_at,
            ));
            batch.push(store::insert_message(&outbox_id, &message, now));
            jobs.push(Job::DeliverEmail { outbox_id });
        }
        if !batch.is_empty() {
            self.store.write(batch).await?;
        }
        Ok(jobs)
    }

    /// The principal as the database has it now, after a change.
    pub async fn reload(
        &self,
        principal: CustomerPrincipal,
    ) -> Result<CustomerPrincipal, AppError> {
        let customer = self
            .store
            .customer(&principal.customer.id)
            .await?
            .ok_or(AppError::NotFound)?;
        let contact = self
            .store
            .contact(&principal.contact.id)
            .await?
            .ok_or(AppError::NotFound)?;
        Ok(CustomerPrincipal { customer, contact })
    }

    /// The new address's link, confirmed: it replaces the old address,
    /// which is told. An address another contact holds by now is refused
    /// by the batch itself, and nothing changes.
    pub async fn confirm_email(
        &self,
        link: &Token,
        now: Instant,
        entropy: &mut Entropy,
    ) -> Result<Vec<Job>, AppError> {
        let pending = self
            .store
            .pending_email_by_link(link.hash())
            .await?
            .ok_or(AppError::Token(TokenError::Unknown))?;
        if pending.expires_at <= now {
            return Err(AppError::Token(TokenError::Expired));
        }
        let old = Email::parse(&pending.email)
            .map_err(|_| DbError::Decode(format!("email of {}", pending.contact_id)))?;
        let notice = notification::email_changed(&old, &pending.name, &pending.pending_email);
        let outbox_id = entropy.id("msg");
        let written = self
            .store
            .write(vec![
                store::insert_notice_if_pending(&outbox_id, &notice, link.hash(), now),
                store::confirm_email(link.hash(), now),
            ])
            .await;
        match written {
            Err(error) if error.is_unique_violation("contacts.email") => Err(AppError::EmailTaken),
            Err(error) => Err(error.into()),
            Ok(changes) if changes[1] == 0 => Err(AppError::Token(TokenError::AlreadyUsed)),
            Ok(_) => Ok(vec![Job::DeliverEmail { outbox_id }]),
        }
    }
}
