//! Who may raise a support incident, and for whom: the rules the
//! customer's own request and the desk's incident for a caller share
//! (issue 22: "incidents for people who phoned").

use super::field::Invalid;
use super::messages as m;
use super::organisation::ContactStatus;
use super::registration::CustomerStatus;

/// Direct support needs at least one coupon, so never while the balance
/// is below zero; whoever raises the incident, the customer or the desk
/// for a caller.
pub fn support_allowed(balance: i64) -> bool {
    balance >= 1
}

/// Why the desk cannot open an incident for an organisation: it is not an
/// active customer of the portal (its address never confirmed, or merged
/// into the license holder it joined, whose file takes its incidents).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NotRaisable {
    Unconfirmed,
    MergedInto(Option<String>),
}

/// Whether an incident may be raised for an organisation of this status:
/// the customer's own request needs an active organisation (its contacts
/// sign in only then), and so does the desk's.
pub fn organisation_raisable(
    status: CustomerStatus,
    merged_into: Option<&str>,
) -> Result<(), NotRaisable> {
    match status {
        CustomerStatus::Active => Ok(()),
        CustomerStatus::PendingVerification => Err(NotRaisable::Unconfirmed),
        CustomerStatus::Merged => Err(NotRaisable::MergedInto(merged_into.map(str::to_owned))),
    }
}

/// The contact an incident opened for a caller is for, among the
/// organisation's contacts (`(id, status)`, its own only): the one the
/// agent chose, which must be an active contact of this organisation; or,
/// none chosen, its only active contact. The error names `contact_id`.
pub fn caller_contact(
    contacts: &[(&str, ContactStatus)],
    chosen: Option<&str>,
) -> Result<usize, Invalid> {
    if let Some(chosen) = chosen {
        return match contacts.iter().position(|(id, _)| *id == chosen) {
            None => Err(Invalid::said("unknown", m::field_not_a_contact)),
            Some(at) if contacts[at].1 != ContactStatus::Active => {
                Err(Invalid::said("inactive", m::field_inactive_contact))
            }
            Some(at) => Ok(at),
        };
    }
    let active: Vec<usize> = contacts
        .iter()
        .enumerate()
        .filter(|(_, (_, status))| *status == ContactStatus::Active)
        .map(|(at, _)| at)
        .collect();
    match active.as_slice() {
        [only] => Ok(*only),
        [] => Err(Invalid::said("none", m::field_no_active_contact)),
        _ => Err(Invalid::said("required", m::field_choose_caller)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ContactStatus::{Active, PendingVerification, Removed};

    #[test]
    fn support_needs_one_coupon_and_never_a_balance_below_zero() {
        assert!(support_allowed(1));
        assert!(support_allowed(12));
        assert!(!support_allowed(0));
        assert!(!support_allowed(-3));
    }

    #[test]
    fn the_only_active_contact_is_chosen_and_several_need_a_choice() {
        let one = [
            ("con_a", Active),
            ("con_b", Removed),
            ("con_c", PendingVerification),
        ];
        assert_eq!(caller_contact(&one, None), Ok(0));
        let two = [("con_a", Active), ("con_b", Active)];
        assert_eq!(caller_contact(&two, None).unwrap_err().code, "required");
        assert_eq!(caller_contact(&two, Some("con_b")), Ok(1));
        assert_eq!(caller_contact(&[], None).unwrap_err().code, "none");
    }

    #[test]
    fn a_chosen_contact_must_be_an_active_one_of_this_organisation() {
        let contacts = [("con_a", Active), ("con_b", Removed)];
        assert_eq!(
            caller_contact(&contacts, Some("con_z")).unwrap_err().code,
            "unknown"
        );
        assert_eq!(
            caller_contact(&contacts, Some("con_b")).unwrap_err().code,
            "inactive"
        );
    }

    #[test]
    fn only_an_active_organisation_is_raised_for() {
        assert_eq!(organisation_raisable(CustomerStatus::Active, None), Ok(()));
        assert_eq!(
            organisation_raisable(CustomerStatus::Merged, Some("cus_b")),
            Err(NotRaisable::MergedInto(Some("cus_b".into())))
        );
        assert_eq!(
            organisation_raisable(CustomerStatus::PendingVerification, None),
            Err(NotRaisable::Unconfirmed)
        );
    }
}
