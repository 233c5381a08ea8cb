//! An email that came in: the raw RFC 5322 message decoded (charsets,
//! quoted-printable, base64, multipart, by the maintained `mail-parser`
//! crate) to its Message-ID and the new text the sender wrote, without the
//! history their mail client quoted below it.

use mail_parser::MessageParser;

/// The longest reply kept, as in the portal's message form.
pub const MAX_REPLY_CHARS: usize = 10_000;

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
    /// Decodes a raw message: its first text part (an HTML-only message's
    /// HTML turned into text), stripped of the quoted history.
    pub fn parse(raw: &[u8]) -> Result<Self, InboundError> {
        let message = MessageParser::default()
            .parse(raw)
            .ok_or(InboundError::Unreadable)?;
        let message_id = message
            .message_id()
            .map(|id| {
                id.trim()
                    .trim_start_matches('<')
                    .trim_end_matches('>')
                    .trim()
            })
            .filter(|id| !id.is_empty() && id.len() <= 998)
            .ok_or(InboundError::NoMessageId)?
            .to_owned();
        let body = message.body_text(0).ok_or(InboundError::NoText)?;
        let text = new_text(&body);
        if text.is_empty() {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn fixture(name: &str) -> Vec<u8> {
        let path = format!("{}/tests/fixtures/email/{name}", env!("CARGO_MANIFEST_DIR"));
        std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
    }

    fn reply(name: &str) -> InboundEmail {
        InboundEmail::parse(&fixture(name)).unwrap()
    }

    #[test]
    fn a_gmail_reply_keeps_the_new_text_above_on_wrote() {
        let email = reply("gmail.eml");
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
    fn an_outlook_reply_drops_the_from_sent_block_and_decodes_quoted_printable() {
        let email = reply("outlook.eml");
        assert_eq!(
            email.text,
            "Dober dan,\n\nthe terminal in the warehouse still shows \u{201c}Napaka 17\u{201d}. Čez dan smo dosegljivi na 041 555 666.\n\nLep pozdrav\nMarko Novak"
        );
    }

    #[test]
    fn an_apple_mail_reply_decodes_base64_and_drops_the_signature() {
        let email = reply("apple.eml");
        assert_eq!(
            email.message_id,
            "8E1F6A2B-3C4D-4E5F-9A0B-1C2D3E4F5A6B@kovinar.si"
        );
        assert_eq!(email.text, "Any time on Thursday works. Grüße aus Maribor!");
    }

    #[test]
    fn a_latin_2_message_is_read_in_its_charset() {
        let email = reply("latin2.eml");
        assert_eq!(
            email.text,
            "Žal nas še vedno ne morete priklicati. Pokličite Petra."
        );
    }

    #[test]
    fn an_html_only_reply_is_read_as_text() {
        let email = reply("html_only.eml");
        assert!(email.text.contains("Call me at 9"), "{}", email.text);
        assert!(!email.text.contains("wrote:"), "{}", email.text);
    }

    #[test]
    fn a_message_without_message_id_or_text_is_not_read() {
        let raw = b"From: a@b.si\r\nTo: c@d.si\r\nSubject: x\r\n\r\nHello\r\n";
        assert_eq!(InboundEmail::parse(raw), Err(InboundError::NoMessageId));
        let quoted = b"Message-ID: <q@b.si>\r\nFrom: a@b.si\r\n\r\n> only the old text\r\n";
        assert_eq!(InboundEmail::parse(quoted), Err(InboundError::NoText));
        assert!(InboundEmail::parse(b"").is_err());
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
}
