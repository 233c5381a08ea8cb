//! Files attached to an incident (screenshots, logs, exports): which kinds
//! are taken, how large, and what a file's name may be. A kind is known by
//! the name's extension AND, where the format has one, by its first bytes
//! (its "magic"), so a renamed program is refused however it is named.

use super::field::Invalid;
use super::messages as m;

/// The largest file taken: 10 MiB.
pub const MAX_BYTES: usize = 10 * 1024 * 1024;

/// The longest name kept, in characters (the extension is kept whole).
pub const MAX_NAME_CHARS: usize = 120;

/// The kinds of file taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Png,
    Jpeg,
    Pdf,
    Text,
    Log,
    Csv,
    Zip,
}

impl Kind {
    pub const ALL: [Kind; 7] = [
        Kind::Png,
        Kind::Jpeg,
        Kind::Pdf,
        Kind::Text,
        Kind::Log,
        Kind::Csv,
        Kind::Zip,
    ];

    /// The media type it is stored and served as.
    pub fn media_type(self) -> &'static str {
        match self {
            Kind::Png => "image/png",
            Kind::Jpeg => "image/jpeg",
            Kind::Pdf => "application/pdf",
            Kind::Text | Kind::Log => "text/plain",
            Kind::Csv => "text/csv",
            Kind::Zip => "application/zip",
        }
    }

    /// The stored media type read back.
    pub fn from_media_type(media_type: &str) -> Option<Kind> {
        Kind::ALL
            .into_iter()
            .find(|kind| kind.media_type() == media_type)
    }

    fn of_extension(extension: &str) -> Option<Kind> {
        match extension.to_ascii_lowercase().as_str() {
            "png" => Some(Kind::Png),
            "jpg" | "jpeg" => Some(Kind::Jpeg),
            "pdf" => Some(Kind::Pdf),
            "txt" => Some(Kind::Text),
            "log" => Some(Kind::Log),
            "csv" => Some(Kind::Csv),
            "zip" => Some(Kind::Zip),
            _ => None,
        }
    }

    /// Whether `bytes` begin as this kind's files do. Text has no magic: it
    /// must be UTF-8 without NUL bytes (Latin-2 logs are refused; re-save as
    /// UTF-8).
    fn fits(self, bytes: &[u8]) -> bool {
        match self {
            Kind::Png => bytes.starts_with(b"\x89PNG\r\n\x1a\n"),
            Kind::Jpeg => bytes.starts_with(&[0xFF, 0xD8, 0xFF]),
            Kind::Pdf => bytes.starts_with(b"%PDF-"),
            // A local file header, or an empty archive's end record.
            Kind::Zip => bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06"),
            Kind::Text | Kind::Log | Kind::Csv => {
                !bytes.contains(&0) && std::str::from_utf8(bytes).is_ok()
            }
        }
    }
}

/// A file name fit to store and to send back: no directories, no control
/// characters, no leading dots, at most [`MAX_NAME_CHARS`] characters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileName(String);

impl FileName {
    /// The name as sent, made safe: the last path segment (`/` or `\`),
    /// control characters, quotes and leading dots and spaces removed, the
    /// stem shortened so the whole fits. Nothing left: refused.
    pub fn sanitise(raw: &str) -> Result<FileName, Invalid> {
        let last = raw.rsplit(['/', '\\']).next().unwrap_or_default();
        let cleaned: String = last
            .chars()
            .filter(|c| !c.is_control() && !matches!(c, '"' | '\u{2028}' | '\u{2029}'))
            .collect();
        let cleaned = cleaned.trim().trim_start_matches(['.', ' ']).trim_end();
        if cleaned.is_empty() {
            return Err(Invalid::said("file_name", m::field_file_no_name));
        }
        let chars: Vec<char> = cleaned.chars().collect();
        if chars.len() <= MAX_NAME_CHARS {
            return Ok(FileName(cleaned.to_owned()));
        }
        let (stem, extension) = match cleaned.rsplit_once('.') {
            Some((stem, extension)) if extension.chars().count() <= 10 => (stem, extension),
            _ => (cleaned, ""),
        };
        let keep = MAX_NAME_CHARS - extension.chars().count() - usize::from(!extension.is_empty());
        let mut name: String = stem.chars().take(keep).collect();
        if !extension.is_empty() {
            name.push('.');
            name.push_str(extension);
        }
        Ok(FileName(name))
    }

    /// A name read back from the store, already sanitised.
    pub fn stored(name: String) -> FileName {
        FileName(name)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    fn extension(&self) -> Option<&str> {
        self.0.rsplit_once('.').map(|(_, extension)| extension)
    }
}

/// An attachment accepted: its safe name, kind and size.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Accepted {
    pub name: FileName,
    pub kind: Kind,
    pub size: usize,
}

/// Why a file is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refused {
    /// Beyond [`MAX_BYTES`] (an answer 413).
    TooLarge,
    /// An empty file, a name with nothing left, a kind not on the list or
    /// bytes that are not that kind (422 naming `file`).
    Invalid(Invalid),
}

impl Refused {
    /// In words, for a log line or a problem's detail.
    pub fn reason(&self) -> String {
        match self {
            Refused::TooLarge => format!("the file is larger than {} MiB", MAX_BYTES >> 20),
            Refused::Invalid(invalid) => invalid.detail().to_owned(),
        }
    }
}

/// Decides whether a file named `raw_name` with these bytes is taken.
pub fn accept(raw_name: &str, bytes: &[u8]) -> Result<Accepted, Refused> {
    if bytes.len() > MAX_BYTES {
        return Err(Refused::TooLarge);
    }
    let name = FileName::sanitise(raw_name).map_err(Refused::Invalid)?;
    if bytes.is_empty() {
        return Err(Refused::Invalid(Invalid::said(
            "empty",
            m::field_file_empty,
        )));
    }
    let kind = name
        .extension()
        .and_then(Kind::of_extension)
        .ok_or_else(|| Refused::Invalid(Invalid::said("file_type", m::field_file_type)))?;
    if !kind.fits(bytes) {
        return Err(Refused::Invalid(Invalid::said("file_content", |l| {
            m::field_file_content(l, kind.media_type())
        })));
    }
    Ok(Accepted {
        name,
        kind,
        size: bytes.len(),
    })
}

/// The SHA-256 of a file's bytes, in lowercase hex, kept with its row.
pub fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    hex::encode(Sha256::digest(bytes))
}

/// The object key of an attachment's bytes in the blob store: by incident,
/// so an incident's files are found together.
pub fn object_key(incident_id: &str, attachment_id: &str) -> String {
    format!("incidents/{incident_id}/{attachment_id}")
}

/// How long an object may wait for its row before it counts as an orphan:
/// the row is written right after the object, so a day is generous.
pub const ORPHAN_GRACE_HOURS: i64 = 24;

/// The part of the object store one retention sweep walks for orphans:
/// objects of incidents whose id begins with one Crockford character, a
/// different one each ten-minute run, so all are walked every 320 minutes
/// with a bounded number of listings a run.
pub fn orphan_sweep_prefix(now: super::time::Instant) -> String {
    use super::entropy::CROCKFORD;
    let slot = now.timestamp().div_euclid(600).rem_euclid(32) as usize;
    format!("incidents/inc_{}", CROCKFORD[slot] as char)
}

#[cfg(test)]
mod tests {
    use super::*;

    const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR";

    #[test]
    fn a_screenshot_is_taken_as_png() {
        let accepted = accept("Screenshot 2026-12-07.PNG", PNG).unwrap();
        assert_eq!(accepted.kind, Kind::Png);
        assert_eq!(accepted.kind.media_type(), "image/png");
        assert_eq!(accepted.name.as_str(), "Screenshot 2026-12-07.PNG");
        assert_eq!(accepted.size, PNG.len());
    }

    #[test]
    fn each_kind_is_known_by_extension_and_content() {
        let cases: [(&str, &[u8], Kind); 7] = [
            ("a.png", PNG, Kind::Png),
            ("a.jpeg", b"\xFF\xD8\xFF\xE0JFIF", Kind::Jpeg),
            ("a.pdf", b"%PDF-1.7\n", Kind::Pdf),
            ("a.txt", "Napaka: čas".as_bytes(), Kind::Text),
            ("server.log", b"12:00 started\n", Kind::Log),
            ("export.csv", b"a;b\n1;2\n", Kind::Csv),
            ("logs.zip", b"PK\x03\x04rest", Kind::Zip),
        ];
        for (name, bytes, kind) in cases {
            assert_eq!(accept(name, bytes).unwrap().kind, kind, "{name}");
        }
    }

    #[test]
    fn a_program_renamed_png_is_refused() {
        let refused = accept("photo.png", b"MZ\x90\0program").unwrap_err();
        assert!(matches!(refused, Refused::Invalid(ref i) if i.code == "file_content"));
        assert!(matches!(
            accept("notes.txt", b"MZ\0\0"),
            Err(Refused::Invalid(_))
        ));
    }

    #[test]
    fn kinds_not_on_the_list_are_refused() {
        for name in ["setup.exe", "page.html", "image.svg", "noextension"] {
            let refused = accept(name, b"text").unwrap_err();
            assert!(
                matches!(refused, Refused::Invalid(ref i) if i.code == "file_type"),
                "{name}"
            );
        }
    }

    #[test]
    fn ten_mebibytes_are_taken_and_one_byte_more_is_not() {
        let mut bytes = vec![b'a'; MAX_BYTES];
        assert!(accept("big.txt", &bytes).is_ok());
        bytes.push(b'a');
        assert_eq!(accept("big.txt", &bytes), Err(Refused::TooLarge));
    }

    #[test]
    fn empty_files_are_refused() {
        assert!(matches!(accept("a.txt", b""), Err(Refused::Invalid(i)) if i.code == "empty"));
    }

    #[test]
    fn names_lose_their_paths_control_characters_and_leading_dots() {
        let name = |raw: &str| FileName::sanitise(raw).unwrap().as_str().to_owned();
        assert_eq!(name("../../etc/passwd.txt"), "passwd.txt");
        assert_eq!(name("C:\\Users\\Ana\\zaslon.png"), "zaslon.png");
        assert_eq!(name("a\r\nb\u{0}\"c.txt"), "abc.txt");
        assert_eq!(name("..hidden.log"), "hidden.log");
        assert_eq!(name("poročilo.pdf"), "poročilo.pdf");
        assert!(FileName::sanitise("../").is_err());
        assert!(FileName::sanitise("\u{7}").is_err());
    }

    #[test]
    fn long_names_are_shortened_keeping_the_extension() {
        let long = format!("{}.csv", "č".repeat(300));
        let name = FileName::sanitise(&long).unwrap();
        assert_eq!(name.as_str().chars().count(), MAX_NAME_CHARS);
        assert!(name.as_str().ends_with(".csv"));
    }

    #[test]
    fn stored_media_types_read_back() {
        for kind in Kind::ALL {
            assert!(Kind::from_media_type(kind.media_type()).is_some());
        }
        assert_eq!(Kind::from_media_type("text/html"), None);
    }

    #[test]
    fn the_orphan_sweep_walks_every_first_character_of_an_incident_id() {
        let start = super::super::time::parse("2026-12-07T00:00:00Z").unwrap();
        let prefixes: std::collections::BTreeSet<String> = (0..32)
            .map(|run| orphan_sweep_prefix(start + chrono::Duration::minutes(10 * run)))
            .collect();
        assert_eq!(prefixes.len(), 32);
        let id = crate::domain::id::IncidentId::generate(
            &mut crate::domain::entropy::Entropy::new([7; 32]),
        );
        let key = object_key(id.as_str(), "att_X");
        assert!(
            prefixes.iter().any(|p| key.starts_with(p.as_str())),
            "{key}"
        );
    }
}
