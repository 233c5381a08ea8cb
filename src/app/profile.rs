//! Changing a profile: company data, name, phone and subscription at once;
//! a new address only once the link sent to it is confirmed, and the old
//! address is told.

use super::{link_withheld, App, AppError, Caller, CustomerPrincipal, Job, Profile};
use crate::app::AccessError;
use crate::domain::email::Email;
use crate::domain::entropy::Entropy;
use crate::domain::ledger::minutes_available;
use crate::domain::notification::{self, LinkKind};
use crate::domain::profile::ProfileChange;
use crate::domain::time::Instant;
use crate::domain::token::{Purpose, Token, TokenError};
use crate::store::{self, Database, DbError, OrderRecord, Query};

/// The links to confirm an address asked for it in the last hour.
fn links_requested(email: &Email, now: Instant) -> Query<Vec<Instant>> {
    store::link_requests_to(email, LinkKind::AddressChange, now)
}

/// A principal as a change written leaves it, to answer without reading
/// it again.
fn apply(change: &ProfileChange, principal: &mut CustomerPrincipal) {
    let text = |t: &crate::domain::text::Text| t.as_str().to_owned();
    let (customer, contact) = (&mut principal.customer, &mut principal.contact);
    if let Some(name) = &change.company_name {
        customer.company_name = text(name);
    }
    if let Some(street) = &change.street {
        customer.street = text(street);
    }
    if let Some(postal_code) = &change.postal_code {
        customer.postal_code = text(postal_code);
    }
    if let Some(city) = &change.city {
        customer.city = text(city);
    }
    if let Some(country) = change.country {
        customer.country = country.code().to_owned();
    }
    if let Some(vat_id) = &change.vat_id {
        customer.vat_id = vat_id.as_ref().map(|v| v.as_str().to_owned());
    }
    if let Some(name) = &change.contact_name {
        contact.name = text(name);
    }
    if let Some(phone) = &change.phone {
        contact.phone = phone.as_str().to_owned();
    }
    if let Some(newsletter) = change.newsletter {
        contact.newsletter = newsletter;
    }
    if let Some(language) = change.language {
        contact.language = language;
    }
}

/// The ledger lines an overview shows, newest first.
const OVERVIEW_LEDGER_LINES: i64 = 20;

/// A customer's overview, read in one batch: the profile and balance, the
/// newest ledger lines, orders, licenses with their activations and SUPS
/// coverage, incidents. `/portal` and `GET /api/me` render it.
#[derive(Debug)]
pub struct CustomerOverview {
    pub profile: Profile,
    pub orders: Vec<OrderRecord>,
    pub records: store::Overview,
    /// What VIES said of the VAT number, and how VAT applies to an order
    /// placed now, with its note.
    pub vat: super::VatStanding,
}

impl<D: Database> App<D> {
    /// The signed-in customer's overview, with who they are, in one round trip.
    pub async fn overview(&self, caller: &Caller) -> Result<CustomerOverview, AppError> {
        Ok(self.overview_with(caller, None).await?.0)
    }

    /// The overview, when a new address's links were asked for (`links`,
    /// if asked) and VIES's latest answer about the current VAT number, in
    /// one round trip. (One function for both: the overview is the
    /// Worker's largest read.)
    async fn overview_with(
        &self,
        caller: &Caller,
        links: Option<Query<Vec<Instant>>>,
    ) -> Result<
        (
            CustomerOverview,
            Option<Vec<Instant>>,
            Option<store::ViesAnswer>,
        ),
        AppError,
    > {
        let scope = caller.customer_scope();
        let (principal, (records, answer, orders, requested)) = self
            .read_as(
                caller,
                (
                    store::overview_of(&scope, OVERVIEW_LEDGER_LINES),
                    store::vat_number_answer(&scope),
                    store::orders_of(&scope),
                    links,
                ),
            )
            .await?;
        let principal = principal.customer()?;
        let vat = super::VatStanding::of(
            self.config.seller_country,
            &principal.customer,
            answer.as_ref(),
        )?;
        let pending_email = records
            .pending_emails
            .iter()
            .find(|(contact, _)| *contact == principal.contact.id)
            .map(|(_, email)| email.clone());
        let overview = CustomerOverview {
            profile: Profile {
                principal,
                coupon_balance: records.coupon_balance,
                minutes_available: minutes_available(records.coupon_balance),
                pending_email,
            },
            orders,
            records,
            vat,
        };
        Ok((overview, requested, answer))
    }
}

impl<D: Database> App<D> {
    /// The calling contact, the new address waiting for its link, if any,
    /// and what VIES said of the VAT number: what the profile form shows,
    /// in one round trip.
    pub async fn profile_form(
        &self,
        caller: &Caller,
    ) -> Result<(CustomerPrincipal, Option<String>, super::VatStanding), AppError> {
        let scope = caller.customer_scope();
        let (principal, (pending, answer)) = self
            .read_as(
                caller,
                (
                    store::pending_emails_in(&scope),
                    store::vat_number_answer(&scope),
                ),
            )
            .await?;
        let principal = principal.customer()?;
        let pending = pending
            .into_iter()
            .find(|(contact, _)| *contact == principal.contact.id)
            .map(|(_, email)| email);
        let vat = super::VatStanding::of(
            self.config.seller_country,
            &principal.customer,
            answer.as_ref(),
        )?;
        Ok((principal, pending, vat))
    }

    /// Saves every present field in one batch; a new address is stored as
    /// pending and its link emailed to it.
    pub async fn change_profile(
        &self,
        principal: &CustomerPrincipal,
        change: &ProfileChange,
        now: Instant,
        entropy: &mut Entropy,
    ) -> Result<Vec<Job>, AppError> {
        let requested = match &change.email {
            Some(email) if *email != principal.contact.email => {
                self.store.fetch(links_requested(email, now)).await?
            }
            _ => Vec::new(),
        };
        let (batch, jobs) = self.profile_changes(principal, change, &requested, now, entropy)?;
        self.write_profile(batch, &requested, now).await?;
        Ok(jobs)
    }

    /// The same as the caller, answered with the overview as it is after
    /// the change: one batch reads both, one writes.
    pub async fn change_profile_as(
        &self,
        caller: &Caller,
        change: &ProfileChange,
        now: Instant,
        entropy: &mut Entropy,
    ) -> Result<(CustomerOverview, Vec<Job>), AppError> {
        let extra = change.email.as_ref().map(|e| links_requested(e, now));
        let (mut overview, requested, answer) = self.overview_with(caller, extra).await?;
        let requested = requested.unwrap_or_default();
        let principal = &mut overview.profile.principal;
        let (batch, jobs) = self.profile_changes(principal, change, &requested, now, entropy)?;
        self.write_profile(batch, &requested, now).await?;
        if let Some(email) = change
            .email
            .as_ref()
            .filter(|e| **e != principal.contact.email)
        {
            overview.profile.pending_email = Some(email.as_str().to_owned());
        }
        // VIES's answer was about the number before the change: a new
        // number has none yet.
        let answer = match change.vat_id.as_ref() {
            Some(vat_id)
                if vat_id.as_ref().map(|v| v.as_str()) != principal.customer.vat_id.as_deref() =>
            {
                None
            }
            _ => answer,
        };
        apply(change, &mut overview.profile.principal);
        overview.vat = super::VatStanding::of(
            self.config.seller_country,
            &overview.profile.principal.customer,
            answer.as_ref(),
        )?;
        Ok((overview, jobs))
    }

    /// Writes a change's statements, if any: a new address's link beyond
    /// the quota (a request raced this one) is withheld, and nothing saved.
    async fn write_profile(
        &self,
        batch: Vec<store::Statement>,
        requested: &[Instant],
        now: Instant,
    ) -> Result<(), AppError> {
        if batch.is_empty() {
            return Ok(());
        }
        match self.store.write(batch).await {
            Err(error) if store::is_link_quota_full(&error) => Err(link_withheld(
                notification::raced_link_quota(requested, now),
                now,
            )),
            Err(error) => Err(error.into()),
            Ok(_) => Ok(()),
        }
    }

    /// The statements of a change, and the jobs they ask for; `requested`
    /// is when links to the new address were asked for in the last hour.
    fn profile_changes(
        &self,
        principal: &CustomerPrincipal,
        change: &ProfileChange,
        requested: &[Instant],
        now: Instant,
        entropy: &mut Entropy,
    ) -> Result<(Vec<store::Statement>, Vec<Job>), AppError> {
        let contact = &principal.contact;
        let mut batch = Vec::new();
        if change.changes_company() {
            batch.push(store::update_company(
                &principal.customer.id,
                &contact.id,
                change,
            ));
        }
        if change.contact_name.is_some() || change.phone.is_some() || change.language.is_some() {
            batch.push(store::update_contact(&contact.id, change));
        }
        match change.newsletter {
            Some(true) => batch.push(store::subscribe(&contact.id, now)),
            Some(false) => batch.push(store::unsubscribe(&contact.id)),
            None => {}
        }
        let mut jobs = Vec::new();
        if let Some(vat_id) = &change.vat_id {
            let customer = &principal.customer;
            jobs.extend(super::vies::check_job(
                &customer.id,
                customer.vat_id.as_deref(),
                vat_id.as_ref().map(|v| v.as_str()),
            ));
        }
        if let Some(email) = change.email.as_ref().filter(|e| **e != contact.email) {
            notification::link_quota(requested, now).map_err(|w| link_withheld(w, now))?;
            let token = Token::generate(entropy);
            let expires_at = now + Purpose::VerifyEmail.lifetime();
            let message = notification::confirm_new_email(
                notification::Recipient::contact(contact.id.as_str(), email, contact.language),
                &contact.name,
                &self.config.public_base_url,
                token.as_str(),
                expires_at,
            );
            let outbox_id = entropy.id("msg");
            batch.push(store::record_link_request(
                &entropy.id("lrq"),
                email,
                LinkKind::AddressChange,
                now,
            ));
            batch.push(store::set_pending_email(
                &contact.id,
                email.as_str(),
                token.hash(),
                expires_at,
            ));
            batch.push(store::insert_message(&outbox_id, &message, now));
            jobs.push(Job::DeliverEmail { outbox_id });
        }
        Ok((batch, jobs))
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
            .ok_or(AppError::Access(AccessError::Token(TokenError::Unknown)))?;
        if pending.expires_at <= now {
            return Err(AppError::Access(AccessError::Token(TokenError::Expired)));
        }
        let old = Email::parse(&pending.email)
            .map_err(|_| DbError::Decode(format!("email of {}", pending.contact_id)))?;
        let notice = notification::email_changed(
            notification::Recipient::contact(&pending.contact_id, &old, pending.language),
            &pending.name,
            &pending.pending_email,
        );
        let outbox_id = entropy.id("msg");
        let written = self
            .store
            .write(vec![
                store::insert_notice_if_pending(&outbox_id, &notice, link.hash(), now),
                store::confirm_email(link.hash(), now),
            ])
            .await;
        match written {
            Err(error) if error.is_unique_violation("contacts.email") => {
                Err(AppError::Access(AccessError::EmailTaken))
            }
            Err(error) => Err(error.into()),
            Ok(changes) if changes[1] == 0 => Err(AppError::Access(AccessError::Token(
                TokenError::AlreadyUsed,
            ))),
            Ok(_) => Ok(vec![Job::DeliverEmail { outbox_id }]),
        }
    }
}
