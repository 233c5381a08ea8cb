//! Refusals about operating the portal: settling emails that failed.

use thiserror::Error;

use super::Problem;

#[derive(Debug, Error)]
pub enum OperationsError {
    #[error("an email with a link is not sent again: its link was taken out once it failed, and it has expired since; the person asks for a new one")]
    LinkEmailNotResent,
    #[error("this email is settled already (sent, resent or closed)")]
    EmailSettled,
}

impl OperationsError {
    pub fn problem(&self) -> Problem {
        match self {
            Self::LinkEmailNotResent => {
                Problem::stating(409, "link-email-not-resent", "Link email not resent", self)
            }
            Self::EmailSettled => Problem::stating(409, "email-settled", "Email settled", self),
        }
    }
}
