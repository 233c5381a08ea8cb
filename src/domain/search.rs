//! How the desk's search reads what people type (issue 22): accents folded,
//! phone numbers as digits, serials, VAT ids, numbers and addresses as keys.
//!
//! The folding rule lives here once. D1 has no ICU (SQLite's `lower()`
//! folds ASCII only), so the store builds its SQL folding expression from
//! [`FOLDS`] ([`sql_fold`]): the query is folded in Rust by [`fold`], the
//! stored text by the same table in SQL, and both agree by construction (a
//! test holds them to it). No column to keep up to date on every write.

/// Letters folded to their base letter, lower and upper case: Slovene,
/// Croatian and the German and Hungarian letters common in company names.
pub const FOLDS: [(char, char); 24] = [
    ('č', 'c'),
    ('Č', 'c'),
    ('š', 's'),
    ('Š', 's'),
    ('ž', 'z'),
    ('Ž', 'z'),
    ('ć', 'c'),
    ('Ć', 'c'),
    ('đ', 'd'),
    ('Đ', 'd'),
    ('ä', 'a'),
    ('Ä', 'a'),
    ('ö', 'o'),
    ('Ö', 'o'),
    ('ü', 'u'),
    ('Ü', 'u'),
    ('é', 'e'),
    ('É', 'e'),
    ('á', 'a'),
    ('Á', 'a'),
    ('ó', 'o'),
    ('Ó', 'o'),
    ('í', 'i'),
    ('Í', 'i'),
];

/// Text as the search compares it: the letters of [`FOLDS`] folded, ASCII
/// lower-cased (as SQLite's `lower()`), everything else as it is.
pub fn fold(text: &str) -> String {
    text.chars()
        .map(|c| {
            FOLDS
                .iter()
                .find(|(from, _)| *from == c)
                .map_or(c.to_ascii_lowercase(), |(_, to)| *to)
        })
        .collect()
}

/// The SQL that folds `column` as [`fold`] folds text: `lower()` of the
/// column with each letter of [`FOLDS`] replaced.
pub fn sql_fold(column: &str) -> String {
    FOLDS
        .iter()
        .fold(format!("lower({column})"), |sql, (from, to)| {
            format!("replace({sql}, '{from}', '{to}')")
        })
}

/// A phone number as typed (`041 777 888`, `+386 41 777 888`, `00386…`) as
/// the digits to find inside a stored E.164 number: the international
/// prefix and a national trunk `0` dropped. `None` below six digits, or
/// when the text holds letters (it is not a phone number).
pub fn phone_digits(text: &str) -> Option<String> {
    if text
        .chars()
        .any(|c| !(c.is_ascii_digit() || " +-/().".contains(c)))
    {
        return None;
    }
    let digits: String = text.chars().filter(char::is_ascii_digit).collect();
    let digits = digits
        .strip_prefix("00")
        .or_else(|| digits.strip_prefix('0'))
        .unwrap_or(&digits)
        .to_owned();
    (digits.len() >= 6).then_some(digits)
}

/// A key typed exactly (a serial, VAT id, RF reference, order or incident
/// number): upper case, without spaces, dots and dashes.
pub fn compact_key(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '.' | '-'))
        .flat_map(char::to_uppercase)
        .collect()
}

/// An amount of euros as a clerk types it (`150`, `150.00`, `1.234,50`,
/// `150,00 EUR`, `€ 150`) in cents; `None` if the text is not one.
pub fn amount_cents(text: &str) -> Option<i64> {
    let text = text
        .trim()
        .trim_start_matches('€')
        .trim_end_matches("EUR")
        .trim_end_matches("eur")
        .trim();
    if text.is_empty()
        || !text
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == ',')
    {
        return None;
    }
    // The last separator followed by one or two digits is the decimal one;
    // any other separator groups thousands.
    let (whole, fraction) = match text.rfind(['.', ',']) {
        Some(at) if (1..=2).contains(&(text.len() - at - 1)) => (&text[..at], &text[at + 1..]),
        _ => (text, ""),
    };
    let whole: String = whole.chars().filter(char::is_ascii_digit).collect();
    if whole.is_empty() || whole.len() > 12 {
        return None;
    }
    let cents = match fraction.len() {
        0 => 0,
        1 => fraction.parse::<i64>().ok()? * 10,
        _ => fraction.parse::<i64>().ok()?,
    };
    Some(whole.parse::<i64>().ok()? * 100 + cents)
}

/// What the desk searched for, read once: the forms each key is compared in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchTerms {
    /// As typed, trimmed: ids, numbers and addresses equal to it.
    pub exact: String,
    /// Folded: names and addresses containing it.
    pub folded: String,
    /// Upper case without separators: serials, VAT ids, RF references.
    pub key: String,
    /// The digits of a phone number, if it reads as one.
    pub phone: Option<String>,
}

impl SearchTerms {
    /// The terms of a query; `None` when it is empty or too short to mean
    /// anything (one character).
    pub fn parse(query: &str) -> Option<Self> {
        let exact: String = query.trim().chars().take(200).collect();
        if exact.chars().count() < 2 {
            return None;
        }
        Some(Self {
            folded: fold(&exact),
            key: compact_key(&exact),
            phone: phone_digits(&exact),
            exact,
        })
    }
}

/// How well an organisation matched, best first; the store computes the
/// same ranks in SQL.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Rank {
    /// A name, address or phone containing the text.
    Contains = 1,
    /// A name starting with it.
    Prefix = 2,
    /// An exact key: serial, VAT id, email, order or incident id or number.
    Exact = 3,
}

/// Results per page.
pub const PAGE_SIZE: i64 = 20;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accents_fold_to_their_letter() {
        assert_eq!(
            fold("Čebelarstvo Šušteršič ŽĆĐ d.o.o."),
            "cebelarstvo sustersic zcd d.o.o."
        );
        assert_eq!(fold("Müller GmbH"), "muller gmbh");
    }

    #[test]
    fn the_sql_fold_names_every_letter() {
        let sql = sql_fold("name");
        for (from, to) in FOLDS {
            assert!(sql.contains(&format!("'{from}', '{to}'")));
            assert_eq!(fold(&from.to_string()), to.to_string());
        }
        assert!(sql.contains("lower(name)"));
    }

    #[test]
    fn phones_read_as_people_type_them() {
        assert_eq!(phone_digits("041 777 888").as_deref(), Some("41777888"));
        assert_eq!(
            phone_digits("+386 41 777 888").as_deref(),
            Some("38641777888")
        );
        assert_eq!(
            phone_digits("00386 41/777-888").as_deref(),
            Some("38641777888")
        );
        assert_eq!(phone_digits("12345"), None);
        assert_eq!(phone_digits("SN-123456"), None);
    }

    #[test]
    fn keys_compare_without_separators() {
        assert_eq!(compact_key("si 123 456-78"), "SI12345678");
        assert_eq!(compact_key("rf18 5390 0754"), "RF1853900754");
    }

    #[test]
    fn amounts_read_as_clerks_type_them() {
        assert_eq!(amount_cents("150"), Some(15000));
        assert_eq!(amount_cents("150.5"), Some(15050));
        assert_eq!(amount_cents("1.234,50"), Some(123450));
        assert_eq!(amount_cents("61,00 EUR"), Some(6100));
        assert_eq!(amount_cents("€ 30.50"), Some(3050));
        assert_eq!(amount_cents("Novak"), None);
        assert_eq!(amount_cents(""), None);
    }

    #[test]
    fn one_letter_is_no_search() {
        assert_eq!(SearchTerms::parse(" a "), None);
        let terms = SearchTerms::parse(" Čuk ").unwrap();
        assert_eq!(terms.exact, "Čuk");
        assert_eq!(terms.folded, "cuk");
        assert_eq!(terms.key, "ČUK");
        assert_eq!(terms.phone, None);
    }
}
