//! License serial numbers, as shown in every Help/About dialog of Time & Space
//! and on the license invoice.

use std::fmt;

use super::field::Invalid;
use super::messages as m;

/// A license serial number: 4 to 40 letters, digits and dashes, upper-cased.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct SerialNumber(String);

impl SerialNumber {
    pub fn parse(input: &str) -> Result<Self, Invalid> {
        let serial = input.trim().to_ascii_uppercase();
        let well_formed = (4..=40).contains(&serial.len())
            && serial
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-')
            && !serial.starts_with('-')
            && !serial.ends_with('-');
        if well_formed {
            Ok(Self(serial))
        } else {
            Err(Invalid::said("invalid", m::field_serial_or_zero))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for SerialNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// What a registering user gives for their license: its serial, or "0" when
/// they do not have it at hand (the seed: "If not available, please enter 0").
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LicenseSerial {
    Known(SerialNumber),
    /// Entered as "0": staff resolve it later through a license claim.
    Unknown,
}

impl LicenseSerial {
    pub fn parse(input: &str) -> Result<Self, Invalid> {
        match input.trim() {
            "" => Err(Invalid::required()),
            "0" => Ok(Self::Unknown),
            other => SerialNumber::parse(other).map(Self::Known),
        }
    }

    /// The text stored for it: the serial, or "0".
    pub fn as_str(&self) -> &str {
        match self {
            Self::Known(serial) => serial.as_str(),
            Self::Unknown => "0",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zero_means_the_user_does_not_have_the_serial() {
        assert_eq!(LicenseSerial::parse(" 0 ").unwrap(), LicenseSerial::Unknown);
    }

    #[test]
    fn serials_are_trimmed_and_upper_cased() {
        let LicenseSerial::Known(serial) = LicenseSerial::parse(" ts-2024-00017 ").unwrap() else {
            panic!("a serial was taken for unknown");
        };
        assert_eq!(serial.as_str(), "TS-2024-00017");
    }

    #[test]
    fn malformed_serials_are_refused() {
        for bad in [
            "",
            "abc",
            "TS 2024",
            "-TS2024",
            "TS2024-",
            "TS/2024",
            &"A".repeat(41),
        ] {
            assert!(LicenseSerial::parse(bad).is_err(), "{bad:?} was accepted");
        }
        assert_eq!(LicenseSerial::parse("").unwrap_err().code, "required");
    }
}
