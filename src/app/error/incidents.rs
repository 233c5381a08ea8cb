//! Refusals about support incidents and their billed sessions.

use thiserror::Error;

use super::{Problem, Reason};
use crate::domain::billing::SessionError;
use crate::domain::incident::IncidentError;
use crate::domain::intake::NotRaisable;
use crate::domain::language::Language;
use crate::domain::messages as m;

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
    #[error("{}", m::problem_no_coupons(Language::En, *balance))]
    NoCoupons { balance: i64 },
    #[error("{}", not_raisable(.0))]
    OrganisationNotActive(NotRaisable),
}

fn not_raisable(why: &NotRaisable) -> String {
    not_raisable_in(why, Language::En)
}

fn not_raisable_in(why: &NotRaisable, lang: Language) -> String {
    match why {
        NotRaisable::Unconfirmed => m::problem_organisation_unconfirmed(lang).into(),
        NotRaisable::MergedInto(Some(into)) => m::problem_organisation_merged_into(lang, into),
        NotRaisable::MergedInto(None) => m::problem_organisation_merged(lang).into(),
    }
}

impl IncidentsError {
    pub fn problem(&self, lang: Language) -> Problem {
        let (status, slug, title, detail): (u16, &'static str, Reason, String) = match self {
            Self::State(error) => (
                409,
                "incident-state",
                m::problem_incident_state_title,
                match error {
                    IncidentError::Closed => m::problem_incident_closed(lang),
                    IncidentError::AwaitingCustomer => m::problem_incident_awaiting_customer(lang),
                }
                .into(),
            ),
            Self::Session(SessionError::Overlaps) => (
                409,
                "session-overlaps",
                m::problem_session_overlaps_title,
                m::problem_session_overlaps(lang).into(),
            ),
            Self::Session(error) => (
                422,
                "invalid-session",
                m::problem_invalid_session_title,
                match error {
                    SessionError::EndsBeforeStart => m::problem_session_ends_before_start(lang),
                    SessionError::TooLong => m::problem_session_too_long(lang),
                    SessionError::InTheFuture => m::problem_session_in_the_future(lang),
                    SessionError::Overlaps => m::problem_session_overlaps(lang),
                }
                .into(),
            ),
            Self::Conflict => (
                409,
                "conflict",
                m::problem_conflict_title,
                m::problem_conflict(lang).into(),
            ),
            Self::PhoneCallRunning => (
                409,
                "phone-call-running",
                m::problem_phone_call_running_title,
                m::problem_phone_call_running(lang).into(),
            ),
            Self::NoPhoneCall => (
                409,
                "no-phone-call",
                m::problem_no_phone_call_title,
                m::problem_no_phone_call(lang).into(),
            ),
            Self::NoCoupons { balance } => (
                409,
                "no-coupons",
                m::problem_no_coupons_title,
                m::problem_no_coupons(lang, *balance),
            ),
            Self::OrganisationNotActive(why) => (
                409,
                "organisation-not-active",
                m::problem_organisation_not_active_title,
                not_raisable_in(why, lang),
            ),
        };
        Problem::new(status, slug, title(lang), detail)
    }
}
