//! The staff desk's two charts, drawn here as inline SVG so the desk needs
//! no chart service, script or external request, and they pass the pages'
//! Content-Security-Policy: colours are presentation attributes, never
//! `style`, and nothing is linked.
//!
//! Each chart names itself for screen readers with `<title>` and `<desc>`
//! (referenced by `aria-labelledby`); the `<desc>` carries the figures a
//! sighted reader takes from the picture.

use std::collections::BTreeMap;
use std::fmt::Write;

use chrono::{Days, Duration, NaiveDate};

use crate::domain::html::{Html, Render, XmlText};
use crate::domain::language::Language;
use crate::domain::messages as m;
use crate::domain::time;
use crate::html;

/// Text on white: 15.8:1.
pub(super) const INK: &str = "#1f2328";
/// Grid lines: decoration only, so they may be faint.
pub(super) const GRID: &str = "#d0d7de";
/// Within target: 5.1:1 on white.
pub(super) const GREEN: &str = "#1a7f37";
/// Past the target but within the limit: 4.9:1 on white.
pub(super) const AMBER: &str = "#9a6700";
/// Past the limit: 5.4:1 on white.
pub(super) const RED: &str = "#cf222e";
/// Not yet reached: 6.4:1 on white, 6.0:1 on its own light fill.
pub(super) const GREY: &str = "#57606a";
pub(super) const GREY_FILL: &str = "#f6f8fa";
/// Coupon bars: 5.2:1 on white.
pub(super) const BLUE: &str = "#0969da";

/// The width of both charts, in pixels.
pub(super) const WIDTH: i64 = 640;

/// Hours beyond which a value is shown as "more than": over a year, so only
/// bad data gets there, and labels stay short.
pub(super) const MAX_HOURS: i64 = 10_000;

/// Axis steps in hours that read naturally: up to a day, then days, weeks.
pub(super) const HOUR_STEPS: [i64; 13] = [1, 2, 3, 6, 12, 24, 48, 96, 168, 336, 720, 1440, 2880];

/// How many days the coupon chart covers.
pub(super) const COUPON_DAYS: u64 = 30;

/// A coordinate in tenths of a pixel, printed with its one decimal
/// (`52.0`): the charts compute in integers, so the Worker carries no float
/// formatting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) struct Tenths(pub i64);

impl Render for Tenths {
    fn render(&self, out: &mut String) {
        let sign = if self.0 < 0 { "-" } else { "" };
        let tenths = self.0.unsigned_abs();
        let _ = write!(out, "{sign}{}.{}", tenths / 10, tenths % 10);
    }
}

/// `numerator / denominator` for values that are not negative, rounded as
/// `{:.1}` rounded floats (a tie to the even one), so the charts print as
/// they did; a zero denominator gives zero.
fn ratio(numerator: i128, denominator: i128) -> i64 {
    if denominator <= 0 {
        return 0;
    }
    let (quotient, twice_rest) = (numerator / denominator, 2 * (numerator % denominator));
    let up = twice_rest > denominator || (twice_rest == denominator && quotient % 2 == 1);
    i64::try_from(quotient + i128::from(up)).unwrap_or(i64::MAX)
}

/// A chart of the hours from intake to the first successful callback, one
/// horizontal bar per incident, with dashed lines at the target and the
/// limit. An incident not yet reached (`None`) is drawn as a dashed, empty
/// bar labelled so. The axis stops at four times the larger reference line,
/// so one outlier does not squash the rest; a longer bar is cut at the edge
/// and its label still gives its real value.
pub fn callback_times(
    lang: Language,
    points: &[(String, Option<Duration>)],
    target: Duration,
    limit: Duration,
) -> Html {
    const LEFT: i64 = 1500;
    const RIGHT: i64 = 5600;
    const TOP: i64 = 480;
    const ROW: i64 = 220;
    const BAR: i64 = 140;
    const BOTTOM: i64 = 520;
    let plot_width = RIGHT - LEFT;

    let target = reference_line(target);
    let limit = reference_line(limit);
    let values: Vec<Option<i64>> = points
        .iter()
        .map(|(_, after)| after.map(reference_line))
        .collect();

    let title = m::portal_chart_callbacks_title(lang);
    let rows = i64::try_from(points.len().max(1)).unwrap_or(i64::MAX);
    let plot_bottom = TOP.saturating_add(rows.saturating_mul(ROW));
    let height = plot_bottom.saturating_add(BOTTOM);
    let mut svg = open(
        "chart-callbacks",
        title,
        &callbacks_summary(lang, &values, target, limit),
        height,
    );
    if points.is_empty() {
        return no_data(lang, svg, height);
    }

    let references = target.max(limit);
    let data_max = values.iter().flatten().copied().max().unwrap_or(0);
    let mut span = data_max.max(references * 5 / 4).max(SECONDS_PER_HOUR);
    if references > 0 {
        span = span.min(references * 4);
    }
    let step = HOUR_STEPS
        .iter()
        .map(|hours| hours * SECONDS_PER_HOUR)
        .find(|step| span <= step * 8)
        .unwrap_or(2880 * SECONDS_PER_HOUR);
    let axis_max = ((span + step - 1) / step).max(1) * step;
    let x = |seconds: i64| {
        Tenths(
            LEFT + ratio(
                i128::from(seconds.min(axis_max)) * i128::from(plot_width),
                i128::from(axis_max),
            ),
        )
    };

    // Grid, ticks and axis labels.
    let mut tick = 0;
    while tick <= axis_max {
        svg.push(html!(
            "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"{}\" stroke-width=\"1\"/>\
             <text x=\"{}\" y=\"{}\" text-anchor=\"middle\" fill=\"{}\">{}</text>",
            x(tick),
            Tenths(TOP),
            x(tick),
            Tenths(plot_bottom),
            GRID,
            x(tick),
            Tenths(plot_bottom + 160),
            INK,
            number(lang, tick),
        ));
        tick += step;
    }
    svg.push(html!(
        "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"{}\" stroke-width=\"1\"/>\
         <text x=\"{}\" y=\"{}\" text-anchor=\"middle\" fill=\"{}\">{}</text>\
         <text x=\"14\" y=\"{}\" text-anchor=\"middle\" fill=\"{}\" transform=\"rotate(-90 14 {})\">{}</text>",
        Tenths(LEFT),
        Tenths(plot_bottom),
        Tenths(RIGHT),
        Tenths(plot_bottom),
        INK,
        Tenths((LEFT + RIGHT) / 2),
        Tenths(plot_bottom + 400),
        INK,
        XmlText(title),
        Tenths((TOP + plot_bottom) / 2),
        INK,
        Tenths((TOP + plot_bottom) / 2),
        XmlText(m::portal_chart_incident(lang)),
    ));

    // One bar per incident.
    for (index, ((id, _), value)) in points.iter().zip(&values).enumerate() {
        let index = i64::try_from(index).unwrap_or(i64::MAX);
        let top = Tenths(TOP + index * ROW + (ROW - BAR) / 2);
        let middle = Tenths(top.0 + BAR / 2 + 40);
        svg.push(html!(
            "<text x=\"{}\" y=\"{}\" text-anchor=\"end\" fill=\"{}\">{}</text>",
            Tenths(LEFT - 80),
            middle,
            INK,
            XmlText(&shorten(id, 18)),
        ));
        match *value {
            Some(seconds) => {
                let (class, colour) = if seconds > limit {
                    ("late", RED)
                } else if seconds > target {
                    ("soon", AMBER)
                } else {
                    ("ok", GREEN)
                };
                let end = x(seconds);
                let label = hours_text(lang, seconds);
                svg.push(html!(
                    "<rect class=\"bar {}\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{}\">\
                     <title>{}: {}</title></rect>\
                     <text x=\"{}\" y=\"{}\" fill=\"{}\">{}</text>",
                    class,
                    Tenths(LEFT),
                    top,
                    Tenths(end.0 - LEFT),
                    Tenths(BAR),
                    colour,
                    XmlText(id),
                    label,
                    Tenths(end.0 + 40),
                    middle,
                    INK,
                    label,
                ));
            }
            None => {
                svg.push(html!(
                    "<rect class=\"bar pending\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" \
                     fill=\"{}\" stroke=\"{}\" stroke-width=\"1\" stroke-dasharray=\"4 3\">\
                     <title>{}: {}</title></rect>\
                     <text x=\"{}\" y=\"{}\" fill=\"{}\">{}</text>",
                    Tenths(LEFT),
                    top,
                    Tenths(plot_width),
                    Tenths(BAR),
                    GREY_FILL,
                    GREY,
                    XmlText(id),
                    XmlText(m::portal_chart_not_reached(lang)),
                    Tenths(LEFT + 60),
                    middle,
                    GREY,
                    XmlText(m::portal_chart_not_reached(lang)),
                ));
            }
        }
    }

    // Reference lines over the bars, labelled on two rows so they never collide.
    for (seconds, name, colour, label_y) in [
        (target, m::portal_chart_target(lang), AMBER, 180),
        (limit, m::portal_chart_limit(lang), RED, 360),
    ] {
        let at = x(seconds);
        svg.push(html!(
            "<line class=\"reference-line\" x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"{}\" \
             stroke-width=\"2\" stroke-dasharray=\"6 4\"/>\
             <text x=\"{}\" y=\"{}\" text-anchor=\"middle\" fill=\"{}\">{} {}</text>",
            at,
            Tenths(label_y + 40),
            at,
            Tenths(plot_bottom),
            colour,
            Tenths(at.0.clamp(LEFT + 400, WIDTH * 10 - 400)),
            Tenths(label_y),
            colour,
            XmlText(name),
            hours_text(lang, seconds),
        ));
    }
    svg.push(Html::from_static("</svg>"));
    svg
}

const SECONDS_PER_HOUR: i64 = 3600;

/// A bar chart of coupons sold per day. `days` holds `YYYY-MM-DD` and a
/// count, as the store groups them; days missing between two given days
/// are drawn as zero, and only the 30 days up to the last given day are
/// shown. Should a day not parse, the last 30 entries are drawn as given.
pub fn coupons_per_day(lang: Language, days: &[(String, i64)]) -> Html {
    const LEFT: i64 = 560;
    const RIGHT: i64 = 6240;
    const TOP: i64 = 280;
    const PLOT_BOTTOM: i64 = 2360;
    const HEIGHT: i64 = 3000;
    let plot_width = RIGHT - LEFT;
    let plot_height = PLOT_BOTTOM - TOP;

    let days = last_days(days);
    let title = m::portal_chart_coupons_title(lang);
    let mut svg = open(
        "chart-coupons",
        title,
        &coupons_summary(lang, &days),
        HEIGHT,
    );
    if days.is_empty() {
        return no_data(lang, svg, HEIGHT);
    }

    let most = days
        .iter()
        .map(|(_, count)| *count)
        .max()
        .unwrap_or(0)
        .max(1);
    let step = count_step(most);
    let axis_max = (most / step + i64::from(most % step != 0)).saturating_mul(step);
    let y = |count: i64| {
        Tenths(
            PLOT_BOTTOM
                - ratio(
                    i128::from(count) * i128::from(plot_height),
                    i128::from(axis_max),
                ),
        )
    };

    let mut tick: i64 = 0;
    while tick <= axis_max {
        svg.push(html!(
            "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"{}\" stroke-width=\"1\"/>\
             <text x=\"{}\" y=\"{}\" text-anchor=\"end\" fill=\"{}\">{}</text>",
            Tenths(LEFT),
            y(tick),
            Tenths(RIGHT),
            y(tick),
            GRID,
            Tenths(LEFT - 60),
            Tenths(y(tick).0 + 40),
            INK,
            tick,
        ));
        match tick.checked_add(step) {
            Some(next) => tick = next,
            None => break,
        }
    }
    svg.push(html!(
        "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"{}\" stroke-width=\"1\"/>\
         <text x=\"{}\" y=\"290\" text-anchor=\"middle\" fill=\"{}\">{}</text>\
         <text x=\"14\" y=\"{}\" text-anchor=\"middle\" fill=\"{}\" transform=\"rotate(-90 14 {})\">{}</text>",
        Tenths(LEFT),
        Tenths(PLOT_BOTTOM),
        Tenths(RIGHT),
        Tenths(PLOT_BOTTOM),
        INK,
        Tenths((LEFT + RIGHT) / 2),
        INK,
        XmlText(m::portal_chart_day(lang)),
        Tenths((TOP + PLOT_BOTTOM) / 2),
        INK,
        Tenths((TOP + PLOT_BOTTOM) / 2),
        XmlText(m::portal_chart_coupons_sold(lang)),
    ));

    // Each day has a slot of plot_width / n; its bar is 70 % of it, centred.
    let n = i128::try_from(days.len()).unwrap_or(i128::MAX);
    let bar_width = Tenths(ratio(i128::from(plot_width) * 7, 10 * n));
    // About ten date labels, always including the last day.
    let every = days.len().div_ceil(10).max(1);
    for (index, (day, count)) in days.iter().enumerate() {
        let slots = 2 * i128::try_from(index).unwrap_or(i128::MAX) + 1;
        let centre = Tenths(LEFT + ratio(slots * i128::from(plot_width), 2 * n));
        let left = Tenths(LEFT + ratio((10 * slots - 7) * i128::from(plot_width), 20 * n));
        let top = y(*count);
        svg.push(html!(
            "<rect class=\"bar\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{}\">\
             <title>{}: {}</title></rect>\
             <text x=\"{}\" y=\"{}\" text-anchor=\"middle\" font-size=\"10\" fill=\"{}\">{}</text>",
            left,
            top,
            bar_width,
            Tenths(PLOT_BOTTOM - top.0),
            BLUE,
            XmlText(&day_text(lang, day)),
            count,
            centre,
            Tenths(top.0 - 30),
            INK,
            count,
        ));
        if (days.len() - 1 - index) % every == 0 {
            svg.push(html!(
                "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\" fill=\"{}\">{}</text>",
                centre,
                Tenths(PLOT_BOTTOM + 160),
                INK,
                XmlText(&short_day(lang, day)),
            ));
        }
    }
    svg.push(Html::from_static("</svg>"));
    svg
}

/// The opening of a chart (`height` in tenths of a pixel): its accessible
/// name and description, and a white background so it reads the same on
/// any page colour.
pub(super) fn open(id: &str, title: &str, description: &str, height: i64) -> Html {
    let height = height / 10;
    html!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"{}\" class=\"chart\" role=\"img\" \
         aria-labelledby=\"{}-title {}-desc\" viewBox=\"0 0 {} {}\" \
         width=\"{}\" height=\"{}\" font-family=\"system-ui, sans-serif\" font-size=\"12\">\
         <title id=\"{}-title\">{}</title><desc id=\"{}-desc\">{}</desc>\
         <rect width=\"{}\" height=\"{}\" fill=\"#ffffff\"/>",
        id,
        id,
        id,
        WIDTH,
        height,
        WIDTH,
        height,
        id,
        XmlText(title),
        id,
        XmlText(description),
        WIDTH,
        height,
    )
}

/// The chart closed with a "No data" message (`height` in tenths of a pixel).
pub(super) fn no_data(lang: Language, mut svg: Html, height: i64) -> Html {
    svg.push(html!(
        "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\" font-size=\"16\" fill=\"{}\">{}</text></svg>",
        Tenths(WIDTH * 10 / 2),
        Tenths(height / 2),
        INK,
        XmlText(m::portal_chart_no_data(lang)),
    ));
    svg
}

/// A duration as the seconds the chart draws: at least zero, at most
/// [`MAX_HOURS`].
pub(super) fn reference_line(duration: Duration) -> i64 {
    duration
        .num_seconds()
        .clamp(0, MAX_HOURS * SECONDS_PER_HOUR)
}

/// The figures of the callback chart in words (`values`, `target` and
/// `limit` in seconds).
pub(super) fn callbacks_summary(
    lang: Language,
    values: &[Option<i64>],
    target: i64,
    limit: i64,
) -> String {
    if values.is_empty() {
        return m::portal_chart_no_incidents(lang).to_owned();
    }
    let reached: Vec<i64> = values.iter().flatten().copied().collect();
    let late = reached.iter().filter(|&&s| s > limit).count();
    let soon = reached
        .iter()
        .filter(|&&s| s <= limit && s > target)
        .count();
    let ok = reached.len() - late - soon;
    m::portal_chart_callbacks_summary(
        lang,
        m::PortalChartCallbacksSummary {
            count: i64::try_from(values.len()).unwrap_or(i64::MAX),
            ok: &ok.to_string(),
            target: &hours_text(lang, target),
            soon: &soon.to_string(),
            limit: &hours_text(lang, limit),
            late: &late.to_string(),
            pending: &(values.len() - reached.len()).to_string(),
        },
    )
}

/// The figures of the coupon chart in words.
pub(super) fn coupons_summary(lang: Language, days: &[(String, i64)]) -> String {
    let (Some((first, _)), Some((last, _))) = (days.first(), days.last()) else {
        return m::portal_chart_no_coupons(lang).to_owned();
    };
    let total = days
        .iter()
        .fold(0_i64, |sum, (_, count)| sum.saturating_add(*count));
    let (best_day, best) = days.iter().fold((first, 0), |best, (day, count)| {
        if *count > best.1 {
            (day, *count)
        } else {
            best
        }
    });
    let most = if best > 0 {
        format!(
            " {}",
            m::portal_chart_most(
                lang,
                m::PortalChartMost {
                    day: &day_text(lang, best_day),
                    count: &best.to_string(),
                }
            )
        )
    } else {
        String::new()
    };
    let sold = m::portal_chart_coupons_summary(
        lang,
        m::PortalChartCouponsSummary {
            total,
            first: &day_text(lang, first),
            last: &day_text(lang, last),
        },
    );
    format!("{sold}{most}")
}

/// A `YYYY-MM-DD` day as the reader writes it, as given when it does not
/// parse.
fn day_text(lang: Language, day: &str) -> String {
    time::parse_iso_date(day.trim()).map_or_else(
        || day.to_owned(),
        |date| crate::domain::format::date(lang, date),
    )
}

/// The days to draw, oldest first, counts below zero read as zero.
pub(super) fn last_days(days: &[(String, i64)]) -> Vec<(String, i64)> {
    let parsed: Option<Vec<(NaiveDate, i64)>> = days
        .iter()
        .map(|(day, count)| time::parse_iso_date(day.trim()).map(|date| (date, (*count).max(0))))
        .collect();
    let Some(parsed) = parsed else {
        let skip = days.len().saturating_sub(COUPON_DAYS as usize);
        return days[skip..]
            .iter()
            .map(|(day, count)| (day.clone(), (*count).max(0)))
            .collect();
    };
    let mut by_date: BTreeMap<NaiveDate, i64> = BTreeMap::new();
    for (date, count) in parsed {
        let sum = by_date.entry(date).or_insert(0);
        *sum = sum.saturating_add(count);
    }
    let (Some((&first, _)), Some((&last, _))) =
        (by_date.first_key_value(), by_date.last_key_value())
    else {
        return Vec::new();
    };
    let mut date = last
        .checked_sub_days(Days::new(COUPON_DAYS - 1))
        .map_or(first, |start| start.max(first));
    let mut out = Vec::new();
    while date <= last {
        out.push((
            time::format_iso_date(date),
            by_date.get(&date).copied().unwrap_or(0),
        ));
        match date.succ_opt() {
            Some(next) => date = next,
            None => break,
        }
    }
    out
}

/// A `YYYY-MM-DD` day without its year, as the reader writes it (`6. 12.`,
/// `6 Dec`): the year is in the description.
pub(super) fn short_day(lang: Language, day: &str) -> String {
    match time::parse_iso_date(day.trim()) {
        Some(date) => {
            let full = crate::domain::format::date(lang, date);
            let year = chrono::Datelike::year(&date).to_string();
            full.strip_suffix(year.as_str())
                .map_or(full.clone(), |rest| {
                    rest.trim_end_matches([' ', ',']).to_owned()
                })
        }
        None => shorten(day, 10),
    }
}

/// A step of 1, 2 or 5 times a power of ten giving at most five gridlines.
pub(super) fn count_step(most: i64) -> i64 {
    let mut power: i64 = 1;
    loop {
        for factor in [1, 2, 5] {
            let step = power.saturating_mul(factor);
            if most / step <= 5 {
                return step;
            }
        }
        power = power.saturating_mul(10);
    }
}

/// At most `max` characters, the cut marked with an ellipsis.
pub(super) fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_owned()
    } else {
        let mut short: String = text.chars().take(max.saturating_sub(1)).collect();
        short.push('…');
        short
    }
}

/// Seconds as hours people read: "12 h", "13.5 h" (`13,5 h`), "> 10000 h".
pub(super) fn hours_text(lang: Language, seconds: i64) -> String {
    if seconds >= MAX_HOURS * SECONDS_PER_HOUR {
        format!("> {}", m::portal_chart_hours(lang, &MAX_HOURS.to_string()))
    } else {
        m::portal_chart_hours(lang, &number(lang, seconds))
    }
}

/// Seconds in hours with one decimal at most, none when it is zero.
pub(super) fn number(lang: Language, seconds: i64) -> String {
    let tenths = ratio(i128::from(seconds.max(0)), 360);
    if tenths % 10 == 0 {
        (tenths / 10).to_string()
    } else {
        format!(
            "{}{}{}",
            tenths / 10,
            m::portal_decimal_separator(lang),
            tenths % 10
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bars(svg: &str) -> usize {
        svg.matches("class=\"bar").count()
    }

    fn hours(hours: f64) -> Duration {
        Duration::seconds((hours * 3600.0) as i64)
    }

    fn points(values: &[Option<f64>]) -> Vec<(String, Option<Duration>)> {
        values
            .iter()
            .enumerate()
            .map(|(i, v)| (format!("INC-{i}"), v.map(hours)))
            .collect()
    }

    fn callback_svg(points: &[(String, Option<Duration>)], target: f64, limit: f64) -> String {
        callback_times(Language::En, points, hours(target), hours(limit)).into_string()
    }

    fn coupons_svg(days: &[(String, i64)]) -> String {
        coupons_per_day(Language::En, days).into_string()
    }

    fn days(counts: &[i64]) -> Vec<(String, i64)> {
        counts
            .iter()
            .enumerate()
            .map(|(i, c)| (format!("2024-05-{:02}", i + 1), *c))
            .collect()
    }

    #[test]
    fn the_callback_chart_carries_its_id_and_accessible_name() {
        let svg = callback_svg(&points(&[Some(3.0), None]), 12.0, 24.0);
        assert!(svg.starts_with("<svg") && svg.ends_with("</svg>"));
        assert!(svg.contains("id=\"chart-callbacks\""));
        assert!(svg.contains("role=\"img\""));
        assert!(svg.contains("aria-labelledby=\"chart-callbacks-title chart-callbacks-desc\""));
        assert!(svg.contains(
            "<title id=\"chart-callbacks-title\">Hours from intake to first successful callback</title>"
        ));
        assert!(svg.contains("<desc id=\"chart-callbacks-desc\">2 incidents: 1 reached within"));
    }

    #[test]
    fn the_coupon_chart_carries_its_id_and_accessible_name() {
        let svg = coupons_svg(&days(&[3, 0, 5]));
        assert!(svg.starts_with("<svg") && svg.ends_with("</svg>"));
        assert!(svg.contains("id=\"chart-coupons\""));
        assert!(svg.contains("role=\"img\""));
        assert!(svg.contains("aria-labelledby=\"chart-coupons-title chart-coupons-desc\""));
        assert!(svg.contains(
            "<title id=\"chart-coupons-title\">Coupons sold per day, last 30 days</title>"
        ));
        assert!(
            svg.contains("8 coupons sold from 1 May 2024 to 3 May 2024. Most on 3 May 2024: 5.")
        );
    }

    #[test]
    fn empty_inputs_draw_a_no_data_message() {
        for svg in [callback_svg(&[], 12.0, 24.0), coupons_svg(&[])] {
            assert!(svg.contains(">No data</text>"), "{svg}");
            assert_eq!(bars(&svg), 0);
            assert!(svg.contains("<title id=") && svg.ends_with("</svg>"));
        }
    }

    #[test]
    fn text_is_escaped() {
        let svg = callback_svg(&[("<&>".to_owned(), Some(hours(1.0)))], 12.0, 24.0);
        assert!(svg.contains("&lt;&amp;&gt;"));
        assert!(!svg.contains("<&>"));
        let svg = coupons_svg(&[("<&>\"".to_owned(), 1)]);
        assert!(svg.contains("&lt;&amp;&gt;&quot;"));
        assert!(!svg.contains("<&>"));
    }

    #[test]
    fn the_callback_chart_draws_one_bar_per_point() {
        for n in [1, 2, 7, 40] {
            let values: Vec<Option<f64>> = (0..n)
                .map(|i| (i % 3 != 0).then_some(i as f64 * 1.5))
                .collect();
            assert_eq!(bars(&callback_svg(&points(&values), 12.0, 24.0)), n);
        }
    }

    #[test]
    fn the_coupon_chart_draws_one_bar_per_day() {
        for n in [1, 2, 17, 30] {
            let counts: Vec<i64> = (0..n).map(|i| i * 2).collect();
            assert_eq!(bars(&coupons_svg(&days(&counts))), n as usize);
        }
    }

    #[test]
    fn bars_are_coloured_by_the_target_and_limit_and_pending_ones_stand_apart() {
        let svg = callback_svg(
            &points(&[Some(2.0), Some(13.0), Some(30.0), None]),
            12.0,
            24.0,
        );
        for class in ["bar ok", "bar soon", "bar late", "bar pending"] {
            assert_eq!(
                svg.matches(&format!("class=\"{class}\"")).count(),
                1,
                "{class}"
            );
        }
        assert!(svg.contains("not yet reached"));
        assert!(svg.contains(">Target 12 h</text>") && svg.contains(">Limit 24 h</text>"));
        assert_eq!(svg.matches("stroke-dasharray=\"6 4\"").count(), 2);
    }

    #[test]
    fn odd_durations_neither_panic_nor_leak_into_the_svg() {
        let values = [
            Duration::MAX,
            Duration::MIN,
            Duration::seconds(-3),
            Duration::zero(),
            Duration::hours(20_000),
        ];
        let named: Vec<(String, Option<Duration>)> = values
            .iter()
            .map(|v| ("INC".to_owned(), Some(*v)))
            .collect();
        let svg = callback_times(Language::En, &named, Duration::MIN, Duration::MAX).into_string();
        assert_eq!(bars(&svg), values.len());
        assert!(!svg.contains(">-"), "a negative label in {svg}");
        assert!(!svg.contains("=\"-"), "a negative coordinate in {svg}");
        assert!(svg.contains(">&gt; 10000 h</text>"), "{svg}");
        let svg = callback_svg(&points(&[Some(5.0)]), -1.0, 0.0);
        assert_eq!(bars(&svg), 1);
        assert!(!svg.contains("=\"-"), "{svg}");
    }

    #[test]
    fn coordinates_and_hours_print_to_the_tenth() {
        let svg = callback_svg(&points(&[Some(13.5), Some(2.04)]), 12.0, 24.0);
        // The axis runs to 30 h over 410 px from x = 150.
        assert!(svg.contains("viewBox=\"0 0 640 144\""), "{svg}");
        assert!(
            svg.contains(
                "<rect class=\"bar soon\" x=\"150.0\" y=\"52.0\" width=\"184.5\" height=\"14.0\""
            ),
            "{svg}"
        );
        assert!(
            svg.contains(">13.5 h</text>") && svg.contains(">2 h</text>"),
            "{svg}"
        );
        assert!(
            svg.contains("x1=\"314.0\" y1=\"22.0\""),
            "the target line at 12 h in {svg}"
        );
        assert_eq!(number(Language::En, 0), "0");
        assert_eq!(number(Language::En, 90 * 60), "1.5");
        assert_eq!(number(Language::En, 3600 * 48), "48");
        assert_eq!(number(Language::En, -7), "0");
        // Ties go to the even tenth, as `{:.1}` printed them.
        assert_eq!(number(Language::En, 13 * 3600 + 15 * 60), "13.2");
        assert_eq!(number(Language::En, 13 * 3600 + 45 * 60), "13.8");
        let svg = coupons_svg(&days(&[3, 0, 5]));
        // Three slots of 189.3 px; bars 70 % of a slot, centred.
        assert!(
            svg.contains(
                "<rect class=\"bar\" x=\"84.4\" y=\"111.2\" width=\"132.5\" height=\"124.8\""
            ),
            "{svg}"
        );
        assert!(svg.contains("<text x=\"150.7\" y=\"108.2\""), "{svg}");
    }

    #[test]
    fn odd_counts_neither_panic_nor_draw_below_the_axis() {
        let svg = coupons_svg(&days(&[i64::MAX, -5, i64::MIN, 0]));
        assert_eq!(bars(&svg), 4);
        assert!(!svg.contains("height=\"-") && !svg.contains("NaN"));
        let svg = coupons_svg(&[
            ("2024-05-01".to_owned(), i64::MAX),
            ("2024-05-01".to_owned(), i64::MAX),
        ]);
        assert_eq!(bars(&svg), 1);
    }

    #[test]
    fn missing_days_are_drawn_as_zero_and_only_the_last_30_are_shown() {
        let gappy = [("2024-05-01".to_owned(), 2), ("2024-05-04".to_owned(), 1)];
        let svg = coupons_svg(&gappy);
        assert_eq!(bars(&svg), 4);
        assert!(svg.contains("<title>2 May 2024: 0</title>"));
        let long: Vec<(String, i64)> = (1..=31)
            .map(|d| (format!("2024-05-{d:02}"), 1))
            .chain((1..=10).map(|d| (format!("2024-06-{d:02}"), 2)))
            .collect();
        let svg = coupons_svg(&long);
        assert_eq!(bars(&svg), 30);
        assert!(svg.contains("from 12 May 2024 to 10 Jun 2024"));
        assert!(!svg.contains("11 May 2024"));
    }

    #[test]
    fn unparseable_days_are_drawn_as_given() {
        let given: Vec<(String, i64)> = (0..35).map(|i| (format!("day {i}"), i)).collect();
        let svg = coupons_svg(&given);
        assert_eq!(bars(&svg), 30);
        assert!(
            svg.contains("<title>day 34: 34</title>") && !svg.contains("<title>day 4: 4</title>")
        );
    }

    #[test]
    fn the_charts_speak_slovenian_to_a_slovenian_reader() {
        let svg = callback_times(
            Language::Sl,
            &points(&[Some(13.5), Some(2.0), None]),
            hours(12.0),
            hours(24.0),
        )
        .into_string();
        assert!(svg.contains("Ure od prejema zahtevka do prvega uspešnega povratnega klica"));
        assert!(svg.contains(">13,5 h</text>"), "{svg}");
        assert!(svg.contains(">Cilj 12 h</text>") && svg.contains(">Rok 24 h</text>"));
        assert!(
            svg.contains("3 zahtevki: v ciljnem času (12 h) doseženi: 1"),
            "{svg}"
        );
        let svg = coupons_per_day(Language::Sl, &days(&[3, 0, 5])).into_string();
        assert!(
            svg.contains(
                "Od 1. 5. 2024 do 3. 5. 2024 je bilo prodanih 8 kuponov. Največ 3. 5. 2024: 5."
            ),
            "{svg}"
        );
        assert!(svg.contains(">3. 5.</text>"), "{svg}");
        for english in [
            "Hours", "Coupons", "Target", "Limit", "not yet", "No data", "2024-05",
        ] {
            assert!(!svg.contains(english), "{english} in {svg}");
        }
        let empty = coupons_per_day(Language::Sl, &[]).into_string();
        assert!(empty.contains(">Ni podatkov</text>"), "{empty}");
    }

    #[test]
    fn charts_hold_no_script_style_or_external_reference() {
        for svg in [
            callback_svg(&points(&[Some(1.0), None]), 12.0, 24.0),
            coupons_svg(&days(&[1, 2])),
        ] {
            for forbidden in ["<script", "style", "href", "url("] {
                assert!(!svg.contains(forbidden), "{forbidden} in {svg}");
            }
            let handler = svg.split(" on").skip(1).any(|rest| {
                let name: String = rest.chars().take_while(char::is_ascii_alphabetic).collect();
                rest[name.len()..].starts_with('=')
            });
            assert!(!handler, "an event handler in {svg}");
        }
    }
}
