//! News bulletins to subscribed contacts: a subject and a plain-text body of
//! paragraphs and lists, sent as text and as simple HTML, each with a
//! one-click unsubscribe link (RFC 8058).

use super::field::{FieldErrors, Invalid};
use super::html::Html;
use super::messages as m;
use super::text::Text;
use crate::html;

/// The longest body: a bulletin is news, not a manual, and 50 recipients'
/// copies (text and HTML) must fit a few D1 statements of 100 KB.
pub const MAX_BODY_CHARS: usize = 20_000;

/// A bulletin as staff wrote it, checked once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bulletin {
    pub subject: String,
    pub body: String,
}

impl Bulletin {
    /// A one-line subject of at most 150 characters and a body of text
    /// (line breaks and tabs allowed, other control characters not).
    pub fn parse(subject: Option<&str>, body: Option<&str>) -> Result<Self, FieldErrors> {
        let mut errors = FieldErrors::default();
        let subject = errors.check("subject", Text::parse(subject.unwrap_or(""), 150));
        let body = errors.check("body", parse_body(body.unwrap_or("")));
        match (subject, body) {
            (Some(subject), Some(body)) if errors.is_empty() => Ok(Self {
                subject: subject.into_string(),
                body,
            }),
            _ => Err(errors),
        }
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

/// One recipient's email: the text with the unsubscribe link below it, and
/// the same as an HTML document.
pub fn email_bodies(bulletin: &Bulletin, unsubscribe_url: &str) -> (String, String) {
    let text = format!(
        "{}\n\n--\nYou receive Spica's news because you subscribed to it. \
         To unsubscribe, open {unsubscribe_url}\n",
        bulletin.body
    );
    let html = html!(
        "<!doctype html>\n<html><head><meta charset=\"utf-8\"><title>{}</title></head>\
         <body>\n{}<hr>\n<p><small>You receive Spica's news because you subscribed to it. \
         <a href=\"{}\">Unsubscribe</a>.</small></p>\n</body></html>\n",
        bulletin.subject,
        body_html(&bulletin.body),
        unsubscribe_url,
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
        let (text, html) = email_bodies(&bulletin, url);
        assert!(text.starts_with("Hello\n") && text.contains(url));
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
}
