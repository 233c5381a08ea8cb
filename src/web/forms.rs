//! The pages' form and table helpers.

use super::prelude::*;
use crate::app::AccessError;
use crate::domain::language::Language;

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

/// A field's error, if any: the attributes that tie the field to it, and
/// the message itself.
fn field_error(name: &str, errors: &FieldErrors) -> (Html, Html) {
    match error_for(errors, name) {
        Some(error) => (
            html!(" aria-invalid=\"true\" aria-describedby=\"{}-error\"", name),
            html!(
                "<p id=\"{}-error\" class=\"field-error\" role=\"alert\">{}</p>",
                name,
                error
            ),
        ),
        None => (Html::EMPTY, Html::EMPTY),
    }
}

/// A labelled input with its error, if any, right after it; `extra` holds
/// further attributes.
pub(crate) fn input(
    name: &str,
    label: &str,
    kind: &str,
    value: &str,
    errors: &FieldErrors,
    extra: &'static str,
) -> Html {
    let (described, message) = field_error(name, errors);
    html!(
        "<p><label for=\"{}\">{}</label>\n<input id=\"{}\" name=\"{}\" type=\"{}\" value=\"{}\"{}{}></p>{}\n",
        name,
        label,
        name,
        name,
        kind,
        value,
        Html::from_static(extra),
        described,
        message
    )
}

/// A labelled text area that keeps its value, with its error after it.
pub(crate) fn textarea_with(name: &str, label: &str, value: &str, errors: &FieldErrors) -> Html {
    let (described, message) = field_error(name, errors);
    html!(
        "<p><label for=\"{}\">{}</label>\n<textarea id=\"{}\" name=\"{}\" rows=\"6\"{}>{}</textarea></p>{}\n",
        name, label, name, name, described, value, message
    )
}

/// A labelled choice with `chosen` selected (the first option otherwise).
pub(crate) fn select_with(
    id: &str,
    name: &str,
    label: &str,
    options: &[(&str, &str)],
    chosen: &str,
) -> Html {
    html!(
        "<p><label for=\"{}\">{}</label>\n<select id=\"{}\" name=\"{}\">{}</select></p>\n",
        id,
        label,
        id,
        name,
        options_html(options, chosen)
    )
}

/// The language select (`language`: `sl`, `en`), `chosen` selected.
pub(crate) fn language_select(label: &str, chosen: Language) -> Html {
    let options = Language::ALL.map(|language| (language.as_str(), language.name()));
    select_with("language", "language", label, &options, chosen.as_str())
}

/// A select's options, `chosen` selected (none when it is not among them).
pub(crate) fn options_html(options: &[(&str, &str)], chosen: &str) -> Html {
    options
        .iter()
        .map(|(value, text)| {
            let selected = (*value == chosen).then_some(html!(" selected"));
            html!("<option value=\"{}\"{}>{}</option>", value, selected, text)
        })
        .collect()
}

pub(crate) const CHANNELS: [(&str, &str); 4] = [
    ("voice", "Voice call"),
    ("chat", "Chat"),
    ("video", "Video"),
    ("remote_desktop", "Remote desktop"),
];

/// A table of `rows` under `headers` (markup written in the code).
pub(crate) fn table(caption: &str, headers: &[&'static str], rows: &[Vec<Html>]) -> Html {
    if rows.is_empty() {
        return html!("<p>{}: none yet.</p>", caption);
    }
    let head: Html = headers
        .iter()
        .map(|h| html!("<th scope=\"col\">{}</th>", Html::from_static(h)))
        .collect();
    let body: Html = rows
        .iter()
        .map(|row| {
            let cells: Html = row.iter().map(|cell| html!("<td>{}</td>", cell)).collect();
            html!("<tr>{}</tr>", cells)
        })
        .collect();
    scroll_region(
        caption,
        html!(
            "<table><caption>{}</caption><thead><tr>{}</tr></thead><tbody>{}</tbody></table>",
            caption,
            head,
            body
        ),
    )
}

/// A table's wrapper, which scrolls sideways when the table is wider than
/// the screen: focusable and named by the caption, so that keyboard users
/// can scroll it too.
pub(crate) fn scroll_region(caption: &str, table: Html) -> Html {
    html!(
        "<div class=\"table-wrap\" role=\"region\" aria-label=\"{}\" tabindex=\"0\">{}</div>",
        caption,
        table
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

pub(crate) fn status_text(status: &str) -> Html {
    html!("{}", status.replace('_', " "))
}

/// A page's answer to a use case's refusal: who may not (signed out,
/// another role) is signed in or refused by the router; anything else is
/// said on the page.
pub(crate) fn refusal_page(area: Area, error: AppError) -> Result<Handled> {
    match error {
        AppError::Access(AccessError::Unauthenticated)
        | AppError::Access(AccessError::Forbidden(_))
        | AppError::Unavailable(_) => Err(error.into()),
        other => Ok(problem_page(area, other.into())),
    }
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
            UNTRANSLATED,
            area,
            status,
            "Not possible",
            html!("<p role=\"alert\">{}</p>", detail),
        ),
        ..handled
    }
}

/// What was typed into a form's field, or nothing.
pub(crate) fn value<'a>(values: &'a Map<String, Value>, name: &str) -> &'a str {
    values.get(name).and_then(Value::as_str).unwrap_or("")
}
