//! The staff desk's pages, one module an area. Each calls the same parser
//! and use case as its API endpoint; a wrong field shows the form again
//! (422) with what was typed and the error next to the field. This module
//! holds what the areas' forms share.

mod adjustments;
mod audit;
mod bulletins;
mod callers;
mod claims;
mod directory;
mod health;
mod incidents;
mod licenses;
mod outbox;
mod partners;
mod staff;
mod statements;
mod tasks;

pub use adjustments::*;
pub use audit::*;
pub use bulletins::*;
pub use callers::*;
pub use claims::*;
pub use directory::*;
pub use health::*;
pub use incidents::*;
pub use licenses::*;
pub use outbox::*;
pub use partners::*;
pub use staff::*;
pub use statements::*;
pub use tasks::*;

use super::prelude::*;
use crate::app::{BillingError, StaffIdentity};
use crate::domain::phone::Phone;
use crate::http::message::LANGUAGE_COOKIE;

/// Which language a desk page speaks. The language switch's `lang` cookie
/// when it names one; else, once the staff member is known (their
/// principal comes with the page's own read, no extra round trip), their
/// own language; else the browser's `Accept-Language`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DeskLanguage {
    chosen: Option<Language>,
    browser: Language,
}

impl DeskLanguage {
    pub fn of(request: &Request) -> Self {
        Self::new(
            request.cookie(LANGUAGE_COOKIE),
            request.header("accept-language"),
        )
    }

    pub fn new(cookie: Option<&str>, accept_language: Option<&str>) -> Self {
        Self {
            chosen: cookie.and_then(|code| Language::parse(code).ok()),
            browser: Language::from_accept_language(accept_language),
        }
    }

    /// Before the staff member is known (a refusal): the cookie's, else
    /// the browser's.
    pub fn unknown(self) -> Language {
        self.chosen.unwrap_or(self.browser)
    }

    /// For this staff member.
    pub fn of_staff(self, staff: &StaffIdentity) -> Language {
        self.chosen.or(staff.language).unwrap_or(self.browser)
    }
}

/// A form that failed: which one (a task or order id), its errors, and what
/// was typed.
pub(crate) type Failed<'a> = Option<(&'a str, &'a FieldErrors, &'a Map<String, Value>)>;

/// A field of one row's form: ids carry the row's id, so that many forms
/// on a page keep their labels and errors apart.
pub(crate) fn row_field(row: &str, name: &str, label: &str, failed: Failed) -> Html {
    let id = format!("{name}-{row}");
    let (typed, error) = match failed {
        Some((which, errors, values)) if which == row => {
            (value(values, name).to_owned(), error_for(errors, name))
        }
        _ => (String::new(), None),
    };
    let (described, message) = error.map_or((Html::EMPTY, Html::EMPTY), |e| {
        (
            html!(" aria-invalid=\"true\" aria-describedby=\"{}-error\"", id),
            html!(
                "<span id=\"{}-error\" class=\"field-error\" role=\"alert\">{}</span>",
                id,
                e
            ),
        )
    });
    html!(
        "<label for=\"{}\">{}</label> <input id=\"{}\" name=\"{}\" value=\"{}\" required{}>{} ",
        id,
        label,
        id,
        name,
        typed,
        described,
        message
    )
}

/// A select whose chosen option is what was sent.
pub(crate) fn select_field(
    id: &str,
    name: &str,
    label: &str,
    options: &[(&str, &str)],
    chosen: &str,
) -> Html {
    let options = options_html(options, chosen);
    html!(
        "<label for=\"{}\">{}</label> <select id=\"{}\" name=\"{}\">{}</select> ",
        id,
        label,
        id,
        name,
        options
    )
}

/// A desk page in `lang`.
pub(crate) fn desk_in(
    lang: Language,
    role: StaffRole,
    status: u16,
    title: &str,
    body: Html,
) -> Handled {
    page_in(lang, Area::DeskAs(role), status, title, body).into()
}

/// A span of time as an agent says it: minutes, hours and minutes, or
/// days; `ago` in the case that follows "ago" (Slovenian "pred 2 dnevoma").
pub(crate) fn span(lang: Language, d: Duration, ago: bool) -> String {
    let minutes = d.num_minutes().max(0);
    type Say = fn(Language, i64) -> String;
    let (in_minutes, in_hours, in_days): (Say, Say, Say) = if ago {
        (
            m::desk_span_minutes_ago,
            m::desk_span_hours_ago,
            m::desk_span_days_ago,
        )
    } else {
        (m::desk_span_minutes, m::desk_span_hours, m::desk_span_days)
    };
    match minutes {
        0..=59 => in_minutes(lang, minutes),
        60..=2879 => m::desk_span_and(
            lang,
            m::DeskSpanAnd {
                hours: &in_hours(lang, minutes / 60),
                minutes: &in_minutes(lang, minutes % 60),
            },
        ),
        _ => in_days(lang, minutes / 1440),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn staff(language: Option<Language>) -> StaffIdentity {
        StaffIdentity {
            id: "stf_ana".into(),
            email: "ana@spica.si".into(),
            name: "Ana".into(),
            role: StaffRole::Agent,
            language,
        }
    }

    #[test]
    fn the_switch_wins_then_the_members_own_language_then_the_browsers() {
        let english_browser = Some("en-GB,en;q=0.9");
        let chosen = DeskLanguage::new(Some("en"), Some("sl"));
        assert_eq!(chosen.of_staff(&staff(Some(Language::Sl))), Language::En);
        assert_eq!(chosen.unknown(), Language::En);
        let unchosen = DeskLanguage::new(None, english_browser);
        assert_eq!(unchosen.of_staff(&staff(Some(Language::Sl))), Language::Sl);
        assert_eq!(unchosen.of_staff(&staff(None)), Language::En);
        assert_eq!(unchosen.unknown(), Language::En);
        let unreadable = DeskLanguage::new(Some("xx"), Some("sl"));
        assert_eq!(
            unreadable.of_staff(&staff(Some(Language::En))),
            Language::En
        );
        assert_eq!(unreadable.of_staff(&staff(None)), Language::Sl);
    }

    #[test]
    fn spans_say_their_plural_forms() {
        let sl = Language::Sl;
        let en = Language::En;
        assert_eq!(span(sl, Duration::minutes(1), false), "1 minuta");
        assert_eq!(span(sl, Duration::minutes(2), false), "2 minuti");
        assert_eq!(span(sl, Duration::minutes(3), false), "3 minute");
        assert_eq!(span(sl, Duration::minutes(5), false), "5 minut");
        assert_eq!(span(sl, Duration::minutes(200), false), "3 ure in 20 minut");
        assert_eq!(
            span(sl, Duration::minutes(200), true),
            "3 urami in 20 minutami"
        );
        assert_eq!(span(sl, Duration::minutes(121), false), "2 uri in 1 minuta");
        assert_eq!(span(sl, Duration::days(2), true), "2 dnevoma");
        assert_eq!(span(sl, Duration::days(5), false), "5 dni");
        assert_eq!(span(sl, Duration::days(101), true), "101 dnevom");
        assert_eq!(span(en, Duration::minutes(200), false), "3 h 20 min");
        assert_eq!(span(en, Duration::days(2), true), "2 days");
        assert_eq!(span(en, Duration::days(2), false), "2 days");
        assert_eq!(
            m::desk_left(sl, &span(sl, Duration::minutes(200), false)),
            "še 3 ure in 20 minut"
        );
        assert_eq!(
            m::desk_ago(sl, &span(sl, Duration::days(2), true)),
            "pred 2 dnevoma"
        );
        assert_eq!(
            m::desk_left(en, &span(en, Duration::minutes(200), false)),
            "3 h 20 min left"
        );
    }
}
