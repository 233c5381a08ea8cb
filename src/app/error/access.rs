//! Refusals of access: who the caller is, what they may do, how often.

use thiserror::Error;

use super::Problem;
use crate::domain::invitation::InvitationError;
use crate::domain::notification::{Withheld, LINKS_PER_HOUR};
use crate::domain::time::format;
use crate::domain::token::TokenError;

#[derive(Debug, Error)]
pub enum AccessError {
    #[error("missing or invalid credentials")]
    Unauthenticated,
    #[error("{0}")]
    Forbidden(&'static str),
    #[error("the account is not active")]
    AccountNotActive,
    #[error("{0}")]
    Token(#[from] TokenError),
    #[error("this email address is registered already")]
    EmailTaken,
    #[error("an organisation keeps at least one active contact")]
    LastContact,
    #[error("{0}")]
    Invitation(#[from] InvitationError),
    #[error("too many requests; try again in {0} seconds")]
    RateLimited(u32),
    /// The hourly quota of emailed links of a kind to the address is full:
    /// no link was sent. `retry_after` is in whole seconds from the request.
    #[error(
        "at most {LINKS_PER_HOUR} links of this kind are emailed to an address in an hour, and no new one was sent: \
         the last was asked for at {} (UTC); ask again from {} (UTC)",
        format(withheld.last_requested_at),
        format(withheld.retry_at)
    )]
    LinkWithheld {
        withheld: Withheld,
        retry_after: u32,
    },
}

impl AccessError {
    pub fn problem(&self) -> Problem {
        match self {
            Self::Unauthenticated => Problem::new(
                401,
                "unauthenticated",
                "Authentication required",
                "Send a valid token in an Authorization: Bearer header.",
            ),
            Self::Forbidden(why) => Problem::new(403, "forbidden", "Not allowed", format!("{why}.")),
            Self::AccountNotActive => Problem::new(
                403,
                "account-not-active",
                "Account not active",
                "Confirm your email address first, with the link in the registration email.",
            ),
            Self::Token(TokenError::Unknown) => Problem::new(
                400,
                "invalid-token",
                "Invalid token",
                "The token is not known. Use the newest link you were emailed.",
            ),
            Self::Token(TokenError::Expired) => {
                Problem::new(410, "token-expired", "Token expired", "The link has expired. Ask for a new one.")
            }
            Self::Token(TokenError::AlreadyUsed) => Problem::new(
                409,
                "token-used",
                "Token already used",
                "The link has been used already. Ask for a new one if you need to.",
            ),
            Self::EmailTaken => Problem::new(
                409,
                "email-taken",
                "Email already registered",
                "This email address is registered already. Sign in instead, or use another address.",
            ),
            Self::LastContact => Problem::new(
                409,
                "last-contact",
                "The last contact",
                format!("{self}: invite a colleague first."),
            ),
            Self::Invitation(error) => invitation_problem(*error),
            Self::RateLimited(_) => Problem::stating(429, "rate-limited", "Too many requests", self),
            Self::LinkWithheld { .. } => Problem::stating(429, "link-withheld", "Link withheld", self),
        }
    }
}

/// What an invitation's link that accepts nothing answers: 409 for one
/// accepted already or whose address became a contact meanwhile, 410 for
/// one that is gone (withdrawn, replaced, expired, its organisation merged).
fn invitation_problem(error: InvitationError) -> Problem {
    let (status, slug, title, detail) = match error {
        InvitationError::Accepted => (
            409,
            "invitation-accepted",
            "Invitation accepted already",
            "This invitation has been accepted already: sign in with the invited address.",
        ),
        InvitationError::AddressTaken => (
            409,
            "invited-address-taken",
            "Address taken",
            "The invited address is a contact of an organisation already (it registered, or accepted another invitation, meanwhile): sign in with it instead.",
        ),
        InvitationError::Withdrawn => (
            410,
            "invitation-withdrawn",
            "Invitation withdrawn",
            "Your colleague withdrew this invitation.",
        ),
        InvitationError::Replaced => (
            410,
            "invitation-replaced",
            "Invitation replaced",
            "A newer invitation replaced this one: open the newest invitation you were sent.",
        ),
        InvitationError::OrganisationNotActive => (
            410,
            "organisation-not-active",
            "Organisation no longer active",
            "The organisation that invited you is no longer active on the portal.",
        ),
        InvitationError::Expired => (
            410,
            "invitation-expired",
            "Invitation expired",
            "This invitation has expired: ask your colleague to invite you again.",
        ),
    };
    Problem::new(status, slug, title, detail)
}
