//! The pages' form and table helpers.

use super::prelude::*;
use crate::app::AccessError;
use crate::domain::html::Render;
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

/// The ways of being supported a customer can ask for (`channel`).
pub(crate) fn channels(lang: Language) -> [(&'static str, &'static str); 4] {
    [
        ("voice", m::label_channel_voice(lang)),
        ("chat", m::label_channel_chat(lang)),
        ("video", m::label_channel_video(lang)),
        ("remote_desktop", m::label_channel_remote_desktop(lang)),
    ]
}

/// A table of `rows` under `headers`, or says that there is none yet.
pub(crate) fn table<H: Render>(
    lang: Language,
    caption: &str,
    headers: &[H],
    rows: &[Vec<Html>],
) -> Html {
    table_or(caption, &m::label_none_yet(lang, caption), headers, rows)
}

/// A table of `rows` under `headers` (text, or markup such as a heading
/// only screen readers read), or the sentence `none` when there are no
/// rows.
pub(crate) fn table_or<H: Render>(
    caption: &str,
    none: &str,
    headers: &[H],
    rows: &[Vec<Html>],
) -> Html {
    if rows.is_empty() {
        return html!("<p>{}</p>", none);
    }
    let head: Html = headers
        .iter()
        .map(|h| html!("<th scope=\"col\">{}</th>", h))
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

/// An instant as its reader sees it: `<time datetime>` in Ljubljana's time
/// (the portal's home), which the pages' script turns into the reader's own
/// time zone.
pub(crate) fn when(lang: Language, instant: Instant) -> Html {
    let (local, zone) = crate::domain::time::in_ljubljana(instant);
    html!(
        "<time datetime=\"{}\">{} {}</time>",
        crate::domain::time::format(instant),
        crate::domain::format::date_time(lang, local),
        zone
    )
}

/// What a ledger entry is, in the customer's words.
pub(crate) fn entry_label(lang: Language, kind: crate::domain::ledger::EntryKind) -> &'static str {
    use crate::domain::ledger::EntryKind as K;
    match kind {
        K::FreeGrant => m::label_entry_free_grant(lang),
        K::Purchase => m::label_entry_purchase(lang),
        K::Consumption => m::label_entry_consumption(lang),
        K::Reversal => m::label_entry_reversal(lang),
        K::Adjustment => m::label_entry_adjustment(lang),
    }
}

/// A status as stored (`awaiting_customer`), in the reader's words; one
/// the catalogue does not know is shown as stored, its `_` as spaces.
pub(crate) fn status_text(lang: Language, status: &str) -> Html {
    let said: Option<&str> = match status {
        "pending_verification" => Some(m::label_status_pending_verification(lang)),
        "active" => Some(m::label_status_active(lang)),
        "merged" => Some(m::label_status_merged(lang)),
        "invited" => Some(m::label_status_invited(lang)),
        "removed" => Some(m::label_status_removed(lang)),
        "open" => Some(m::label_status_open(lang)),
        "assigned" => Some(m::label_status_assigned(lang)),
        "join_requested" => Some(m::label_status_join_requested(lang)),
        "joined" => Some(m::label_status_joined(lang)),
        "refused" => Some(m::label_status_refused(lang)),
        "pending" => Some(m::label_status_pending(lang)),
        "sending" => Some(m::label_status_sending(lang)),
        "sent" => Some(m::label_status_sent(lang)),
        "not_sent" => Some(m::label_status_not_sent(lang)),
        "failed" => Some(m::label_status_failed(lang)),
        "unknown" => Some(m::label_status_unknown(lang)),
        "queued" => Some(m::label_status_queued(lang)),
        "skipped" => Some(m::label_status_skipped(lang)),
        "awaiting_payment" => Some(m::label_status_awaiting_payment(lang)),
        "partially_paid" => Some(m::label_status_partially_paid(lang)),
        "paid" => Some(m::label_status_paid(lang)),
        "cancelled" => Some(m::label_status_cancelled(lang)),
        "expired" => Some(m::label_status_expired(lang)),
        "review" => Some(m::label_status_review(lang)),
        "matched" => Some(m::label_status_matched(lang)),
        "partial" => Some(m::label_status_partial(lang)),
        "overpaid" => Some(m::label_status_overpaid(lang)),
        "unmatched" => Some(m::label_status_unmatched(lang)),
        "ignored" => Some(m::label_status_ignored(lang)),
        "refund_excess" => Some(m::label_status_refund_excess(lang)),
        "coupon_debt" => Some(m::label_status_coupon_debt(lang)),
        "payment_review" => Some(m::label_status_payment_review(lang)),
        "awaiting_callback" => Some(m::label_status_awaiting_callback(lang)),
        "in_progress" => Some(m::label_status_in_progress(lang)),
        "awaiting_customer" => Some(m::label_status_awaiting_customer(lang)),
        "closed" => Some(m::label_status_closed(lang)),
        "reached" => Some(m::label_status_reached(lang)),
        "no_answer" => Some(m::label_status_no_answer(lang)),
        "busy" => Some(m::label_status_busy(lang)),
        "confirmed" => Some(m::label_status_confirmed(lang)),
        "invalid" => Some(m::label_status_invalid(lang)),
        "unavailable" => Some(m::label_status_unavailable(lang)),
        "accepted" => Some(m::label_status_accepted(lang)),
        "withdrawn" => Some(m::label_status_withdrawn(lang)),
        "replaced" => Some(m::label_status_replaced(lang)),
        "duplicate" => Some(m::label_status_duplicate(lang)),
        "breached" => Some(m::label_status_breached(lang)),
        _ => None,
    };
    match said {
        Some(text) => html!("{}", text),
        None => html!("{}", status.replace('_', " ")),
    }
}

/// A page's answer to a use case's refusal: who may not (signed out,
/// another role) is signed in or refused by the router; anything else is
/// said on the page.
pub(crate) fn refusal_page(lang: Language, area: Area, error: AppError) -> Result<Handled> {
    match error {
        AppError::Access(AccessError::Unauthenticated)
        | AppError::Access(AccessError::Forbidden(_))
        | AppError::Unavailable(_) => Err(error.into()),
        other => Ok(problem_page(lang, area, other.into())),
    }
}

pub(crate) fn problem_page(lang: Language, area: Area, error: ApiError) -> Handled {
    let handled = error.into_handled_in(lang);
    let status = handled.response.status;
    let detail = serde_json::from_slice::<Value>(&handled.response.body)
        .ok()
        .and_then(|p| p.get("detail").and_then(Value::as_str).map(str::to_owned))
        .unwrap_or_else(|| m::label_problem_fallback(lang).into());
    Handled {
        response: page_in(
            lang,
            area,
            status,
            m::label_problem_title(lang),
            html!("<p role=\"alert\">{}</p>", detail),
        ),
        ..handled
    }
}

/// What was typed into a form's field, or nothing.
pub(crate) fn value<'a>(values: &'a Map<String, Value>, name: &str) -> &'a str {
    values.get(name).and_then(Value::as_str).unwrap_or("")
}
