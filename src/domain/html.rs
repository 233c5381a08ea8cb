//! HTML that escapes by construction.
//!
//! An [`Html`] value is markup that is safe to send: it is made only from
//! string literals in the code ([`html!`](crate::html), [`Html::from_static`]),
//! from values escaped on the way in ([`Render`]) and from other `Html`. A
//! value that someone typed cannot become markup by forgetting to escape it:
//! a `String` is not `Html`, and [`html!`](crate::html) escapes every
//! argument that is not `Html` already. It lives in the core because the
//! emails the use cases write are HTML too.
//!
//! ```compile_fail
//! // A String is not Html: the page would not compile.
//! let name = String::from("<script>");
//! let page: spica_portal::domain::html::Html = name;
//! ```
//!
//! ```compile_fail
//! // Implicit captures would skip the escaping, so html! refuses them.
//! let name = "<script>";
//! let page = spica_portal::html!("<p>{name}</p>");
//! ```
//!
//! ```
//! let name = "<script>";
//! let page = spica_portal::html!("<p>{}</p>", name);
//! assert_eq!(page.as_str(), "<p>&lt;script&gt;</p>");
//! ```

use std::fmt;

/// Markup that is safe to send; see the module's documentation.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Html(String);

impl Html {
    /// No markup.
    pub const EMPTY: Html = Html(String::new());

    /// Markup written in the code.
    pub fn from_static(markup: &'static str) -> Html {
        Html(markup.to_owned())
    }

    /// Appends more markup.
    pub fn push(&mut self, more: Html) {
        self.0.push_str(&more.0);
    }

    /// The markups one after the other.
    pub fn concat(parts: impl IntoIterator<Item = Html>) -> Html {
        parts.into_iter().collect()
    }

    /// The markups with `separator` between them.
    pub fn join(parts: impl IntoIterator<Item = Html>, separator: &Html) -> Html {
        let mut out = Html::EMPTY;
        for (i, part) in parts.into_iter().enumerate() {
            if i > 0 {
                out.push(separator.clone());
            }
            out.push(part);
        }
        out
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn into_string(self) -> String {
        self.0
    }

    /// What [`html!`](crate::html) formatted: its literal with every
    /// argument rendered through [`Render`]. Not for other callers.
    #[doc(hidden)]
    pub fn from_formatted(markup: String) -> Html {
        Html(markup)
    }

    /// A message of the catalogue (`domain::messages`) with markup in its
    /// variables: its text and plain variables were escaped by [`escape`],
    /// its markup variables are `Html`. Not for other callers.
    #[doc(hidden)]
    pub fn from_catalogue(markup: String) -> Html {
        Html(markup)
    }
}

impl FromIterator<Html> for Html {
    fn from_iter<I: IntoIterator<Item = Html>>(parts: I) -> Html {
        let mut out = Html::EMPTY;
        for part in parts {
            out.push(part);
        }
        out
    }
}

/// Escapes text for HTML element content and attribute values (and for XML,
/// such as inline SVG). The only escaping function of the crate.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    escape_into(text, &mut out);
    out
}

fn escape_into(text: &str, out: &mut String) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
}

/// A value that can stand in HTML: text is escaped, [`Html`] is itself.
pub trait Render {
    fn render(&self, out: &mut String);
}

impl Render for str {
    fn render(&self, out: &mut String) {
        escape_into(self, out);
    }
}

impl Render for String {
    fn render(&self, out: &mut String) {
        escape_into(self, out);
    }
}

impl Render for Html {
    fn render(&self, out: &mut String) {
        out.push_str(&self.0);
    }
}

impl<T: Render + ?Sized> Render for &T {
    fn render(&self, out: &mut String) {
        (**self).render(out);
    }
}

/// Nothing for `None`.
impl<T: Render> Render for Option<T> {
    fn render(&self, out: &mut String) {
        if let Some(value) = self {
            value.render(out);
        }
    }
}

/// Values whose text is their `Display`, escaped like any text.
macro_rules! render_display {
    ($($t:ty),*) => {$(
        impl Render for $t {
            fn render(&self, out: &mut String) {
                escape_into(&self.to_string(), out);
            }
        }
    )*};
}

render_display!(i32, i64, u8, u16, u32, u64, usize, char);

/// Text for XML (inline SVG): what XML 1.0 cannot hold (control
/// characters, U+FFFE, U+FFFF) is left out and line breaks and tabs become
/// spaces, then it is escaped like any text.
pub struct XmlText<'a>(pub &'a str);

impl Render for XmlText<'_> {
    fn render(&self, out: &mut String) {
        let text: String = self
            .0
            .chars()
            .filter_map(|c| match c {
                '\t' | '\n' | '\r' => Some(' '),
                c if c.is_control() || c == '\u{FFFE}' || c == '\u{FFFF}' => None,
                c => Some(c),
            })
            .collect();
        escape_into(&text, out);
    }
}

/// An argument of [`html!`](crate::html): formats as its rendering.
#[doc(hidden)]
pub struct Rendered<'a, T: Render + ?Sized>(pub &'a T);

impl<T: Render + ?Sized> fmt::Display for Rendered<'_, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut out = String::new();
        self.0.render(&mut out);
        f.write_str(&out)
    }
}

/// Whether a format string has only `{}` placeholders (and `{{`, `}}`):
/// implicit captures (`{name}`) and format specs would skip [`Rendered`].
#[doc(hidden)]
pub const fn positional_only(format: &str) -> bool {
    let bytes = format.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'{' {
            if i + 1 >= bytes.len() {
                return false;
            }
            if bytes[i + 1] != b'{' && bytes[i + 1] != b'}' {
                return false;
            }
            i += 2;
        } else {
            i += 1;
        }
    }
    true
}

/// [`Html`] from a literal with `{}` placeholders; every argument is
/// escaped unless it is `Html` itself. Implicit captures (`{name}`) and
/// format specs do not compile.
#[macro_export]
macro_rules! html {
    ($format:literal $(,)?) => {{
        const _: () = assert!(
            $crate::domain::html::positional_only($format),
            "html! takes `{{}}` placeholders only"
        );
        $crate::domain::html::Html::from_formatted(format!($format))
    }};
    ($format:literal, $($arg:expr),+ $(,)?) => {{
        const _: () = assert!(
            $crate::domain::html::positional_only($format),
            "html! takes `{{}}` placeholders only"
        );
        $crate::domain::html::Html::from_formatted(format!(
            $format,
            $($crate::domain::html::Rendered(&$arg)),+
        ))
    }};
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn the_five_characters_are_escaped() {
        assert_eq!(
            escape("<a href=\"x\">'&'</a>"),
            "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;"
        );
    }

    #[test]
    fn html_arguments_are_not_escaped_twice() {
        let inner = html!("<b>{}</b>", "Tom & Jerry");
        let outer = html!("<p>{}</p>", inner);
        assert_eq!(outer.as_str(), "<p><b>Tom &amp; Jerry</b></p>");
        let again = html!("<div>{}</div>", outer);
        assert!(!again.as_str().contains("&amp;amp;"));
    }

    #[test]
    fn none_renders_nothing_and_iterators_concatenate() {
        let missing: Option<&str> = None;
        assert_eq!(html!("[{}]", missing).as_str(), "[]");
        assert_eq!(html!("[{}]", Some("<")).as_str(), "[&lt;]");
        let list: Html = ["a", "<b>"]
            .iter()
            .map(|s| html!("<li>{}</li>", s))
            .collect();
        assert_eq!(list.as_str(), "<li>a</li><li>&lt;b&gt;</li>");
        let joined = Html::join([html!("1"), html!("2")], &html!("<br>"));
        assert_eq!(joined.as_str(), "1<br>2");
        assert!(Html::concat(Vec::new()).is_empty());
    }

    #[test]
    fn literal_braces_are_kept() {
        assert_eq!(html!("{{}} {}", 3).as_str(), "{} 3");
    }

    #[test]
    fn placeholders_other_than_positional_are_refused() {
        assert!(positional_only("<p>{}</p>{{x}}"));
        assert!(!positional_only("<p>{name}</p>"));
        assert!(!positional_only("<p>{:>8}</p>"));
        assert!(!positional_only("<p>{0}</p>"));
        assert!(!positional_only("{"));
    }

    #[test]
    fn xml_text_leaves_out_what_xml_cannot_hold() {
        assert_eq!(
            html!("{}", XmlText("a\tb\u{1}<c>\u{FFFF}")).as_str(),
            "a b&lt;c&gt;"
        );
    }

    proptest! {
        #[test]
        fn no_rendered_text_holds_markup(text in "\\PC*", number in any::<i64>()) {
            let rendered = html!("{}{}{}", text, Some(text.as_str()), number);
            prop_assert!(!rendered.as_str().contains('<'));
            prop_assert!(!rendered.as_str().contains('>'));
            prop_assert!(!rendered.as_str().contains('"'));
            prop_assert!(!rendered.as_str().contains('\''));
        }
    }
}
