//! Where a person was going when the portal asked them to sign in first.

use super::field::Invalid;
use super::messages as m;

/// A path on the portal itself (`/portal/orders/ord_1?checkout=success`),
/// never another site: it starts with one `/`, has no scheme, no `//` or
/// `\` that a browser would read as another host, and only visible ASCII.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReturnPath(String);

impl ReturnPath {
    const MAX: usize = 300;

    pub fn parse(input: &str) -> Result<Self, Invalid> {
        let refuse = || Err(Invalid::said("invalid", m::field_path));
        if input.len() > Self::MAX
            || !input.starts_with('/')
            || input.starts_with("//")
            || input.contains('\\')
            || !input.bytes().all(|b| b.is_ascii_graphic())
        {
            return refuse();
        }
        Ok(Self(input.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::ReturnPath;

    #[test]
    fn a_path_on_the_portal_is_kept() {
        for path in [
            "/portal",
            "/portal/orders/ord_1?checkout=success",
            "/support",
        ] {
            assert_eq!(ReturnPath::parse(path).unwrap().as_str(), path);
        }
    }

    #[test]
    fn another_site_is_never_a_return_path() {
        for path in [
            "https://evil.example/",
            "//evil.example",
            "/\\evil.example",
            "portal",
            "/portal orders",
            "/p\u{e9}",
            "",
            &format!("/{}", "a".repeat(300)),
        ] {
            assert!(ReturnPath::parse(path).is_err(), "{path}");
        }
    }
}
