//! Free text fields of a form: a name, a street, a city.

use super::field::Invalid;
use super::messages as m;

/// Trimmed text of 1 to `max` characters without control characters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Text(String);

impl Text {
    pub fn parse(input: &str, max: usize) -> Result<Self, Invalid> {
        let text = input.trim();
        if text.is_empty() {
            return Err(Invalid::required());
        }
        if text.chars().count() > max {
            return Err(Invalid::said("too_long", |l| {
                m::field_too_long(l, max as i64)
            }));
        }
        if text.chars().any(char::is_control) {
            return Err(Invalid::said("invalid", m::field_control_characters));
        }
        Ok(Self(text.to_owned()))
    }

    /// Free text that people write in paragraphs (a problem description, a
    /// message, a resolution, a note): line breaks and tabs are kept (CR LF
    /// read as LF), any other control character is refused.
    pub fn parse_multiline(input: &str, max: usize) -> Result<Self, Invalid> {
        let normalised = input.replace("\r\n", "\n");
        if normalised
            .chars()
            .any(|c| c.is_control() && c != '\n' && c != '\t')
        {
            return Err(Invalid::said(
                "invalid",
                m::field_control_characters_multiline,
            ));
        }
        let kept: String = normalised.replace(['\n', '\t'], " ");
        Self::parse(&kept, max)?;
        Ok(Self(normalised.trim().to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn into_string(self) -> String {
        self.0
    }
}

/// A VAT identification number: country prefix and 2 to 13 letters or digits,
/// spaces and dots dropped (`SI 1234.5678` becomes `SI12345678`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VatId(String);

impl VatId {
    pub fn parse(input: &str) -> Result<Self, Invalid> {
        let vat: String = input
            .chars()
            .filter(|c| !c.is_whitespace() && *c != '.' && *c != '-')
            .collect::<String>()
            .to_ascii_uppercase();
        // Checked as characters, not bytes: the input may be any text.
        let mut chars = vat.chars();
        let prefix: String = chars.by_ref().take(2).collect();
        let rest: String = chars.collect();
        let ok = prefix.len() == 2
            && prefix.chars().all(|c| c.is_ascii_alphabetic())
            && (2..=13).contains(&rest.len())
            && rest.chars().all(|c| c.is_ascii_alphanumeric());
        if ok {
            Ok(Self(vat))
        } else {
            Err(Invalid::said("invalid", m::field_vat_id))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn an_emails_paragraphs_keep_their_line_breaks() {
        let text = super::Text::parse_multiline("  Hello,\r\n\r\ncall me\tat 9.\n", 100).unwrap();
        assert_eq!(text.as_str(), "Hello,\n\ncall me\tat 9.");
        assert!(super::Text::parse_multiline("bell\u{7}", 100).is_err());
        assert!(super::Text::parse_multiline(" \n ", 100).is_err());
        assert!(super::Text::parse_multiline("abc\ndef", 5).is_err());
    }

    use super::*;

    #[test]
    fn text_is_trimmed_and_bounded() {
        assert_eq!(
            Text::parse("  Spica d.o.o. ", 20).unwrap().as_str(),
            "Spica d.o.o."
        );
        assert_eq!(Text::parse(" ", 20).unwrap_err().code, "required");
        assert_eq!(Text::parse("ščćž", 4).unwrap().as_str(), "ščćž");
        assert_eq!(Text::parse("abcde", 4).unwrap_err().code, "too_long");
        assert_eq!(Text::parse("a\u{0}b", 4).unwrap_err().code, "invalid");
    }

    #[test]
    fn a_vat_id_of_any_text_is_refused_without_panicking() {
        // Found by schemathesis: a multi-byte character across byte 2.
        for input in [
            "\u{14}\u{10a735}\u{e4}",
            "äö",
            "S\u{e4}12345678",
            "\u{1f600}\u{1f600}\u{1f600}",
        ] {
            assert!(VatId::parse(input).is_err(), "{input:?}");
        }
    }

    #[test]
    fn vat_ids_are_normalised() {
        assert_eq!(VatId::parse("si 1234.5678").unwrap().as_str(), "SI12345678");
        assert!(VatId::parse("12345678").is_err());
        assert!(VatId::parse("SI1").is_err());
    }
}

#[cfg(test)]
mod multiline_tests {
    use super::Text;

    #[test]
    fn a_description_keeps_its_line_breaks_and_tabs() {
        let text =
            Text::parse_multiline("  Terminal 3:\r\n\t- no time\n\nSince Monday.  ", 100).unwrap();
        assert_eq!(text.as_str(), "Terminal 3:\n\t- no time\n\nSince Monday.");
    }

    #[test]
    fn other_control_characters_are_refused_by_name() {
        for input in ["bell\u{7}", "nul\u{0}", "escape\u{1b}[31m", "lone\rreturn"] {
            let refused = Text::parse_multiline(input, 100).unwrap_err();
            assert!(
                refused.detail().contains("line breaks and tabs"),
                "{input:?}"
            );
        }
        assert!(
            Text::parse("one\ntwo", 100).is_err(),
            "one-line fields stay one line"
        );
        assert!(
            Text::parse_multiline(" \n\t ", 100).is_err(),
            "blank is not text"
        );
        assert!(
            Text::parse_multiline(&"a\n".repeat(60), 100).is_err(),
            "length counts"
        );
    }
}
