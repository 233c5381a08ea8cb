//! The EPC QR code ("GiroCode") of a SEPA credit transfer: a customer scans
//! it with a banking app and the transfer arrives filled in, reference and
//! all, so fewer payments go astray for a mistyped RF reference.
//!
//! The payload follows EPC069-12, version 002, character set 1 (UTF-8),
//! identification SCT.

use std::fmt::Write;

use qrcode::{Color, EcLevel, QrCode};
use thiserror::Error;

use super::bank::{Bic, Iban};
use super::html::{Html, XmlText};
use super::money::Money;
use super::rf::RfReference;
use crate::html;

/// EPC069-12 caps the payload at 331 bytes: what a version 13 QR code holds
/// at error correction level M, the largest code the guidelines allow.
pub const MAX_PAYLOAD_BYTES: usize = 331;

/// The longest beneficiary name the guidelines allow, in characters.
pub const MAX_BENEFICIARY_CHARS: usize = 70;

/// The amount range of the guidelines, in cents: EUR 0.01 to 999999999.99.
const MIN_CENTS: i64 = 1;
const MAX_CENTS: i64 = 99_999_999_999;

/// Modules of white around the code: the quiet zone that ISO/IEC 18004
/// requires, so scanners find the code's edges.
const QUIET_ZONE: usize = 4;

/// Drawn size of one module, in CSS pixels, before any stylesheet scales it.
const MODULE_PIXELS: usize = 4;

/// A transfer to encode: the portal's bank account, what is due and the
/// order's reference.
#[derive(Debug, Clone, Copy)]
pub struct Transfer<'a> {
    pub bic: &'a Bic,
    pub beneficiary: &'a str,
    pub iban: &'a Iban,
    pub amount: Money,
    pub reference: &'a RfReference,
}

/// Why no code can be made: each names the field to fix.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum EpcError {
    #[error("the amount must be from EUR 0.01 to EUR 999999999.99")]
    AmountOutOfRange,
    #[error("the beneficiary name must be at most 70 characters, not {0}")]
    BeneficiaryTooLong(usize),
    #[error("the beneficiary name must not be empty or hold line breaks or control characters")]
    BeneficiaryInvalid,
    #[error("the payload is {0} bytes; an EPC QR code holds at most 331")]
    PayloadTooLong(usize),
    #[error("the payload could not be encoded as a QR code")]
    Encoding,
}

/// The payload text of the transfer's EPC QR code, the BIC and IBAN
/// written compact.
pub fn payload(t: &Transfer) -> Result<String, EpcError> {
    let cents = t.amount.cents();
    if !(MIN_CENTS..=MAX_CENTS).contains(&cents) {
        return Err(EpcError::AmountOutOfRange);
    }
    let beneficiary = beneficiary(t.beneficiary)?;
    // Purpose (empty), the structured reference, then the unstructured
    // remittance and the note to the payer, both empty and so omitted.
    let text = [
        "BCD",
        "002",
        "1",
        "SCT",
        t.bic.as_str(),
        beneficiary,
        t.iban.as_str(),
        &format!("EUR{}", t.amount),
        "",
        t.reference.as_str(),
    ]
    .join("\n");
    if text.len() > MAX_PAYLOAD_BYTES {
        return Err(EpcError::PayloadTooLong(text.len()));
    }
    Ok(text)
}

/// The payload as a scalable SVG QR code at error correction level M (as
/// the guidelines require), black on white, with a quiet zone. `title`
/// names the image for screen readers.
pub fn qr_svg(payload: &str, title: &str) -> Result<Html, EpcError> {
    if payload.len() > MAX_PAYLOAD_BYTES {
        return Err(EpcError::PayloadTooLong(payload.len()));
    }
    let code = QrCode::with_error_correction_level(payload.as_bytes(), EcLevel::M)
        .map_err(|_| EpcError::Encoding)?;
    Ok(svg(&code, "epc-qr", title))
}

/// A QR code as inline SVG, black on white, with a quiet zone; `id` and
/// `title` name it on the page and for screen readers. No scripts, styles
/// or links, so it embeds under the pages' Content-Security-Policy.
pub fn svg(code: &QrCode, id: &str, title: &str) -> Html {
    let width = code.width();
    let colors = code.to_colors();
    let size = width + 2 * QUIET_ZONE;
    let pixels = size * MODULE_PIXELS;
    let title = XmlText(title);
    let mut path = String::new();
    for (y, row) in colors.chunks(width.max(1)).enumerate() {
        // One rectangle per horizontal run of dark modules keeps the path short.
        let mut x = 0;
        while x < row.len() {
            if row[x] == Color::Dark {
                let start = x;
                while x < row.len() && row[x] == Color::Dark {
                    x += 1;
                }
                let _ = write!(
                    path,
                    "M{} {}h{}v1h-{}z",
                    start + QUIET_ZONE,
                    y + QUIET_ZONE,
                    x - start,
                    x - start
                );
            } else {
                x += 1;
            }
        }
    }
    html!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"{}\" role=\"img\" aria-label=\"{}\" \
         viewBox=\"0 0 {} {}\" width=\"{}\" height=\"{}\" shape-rendering=\"crispEdges\">\
         <title>{}</title>\
         <rect width=\"{}\" height=\"{}\" fill=\"#ffffff\"/>\
         <path fill=\"#000000\" d=\"{}\"/></svg>",
        id,
        title,
        size,
        size,
        pixels,
        pixels,
        title,
        size,
        size,
        path
    )
}

/// The trimmed name: 1 to 70 characters, none of which could break the
/// payload's line structure.
fn beneficiary(name: &str) -> Result<&str, EpcError> {
    let name = name.trim();
    if name.is_empty() || name.chars().any(char::is_control) {
        return Err(EpcError::BeneficiaryInvalid);
    }
    match name.chars().count() {
        n if n > MAX_BENEFICIARY_CHARS => Err(EpcError::BeneficiaryTooLong(n)),
        _ => Ok(name),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reference() -> RfReference {
        RfReference::parse("RF18539007547034").unwrap()
    }

    fn account(iban: &str, bic: &str) -> (&'static Iban, &'static Bic) {
        (
            Box::leak(Box::new(Iban::parse(iban).unwrap())),
            Box::leak(Box::new(Bic::parse(bic).unwrap())),
        )
    }

    fn transfer<'a>(beneficiary: &'a str, reference: &'a RfReference) -> Transfer<'a> {
        let (iban, bic) = account("SI56 1910 0000 0123 438", "BAKOSI2X");
        Transfer {
            bic,
            beneficiary,
            iban,
            amount: Money::parse("50").unwrap(),
            reference,
        }
    }

    #[test]
    fn the_payload_of_a_known_transfer_is_exact() {
        let reference = reference();
        assert_eq!(
            payload(&transfer("Spica d.o.o.", &reference)).unwrap(),
            "BCD\n002\n1\nSCT\nBAKOSI2X\nSpica d.o.o.\nSI56191000000123438\nEUR50.00\n\nRF18539007547034"
        );
    }

    #[test]
    fn iban_and_bic_are_written_compact_and_upper_case() {
        let reference = reference();
        let mut t = transfer("Spica d.o.o.", &reference);
        (t.iban, t.bic) = account(" si56 1910 0000 0123 438 ", "bakosi2xxxx");
        let text = payload(&t).unwrap();
        assert!(text.contains("\nBAKOSI2XXXX\n") && text.contains("\nSI56191000000123438\n"));
    }

    #[test]
    fn a_70_character_beneficiary_passes_and_71_fails() {
        let reference = reference();
        let seventy = "A".repeat(70);
        assert!(payload(&transfer(&seventy, &reference))
            .unwrap()
            .contains(&format!("\n{seventy}\n")));
        let seventy_one = "A".repeat(71);
        assert_eq!(
            payload(&transfer(&seventy_one, &reference)),
            Err(EpcError::BeneficiaryTooLong(71))
        );
    }

    #[test]
    fn a_beneficiary_that_would_break_the_lines_is_refused() {
        let reference = reference();
        for bad in ["", "   ", "Spica\nEvil", "Spica\rd.o.o.", "Spica\u{0}"] {
            assert_eq!(
                payload(&transfer(bad, &reference)),
                Err(EpcError::BeneficiaryInvalid),
                "{bad:?} was accepted"
            );
        }
    }

    #[test]
    fn amounts_outside_the_guidelines_range_are_refused() {
        let reference = reference();
        let mut t = transfer("Spica d.o.o.", &reference);
        for (cents, ok) in [
            (0, false),
            (1, true),
            (99_999_999_999, true),
            (100_000_000_000, false),
        ] {
            t.amount = Money::from_cents(cents).unwrap();
            assert_eq!(payload(&t).is_ok(), ok, "{cents} cents");
        }
        t.amount = Money::from_cents(1).unwrap();
        assert!(payload(&t).unwrap().contains("\nEUR0.01\n"));
    }

    #[test]
    fn the_payload_of_a_long_beneficiary_stays_within_331_bytes() {
        let reference = RfReference::for_payload(&"9".repeat(21)).unwrap();
        let mut t = transfer("", &reference);
        let longest = "W".repeat(70);
        t.beneficiary = &longest;
        (t.iban, t.bic) = account("MT84 MALT 0110 0001 2345 MTLC AST0 01S", "BAKOSI2XXXX");
        t.amount = Money::from_cents(99_999_999_999).unwrap();
        let text = payload(&t).unwrap();
        assert!(text.len() <= MAX_PAYLOAD_BYTES, "{} bytes", text.len());
        // Seventy four-byte characters are within the name limit but not the byte limit.
        let wide = "😀".repeat(70);
        t.beneficiary = &wide;
        assert!(matches!(payload(&t), Err(EpcError::PayloadTooLong(n)) if n > 331));
    }

    #[test]
    fn the_svg_names_itself_for_screen_readers() {
        let reference = reference();
        let text = payload(&transfer("Spica d.o.o.", &reference)).unwrap();
        let svg = qr_svg(&text, "Pay <EUR 50.00> & done")
            .unwrap()
            .into_string();
        assert!(svg.starts_with("<svg"));
        assert!(svg.ends_with("</svg>"));
        assert!(svg.contains("id=\"epc-qr\""));
        assert!(svg.contains("role=\"img\""));
        assert!(svg.contains("aria-label=\"Pay &lt;EUR 50.00&gt; &amp; done\""));
        assert!(svg.contains("<title>Pay &lt;EUR 50.00&gt; &amp; done</title>"));
        assert!(svg.contains("viewBox=\"0 0 "));
        assert!(!svg.contains("<script") && !svg.contains("href") && !svg.contains("style"));
    }

    #[test]
    fn the_svg_is_level_m_with_a_quiet_zone() {
        let text =
            "BCD\n002\n1\nSCT\nBAKOSI2X\nSpica\nSI56191000000123438\nEUR1.00\n\nRF18539007547034";
        let code = QrCode::with_error_correction_level(text.as_bytes(), EcLevel::M).unwrap();
        let size = code.width() + 2 * QUIET_ZONE;
        let svg = qr_svg(text, "t").unwrap().into_string();
        assert!(svg.contains(&format!("viewBox=\"0 0 {size} {size}\"")));
        // The top-left finder pattern starts after the quiet zone.
        assert!(svg.contains(&format!("M{QUIET_ZONE} {QUIET_ZONE}h7v1h-7z")));
    }

    #[test]
    fn a_payload_too_long_for_an_epc_code_is_refused() {
        assert_eq!(
            qr_svg(&"x".repeat(332), "t"),
            Err(EpcError::PayloadTooLong(332))
        );
        assert!(qr_svg(&"x".repeat(331), "t").is_ok());
        assert!(qr_svg("", "t").is_ok());
    }
}
