//! The license catalogue: the licenses Spica has sold, as staff import them
//! from the license database (one JSON object or one CSV line per license).
//!
//! A license row names the serial the product shows in Help/About, what was
//! sold (product, edition, major version), its list price (the base of the
//! SUPS fee) and how many installations it allows.

use std::fmt;

use super::field::{FieldErrors, Invalid};
use super::messages as m;
use super::money::Money;
use super::serial::SerialNumber;
use super::text::Text;

/// The longest product or edition name.
const MAX_NAME: usize = 100;
/// The most installations one license may allow.
pub const MAX_INSTALLATIONS: u32 = 10_000;
/// Partner identifiers carry this prefix, as every id of the portal carries
/// its type.
const PARTNER_PREFIX: &str = "ptn_";
/// The longest partner identifier.
const MAX_PARTNER_ID: usize = 64;

/// A product version as the installed product reports it ("7", "7.2", "7.2.1").
///
/// Licenses are sold per major version, so the major is what the portal
/// decides by; the rest is kept for display.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ProductVersion {
    /// One to three numbers, the first (the major) positive.
    parts: Vec<u32>,
}

impl ProductVersion {
    pub fn parse(input: &str) -> Result<Self, Invalid> {
        let text = input.trim();
        if text.is_empty() {
            return Err(Invalid::required());
        }
        let invalid = || Invalid::said("invalid", m::field_version);
        let parts = text
            .split('.')
            .map(|part| {
                if part.is_empty() || !part.bytes().all(|b| b.is_ascii_digit()) {
                    return None;
                }
                part.parse::<u32>().ok()
            })
            .collect::<Option<Vec<u32>>>()
            .ok_or_else(invalid)?;
        if parts.len() > 3 || parts[0] == 0 {
            return Err(invalid());
        }
        Ok(Self { parts })
    }

    pub fn major(&self) -> u32 {
        self.parts[0]
    }
}

impl fmt::Display for ProductVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (index, part) in self.parts.iter().enumerate() {
            if index > 0 {
                f.write_str(".")?;
            }
            write!(f, "{part}")?;
        }
        Ok(())
    }
}

/// A license as staff import it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct License {
    pub serial: SerialNumber,
    pub product: String,
    pub edition: String,
    /// The major version the license was sold for.
    pub major_version: u32,
    /// The price the license was sold at; the SUPS fee is a share of it.
    pub list_price: Money,
    /// How many installations may be activated at once.
    pub installations: u32,
    /// The reseller who sold it, if any.
    pub partner_id: Option<String>,
    /// The company it was sold to; a registration matching it becomes the
    /// holder (see `organisation::is_licensee`).
    pub licensee: super::organisation::Licensee,
}

/// One imported row as it arrived (JSON object or CSV line), all optional text.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct LicenseRow {
    pub serial: Option<String>,
    pub product: Option<String>,
    pub edition: Option<String>,
    pub version: Option<String>,
    pub list_price: Option<String>,
    pub installations: Option<String>,
    pub partner_id: Option<String>,
    pub licensee_name: Option<String>,
    pub licensee_country: Option<String>,
    pub licensee_vat_id: Option<String>,
}

fn value(field: &Option<String>) -> &str {
    field.as_deref().unwrap_or("")
}

/// A license's serial. "0" is what a registering user types when they do not
/// have the serial at hand; a license always has one, so it is refused here.
fn license_serial(input: &str) -> Result<SerialNumber, Invalid> {
    match input.trim() {
        "" => Err(Invalid::required()),
        "0" => Err(Invalid::said("invalid", m::field_serial_zero)),
        serial => {
            SerialNumber::parse(serial).map_err(|_| Invalid::said("invalid", m::field_serial))
        }
    }
}

fn list_price(input: &str) -> Result<Money, Invalid> {
    if input.trim().is_empty() {
        return Err(Invalid::required());
    }
    let price = Money::parse(input)?;
    if price == Money::ZERO {
        return Err(Invalid::said("range", m::field_price));
    }
    Ok(price)
}

fn installations(input: &str) -> Result<u32, Invalid> {
    let text = input.trim();
    if text.is_empty() {
        return Err(Invalid::required());
    }
    let range = || {
        Invalid::said("range", |l| {
            m::field_whole_number_up_to(l, &MAX_INSTALLATIONS.to_string())
        })
    };
    if !text.bytes().all(|b| b.is_ascii_digit()) {
        return Err(range());
    }
    text.parse::<u32>()
        .ok()
        .filter(|n| (1..=MAX_INSTALLATIONS).contains(n))
        .ok_or_else(range)
}

/// A partner id such as `ptn_6F9Z…`; blank means the license was sold
/// directly.
fn partner_id(input: &str) -> Result<Option<String>, Invalid> {
    let text = input.trim();
    if text.is_empty() {
        return Ok(None);
    }
    let well_formed = text.len() <= MAX_PARTNER_ID
        && text.strip_prefix(PARTNER_PREFIX).is_some_and(|rest| {
            !rest.is_empty() && rest.bytes().all(|b| b.is_ascii_alphanumeric())
        });
    if well_formed {
        Ok(Some(text.to_owned()))
    } else {
        Err(Invalid::said("invalid", |l| {
            m::field_partner_id(l, MAX_PARTNER_ID as i64)
        }))
    }
}

/// The licensee's name, country and VAT number, each optional; what is given
/// must be valid, so that matching compares like with like.
fn licensee(row: &LicenseRow) -> Result<super::organisation::Licensee, Invalid> {
    let given = |field: &Option<String>| {
        field
            .as_deref()
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .map(str::to_owned)
    };
    let name = match given(&row.licensee_name) {
        Some(name) => Some(Text::parse(&name, 200)?.into_string()),
        None => None,
    };
    let country = match given(&row.licensee_country) {
        Some(country) => Some(super::country::Country::parse(&country)?.code().to_owned()),
        None => None,
    };
    let vat_id = match given(&row.licensee_vat_id) {
        Some(vat) => Some(super::text::VatId::parse(&vat)?.as_str().to_owned()),
        None => None,
    };
    Ok(super::organisation::Licensee {
        name,
        country,
        vat_id,
    })
}

impl License {
    /// Checks every field of a row and names each bad one, so that staff can
    /// fix a whole import at once.
    pub fn parse(row: &LicenseRow) -> Result<License, FieldErrors> {
        let mut errors = FieldErrors::default();
        let serial = errors.check("serial", license_serial(value(&row.serial)));
        let product = errors.check("product", Text::parse(value(&row.product), MAX_NAME));
        let edition = errors.check("edition", Text::parse(value(&row.edition), MAX_NAME));
        let version = errors.check("version", ProductVersion::parse(value(&row.version)));
        let price = errors.check("list_price", list_price(value(&row.list_price)));
        let seats = errors.check("installations", installations(value(&row.installations)));
        let partner = errors.check("partner_id", partner_id(value(&row.partner_id)));
        let licensee = errors.check("licensee", licensee(row));
        match (
            serial, product, edition, version, price, seats, partner, licensee,
        ) {
            (
                Some(serial),
                Some(product),
                Some(edition),
                Some(version),
                Some(list_price),
                Some(installations),
                Some(partner_id),
                Some(licensee),
            ) => Ok(License {
                serial,
                product: product.into_string(),
                edition: edition.into_string(),
                major_version: version.major(),
                list_price,
                installations,
                partner_id,
                licensee,
            }),
            _ => Err(errors),
        }
    }
}

/// The columns of a CSV export; `partner_id` may be left out.
pub const COLUMNS: [&str; 10] = [
    "serial",
    "product",
    "edition",
    "version",
    "list_price",
    "installations",
    "partner_id",
    "licensee_name",
    "licensee_country",
    "licensee_vat_id",
];
const OPTIONAL_COLUMNS: [&str; 4] = [
    "partner_id",
    "licensee_name",
    "licensee_country",
    "licensee_vat_id",
];

const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// Why a license file cannot be read as rows. Its `Display` is the English
/// sentence the API answers; the desk says it in its reader's language.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ImportError {
    #[error("line {line}: the file is not UTF-8 text")]
    NotUtf8 { line: usize },
    #[error("the file is empty: a header row naming the columns is required")]
    Empty,
    #[error("line {line}: unknown column {name:?}; the columns are {columns}", columns = COLUMNS.join(", "))]
    UnknownColumn { line: usize, name: String },
    #[error("line {line}: column {name:?} appears twice")]
    RepeatedColumn { line: usize, name: String },
    #[error("line {line}: the header lacks {}", missing_columns(columns))]
    MissingColumns {
        line: usize,
        columns: Vec<&'static str>,
    },
    #[error("line {line}: {fields} fields where the header has {columns} columns")]
    FieldCount {
        line: usize,
        fields: usize,
        columns: usize,
    },
    #[error("line {line}: a quoted field is never closed")]
    UnclosedQuote { line: usize },
    #[error("line {line}: text after a closing quote")]
    TextAfterQuote { line: usize },
    /// A JSON import that is not JSON, with the parser's words.
    #[error("The body is not valid JSON: {0}.")]
    NotJson(String),
    #[error("Send a JSON array of licenses.")]
    NotAnArray,
}

/// `the column list_price` / `the columns list_price, installations`.
fn missing_columns(columns: &[&str]) -> String {
    match columns {
        [one] => format!("the column {one}"),
        many => format!("the columns {}", many.join(", ")),
    }
}

/// Reads a CSV export: header row required, columns by name (serial, product,
/// edition, version, list_price, installations, partner_id; partner_id
/// optional), `,` or `;` delimiter, double quotes.
///
/// Only the file's shape is checked here; [`License::parse`] checks each row.
/// An empty cell becomes `None`. An unknown or repeated column is refused
/// rather than ignored, so that a misspelt `partner_id` does not silently
/// drop every partner. Errors name the line, counted from 1.
pub fn rows_from_csv(bytes: &[u8]) -> Result<Vec<LicenseRow>, ImportError> {
    let bytes = bytes.strip_prefix(UTF8_BOM).unwrap_or(bytes);
    let text = std::str::from_utf8(bytes).map_err(|error| {
        let line = 1 + bytes[..error.valid_up_to()]
            .iter()
            .filter(|&&b| b == b'\n')
            .count();
        ImportError::NotUtf8 { line }
    })?;
    let delimiter = detect_delimiter(text);
    let mut records = records(text, delimiter)?
        .into_iter()
        .filter(|record| !record.is_blank());
    let header = records.next().ok_or(ImportError::Empty)?;
    let columns = header_columns(&header)?;
    records
        .map(|record| {
            if record.fields.len() != columns.len() {
                return Err(ImportError::FieldCount {
                    line: record.line,
                    fields: record.fields.len(),
                    columns: columns.len(),
                });
            }
            let mut row = LicenseRow::default();
            for (column, field) in columns.iter().zip(record.fields) {
                let cell = (!field.trim().is_empty()).then_some(field);
                *slot(&mut row, column) = cell;
            }
            Ok(row)
        })
        .collect()
}

fn slot<'a>(row: &'a mut LicenseRow, column: &str) -> &'a mut Option<String> {
    match column {
        "serial" => &mut row.serial,
        "product" => &mut row.product,
        "edition" => &mut row.edition,
        "version" => &mut row.version,
        "list_price" => &mut row.list_price,
        "installations" => &mut row.installations,
        "licensee_name" => &mut row.licensee_name,
        "licensee_country" => &mut row.licensee_country,
        "licensee_vat_id" => &mut row.licensee_vat_id,
        _ => &mut row.partner_id,
    }
}

/// The column names of the header, lower-cased, each known and present once.
fn header_columns(header: &Record) -> Result<Vec<&'static str>, ImportError> {
    let mut columns = Vec::with_capacity(header.fields.len());
    for name in &header.fields {
        let name = name.trim().to_ascii_lowercase();
        let column = COLUMNS
            .iter()
            .find(|column| **column == name)
            .ok_or_else(|| ImportError::UnknownColumn {
                line: header.line,
                name: name.clone(),
            })?;
        if columns.contains(column) {
            return Err(ImportError::RepeatedColumn {
                line: header.line,
                name,
            });
        }
        columns.push(*column);
    }
    let missing: Vec<&'static str> = COLUMNS
        .iter()
        .filter(|column| !OPTIONAL_COLUMNS.contains(column) && !columns.contains(column))
        .copied()
        .collect();
    if !missing.is_empty() {
        return Err(ImportError::MissingColumns {
            line: header.line,
            columns: missing,
        });
    }
    Ok(columns)
}

/// `;` when the first line has more semicolons than commas outside quotes
/// (spreadsheets in locales with a decimal comma write those), else `,`.
fn detect_delimiter(text: &str) -> char {
    let mut quoted = false;
    let (mut commas, mut semicolons) = (0, 0);
    for c in text.chars() {
        match c {
            '"' => quoted = !quoted,
            '\n' if !quoted => break,
            ',' if !quoted => commas += 1,
            ';' if !quoted => semicolons += 1,
            _ => {}
        }
    }
    if semicolons > commas {
        ';'
    } else {
        ','
    }
}

/// One record of the file and the line it starts on.
#[derive(Debug)]
struct Record {
    line: usize,
    fields: Vec<String>,
}

impl Record {
    fn is_blank(&self) -> bool {
        self.fields.iter().all(|field| field.trim().is_empty())
    }
}

/// Splits the text into records: a quoted field may hold the delimiter, line
/// breaks and doubled quotes (`""`); a quote inside an unquoted field is kept
/// as it is.
fn records(text: &str, delimiter: char) -> Result<Vec<Record>, ImportError> {
    let mut records = Vec::new();
    let mut chars = text.chars().peekable();
    let mut line = 1;
    while chars.peek().is_some() {
        let start = line;
        let mut fields = Vec::new();
        loop {
            let mut field = String::new();
            let mut quoted = false;
            if chars.peek() == Some(&'"') {
                chars.next();
                quoted = true;
                loop {
                    match chars.next() {
                        None => return Err(ImportError::UnclosedQuote { line: start }),
                        Some('"') if chars.peek() == Some(&'"') => {
                            chars.next();
                            field.push('"');
                        }
                        Some('"') => break,
                        Some(c) => {
                            if c == '\n' {
                                line += 1;
                            }
                            field.push(c);
                        }
                    }
                }
            }
            let mut end_of_record = true;
            while let Some(c) = chars.next() {
                if c == delimiter {
                    end_of_record = false;
                    break;
                }
                if c == '\n' {
                    line += 1;
                    break;
                }
                if c == '\r' && chars.peek() == Some(&'\n') {
                    continue;
                }
                if quoted && !c.is_whitespace() {
                    return Err(ImportError::TextAfterQuote { line });
                }
                field.push(c);
            }
            fields.push(field);
            if end_of_record {
                break;
            }
        }
        records.push(Record {
            line: start,
            fields,
        });
    }
    Ok(records)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn valid_row() -> LicenseRow {
        LicenseRow {
            serial: Some(" ts-2024-00017 ".into()),
            product: Some("Time & Space".into()),
            edition: Some("Professional".into()),
            version: Some("7.2".into()),
            list_price: Some("1234.25".into()),
            installations: Some("3".into()),
            partner_id: Some("ptn_6F9Z".into()),
            ..LicenseRow::default()
        }
    }

    fn fields(errors: &FieldErrors) -> Vec<&str> {
        errors.list().iter().map(|e| e.field.as_str()).collect()
    }

    #[test]
    fn versions_give_their_major() {
        assert_eq!(ProductVersion::parse("7").unwrap().major(), 7);
        assert_eq!(ProductVersion::parse(" 7.2 ").unwrap().major(), 7);
        assert_eq!(ProductVersion::parse("12.0.3").unwrap().major(), 12);
        assert_eq!(ProductVersion::parse("7.02").unwrap().to_string(), "7.2");
        assert_eq!(ProductVersion::parse("7.2.1").unwrap().to_string(), "7.2.1");
    }

    #[test]
    fn malformed_versions_are_refused() {
        for bad in [
            "0",
            "0.9",
            "v7",
            "7.",
            ".7",
            "7..2",
            "7.2.1.4",
            "-7",
            "+7",
            "7 2",
            "99999999999",
        ] {
            assert!(ProductVersion::parse(bad).is_err(), "{bad:?} was accepted");
        }
        assert_eq!(ProductVersion::parse(" ").unwrap_err().code, "required");
    }

    #[test]
    fn a_complete_row_becomes_a_license() {
        let license = License::parse(&valid_row()).unwrap();
        assert_eq!(license.serial.as_str(), "TS-2024-00017");
        assert_eq!(license.product, "Time & Space");
        assert_eq!(license.edition, "Professional");
        assert_eq!(license.major_version, 7);
        assert_eq!(license.list_price, Money::parse("1234.25").unwrap());
        assert_eq!(license.installations, 3);
        assert_eq!(license.partner_id.as_deref(), Some("ptn_6F9Z"));
    }

    #[test]
    fn the_partner_is_optional() {
        for blank in [None, Some(String::new()), Some("  ".into())] {
            let row = LicenseRow {
                partner_id: blank,
                ..valid_row()
            };
            assert_eq!(License::parse(&row).unwrap().partner_id, None);
        }
    }

    #[test]
    fn every_bad_field_is_named_at_once() {
        let row = LicenseRow {
            serial: Some("TS/1".into()),
            product: Some(String::new()),
            edition: Some("E".repeat(101)),
            version: Some("0".into()),
            list_price: Some("0.00".into()),
            installations: Some("10001".into()),
            partner_id: Some("cus_6F9Z".into()),
            ..LicenseRow::default()
        };
        let errors = License::parse(&row).unwrap_err();
        assert_eq!(
            fields(&errors),
            [
                "serial",
                "product",
                "edition",
                "version",
                "list_price",
                "installations",
                "partner_id"
            ]
        );
    }

    #[test]
    fn an_empty_row_names_every_required_field_but_not_the_partner() {
        let errors = License::parse(&LicenseRow::default()).unwrap_err();
        assert_eq!(
            fields(&errors),
            [
                "serial",
                "product",
                "edition",
                "version",
                "list_price",
                "installations"
            ]
        );
        assert!(errors.list().iter().all(|e| e.code == "required"));
    }

    #[test]
    fn zero_is_never_a_license_serial() {
        let row = LicenseRow {
            serial: Some(" 0 ".into()),
            ..valid_row()
        };
        let errors = License::parse(&row).unwrap_err();
        assert_eq!(fields(&errors), ["serial"]);
        assert!(errors.list()[0]
            .detail
            .contains("0 stands for an unknown serial"));
    }

    #[test]
    fn installations_run_from_one_to_ten_thousand() {
        let parse = |n: &str| {
            License::parse(&LicenseRow {
                installations: Some(n.into()),
                ..valid_row()
            })
        };
        assert_eq!(parse("1").unwrap().installations, 1);
        assert_eq!(parse(" 10000 ").unwrap().installations, 10_000);
        for bad in ["0", "10001", "-1", "2.5", "+3", "three", "99999999999"] {
            assert!(parse(bad).is_err(), "{bad:?} was accepted");
        }
    }

    #[test]
    fn the_list_price_is_a_positive_amount() {
        let parse = |price: &str| {
            License::parse(&LicenseRow {
                list_price: Some(price.into()),
                ..valid_row()
            })
        };
        assert_eq!(parse("0.01").unwrap().list_price.cents(), 1);
        for bad in ["0", "0.00", "-5", "12.345", "1,00"] {
            assert!(parse(bad).is_err(), "{bad:?} was accepted");
        }
    }

    #[test]
    fn names_are_bounded_to_a_hundred_characters() {
        let parse = |name: String| {
            License::parse(&LicenseRow {
                product: Some(name),
                ..valid_row()
            })
        };
        assert!(parse("č".repeat(100)).is_ok());
        assert_eq!(
            parse("č".repeat(101)).unwrap_err().list()[0].code,
            "too_long"
        );
    }

    #[test]
    fn partner_ids_carry_their_prefix() {
        for bad in [
            "ptn_",
            "PTN_6F9Z",
            "6F9Z",
            "ptn_6F 9Z",
            &format!("ptn_{}", "A".repeat(61)),
        ] {
            let row = LicenseRow {
                partner_id: Some(bad.into()),
                ..valid_row()
            };
            assert_eq!(
                fields(&License::parse(&row).unwrap_err()),
                ["partner_id"],
                "{bad:?} was accepted"
            );
        }
    }

    #[test]
    fn csv_columns_are_read_by_name_in_any_order() {
        let csv = "installations,serial,version,product,edition,list_price,partner_id\n\
                   3,TS-2024-00017,7.2,Time & Space,Professional,1234.25,ptn_6F9Z\n\
                   1,TS-2024-00018,7,Time & Space,Lite,99.00,\n";
        let rows = rows_from_csv(csv.as_bytes()).unwrap();
        assert_eq!(rows.len(), 2);
        assert_eq!(
            License::parse(&rows[0]).unwrap(),
            License::parse(&valid_row()).unwrap()
        );
        assert_eq!(rows[1].partner_id, None);
        assert_eq!(rows[1].edition.as_deref(), Some("Lite"));
    }

    #[test]
    fn csv_may_use_semicolons_quotes_crlf_and_a_bom() {
        let csv = "\u{feff}Serial;Product;Edition;Version;List_Price;Installations\r\n\
                   TS-2024-00017;\"Time; \"\"Space\"\"\";\"Pro\nEdition\";7;1234.25;3\r\n\
                   \r\n\
                   ;;;;;\r\n\
                   TS-2024-00019;T&S;Lite;8;10;1";
        let rows = rows_from_csv(csv.as_bytes()).unwrap();
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].product.as_deref(), Some("Time; \"Space\""));
        assert_eq!(rows[0].edition.as_deref(), Some("Pro\nEdition"));
        assert_eq!(rows[0].installations.as_deref(), Some("3"));
        assert_eq!(rows[0].partner_id, None);
        assert_eq!(rows[1].serial.as_deref(), Some("TS-2024-00019"));
        assert_eq!(rows[1].installations.as_deref(), Some("1"));
    }

    #[test]
    fn csv_delimiters_inside_quoted_fields_are_text() {
        let csv = "serial,product,edition,version,list_price,installations\n\
                   TS-2024-00017,\"Time;Space;Suite\",Pro,7,\"1234.25\",3\n";
        let rows = rows_from_csv(csv.as_bytes()).unwrap();
        assert_eq!(rows[0].product.as_deref(), Some("Time;Space;Suite"));
        assert_eq!(rows[0].list_price.as_deref(), Some("1234.25"));
    }

    #[test]
    fn csv_without_the_required_columns_is_refused() {
        let error = rows_from_csv(b"serial,product,edition,version\nTS-1,a,b,7\n")
            .unwrap_err()
            .to_string();
        assert!(error.contains("list_price, installations"), "{error}");
        let error = rows_from_csv(b"TS-2024-00017,T&S,Pro,7,10,1\n")
            .unwrap_err()
            .to_string();
        assert!(error.contains("unknown column"), "{error}");
        assert_eq!(rows_from_csv(b"").unwrap_err(), ImportError::Empty);
        assert_eq!(rows_from_csv(b"\n \n").unwrap_err(), ImportError::Empty);
    }

    #[test]
    fn csv_with_unknown_or_repeated_columns_is_refused() {
        let unknown =
            rows_from_csv(b"serial,product,edition,version,list_price,installations,partnerid\n")
                .unwrap_err()
                .to_string();
        assert!(unknown.contains("\"partnerid\""), "{unknown}");
        let repeated =
            rows_from_csv(b"serial,product,edition,version,list_price,installations,serial\n")
                .unwrap_err()
                .to_string();
        assert!(repeated.contains("twice"), "{repeated}");
    }

    #[test]
    fn csv_errors_name_the_line() {
        let header = "serial,product,edition,version,list_price,installations\n";
        let short = format!("{header}TS-2024-00017,T&S,Pro,7,10,1\nTS-2024-00018,T&S,Pro,7,10\n");
        assert_eq!(
            rows_from_csv(short.as_bytes()).unwrap_err().to_string(),
            "line 3: 5 fields where the header has 6 columns"
        );
        let open = format!("{header}TS-2024-00017,\"T&S,Pro,7,10,1\n");
        assert_eq!(
            rows_from_csv(open.as_bytes()).unwrap_err().to_string(),
            "line 2: a quoted field is never closed"
        );
        let trailing = format!("{header}\"multi\nline\",x\"T&S\"y,Pro,7,10,1\nTS,\"a\"b,c,7,1,1\n");
        assert_eq!(
            rows_from_csv(trailing.as_bytes()).unwrap_err().to_string(),
            "line 4: text after a closing quote"
        );
        let mut latin1 = header.as_bytes().to_vec();
        latin1.extend_from_slice(b"TS-2024-00017,Zeit \xfc,Pro,7,10,1\n");
        assert_eq!(
            rows_from_csv(&latin1).unwrap_err().to_string(),
            "line 2: the file is not UTF-8 text"
        );
    }

    #[test]
    fn a_header_alone_gives_no_rows() {
        let rows =
            rows_from_csv(b"serial,product,edition,version,list_price,installations\r\n").unwrap();
        assert!(rows.is_empty());
    }
}
