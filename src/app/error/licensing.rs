//! Refusals about licenses: activation, coverage, holders and claims, and
//! the signing of license files.

use thiserror::Error;

use super::Problem;

#[derive(Debug, Error)]
pub enum LicensingError {
    #[error("no license has this serial")]
    UnknownLicense,
    #[error("the license is revoked")]
    LicenseRevoked,
    #[error("this product version is not covered by the license or its SUPS coverage")]
    VersionNotCovered,
    #[error("every installation of this license is activated")]
    TooManyInstallations,
    #[error("this license has used its deactivations for this month")]
    DeactivationLimit,
    #[error("this license is held by another organisation")]
    HeldByAnotherOrganisation,
    #[error("no organisation holds this license")]
    LicenseNotHeld,
    #[error("this license claim is decided already")]
    ClaimDecided,
    #[error("license files cannot be signed now: {0}")]
    Signing(String),
}

impl LicensingError {
    pub fn problem(&self) -> Problem {
        match self {
            Self::UnknownLicense => {
                Problem::stating(422, "unknown-license", "Unknown license", self)
            }
            Self::LicenseRevoked => {
                Problem::stating(409, "license-revoked", "License revoked", self)
            }
            Self::VersionNotCovered => {
                Problem::stating(409, "version-not-covered", "Version not covered", self)
            }
            Self::TooManyInstallations => Problem::new(
                409,
                "too-many-installations",
                "Too many installations",
                format!("{self}: deactivate one to free its seat."),
            ),
            Self::DeactivationLimit => {
                Problem::stating(429, "deactivation-limit", "Deactivation limit", self)
            }
            Self::HeldByAnotherOrganisation => Problem::stating(
                409,
                "held-by-another-organisation",
                "Held by another organisation",
                self,
            ),
            Self::LicenseNotHeld => Problem::new(
                409,
                "license-not-held",
                "No holder",
                format!("{self}; assign it instead."),
            ),
            Self::ClaimDecided => Problem::stating(409, "claim-decided", "Claim decided", self),
            Self::Signing(_) => Problem::new(
                503,
                "unavailable",
                "Not available",
                "Sorry: license files cannot be signed now. Please try again later.",
            ),
        }
    }

    /// Why signing failed goes to the log.
    pub fn log(&self) -> Option<String> {
        match self {
            Self::Signing(_) => Some(self.to_string()),
            _ => None,
        }
    }
}
