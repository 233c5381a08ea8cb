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

/// The portal's home time zone, Europe/Ljubljana, for pages read without
/// the script that shows the reader's own: UTC+1 (CET), and UTC+2 (CEST)
/// from 01:00 UTC on the last Sunday of March to 01:00 UTC on the last
/// Sunday of October, as EU law sets summer time.
pub fn in_ljubljana(instant: Instant) -> (chrono::NaiveDateTime, &'static str) {
    use chrono::{Datelike, Duration, NaiveDate};
    let last_sunday = |month: u32| {
        let last = NaiveDate::from_ymd_opt(instant.year(), month, 31).unwrap_or(NaiveDate::MIN);
        let back = last.weekday().num_days_from_sunday();
        (last - Duration::days(i64::from(back)))
            .and_hms_opt(1, 0, 0)
            .map(|at| at.and_utc())
    };
    let summer = match (last_sunday(3), last_sunday(10)) {
        (Some(starts), Some(ends)) => instant >= starts && instant < ends,
        _ => false,
    };
    if summer {
        ((instant + Duration::hours(2)).naive_utc(), "CEST")
    } else {
        ((instant + Duration::hours(1)).naive_utc(), "CET")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ljubljana_keeps_eu_summer_time() {
        let at = |text: &str| {
            let (local, zone) = in_ljubljana(parse(text).unwrap());
            format!("{} {zone}", local.format("%Y-%m-%d %H:%M"))
        };
        assert_eq!(at("2026-11-30T15:05:00Z"), "2026-11-30 16:05 CET");
        assert_eq!(at("2026-07-01T10:00:00Z"), "2026-07-01 12:00 CEST");
        // 2026: summer time from 29 March 01:00 UTC to 25 October 01:00 UTC.
        assert_eq!(at("2026-03-29T00:59:59Z"), "2026-03-29 01:59 CET");
        assert_eq!(at("2026-03-29T01:00:00Z"), "2026-03-29 03:00 CEST");
        assert_eq!(at("2026-10-25T00:59:59Z"), "2026-10-25 02:59 CEST");
        assert_eq!(at("2026-10-25T01:00:00Z"), "2026-10-25 02:00 CET");
    }

    #[test]
    fn formatted_instants_round_trip_and_sort_as_text() {
        let earlier = from_unix_millis(1_700_000_000_123).unwrap();
        let later = from_unix_millis(1_700_000_000_124).unwrap();
        assert_eq!(format(earlier), "2023-11-14T22:13:20.123Z");
        assert_eq!(parse(&format(earlier)), Some(earlier));
        assert!(format(earlier) < format(later));
    }
}
