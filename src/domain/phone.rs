//! Telephone numbers as people type them, stored in E.164.
//!
//! A Slovenian office manager types `041 123 456` or `01 234 56 78`, not
//! `+38641123456`: a number without its calling code is read with the
//! company's country (its calling code, its trunk prefix dropped). The
//! stored form is E.164, the one a support desk can dial from anywhere;
//! pages show it as people read it ([`Phone::display`]).

use std::fmt;

use super::country::Country;
use super::field::Invalid;
use super::messages as m;

/// `+` and 8 to 15 digits, the first not 0 (ITU-T E.164).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Phone(String);

/// A country's numbering plan, as far as reading a typed number needs it:
/// its calling code, the trunk prefix its national numbers begin with (that
/// the international form leaves out; none in Italy, San Marino, the
/// Vatican and where numbers have no trunk prefix), the national
/// significant number's lengths, and an example a person would type.
struct Plan {
    country: &'static str,
    code: &'static str,
    trunk: &'static str,
    lengths: (usize, usize),
    example: &'static str,
}

/// The countries of the EU and EEA, their neighbours and Spica's usual
/// customers, by ISO code. Others type the international form.
const PLANS: [Plan; 45] = [
    plan("AD", "376", "", (6, 9), "312 345"),
    plan("AL", "355", "0", (8, 9), "067 212 3456"),
    plan("AT", "43", "0", (4, 13), "0664 123 4567"),
    plan("AU", "61", "0", (9, 9), "0412 345 678"),
    plan("BA", "387", "0", (8, 9), "061 123 456"),
    plan("BE", "32", "0", (8, 9), "0470 12 34 56"),
    plan("BG", "359", "0", (7, 9), "048 123 456"),
    plan("CA", "1", "", (10, 10), "(506) 234-5678"),
    plan("CH", "41", "0", (9, 9), "078 123 45 67"),
    plan("CY", "357", "", (8, 8), "96 123456"),
    plan("CZ", "420", "", (9, 9), "601 123 456"),
    plan("DE", "49", "0", (6, 13), "0151 23456789"),
    plan("DK", "45", "", (8, 8), "32 12 34 56"),
    plan("EE", "372", "", (7, 8), "5123 4567"),
    plan("ES", "34", "", (9, 9), "612 34 56 78"),
    plan("FI", "358", "0", (5, 12), "041 2345678"),
    plan("FR", "33", "0", (9, 9), "06 12 34 56 78"),
    plan("GB", "44", "0", (9, 10), "07400 123456"),
    plan("GR", "30", "", (10, 10), "691 234 5678"),
    plan("HR", "385", "0", (8, 9), "091 234 5678"),
    plan("HU", "36", "06", (8, 9), "06 20 123 4567"),
    plan("IE", "353", "0", (7, 9), "085 012 3456"),
    plan("IS", "354", "", (7, 9), "611 1234"),
    plan("IT", "39", "", (6, 11), "312 345 6789"),
    plan("LI", "423", "", (7, 9), "660 234 567"),
    plan("LT", "370", "8", (8, 8), "8 612 34567"),
    plan("LU", "352", "", (4, 11), "628 123 456"),
    plan("LV", "371", "", (8, 8), "21 234 567"),
    plan("MC", "377", "", (8, 9), "93 15 20 00"),
    plan("ME", "382", "0", (8, 8), "067 622 901"),
    plan("MK", "389", "0", (8, 8), "072 345 678"),
    plan("MT", "356", "", (8, 8), "9696 1234"),
    plan("NL", "31", "0", (9, 9), "06 12345678"),
    plan("NO", "47", "", (8, 8), "406 12 345"),
    plan("PL", "48", "", (9, 9), "512 345 678"),
    plan("PT", "351", "", (9, 9), "912 345 678"),
    plan("RO", "40", "0", (9, 9), "0712 034 567"),
    plan("RS", "381", "0", (8, 10), "060 1234567"),
    plan("SE", "46", "0", (7, 10), "070 123 45 67"),
    plan("SI", "386", "0", (8, 8), "041 123 456"),
    plan("SK", "421", "0", (9, 9), "0912 123 456"),
    plan("SM", "378", "", (6, 10), "66 66 12 12"),
    plan("TR", "90", "0", (10, 10), "0501 234 56 78"),
    plan("UA", "380", "0", (9, 9), "050 123 4567"),
    plan("US", "1", "", (10, 10), "(201) 555-0123"),
];

impl Plan {
    /// Whether a national significant number has a length of the plan
    /// (and does not begin with the trunk 0 the plan drops). Slovenian
    /// freephone and premium numbers are shorter: `080 12 34`, `090 12 34`.
    fn fits(&self, national: &str) -> bool {
        let (shortest, longest) = self.lengths;
        let short_service = self.country == "SI"
            && national.len() == 6
            && (national.starts_with("80") || national.starts_with("90"));
        let no_trunk_left = self.trunk.is_empty() || !national.starts_with('0');
        ((shortest..=longest).contains(&national.len()) || short_service) && no_trunk_left
    }
}

const fn plan(
    country: &'static str,
    code: &'static str,
    trunk: &'static str,
    lengths: (usize, usize),
    example: &'static str,
) -> Plan {
    Plan {
        country,
        code,
        trunk,
        lengths,
        example,
    }
}

/// The plan of the calling code a number in E.164 digits begins with
/// (calling codes are prefix-free; Canada shares the US's 1 and its plan).
fn plan_of_digits(digits: &str) -> Option<&'static Plan> {
    PLANS.iter().find(|p| digits.starts_with(p.code))
}

fn plan_of_country(country: Country) -> Option<&'static Plan> {
    PLANS.iter().find(|p| p.country == country.code())
}

/// Slovenian national numbers with a two-digit prefix after the trunk 0:
/// mobile networks (030, 031, 040, 041, 043, 049, 051, 064, 065, 068, 069,
/// 070, 071) and non-geographic ones (059, 08x, 090); the others have a
/// one-digit area code (01 Ljubljana, 02 Maribor, 03 Celje, 04 Kranj,
/// 05 Nova Gorica and Koper, 07 Novo mesto).
fn slovenian_two_digit_prefix(national: &str) -> bool {
    const MOBILE: [&str; 8] = ["30", "31", "40", "41", "43", "49", "51", "59"];
    national.starts_with(['6', '8', '9'])
        || national.starts_with("70")
        || national.starts_with("71")
        || MOBILE.iter().any(|p| national.starts_with(p))
}

/// The shape shown when the company's country has no plan here.
const INTERNATIONAL_EXAMPLE: &str = "+386 41 123 456";

/// What people put between digits: spaces (also non-breaking), dots,
/// dashes (also the typographic ones), slashes and parentheses.
fn is_separator(c: char) -> bool {
    matches!(
        c,
        ' ' | '\u{a0}' | '\u{202f}' | '\t' | '.' | '-' | '\u{2010}' | '\u{2013}' | '/' | '(' | ')'
    )
}

/// The refusal, with the expected shape in the company's country.
fn invalid(plan: Option<&'static Plan>) -> Invalid {
    match plan {
        Some(plan) => {
            let national = plan.example;
            let international = international_example(plan);
            Invalid::said("invalid", move |l| {
                m::phone_invalid(
                    l,
                    m::PhoneInvalid {
                        national,
                        international: &international,
                    },
                )
            })
        }
        None => Invalid::said("invalid", |l| {
            m::phone_invalid_international(l, INTERNATIONAL_EXAMPLE)
        }),
    }
}

impl Phone {
    /// Reads a number typed with separators (spaces, dots, dashes, slashes,
    /// parentheses around the area code), in the international form
    /// (`+386 41 123 456`, `00386 41 123 456`) or, for a company in
    /// `country`, in its national form (`041 123 456`, `(01) 234-56-78`).
    /// Without a country only the international form is read.
    pub fn parse(input: &str, country: Option<Country>) -> Result<Self, Invalid> {
        let home = country.and_then(plan_of_country);
        let trimmed = input.trim();
        if trimmed.is_empty() {
            return Err(Invalid::required());
        }
        let compact: String = trimmed.chars().filter(|&c| !is_separator(c)).collect();
        let digits = match (international_digits(&compact), home) {
            (Some(digits), _) => digits.to_owned(),
            (None, Some(plan)) => {
                let national = compact.strip_prefix(plan.trunk).ok_or(invalid(home))?;
                format!("{}{national}", plan.code)
            }
            (None, None) => return Err(invalid(None)),
        };
        if digits.is_empty()
            || !digits.bytes().all(|b| b.is_ascii_digit())
            || digits.starts_with('0')
        {
            return Err(invalid(home));
        }
        // A number of a country we know must have that country's length;
        // the trunk 0 some write after the calling code, `+386 (0)1…`, is
        // dropped.
        let digits = match plan_of_digits(&digits) {
            Some(known) => {
                let mut national = &digits[known.code.len()..];
                if known.trunk == "0" {
                    national = national.strip_prefix('0').unwrap_or(national);
                }
                if !known.fits(national) {
                    return Err(invalid(home));
                }
                format!("{}{national}", known.code)
            }
            None => digits,
        };
        if !(8..=15).contains(&digits.len()) {
            return Err(invalid(home));
        }
        Ok(Self(format!("+{digits}")))
    }

    /// A number as people type it in `country` (`041 123 456`), or with
    /// its calling code where the country has no plan here.
    pub fn example(country: Option<Country>) -> String {
        country
            .and_then(plan_of_country)
            .map_or(INTERNATIONAL_EXAMPLE, |plan| plan.example)
            .to_owned()
    }

    /// Whether `input` is typed in a national form, so reading it needs
    /// the company's country (a number typed with `+` or `00` does not).
    pub fn needs_country(input: &str) -> bool {
        let compact: String = input.trim().chars().filter(|&c| !is_separator(c)).collect();
        !compact.is_empty() && international_digits(&compact).is_none()
    }

    /// The stored form, `+38641123456`: for `tel:` links and the API.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The international form grouped for reading: `+386 41 123 456`,
    /// `+386 1 234 56 78`, `+43 664 123 4567`.
    pub fn international(&self) -> String {
        let digits = &self.0[1..];
        match plan_of_digits(digits) {
            Some(plan) => {
                let national = &digits[plan.code.len()..];
                format!("+{} {}", plan.code, group(plan, national))
            }
            None => self.0.clone(),
        }
    }

    /// The national form grouped as Slovenians read it (`041 123 456`,
    /// `01 234 56 78`) for a Slovenian number; `None` for others.
    pub fn national(&self) -> Option<String> {
        let national = self.0.strip_prefix("+386")?;
        Some(format!("0{}", slovenian_groups(national)))
    }

    /// As pages show it: a Slovenian number in the national form
    /// (`041 123 456`), any other in the international one
    /// (`+43 664 123 4567`). Links keep [`Phone::as_str`].
    pub fn display(&self) -> String {
        self.national().unwrap_or_else(|| self.international())
    }
}

/// A plan's example in the international form, `+386 41 123 456`.
fn international_example(plan: &Plan) -> String {
    let compact: String = plan.example.chars().filter(|&c| !is_separator(c)).collect();
    let national = compact.strip_prefix(plan.trunk).unwrap_or(&compact);
    format!("+{} {}", plan.code, group(plan, national))
}

/// A stored number (E.164, a record's `phone` text) as pages show it
/// ([`Phone::display`]): `041 123 456`; text that is no number as it is.
pub fn shown(stored: &str) -> String {
    Phone::parse(stored, None).map_or_else(|_| stored.to_owned(), |p| p.display())
}

/// A phone as typed where only the use case knows the company's country
/// (a contact's support request, message, invitation or profile; the
/// desk's caller): a number with its calling code is checked at once, one
/// in the national form when [`TypedPhone::read`] is given the country.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TypedPhone(String);

impl TypedPhone {
    pub fn parse(input: &str) -> Result<Self, Invalid> {
        let trimmed = input.trim();
        if trimmed.is_empty() {
            return Err(Invalid::required());
        }
        if !Phone::needs_country(trimmed) {
            Phone::parse(trimmed, None)?;
        } else {
            // Not a number in any country (letters, a handful of digits):
            // refused at once, with the shape that is one in all.
            let digits = trimmed.chars().filter(char::is_ascii_digit).count();
            let number_like = trimmed
                .chars()
                .all(|c| c.is_ascii_digit() || is_separator(c));
            if !number_like || !(5..=17).contains(&digits) {
                return Err(invalid(None));
            }
        }
        Ok(Self(trimmed.to_owned()))
    }

    /// The number, a national one read with `country` (the company's).
    pub fn read(&self, country: Option<Country>) -> Result<Phone, Invalid> {
        Phone::parse(&self.0, country)
    }

    /// As it was typed (trimmed).
    pub fn as_typed(&self) -> &str {
        &self.0
    }
}

impl From<Phone> for TypedPhone {
    fn from(phone: Phone) -> Self {
        Self(phone.0)
    }
}

/// The digits after `+` or `00`, when the number is typed internationally.
fn international_digits(compact: &str) -> Option<&str> {
    compact
        .strip_prefix('+')
        .or_else(|| compact.strip_prefix("00"))
}

/// A Slovenian national significant number in the groups of its kind:
/// `41 123 456`, `1 234 56 78`.
fn slovenian_groups(national: &str) -> String {
    if national.len() == 6 {
        return format!("{} {} {}", &national[..2], &national[2..4], &national[4..]);
    }
    if national.len() != 8 {
        return national.to_owned();
    }
    if slovenian_two_digit_prefix(national) {
        format!("{} {} {}", &national[..2], &national[2..5], &national[5..])
    } else {
        format!(
            "{} {} {} {}",
            &national[..1],
            &national[1..4],
            &national[4..6],
            &national[6..]
        )
    }
}

/// A national significant number in groups: Slovenia's own way, else
/// threes from the left with a last group of four (or a first of two).
fn group(plan: &Plan, national: &str) -> String {
    if plan.country == "SI" {
        return slovenian_groups(national);
    }
    let mut groups = Vec::new();
    let mut rest = national;
    if rest.len() > 4 && rest.len() % 3 == 2 {
        groups.push(&rest[..2]);
        rest = &rest[2..];
    }
    while rest.len() > 4 {
        groups.push(&rest[..3]);
        rest = &rest[3..];
    }
    if !rest.is_empty() {
        groups.push(rest);
    }
    groups.join(" ")
}

impl fmt::Display for Phone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::language::Language;
    use proptest::prelude::*;

    fn country(code: &str) -> Option<Country> {
        Some(Country::parse(code).unwrap())
    }

    fn si(input: &str) -> Result<String, Invalid> {
        Phone::parse(input, country("SI")).map(|p| p.as_str().to_owned())
    }

    #[test]
    fn slovenian_numbers_as_people_type_them() {
        for (typed, stored) in [
            ("041 123 456", "+38641123456"),
            ("01 234 56 78", "+38612345678"),
            ("(01) 234-56-78", "+38612345678"),
            ("+386 41 123 456", "+38641123456"),
            ("00386 41 123 456", "+38641123456"),
            ("+38641123456", "+38641123456"),
            ("041123456", "+38641123456"),
            ("041/123-456", "+38641123456"),
            ("041.123.456", "+38641123456"),
            ("041\u{a0}123\u{a0}456", "+38641123456"),
            ("  041 123 456 ", "+38641123456"),
            ("+386 (0)1 234 56 78", "+38612345678"),
            ("+386 1 234 5678", "+38612345678"),
            ("00386 41/777-888", "+38641777888"),
        ] {
            assert_eq!(si(typed).as_deref(), Ok(stored), "{typed}");
        }
    }

    #[test]
    fn wrong_shapes_are_refused_showing_the_expected_one() {
        for bad in [
            "41 123 456",
            "041 123 45",
            "041 123 4567",
            "041 12x 456",
            "+3861",
            "0",
            "+0386123456",
            "+1234567890123456",
            "041 123 456 ext 2",
            "++386 41 123 456",
        ] {
            let refused = si(bad).unwrap_err();
            assert_eq!(refused.code, "invalid", "{bad}");
            assert_eq!(
                refused.said.get(Language::Sl),
                "vnesite telefonsko številko, npr. 041 123 456 ali +386 41 123 456",
                "{bad}"
            );
            assert_eq!(
                refused.said.get(Language::En),
                "enter a phone number such as 041 123 456 or +386 41 123 456",
                "{bad}"
            );
        }
        assert_eq!(si("  ").unwrap_err().code, "required");
    }

    #[test]
    fn without_a_country_only_the_international_form_is_read() {
        let refused = Phone::parse("041 123 456", None).unwrap_err();
        assert_eq!(
            refused.said.get(Language::Sl),
            "vnesite številko s klicno kodo države, npr. +386 41 123 456"
        );
        assert_eq!(
            Phone::parse("+386 41 123 456", None).unwrap().as_str(),
            "+38641123456"
        );
        assert!(Phone::needs_country("041 123 456"));
        assert!(!Phone::needs_country("+386 41 123 456"));
        assert!(!Phone::needs_country("00386 41 123 456"));
        assert!(!Phone::needs_country(" "));
    }

    #[test]
    fn a_typed_number_is_read_once_the_country_is_known() {
        let typed = TypedPhone::parse(" 041 123 456 ").unwrap();
        assert_eq!(typed.as_typed(), "041 123 456");
        assert_eq!(typed.read(country("SI")).unwrap().as_str(), "+38641123456");
        assert_eq!(typed.read(country("HR")).unwrap().as_str(), "+38541123456");
        assert!(typed.read(None).is_err());
        // With its calling code it is checked at once.
        assert!(TypedPhone::parse("+386 41").is_err());
        assert!(TypedPhone::parse("12").is_err());
        assert!(TypedPhone::parse("call me").is_err());
        assert_eq!(TypedPhone::parse("").unwrap_err().code, "required");
        let international = TypedPhone::parse("+386 41 123 456").unwrap();
        assert_eq!(international.read(None).unwrap().as_str(), "+38641123456");
    }

    #[test]
    fn other_countries_use_their_own_plan() {
        let read = |code: &str, typed: &str| {
            Phone::parse(typed, country(code)).map(|p| p.as_str().to_owned())
        };
        assert_eq!(read("AT", "0664 123 4567").as_deref(), Ok("+436641234567"));
        assert_eq!(read("DE", "030 1234567").as_deref(), Ok("+49301234567"));
        assert_eq!(read("HR", "091 234 5678").as_deref(), Ok("+385912345678"));
        // Italy keeps its leading 0 after the calling code.
        assert_eq!(read("IT", "06 1234 5678").as_deref(), Ok("+390612345678"));
        // Hungary's trunk prefix is 06, Lithuania's 8.
        assert_eq!(read("HU", "06 20 123 4567").as_deref(), Ok("+36201234567"));
        assert_eq!(read("LT", "8 612 34567").as_deref(), Ok("+37061234567"));
        assert_eq!(read("US", "(201) 555-0123").as_deref(), Ok("+12015550123"));
        // A number typed internationally is read as such, whatever the country.
        assert_eq!(read("AT", "+386 41 123 456").as_deref(), Ok("+38641123456"));
        // A country without a plan here: the international form only.
        assert_eq!(read("JP", "+81 3 1234 5678").as_deref(), Ok("+81312345678"));
        assert!(read("JP", "03 1234 5678").is_err());
        // Every plan's example is read in its own country.
        for plan in &PLANS {
            let phone = Phone::parse(plan.example, country(plan.country));
            assert!(phone.is_ok(), "{} {}", plan.country, plan.example);
        }
        let refused = Phone::parse("12", country("AT")).unwrap_err();
        assert_eq!(
            refused.said.get(Language::En),
            "enter a phone number such as 0664 123 4567 or +43 664 123 4567"
        );
    }

    #[test]
    fn slovenian_numbers_read_as_slovenians_group_them() {
        let show = |t: &str| Phone::parse(t, country("SI")).unwrap().display();
        assert_eq!(show("+38641123456"), "041 123 456");
        assert_eq!(show("+38612345678"), "01 234 56 78");
        assert_eq!(show("02 234 56 78"), "02 234 56 78");
        assert_eq!(show("03 425 45 67"), "03 425 45 67");
        assert_eq!(show("031 123 456"), "031 123 456");
        assert_eq!(show("068 123 456"), "068 123 456");
        assert_eq!(show("080 12 34"), "080 12 34");
        assert_eq!(show("090 14 15"), "090 14 15");
        assert!(Phone::parse("041 12 34", country("SI")).is_err());
        let international = |t: &str| Phone::parse(t, None).unwrap().international();
        assert_eq!(international("+38641123456"), "+386 41 123 456");
        assert_eq!(international("+38612345678"), "+386 1 234 56 78");
        let abroad = Phone::parse("+43 664 1234567", None).unwrap();
        assert_eq!(abroad.display(), "+43 664 123 4567");
        assert_eq!(abroad.national(), None);
        assert_eq!(shown("+38641123456"), "041 123 456");
        assert_eq!(shown("+436641234567"), "+43 664 123 4567");
        assert_eq!(shown("unknown"), "unknown");
        assert_eq!(
            Phone::parse("+49 30 1234567", None).unwrap().display(),
            "+49 301 234 567"
        );
        assert_eq!(
            Phone::parse("+81 3 1234 5678", None).unwrap().display(),
            "+81312345678"
        );
    }

    /// A Slovenian national significant number: 8 digits, the first not 0.
    fn slovenian_number() -> impl Strategy<Value = String> {
        ("[1-9]", "[0-9]{7}").prop_map(|(first, rest)| format!("{first}{rest}"))
    }

    /// A separator between two digits, as people type them.
    fn separator() -> impl Strategy<Value = &'static str> {
        prop::sample::select(vec!["", "", " ", "-", ".", "/", "\u{a0}", " - "])
    }

    /// `digits` with a separator drawn for each gap.
    fn spaced(digits: &str, gaps: &[&str]) -> String {
        let mut out = String::new();
        for (i, digit) in digits.chars().enumerate() {
            if i > 0 {
                out.push_str(gaps[(i - 1) % gaps.len()]);
            }
            out.push(digit);
        }
        out
    }

    proptest! {
        #[test]
        fn any_separators_read_to_the_same_number(
            national in slovenian_number(),
            gaps in prop::collection::vec(separator(), 8..12),
            area in 1usize..3,
            form in 0usize..4,
        ) {
            let stored = format!("+386{national}");
            let typed = match form {
                // (01) 234 56 78: parentheses around the trunk and area code.
                0 => format!("(0{}) {}", &national[..area], spaced(&national[area..], &gaps)),
                1 => format!("0{}", spaced(&national, &gaps)),
                2 => format!("+386 {}", spaced(&national, &gaps)),
                _ => format!("00386{}{}", gaps[0], spaced(&national, &gaps)),
            };
            let phone = Phone::parse(&typed, country("SI")).unwrap();
            prop_assert_eq!(phone.as_str(), stored.as_str(), "{}", typed);
        }

        #[test]
        fn what_is_shown_reads_back_to_the_same_number(
            national in slovenian_number(),
            plan in prop::sample::select((0..PLANS.len()).collect::<Vec<_>>()),
            digits in "[1-9][0-9]{12}",
        ) {
            let slovenian = Phone::parse(&format!("+386{national}"), None).unwrap();
            prop_assert_eq!(
                &Phone::parse(&slovenian.display(), country("SI")).unwrap(),
                &slovenian
            );
            prop_assert_eq!(
                &Phone::parse(&slovenian.international(), country("AT")).unwrap(),
                &slovenian
            );
            let plan = &PLANS[plan];
            let length = plan.lengths.1.min(15 - plan.code.len());
            let other = Phone::parse(&format!("+{}{}", plan.code, &digits[..length]), None).unwrap();
            prop_assert_eq!(&Phone::parse(&other.display(), country("SI")).unwrap(), &other);
            prop_assert_eq!(&Phone::parse(&other.international(), None).unwrap(), &other);
            if plan.country != "SI" {
                prop_assert_eq!(&Phone::parse(&other.display(), None).unwrap(), &other);
            }
        }

        #[test]
        fn junk_is_refused(
            before in "[0-9 ]{0,6}",
            junk in "[a-zA-Z#*,;:_!?]{1,3}",
            after in "[0-9 ]{0,6}",
        ) {
            let typed = format!("0{before}{junk}{after}");
            prop_assert!(Phone::parse(&typed, country("SI")).is_err(), "{}", typed);
            let typed = format!("+386{before}{junk}{after}");
            prop_assert!(Phone::parse(&typed, None).is_err(), "{}", typed);
        }

        #[test]
        fn too_short_or_too_long_slovenian_numbers_are_refused(digits in "[1-9][0-9]{0,13}") {
            prop_assume!(digits.len() != 8);
            prop_assume!(!(digits.len() == 6 && (digits.starts_with("80") || digits.starts_with("90"))));
            let national = format!("0{digits}");
            let international = format!("+386{digits}");
            prop_assert!(Phone::parse(&national, country("SI")).is_err());
            prop_assert!(Phone::parse(&international, None).is_err());
        }
    }
}
