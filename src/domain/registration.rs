//! Registering as a Time & Space user (the seed: "Register as a Time & Space
//! User"): the serial number, the full company and contact data, the opt-in to
//! news and bulletins, and the acceptance of the terms.

use super::country::Country;
use super::email::{Email, VendorAddresses};
use super::field::{FieldErrors, Invalid};
use super::language::Language;
use super::messages as m;
use super::phone::Phone;
use super::serial::LicenseSerial;
use super::text::{Text, VatId};
use super::time::Instant;

/// The version of the direct-support terms a registration accepts; a new
/// text of the terms gets a new version, and each customer keeps the one they
/// accepted.
pub const TERMS_VERSION: &str = "2026-11";

/// The fields of a registration as they arrived, before any check. `decoding`
/// holds what the transport already found wrong (a number where text belongs).
#[derive(Debug, Default, Clone)]
pub struct RegistrationInput {
    pub serial: Option<String>,
    pub company_name: Option<String>,
    pub street: Option<String>,
    pub postal_code: Option<String>,
    pub city: Option<String>,
    pub country: Option<String>,
    pub vat_id: Option<String>,
    pub contact_name: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub newsletter: Option<bool>,
    pub accept_terms: Option<bool>,
    /// `contact.language` as sent (`sl` or `en`), if it was.
    pub language: Option<String>,
    /// The language when none was sent: the browser's (`Accept-Language`);
    /// `None` (a partner registering an end user) takes the company's
    /// country's ([`Language::of_country`]).
    pub fallback_language: Option<Language>,
    pub decoding: FieldErrors,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Company {
    pub name: Text,
    pub street: Text,
    pub postal_code: Text,
    pub city: Text,
    pub country: Country,
    pub vat_id: Option<VatId>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Contact {
    pub name: Text,
    pub email: Email,
    pub phone: Phone,
    pub language: Language,
}

/// A registration whose every field is valid.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewRegistration {
    pub serial: LicenseSerial,
    pub company: Company,
    pub contact: Contact,
    pub newsletter: bool,
}

fn text(value: &Option<String>, max: usize) -> Result<Text, Invalid> {
    Text::parse(value.as_deref().unwrap_or(""), max)
}

fn required<T>(
    value: &Option<String>,
    parse: impl Fn(&str) -> Result<T, Invalid>,
) -> Result<T, Invalid> {
    parse(value.as_deref().unwrap_or(""))
}

impl NewRegistration {
    /// Checks every field and reports all that are wrong, named by their path
    /// in the JSON body. The address may be none of the vendor's own.
    pub fn parse(input: RegistrationInput, vendor: &VendorAddresses) -> Result<Self, FieldErrors> {
        let mut errors = input.decoding.clone();
        let serial = errors.check("serial", required(&input.serial, LicenseSerial::parse));
        let name = errors.check("company.name", text(&input.company_name, 200));
        let street = errors.check("company.street", text(&input.street, 200));
        let postal_code = errors.check("company.postal_code", text(&input.postal_code, 16));
        let city = errors.check("company.city", text(&input.city, 100));
        let country = errors.check("company.country", required(&input.country, Country::parse));
        let vat_id = match input.vat_id.as_deref().map(str::trim) {
            None | Some("") => Some(None),
            Some(vat) => errors.check("company.vat_id", VatId::parse(vat).map(Some)),
        };
        let contact_name = errors.check("contact.name", text(&input.contact_name, 200));
        let email = errors.check(
            "contact.email",
            required(&input.email, |e| vendor.customer_address(e)),
        );
        let phone = errors.check("contact.phone", required(&input.phone, Phone::parse));
        let language = match input.language.as_deref() {
            Some(language) => errors.check(
                "contact.language",
                Language::parse(language).map_err(Invalid::from),
            ),
            None => Some(input.fallback_language.unwrap_or_else(|| {
                country.map_or(Language::En, |country| Language::of_country(country.code()))
            })),
        };
        if input.accept_terms != Some(true) {
            errors.push(
                "accept_terms",
                Invalid::said("must_accept", m::field_accept_terms),
            );
        }
        match (
            serial,
            name,
            street,
            postal_code,
            city,
            country,
            vat_id,
            contact_name,
            email,
            phone,
            language,
        ) {
            (
                Some(serial),
                Some(name),
                Some(street),
                Some(postal_code),
                Some(city),
                Some(country),
                Some(vat_id),
                Some(contact_name),
                Some(email),
                Some(phone),
                Some(language),
            ) if errors.is_empty() => Ok(Self {
                serial,
                company: Company {
                    name,
                    street,
                    postal_code,
                    city,
                    country,
                    vat_id,
                },
                contact: Contact {
                    name: contact_name,
                    email,
                    phone,
                    language,
                },
                newsletter: input.newsletter.unwrap_or(false),
            }),
            _ => Err(errors),
        }
    }

    /// When the user opted in to news and bulletins: the moment of consent,
    /// which the portal must be able to show later.
    pub fn newsletter_consent_at(&self, now: Instant) -> Option<Instant> {
        self.newsletter.then_some(now)
    }
}

/// Where a registration stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CustomerStatus {
    /// Registered, email address not yet confirmed.
    PendingVerification,
    /// Email confirmed: may sign in, hold coupons and ask for support.
    Active,
    /// Its last contact joined another organisation (a license claim
    /// resolved by joining the holder); kept for its history.
    Merged,
}

impl CustomerStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::PendingVerification => "pending_verification",
            Self::Active => "active",
            Self::Merged => "merged",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        match text {
            "pending_verification" => Some(Self::PendingVerification),
            "active" => Some(Self::Active),
            "merged" => Some(Self::Merged),
            _ => None,
        }
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    pub fn valid_input() -> RegistrationInput {
        RegistrationInput {
            serial: Some("TS-2024-00017".into()),
            company_name: Some("Kovinar d.o.o.".into()),
            street: Some("Tržaška cesta 12".into()),
            postal_code: Some("1000".into()),
            city: Some("Ljubljana".into()),
            country: Some("si".into()),
            vat_id: Some("SI 12345678".into()),
            contact_name: Some("Ana Novak".into()),
            email: Some("Ana@Kovinar.si".into()),
            phone: Some("+386 1 234 5678".into()),
            newsletter: Some(true),
            accept_terms: Some(true),
            language: None,
            fallback_language: None,
            decoding: FieldErrors::default(),
        }
    }

    #[test]
    fn the_language_is_the_one_sent_else_the_browser_s_else_the_country_s() {
        let parse = |language: Option<&str>, browser: Option<Language>, country: &str| {
            let input = RegistrationInput {
                language: language.map(str::to_owned),
                fallback_language: browser,
                country: Some(country.into()),
                ..valid_input()
            };
            NewRegistration::parse(input, &VendorAddresses::default())
                .map(|registration| registration.contact.language)
                .map_err(|errors| fields(&errors).join(","))
        };
        assert_eq!(
            parse(Some("en"), Some(Language::Sl), "SI"),
            Ok(Language::En)
        );
        assert_eq!(parse(Some("sl"), None, "AT"), Ok(Language::Sl));
        assert_eq!(parse(None, Some(Language::En), "SI"), Ok(Language::En));
        assert_eq!(parse(None, None, "SI"), Ok(Language::Sl));
        assert_eq!(parse(None, None, "AT"), Ok(Language::En));
        for wrong in ["de", "", "SL", "sl-SI"] {
            assert_eq!(
                parse(Some(wrong), Some(Language::Sl), "SI"),
                Err("contact.language".to_string()),
                "{wrong:?}"
            );
        }
    }

    fn fields(errors: &FieldErrors) -> Vec<&str> {
        errors.list().iter().map(|e| e.field.as_str()).collect()
    }

    #[test]
    fn a_complete_registration_is_normalised() {
        let registration =
            NewRegistration::parse(valid_input(), &VendorAddresses::default()).unwrap();
        assert_eq!(registration.contact.email.as_str(), "ana@kovinar.si");
        assert_eq!(registration.company.country.code(), "SI");
        assert_eq!(registration.company.vat_id.unwrap().as_str(), "SI12345678");
        assert!(registration.newsletter);
    }

    #[test]
    fn every_invalid_field_is_named_at_once() {
        let input = RegistrationInput {
            email: Some("not-an-email".into()),
            country: Some("XX".into()),
            phone: None,
            accept_terms: Some(false),
            ..valid_input()
        };
        let errors = NewRegistration::parse(input, &VendorAddresses::default()).unwrap_err();
        assert_eq!(
            fields(&errors),
            [
                "company.country",
                "contact.email",
                "contact.phone",
                "accept_terms"
            ]
        );
    }

    #[test]
    fn terms_must_be_accepted_explicitly() {
        let input = RegistrationInput {
            accept_terms: None,
            ..valid_input()
        };
        assert_eq!(
            fields(&NewRegistration::parse(input, &VendorAddresses::default()).unwrap_err()),
            ["accept_terms"]
        );
    }

    #[test]
    fn vat_id_is_optional_and_newsletter_defaults_to_no() {
        let input = RegistrationInput {
            vat_id: Some(" ".into()),
            newsletter: None,
            ..valid_input()
        };
        let registration = NewRegistration::parse(input, &VendorAddresses::default()).unwrap();
        assert_eq!(registration.company.vat_id, None);
        assert!(!registration.newsletter);
        assert_eq!(
            registration.newsletter_consent_at(crate::domain::time::from_unix_millis(0).unwrap()),
            None
        );
    }

    #[test]
    fn decoding_errors_are_reported_with_the_rest() {
        let mut input = valid_input();
        input
            .decoding
            .push("newsletter", Invalid::said("type", m::field_true_or_false));
        input.email = None;
        assert_eq!(
            fields(&NewRegistration::parse(input, &VendorAddresses::default()).unwrap_err()),
            ["newsletter", "contact.email"]
        );
    }

    #[test]
    fn the_vendors_own_address_is_refused_by_name() {
        let vendor = VendorAddresses::from_settings(
            &Email::parse("desk@timeandspace.eu").unwrap(),
            "Spica <support@timeandspace.eu>",
            Some("reply.timeandspace.eu"),
        );
        for own in [
            "Desk@TimeAndSpace.eu",
            "support@timeandspace.eu",
            "x@reply.timeandspace.eu",
        ] {
            let input = RegistrationInput {
                email: Some(own.into()),
                ..valid_input()
            };
            let errors = NewRegistration::parse(input, &vendor).unwrap_err();
            assert_eq!(fields(&errors), ["contact.email"], "{own}");
            assert_eq!(errors.list()[0].code, "vendor_address");
        }
        assert!(NewRegistration::parse(valid_input(), &vendor).is_ok());
    }
}
