//! Refusals of access: who the caller is, what they may do, how often.

use thiserror::Error;

use super::Problem;
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
            Self::RateLimited(_) => Problem::stating(429, "rate-limited", "Too many requests", self),
            Self::LinkWithheld { .. } => Problem::stating(429, "link-withheld", "Link withheld", self),
        }
    }
}
