//! English where a person reads Slovenian: the words no `sl` page may show,
//! and machine timestamps, which no page may show a person at all. What is
//! checked is what a person reads: the text, and the attributes read aloud
//! or shown (`aria-label`, `title`, `alt`, `placeholder`, `data-confirm`);
//! never markup, other attribute values (`type="email"`, `name=…`) or URLs.

/// English words and phrases that no Slovenian page has, matched as whole
/// words, ignoring case (`(s)` anywhere). The proper names a Slovenian page
/// keeps (Spica, Time & Space, SUPS, IBAN, Stripe, …) are not here.
pub(crate) const ENGLISH: &[&str] = &[
    "Register",
    "Registration",
    "Sign in",
    "Sign out",
    "Privacy",
    "Terms",
    "News",
    "coupon",
    "coupons",
    "incident",
    "incidents",
    "license",
    "licenses",
    "Your",
    "you",
    "Please",
    "Email",
    "Submit",
    "Save",
    "Back",
    "Thank you",
    "Confirm",
    "Language",
    "Account",
    "Invoices",
    "the",
    "and",
    "of",
    "with",
    "none yet",
    "(s)",
    "(UTC)",
];

/// The attributes whose values a person reads or hears.
const READ_ATTRIBUTES: &[&str] = &["aria-label", "title", "alt", "placeholder", "data-confirm"];

fn attribute(tag: &str, name: &str) -> Option<String> {
    let needle = format!(" {name}=\"");
    let start = tag.find(&needle)? + needle.len();
    let end = tag[start..].find('"')? + start;
    Some(tag[start..end].to_owned())
}

fn unescape(text: &str) -> String {
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&nbsp;", "\u{a0}")
        .replace("&amp;", "&")
}

/// What a person reads on a page, one piece a line: its text and the
/// attributes read aloud. Text in an element marked as in another
/// language (`<button lang="en">English</button>` of the language switch)
/// is that language's by intent, and is left out.
pub(crate) fn readable(html: &str) -> String {
    let mut out = String::new();
    let mut rest = html;
    let mut foreign = false;
    while let Some(open) = rest.find('<') {
        if !foreign {
            out.push_str(&unescape(&rest[..open]));
        }
        out.push('\n');
        let after = &rest[open..];
        let Some(close) = after.find('>') else {
            break;
        };
        let tag = &after[..=close];
        rest = &after[close + 1..];
        let name: String = tag[1..]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        if name == "script" || name == "style" {
            let end = format!("</{name}>");
            rest = rest.find(&end).map_or("", |at| &rest[at + end.len()..]);
            continue;
        }
        for attribute_name in READ_ATTRIBUTES {
            if let Some(value) = attribute(tag, attribute_name) {
                out.push_str(&unescape(&value));
                out.push('\n');
            }
        }
        foreign = name != "html" && attribute(tag, "lang").is_some_and(|lang| lang != "sl");
    }
    if !foreign {
        out.push_str(&unescape(rest));
    }
    out
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// The entries of [`ENGLISH`] that `text` holds as whole words.
pub(crate) fn english_in(text: &str) -> Vec<&'static str> {
    let lower = text.to_lowercase();
    ENGLISH
        .iter()
        .copied()
        .filter(|word| {
            let word = word.to_lowercase();
            let whole = word.starts_with(is_word_char) && word.ends_with(is_word_char);
            lower.match_indices(&word).any(|(at, _)| {
                !whole
                    || (!lower[..at].ends_with(is_word_char)
                        && !lower[at + word.len()..].starts_with(is_word_char))
            })
        })
        .collect()
}

/// Machine timestamps (`2026-12-07T18:17`…) in what a person reads.
pub(crate) fn machine_timestamps(text: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let shape = "dddd-dd-ddTdd:dd";
    let fits = |at: usize| {
        shape.chars().enumerate().all(|(i, s)| {
            chars
                .get(at + i)
                .is_some_and(|&c| if s == 'd' { c.is_ascii_digit() } else { c == s })
        })
    };
    (0..chars.len())
        .filter(|&at| fits(at))
        .map(|at| chars[at..(at + 20).min(chars.len())].iter().collect())
        .collect()
}

/// Asserts that a page is a Slovenian one throughout: `<html lang="sl">`,
/// no English word, no machine timestamp.
pub(crate) fn assert_slovenian(who: &str, path: &str, html: &str) {
    assert!(
        html.contains("<html lang=\"sl\">"),
        "{who}: {path} is not marked Slovenian: {html}"
    );
    let text = readable(html);
    let english = english_in(&text);
    assert!(
        english.is_empty(),
        "{who}: {path} reads English {english:?}:\n{text}"
    );
    let stamps = machine_timestamps(&text);
    assert!(
        stamps.is_empty(),
        "{who}: {path} shows machine timestamps {stamps:?}:\n{text}"
    );
}

#[test]
fn english_is_found_as_whole_words_in_what_a_person_reads() {
    let page = "<html lang=\"sl\"><title>Prijava</title><input type=\"email\" name=\"email\">\
                <a href=\"/register\">Registracija</a><button lang=\"en\">English</button>\
                <p>Theory <time datetime=\"2026-12-07T18:17:11Z\">7. 12. 2026</time></p></html>";
    assert_eq!(english_in(&readable(page)), Vec::<&str>::new());
    assert!(machine_timestamps(&readable(page)).is_empty());
    assert_eq!(english_in("Kupon(s) in the box"), ["the", "(s)"]);
    assert_eq!(english_in("<p>Sign in</p>"), ["Sign in"]);
    assert_eq!(
        english_in(&readable("<form data-confirm=\"Erase your data?\"></form>")),
        ["Your"]
    );
    assert_eq!(
        machine_timestamps("ob 2026-12-07T18:17:11.271Z"),
        ["2026-12-07T18:17:11."]
    );
}
