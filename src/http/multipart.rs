//! `multipart/form-data` bodies (RFC 7578): the desk's file uploads. Each
//! part's `Content-Disposition` is read as parameters, quoted strings and
//! all, so a field is found by its `name` alone: `filename="statement"` is
//! no field named `statement`.

/// One part of the body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Part<'a> {
    pub name: String,
    pub filename: Option<String>,
    pub content_type: Option<String>,
    pub body: &'a [u8],
}

/// The parts of a body whose `Content-Type` is `content_type`, or none when
/// it is no multipart body or its framing is broken.
pub fn parts<'a>(content_type: &str, body: &'a [u8]) -> Option<Vec<Part<'a>>> {
    let (media_type, parameters) = split_header(content_type);
    if !media_type.eq_ignore_ascii_case("multipart/form-data") {
        return None;
    }
    let boundary = parameter(&parameters, "boundary")?;
    if boundary.is_empty() || boundary.len() > 70 {
        return None;
    }
    let delimiter = format!("--{boundary}");
    let delimiter = delimiter.as_bytes();
    let mut at = find(body, delimiter, 0)?;
    let mut parts = Vec::new();
    loop {
        let start = at + delimiter.len();
        // The closing delimiter ends the body.
        if body.get(start..start + 2) == Some(b"--") {
            return Some(parts);
        }
        let start = start + body.get(start..)?.strip_prefix(b"\r\n").map_or(0, |_| 2);
        let next = find(body, &[b"\r\n", delimiter].concat(), start)?;
        let part = &body[start..next];
        let headers_end = find(part, b"\r\n\r\n", 0)?;
        let headers = std::str::from_utf8(&part[..headers_end]).ok()?;
        let content = &part[(headers_end + 4).min(part.len())..];
        let mut disposition = None;
        let mut content_type = None;
        for line in headers.split("\r\n").filter(|l| !l.is_empty()) {
            let (name, value) = line.split_once(':')?;
            match name.trim().to_ascii_lowercase().as_str() {
                "content-disposition" => disposition = Some(split_header(value.trim())),
                "content-type" => content_type = Some(value.trim().to_owned()),
                _ => {}
            }
        }
        let (kind, parameters) = disposition?;
        if !kind.eq_ignore_ascii_case("form-data") {
            return None;
        }
        parts.push(Part {
            name: parameter(&parameters, "name")?,
            filename: parameter(&parameters, "filename"),
            content_type,
            body: content,
        });
        at = next + 2;
    }
}

/// The body of the part named `name`.
pub fn field<'a>(content_type: &str, body: &'a [u8], name: &str) -> Option<Part<'a>> {
    parts(content_type, body)?
        .into_iter()
        .find(|part| part.name == name)
}

fn find(haystack: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    haystack
        .get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|i| i + from)
}

/// A header value's first token and its `; key=value` parameters, values
/// unquoted (`"a\"b"` is `a"b`); keys lower-cased.
fn split_header(value: &str) -> (String, Vec<(String, String)>) {
    let mut chars = value.chars().peekable();
    let mut first = String::new();
    while let Some(&c) = chars.peek() {
        if c == ';' {
            break;
        }
        first.push(c);
        chars.next();
    }
    let mut parameters = Vec::new();
    while chars.next() == Some(';') {
        let mut key = String::new();
        while let Some(&c) = chars.peek() {
            if c == '=' || c == ';' {
                break;
            }
            key.push(c);
            chars.next();
        }
        let mut value = String::new();
        if chars.peek() == Some(&'=') {
            chars.next();
            while chars.peek() == Some(&' ') {
                chars.next();
            }
            if chars.peek() == Some(&'"') {
                chars.next();
                while let Some(c) = chars.next() {
                    match c {
                        '"' => break,
                        '\\' => value.extend(chars.next()),
                        c => value.push(c),
                    }
                }
                while chars.peek().is_some_and(|c| *c != ';') {
                    chars.next();
                }
            } else {
                while let Some(&c) = chars.peek() {
                    if c == ';' {
                        break;
                    }
                    value.push(c);
                    chars.next();
                }
                value = value.trim().to_owned();
            }
        }
        parameters.push((key.trim().to_ascii_lowercase(), value));
    }
    (first.trim().to_owned(), parameters)
}

fn parameter(parameters: &[(String, String)], key: &str) -> Option<String> {
    parameters
        .iter()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.clone())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const TYPE: &str = "multipart/form-data; boundary=----b0undary";

    fn body(parts: &[(&str, &str)]) -> Vec<u8> {
        let mut body = String::new();
        for (disposition, content) in parts {
            body.push_str(&format!(
                "------b0undary\r\nContent-Disposition: {disposition}\r\nContent-Type: text/plain\r\n\r\n{content}\r\n"
            ));
        }
        body.push_str("------b0undary--\r\n");
        body.into_bytes()
    }

    #[test]
    fn a_field_is_found_by_its_name_not_by_a_filename_of_that_text() {
        let body = body(&[
            ("form-data; name=\"other\"; filename=\"statement\"", "wrong"),
            (
                "form-data; name=\"statement\"; filename=\"camt.xml\"",
                "right",
            ),
        ]);
        let part = field(TYPE, &body, "statement").unwrap();
        assert_eq!(part.body, b"right");
        assert_eq!(part.filename.as_deref(), Some("camt.xml"));
        assert_eq!(part.content_type.as_deref(), Some("text/plain"));
        assert!(field(TYPE, &body, "camt.xml").is_none());
    }

    #[test]
    fn quoted_names_with_semicolons_and_escapes_are_read_whole() {
        let body = body(&[(
            "form-data; filename=\"a; name=\\\"x\\\".csv\"; name=\"licenses\"",
            "serial",
        )]);
        let parts = parts(TYPE, &body).unwrap();
        assert_eq!(parts.len(), 1);
        assert_eq!(parts[0].name, "licenses");
        assert_eq!(parts[0].filename.as_deref(), Some("a; name=\"x\".csv"));
        assert!(field(TYPE, &body, "x").is_none());
    }

    #[test]
    fn a_quoted_boundary_is_read_and_broken_framing_is_no_body() {
        let content_type = "multipart/form-data; boundary=\"----b0undary\"";
        let body = body(&[("form-data; name=\"file\"", "a\r\nb")]);
        assert_eq!(field(content_type, &body, "file").unwrap().body, b"a\r\nb");
        assert!(parts("text/plain", &body).is_none());
        assert!(parts(TYPE, b"------b0undary\r\nbroken").is_none());
    }

    proptest! {
        #[test]
        fn any_body_is_read_without_panicking(body in proptest::collection::vec(any::<u8>(), 0..400), header in ".{0,80}") {
            let _ = parts(TYPE, &body);
            let _ = parts(&header, &body);
        }

        #[test]
        fn any_field_content_comes_back_unchanged(content in "[a-z0-9 \r\n-]{0,200}") {
            prop_assume!(!content.contains("\r\n------b0undary"));
            let body = body(&[("form-data; name=\"file\"; filename=\"f\"", &content)]);
            prop_assert_eq!(field(TYPE, &body, "file").unwrap().body, content.as_bytes());
        }
    }
}
