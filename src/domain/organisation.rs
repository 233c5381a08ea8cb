//! Organisations and their licenses: who holds a license, and whether a
//! registering company is the catalogue's licensee.
//!
//! A license has at most one holding organisation. A registration becomes its
//! holder only when its company is the licensee the catalogue names: the same
//! VAT number, or the same name and country after [`normalise_company_name`].
//! Typing a serial proves nothing (it is printed in every Help/About dialog),
//! so every other registration of a serial is a claim that staff resolve.

use super::country::Country;
use super::registration::Company;
use super::serial::LicenseSerial;
use super::text::VatId;

/// The licensee the catalogue names for a license.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Licensee {
    pub name: Option<String>,
    pub country: Option<String>,
    pub vat_id: Option<String>,
}

/// Legal-form words dropped from the end of a company name: the same
/// company is written "Kovinar d.o.o.", "KOVINAR DOO" or "Kovinar".
const LEGAL_FORMS: [&str; 24] = [
    "doo", "dd", "sp", "gmbh", "ag", "kg", "ltd", "limited", "llc", "inc", "corp", "plc", "sro",
    "as", "ab", "oy", "bv", "nv", "sa", "sarl", "srl", "spa", "kft", "co",
];

/// A company name as compared: lower case, letters and digits only, words
/// separated by one space, legal-form suffixes removed ("d.o.o.", "GmbH",
/// "Ltd."). Dots inside a legal form are dropped before the words are split,
/// so "d.o.o." is the word "doo". Letters keep their accents: "Žaga" and
/// "Zaga" are different names.
pub fn normalise_company_name(name: &str) -> String {
    let folded: String = name
        .chars()
        .filter(|c| *c != '.' && *c != '\'')
        .map(|c| {
            if c.is_alphanumeric() {
                c.to_lowercase().next().unwrap_or(c)
            } else {
                ' '
            }
        })
        .collect();
    let mut words: Vec<&str> = folded.split_whitespace().collect();
    // A legal form may be spread over words ("d. o. o."): the last one to
    // three words are tried joined.
    'strip: while words.len() > 1 {
        for n in 1..=3.min(words.len() - 1) {
            let tail = words[words.len() - n..].concat();
            if LEGAL_FORMS.contains(&tail.as_str()) {
                words.truncate(words.len() - n);
                continue 'strip;
            }
        }
        break;
    }
    words.join(" ")
}

/// Whether the name VIES gives for a VAT number's holder clearly differs
/// from the buyer's company name: the evidence that the number is someone
/// else's. Clearly, because registers and people write one company in many
/// ways, and a false alarm charges VAT that is not due:
///
/// - both are compared as [`normalise_company_name`] writes them (no case,
///   punctuation or legal form), word by word;
/// - only words of three characters or more count ("&", "of", "AG" in the
///   middle of a name say nothing), and a name without any such word is no
///   evidence;
/// - a name without a Latin letter (VIES gives Greek and Bulgarian names in
///   their own script) is no evidence, and a letter outside ASCII matches
///   any letter in its place ("Žaga" is "ZAGA");
/// - the names differ clearly only when they have no word in common: a
///   word added or dropped (a trade name, "Handels", "Proizvodnja in
///   trgovina") is no evidence, a different name is.
///
/// VIES's "---" and a missing name are no evidence: they never differ.
pub fn names_clearly_differ(vies_name: &str, company_name: &str) -> bool {
    fn words(name: &str) -> Option<Vec<Vec<char>>> {
        let normalised = normalise_company_name(name);
        if !normalised.chars().any(|c| c.is_ascii_alphabetic()) {
            return None;
        }
        let words: Vec<Vec<char>> = normalised
            .split(' ')
            .map(|word| word.chars().collect::<Vec<char>>())
            .filter(|word| word.len() >= 3)
            .collect();
        (!words.is_empty()).then_some(words)
    }
    fn same_word(a: &[char], b: &[char]) -> bool {
        a.len() == b.len()
            && a.iter()
                .zip(b)
                .all(|(x, y)| x == y || !x.is_ascii() || !y.is_ascii())
    }
    match (words(vies_name), words(company_name)) {
        (Some(vies), Some(company)) => {
            !vies.iter().any(|v| company.iter().any(|c| same_word(v, c)))
        }
        _ => false,
    }
}

/// Whether a registering company is the licensee: an equal VAT number, or an
/// equal normalised name in the same country. A licensee the catalogue does
/// not describe matches nobody.
pub fn is_licensee(licensee: &Licensee, company: &Company) -> bool {
    let vat_matches = match (&licensee.vat_id, &company.vat_id) {
        (Some(listed), Some(given)) => {
            VatId::parse(listed).is_ok_and(|listed| listed.as_str() == given.as_str())
        }
        _ => false,
    };
    let name_matches = match (&licensee.name, &licensee.country) {
        (Some(name), Some(country)) => {
            let name = normalise_company_name(name);
            !name.is_empty()
                && name == normalise_company_name(company.name.as_str())
                && Country::parse(country).is_ok_and(|c| c == company.country)
        }
        _ => false,
    };
    vat_matches || name_matches
}

/// What the catalogue says about a registered serial, as read before the write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CatalogueEntry {
    /// The catalogue has no such license (or the user typed "0").
    Unknown,
    Known {
        licensee: Licensee,
        /// The organisation holding it, if any.
        holder: Option<String>,
    },
}

/// What a confirmed registration does with its serial.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SerialOutcome {
    /// The organisation is the licensee of an unheld license: it becomes the
    /// holder, and the serial is confirmed.
    BecomesHolder,
    /// It holds the license already (a reseller's sale, a staff assignment).
    AlreadyHolder,
    /// Anything else: a claim for staff, and nothing of the license until then.
    Claim,
}

/// Decides what a registration's serial gives its organisation, once the
/// email address is confirmed.
pub fn registered_serial_outcome(
    organisation_id: &str,
    serial: &LicenseSerial,
    company: &Company,
    entry: &CatalogueEntry,
) -> SerialOutcome {
    match (serial, entry) {
        (LicenseSerial::Unknown, _) | (_, CatalogueEntry::Unknown) => SerialOutcome::Claim,
        (LicenseSerial::Known(_), CatalogueEntry::Known { licensee, holder }) => {
            match holder.as_deref() {
                Some(holder) if holder == organisation_id => SerialOutcome::AlreadyHolder,
                Some(_) => SerialOutcome::Claim,
                None if is_licensee(licensee, company) => SerialOutcome::BecomesHolder,
                None => SerialOutcome::Claim,
            }
        }
    }
}

/// Where a person stands with their organisation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ContactStatus {
    /// Registered, email address not yet confirmed.
    PendingVerification,
    /// May sign in and act for the organisation.
    Active,
    /// Removed by a colleague or staff: signs in no more.
    Removed,
}

/// (`invited`, which contacts.status still allows, is no longer written:
/// invitations are their own table since migration 0018.)
const CONTACT_STATUSES: [(ContactStatus, &str); 3] = [
    (ContactStatus::PendingVerification, "pending_verification"),
    (ContactStatus::Active, "active"),
    (ContactStatus::Removed, "removed"),
];

impl ContactStatus {
    pub fn as_str(self) -> &'static str {
        CONTACT_STATUSES
            .iter()
            .find(|(status, _)| *status == self)
            .map_or("", |(_, text)| text)
    }

    pub fn parse(text: &str) -> Option<Self> {
        CONTACT_STATUSES
            .iter()
            .find(|(_, name)| *name == text)
            .map(|(status, _)| *status)
    }
}

/// Where a license claim stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClaimStatus {
    Open,
    /// Staff gave the license to the claimant's organisation.
    Assigned,
    /// The holder's contacts were asked by email to accept the claimant.
    JoinRequested,
    /// A contact of the holder accepted: the claimant is one of its contacts.
    Joined,
    Refused,
}

const CLAIM_STATUSES: [(ClaimStatus, &str); 5] = [
    (ClaimStatus::Open, "open"),
    (ClaimStatus::Assigned, "assigned"),
    (ClaimStatus::JoinRequested, "join_requested"),
    (ClaimStatus::Joined, "joined"),
    (ClaimStatus::Refused, "refused"),
];

impl ClaimStatus {
    pub fn as_str(self) -> &'static str {
        CLAIM_STATUSES
            .iter()
            .find(|(status, _)| *status == self)
            .map_or("", |(_, text)| text)
    }

    pub fn parse(text: &str) -> Option<Self> {
        CLAIM_STATUSES
            .iter()
            .find(|(_, name)| *name == text)
            .map(|(status, _)| *status)
    }

    /// Whether staff may still decide it.
    pub fn is_pending(self) -> bool {
        matches!(self, Self::Open | Self::JoinRequested)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::text::Text;

    fn company(name: &str, country: &str, vat: Option<&str>) -> Company {
        Company {
            name: Text::parse(name, 200).unwrap(),
            street: Text::parse("Cesta 1", 200).unwrap(),
            postal_code: Text::parse("1000", 16).unwrap(),
            city: Text::parse("Ljubljana", 100).unwrap(),
            country: Country::parse(country).unwrap(),
            vat_id: vat.map(|v| VatId::parse(v).unwrap()),
        }
    }

    fn kovinar() -> Licensee {
        Licensee {
            name: Some("KOVINAR, d.o.o.".into()),
            country: Some("SI".into()),
            vat_id: Some("SI 1234 5678".into()),
        }
    }

    #[test]
    fn company_names_compare_without_case_punctuation_spacing_or_legal_form() {
        for written in [
            "Kovinar d.o.o.",
            "KOVINAR DOO",
            " kovinar,  d. o. o. ",
            "Kovinar",
        ] {
            assert_eq!(normalise_company_name(written), "kovinar", "{written:?}");
        }
        assert_eq!(
            normalise_company_name("Müller & Söhne GmbH"),
            "müller söhne"
        );
        assert_eq!(
            normalise_company_name("Acme Trading Co. Ltd."),
            "acme trading"
        );
        assert_eq!(
            normalise_company_name("GmbH"),
            "gmbh",
            "a name is never emptied"
        );
        assert_ne!(
            normalise_company_name("Žaga d.o.o."),
            normalise_company_name("Zaga d.o.o.")
        );
    }

    #[test]
    fn a_vies_name_clearly_differs_only_without_a_word_in_common() {
        for (vies, company) in [
            ("KOVINAR D.O.O.", "Kovinar d.o.o."),
            ("KOVINAR, PROIZVODNJA IN TRGOVINA, D.O.O.", "Kovinar d.o.o."),
            ("Sternwarte Berlin GmbH", "Sternwarte Berlin"),
            ("STERNWARTE BERLIN GESELLSCHAFT MBH", "Sternwarte GmbH"),
            ("ŽAGA KRANJ D.O.O.", "Zaga Kranj"),
            ("MÜLLER HANDEL", "Mueller Handel GmbH"),
            ("ΑΛΦΑ ΑΝΩΝΥΜΗ ΕΤΑΙΡΕΙΑ", "Alpha S.A."),
            ("---", "Kovinar d.o.o."),
            ("", "Kovinar d.o.o."),
            ("HP AG", "Kovinar d.o.o."),
        ] {
            assert!(!names_clearly_differ(vies, company), "{vies} / {company}");
        }
        for (vies, company) in [
            ("Sternwarte Berlin GmbH", "Kovinar d.o.o."),
            ("ALPENBLICK HANDELS GMBH", "Kovinar GmbH"),
            ("Müller GmbH", "Schmidt GmbH"),
        ] {
            assert!(names_clearly_differ(vies, company), "{vies} / {company}");
        }
    }

    /// A name written as a register or a person might write it.
    fn restyled(words: &[String], upper: bool, form: &str, extra: Option<&str>) -> String {
        let mut name = words.join(if upper { ", " } else { " " });
        if upper {
            name = name.to_uppercase();
        }
        if let Some(extra) = extra {
            name = format!("{name} {extra}");
        }
        format!("{name} {form}")
    }

    proptest::proptest! {
        #[test]
        fn a_name_never_clearly_differs_from_itself_however_written(
            words in proptest::collection::vec("[A-Za-zčšžäöü]{1,10}", 1..4),
            upper: bool,
            form in proptest::sample::select(vec!["", "d.o.o.", "GmbH", "Ltd.", "s.r.o."]),
            extra in proptest::option::of("[A-Za-z]{3,10}"),
        ) {
            let plain = words.join(" ");
            let written = restyled(&words, upper, form, extra.as_deref());
            proptest::prop_assert!(!names_clearly_differ(&written, &plain));
            proptest::prop_assert!(!names_clearly_differ(&plain, &written));
        }

        #[test]
        fn names_without_a_word_in_common_clearly_differ_either_way(
            ours in proptest::collection::vec("[a-m]{3,10}", 1..4),
            theirs in proptest::collection::vec("[n-z]{3,10}", 1..4),
        ) {
            let (ours, theirs) = (ours.join(" "), theirs.join(" "));
            proptest::prop_assert!(names_clearly_differ(&ours, &theirs));
            proptest::prop_assert!(names_clearly_differ(&theirs, &ours));
        }

        #[test]
        fn no_name_clearly_differs_from_vies_giving_none(company in "\\PC{0,40}") {
            proptest::prop_assert!(!names_clearly_differ("---", &company));
            proptest::prop_assert!(!names_clearly_differ("", &company));
        }
    }

    #[test]
    fn the_licensee_matches_by_vat_number_or_by_name_and_country() {
        assert!(is_licensee(
            &kovinar(),
            &company("Kovinar d.o.o.", "SI", None)
        ));
        assert!(is_licensee(
            &kovinar(),
            &company("Another name", "SI", Some("SI12345678"))
        ));
        assert!(
            !is_licensee(&kovinar(), &company("Kovinar d.o.o.", "HR", None)),
            "same name, another country"
        );
        assert!(!is_licensee(
            &kovinar(),
            &company("Kovinarstvo d.o.o.", "SI", Some("SI87654321"))
        ));
        assert!(
            !is_licensee(
                &Licensee::default(),
                &company("Kovinar d.o.o.", "SI", Some("SI12345678"))
            ),
            "a license without a licensee matches nobody"
        );
    }

    #[test]
    fn only_the_licensee_of_an_unheld_license_becomes_its_holder() {
        let serial = LicenseSerial::parse("TS-1").unwrap();
        let ours = company("Kovinar d.o.o.", "SI", None);
        let unheld = CatalogueEntry::Known {
            licensee: kovinar(),
            holder: None,
        };
        let held = |by: &str| CatalogueEntry::Known {
            licensee: kovinar(),
            holder: Some(by.into()),
        };
        assert_eq!(
            registered_serial_outcome("cus_a", &serial, &ours, &unheld),
            SerialOutcome::BecomesHolder
        );
        assert_eq!(
            registered_serial_outcome("cus_a", &serial, &ours, &held("cus_a")),
            SerialOutcome::AlreadyHolder
        );
        assert_eq!(
            registered_serial_outcome("cus_a", &serial, &ours, &held("cus_b")),
            SerialOutcome::Claim,
            "even the licensee's name does not take a held license"
        );
        let stranger = company("Stranger d.o.o.", "SI", None);
        assert_eq!(
            registered_serial_outcome("cus_x", &serial, &stranger, &unheld),
            SerialOutcome::Claim,
            "typing a serial is not owning it"
        );
        assert_eq!(
            registered_serial_outcome("cus_a", &serial, &ours, &CatalogueEntry::Unknown),
            SerialOutcome::Claim,
            "an invented serial is a claim"
        );
        assert_eq!(
            registered_serial_outcome("cus_a", &LicenseSerial::Unknown, &ours, &unheld),
            SerialOutcome::Claim
        );
    }
}
