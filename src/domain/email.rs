//! Email addresses as the portal accepts them.

use std::fmt;

use super::field::Invalid;

/// A syntactically valid email address, lower-cased so that one mailbox is
/// one account however it was typed.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Email(String);

impl Email {
    /// Accepts `local@domain.tld` as mail systems deliver it in practice: a
    /// dot-atom local part and a domain of at least two DNS labels.
    pub fn parse(input: &str) -> Result<Self, Invalid> {
        let invalid = || {
            Invalid::new(
                "invalid",
                "must be an email address such as name@example.com",
            )
        };
        let address = input.trim().to_lowercase();
        if address.is_empty() {
            return Err(Invalid::required());
        }
        if address.len() > 254 {
            return Err(Invalid::new("too_long", "must be at most 254 characters"));
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
}
