//! Invitations: an active contact offers a colleague a place in the
//! organisation by an emailed link. An invitation is an offer, not a
//! contact: it reserves nothing (the address's owner may still register,
//! or accept another organisation's invitation), and accepting it is what
//! makes the contact, if the address is nobody's contact by then.

use thiserror::Error;

use super::time::Instant;

/// How long an invitation's link may be accepted.
pub fn lifetime() -> chrono::Duration {
    chrono::Duration::days(7)
}

/// Why an invitation's link accepts nothing (any more).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Error)]
pub enum InvitationError {
    #[error("the invitation has been accepted already")]
    Accepted,
    #[error("the invitation was withdrawn")]
    Withdrawn,
    #[error("a newer invitation replaced this one")]
    Replaced,
    #[error("the organisation that sent the invitation is no longer active")]
    OrganisationNotActive,
    #[error("the invitation has expired")]
    Expired,
    /// The address registered, or accepted another invitation, meanwhile.
    #[error("the invited address is a contact of an organisation already")]
    AddressTaken,
}

/// Where an invitation stands, as the database keeps it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Standing {
    pub expires_at: Instant,
    pub accepted_at: Option<Instant>,
    pub withdrawn_at: Option<Instant>,
    /// When a newer invitation of the same address by the same
    /// organisation replaced it.
    pub replaced_at: Option<Instant>,
    /// Whether the inviting organisation is still active (not merged into
    /// another).
    pub organisation_active: bool,
}

impl Standing {
    /// Whether the link may be accepted now. What happened to it comes
    /// first (accepted, withdrawn, replaced), then what happened around it
    /// (the organisation), then time: the page says the most telling.
    pub fn check(&self, now: Instant) -> Result<(), InvitationError> {
        if self.accepted_at.is_some() {
            Err(InvitationError::Accepted)
        } else if self.withdrawn_at.is_some() {
            Err(InvitationError::Withdrawn)
        } else if self.replaced_at.is_some() {
            Err(InvitationError::Replaced)
        } else if !self.organisation_active {
            Err(InvitationError::OrganisationNotActive)
        } else if now >= self.expires_at {
            Err(InvitationError::Expired)
        } else {
            Ok(())
        }
    }

    /// Whether the link may be accepted now, making its address a contact:
    /// the invitation open, and the address nobody's contact yet (the
    /// batch that writes the contact checks the address again).
    pub fn accept(&self, address_is_a_contact: bool, now: Instant) -> Result<(), InvitationError> {
        self.check(now)?;
        if address_is_a_contact {
            Err(InvitationError::AddressTaken)
        } else {
            Ok(())
        }
    }

    /// An invitation the organisation still waits on: neither accepted,
    /// withdrawn nor replaced (perhaps expired: then the colleague asks for
    /// a new one).
    pub fn is_waiting(&self) -> bool {
        self.accepted_at.is_none() && self.withdrawn_at.is_none() && self.replaced_at.is_none()
    }

    /// What the organisation's list shows: `pending` or `expired`, or what
    /// became of it.
    pub fn status(&self, now: Instant) -> &'static str {
        match self.check(now) {
            Ok(()) => "pending",
            Err(InvitationError::Accepted) => "accepted",
            Err(InvitationError::Withdrawn) => "withdrawn",
            Err(InvitationError::Replaced) => "replaced",
            Err(InvitationError::OrganisationNotActive) => "organisation_not_active",
            Err(InvitationError::Expired) => "expired",
            Err(InvitationError::AddressTaken) => "address_taken",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::time::from_unix_millis;

    fn sent() -> Instant {
        from_unix_millis(1_795_000_000_000).unwrap()
    }

    fn open() -> Standing {
        Standing {
            expires_at: sent() + lifetime(),
            accepted_at: None,
            withdrawn_at: None,
            replaced_at: None,
            organisation_active: true,
        }
    }

    #[test]
    fn an_invitation_is_accepted_within_seven_days_only() {
        let last = sent() + lifetime() - chrono::Duration::milliseconds(1);
        assert_eq!(open().check(last), Ok(()));
        assert_eq!(
            open().check(sent() + lifetime()),
            Err(InvitationError::Expired)
        );
        assert_eq!(open().status(sent() + lifetime()), "expired");
        assert!(open().is_waiting());
    }

    #[test]
    fn what_became_of_an_invitation_is_said_before_its_age() {
        let late = sent() + lifetime() + chrono::Duration::days(1);
        let accepted = Standing {
            accepted_at: Some(sent()),
            ..open()
        };
        assert_eq!(accepted.check(late), Err(InvitationError::Accepted));
        let withdrawn = Standing {
            withdrawn_at: Some(sent()),
            ..open()
        };
        assert_eq!(withdrawn.check(late), Err(InvitationError::Withdrawn));
        let replaced = Standing {
            replaced_at: Some(sent()),
            ..open()
        };
        assert_eq!(replaced.check(sent()), Err(InvitationError::Replaced));
        assert!(!replaced.is_waiting());
        let merged = Standing {
            organisation_active: false,
            ..open()
        };
        assert_eq!(
            merged.check(sent()),
            Err(InvitationError::OrganisationNotActive)
        );
    }

    #[test]
    fn an_address_that_became_a_contact_accepts_nothing() {
        assert_eq!(open().accept(false, sent()), Ok(()));
        assert_eq!(
            open().accept(true, sent()),
            Err(InvitationError::AddressTaken)
        );
        let late = sent() + lifetime();
        assert_eq!(open().accept(true, late), Err(InvitationError::Expired));
    }
}
