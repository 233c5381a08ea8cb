//! Refusals about support incidents and their billed sessions.

use thiserror::Error;

use super::Problem;
use crate::domain::billing::SessionError;
use crate::domain::incident::IncidentError;

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
        }
    }
}
