//! Instants as the portal writes them: RFC 3339 in UTC with milliseconds, so
//! that their text sorts in time order in the database.

use chrono::{DateTime, SecondsFormat, Utc};

/// An instant, always passed in by the caller: the core never reads a clock.
pub type Instant = DateTime<Utc>;

/// The one text form of an instant, in answers and in the database.
pub fn format(instant: Instant) -> String {
    instant.to_rfc3339_opts(SecondsFormat::Millis, true)
}

/// Reads back what [`format`] wrote (or any RFC 3339 instant).
pub fn parse(text: &str) -> Option<Instant> {
    DateTime::parse_from_rfc3339(text)
        .ok()
        .map(|t| t.with_timezone(&Utc))
}

/// An instant from milliseconds since the Unix epoch, as runtimes report it.
pub fn from_unix_millis(millis: i64) -> Option<Instant> {
    DateTime::from_timestamp_millis(millis)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formatted_instants_round_trip_and_sort_as_text() {
        let earlier = from_unix_millis(1_700_000_000_123).unwrap();
        let later = from_unix_millis(1_700_000_000_124).unwrap();
        assert_eq!(format(earlier), "2023-11-14T22:13:20.123Z");
        assert_eq!(parse(&format(earlier)), Some(earlier));
        assert!(format(earlier) < format(later));
    }
}
