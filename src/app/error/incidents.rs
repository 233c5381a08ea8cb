//! Refusals about support incidents and their billed sessions.

use thiserror::Error;

use super::Problem;
use crate::domain::billing::SessionError;
use crate::domain::incident::IncidentError;
use crate::domain::intake::NotRaisable;

#[derive(Debug, Error)]
pub enum IncidentsError {
    #[error("{0}")]
    State(#[from] IncidentError),
    #[error("{0}")]
    Session(#[from] SessionError),
    #[error("the incident was changed at the same time; try again")]
    Conflict,
    #[error("a phone call is already running on this incident: stop it first")]
    PhoneCallRunning,
    #[error("no phone call is running on this incident (stopped meanwhile?)")]
    NoPhoneCall,
    /// The desk's incident for a caller, refused by the rule the
    /// customer's own request is refused by (402 there, with the way to
    /// order coupons; the desk is told what it can do instead).
    #[error("No coupons left: the organisation's balance is {balance} coupon(s), and direct support needs at least one. Sell coupons first or adjust the balance")]
    NoCoupons { balance: i64 },
    #[error("{}", not_raisable(.0))]
    OrganisationNotActive(NotRaisable),
}

fn not_raisable(why: &NotRaisable) -> String {
    match why {
        NotRaisable::Unconfirmed => {
            "the organisation has not confirmed its registration yet: no incident can be opened for it".into()
        }
        NotRaisable::MergedInto(Some(into)) => format!(
            "the organisation was merged into {into}, which holds its license and contacts now: open the incident there"
        ),
        NotRaisable::MergedInto(None) => {
            "the organisation was merged into another: open the incident there".into()
        }
    }
}

impl IncidentsError {
    pub fn problem(&self) -> Problem {
        match self {
            Self::State(error) => {
                Problem::stating(409, "incident-state", "Not possible now", error)
            }
            Self::Session(error @ SessionError::Overlaps) => {
                Problem::stating(409, "session-overlaps", "Session overlaps", error)
            }
            Self::Session(error) => {
                Problem::stating(422, "invalid-session", "Invalid session", error)
            }
            Self::Conflict => Problem::stating(409, "conflict", "Changed meanwhile", self),
            Self::PhoneCallRunning => {
                Problem::stating(409, "phone-call-running", "Phone call running", self)
            }
            Self::NoPhoneCall => Problem::stating(409, "no-phone-call", "No phone call", self),
            Self::NoCoupons { .. } => Problem::stating(409, "no-coupons", "No coupons left", self),
            Self::OrganisationNotActive(_) => Problem::stating(
                409,
                "organisation-not-active",
                "Organisation not active",
                self,
            ),
        }
    }
}
