//! An email that came in, as its decoded parts (the Worker decodes the raw
//! RFC 5322 message with postal-mime, js/inbound.mjs: charsets,
//! quoted-printable, base64, multipart, HTML to text): its Message-ID and
//! the new text the sender wrote, without the history their mail client
//! quoted below it, and the files it carried.

use super::attachment::{self, Accepted, FileName};
use super::organisation::ContactStatus;
use super::registration::CustomerStatus;

/// The longest reply kept, as in the portal's message form.
pub const MAX_REPLY_CHARS: usize = 10_000;

/// The longest Message-ID kept: RFC 5322's line length.
const MAX_MESSAGE_ID_CHARS: usize = 998;

/// Why an inbound email is not read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum InboundError {
    #[error("the message cannot be parsed as an email")]
    Unreadable,
    #[error("the message has no Message-ID")]
    NoMessageId,
    #[error("the message has no text")]
    NoText,
}

/// What a MIME parser decoded of a raw message.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DecodedEmail {
    /// The Message-ID header as written, angle brackets included.
    pub message_id: Option<String>,
    /// The text body (an HTML-only message's HTML turned into text).
    pub text: Option<String>,
    /// The files it carried, in the message's order.
    pub files: Vec<EmailFile>,
}

/// A file part of an email, as postal-mime decoded it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EmailFile {
    /// The name the sender's client gave it, if any.
    pub name: Option<String>,
    /// Its declared media type (`image/png`).
    pub media_type: String,
    /// Shown inside the HTML body (a Content-ID in a multipart/related, or
    /// `Content-Disposition: inline`) rather than attached.
    pub inline: bool,
    pub content: Vec<u8>,
}

/// The most files taken from one email; the rest are listed as not taken.
pub const MAX_FILES_PER_EMAIL: usize = 10;

/// What becomes of an email's files: those taken, each with its index in
/// the message (which, with the Message-ID, names it), and those not taken,
/// by name, with the reason.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EmailFiles {
    pub taken: Vec<(usize, Accepted)>,
    pub refused: Vec<(String, String)>,
}

/// Sorts an email's files by the upload's own rules
/// ([`attachment::accept`]: kind by name and content, 10 MiB), at most
/// [`MAX_FILES_PER_EMAIL`] taken. Inline parts are what the sender's client
/// put in the HTML: a PNG or JPEG is a screenshot pasted into the text and
/// is taken like an attached one (named `image-N.png` when it has no name);
/// any other inline part (a GIF logo, a vCard) is the layout of the mail, not
/// a file the sender means to send, and is passed over in silence.
pub fn sort_files(files: &[EmailFile]) -> EmailFiles {
    let mut sorted = EmailFiles::default();
    for (index, file) in files.iter().enumerate() {
        let image = match file.media_type.to_ascii_lowercase().as_str() {
            "image/png" => Some("png"),
            "image/jpeg" | "image/jpg" => Some("jpg"),
            _ => None,
        };
        if file.inline && image.is_none() {
            continue;
        }
        let name = match (&file.name, image) {
            (Some(name), _) if !name.trim().is_empty() => name.clone(),
            (_, Some(extension)) => format!("image-{}.{extension}", index + 1),
            _ => "unnamed file".to_owned(),
        };
        let outcome = if sorted.taken.len() == MAX_FILES_PER_EMAIL {
            Err(format!(
                "at most {MAX_FILES_PER_EMAIL} files are taken from one email"
            ))
        } else {
            attachment::accept(&name, &file.content).map_err(|refused| refused.reason())
        };
        match outcome {
            Ok(accepted) => sorted.taken.push((index, accepted)),
            Err(reason) => sorted.refused.push((name, reason)),
        }
    }
    sorted
}

impl EmailFiles {
    /// The line added below the sender's text naming the files not taken and
    /// why, so that the desk and the sender both read it on the incident;
    /// `None` when every file was taken. No email goes back for it (an
    /// answer to an email invites loops with autoresponders).
    pub fn refused_note(&self) -> Option<String> {
        if self.refused.is_empty() {
            return None;
        }
        let mut listed: Vec<String> = self
            .refused
            .iter()
            .take(MAX_FILES_PER_EMAIL)
            .map(|(name, reason)| {
                let name = FileName::sanitise(name)
                    .map_or_else(|_| "unnamed file".to_owned(), |n| n.as_str().to_owned());
                format!("{name} ({reason})")
            })
            .collect();
        let more = self.refused.len().saturating_sub(MAX_FILES_PER_EMAIL);
        if more > 0 {
            listed.push(format!("{more} more"));
        }
        Some(format!(
            "[Not attached from this email: {}.]",
            listed.join("; ")
        ))
    }
}

impl EmailFiles {
    /// The message the reply becomes: the sender's text, shortened to leave
    /// room for the note of the files not taken below it. A reply of files
    /// alone names those taken; one with neither text nor a file to name
    /// (an inline logo only) says nothing and is refused.
    pub fn message(&self, text: &str) -> Result<String, InboundError> {
        let mut notes: Vec<String> = Vec::new();
        if text.trim().is_empty() {
            let names: Vec<&str> = self
                .taken
                .iter()
                .map(|(_, file)| file.name.as_str())
                .collect();
            if !names.is_empty() {
                notes.push(format!("[Files sent by email: {}.]", names.join(", ")));
            }
        }
        notes.extend(self.refused_note());
        if text.trim().is_empty() && notes.is_empty() {
            return Err(InboundError::NoText);
        }
        let note = notes.join("\n");
        let room = MAX_REPLY_CHARS.saturating_sub(note.chars().count() + 2);
        let mut message: String = text.chars().take(room).collect();
        if !message.is_empty() && !note.is_empty() {
            message.push_str("\n\n");
        }
        message.push_str(&note);
        Ok(message)
    }
}

/// The id of an email's `index`-th file: the same email delivered twice
/// names its files alike, so each is stored once. The email's part comes
/// first and the place after it, so an email's files (all stored at one
/// time) list in the order the email had them.
pub fn file_id(message_id: &str, index: usize) -> String {
    use sha2::{Digest, Sha256};
    let digest = Sha256::digest(message_id.as_bytes());
    format!(
        "att_{}_{index:03}",
        super::entropy::crockford(&digest[..15])
    )
}

/// What the portal keeps of an inbound email.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InboundEmail {
    /// The Message-ID without angle brackets: the same email delivered
    /// twice has the same.
    pub message_id: String,
    /// The new text: no quoted history, no signature.
    pub text: String,
}

impl InboundEmail {
    /// Reads a decoded message: its Message-ID and its text stripped of the
    /// quoted history.
    pub fn read(decoded: &DecodedEmail) -> Result<Self, InboundError> {
        let message_id = decoded
            .message_id
            .as_deref()
            .map(|id| {
                id.trim()
                    .trim_start_matches('<')
                    .trim_end_matches('>')
                    .trim()
            })
            .filter(|id| !id.is_empty() && id.len() <= MAX_MESSAGE_ID_CHARS)
            .ok_or(InboundError::NoMessageId)?
            .to_owned();
        let text = new_text(decoded.text.as_deref().unwrap_or_default());
        // A reply of files alone is read; whether it says anything is
        // decided with its files (`EmailFiles::message`).
        if text.is_empty() && decoded.files.is_empty() {
            return Err(InboundError::NoText);
        }
        Ok(Self { message_id, text })
    }
}

/// The text the sender wrote above what their client quoted: everything
/// from the first quote header on is dropped (Gmail's and Apple Mail's
/// "On … wrote:", Outlook's "-----Original Message-----" or its
/// "From: … Sent: …" block after a rule), as are lines quoted with `>` and a
/// signature after "-- ".
pub fn new_text(body: &str) -> String {
    let body = body.replace("\r\n", "\n");
    let lines: Vec<&str> = body.lines().collect();
    let mut kept: Vec<&str> = Vec::new();
    for (index, line) in lines.iter().enumerate() {
        let trimmed = line.trim();
        let next = lines.get(index + 1).map_or("", |l| l.trim());
        if starts_history(trimmed, next, &lines[index + 1..]) || is_signature_mark(line) {
            break;
        }
        if trimmed.starts_with('>') {
            continue;
        }
        kept.push(line.trim_end());
    }
    while kept.last().is_some_and(|line| line.trim().is_empty()) {
        kept.pop();
    }
    while kept.first().is_some_and(|line| line.trim().is_empty()) {
        kept.remove(0);
    }
    kept.join("\n")
}

/// "-- " alone on a line (some clients drop its space).
fn is_signature_mark(line: &str) -> bool {
    let line = line.trim_end_matches(['\r', '\n']);
    line == "-- " || line == "--"
}

/// Whether this line begins the quoted history.
fn starts_history(line: &str, next: &str, after: &[&str]) -> bool {
    let lower = line.to_lowercase();
    // Gmail: "On Mon, 30 Nov 2026 at 10:00, Spica <…> wrote:", sometimes
    // wrapped over two lines; Apple Mail: "On 30 Nov 2026, at 10:00, … wrote:".
    if lower.starts_with("on ")
        && (lower.ends_with("wrote:") || next.to_lowercase().ends_with("wrote:"))
    {
        return true;
    }
    // Any client: "… wrote:" with quoted lines below.
    if lower.ends_with("wrote:")
        && after
            .iter()
            .map(|l| l.trim())
            .find(|l| !l.is_empty())
            .is_some_and(|l| l.starts_with('>'))
    {
        return true;
    }
    // Outlook, plain text.
    if lower.contains("-----original message-----") {
        return true;
    }
    // Outlook: a rule, or none, then "From: …" with "Sent:" or "Date:" below.
    let header_block = |from_line: &str, rest: &[&str]| {
        from_line.to_lowercase().starts_with("from:")
            && rest.iter().take(3).any(|l| {
                let l = l.trim().to_lowercase();
                l.starts_with("sent:") || l.starts_with("date:")
            })
    };
    if line.len() >= 10 && line.chars().all(|c| c == '_') {
        return true;
    }
    header_block(line, after)
}

/// Why a sender may not write into an incident by email.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum SenderRefusal {
    /// The incident's organisation is merged into another (or was never
    /// confirmed): its incidents take no more messages by email.
    #[error("the incident's organisation is no longer active")]
    OrganisationNotActive,
    #[error("the sender is not a contact of the incident's organisation")]
    NotAContact,
}

/// The sender of a reply as the portal knows them: the status of the
/// contact holding that address, and whether it belongs to the incident's
/// organisation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sender {
    pub status: ContactStatus,
    pub of_the_incidents_organisation: bool,
}

/// Who may write into an incident by email: an active contact of the
/// incident's organisation, while that organisation is active. The
/// organisation comes first, so the log says why a former contact's reply
/// to an organisation merged away was refused.
pub fn admit_sender(
    organisation: CustomerStatus,
    sender: Option<Sender>,
) -> Result<(), SenderRefusal> {
    if organisation != CustomerStatus::Active {
        return Err(SenderRefusal::OrganisationNotActive);
    }
    match sender {
        Some(Sender {
            status: ContactStatus::Active,
            of_the_incidents_organisation: true,
        }) => Ok(()),
        _ => Err(SenderRefusal::NotAContact),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A message as postal-mime decodes it (js/inbound.mjs); the raw
    /// samples in tests/fixtures/email go through the real decoding in
    /// tests/api/replies.rs.
    fn decoded(message_id: &str, text: &str) -> DecodedEmail {
        DecodedEmail {
            message_id: Some(message_id.to_owned()),
            text: Some(text.to_owned()),
            files: Vec::new(),
        }
    }

    fn read(message_id: &str, text: &str) -> InboundEmail {
        InboundEmail::read(&decoded(message_id, text)).unwrap()
    }

    #[test]
    fn a_gmail_reply_keeps_the_new_text_above_on_wrote() {
        let email = read(
            " <CAF3xq1Y8mZ7Gm0TzR_j5pE-kQ@mail.gmail.com> ",
            "Please call me tomorrow after 14:00 on 040 123 456.\n\nThanks, Ana\n\nOn Mon, 30 Nov 2026 at 10:02, Spica Customer Support <\nincident+inc_7k.0a@reply.spica.test> wrote:\n\n> Hello Ana,\n>\n> we tried three times to call you back.\n>\n\n",
        );
        assert_eq!(
            email.message_id,
            "CAF3xq1Y8mZ7Gm0TzR_j5pE-kQ@mail.gmail.com"
        );
        assert_eq!(
            email.text,
            "Please call me tomorrow after 14:00 on 040 123 456.\n\nThanks, Ana"
        );
    }

    #[test]
    fn an_outlook_reply_drops_the_rule_and_its_from_sent_block() {
        let email = read(
            "<AM0PR07MB6242@outlook.com>",
            "Dober dan,\n\nNapaka 17.\n\nLep pozdrav\nMarko Novak\n\n________________________________\nFrom: Spica Customer Support <incident+inc_7k.0a@reply.spica.test>\nSent: Monday, November 30, 2026 10:02 AM\nTo: Marko Novak <marko@kovinar.si>\n\nHello Marko,\n",
        );
        assert_eq!(
            email.text,
            "Dober dan,\n\nNapaka 17.\n\nLep pozdrav\nMarko Novak"
        );
        let without_rule = read(
            "<a@b.si>",
            "Fine.\n\nFrom: Spica <x@reply.spica.test>\nSent: Monday\nHello",
        );
        assert_eq!(without_rule.text, "Fine.");
    }

    #[test]
    fn an_apple_mail_reply_drops_the_signature_and_the_quote_in_crlf() {
        let email = read(
            "<8E1F6A2B@kovinar.si>",
            "Any time on Thursday works.\r\n\r\n-- \r\nAna Kova\u{10d}\r\n\r\n> On 30 Nov 2026, at 10:02, Spica wrote:\r\n> Hello Ana,\r\n",
        );
        assert_eq!(email.text, "Any time on Thursday works.");
    }

    #[test]
    fn any_wrote_line_above_quoted_lines_ends_the_new_text() {
        let email = read(
            "<1@kovinar.si>",
            "Pokli\u{10d}ite Petra.\n\nPeter wrote:\n> star tekst\n",
        );
        assert_eq!(email.text, "Pokli\u{10d}ite Petra.");
    }

    #[test]
    fn html_turned_into_text_loses_its_quote_header_and_blockquote() {
        let email = read(
            "<html.1@kovinar.si>",
            "\nCall me at 9 please.\n\nOn Mon, 30 Nov 2026 at 10:02, Spica <x@reply.spica.test> wrote:\n\n Hello Ana\n",
        );
        assert_eq!(email.text, "Call me at 9 please.");
    }

    #[test]
    fn a_message_without_message_id_or_text_is_not_read() {
        let no_id = DecodedEmail {
            message_id: None,
            text: Some("Hello".into()),
            files: Vec::new(),
        };
        assert_eq!(InboundEmail::read(&no_id), Err(InboundError::NoMessageId));
        let empty_id = decoded("<>", "Hello");
        assert_eq!(
            InboundEmail::read(&empty_id),
            Err(InboundError::NoMessageId)
        );
        let long_id = decoded(
            &format!("<{}@b.si>", "a".repeat(MAX_MESSAGE_ID_CHARS)),
            "Hello",
        );
        assert_eq!(InboundEmail::read(&long_id), Err(InboundError::NoMessageId));
        let quoted = decoded("<q@b.si>", "> only the old text\r\n");
        assert_eq!(InboundEmail::read(&quoted), Err(InboundError::NoText));
        let no_text = DecodedEmail {
            message_id: Some("<q@b.si>".into()),
            text: None,
            files: Vec::new(),
        };
        assert_eq!(InboundEmail::read(&no_text), Err(InboundError::NoText));
        assert!(InboundEmail::read(&DecodedEmail::default()).is_err());
    }

    #[test]
    fn quoted_lines_in_between_are_dropped() {
        let text = "I agree.\n> we will call at 10\nBut 11 is better.\n\n-- \nAna\n+386 40 123 456";
        assert_eq!(new_text(text), "I agree.\nBut 11 is better.");
    }

    #[test]
    fn a_wrapped_gmail_quote_header_ends_the_new_text() {
        let text = "Yes.\r\n\r\nOn Mon, 30 Nov 2026 at 10:00, Spica Customer Support <\r\nincident+inc_ab.00@reply.spica.test> wrote:\r\n> old";
        assert_eq!(new_text(text), "Yes.");
    }

    #[test]
    fn text_that_merely_mentions_from_is_kept() {
        let text = "From: our side everything works.\nOn the other hand, the reader is offline.";
        assert_eq!(new_text(text), text);
    }

    #[test]
    fn only_an_active_contact_of_an_active_organisation_writes_by_email() {
        let contact = |status, own| {
            Some(Sender {
                status,
                of_the_incidents_organisation: own,
            })
        };
        assert_eq!(
            admit_sender(CustomerStatus::Active, contact(ContactStatus::Active, true)),
            Ok(())
        );
        for merged_away in [
            contact(ContactStatus::Active, true),
            contact(ContactStatus::Active, false),
            None,
        ] {
            assert_eq!(
                admit_sender(CustomerStatus::Merged, merged_away),
                Err(SenderRefusal::OrganisationNotActive)
            );
        }
        assert_eq!(
            admit_sender(
                CustomerStatus::PendingVerification,
                contact(ContactStatus::PendingVerification, true)
            ),
            Err(SenderRefusal::OrganisationNotActive)
        );
        for refused in [
            contact(ContactStatus::Active, false),
            contact(ContactStatus::Removed, true),
            contact(ContactStatus::PendingVerification, true),
            None,
        ] {
            assert_eq!(
                admit_sender(CustomerStatus::Active, refused),
                Err(SenderRefusal::NotAContact)
            );
        }
    }

    fn file(name: Option<&str>, media_type: &str, inline: bool, content: &[u8]) -> EmailFile {
        EmailFile {
            name: name.map(str::to_owned),
            media_type: media_type.to_owned(),
            inline,
            content: content.to_vec(),
        }
    }

    const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR";

    #[test]
    fn an_emails_files_follow_the_uploads_rules() {
        let sorted = sort_files(&[
            file(Some("zaslon.png"), "image/png", false, PNG),
            file(Some("setup.exe"), "application/octet-stream", false, b"MZ"),
            file(None, "image/png", true, PNG),
            file(None, "image/gif", true, b"GIF89a"),
            file(Some("logo.gif"), "image/gif", true, b"GIF89a"),
            file(None, "application/pdf", false, b"%PDF-1.4"),
        ]);
        let taken: Vec<(usize, &str)> = sorted
            .taken
            .iter()
            .map(|(index, file)| (*index, file.name.as_str()))
            .collect();
        assert_eq!(taken, [(0, "zaslon.png"), (2, "image-3.png")]);
        assert_eq!(
            sorted.refused_note().unwrap(),
            "[Not attached from this email: setup.exe (only PNG, JPEG, PDF, TXT, LOG, CSV and ZIP files are taken); unnamed file (only PNG, JPEG, PDF, TXT, LOG, CSV and ZIP files are taken).]"
        );
        assert_eq!(sort_files(&[]).refused_note(), None);
    }

    #[test]
    fn at_most_ten_files_are_taken_and_the_note_stays_short() {
        let files: Vec<EmailFile> = (0..40)
            .map(|n| file(Some(&format!("{n}.txt")), "text/plain", false, b"ok"))
            .collect();
        let sorted = sort_files(&files);
        assert_eq!(sorted.taken.len(), MAX_FILES_PER_EMAIL);
        assert_eq!(sorted.refused.len(), 30);
        let note = sorted.refused_note().unwrap();
        assert!(note.ends_with("; 20 more.]"), "{note}");
        assert!(note.chars().count() < 1_000);
    }

    #[test]
    fn a_files_id_is_the_same_for_the_same_email_and_place() {
        assert_eq!(file_id("a@b.si", 0), file_id("a@b.si", 0));
        assert_ne!(file_id("a@b.si", 0), file_id("a@b.si", 1));
        assert_ne!(file_id("a@b.si", 0), file_id("c@b.si", 0));
        assert!(file_id("a@b.si", 0).starts_with("att_"));
        assert_eq!(file_id("a@b.si", 0).len(), "att_".len() + 24 + "_000".len());
        let mut ids: Vec<String> = (0..10).rev().map(|i| file_id("a@b.si", i)).collect();
        ids.sort();
        assert_eq!(
            ids,
            (0..10).map(|i| file_id("a@b.si", i)).collect::<Vec<_>>()
        );
    }

    #[test]
    fn the_note_of_refused_files_always_fits_below_the_longest_text() {
        let refused = sort_files(&[file(Some("setup.exe"), "x", false, b"MZ")]);
        let message = refused.message(&"a".repeat(MAX_REPLY_CHARS + 5)).unwrap();
        assert_eq!(message.chars().count(), MAX_REPLY_CHARS);
        assert!(message.ends_with("files are taken).]"), "{message}");
        let taken = sort_files(&[file(Some("a.png"), "image/png", false, PNG)]);
        assert_eq!(taken.message("Hello").unwrap(), "Hello");
    }

    #[test]
    fn a_reply_of_files_alone_names_them_and_a_logo_alone_says_nothing() {
        let files = [
            file(Some("a.png"), "image/png", false, PNG),
            file(Some("b.exe"), "x", false, b"MZ"),
        ];
        let email = InboundEmail::read(&DecodedEmail {
            message_id: Some("<f@b.si>".into()),
            text: None,
            files: files.to_vec(),
        })
        .unwrap();
        assert_eq!(
            sort_files(&files).message(&email.text).unwrap(),
            "[Files sent by email: a.png.]\n[Not attached from this email: b.exe (only PNG, JPEG, PDF, TXT, LOG, CSV and ZIP files are taken).]"
        );
        let logo = [file(None, "image/gif", true, b"GIF89a")];
        assert_eq!(sort_files(&logo).message(" \n"), Err(InboundError::NoText));
    }
}
