//! The ids of the portal's records: each kind its own type, so that a
//! contact's id cannot be passed where an organisation's is meant, and an id
//! read from a path is checked before any database sees it.
//!
//! Ids are made by [`crate::domain::entropy::Entropy::id`]: a prefix naming
//! the kind, `_`, and Crockford base32. A parsed id has its kind's prefix and
//! nothing but letters, digits and `_` after it.

use std::fmt;
use std::ops::Deref;

use super::entropy::Entropy;
use super::field::Invalid;

macro_rules! ids {
    ($($(#[$doc:meta])* $name:ident = $prefix:literal;)+) => {$(
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(String);

        impl $name {
            pub const PREFIX: &'static str = $prefix;

            pub fn parse(text: &str) -> Result<Self, Invalid> {
                well_formed(text, $prefix)
                    .then(|| Self(text.to_owned()))
                    .ok_or_else(|| Invalid::said("invalid", |l| $crate::domain::messages::field_id(l, $prefix)))
            }

            pub fn generate(entropy: &mut Entropy) -> Self {
                Self(entropy.id($prefix))
            }

            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        /// An id reads as its text wherever text is asked for (SQL
        /// parameters, links); only construction is guarded.
        impl Deref for $name {
            type Target = str;

            fn deref(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl PartialEq<str> for $name {
            fn eq(&self, other: &str) -> bool {
                self.0 == other
            }
        }

        impl PartialEq<&str> for $name {
            fn eq(&self, other: &&str) -> bool {
                self.0 == *other
            }
        }

        impl PartialEq<String> for $name {
            fn eq(&self, other: &String) -> bool {
                &self.0 == other
            }
        }

        impl PartialEq<$name> for String {
            fn eq(&self, other: &$name) -> bool {
                *self == other.0
            }
        }

        impl PartialEq<$name> for &str {
            fn eq(&self, other: &$name) -> bool {
                *self == other.0
            }
        }
    )+};
}

ids! {
    /// An organisation (a `customers` row).
    CustomerId = "cus";
    /// A person who signs in for an organisation.
    ContactId = "con";
    /// A direct-support incident.
    IncidentId = "inc";
    /// A license claim.
    ClaimId = "clm";
    /// An invitation of a colleague into an organisation.
    InvitationId = "ivt";
}

fn well_formed(text: &str, prefix: &str) -> bool {
    text.strip_prefix(prefix)
        .and_then(|rest| rest.strip_prefix('_'))
        .is_some_and(|rest| {
            !rest.is_empty()
                && rest.len() <= 64
                && rest.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_id_has_its_kinds_prefix_and_plain_characters() {
        assert!(IncidentId::parse("inc_01HV5XK3M2").is_ok());
        for bad in [
            "",
            "inc",
            "inc_",
            "con_01HV5",
            "inc_01'--",
            "inc_a/b",
            "xinc_1",
        ] {
            assert!(IncidentId::parse(bad).is_err(), "{bad}");
        }
        assert!(IncidentId::parse(&format!("inc_{}", "A".repeat(65))).is_err());
    }

    #[test]
    fn a_generated_id_parses_as_its_kind_only() {
        let mut entropy = Entropy::new([7; 32]);
        let id = ContactId::generate(&mut entropy);
        assert_eq!(ContactId::parse(&id).unwrap(), id);
        assert!(CustomerId::parse(&id).is_err());
    }
}
