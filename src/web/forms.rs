//! The pages' form and table helpers.

use super::prelude::*;

/// A form's fields as a JSON object of strings, so the API's parsers read
/// it (the router has checked its origin).
pub(crate) fn form(request: &Request) -> Result<Map<String, Value>> {
    match decode::body(request, true)? {
        Body::Form(pairs) => Ok(pairs
            .into_iter()
            .map(|(k, v)| (k, Value::String(v)))
            .collect()),
        Body::Json(_) => Err(ApiError::UnsupportedMediaType(
            "application/x-www-form-urlencoded",
        )),
    }
}

pub(crate) fn error_for(errors: &FieldErrors, name: &str) -> Option<String> {
    errors
        .list()
        .iter()
        .find(|e| e.field == name)
        .map(|e| e.detail.clone())
}

/// A labelled input with its error, if any, right after it.
pub(crate) fn input(
    name: &str,
    label: &str,
    kind: &str,
    value: &str,
    errors: &FieldErrors,
    extra: &str,
) -> String {
    let error = error_for(errors, name);
    let described = error.as_ref().map_or(String::new(), |_| {
        format!(" aria-invalid=\"true\" aria-describedby=\"{name}-error\"")
    });
    let message = error.map_or(String::new(), |e| {
        format!(
            "<p id=\"{name}-error\" class=\"field-error\" role=\"alert\">{}</p>",
            escape(&e)
        )
    });
    format!(
        "<p><label for=\"{name}\">{label}</label>\n<input id=\"{name}\" name=\"{name}\" type=\"{kind}\" value=\"{}\"{extra}{described}></p>{message}\n",
        escape(value)
    )
}

/// A labelled text area that keeps its value, with its error after it.
pub(crate) fn textarea_with(name: &str, label: &str, value: &str, errors: &FieldErrors) -> String {
    let error = error_for(errors, name);
    let described = error.as_ref().map_or(String::new(), |_| {
        format!(" aria-invalid=\"true\" aria-describedby=\"{name}-error\"")
    });
    let message = error.map_or(String::new(), |e| {
        format!(
            "<p id=\"{name}-error\" class=\"field-error\" role=\"alert\">{}</p>",
            escape(&e)
        )
    });
    format!(
        "<p><label for=\"{name}\">{label}</label>\n<textarea id=\"{name}\" name=\"{name}\" rows=\"6\"{described}>{}</textarea></p>{message}\n",
        escape(value)
    )
}

/// A labelled choice with `chosen` selected (the first option otherwise).
pub(crate) fn select_with(
    id: &str,
    name: &str,
    label: &str,
    options: &[(&str, &str)],
    chosen: &str,
) -> String {
    let options = options_html(options, chosen);
    format!("<p><label for=\"{id}\">{label}</label>\n<select id=\"{id}\" name=\"{name}\">{options}</select></p>\n")
}

/// A select's options, `chosen` selected (none when it is not among them).
pub(crate) fn options_html(options: &[(&str, &str)], chosen: &str) -> String {
    options
        .iter()
        .map(|(value, text)| {
            let selected = if *value == chosen { " selected" } else { "" };
            format!("<option value=\"{value}\"{selected}>{text}</option>")
        })
        .collect()
}

pub(crate) const CHANNELS: [(&str, &str); 4] = [
    ("voice", "Voice call"),
    ("chat", "Chat"),
    ("video", "Video"),
    ("remote_desktop", "Remote desktop"),
];

pub(crate) fn table(caption: &str, headers: &[&str], rows: &[Vec<String>]) -> String {
    if rows.is_empty() {
        return format!("<p>{}: none yet.</p>", escape(caption));
    }
    let head: String = headers
        .iter()
        .map(|h| format!("<th scope=\"col\">{h}</th>"))
        .collect();
    let body: String = rows
        .iter()
        .map(|row| {
            format!(
                "<tr>{}</tr>",
                row.iter()
                    .map(|cell| format!("<td>{cell}</td>"))
                    .collect::<String>()
            )
        })
        .collect();
    scroll_region(
        caption,
        &format!(
            "<table><caption>{}</caption><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>",
            escape(caption)
        ),
    )
}

/// A table's wrapper, which scrolls sideways when the table is wider than
/// the screen: focusable and named by the caption, so that keyboard users
/// can scroll it too.
pub(crate) fn scroll_region(caption: &str, table: &str) -> String {
    format!(
        "<div class=\"table-wrap\" role=\"region\" aria-label=\"{}\" tabindex=\"0\">{table}</div>",
        escape(caption)
    )
}

/// What a ledger entry is, in the customer's words.
pub(crate) fn entry_label(kind: crate::domain::ledger::EntryKind) -> &'static str {
    use crate::domain::ledger::EntryKind as K;
    match kind {
        K::FreeGrant => "Free first coupon",
        K::Purchase => "Coupons bought",
        K::Consumption => "Support time",
        K::Reversal => "Refund",
        K::Adjustment => "Correction by Spica",
    }
}

pub(crate) fn status_text(status: &str) -> String {
    status.replace('_', " ")
}

pub(crate) fn problem_page(area: Area, error: ApiError) -> Handled {
    let handled = error.into_handled();
    let status = handled.response.status;
    let detail = serde_json::from_slice::<Value>(&handled.response.body)
        .ok()
        .and_then(|p| p.get("detail").and_then(Value::as_str).map(str::to_owned))
        .unwrap_or_else(|| "Something went wrong.".into());
    Handled {
        response: page_in(
            area,
            status,
            "Not possible",
            &format!("<p role=\"alert\">{}</p>", escape(&detail)),
        ),
        ..handled
    }
}
