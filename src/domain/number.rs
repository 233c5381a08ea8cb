//! Human numbers: `INC-2026-00042` for incidents and `ORD-2026-00017` for
//! orders, what people read, say on the phone and search for. Internal ids
//! stay in URLs and the API. The store allocates the next number of a year
//! in the write batch that inserts the row (unique per kind and year).

use super::field::Invalid;
use super::html;

macro_rules! human_number {
    ($(#[$doc:meta])* $type:ident, $prefix:literal) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $type(String);

        impl $type {
            /// The letters every number of this kind starts with.
            pub const PREFIX: &'static str = $prefix;

            /// What a message composed before its number is allocated says
            /// in its place; the store's insert puts the number there.
            pub const PENDING: &'static str = concat!($prefix, "-????-?????");

            /// The number `sequence` of `year`: five digits at least.
            pub fn new(year: i32, sequence: u32) -> Self {
                Self(format!("{}-{year:04}-{sequence:05}", $prefix))
            }

            /// Accepts a number as people type it: any case, spaces or
            /// dashes between the parts, the sequence with or without its
            /// leading zeros (`inc 2026 42`).
            pub fn parse(input: &str) -> Result<Self, Invalid> {
                parse_parts(input, $prefix)
                    .map(|(year, sequence)| Self::new(year, sequence))
                    .ok_or_else(|| {
                        Invalid::said("invalid", |l| $crate::domain::messages::field_document_number(l, $prefix))
                    })
            }

            /// The year and the sequence within it.
            pub fn parts(&self) -> (i32, u32) {
                parse_parts(&self.0, $prefix).unwrap_or((0, 0))
            }

            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl std::fmt::Display for $type {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(&self.0)
            }
        }
    };
}

human_number!(
    /// An incident's number, `INC-2026-00042`.
    IncidentNumber,
    "INC"
);
human_number!(
    /// A coupon order's number, `ORD-2026-00017`.
    OrderNumber,
    "ORD"
);

as_text!(IncidentNumber, OrderNumber);

/// `PREFIX`, a four-digit year and a sequence of 1 to 9 digits (not zero).
fn parse_parts(input: &str, prefix: &str) -> Option<(i32, u32)> {
    let compact: String = input
        .trim()
        .chars()
        .map(|c| c.to_ascii_uppercase())
        .collect();
    let rest = compact.strip_prefix(prefix)?;
    let mut parts = rest.split(['-', ' ', '/']).filter(|p| !p.is_empty());
    let year = parts.next()?;
    let sequence = parts.next()?;
    if parts.next().is_some()
        || year.len() != 4
        || !year.bytes().all(|b| b.is_ascii_digit())
        || sequence.is_empty()
        || sequence.len() > 9
        || !sequence.bytes().all(|b| b.is_ascii_digit())
    {
        return None;
    }
    let year: i32 = year.parse().ok()?;
    let sequence: u32 = sequence.parse().ok()?;
    (year >= 2000 && sequence > 0).then_some((year, sequence))
}

#[cfg(test)]
mod tests {
    use super::{IncidentNumber, OrderNumber};

    #[test]
    fn numbers_print_with_five_digits_and_parse_as_people_type_them() {
        assert_eq!(IncidentNumber::new(2026, 42).as_str(), "INC-2026-00042");
        assert_eq!(OrderNumber::new(2026, 17).to_string(), "ORD-2026-00017");
        assert_eq!(
            IncidentNumber::new(2027, 123_456).as_str(),
            "INC-2027-123456"
        );
        for typed in [
            "INC-2026-00042",
            "inc-2026-42",
            " INC 2026 00042 ",
            "Inc-2026/0042",
        ] {
            assert_eq!(
                IncidentNumber::parse(typed).unwrap().as_str(),
                "INC-2026-00042",
                "{typed}"
            );
        }
        assert_eq!(
            IncidentNumber::parse("INC-2026-00042").unwrap().parts(),
            (2026, 42)
        );
        assert_eq!(
            OrderNumber::parse("ord-2026-00017").unwrap().parts(),
            (2026, 17)
        );
    }

    #[test]
    fn other_kinds_and_malformed_numbers_are_refused() {
        for typed in [
            "ORD-2026-00042",
            "INC-26-42",
            "INC-2026-0",
            "INC-2026",
            "INC-2026-42-1",
            "INC-2026-4x",
            "INC--00042",
            "",
            "inc_Y3SC2H61",
            IncidentNumber::PENDING,
        ] {
            assert!(IncidentNumber::parse(typed).is_err(), "{typed}");
        }
        assert!(OrderNumber::parse("INC-2026-00042").is_err());
    }
}
