//! Who a customer's credential stands for: a contact, acting for its
//! organisation. Every customer use case takes a [`CustomerPrincipal`];
//! balance, orders, licenses and incidents are the organisation's, and the
//! contact is recorded as the one who acted.

use super::{App, AppError};
use crate::domain::organisation::ContactStatus;
use crate::domain::registration::CustomerStatus;
use crate::domain::time::Instant;
use crate::domain::token::{IssuedToken, Purpose, Token, TokenError};
use crate::store::{ContactRecord, CustomerRecord, Database};

/// A signed-in contact and the organisation it acts for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CustomerPrincipal {
    /// The organisation.
    pub customer: CustomerRecord,
    pub contact: ContactRecord,
}

impl CustomerPrincipal {
    /// Whether this principal may use the portal: an active contact of an
    /// active organisation.
    pub fn is_active(&self) -> bool {
        self.contact.status == ContactStatus::Active
            && self.customer.status == CustomerStatus::Active
            && self.contact.customer_id == self.customer.id
    }
}

impl<D: Database> App<D> {
    /// The active contact an `Authorization: Bearer` access token belongs to,
    /// with its organisation. A removed contact's tokens open nothing.
    pub async fn authenticate(
        &self,
        bearer: Option<&str>,
        now: Instant,
    ) -> Result<CustomerPrincipal, AppError> {
        let Some(token) = bearer.and_then(|b| Token::parse(b).ok()) else {
            return Err(self.refused(bearer, now).await);
        };
        match self.token_holder(&token, Purpose::Access, now).await {
            Err(AppError::Database(error)) => Err(error.into()),
            Ok((_, principal)) if principal.is_active() => Ok(principal),
            _ => Err(self.refused(bearer, now).await),
        }
    }

    /// The contact (and its organisation) a token was issued to, if it may be
    /// used now for `purpose`.
    pub(super) async fn token_holder(
        &self,
        token: &Token,
        purpose: Purpose,
        now: Instant,
    ) -> Result<(IssuedToken, CustomerPrincipal), AppError> {
        let issued = self
            .store
            .token(token.hash())
            .await?
            .ok_or(AppError::Token(TokenError::Unknown))?;
        issued.check(purpose, now).map_err(AppError::Token)?;
        let principal = self.principal(&issued.contact_id).await?;
        if principal.contact.status == ContactStatus::Removed {
            return Err(AppError::Token(TokenError::Unknown));
        }
        Ok((issued, principal))
    }

    /// A contact with its organisation, by the contact's id.
    pub async fn principal(&self, contact_id: &str) -> Result<CustomerPrincipal, AppError> {
        let contact = self
            .store
            .contact(contact_id)
            .await?
            .ok_or(AppError::NotFound)?;
        let customer = self
            .store
            .customer(&contact.customer_id)
            .await?
            .ok_or(AppError::NotFound)?;
        Ok(CustomerPrincipal { customer, contact })
    }

    /// Who an organisation's email goes to: the contact who acted while still
    /// active, else its longest-standing active contact.
    pub async fn principal_for(
        &self,
        customer_id: &str,
        acting: Option<&str>,
    ) -> Result<CustomerPrincipal, AppError> {
        let customer = self
            .store
            .customer(customer_id)
            .await?
            .ok_or(AppError::NotFound)?;
        let contact = self
            .store
            .contact_for(customer_id, acting)
            .await?
            .ok_or(AppError::NotFound)?;
        Ok(CustomerPrincipal { customer, contact })
    }
}
