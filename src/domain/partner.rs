//! Authorised partners: what each kind may do for end users.

use super::field::Invalid;
use super::messages as m;

/// A reseller sells SUPS subscriptions; a technician activates end users'
/// installations; some partners do both.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PartnerKind {
    Reseller,
    Technician,
    Both,
}

impl PartnerKind {
    pub fn parse(text: &str) -> Result<Self, Invalid> {
        match text {
            "reseller" => Ok(Self::Reseller),
            "technician" => Ok(Self::Technician),
            "both" => Ok(Self::Both),
            _ => Err(Invalid::said("invalid", m::field_partner_kind)),
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Reseller => "reseller",
            Self::Technician => "technician",
            Self::Both => "both",
        }
    }

    pub fn sells_sups(self) -> bool {
        matches!(self, Self::Reseller | Self::Both)
    }

    pub fn activates(self) -> bool {
        matches!(self, Self::Technician | Self::Both)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_kind_does_what_its_name_says_and_both_do_both() {
        for (text, sells, activates) in [
            ("reseller", true, false),
            ("technician", false, true),
            ("both", true, true),
        ] {
            let kind = PartnerKind::parse(text).unwrap();
            assert_eq!(kind.as_str(), text);
            assert_eq!((kind.sells_sups(), kind.activates()), (sells, activates));
        }
        assert!(PartnerKind::parse("Reseller").is_err());
    }
}
