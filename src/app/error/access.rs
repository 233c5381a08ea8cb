//! Refusals of access: who the caller is, what they may do, how often.

use thiserror::Error;

use super::{Problem, Reason};
use crate::domain::invitation::InvitationError;
use crate::domain::language::Language;
use crate::domain::messages as m;
use crate::domain::notification::{Withheld, LINKS_PER_HOUR};
use crate::domain::time::format;
use crate::domain::token::TokenError;

#[derive(Debug, Error)]
pub enum AccessError {
    #[error("missing or invalid credentials")]
    Unauthenticated,
    /// Why, in every language (a catalogue message).
    #[error("{}", .0(Language::En))]
    Forbidden(Reason),
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
    pub fn problem(&self, lang: Language) -> Problem {
        match self {
            Self::Unauthenticated => Problem::new(
                401,
                "unauthenticated",
                m::problem_unauthenticated_title(lang),
                m::problem_unauthenticated(lang),
            ),
            Self::Forbidden(why) => Problem::new(
                403,
                "forbidden",
                m::problem_forbidden_title(lang),
                sentence(&m::problem_forbidden(lang, why(lang))),
            ),
            Self::AccountNotActive => Problem::new(
                403,
                "account-not-active",
                m::problem_account_not_active_title(lang),
                m::problem_account_not_active(lang),
            ),
            Self::Token(TokenError::Unknown) => Problem::new(
                400,
                "invalid-token",
                m::problem_invalid_token_title(lang),
                m::problem_invalid_token(lang),
            ),
            Self::Token(TokenError::Expired) => Problem::new(
                410,
                "token-expired",
                m::problem_token_expired_title(lang),
                m::problem_token_expired(lang),
            ),
            Self::Token(TokenError::AlreadyUsed) => Problem::new(
                409,
                "token-used",
                m::problem_token_used_title(lang),
                m::problem_token_used(lang),
            ),
            Self::EmailTaken => Problem::new(
                409,
                "email-taken",
                m::problem_email_taken_title(lang),
                m::problem_email_taken(lang),
            ),
            Self::LastContact => Problem::new(
                409,
                "last-contact",
                m::problem_last_contact_title(lang),
                m::problem_last_contact(lang),
            ),
            Self::Invitation(error) => invitation_problem(*error, lang),
            Self::RateLimited(seconds) => Problem::new(
                429,
                "rate-limited",
                m::problem_rate_limited_title(lang),
                m::problem_rate_limited(lang, i64::from(*seconds)),
            ),
            Self::LinkWithheld { withheld, .. } => Problem::new(
                429,
                "link-withheld",
                m::problem_link_withheld_title(lang),
                m::problem_link_withheld(
                    lang,
                    m::ProblemLinkWithheld {
                        count: LINKS_PER_HOUR,
                        last: &in_ljubljana(lang, withheld.last_requested_at),
                        retry: &in_ljubljana(lang, withheld.retry_at),
                    },
                ),
            ),
        }
    }
}

/// An instant as a person reads it: Ljubljana's time in the reader's
/// conventions, the zone named (`6. 12. 2026 ob 19:05 (CET)`).
fn in_ljubljana(lang: Language, at: crate::domain::time::Instant) -> String {
    let (local, zone) = crate::domain::time::in_ljubljana(at);
    format!("{} ({zone})", crate::domain::format::date_time(lang, local))
}

/// The text with its first letter in upper case: a reason said inside
/// other sentences, as a sentence of its own.
pub(super) fn sentence(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// What an invitation's link that accepts nothing answers: 409 for one
/// accepted already or whose address became a contact meanwhile, 410 for
/// one that is gone (withdrawn, replaced, expired, its organisation merged).
fn invitation_problem(error: InvitationError, lang: Language) -> Problem {
    let (status, slug, title, detail): (_, _, Reason, Reason) = match error {
        InvitationError::Accepted => (
            409,
            "invitation-accepted",
            m::problem_invitation_accepted_title,
            m::problem_invitation_accepted,
        ),
        InvitationError::AddressTaken => (
            409,
            "invited-address-taken",
            m::problem_invited_address_taken_title,
            m::problem_invited_address_taken,
        ),
        InvitationError::Withdrawn => (
            410,
            "invitation-withdrawn",
            m::problem_invitation_withdrawn_title,
            m::problem_invitation_withdrawn,
        ),
        InvitationError::Replaced => (
            410,
            "invitation-replaced",
            m::problem_invitation_replaced_title,
            m::problem_invitation_replaced,
        ),
        InvitationError::OrganisationNotActive => (
            410,
            "organisation-not-active",
            m::problem_organisation_gone_title,
            m::problem_organisation_gone,
        ),
        InvitationError::Expired => (
            410,
            "invitation-expired",
            m::problem_invitation_expired_title,
            m::problem_invitation_expired,
        ),
    };
    Problem::new(status, slug, title(lang), detail(lang))
}
