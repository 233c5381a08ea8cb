//! Refusals about operating the portal: settling emails that failed.

use thiserror::Error;

use super::Problem;
use crate::domain::language::Language;
use crate::domain::messages as m;

#[derive(Debug, Error)]
pub enum OperationsError {
    #[error("an email with a link is not sent again: its link was taken out once it failed, and it has expired since; the person asks for a new one")]
    LinkEmailNotResent,
    #[error("this email is settled already (sent, resent or closed)")]
    EmailSettled,
}

impl OperationsError {
    pub fn problem(&self, lang: Language) -> Problem {
        match self {
            Self::LinkEmailNotResent => Problem::new(
                409,
                "link-email-not-resent",
                m::problem_link_email_not_resent_title(lang),
                m::problem_link_email_not_resent(lang),
            ),
            Self::EmailSettled => Problem::new(
                409,
                "email-settled",
                m::problem_email_settled_title(lang),
                m::problem_email_settled(lang),
            ),
        }
    }
}
