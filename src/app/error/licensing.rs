//! Refusals about licenses: activation, coverage, holders and claims, and
//! the signing of license files.

use thiserror::Error;

use super::{Problem, Reason};
use crate::domain::language::Language;
use crate::domain::messages as m;

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
    pub fn problem(&self, lang: Language) -> Problem {
        let (status, slug, title, detail): (u16, &'static str, Reason, Reason) = match self {
            Self::UnknownLicense => (
                422,
                "unknown-license",
                m::problem_unknown_license_title,
                m::problem_unknown_license,
            ),
            Self::LicenseRevoked => (
                409,
                "license-revoked",
                m::problem_license_revoked_title,
                m::problem_license_revoked,
            ),
            Self::VersionNotCovered => (
                409,
                "version-not-covered",
                m::problem_version_not_covered_title,
                m::problem_version_not_covered,
            ),
            Self::TooManyInstallations => (
                409,
                "too-many-installations",
                m::problem_too_many_installations_title,
                m::problem_too_many_installations,
            ),
            Self::DeactivationLimit => (
                429,
                "deactivation-limit",
                m::problem_deactivation_limit_title,
                m::problem_deactivation_limit,
            ),
            Self::HeldByAnotherOrganisation => (
                409,
                "held-by-another-organisation",
                m::problem_held_by_another_title,
                m::problem_held_by_another,
            ),
            Self::LicenseNotHeld => (
                409,
                "license-not-held",
                m::problem_license_not_held_title,
                m::problem_license_not_held,
            ),
            Self::ClaimDecided => (
                409,
                "claim-decided",
                m::problem_claim_decided_title,
                m::problem_claim_decided,
            ),
            Self::Signing(_) => (
                503,
                "unavailable",
                m::problem_unavailable_title,
                m::problem_signing,
            ),
        };
        Problem::new(status, slug, title(lang), detail(lang))
    }

    /// Why signing failed goes to the log.
    pub fn log(&self) -> Option<String> {
        match self {
            Self::Signing(_) => Some(self.to_string()),
            _ => None,
        }
    }
}
