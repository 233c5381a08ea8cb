//! Email addresses as the portal accepts them.

use std::fmt;

use super::field::Invalid;
use super::messages as m;

/// A syntactically valid email address, lower-cased so that one mailbox is
/// one account however it was typed.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Email(String);

impl Email {
    /// Accepts `local@domain.tld` as mail systems deliver it in practice: a
    /// dot-atom local part and a domain of at least two DNS labels.
    pub fn parse(input: &str) -> Result<Self, Invalid> {
        let invalid = || Invalid::said("invalid", m::field_email);
        let address = input.trim().to_lowercase();
        if address.is_empty() {
            return Err(Invalid::required());
        }
        if address.len() > 254 {
            return Err(Invalid::said("too_long", |l| m::field_too_long(l, 254)));
        }
        let (local, domain) = address.rsplit_once('@').ok_or_else(invalid)?;
        let local_ok = !local.is_empty()
            && local.len() <= 64
            && !local.starts_with('.')
            && !local.ends_with('.')
            && !local.contains("..")
            && local
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "!#$%&'*+/=?^_`{|}~.-".contains(c));
        let labels: Vec<&str> = domain.split('.').collect();
        let domain_ok = labels.len() >= 2
            && labels.iter().all(|label| {
                !label.is_empty()
                    && label.len() <= 63
                    && !label.starts_with('-')
                    && !label.ends_with('-')
                    && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
            })
            && labels
                .last()
                .is_some_and(|tld| tld.len() >= 2 && tld.chars().all(|c| c.is_ascii_alphabetic()));
        if local_ok && domain_ok {
            Ok(Self(address))
        } else {
            Err(invalid())
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Email {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The vendor's own mailboxes: the support desk (`SUPPORT_DESK_EMAIL`), the
/// sender of every email (the address in `EMAIL_FROM`) and anything at the
/// domain whose mail comes back to the Worker (`INBOUND_EMAIL_DOMAIN`). No
/// customer may hold one: a contact at the desk's address would have the
/// desk's mail counted as theirs and sign-in links sent to Spica.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct VendorAddresses {
    mailboxes: Vec<Email>,
    domains: Vec<String>,
}

impl VendorAddresses {
    /// The settings' addresses; a sender that names no address, or no
    /// inbound domain, adds nothing.
    pub fn from_settings(desk: &Email, email_from: &str, inbound_domain: Option<&str>) -> Self {
        let mailboxes = std::iter::once(desk.clone())
            .chain(sender_address(email_from))
            .collect();
        let domains = inbound_domain
            .map(|d| d.trim().trim_start_matches('@').to_ascii_lowercase())
            .filter(|d| !d.is_empty())
            .into_iter()
            .collect();
        Self { mailboxes, domains }
    }

    /// Whether `email` reaches the vendor: one of its mailboxes, with or
    /// without a `+tag` (delivered to the same mailbox), or any address at
    /// the inbound domain or below it.
    pub fn own(&self, email: &Email) -> bool {
        let (local, domain) = email.as_str().rsplit_once('@').unwrap_or(("", ""));
        let untagged = |local: &str| local.split('+').next().unwrap_or("").to_owned();
        let at_domain = self
            .domains
            .iter()
            .any(|d| domain == d || domain.ends_with(&format!(".{d}")));
        at_domain
            || self.mailboxes.iter().any(|mailbox| {
                let (own_local, own_domain) = mailbox.as_str().rsplit_once('@').unwrap_or(("", ""));
                own_domain == domain && untagged(own_local) == untagged(local)
            })
    }

    /// A customer's address: a valid one that is none of the vendor's own.
    /// Every path that gives a customer an address (registration in every
    /// form, a reseller's sale, a profile change, an invitation) parses it
    /// with this.
    pub fn customer_address(&self, input: &str) -> Result<Email, Invalid> {
        let email = Email::parse(input)?;
        if self.own(&email) {
            return Err(Invalid::said("vendor_address", m::field_vendor_address));
        }
        Ok(email)
    }
}

/// The address in a sender such as `Spica Support <support@example.com>`,
/// or a bare address.
pub fn sender_address(from: &str) -> Option<Email> {
    let inner = match (from.rfind('<'), from.rfind('>')) {
        (Some(start), Some(end)) if start < end => &from[start + 1..end],
        _ => from,
    };
    Email::parse(inner).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_are_trimmed_and_lower_cased() {
        let email = Email::parse("  Ana.Novak+support@Example.SI ").unwrap();
        assert_eq!(email.as_str(), "ana.novak+support@example.si");
    }

    #[test]
    fn malformed_addresses_are_refused() {
        for bad in [
            "plainaddress",
            "@example.com",
            "ana@",
            "ana@localhost",
            "ana@exa_mple.com",
            "ana..novak@example.com",
            ".ana@example.com",
            "ana@-example.com",
            "ana@example.c0m",
            "ana novak@example.com",
            "ana@example..com",
        ] {
            assert!(Email::parse(bad).is_err(), "{bad} was accepted");
        }
    }

    #[test]
    fn empty_is_required_and_overlong_is_too_long() {
        assert_eq!(Email::parse("  ").unwrap_err().code, "required");
        let long = format!("{}@example.com", "a".repeat(250));
        assert_eq!(Email::parse(&long).unwrap_err().code, "too_long");
    }

    fn vendor() -> VendorAddresses {
        VendorAddresses::from_settings(
            &Email::parse("desk@timeandspace.eu").unwrap(),
            "Spica Customer Support <Support@TimeAndSpace.eu>",
            Some("reply.timeandspace.eu"),
        )
    }

    #[test]
    fn the_vendors_own_addresses_are_no_customers() {
        let vendor = vendor();
        for own in [
            "desk@timeandspace.eu",
            "DESK@timeandspace.eu",
            "desk+ana@timeandspace.eu",
            "support@timeandspace.eu",
            "support+x@timeandspace.eu",
            "anything@reply.timeandspace.eu",
            "incident+inc_1.abc@reply.timeandspace.eu",
            "x@mail.reply.timeandspace.eu",
        ] {
            let refused = vendor.customer_address(own).unwrap_err();
            assert_eq!(refused.code, "vendor_address", "{own}");
        }
        for customer in [
            "ana@timeandspace.eu",
            "desk@kovinar.si",
            "desk@timeandspace.eu.example.com",
            "someone@notreply.timeandspace.eu",
        ] {
            assert!(vendor.customer_address(customer).is_ok(), "{customer}");
        }
        assert_eq!(vendor.customer_address("nope").unwrap_err().code, "invalid");
    }

    #[test]
    fn the_sender_setting_names_its_address() {
        assert_eq!(
            sender_address("Spica (e2e) <support@timeandspace.test>")
                .unwrap()
                .as_str(),
            "support@timeandspace.test"
        );
        assert_eq!(
            sender_address("support@timeandspace.test")
                .unwrap()
                .as_str(),
            "support@timeandspace.test"
        );
        assert!(sender_address("Spica Support").is_none());
        let without_domain = VendorAddresses::from_settings(
            &Email::parse("desk@spica.test").unwrap(),
            "Spica Support",
            None,
        );
        assert!(without_domain.own(&Email::parse("desk@spica.test").unwrap()));
        assert!(!without_domain.own(&Email::parse("ana@spica.test").unwrap()));
    }
}
