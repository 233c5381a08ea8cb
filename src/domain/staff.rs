//! The vendor's staff: who may do what at the desk.
//!
//! Three roles, each a part of the work: agents take incidents, finance
//! keeps the money, admins keep the portal (members, partners, licenses).
//! An admin may do everything; the others only their own part.

use super::field::Invalid;
use super::messages as m;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum StaffRole {
    /// Incidents, customers read-only, the outbox.
    Agent,
    /// Bank statements and entries, orders, adjustments, tasks, invoices.
    Finance,
    /// Everything, and the members, partners, licenses and releases.
    Admin,
}

impl StaffRole {
    pub const ALL: [Self; 3] = [Self::Agent, Self::Finance, Self::Admin];

    pub fn parse(input: &str) -> Result<Self, Invalid> {
        match input.trim() {
            "agent" => Ok(Self::Agent),
            "finance" => Ok(Self::Finance),
            "admin" => Ok(Self::Admin),
            "" => Err(Invalid::required()),
            _ => Err(Invalid::said("unknown", m::field_staff_role)),
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Agent => "agent",
            Self::Finance => "finance",
            Self::Admin => "admin",
        }
    }

    /// Whether this role may do work meant for any of `roles`.
    pub fn may(self, roles: &[StaffRole]) -> bool {
        self == Self::Admin || roles.contains(&self)
    }
}

#[cfg(test)]
mod tests {
    use super::StaffRole::{self, Admin, Agent, Finance};

    #[test]
    fn an_admin_may_do_everything_the_others_only_their_part() {
        assert!(Admin.may(&[Agent]) && Admin.may(&[Finance]) && Admin.may(&[Admin]));
        assert!(Agent.may(&[Agent]) && !Agent.may(&[Finance]) && !Agent.may(&[Admin]));
        assert!(Finance.may(&[Finance]) && !Finance.may(&[Agent]) && !Finance.may(&[Admin]));
        assert!(Agent.may(&[Agent, Finance]) && Finance.may(&[Agent, Finance]));
    }

    #[test]
    fn roles_read_back_as_written() {
        for role in StaffRole::ALL {
            assert_eq!(StaffRole::parse(role.as_str()), Ok(role));
        }
        assert!(StaffRole::parse("root").is_err());
        assert!(StaffRole::parse("").is_err());
    }
}
