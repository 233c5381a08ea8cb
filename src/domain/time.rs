//! Instants as the portal writes them: RFC 3339 in UTC with milliseconds, so
//! that their text sorts in time order in the database.

use chrono::{DateTime, Datelike, NaiveDate, NaiveDateTime, SecondsFormat, Timelike, Utc};

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
    use chrono::Duration;
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

/// The instant a wall-clock time in Ljubljana names, as the desk types it
/// (`<input type="datetime-local">`): none for the hour skipped when summer
/// time begins; of the hour that repeats when it ends, the first.
pub fn from_ljubljana(local: NaiveDateTime) -> Option<Instant> {
    use chrono::Duration;
    // Summer time first, so the repeated hour reads as its first (CEST) pass.
    [2, 1]
        .into_iter()
        .map(|hours| (local - Duration::hours(hours)).and_utc())
        .find(|candidate| in_ljubljana(*candidate).0 == local)
}

/// A wall-clock time as `<input type="datetime-local">` sends it:
/// `YYYY-MM-DDTHH:MM`, perhaps with `:SS` (browsers add seconds when the
/// field's step asks for them), exactly.
pub fn parse_local_input(text: &str) -> Option<NaiveDateTime> {
    let (date, time) = text.split_once('T')?;
    let date = parse_iso_date(date)?;
    let bytes = time.as_bytes();
    let two = |at: usize| -> Option<u32> {
        let pair = bytes.get(at..at + 2)?;
        pair.iter()
            .all(u8::is_ascii_digit)
            .then(|| u32::from(pair[0] - b'0') * 10 + u32::from(pair[1] - b'0'))
    };
    let seconds = match bytes.len() {
        5 => 0,
        8 if bytes[5] == b':' => two(6)?,
        _ => return None,
    };
    if bytes[2] != b':' {
        return None;
    }
    date.and_hms_opt(two(0)?, two(3)?, seconds)
}

/// What [`parse_local_input`] reads, of an instant in Ljubljana: the value
/// a correction form starts with (seconds kept, so an unchanged field
/// changes nothing).
pub fn format_local_input(instant: Instant) -> String {
    let (local, _) = in_ljubljana(instant);
    format!(
        "{}T{:02}:{:02}:{:02}",
        format_iso_date(local.date()),
        local.hour(),
        local.minute(),
        local.second()
    )
}

/// The instant the week of `instant` began in Ljubljana: Monday 00:00
/// local time (ISO 8601 weeks), as the desk reads "this week".
pub fn week_start_in_ljubljana(instant: Instant) -> Instant {
    use chrono::Duration;
    let (local, _) = in_ljubljana(instant);
    let monday = local.date() - Duration::days(i64::from(local.weekday().num_days_from_monday()));
    let midnight = monday.and_hms_opt(0, 0, 0).unwrap_or_default().and_utc();
    // Local midnight is an hour or two before the same wall-clock time in
    // UTC: the offset of that moment (summer time changes on Sundays at
    // 01:00 UTC, never at a Monday midnight).
    let (shifted, _) = in_ljubljana(midnight);
    midnight - (shifted - midnight.naive_utc())
}

/// Month names for the pages' dates; the first three letters are the short
/// name. Fixed formats written with chrono's typed accessors, so the Worker
/// carries none of chrono's format-string parsing and formatting.
const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

fn month_name(date: &impl Datelike) -> &'static str {
    MONTHS[date.month0() as usize % 12]
}

/// A day written `YYYY-MM-DD`, exactly: four-digit year, two-digit month
/// and day, no sign, spaces or other lengths, and a day the month has.
pub fn parse_iso_date(text: &str) -> Option<NaiveDate> {
    let bytes = text.as_bytes();
    let digits = |range: std::ops::Range<usize>| {
        bytes[range].iter().try_fold(0_u32, |value, &byte| {
            byte.is_ascii_digit()
                .then(|| value * 10 + u32::from(byte - b'0'))
        })
    };
    if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
        return None;
    }
    let year = i32::try_from(digits(0..4)?).ok()?;
    NaiveDate::from_ymd_opt(year, digits(5..7)?, digits(8..10)?)
}

/// `YYYY-MM-DD`, what [`parse_iso_date`] reads.
pub fn format_iso_date(date: NaiveDate) -> String {
    format!("{}-{:02}", year_month(date), date.day())
}

/// `YYYY-MM`, the month of a statement.
pub fn year_month(date: NaiveDate) -> String {
    format!("{:04}-{:02}", date.year(), date.month())
}

/// "5 March 2026".
pub fn day_month_year(date: NaiveDate) -> String {
    format!("{} {} {:04}", date.day(), month_name(&date), date.year())
}

/// "5 Mar 2026, 14:05".
pub fn day_mon_year_time(at: NaiveDateTime) -> String {
    format!(
        "{} {} {:04}, {:02}:{:02}",
        at.day(),
        &month_name(&at)[..3],
        at.year(),
        at.hour(),
        at.minute()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utc(text: &str) -> Instant {
        parse(text).unwrap()
    }

    #[test]
    fn the_week_begins_on_monday_at_midnight_in_ljubljana() {
        // Sunday 6 December 2026, 23:30 in Ljubljana (CET): the week began
        // on Monday 30 November 00:00 CET, 29 November 23:00 UTC.
        assert_eq!(
            week_start_in_ljubljana(utc("2026-12-06T22:30:00Z")),
            utc("2026-11-29T23:00:00Z")
        );
        // Monday 7 December, 00:30 in Ljubljana: a new week.
        assert_eq!(
            week_start_in_ljubljana(utc("2026-12-06T23:30:00Z")),
            utc("2026-12-06T23:00:00Z")
        );
        // In summer (CEST) midnight is 22:00 UTC the day before.
        assert_eq!(
            week_start_in_ljubljana(utc("2026-07-15T12:00:00Z")),
            utc("2026-07-12T22:00:00Z")
        );
        // The week summer time begins in (Sunday 29 March 2026) began in winter.
        assert_eq!(
            week_start_in_ljubljana(utc("2026-03-29T12:00:00Z")),
            utc("2026-03-22T23:00:00Z")
        );
    }

    #[test]
    fn iso_dates_are_read_strictly() {
        assert_eq!(
            parse_iso_date("2026-02-28"),
            NaiveDate::from_ymd_opt(2026, 2, 28)
        );
        assert_eq!(
            parse_iso_date("2024-02-29"),
            NaiveDate::from_ymd_opt(2024, 2, 29)
        );
        assert_eq!(
            parse_iso_date("0001-01-01"),
            NaiveDate::from_ymd_opt(1, 1, 1)
        );
        for bad in [
            "2026-02-30",
            "2025-02-29",
            "2026-13-01",
            "2026-00-10",
            "2026-01-00",
            "2026-1-05",
            "2026-01-5",
            "26-01-05",
            "2026-01-055",
            "+2026-01-05",
            "-2026-01-05",
            "2026-+1-05",
            "2026-01--5",
            " 2026-01-05",
            "2026-01-05 ",
            "2026/01/05",
            "2026-01-05T00:00",
            "",
            "２０２６-01-05",
            "20é6-01-05",
        ] {
            assert_eq!(parse_iso_date(bad), None, "{bad}");
        }
    }

    #[test]
    fn fixed_formats_print_as_chrono_formatted_them() {
        let mut day = NaiveDate::from_ymd_opt(1999, 12, 25).unwrap();
        while day.year() < 2001 {
            let at = day.and_hms_opt(7, 5, 0).unwrap();
            assert_eq!(format_iso_date(day), day.format("%Y-%m-%d").to_string());
            assert_eq!(parse_iso_date(&format_iso_date(day)), Some(day));
            assert_eq!(year_month(day), day.format("%Y-%m").to_string());
            assert_eq!(day_month_year(day), day.format("%-d %B %Y").to_string());
            assert_eq!(
                day_mon_year_time(at),
                at.format("%-d %b %Y, %H:%M").to_string()
            );
            day = day.succ_opt().unwrap();
        }
        let at = NaiveDate::from_ymd_opt(2026, 9, 1)
            .unwrap()
            .and_hms_opt(23, 59, 59)
            .unwrap();
        assert_eq!(day_mon_year_time(at), "1 Sep 2026, 23:59");
        assert_eq!(day_month_year(at.date()), "1 September 2026");
    }

    #[test]
    fn the_desks_wall_clock_reads_back_as_the_instant_it_names() {
        let local = |text: &str| parse_local_input(text).unwrap();
        assert_eq!(
            from_ljubljana(local("2026-11-30T16:05")),
            Some(utc("2026-11-30T15:05:00Z"))
        );
        assert_eq!(
            from_ljubljana(local("2026-07-01T12:00:30")),
            Some(utc("2026-07-01T10:00:30Z"))
        );
        // 29 March 2026: 02:00 to 03:00 does not happen in Ljubljana.
        assert_eq!(from_ljubljana(local("2026-03-29T02:30")), None);
        assert_eq!(
            from_ljubljana(local("2026-03-29T03:00")),
            Some(utc("2026-03-29T01:00:00Z"))
        );
        // 25 October 2026: 02:00 to 03:00 happens twice; the first is read.
        assert_eq!(
            from_ljubljana(local("2026-10-25T02:30")),
            Some(utc("2026-10-25T00:30:00Z"))
        );
        assert_eq!(
            from_ljubljana(local("2026-10-25T03:00")),
            Some(utc("2026-10-25T02:00:00Z"))
        );
        for bad in [
            "",
            "2026-11-30",
            "2026-11-30 16:05",
            "2026-11-30T16",
            "2026-11-30T16:5",
            "2026-11-30T24:00",
            "2026-11-30T16:60",
            "2026-11-30T16:05:61",
            "2026-11-30T16:05:00Z",
            "2026-11-30T16:05:00.000",
            "2026-11-30T16-05",
            "2026-02-30T16:05",
            "2026-11-30T+6:05",
        ] {
            assert_eq!(parse_local_input(bad), None, "{bad}");
        }
    }

    #[test]
    fn a_correction_form_starts_with_the_instant_it_reads_back() {
        let mut at = utc("2026-01-01T00:00:07Z");
        while at < utc("2027-01-01T00:00:00Z") {
            let text = format_local_input(at);
            let back = from_ljubljana(parse_local_input(&text).unwrap()).unwrap();
            // The repeated autumn hour reads as its first pass.
            let repeated = back != at && at - back == chrono::Duration::hours(1);
            assert!(back == at || repeated, "{at} {text} {back}");
            at += chrono::Duration::minutes(97);
        }
    }

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
