//! The desk's incident queue (issue 22): which incidents a view shows
//! (open, one status, breached), of which organisation, taken by whom, and
//! which page. Parsed once from the query's text; a filter that exists is
//! valid.

use super::email::Email;
use super::field::{FieldErrors, Invalid};
use super::id::CustomerId;
use super::incident::Status;
use super::messages as m;

/// Closed incidents a page (they grow forever), the most recently closed
/// first.
pub const CLOSED_PAGE: i64 = 50;
/// The open views are one page: the whole working queue, up to this many.
pub const OPEN_PAGE: i64 = 500;
/// The last page asked for.
pub const LAST_PAGE: i64 = 500;

/// Which incidents the queue shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum View {
    /// Every status but closed (the default).
    Open,
    /// Those of one status.
    Is(Status),
    /// Open ones whose deadline was missed
    /// ([`super::incident::Callback::deadline_missed`]).
    Breached,
}

impl View {
    /// `open`, `breached` and the statuses' names.
    pub fn names() -> Vec<&'static str> {
        let mut names = vec!["open"];
        names.extend(Status::names());
        names.push("breached");
        names
    }

    pub fn parse(text: &str) -> Result<Self, Invalid> {
        match text {
            "open" => Ok(Self::Open),
            "breached" => Ok(Self::Breached),
            _ => Status::parse(text).map(Self::Is).ok_or_else(|| {
                Invalid::said("invalid", |l| {
                    m::field_queue_view(l, &Self::names().join(", "))
                })
            }),
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Open => "open",
            Self::Breached => "breached",
            Self::Is(status) => status.as_str(),
        }
    }

    /// Closed incidents come most recently closed first, a page at a time;
    /// the open views nearest deadline first, whole.
    pub fn closed(self) -> bool {
        self == Self::Is(Status::Closed)
    }
}

/// Whose incidents.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Assignee {
    Anyone,
    /// The caller's own, by the signed staff identity.
    Me,
    /// Nobody has taken them.
    Nobody,
    /// This agent's.
    Agent(Email),
}

impl Assignee {
    pub fn parse(text: &str) -> Result<Self, Invalid> {
        match text {
            "me" => Ok(Self::Me),
            "none" => Ok(Self::Nobody),
            _ => Email::parse(text)
                .map(Self::Agent)
                .map_err(|_| Invalid::said("invalid", m::field_assignee)),
        }
    }

    /// As the query writes it (empty for anyone).
    pub fn as_query(&self) -> &str {
        match self {
            Self::Anyone => "",
            Self::Me => "me",
            Self::Nobody => "none",
            Self::Agent(email) => email.as_str(),
        }
    }
}

/// One view of the queue, as `?status=&organisation_id=&assignee=&page=`
/// asks for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueueFilter {
    pub view: View,
    pub organisation: Option<CustomerId>,
    pub assignee: Assignee,
    /// From 1.
    pub page: i64,
}

impl Default for QueueFilter {
    /// The open incidents, everyone's, the first page.
    fn default() -> Self {
        Self {
            view: View::Open,
            organisation: None,
            assignee: Assignee::Anyone,
            page: 1,
        }
    }
}

impl QueueFilter {
    /// The query's parameters, each absent or empty meaning its default;
    /// every invalid one named.
    pub fn parse(
        status: Option<&str>,
        organisation_id: Option<&str>,
        assignee: Option<&str>,
        page: Option<&str>,
    ) -> Result<Self, FieldErrors> {
        fn given(value: Option<&str>) -> Option<&str> {
            value.map(str::trim).filter(|text| !text.is_empty())
        }
        let mut errors = FieldErrors::default();
        let view = given(status).map(|text| errors.check("status", View::parse(text)));
        let organisation = given(organisation_id)
            .map(|text| errors.check("organisation_id", CustomerId::parse(text)));
        let assignee = given(assignee).map(|text| errors.check("assignee", Assignee::parse(text)));
        let page = given(page).map(|text| {
            let parsed = text
                .parse::<i64>()
                .ok()
                .filter(|page| (1..=LAST_PAGE).contains(page))
                .ok_or_else(|| {
                    Invalid::said("range", |l| {
                        m::field_whole_number_up_to(l, &LAST_PAGE.to_string())
                    })
                });
            errors.check("page", parsed)
        });
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(Self {
            view: view.flatten().unwrap_or(View::Open),
            organisation: organisation.flatten(),
            assignee: assignee.flatten().unwrap_or(Assignee::Anyone),
            page: page.flatten().unwrap_or(1),
        })
    }

    /// How many incidents a page holds.
    pub fn page_size(&self) -> i64 {
        if self.view.closed() {
            CLOSED_PAGE
        } else {
            OPEN_PAGE
        }
    }

    /// How many incidents come before this page.
    pub fn offset(&self) -> i64 {
        (self.page - 1) * self.page_size()
    }

    /// This filter on another page.
    pub fn on_page(&self, page: i64) -> Self {
        Self {
            page,
            ..self.clone()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nothing_given_is_the_open_queue() {
        assert_eq!(
            QueueFilter::parse(None, Some(""), None, None),
            Ok(QueueFilter::default())
        );
    }

    #[test]
    fn every_view_name_parses_back_to_itself() {
        for name in View::names() {
            assert_eq!(View::parse(name).map(View::as_str), Ok(name));
        }
    }

    #[test]
    fn each_invalid_parameter_is_named() {
        let errors = QueueFilter::parse(Some("late"), Some("org_1"), Some("someone"), Some("0"))
            .unwrap_err();
        let fields: Vec<&str> = errors.list().iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["status", "organisation_id", "assignee", "page"]);
    }

    #[test]
    fn closed_ones_come_fifty_a_page() {
        let filter =
            QueueFilter::parse(Some("closed"), Some("cus_7"), Some("me"), Some("3")).unwrap();
        assert_eq!(filter.offset(), 100);
        assert_eq!(filter.assignee, Assignee::Me);
        let open = QueueFilter::parse(Some("breached"), None, Some("none"), None).unwrap();
        assert_eq!((open.offset(), open.page_size()), (0, OPEN_PAGE));
    }
}
