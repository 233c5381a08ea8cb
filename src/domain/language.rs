//! The language a contact is written to: Slovenian or English (issue 22
//! records it; issue 23 writes in it).

/// A language code the portal does not speak.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UnknownLanguage;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Language {
    Sl,
    En,
}

/// The CLDR cardinal plural categories a whole number falls in; each
/// language uses some of them (`locales/*.ftl` select on them).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Plural {
    One,
    Two,
    Few,
    Other,
}

impl Language {
    /// Both, in the order a select lists them.
    pub const ALL: [Language; 2] = [Language::Sl, Language::En];

    /// `sl` or `en`, exactly as stored and sent.
    pub fn parse(text: &str) -> Result<Self, UnknownLanguage> {
        match text {
            "sl" => Ok(Self::Sl),
            "en" => Ok(Self::En),
            _ => Err(UnknownLanguage),
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Sl => "sl",
            Self::En => "en",
        }
    }

    /// The plural form of the whole number `n` (CLDR's cardinal rules):
    /// Slovenian `1 kupon, 2 kupona, 3 kuponi, 5 kuponov` (by the last two
    /// digits: 101 kupon), English `1 coupon, 2 coupons`.
    pub fn plural(self, n: i64) -> Plural {
        match self {
            Self::Sl => match n.unsigned_abs() % 100 {
                1 => Plural::One,
                2 => Plural::Two,
                3 | 4 => Plural::Few,
                _ => Plural::Other,
            },
            Self::En if n == 1 => Plural::One,
            Self::En => Plural::Other,
        }
    }

    /// The language's own name, for a select: `Slovenščina`, `English`.
    pub fn name(self) -> &'static str {
        match self {
            Self::Sl => "Slovenščina",
            Self::En => "English",
        }
    }

    /// The language an organisation in `country` (ISO alpha-2) is written
    /// to when nobody chose: Slovenian in Slovenia, English elsewhere.
    pub fn of_country(country: &str) -> Self {
        if country.eq_ignore_ascii_case("SI") {
            Self::Sl
        } else {
            Self::En
        }
    }

    /// The language a request is answered in: the `lang` cookie's (the
    /// switch on every page sets it, and signing in sets it to the
    /// person's own) when it names one, else the browser's
    /// `Accept-Language`, else English.
    pub fn of_request(cookie: Option<&str>, accept_language: Option<&str>) -> Self {
        cookie
            .and_then(|code| Self::parse(code).ok())
            .unwrap_or_else(|| Self::from_accept_language(accept_language))
    }

    /// The browser's choice from its `Accept-Language` header: Slovenian
    /// when `sl` (or `sl-SI`, …) ranks at least as high as `en` (`en-GB`, …)
    /// by q-value, English when `en` ranks higher or neither is acceptable.
    /// A `*` ranks a language the header does not name, but only beside the
    /// other one named (`*` alone names neither). Ranges that cannot be read
    /// (a bad tag or q-value) are ignored; no header at all is English.
    pub fn from_accept_language(header: Option<&str>) -> Self {
        let mut sl: Option<u16> = None;
        let mut en: Option<u16> = None;
        let mut any: Option<u16> = None;
        for range in header.unwrap_or("").split(',') {
            let Some((tag, q)) = language_range(range) else {
                continue;
            };
            let primary = tag.split('-').next().unwrap_or("");
            let slot = if tag == "*" {
                &mut any
            } else if primary.eq_ignore_ascii_case("sl") {
                &mut sl
            } else if primary.eq_ignore_ascii_case("en") {
                &mut en
            } else {
                continue;
            };
            *slot = Some(slot.map_or(q, |seen| seen.max(q)));
        }
        let (sl, en) = match (sl, en) {
            (None, None) => return Self::En,
            (sl, en) => (sl.or(any).unwrap_or(0), en.or(any).unwrap_or(0)),
        };
        if sl > 0 && sl >= en {
            Self::Sl
        } else {
            Self::En
        }
    }
}

/// One range of an `Accept-Language` header: its tag and its q-value in
/// thousandths (1000 when absent), or `None` when either cannot be read.
fn language_range(range: &str) -> Option<(&str, u16)> {
    let mut parts = range.split(';');
    let tag = parts.next()?.trim();
    let well_formed = tag == "*"
        || (!tag.is_empty()
            && tag.len() <= 35
            && tag.split('-').all(|part| {
                (1..=8).contains(&part.len()) && part.bytes().all(|b| b.is_ascii_alphanumeric())
            }));
    if !well_formed {
        return None;
    }
    let mut q = 1000;
    for parameter in parts {
        let (name, value) = parameter.split_once('=')?;
        if name.trim().eq_ignore_ascii_case("q") {
            q = qvalue(value.trim())?;
        }
    }
    Some((tag, q))
}

/// RFC 9110's qvalue: `0`, `0.` and up to three digits, or `1`, `1.000`.
fn qvalue(text: &str) -> Option<u16> {
    let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
    if fraction.len() > 3 || !fraction.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let thousandths: u16 = format!("{fraction:0<3}").parse().ok()?;
    match whole {
        "0" => Some(thousandths),
        "1" if thousandths == 0 => Some(1000),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn pick(header: &str) -> Language {
        Language::from_accept_language(Some(header))
    }

    /// CLDR's examples for Slovenian integers (plurals.xml).
    #[test]
    fn plural_forms_follow_cldrs_examples() {
        let sl = |n| Language::Sl.plural(n);
        for n in [1, 101, 201, 301, 1001] {
            assert_eq!(sl(n), Plural::One, "{n}");
        }
        for n in [2, 102, 202, 1002] {
            assert_eq!(sl(n), Plural::Two, "{n}");
        }
        for n in [3, 4, 103, 104, 203, 1004] {
            assert_eq!(sl(n), Plural::Few, "{n}");
        }
        for n in [0, 5, 11, 12, 13, 14, 19, 100, 111, 1000] {
            assert_eq!(sl(n), Plural::Other, "{n}");
        }
        assert_eq!(Language::En.plural(1), Plural::One);
        for n in [0, 2, 11, 21, 101] {
            assert_eq!(Language::En.plural(n), Plural::Other, "{n}");
        }
    }

    #[test]
    fn the_cookie_outranks_the_browser_and_a_bad_cookie_is_ignored() {
        let sl_browser = Some("sl-SI,sl;q=0.9");
        assert_eq!(Language::of_request(Some("en"), sl_browser), Language::En);
        assert_eq!(Language::of_request(Some("sl"), Some("en")), Language::Sl);
        assert_eq!(Language::of_request(Some("xx"), sl_browser), Language::Sl);
        assert_eq!(Language::of_request(None, sl_browser), Language::Sl);
        assert_eq!(Language::of_request(None, None), Language::En);
    }

    #[test]
    fn parses_exactly_sl_and_en() {
        assert_eq!(Language::parse("sl"), Ok(Language::Sl));
        assert_eq!(Language::parse("en"), Ok(Language::En));
        for wrong in ["", "SL", "de", "sl-SI", " en", "english"] {
            assert!(Language::parse(wrong).is_err(), "{wrong:?}");
        }
        for language in Language::ALL {
            assert_eq!(Language::parse(language.as_str()), Ok(language));
        }
    }

    #[test]
    fn a_slovenian_browser_gets_slovenian_and_an_english_one_english() {
        assert_eq!(pick("sl-SI,sl;q=0.9,en-GB;q=0.8,en;q=0.7"), Language::Sl);
        assert_eq!(pick("sl"), Language::Sl);
        assert_eq!(pick("en-GB,en;q=0.9"), Language::En);
        assert_eq!(pick("en-US,en;q=0.9,sl;q=0.8"), Language::En);
        assert_eq!(pick("de-AT, sl;q=0.5, en;q=0.4"), Language::Sl);
        assert_eq!(pick("SL-si"), Language::Sl);
    }

    #[test]
    fn q_values_decide_not_the_order() {
        assert_eq!(pick("en;q=0.3, sl;q=0.9"), Language::Sl);
        assert_eq!(pick("sl;q=0.2, en;q=0.21"), Language::En);
        // A tie goes to Slovenian.
        assert_eq!(pick("en;q=0.5, sl;q=0.500"), Language::Sl);
        // q=0 means "not this one".
        assert_eq!(pick("sl;q=0, en;q=0.1"), Language::En);
        assert_eq!(pick("sl;q=0"), Language::En);
        assert_eq!(pick("en;q=0, sl;q=0.001"), Language::Sl);
    }

    #[test]
    fn neither_named_is_english() {
        assert_eq!(Language::from_accept_language(None), Language::En);
        assert_eq!(pick(""), Language::En);
        assert_eq!(pick("de-DE,de;q=0.9,fr;q=0.8"), Language::En);
        assert_eq!(pick("*"), Language::En);
    }

    #[test]
    fn a_wildcard_ranks_the_language_not_named() {
        assert_eq!(pick("en;q=0.5, *;q=0.8"), Language::Sl);
        assert_eq!(pick("en, *;q=0.8"), Language::En);
        assert_eq!(pick("sl;q=0.4, *"), Language::En);
        assert_eq!(pick("sl;q=0.4, *;q=0.1"), Language::Sl);
    }

    #[test]
    fn ranges_that_cannot_be_read_are_ignored() {
        assert_eq!(pick("sl;q=2, en;q=0.5"), Language::En);
        assert_eq!(pick("sl;q=abc, en"), Language::En);
        assert_eq!(pick("sl;q=0.1234, en;q=0.1"), Language::En);
        assert_eq!(pick("sl;q, en;q=0.1"), Language::En);
        assert_eq!(pick("s l, en;q=0.1"), Language::En);
        assert_eq!(pick(";;;,,,sl;q=0.3"), Language::Sl);
        assert_eq!(pick("\u{17e}, sl"), Language::Sl);
        assert_eq!(pick("sl;level=1;q=0.9, en;q=0.8"), Language::Sl);
    }

    proptest! {
        #[test]
        fn any_header_is_read_without_panicking(header in "\\PC{0,80}") {
            let _ = Language::from_accept_language(Some(&header));
        }

        #[test]
        fn the_higher_q_wins_and_a_tie_is_slovenian(sl in 1u16..=1000, en in 1u16..=1000, sl_first: bool) {
            let (sl_range, en_range) = (format!("sl-SI;q={}", q(sl)), format!("en-GB;q={}", q(en)));
            let header = if sl_first { format!("{sl_range}, {en_range}") } else { format!("{en_range}, {sl_range}") };
            let expected = if sl >= en { Language::Sl } else { Language::En };
            prop_assert_eq!(pick(&header), expected);
        }

        #[test]
        fn other_languages_change_nothing(other in "[a-km-z][a-z]", q_other in 0u16..=1000, sl in 0u16..=1000, en in 0u16..=1000) {
            prop_assume!(other != "en" && other != "sl");
            let plain = format!("sl;q={}, en;q={}", q(sl), q(en));
            let with_other = format!("{other};q={}, {plain}", q(q_other));
            prop_assert_eq!(pick(&plain), pick(&with_other));
        }
    }

    fn q(thousandths: u16) -> String {
        if thousandths == 1000 {
            "1".into()
        } else {
            format!("0.{thousandths:03}")
        }
    }
}
