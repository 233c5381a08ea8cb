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
            // A plural in brackets is glued to its word ("coupon(s)"); a
            // code in brackets ("22 % (S)") is not one.
            let glued = word.starts_with('(');
            lower.match_indices(&word).any(|(at, _)| {
                if glued {
                    return lower[..at].ends_with(is_word_char);
                }
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

/// Cuts `from` … `to` (inclusive) out of `html`, each time it occurs.
fn cut(html: &str, from: &str, to: &str) -> String {
    let mut out = String::new();
    let mut rest = html;
    while let Some(start) = rest.find(from) {
        let Some(end) = rest[start..].find(to) else {
            break;
        };
        out.push_str(&rest[..start]);
        rest = &rest[start + end + to.len()..];
    }
    out.push_str(rest);
    out
}

/// A page without what people wrote in it, which is in the language its
/// author wrote it in, not the portal's words: bulletins (their subjects on
/// `/news`; subject and body on `/news/{id}`), and incidents' subjects,
/// descriptions and messages (the end-to-end database holds other tests'
/// incidents, written in English).
pub(crate) fn without_what_staff_wrote(path: &str, html: &str) -> String {
    let path = path.split('?').next().unwrap_or(path);
    // Free text (`class="free-text"`, a span or a paragraph) holds no markup.
    let html = cut(html, "class=\"free-text\">", "</");
    let html = cut(&html, "<a href=\"/desk/incidents/", "</a>");
    let html = cut(&html, "<a href=\"/portal/incidents/", "</a>");
    if path == "/news" {
        cut(&html, "<a href=\"/news/", "</a>")
    } else if path.starts_with("/news/") {
        let html = cut(&html, "<title>", "</title>");
        cut(&html, "<h1>", "<p><a href=\"/news\">")
    } else if path.starts_with("/desk/incidents/") || path.starts_with("/portal/incidents/") {
        let html = cut(&html, "<title>", "</title>");
        cut(&html, "<h1>", "</h1>")
    } else {
        html
    }
}

/// Asserts that a page is a Slovenian one throughout: `<html lang="sl">`,
/// no English word, no machine timestamp (what staff wrote aside).
pub(crate) fn assert_slovenian(who: &str, path: &str, html: &str) {
    assert!(
        html.contains("<html lang=\"sl\">"),
        "{who}: {path} is not marked Slovenian: {html}"
    );
    let text = readable(&without_what_staff_wrote(path, html));
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
    assert_eq!(english_in("22 % (S)"), Vec::<&str>::new());
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

#[test]
fn bulletins_are_their_author_s_words_not_the_portal_s() {
    let list = "<h1>Novice</h1><ul><li><a href=\"/news/blt_1\">Spica news and the release</a> \
                <time datetime=\"2026-12-07T18:17:11Z\">7. 12. 2026</time></li></ul>";
    assert_eq!(english_in(&readable(list)), ["News", "the", "and"]);
    let text = readable(&without_what_staff_wrote("/news", list));
    assert_eq!(english_in(&text), Vec::<&str>::new());
    assert!(text.contains("7. 12. 2026"), "{text}");
    let item = "<title>The news · podpora</title><h1>The news</h1><p>With the text</p>\
                <p><a href=\"/news\">Vse novice</a></p>";
    let text = readable(&without_what_staff_wrote("/news/blt_1", item));
    assert_eq!(english_in(&text), Vec::<&str>::new());
    assert!(text.contains("Vse novice"), "{text}");
    assert_eq!(
        readable(&without_what_staff_wrote("/terms", item)),
        readable(item)
    );
}

#[test]
fn what_people_wrote_is_theirs_not_the_portals() {
    let page =
        "<html lang=\"sl\"><title>INC-1: Terminal is off</title><h1>INC-1: Terminal is off</h1>\
                <p id=\"incident-description\" class=\"free-text\">Terminal 2 at the gate</p>\
                <p>Opis: <span class=\"free-text\">the power cut</span></p>\
                <a href=\"/desk/incidents/inc_1\">Sign in the terminal</a><p>Zahtevek</p></html>";
    let text = readable(&without_what_staff_wrote("/desk/incidents/inc_1", page));
    assert_eq!(english_in(&text), Vec::<&str>::new(), "{text}");
    assert!(text.contains("Opis") && text.contains("Zahtevek"), "{text}");
    let english = "<p class=\"free-text\">kupon</p><p>Sign in</p>";
    assert_eq!(
        english_in(&readable(&without_what_staff_wrote("/portal", english))),
        ["Sign in"]
    );
}
