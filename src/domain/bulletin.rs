//! News bulletins to subscribed contacts: a subject and a plain-text body of
//! paragraphs and lists, sent as text and as simple HTML, each with a
//! one-click unsubscribe link (RFC 8058).

use super::field::{FieldErrors, Invalid};
use super::html::Html;
use super::language::Language;
use super::messages as m;
use super::text::Text;
use crate::html;

/// The longest body: a bulletin is news, not a manual, and 50 recipients'
/// copies (text and HTML) must fit a few D1 statements of 100 KB.
pub const MAX_BODY_CHARS: usize = 20_000;

/// A bulletin as staff wrote it, checked once: in English (`subject`,
/// `body`) and in Slovenian (`subject_sl`, `body_sl`). Each subscriber is
/// sent, and `/news` shows, the version in their language
/// ([`Bulletin::subject_in`], [`Bulletin::body_in`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bulletin {
    pub subject: String,
    pub body: String,
    pub subject_sl: String,
    pub body_sl: String,
}

impl Bulletin {
    /// A one-line subject of at most 150 characters and a body of text
    /// (line breaks and tabs allowed, other control characters not), the
    /// same text for every language.
    pub fn parse(subject: Option<&str>, body: Option<&str>) -> Result<Self, FieldErrors> {
        Self::parse_in_both(subject, body, None, None)
    }

    /// The English version and the Slovenian one, each checked as
    /// [`Bulletin::parse`] says. A bulletin given without any Slovenian
    /// (neither `subject_sl` nor `body_sl`, or both blank) is the one text
    /// in both languages; given half of it, the missing half is refused.
    pub fn parse_in_both(
        subject: Option<&str>,
        body: Option<&str>,
        subject_sl: Option<&str>,
        body_sl: Option<&str>,
    ) -> Result<Self, FieldErrors> {
        let blank = |text: Option<&str>| text.is_none_or(|t| t.trim().is_empty());
        let one_text = blank(subject_sl) && blank(body_sl);
        let mut errors = FieldErrors::default();
        let subject = errors.check("subject", Text::parse(subject.unwrap_or(""), 150));
        let body = errors.check("body", parse_body(body.unwrap_or("")));
        let slovenian = if one_text {
            None
        } else {
            let subject = errors.check("subject_sl", Text::parse(subject_sl.unwrap_or(""), 150));
            let body = errors.check("body_sl", parse_body(body_sl.unwrap_or("")));
            Some((subject, body))
        };
        match (subject, body, slovenian) {
            (Some(subject), Some(body), None) if errors.is_empty() => Ok(Self {
                subject_sl: subject.as_str().to_owned(),
                body_sl: body.clone(),
                subject: subject.into_string(),
                body,
            }),
            (Some(subject), Some(body), Some((Some(subject_sl), Some(body_sl))))
                if errors.is_empty() =>
            {
                Ok(Self {
                    subject: subject.into_string(),
                    body,
                    subject_sl: subject_sl.into_string(),
                    body_sl,
                })
            }
            _ => Err(errors),
        }
    }

    /// The subject in `language`.
    pub fn subject_in(&self, language: Language) -> &str {
        in_language(language, &self.subject, &self.subject_sl)
    }

    /// The body in `language`.
    pub fn body_in(&self, language: Language) -> &str {
        in_language(language, &self.body, &self.body_sl)
    }
}

/// Of a text staff wrote in English and in Slovenian, the one in `language`.
pub fn in_language<'a>(language: Language, english: &'a str, slovenian: &'a str) -> &'a str {
    match language {
        Language::Sl => slovenian,
        Language::En => english,
    }
}

fn parse_body(input: &str) -> Result<String, Invalid> {
    let body = input.replace("\r\n", "\n").trim().to_owned();
    if body.is_empty() {
        return Err(Invalid::required());
    }
    if body.chars().count() > MAX_BODY_CHARS {
        return Err(Invalid::said("too_long", |l| {
            m::field_too_long(l, MAX_BODY_CHARS as i64)
        }));
    }
    if body
        .chars()
        .any(|c| c.is_control() && c != '\n' && c != '\t')
    {
        return Err(Invalid::said("invalid", m::field_control_characters));
    }
    Ok(body)
}

/// The item of a list line: `- `, `* ` (bulleted) or `1. ` (numbered).
fn list_item(line: &str) -> Option<(bool, &str)> {
    let line = line.trim_start();
    if let Some(item) = line.strip_prefix("- ").or_else(|| line.strip_prefix("* ")) {
        return Some((false, item));
    }
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    (digits > 0)
        .then(|| line[digits..].strip_prefix(". "))
        .flatten()
        .map(|item| (true, item))
}

/// The body as simple HTML: blank lines part paragraphs, a paragraph whose
/// every line is a list item becomes a list, other line breaks stay; all of
/// the text escaped.
pub fn body_html(body: &str) -> Html {
    let mut html = Html::EMPTY;
    for block in body.split("\n\n").map(str::trim).filter(|b| !b.is_empty()) {
        let lines: Vec<&str> = block.lines().collect();
        let items: Option<Vec<(bool, &str)>> = lines.iter().map(|l| list_item(l)).collect();
        match items {
            Some(items) => {
                let numbered = items[0].0;
                let items: Html = items
                    .iter()
                    .map(|(_, item)| html!("<li>{}</li>", item.trim()))
                    .collect();
                html.push(if numbered {
                    html!("<ol>{}</ol>\n", items)
                } else {
                    html!("<ul>{}</ul>\n", items)
                });
            }
            None => {
                let text = Html::join(
                    lines.iter().map(|l| html!("{}", l.trim())),
                    &html!("<br>\n"),
                );
                html.push(html!("<p>{}</p>\n", text));
            }
        }
    }
    html
}

/// One recipient's email in their language: the text with the unsubscribe
/// link below it, and the same as an HTML document.
pub fn email_bodies(
    bulletin: &Bulletin,
    language: Language,
    unsubscribe_url: &str,
) -> (String, String) {
    let text = format!(
        "{}\n\n--\n{}\n",
        bulletin.body_in(language),
        m::email_bulletin_footer(language, unsubscribe_url)
    );
    let html = html!(
        "<!doctype html>\n<html lang=\"{}\"><head><meta charset=\"utf-8\"><title>{}</title></head>\
         <body>\n{}<hr>\n<p><small>{} \
         <a href=\"{}\">{}</a>.</small></p>\n</body></html>\n",
        language.as_str(),
        bulletin.subject_in(language),
        body_html(bulletin.body_in(language)),
        m::email_bulletin_footer_html(language),
        unsubscribe_url,
        m::email_bulletin_unsubscribe(language),
    );
    (text, html.into_string())
}

/// The headers of one-click unsubscription (RFC 8058) for a recipient's link.
pub fn unsubscribe_headers(unsubscribe_url: &str) -> Vec<(String, String)> {
    vec![
        ("List-Unsubscribe".into(), format!("<{unsubscribe_url}>")),
        (
            "List-Unsubscribe-Post".into(),
            "List-Unsubscribe=One-Click".into(),
        ),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_and_lists_become_html_with_the_text_escaped() {
        let html = body_html(
            "Version 9 is out.\nIt is <faster> & smaller.\n\n- shifts\n- overtime\n\n1. back up\n2. update",
        );
        assert_eq!(
            html.as_str(),
            "<p>Version 9 is out.<br>\nIt is &lt;faster&gt; &amp; smaller.</p>\n\
             <ul><li>shifts</li><li>overtime</li></ul>\n\
             <ol><li>back up</li><li>update</li></ol>\n"
        );
    }

    #[test]
    fn a_paragraph_with_one_plain_line_is_not_a_list() {
        assert_eq!(
            body_html("- one\nnot an item").as_str(),
            "<p>- one<br>\nnot an item</p>\n"
        );
    }

    #[test]
    fn each_email_carries_its_one_click_unsubscribe_link() {
        let bulletin = Bulletin::parse(Some("News"), Some("Hello")).unwrap();
        let url = "https://portal.test/unsubscribe?token=abc";
        let (text, html) = email_bodies(&bulletin, Language::En, url);
        assert!(text.starts_with("Hello\n") && text.contains(url));
        assert!(html.contains(">Unsubscribe</a>"), "{html}");
        assert!(
            html.contains("<p>Hello</p>")
                && html.contains("href=\"https://portal.test/unsubscribe?token=abc\"")
        );
        assert_eq!(
            unsubscribe_headers(url),
            vec![
                ("List-Unsubscribe".to_owned(), format!("<{url}>")),
                (
                    "List-Unsubscribe-Post".to_owned(),
                    "List-Unsubscribe=One-Click".to_owned()
                ),
            ]
        );
    }

    #[test]
    fn a_bulletin_needs_a_one_line_subject_and_a_body() {
        let errors = Bulletin::parse(Some("a\nb"), Some("  ")).unwrap_err();
        let fields: Vec<&str> = errors.list().iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["subject", "body"]);
        let ok = Bulletin::parse(Some(" News "), Some("line\r\n\tmore\n")).unwrap();
        assert_eq!(
            (ok.subject.as_str(), ok.body.as_str()),
            ("News", "line\n\tmore")
        );
    }

    #[test]
    fn each_subscriber_reads_the_bulletin_in_their_language() {
        let bulletin = Bulletin::parse_in_both(
            Some("Version 9"),
            Some("It is out."),
            Some("Različica 9"),
            Some("Izšla je."),
        )
        .unwrap();
        let url = "https://portal.test/unsubscribe?token=abc";
        let (text, html) = email_bodies(&bulletin, Language::Sl, url);
        assert_eq!(bulletin.subject_in(Language::Sl), "Različica 9");
        assert!(
            text.starts_with("Izšla je.\n\n--\nNovice družbe Spica prejemate"),
            "{text}"
        );
        assert!(text.contains("Za odjavo odprite https://portal.test/unsubscribe?token=abc\n"));
        assert!(!text.contains("You receive"), "{text}");
        assert!(html.contains("<html lang=\"sl\">") && html.contains("<title>Različica 9</title>"));
        assert!(
            html.contains(">Odjava</a>") && !html.contains("Unsubscribe"),
            "{html}"
        );
        let (english, _) = email_bodies(&bulletin, Language::En, url);
        assert!(
            english.starts_with("It is out.\n") && english.contains("You receive Spica's news")
        );
    }

    #[test]
    fn a_bulletin_without_slovenian_is_one_text_and_half_of_it_is_refused() {
        let one = Bulletin::parse_in_both(Some("News"), Some("Text"), None, Some("  ")).unwrap();
        assert_eq!(
            (one.subject_in(Language::Sl), one.body_in(Language::Sl)),
            ("News", "Text")
        );
        let errors =
            Bulletin::parse_in_both(Some("News"), Some("Text"), Some("Novice"), None).unwrap_err();
        let fields: Vec<&str> = errors.list().iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["body_sl"]);
    }
}
