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

use chrono::{Datelike, Days, NaiveDate};

use crate::domain::html::{Html, XmlText};
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

pub(super) const WIDTH: f64 = 640.0;

/// Hours beyond which a value is shown as "more than": over a year, so only
/// bad data gets there, and labels stay short.
pub(super) const MAX_HOURS: f64 = 10_000.0;

/// Axis steps in hours that read naturally: up to a day, then days, weeks.
pub(super) const HOUR_STEPS: [f64; 13] = [
    1.0, 2.0, 3.0, 6.0, 12.0, 24.0, 48.0, 96.0, 168.0, 336.0, 720.0, 1440.0, 2880.0,
];

/// How many days the coupon chart covers.
pub(super) const COUPON_DAYS: u64 = 30;

/// A chart of the hours from intake to the first successful callback, one
/// horizontal bar per incident, with dashed lines at the target and the
/// limit. An incident not yet reached (`None`, or a NaN) is drawn as a
/// dashed, empty bar labelled so. The axis stops at four times the larger
/// reference line, so one outlier does not squash the rest; a longer bar is
/// cut at the edge and its label still gives its real value.
pub fn callback_times(
    points: &[(String, Option<f64>)],
    target_hours: f64,
    limit_hours: f64,
) -> Html {
    Html::generated_by_library(callback_svg(points, target_hours, limit_hours))
}

/// [`callback_times`] as SVG text.
fn callback_svg(points: &[(String, Option<f64>)], target_hours: f64, limit_hours: f64) -> String {
    const LEFT: f64 = 150.0;
    const RIGHT: f64 = 560.0;
    const TOP: f64 = 48.0;
    const ROW: f64 = 22.0;
    const BAR: f64 = 14.0;
    const BOTTOM: f64 = 52.0;
    let plot_width = RIGHT - LEFT;

    let target = reference_line(target_hours);
    let limit = reference_line(limit_hours);
    let values: Vec<Option<f64>> = points
        .iter()
        .map(|(_, hours)| {
            hours
                .filter(|h| !h.is_nan())
                .map(|h| h.clamp(0.0, MAX_HOURS))
        })
        .collect();

    let title = "Hours from intake to first successful callback";
    let rows = points.len().max(1);
    let plot_bottom = TOP + rows as f64 * ROW;
    let height = plot_bottom + BOTTOM;
    let mut svg = open(
        "chart-callbacks",
        title,
        &callbacks_summary(&values, target, limit),
        height,
    );
    if points.is_empty() {
        no_data(&mut svg, height);
        return svg;
    }

    let references = target.unwrap_or(0.0).max(limit.unwrap_or(0.0));
    let data_max = values.iter().flatten().fold(0.0_f64, |a, &b| a.max(b));
    let mut span = data_max.max(references * 1.25).max(1.0);
    if references > 0.0 {
        span = span.min(references * 4.0);
    }
    let step = HOUR_STEPS
        .iter()
        .copied()
        .find(|step| span / step <= 8.0)
        .unwrap_or(2880.0);
    let axis_max = ((span / step).ceil() * step).max(step);
    let x = |hours: f64| LEFT + hours.min(axis_max) / axis_max * plot_width;

    // Grid, ticks and axis labels.
    let mut tick = 0.0;
    while tick <= axis_max {
        let _ = write!(
            svg,
            "<line x1=\"{0:.1}\" y1=\"{TOP:.1}\" x2=\"{0:.1}\" y2=\"{plot_bottom:.1}\" stroke=\"{GRID}\" stroke-width=\"1\"/>\
             <text x=\"{0:.1}\" y=\"{1:.1}\" text-anchor=\"middle\" fill=\"{INK}\">{2}</text>",
            x(tick),
            plot_bottom + 16.0,
            number(tick),
        );
        tick += step;
    }
    let _ = write!(
        svg,
        "<line x1=\"{LEFT:.1}\" y1=\"{plot_bottom:.1}\" x2=\"{RIGHT:.1}\" y2=\"{plot_bottom:.1}\" stroke=\"{INK}\" stroke-width=\"1\"/>\
         <text x=\"{0:.1}\" y=\"{1:.1}\" text-anchor=\"middle\" fill=\"{INK}\">Hours from intake to first successful callback</text>\
         <text x=\"14\" y=\"{2:.1}\" text-anchor=\"middle\" fill=\"{INK}\" transform=\"rotate(-90 14 {2:.1})\">Incident</text>",
        (LEFT + RIGHT) / 2.0,
        plot_bottom + 40.0,
        (TOP + plot_bottom) / 2.0,
    );

    // One bar per incident.
    for (index, ((id, _), value)) in points.iter().zip(&values).enumerate() {
        let top = TOP + index as f64 * ROW + (ROW - BAR) / 2.0;
        let middle = top + BAR / 2.0 + 4.0;
        let full_id = xml_text(id);
        let _ = write!(
            svg,
            "<text x=\"{0:.1}\" y=\"{middle:.1}\" text-anchor=\"end\" fill=\"{INK}\">{1}</text>",
            LEFT - 8.0,
            xml_text(&shorten(id, 18)),
        );
        match value {
            Some(hours) => {
                let (class, colour) = if limit.is_some_and(|l| *hours > l) {
                    ("late", RED)
                } else if target.is_some_and(|t| *hours > t) {
                    ("soon", AMBER)
                } else {
                    ("ok", GREEN)
                };
                let end = x(*hours);
                let label = hours_text(*hours);
                let _ = write!(
                    svg,
                    "<rect class=\"bar {class}\" x=\"{LEFT:.1}\" y=\"{top:.1}\" width=\"{0:.1}\" height=\"{BAR:.1}\" fill=\"{colour}\">\
                     <title>{full_id}: {label}</title></rect>\
                     <text x=\"{1:.1}\" y=\"{middle:.1}\" fill=\"{INK}\">{label}</text>",
                    end - LEFT,
                    end + 4.0,
                );
            }
            None => {
                let _ = write!(
                    svg,
                    "<rect class=\"bar pending\" x=\"{LEFT:.1}\" y=\"{top:.1}\" width=\"{plot_width:.1}\" height=\"{BAR:.1}\" \
                     fill=\"{GREY_FILL}\" stroke=\"{GREY}\" stroke-width=\"1\" stroke-dasharray=\"4 3\">\
                     <title>{full_id}: not yet reached</title></rect>\
                     <text x=\"{0:.1}\" y=\"{middle:.1}\" fill=\"{GREY}\">not yet reached</text>",
                    LEFT + 6.0,
                );
            }
        }
    }

    // Reference lines over the bars, labelled on two rows so they never collide.
    for (hours, name, colour, label_y) in
        [(target, "Target", AMBER, 18.0), (limit, "Limit", RED, 36.0)]
    {
        let Some(hours) = hours else { continue };
        let at = x(hours);
        let _ = write!(
            svg,
            "<line class=\"reference-line\" x1=\"{at:.1}\" y1=\"{0:.1}\" x2=\"{at:.1}\" y2=\"{plot_bottom:.1}\" stroke=\"{colour}\" \
             stroke-width=\"2\" stroke-dasharray=\"6 4\"/>\
             <text x=\"{1:.1}\" y=\"{label_y:.1}\" text-anchor=\"middle\" fill=\"{colour}\">{name} {2}</text>",
            label_y + 4.0,
            at.clamp(LEFT + 40.0, WIDTH - 40.0),
            hours_text(hours),
        );
    }
    svg.push_str("</svg>");
    svg
}

/// A bar chart of coupons sold per day. `days` holds `YYYY-MM-DD` and a
/// count, as the store groups them; days missing between two given days
/// are drawn as zero, and only the 30 days up to the last given day are
/// shown. Should a day not parse, the last 30 entries are drawn as given.
pub fn coupons_per_day(days: &[(String, i64)]) -> Html {
    Html::generated_by_library(coupons_svg(days))
}

/// [`coupons_per_day`] as SVG text.
fn coupons_svg(days: &[(String, i64)]) -> String {
    const LEFT: f64 = 56.0;
    const RIGHT: f64 = 624.0;
    const TOP: f64 = 28.0;
    const PLOT_BOTTOM: f64 = 236.0;
    const HEIGHT: f64 = 300.0;
    let plot_width = RIGHT - LEFT;
    let plot_height = PLOT_BOTTOM - TOP;

    let days = last_days(days);
    let title = "Coupons sold per day, last 30 days";
    let mut svg = open("chart-coupons", title, &coupons_summary(&days), HEIGHT);
    if days.is_empty() {
        no_data(&mut svg, HEIGHT);
        return svg;
    }

    let most = days
        .iter()
        .map(|(_, count)| *count)
        .max()
        .unwrap_or(0)
        .max(1);
    let step = count_step(most);
    let axis_max = (most / step + i64::from(most % step != 0)).saturating_mul(step);
    let y = |count: i64| PLOT_BOTTOM - count as f64 / axis_max as f64 * plot_height;

    let mut tick: i64 = 0;
    while tick <= axis_max {
        let _ = write!(
            svg,
            "<line x1=\"{LEFT:.1}\" y1=\"{0:.1}\" x2=\"{RIGHT:.1}\" y2=\"{0:.1}\" stroke=\"{GRID}\" stroke-width=\"1\"/>\
             <text x=\"{1:.1}\" y=\"{2:.1}\" text-anchor=\"end\" fill=\"{INK}\">{tick}</text>",
            y(tick),
            LEFT - 6.0,
            y(tick) + 4.0,
        );
        match tick.checked_add(step) {
            Some(next) => tick = next,
            None => break,
        }
    }
    let _ = write!(
        svg,
        "<line x1=\"{LEFT:.1}\" y1=\"{PLOT_BOTTOM:.1}\" x2=\"{RIGHT:.1}\" y2=\"{PLOT_BOTTOM:.1}\" stroke=\"{INK}\" stroke-width=\"1\"/>\
         <text x=\"{0:.1}\" y=\"290\" text-anchor=\"middle\" fill=\"{INK}\">Day</text>\
         <text x=\"14\" y=\"{1:.1}\" text-anchor=\"middle\" fill=\"{INK}\" transform=\"rotate(-90 14 {1:.1})\">Coupons sold</text>",
        (LEFT + RIGHT) / 2.0,
        (TOP + PLOT_BOTTOM) / 2.0,
    );

    let slot = plot_width / days.len() as f64;
    let bar_width = slot * 0.7;
    // About ten date labels, always including the last day.
    let every = days.len().div_ceil(10).max(1);
    for (index, (day, count)) in days.iter().enumerate() {
        let centre = LEFT + (index as f64 + 0.5) * slot;
        let top = y(*count);
        let day_text = xml_text(day);
        let _ = write!(
            svg,
            "<rect class=\"bar\" x=\"{0:.1}\" y=\"{top:.1}\" width=\"{bar_width:.1}\" height=\"{1:.1}\" fill=\"{BLUE}\">\
             <title>{day_text}: {count}</title></rect>\
             <text x=\"{centre:.1}\" y=\"{2:.1}\" text-anchor=\"middle\" font-size=\"10\" fill=\"{INK}\">{count}</text>",
            centre - bar_width / 2.0,
            PLOT_BOTTOM - top,
            top - 3.0,
        );
        if (days.len() - 1 - index) % every == 0 {
            let _ = write!(
                svg,
                "<text x=\"{centre:.1}\" y=\"{0:.1}\" text-anchor=\"middle\" fill=\"{INK}\">{1}</text>",
                PLOT_BOTTOM + 16.0,
                xml_text(&short_day(day)),
            );
        }
    }
    svg.push_str("</svg>");
    svg
}

/// The opening of a chart: its accessible name and description, and a
/// white background so it reads the same on any page colour.
pub(super) fn open(id: &str, title: &str, description: &str, height: f64) -> String {
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"{id}\" class=\"chart\" role=\"img\" \
         aria-labelledby=\"{id}-title {id}-desc\" viewBox=\"0 0 {WIDTH:.0} {height:.0}\" \
         width=\"{WIDTH:.0}\" height=\"{height:.0}\" font-family=\"system-ui, sans-serif\" font-size=\"12\">\
         <title id=\"{id}-title\">{}</title><desc id=\"{id}-desc\">{}</desc>\
         <rect width=\"{WIDTH:.0}\" height=\"{height:.0}\" fill=\"#ffffff\"/>",
        xml_text(title),
        xml_text(description),
    )
}

pub(super) fn no_data(svg: &mut String, height: f64) {
    let _ = write!(
        svg,
        "<text x=\"{0:.1}\" y=\"{1:.1}\" text-anchor=\"middle\" font-size=\"16\" fill=\"{INK}\">No data</text></svg>",
        WIDTH / 2.0,
        height / 2.0,
    );
}

/// A target or limit worth drawing: finite, at least zero.
pub(super) fn reference_line(hours: f64) -> Option<f64> {
    hours.is_finite().then(|| hours.clamp(0.0, MAX_HOURS))
}

/// The figures of the callback chart in words.
pub(super) fn callbacks_summary(
    values: &[Option<f64>],
    target: Option<f64>,
    limit: Option<f64>,
) -> String {
    if values.is_empty() {
        return "No incidents in this period.".to_owned();
    }
    let reached: Vec<f64> = values.iter().flatten().copied().collect();
    let late = reached
        .iter()
        .filter(|&&h| limit.is_some_and(|l| h > l))
        .count();
    let soon = reached
        .iter()
        .filter(|&&h| !limit.is_some_and(|l| h > l) && target.is_some_and(|t| h > t))
        .count();
    let ok = reached.len() - late - soon;
    let line = |hours: Option<f64>| hours.map_or("unset".to_owned(), hours_text);
    format!(
        "{} incidents: {ok} reached within the target of {}, {soon} within the limit of {}, {late} after the limit, {} not yet reached.",
        values.len(),
        line(target),
        line(limit),
        values.len() - reached.len(),
    )
}

/// The figures of the coupon chart in words.
pub(super) fn coupons_summary(days: &[(String, i64)]) -> String {
    let (Some((first, _)), Some((last, _))) = (days.first(), days.last()) else {
        return "No coupons sold in this period.".to_owned();
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
        format!(" Most on {best_day}: {best}.")
    } else {
        String::new()
    };
    format!("{total} coupons sold from {first} to {last}.{most}")
}

/// The days to draw, oldest first, counts below zero read as zero.
pub(super) fn last_days(days: &[(String, i64)]) -> Vec<(String, i64)> {
    let parsed: Option<Vec<(NaiveDate, i64)>> = days
        .iter()
        .map(|(day, count)| {
            NaiveDate::parse_from_str(day.trim(), "%Y-%m-%d")
                .ok()
                .map(|date| (date, (*count).max(0)))
        })
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
        let label = format!("{:04}-{:02}-{:02}", date.year(), date.month(), date.day());
        out.push((label, by_date.get(&date).copied().unwrap_or(0)));
        match date.succ_opt() {
            Some(next) => date = next,
            None => break,
        }
    }
    out
}

/// `MM-DD` of a `YYYY-MM-DD` day: the year is in the description.
pub(super) fn short_day(day: &str) -> String {
    match day.get(5..) {
        Some(rest) if day.len() == 10 && day.is_char_boundary(5) => rest.to_owned(),
        _ => shorten(day, 10),
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

/// Hours as people read them: "12 h", "13.5 h", "> 10000 h".
pub(super) fn hours_text(hours: f64) -> String {
    if hours >= MAX_HOURS {
        format!("> {} h", number(MAX_HOURS))
    } else {
        format!("{} h", number(hours))
    }
}

/// One decimal at most, none when it is zero.
pub(super) fn number(value: f64) -> String {
    // Adding zero turns -0.0 into 0.0, which would otherwise print as "-0".
    let text = format!("{:.1}", value + 0.0);
    text.strip_suffix(".0").map_or(text.clone(), str::to_owned)
}

/// Text safe inside an XML element or attribute, through [`XmlText`].
fn xml_text(text: &str) -> String {
    html!("{}", XmlText(text)).into_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bars(svg: &str) -> usize {
        svg.matches("class=\"bar").count()
    }

    fn points(values: &[Option<f64>]) -> Vec<(String, Option<f64>)> {
        values
            .iter()
            .enumerate()
            .map(|(i, v)| (format!("INC-{i}"), *v))
            .collect()
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
            svg.contains("8 coupons sold from 2024-05-01 to 2024-05-03. Most on 2024-05-03: 5.")
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
        let svg = callback_svg(&[("<&>".to_owned(), Some(1.0))], 12.0, 24.0);
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
    fn odd_hours_neither_panic_nor_leak_into_the_svg() {
        let values = [
            Some(f64::NAN),
            Some(f64::INFINITY),
            Some(f64::NEG_INFINITY),
            Some(-3.0),
            Some(-0.0),
            Some(1e300),
        ];
        let svg = callback_svg(&points(&values), f64::NAN, f64::INFINITY);
        assert_eq!(bars(&svg), values.len());
        assert!(!svg.contains("NaN") && !svg.contains("inf"), "{svg}");
        assert!(!svg.contains(">-"), "a negative label in {svg}");
        assert!(svg.contains("> 10000 h"));
        let svg = callback_svg(&points(&[Some(5.0)]), -1.0, 0.0);
        assert_eq!(bars(&svg), 1);
        assert!(!svg.contains("NaN") && !svg.contains("inf"));
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
        assert!(svg.contains("<title>2024-05-02: 0</title>"));
        let long: Vec<(String, i64)> = (1..=31)
            .map(|d| (format!("2024-05-{d:02}"), 1))
            .chain((1..=10).map(|d| (format!("2024-06-{d:02}"), 2)))
            .collect();
        let svg = coupons_svg(&long);
        assert_eq!(bars(&svg), 30);
        assert!(svg.contains("from 2024-05-12 to 2024-06-10"));
        assert!(!svg.contains("2024-05-11"));
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
