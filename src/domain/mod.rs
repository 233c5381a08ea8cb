//! The pure core: business rules with no I/O, no clock and no randomness.
//!
//! Every value type here is built only through a fallible `parse`, so a value
//! that exists is valid and nothing downstream checks it again.

/// Value types go out as their canonical text, the same text they parse
/// from: in the API's JSON, and escaped in the pages' HTML.
macro_rules! as_text {
    ($($type:ty),+ $(,)?) => {$(
        impl serde::Serialize for $type {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl html::Render for $type {
            fn render(&self, out: &mut String) {
                <str as html::Render>::render(self.as_str(), out);
            }
        }
    )+};
}

pub mod access;
pub mod activation;
pub mod attachment;
pub mod bank;
pub mod billing;
pub mod bulletin;
pub mod country;
pub mod email;
pub mod entropy;
pub mod epc;
pub mod field;
pub mod format;
pub mod html;
pub mod id;
pub mod idempotency;
pub mod inbound;
pub mod incident;
pub mod intake;
pub mod invitation;
pub mod invoice;
pub mod language;
pub mod ledger;
pub mod license;
pub mod link;
pub mod live;
pub mod messages;
pub mod money;
pub mod notification;
pub mod number;
pub mod order;
pub mod organisation;
pub mod partner;
pub mod phone;
pub mod profile;
pub mod queue;
pub mod reconciliation;
pub mod registration;
pub mod reply;
pub mod rf;
pub mod search;
pub mod serial;
pub mod staff;
pub mod statement;
pub mod stripe;
pub mod subscription;
pub mod text;
pub mod time;
pub mod token;
pub mod upn;
pub mod vat;
pub mod vies;

as_text!(
    email::Email,
    phone::Phone,
    serial::SerialNumber,
    serial::LicenseSerial,
    id::CustomerId,
    id::ContactId,
    id::IncidentId,
    id::ClaimId,
    id::InvitationId,
    incident::Channel,
    incident::Outcome,
    incident::Author,
    incident::Status,
    partner::PartnerKind,
    language::Language,
);

#[cfg(test)]
mod parsers_never_panic {
    //! Every parser at the edge refuses what it cannot read; none panics, on
    //! any text (schemathesis found one that did).

    use proptest::prelude::*;

    proptest! {
        #[test]
        fn on_any_text(input in "\\PC{0,40}") {
            let _ = super::text::VatId::parse(&input);
            let _ = super::text::Text::parse(&input, 10);
            let _ = super::email::Email::parse(&input);
            let _ = super::phone::Phone::parse(&input, None);
            let _ = super::phone::Phone::parse(&input, Some(super::country::Country::SLOVENIA));
            let _ = super::serial::LicenseSerial::parse(&input);
            let _ = super::country::Country::parse(&input);
            let _ = super::money::Money::parse(&input);
            let _ = super::rf::RfReference::parse(&input);
            let _ = super::rf::RfReference::candidates_in(&input);
            let _ = super::token::Token::parse(&input);
            let _ = super::link::ReturnPath::parse(&input);
            let _ = super::incident::Channel::parse(&input);
            let _ = super::order::PaymentMethod::parse(&input);
            let _ = super::activation::InstallationId::parse(&input);
            let _ = super::activation::ActivationCode::parse(&input);
            let _ = super::license::ProductVersion::parse(&input);
            let _ = super::time::parse(&input);
            let _ = super::stripe::SignatureHeader::parse(&input);
            let _ = super::subscription::parse_month(&input);
            let _ = super::idempotency::IdempotencyKey::parse(&input);
            let _ = super::language::Language::parse(&input);
        }
    }
}
