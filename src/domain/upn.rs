//! The UPN QR code: the payment QR code of the Slovenian banks (Združenje
//! bank Slovenije, "Tehnični standard UPN QR"). Slovenian banking apps read
//! it where many do not read the EPC code, so a Slovenian buyer's pro-forma
//! carries both.
//!
//! The payload is 19 fields, each ended by a line feed, then field 20, the
//! checksum: the count of characters of those 19 fields and their 19 line
//! feeds, in three digits and ended by a line feed; then the reserve, spaces
//! up to 411 characters in all (the most the fields' lengths allow). It is
//! written in ISO 8859-2 (where Slovenian letters are one byte each) into a
//! version 15 code at error correction level M with the ECI designator 4,
//! as the standard fixes: 411 bytes and the two headers fill that code
//! exactly.

use chrono::{Datelike, NaiveDate};
use qrcode::bits::Bits;
use qrcode::{EcLevel, QrCode, Version};
use thiserror::Error;

use super::bank::Iban;
use super::html::Html;
use super::money::Money;
use super::rf::RfReference;

/// The fields of the standard in order, with their longest lengths.
/// 1 UPNQR, 2 payer's IBAN, 3 deposit, 4 withdrawal, 5 payer's reference,
/// 6–8 payer's name, street and place, 9 amount, 10 date of payment,
/// 11 urgent, 12 purpose code, 13 purpose, 14 deadline, 15 recipient's IBAN,
/// 16 recipient's reference, 17–19 recipient's name, street and place.
const FIELDS: usize = 19;

/// The whole payload, reserve included, in characters (= bytes).
pub const PAYLOAD_CHARS: usize = 411;

/// Lengths the standard allows, in characters: the payer's IBAN is a
/// Slovenian one (19), the recipient's any (34).
const PAYER_IBAN_CHARS: usize = 19;
const NAME_CHARS: usize = 33;
const PURPOSE_CHARS: usize = 42;
const REFERENCE_CHARS: usize = 26;
const IBAN_CHARS: usize = 34;

/// EUR 0.01 to 999,999,999.99: eleven digits of cents.
const MAX_CENTS: i64 = 99_999_999_999;

/// ISO 20022 purpose code for the purchase of services (support coupons).
pub const PURPOSE_SERVICES: &str = "SCVE";

/// A party's name and address as the slip prints them.
#[derive(Debug, Clone, Copy)]
pub struct Party<'a> {
    pub name: &'a str,
    pub street: &'a str,
    /// Postcode and place: "1000 Ljubljana".
    pub place: &'a str,
}

/// One payment order.
#[derive(Debug, Clone, Copy)]
pub struct Order<'a> {
    pub payer: Party<'a>,
    pub recipient: Party<'a>,
    pub recipient_iban: &'a Iban,
    /// The RF creditor reference (ISO 11649).
    pub reference: &'a RfReference,
    pub amount: Money,
    /// Four capitals, ISO 20022 ExternalPurpose1Code.
    pub purpose_code: &'a str,
    pub purpose: &'a str,
    pub deadline: NaiveDate,
}

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum UpnError {
    #[error("the amount must be from EUR 0.01 to EUR 999999999.99")]
    AmountOutOfRange,
    #[error("{field} holds {found} characters; the UPN allows {max}")]
    TooLong {
        field: &'static str,
        found: usize,
        max: usize,
    },
    #[error("{field} holds a character outside ISO 8859-2 or a line break")]
    Unwritable { field: &'static str },
    #[error("the purpose code must be four capital letters")]
    PurposeCode,
    #[error("the payload could not be encoded as a QR code")]
    Encoding,
}

/// The payload's text, field by field: what a test compares with the
/// standard's layout and what the QR code holds (in ISO 8859-2).
pub fn payload(order: &Order) -> Result<String, UpnError> {
    if !(1..=MAX_CENTS).contains(&order.amount.cents()) {
        return Err(UpnError::AmountOutOfRange);
    }
    if order.purpose_code.len() != 4 || !order.purpose_code.bytes().all(|b| b.is_ascii_uppercase())
    {
        return Err(UpnError::PurposeCode);
    }
    let d = order.deadline;
    let fields: [(&'static str, String, usize); FIELDS] = [
        ("header", "UPNQR".into(), 5),
        ("payer's IBAN", String::new(), PAYER_IBAN_CHARS),
        ("deposit", String::new(), 1),
        ("withdrawal", String::new(), 1),
        ("payer's reference", String::new(), REFERENCE_CHARS),
        ("payer's name", order.payer.name.trim().into(), NAME_CHARS),
        (
            "payer's street",
            order.payer.street.trim().into(),
            NAME_CHARS,
        ),
        ("payer's place", order.payer.place.trim().into(), NAME_CHARS),
        ("amount", format!("{:011}", order.amount.cents()), 11),
        ("date of payment", String::new(), 10),
        ("urgent", String::new(), 1),
        ("purpose code", order.purpose_code.into(), 4),
        ("purpose", order.purpose.trim().into(), PURPOSE_CHARS),
        (
            "deadline",
            format!("{:02}.{:02}.{:04}", d.day(), d.month(), d.year()),
            10,
        ),
        (
            "recipient's IBAN",
            order.recipient_iban.as_str().into(),
            IBAN_CHARS,
        ),
        (
            "reference",
            order.reference.as_str().into(),
            REFERENCE_CHARS,
        ),
        (
            "recipient's name",
            order.recipient.name.trim().into(),
            NAME_CHARS,
        ),
        (
            "recipient's street",
            order.recipient.street.trim().into(),
            NAME_CHARS,
        ),
        (
            "recipient's place",
            order.recipient.place.trim().into(),
            NAME_CHARS,
        ),
    ];
    let mut out = String::new();
    for (field, value, max) in &fields {
        let found = value.chars().count();
        if found > *max {
            return Err(UpnError::TooLong {
                field,
                found,
                max: *max,
            });
        }
        if value.chars().any(|c| latin2(c).is_none() || c.is_control()) {
            return Err(UpnError::Unwritable { field });
        }
        out.push_str(value);
        out.push('\n');
    }
    let checksum = out.chars().count();
    out.push_str(&format!("{checksum:03}\n"));
    // The reserve: the fields' maxima sum to exactly this, so never negative.
    let used = out.chars().count();
    out.extend(std::iter::repeat_n(' ', PAYLOAD_CHARS.saturating_sub(used)));
    Ok(out)
}

/// The payload's bytes in ISO 8859-2: what the code holds.
pub fn latin2_bytes(payload: &str) -> Result<Vec<u8>, UpnError> {
    payload
        .chars()
        .map(latin2)
        .collect::<Option<_>>()
        .ok_or(UpnError::Unwritable { field: "payload" })
}

/// The payload as the code's bytes: version 15, level M, ECI 4 (ISO 8859-2).
pub fn qr_code(payload: &str) -> Result<QrCode, UpnError> {
    let bytes = latin2_bytes(payload)?;
    let mut bits = Bits::new(Version::Normal(15));
    bits.push_eci_designator(4)
        .map_err(|_| UpnError::Encoding)?;
    bits.push_byte_data(&bytes)
        .map_err(|_| UpnError::Encoding)?;
    bits.push_terminator(EcLevel::M)
        .map_err(|_| UpnError::Encoding)?;
    QrCode::with_bits(bits, EcLevel::M).map_err(|_| UpnError::Encoding)
}

/// The order's UPN QR code as inline SVG (`id="upn-qr"`), for the
/// pro-forma of a buyer in Slovenia.
pub fn qr_svg(order: &Order, title: &str) -> Result<Html, UpnError> {
    let code = qr_code(&payload(order)?)?;
    Ok(super::epc::svg(&code, "upn-qr", title))
}

/// A character's byte in ISO 8859-2, for the characters a Slovenian,
/// Croatian or Central European name uses; `None` for anything else.
fn latin2(c: char) -> Option<u8> {
    const HIGH: [(char, u8); 57] = [
        ('\u{A0}', 0xA0),
        ('Ą', 0xA1),
        ('Ł', 0xA3),
        ('Ľ', 0xA5),
        ('Ś', 0xA6),
        ('§', 0xA7),
        ('Š', 0xA9),
        ('Ş', 0xAA),
        ('Ť', 0xAB),
        ('Ź', 0xAC),
        ('Ž', 0xAE),
        ('Ż', 0xAF),
        ('ą', 0xB1),
        ('ł', 0xB3),
        ('ľ', 0xB5),
        ('ś', 0xB6),
        ('š', 0xB9),
        ('ş', 0xBA),
        ('ť', 0xBB),
        ('ź', 0xBC),
        ('ž', 0xBE),
        ('ż', 0xBF),
        ('Á', 0xC1),
        ('Â', 0xC2),
        ('Ä', 0xC4),
        ('Ć', 0xC6),
        ('Ç', 0xC7),
        ('Č', 0xC8),
        ('É', 0xC9),
        ('Ë', 0xCB),
        ('Í', 0xCD),
        ('Î', 0xCE),
        ('Ď', 0xCF),
        ('Đ', 0xD0),
        ('Ń', 0xD1),
        ('Ň', 0xD2),
        ('Ó', 0xD3),
        ('Ô', 0xD4),
        ('Ö', 0xD6),
        ('Ú', 0xDA),
        ('Ü', 0xDC),
        ('Ý', 0xDD),
        ('ß', 0xDF),
        ('á', 0xE1),
        ('â', 0xE2),
        ('ä', 0xE4),
        ('ć', 0xE6),
        ('ç', 0xE7),
        ('č', 0xE8),
        ('é', 0xE9),
        ('ë', 0xEB),
        ('í', 0xED),
        ('đ', 0xF0),
        ('ó', 0xF3),
        ('ö', 0xF6),
        ('ú', 0xFA),
        ('ü', 0xFC),
    ];
    if c.is_ascii() {
        return Some(c as u8);
    }
    HIGH.iter().find(|(k, _)| *k == c).map(|(_, b)| *b)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn order() -> Order<'static> {
        use std::sync::OnceLock;
        static IBAN: OnceLock<Iban> = OnceLock::new();
        static RF: OnceLock<RfReference> = OnceLock::new();
        Order {
            payer: Party {
                name: "Žaga Čevlji d.o.o.",
                street: "Šmartinska cesta 152",
                place: "1000 Ljubljana",
            },
            recipient: Party {
                name: "Spica International d.o.o.",
                street: "Pot k sejmišču 33",
                place: "1231 Ljubljana - Črnuče",
            },
            recipient_iban: IBAN.get_or_init(|| Iban::parse("SI56 1910 0000 0123 438").unwrap()),
            reference: RF.get_or_init(|| RfReference::parse("RF18 5390 0754 7034").unwrap()),
            amount: Money::from_cents(3050).unwrap(),
            purpose_code: PURPOSE_SERVICES,
            purpose: "Predračun ORD-2026-00017",
            deadline: NaiveDate::from_ymd_opt(2026, 12, 21).unwrap(),
        }
    }

    /// The standard's own example (ZBS, "Tehnični standard UPN QR"): the
    /// checksum it prints is 188.
    #[test]
    fn the_standards_example_is_written_as_the_standard_prints_it() {
        let iban = Iban::parse("SI56051008010486080").unwrap();
        let reference = RfReference::parse("RF45SBO2010").unwrap();
        let example = Order {
            payer: Party {
                name: "Janez Novak",
                street: "Dunajska 1",
                place: "1000 Ljubljana",
            },
            recipient: Party {
                name: "Novo podjetje d.o.o.",
                street: "Lepa cesta 15",
                place: "3698 Loški Potok",
            },
            recipient_iban: &iban,
            reference: &reference,
            amount: Money::from_cents(8105).unwrap(),
            purpose_code: "RENT",
            purpose: "Plačilo najemnine 10/2016",
            deadline: NaiveDate::from_ymd_opt(2016, 11, 15).unwrap(),
        };
        let fields = "UPNQR\n\n\n\n\nJanez Novak\nDunajska 1\n1000 Ljubljana\n00000008105\n\n\n\
                      RENT\nPlačilo najemnine 10/2016\n15.11.2016\nSI56051008010486080\nRF45SBO2010\n\
                      Novo podjetje d.o.o.\nLepa cesta 15\n3698 Loški Potok\n188\n";
        let text = payload(&example).unwrap();
        assert_eq!(&text[..fields.len()], fields);
        assert_eq!(text[fields.len()..], " ".repeat(411 - 192));
    }

    #[test]
    fn the_payload_has_the_standards_twenty_fields_in_order_then_the_reserve() {
        let text = payload(&order()).unwrap();
        let lines: Vec<&str> = text.split('\n').collect();
        // 19 fields, the checksum (field 20), and the reserve after its line feed.
        assert_eq!(lines.len(), 21);
        let expected = [
            "UPNQR",                      // 1 leading style
            "",                           // 2 payer's IBAN
            "",                           // 3 deposit
            "",                           // 4 withdrawal
            "",                           // 5 payer's reference
            "Žaga Čevlji d.o.o.",         // 6 payer's name
            "Šmartinska cesta 152",       // 7 payer's street
            "1000 Ljubljana",             // 8 payer's place
            "00000003050",                // 9 amount: eleven digits of cents
            "",                           // 10 date of payment
            "",                           // 11 urgent
            "SCVE",                       // 12 purpose code
            "Predračun ORD-2026-00017",   // 13 purpose
            "21.12.2026",                 // 14 deadline, DD.MM.YYYY
            "SI56191000000123438",        // 15 recipient's IBAN, compact
            "RF18539007547034",           // 16 recipient's reference, compact
            "Spica International d.o.o.", // 17 recipient's name
            "Pot k sejmišču 33",          // 18 recipient's street
            "1231 Ljubljana - Črnuče",    // 19 recipient's place
        ];
        for (n, (line, want)) in lines.iter().zip(expected).enumerate() {
            assert_eq!(*line, want, "field {}", n + 1);
        }
        let sum: usize = expected.iter().map(|f| f.chars().count()).sum::<usize>() + 19;
        assert_eq!(lines[19], format!("{sum:03}"), "field 20, the checksum");
        assert_eq!(sum, 226);
        assert!(lines[20].chars().all(|c| c == ' '), "the reserve is spaces");
        assert_eq!(text.chars().count(), PAYLOAD_CHARS);
    }

    #[test]
    fn the_checksum_counts_the_characters_of_the_fields_and_their_line_feeds() {
        let text = payload(&order()).unwrap();
        let (fields, rest) = text.split_at(text.match_indices('\n').nth(18).unwrap().0 + 1);
        let checksum = &rest[..3];
        assert_eq!(checksum, format!("{:03}", fields.chars().count()));
        assert_eq!(&rest[3..4], "\n");
        // Each Slovenian letter counts once, as it is one byte in ISO 8859-2.
        assert_eq!(latin2_bytes(fields).unwrap().len(), fields.chars().count());
    }

    #[test]
    fn slovenian_letters_are_one_byte_each_in_iso_8859_2() {
        assert_eq!(
            latin2_bytes("čšžČŠŽ").unwrap(),
            [0xE8, 0xB9, 0xBE, 0xC8, 0xA9, 0xAE]
        );
        let bytes = latin2_bytes(&payload(&order()).unwrap()).unwrap();
        assert_eq!(bytes.len(), PAYLOAD_CHARS);
        // "Žaga Čevlji": Ž and Č as their single bytes.
        let name = "UPNQR\n\n\n\n\n".len();
        assert_eq!(
            &bytes[name..name + 7],
            [0xAE, b'a', b'g', b'a', b' ', 0xC8, b'e']
        );
        assert!(latin2_bytes("€").is_err());
    }

    #[test]
    fn the_code_is_version_15_at_level_m() {
        let code = qr_code(&payload(&order()).unwrap()).unwrap();
        assert_eq!(code.version(), Version::Normal(15));
        assert_eq!(code.error_correction_level(), EcLevel::M);
        assert_eq!(code.width(), 77);
        let svg = qr_svg(&order(), "UPN QR").unwrap();
        assert!(svg.as_str().starts_with("<svg") && svg.as_str().contains("id=\"upn-qr\""));
    }

    #[test]
    fn every_field_at_its_longest_still_fits_the_code() {
        let long = |n: usize| "Ž".repeat(n);
        let (name, purpose) = (long(33), long(42));
        let mut full = order();
        full.payer = Party {
            name: &name,
            street: &name,
            place: &name,
        };
        full.recipient = full.payer;
        full.purpose = &purpose;
        full.amount = Money::from_cents(MAX_CENTS).unwrap();
        let iban = Iban::parse("MT84 MALT 0110 0001 2345 MTLC AST0 01S").unwrap();
        full.recipient_iban = &iban;
        let reference = RfReference::for_payload(&"9".repeat(21)).unwrap();
        full.reference = &reference;
        let text = payload(&full).unwrap();
        assert!(text.chars().count() <= PAYLOAD_CHARS);
        assert_eq!(qr_code(&text).unwrap().version(), Version::Normal(15));
    }

    #[test]
    fn what_the_standard_cannot_hold_is_refused_by_name() {
        let mut long = order();
        long.payer.name = "A name far longer than the thirty-three characters";
        assert_eq!(
            payload(&long),
            Err(UpnError::TooLong {
                field: "payer's name",
                found: 50,
                max: 33
            })
        );
        let mut foreign = order();
        foreign.purpose = "Račun 北京";
        assert_eq!(
            payload(&foreign),
            Err(UpnError::Unwritable { field: "purpose" })
        );
        let mut broken = order();
        broken.recipient.street = "Line\nbreak";
        assert_eq!(
            payload(&broken),
            Err(UpnError::Unwritable {
                field: "recipient's street"
            })
        );
        let mut free = order();
        free.amount = Money::from_cents(0).unwrap();
        assert_eq!(payload(&free), Err(UpnError::AmountOutOfRange));
    }

    #[test]
    fn the_latin2_table_is_a_bijection_on_its_characters() {
        let all: Vec<char> = "čćđšžČĆĐŠŽáéíóúäöüÁÉÍÓÚÄÖÜ".chars().collect();
        let mut bytes: Vec<u8> = all.iter().map(|c| latin2(*c).unwrap()).collect();
        bytes.sort();
        bytes.dedup();
        assert_eq!(bytes.len(), all.len());
        assert!(all.iter().all(|c| latin2(*c).unwrap() >= 0xA0));
    }
}
