//! Changing a profile: the organisation's company data, the contact's name,
//! phone and address, and the bulletin subscription. Each field that is
//! present is checked as registration checks it; absent fields stay as they
//! are.

use super::country::Country;
use super::email::{Email, VendorAddresses};
use super::field::{FieldErrors, Invalid};
use super::language::Language;
use super::messages as m;
use super::phone::Phone;
use super::registration::RegistrationInput;
use super::text::{Text, VatId};

/// A change whose every present field is valid; `None` leaves a field as it
/// is. `vat_id: Some(None)` removes the VAT number.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ProfileChange {
    pub company_name: Option<Text>,
    pub street: Option<Text>,
    pub postal_code: Option<Text>,
    pub city: Option<Text>,
    pub country: Option<Country>,
    pub vat_id: Option<Option<VatId>>,
    pub contact_name: Option<Text>,
    pub phone: Option<Phone>,
    pub email: Option<Email>,
    pub newsletter: Option<bool>,
    /// `language` (`sl`, `en`): what the contact is written to in.
    pub language: Option<Language>,
}

fn field<T>(
    errors: &mut FieldErrors,
    path: &str,
    value: &Option<String>,
    parse: impl Fn(&str) -> Result<T, Invalid>,
) -> Option<T> {
    value
        .as_deref()
        .and_then(|text| errors.check(path, parse(text)))
}

impl ProfileChange {
    /// Checks the fields of a registration's shape that are present; the
    /// serial and the terms are not part of a profile, and a new address may
    /// be none of the vendor's own.
    pub fn parse(input: &RegistrationInput, vendor: &VendorAddresses) -> Result<Self, FieldErrors> {
        let mut errors = input.decoding.clone();
        if input.serial.is_some() {
            errors.push("serial", Invalid::said("read_only", m::field_read_only));
        }
        if input.accept_terms.is_some() {
            errors.push(
                "accept_terms",
                Invalid::said("read_only", m::field_read_only),
            );
        }
        let change = Self {
            company_name: field(&mut errors, "company.name", &input.company_name, |t| {
                Text::parse(t, 200)
            }),
            street: field(&mut errors, "company.street", &input.street, |t| {
                Text::parse(t, 200)
            }),
            postal_code: field(
                &mut errors,
                "company.postal_code",
                &input.postal_code,
                |t| Text::parse(t, 16),
            ),
            city: field(&mut errors, "company.city", &input.city, |t| {
                Text::parse(t, 100)
            }),
            country: field(
                &mut errors,
                "company.country",
                &input.country,
                Country::parse,
            ),
            vat_id: field(&mut errors, "company.vat_id", &input.vat_id, |t| {
                match t.trim() {
                    "" => Ok(None),
                    vat => VatId::parse(vat).map(Some),
                }
            }),
            contact_name: field(&mut errors, "contact.name", &input.contact_name, |t| {
                Text::parse(t, 200)
            }),
            phone: field(&mut errors, "contact.phone", &input.phone, Phone::parse),
            email: field(&mut errors, "contact.email", &input.email, |e| {
                vendor.customer_address(e)
            }),
            newsletter: input.newsletter,
            language: field(&mut errors, "language", &input.language, |l| {
                Language::parse(l).map_err(Invalid::from)
            }),
        };
        if errors.is_empty() {
            Ok(change)
        } else {
            Err(errors)
        }
    }

    /// Whether anything of the organisation changes.
    pub fn changes_company(&self) -> bool {
        self.company_name.is_some()
            || self.street.is_some()
            || self.postal_code.is_some()
            || self.city.is_some()
            || self.country.is_some()
            || self.vat_id.is_some()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn present_fields_are_checked_and_absent_ones_stay() {
        let input = RegistrationInput {
            city: Some("Maribor".into()),
            vat_id: Some(String::new()),
            ..RegistrationInput::default()
        };
        let change = ProfileChange::parse(&input, &VendorAddresses::default()).unwrap();
        assert_eq!(change.city.unwrap().as_str(), "Maribor");
        assert_eq!(change.vat_id, Some(None));
        assert!(change.company_name.is_none() && change.email.is_none());
    }

    #[test]
    fn a_bad_field_names_itself() {
        let input = RegistrationInput {
            phone: Some("call me".into()),
            country: Some("Atlantis".into()),
            serial: Some("TS-1".into()),
            ..RegistrationInput::default()
        };
        let errors = ProfileChange::parse(&input, &VendorAddresses::default()).unwrap_err();
        let fields: Vec<_> = errors.list().iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["serial", "company.country", "contact.phone"]);
    }

    #[test]
    fn a_new_address_may_not_be_the_vendors() {
        let vendor = VendorAddresses::from_settings(
            &Email::parse("desk@timeandspace.eu").unwrap(),
            "support@timeandspace.eu",
            None,
        );
        let input = RegistrationInput {
            email: Some("desk@timeandspace.eu".into()),
            ..RegistrationInput::default()
        };
        let errors = ProfileChange::parse(&input, &vendor).unwrap_err();
        assert_eq!(errors.list()[0].field, "contact.email");
        assert_eq!(errors.list()[0].code, "vendor_address");
    }
}
