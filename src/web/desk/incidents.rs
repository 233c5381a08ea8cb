//! The incident queue with its charts, one incident, and the desk's actions on it.

use super::*;
use crate::app::incidents::DeskSessionInput;
use crate::domain::incident::Status;
use crate::domain::queue::{Assignee, QueueFilter, View};
use crate::domain::time::format_local_input;

/// `GET /desk?status=&organisation_id=&assignee=&page=`: one view of the
/// incident queue (issue 22), its tabs and filters, and on the default
/// view the desk's charts. A filter it cannot read is refused (422).
pub async fn incidents_page<D: Database>(
    app: &App<D>,
    request: &Request,
    caller: &Caller,
    now: Instant,
) -> Result<Handled> {
    let lang = DeskLanguage::of(request);
    let filter = match crate::app::input::queue_filter(|name| request.query_param(name)) {
        Ok(filter) => filter,
        Err(errors) => return refusal_page(lang.unknown(), Area::Desk, AppError::Invalid(errors)),
    };
    let (staff, queue) = app.desk_queue(caller, &filter, now).await?;
    let lang = lang.of_staff(&staff);
    let role = staff.role;
    let desk = Area::DeskAs(role);
    // Finance sees the queue but works no incidents: no links it may not follow.
    let opens_incidents = role.may(&[crate::domain::staff::StaffRole::Agent]);
    let rows: Html = queue
        .page
        .incidents
        .iter()
        .map(|i| {
            let left = i.callback.due_by - now;
            let (class, label) = if let Some(closed) = i.closed_at {
                ("ok", m::desk_queue_closed_at(lang, &when(lang, closed)))
            } else if i.callback.deadline_missed(now) {
                ("late", html!("{}", m::desk_queue_deadline_missed(lang)))
            } else if left <= Duration::zero() {
                ("ok", html!("{}", m::desk_queue_deadline_passed(lang)))
            } else if left <= Duration::hours(4) {
                let minutes = m::desk_span_minutes(lang, left.num_minutes());
                ("soon", html!("{}", m::desk_left(lang, &minutes)))
            } else {
                let hours = m::desk_span_hours(lang, left.num_hours());
                ("ok", html!("{}", m::desk_left(lang, &hours)))
            };
            let subject = if opens_incidents {
                html!(
                    "<a href=\"/desk/incidents/{}\">{} {}</a>",
                    i.id,
                    i.title(),
                    i.subject
                )
            } else {
                html!("{} {}", i.title(), i.subject)
            };
            html!(
                "<tr class=\"{}\"><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                class,
                subject,
                status_text(lang, i.callback.status.as_str()),
                when(lang, i.callback.due_by),
                label,
                i.assignee.as_deref().unwrap_or(m::desk_queue_nobody(lang))
            )
        })
        .collect();
    let mut html = queue_controls(lang, &filter, &queue);
    let (name, empty) = view_words(lang, &filter);
    if queue.page.incidents.is_empty() {
        html.push(html!("<p id=\"queue-empty\" role=\"status\">{}</p>", empty));
    } else {
        let order = if filter.view.closed() {
            m::desk_queue_order_closed(lang)
        } else {
            m::desk_queue_order_deadline(lang)
        };
        let caption = m::desk_queue_caption(lang, m::DeskQueueCaption { view: &name, order });
        html.push(scroll_region(
            &caption,
            html!(
                "<table id=\"incident-queue\"><caption>{}</caption>\
                 <thead><tr><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th></tr></thead>\
                 <tbody>{}</tbody></table>",
                caption,
                m::desk_queue_incident(lang),
                m::desk_queue_status(lang),
                m::desk_queue_call_by(lang),
                m::desk_queue_time_left(lang),
                m::desk_queue_taken_by(lang),
                rows
            ),
        ));
    }
    html.push(pages(lang, &filter, &queue.page));
    if queue.charted {
        html.push(html!("\n<h2>{}</h2>\n", m::desk_queue_charts(lang)));
        html.push(crate::web::chart::callback_times(
            lang,
            &queue.callback_after,
            queue.target,
            queue.deadline,
        ));
        html.push(crate::web::chart::coupons_per_day(
            lang,
            &queue.coupons_per_day,
        ));
    }
    Ok(page_in(lang, desk, 200, m::desk_queue_title(lang), html).into())
}

/// `/desk` with this view's query (the defaults left out).
fn queue_href(filter: &QueueFilter) -> String {
    let mut pairs: Vec<(&str, String)> = Vec::new();
    if filter.view != View::Open {
        pairs.push(("status", filter.view.as_str().to_owned()));
    }
    if let Some(id) = &filter.organisation {
        pairs.push(("organisation_id", id.as_str().to_owned()));
    }
    if filter.assignee != Assignee::Anyone {
        pairs.push(("assignee", filter.assignee.as_query().to_owned()));
    }
    if filter.page > 1 {
        pairs.push(("page", filter.page.to_string()));
    }
    match serde_urlencoded::to_string(&pairs) {
        Ok(query) if !query.is_empty() => format!("/desk?{query}"),
        _ => "/desk".to_owned(),
    }
}

/// What a view is called, and what its empty list says.
fn view_words(lang: Language, filter: &QueueFilter) -> (String, String) {
    let (name, empty) = match (filter.view, &filter.assignee) {
        (View::Open, Assignee::Me) => (m::desk_view_mine(lang), m::desk_view_mine_empty(lang)),
        (View::Open, Assignee::Nobody) => (
            m::desk_view_unassigned(lang),
            m::desk_view_unassigned_empty(lang),
        ),
        (View::Open, _) => (m::desk_view_open(lang), m::desk_view_open_empty(lang)),
        (View::Breached, _) => (
            m::desk_view_breached(lang),
            m::desk_view_breached_empty(lang),
        ),
        (View::Is(Status::AwaitingCallback), _) => (
            m::desk_view_awaiting_callback(lang),
            m::desk_view_awaiting_callback_empty(lang),
        ),
        (View::Is(Status::InProgress), _) => (
            m::desk_view_in_progress(lang),
            m::desk_view_in_progress_empty(lang),
        ),
        (View::Is(Status::AwaitingCustomer), _) => (
            m::desk_view_awaiting_customer(lang),
            m::desk_view_awaiting_customer_empty(lang),
        ),
        (View::Is(Status::Closed), _) => {
            (m::desk_view_closed(lang), m::desk_view_closed_empty(lang))
        }
    };
    match &filter.assignee {
        Assignee::Agent(email) => {
            let taken = m::DeskViewTakenBy {
                view: name,
                email: email.as_str(),
            };
            let empty_taken = m::DeskViewEmptyTakenBy {
                view: name,
                email: email.as_str(),
            };
            (
                m::desk_view_taken_by(lang, taken),
                m::desk_view_empty_taken_by(lang, empty_taken),
            )
        }
        _ => (name.to_owned(), empty.to_owned()),
    }
}

/// The views as tabs (the current one marked), the filter by agent, and
/// the organisation filtered by with a link to clear it.
fn queue_controls(lang: Language, filter: &QueueFilter, queue: &crate::app::DeskQueue) -> Html {
    let tab = |label: &str, view: View, assignee: Assignee| {
        let target = QueueFilter {
            view,
            assignee,
            organisation: filter.organisation.clone(),
            page: 1,
        };
        let current = if target == filter.on_page(1) {
            html!(" aria-current=\"page\"")
        } else {
            Html::EMPTY
        };
        html!(
            "<li><a href=\"{}\"{}>{}</a></li>",
            queue_href(&target),
            current,
            label
        )
    };
    let tabs = Html::concat([
        tab(m::desk_tab_open(lang), View::Open, Assignee::Anyone),
        tab(
            m::desk_tab_awaiting_customer(lang),
            View::Is(Status::AwaitingCustomer),
            Assignee::Anyone,
        ),
        tab(m::desk_tab_breached(lang), View::Breached, Assignee::Anyone),
        tab(
            m::desk_tab_closed(lang),
            View::Is(Status::Closed),
            Assignee::Anyone,
        ),
        tab(m::desk_tab_mine(lang), View::Open, Assignee::Me),
        tab(m::desk_tab_unassigned(lang), View::Open, Assignee::Nobody),
    ]);
    let option = |value: &str, label: &str| {
        let selected = if filter.assignee.as_query() == value {
            html!(" selected")
        } else {
            Html::EMPTY
        };
        html!("<option value=\"{}\"{}>{}</option>", value, selected, label)
    };
    let mut options = Html::concat([
        option("", m::desk_filter_everyone(lang)),
        option("me", m::desk_filter_me(lang)),
        option("none", m::desk_filter_nobody(lang)),
    ]);
    for email in &queue.assignees {
        options.push(option(email, email));
    }
    // An agent typed into the address, not among those with incidents.
    if let Assignee::Agent(email) = &filter.assignee {
        if !queue.assignees.iter().any(|a| a == email.as_str()) {
            options.push(option(email.as_str(), email.as_str()));
        }
    }
    let (organisation_field, organisation) = match &filter.organisation {
        Some(id) => {
            let cleared = QueueFilter {
                organisation: None,
                ..filter.on_page(1)
            };
            let name = queue
                .organisation
                .clone()
                .unwrap_or_else(|| m::desk_queue_unknown_organisation(lang, id.as_str()));
            let link = html!("<a href=\"/desk/organisations/{}\">{}</a>", id, name);
            (
                html!(
                    "<input type=\"hidden\" name=\"organisation_id\" value=\"{}\">",
                    id
                ),
                html!(
                    "<p id=\"queue-organisation\">{} <a href=\"{}\">{}</a></p>",
                    m::desk_queue_only_of(lang, &link),
                    queue_href(&cleared),
                    m::desk_queue_every_organisation(lang)
                ),
            )
        }
        None => (Html::EMPTY, Html::EMPTY),
    };
    html!(
        "<nav class=\"queue-views\" aria-label=\"{}\"><ul>{}</ul></nav>\
         {}<form method=\"get\" action=\"/desk\" class=\"queue-filter\">\
         <input type=\"hidden\" name=\"status\" value=\"{}\">{}\
         <label for=\"queue-assignee\">{}</label> \
         <select id=\"queue-assignee\" name=\"assignee\">{}</select> \
         <button type=\"submit\">{}</button></form>",
        m::desk_queue_views(lang),
        tabs,
        organisation,
        filter.view.as_str(),
        organisation_field,
        m::desk_queue_taken_by(lang),
        options,
        m::desk_queue_show(lang)
    )
}

/// Older and newer pages of closed incidents.
fn pages(lang: Language, filter: &QueueFilter, page: &crate::app::QueuePage) -> Html {
    let newer = if page.page > 1 {
        html!(
            "<a href=\"{}\" rel=\"prev\">{}</a> ",
            queue_href(&filter.on_page(page.page - 1)),
            m::desk_queue_newer(lang)
        )
    } else {
        Html::EMPTY
    };
    let older = page.next_page.map_or(Html::EMPTY, |next| {
        html!(
            "<a href=\"{}\" rel=\"next\">{}</a>",
            queue_href(&filter.on_page(next)),
            m::desk_queue_older(lang)
        )
    });
    if page.page == 1 && page.next_page.is_none() {
        return Html::EMPTY;
    }
    html!(
        "<nav class=\"queue-pages\" aria-label=\"{}\"><p>{} {}{}</p></nav>",
        m::desk_queue_pages(lang),
        m::desk_queue_page(lang, &page.page.to_string()),
        newer,
        older
    )
}

pub async fn desk_incident<D: Database>(
    app: &App<D>,
    caller: &Caller,
    id: &str,
    lang: DeskLanguage,
    now: Instant,
) -> Result<Handled> {
    desk_incident_page(app, caller, id, None, lang, now).await
}

/// A desk form that came back refused: which one, what was typed, and why.
pub(crate) struct Refused<'a> {
    action: &'a str,
    values: &'a Map<String, Value>,
    errors: &'a FieldErrors,
}

/// The incident's page on the desk; a refused form comes back (422) with
/// what the agent typed and each error beside its field, the other forms empty.
pub(crate) async fn desk_incident_page<D: Database>(
    app: &App<D>,
    caller: &Caller,
    id: &str,
    refused: Option<Refused<'_>>,
    lang: DeskLanguage,
    now: Instant,
) -> Result<Handled> {
    let (staff, timeline) = match app.desk_incident(caller, id).await {
        Ok(read) => read,
        Err(error) => return refusal_page(lang.unknown(), Area::Desk, error),
    };
    let lang = lang.of_staff(&staff);
    let desk = Area::DeskAs(staff.role);
    let incident = &timeline.incident;
    let mut html = at_the_top(lang, &timeline, now);
    html.push(timeline_html(lang, &timeline));
    html.push(crate::web::attachments::section(
        lang,
        &timeline,
        &format!("/desk/incidents/{id}"),
    ));
    let title = format!("{}: {}", incident.title(), incident.subject);
    // A closed incident is read, not worked: no forms, no call buttons.
    if incident.callback.status == crate::domain::incident::Status::Closed {
        return Ok(page_in(lang, desk, 200, &title, html).into());
    }
    let empty = FieldErrors::default();
    let no_values = Map::new();
    let (status, posted) = match &refused {
        Some(r) => (422, r.action),
        None => (200, ""),
    };
    // Only the refused form shows what was typed and its errors.
    let form_state = |action: &str| match &refused {
        Some(r) if r.action == action => (r.values, r.errors),
        _ => (&no_values, &empty),
    };
    let (attempt, attempt_errors) = form_state("attempts");
    let (session, session_errors) = form_state("sessions");
    let (message, message_errors) = form_state("messages");
    let (close, close_errors) = form_state("close");
    let value = |values: &Map<String, Value>, name: &str| {
        values
            .get(name)
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_owned()
    };
    let (attempt_errors, session_errors, message_errors, close_errors) = (
        &attempt_errors.clone().in_language(lang),
        &session_errors.clone().in_language(lang),
        &message_errors.clone().in_language(lang),
        &close_errors.clone().in_language(lang),
    );
    let field_error = |errors: &FieldErrors, name: &str| {
        error_for(errors, name).map_or(Html::EMPTY, |e| {
            html!("<p class=\"field-error\" role=\"alert\">{}</p>", e)
        })
    };
    let outcomes = [
        ("no_answer", m::desk_outcome_no_answer(lang)),
        ("busy", m::desk_outcome_busy(lang)),
        ("failed", m::desk_outcome_failed(lang)),
        ("reached", m::desk_outcome_reached(lang)),
    ];
    if !posted.is_empty() {
        html.push(html!(
            "<p class=\"field-error\" role=\"alert\">{}</p>\n",
            m::desk_incident_not_recorded(lang)
        ));
    }
    let id = &incident.id;
    if incident.assignee.as_deref() != Some(staff.email.as_str()) {
        html.push(html!(
            "<form method=\"post\" action=\"/desk/incidents/{}/take\"><button type=\"submit\">{}</button></form>\n",
            id,
            m::desk_incident_take(lang)
        ));
    }
    html.push(crate::web::portal::live_panel(lang, id, true));
    html.push(phone_panel(lang, id, timeline.phone_call.as_ref()));
    html.push(corrections(lang, &timeline, refused.as_ref()));
    let channel = m::desk_channel(lang);
    let (started, ended, reason) = (
        m::desk_session_started(lang),
        m::desk_session_ended(lang),
        m::desk_session_reason(lang),
    );
    html.push(html!(
        "<h2>{}</h2><form method=\"post\" action=\"/desk/incidents/{}/attempts\">{}{}{}{}{}<button type=\"submit\">{}</button></form>\n",
        m::desk_attempt_heading(lang),
        id,
        select_with("outcome", "outcome", m::desk_attempt_outcome(lang), &outcomes, &value(attempt, "outcome")),
        field_error(attempt_errors, "outcome"),
        select_with("attempt-channel", "channel", channel, &channels(lang), &value(attempt, "channel")),
        field_error(attempt_errors, "channel"),
        textarea_with("note", m::portal_internal_note(lang), &value(attempt, "note"), attempt_errors),
        m::desk_attempt_record(lang)
    ));
    html.push(html!(
        "<h2>{}</h2><p class=\"hint\">{}</p><form method=\"post\" action=\"/desk/incidents/{}/sessions\">{}{}{}{}{}<button type=\"submit\">{}</button></form>\n",
        m::desk_session_heading(lang),
        m::desk_session_hint(lang),
        id,
        input("started_at", started, "datetime-local", &value(session, "started_at"), session_errors, " step=\"1\" required"),
        input("ended_at", ended, "datetime-local", &value(session, "ended_at"), session_errors, " step=\"1\" required"),
        select_with("session-channel", "channel", channel, &channels(lang), &value(session, "channel")),
        field_error(session_errors, "channel"),
        textarea_with("reason", reason, &value(session, "reason"), session_errors),
        m::desk_session_log(lang)
    ));
    html.push(html!(
        "<h2>{}</h2><form method=\"post\" action=\"/desk/incidents/{}/messages\">{}<button type=\"submit\">{}</button></form>\n\
         <h2>{}</h2><form method=\"post\" action=\"/desk/incidents/{}/close\" data-confirm=\"{}\">{}<button type=\"submit\">{}</button></form>",
        m::desk_message_heading(lang),
        id,
        textarea_with("body", m::desk_message_body(lang), &value(message, "body"), message_errors),
        m::desk_message_send(lang),
        m::desk_close_heading(lang),
        id,
        m::desk_close_confirm(lang),
        textarea_with("resolution", m::desk_close_resolution(lang), &value(close, "resolution"), close_errors),
        m::desk_close_button(lang)
    ));
    Ok(page_in(lang, desk, status, &title, html).into())
}

/// What the agent needs before calling: who asked and how to reach them,
/// when it was raised, and how long is left to the target and deadline.
fn at_the_top(lang: Language, timeline: &crate::app::incidents::Timeline, now: Instant) -> Html {
    let incident = &timeline.incident;
    let c = &incident.callback;
    let ago = |at: Instant| -> String { m::desk_ago(lang, &span(lang, now - at, true)) };
    let left = |by: Instant| -> String {
        if by <= now {
            m::desk_passed_ago(lang, &span(lang, now - by, true))
        } else {
            m::desk_left(lang, &span(lang, by - now, false))
        }
    };
    let (company, contact, email, phone) = timeline.customer.as_ref().map_or(
        (
            "",
            "",
            "",
            incident.phone.as_ref().map_or("", Phone::as_str),
        ),
        |k| {
            (
                k.customer.company_name.as_str(),
                k.contact.name.as_str(),
                k.contact.email.as_str(),
                incident
                    .phone
                    .as_ref()
                    .map_or(k.contact.phone.as_str(), Phone::as_str),
            )
        },
    );
    let tel: String = phone
        .chars()
        .filter(|ch| ch.is_ascii_digit() || *ch == '+')
        .collect();
    let open = c.status != crate::domain::incident::Status::Closed;
    html!(
        "<dl id=\"incident-summary\"><dt>{}</dt><dd>{}</dd><dt>{}</dt><dd>{} · {}</dd>\
         <dt>{}</dt><dd><a href=\"mailto:{}\">{}</a></dd><dt>{}</dt><dd><a href=\"tel:{}\">{}</a></dd>\
         <dt>{}</dt><dd>{}</dd><dt>{}</dt><dd>{} ({})</dd>{}{}</dl>\n",
        m::desk_incident_number(lang),
        incident.title(),
        m::desk_incident_customer(lang),
        company,
        contact,
        m::desk_incident_email(lang),
        email,
        email,
        m::desk_incident_phone(lang),
        tel,
        crate::domain::phone::shown(phone),
        m::desk_incident_preferred_times(lang),
        incident
            .preferred_times
            .as_deref()
            .unwrap_or(m::desk_incident_any_time(lang)),
        m::desk_incident_raised(lang),
        when(lang, incident.created_at),
        ago(incident.created_at),
        if open {
            html!(
                "<dt>{}</dt><dd>{} ({})</dd><dt>{}</dt><dd>{} ({})</dd>",
                m::desk_incident_target(lang),
                when(lang, c.target_by),
                left(c.target_by),
                m::desk_incident_deadline(lang),
                when(lang, c.due_by),
                left(c.due_by)
            )
        } else {
            Html::EMPTY
        },
        incident.assignee.as_deref().map_or(Html::EMPTY, |who| html!(
            "<dt>{}</dt><dd>{}</dd>",
            m::desk_incident_taken_by(lang),
            who
        ))
    )
}

/// Start and Stop of a phone call, timed by the server's clock; a call
/// started and not stopped shows as running after a reload.
fn phone_panel(lang: Language, id: &str, running: Option<&crate::store::PhoneCallRecord>) -> Html {
    match running {
        None => html!(
            "<section id=\"phone\" aria-labelledby=\"phone-heading\"><h2 id=\"phone-heading\">{}</h2>\
             <p>{}</p>\
             <form method=\"post\" action=\"/desk/incidents/{}/phone/start\"><button type=\"submit\" id=\"phone-start\">{}</button></form></section>\n",
            m::desk_phone_heading(lang),
            m::desk_phone_intro(lang),
            id,
            m::desk_phone_start(lang)
        ),
        Some(call) => html!(
            "<section id=\"phone\" aria-labelledby=\"phone-heading\"><h2 id=\"phone-heading\">{}</h2>\
             <p id=\"phone-running\" role=\"status\">{}</p>\
             <form method=\"post\" action=\"/desk/incidents/{}/phone/stop\"><button type=\"submit\" id=\"phone-stop\">{}</button></form> \
             <form method=\"post\" action=\"/desk/incidents/{}/phone/discard\" data-confirm=\"{}\"><button type=\"submit\" class=\"secondary\">{}</button></form></section>\n",
            m::desk_phone_heading(lang),
            m::desk_phone_running(
                lang,
                m::DeskPhoneRunning {
                    since_html: &when(lang, call.started_at),
                    agent: &call.agent,
                }
            ),
            id,
            m::desk_phone_stop(lang),
            id,
            m::desk_phone_discard_confirm(lang),
            m::desk_phone_discard(lang)
        ),
    }
}

/// A form per recorded session to correct its times (Ljubljana's wall
/// clock, to the second) with a reason; the refused one comes back as typed.
fn corrections(lang: Language, timeline: &Timeline, refused: Option<&Refused<'_>>) -> Html {
    if timeline.sessions.is_empty() {
        return Html::EMPTY;
    }
    let forms: Html = timeline
        .sessions
        .iter()
        .map(|s| {
            let session_id = &s.session.id;
            let action = format!("correct:{session_id}");
            let (values, errors) = match refused {
                Some(r) if r.action == action => (Some(r.values), Some(r.errors)),
                _ => (None, None),
            };
            let typed = |name: &str, default: String| {
                values
                    .and_then(|v| v.get(name))
                    .and_then(Value::as_str)
                    .map_or(default, str::to_owned)
            };
            let field = |name: &str, label: &str, kind: &str, default: String| {
                let field_id = format!("{name}-{session_id}");
                let error = errors.and_then(|e| error_for(&e.clone().in_language(lang), name));
                let (described, message) = error.map_or((Html::EMPTY, Html::EMPTY), |e| {
                    (
                        html!(" aria-invalid=\"true\" aria-describedby=\"{}-error\"", field_id),
                        html!(
                            "<span id=\"{}-error\" class=\"field-error\" role=\"alert\">{}</span>",
                            field_id,
                            e
                        ),
                    )
                });
                let value = typed(name, default);
                if kind == "textarea" {
                    html!(
                        "<label for=\"{}\">{}</label> <textarea id=\"{}\" name=\"{}\" rows=\"2\" required{}>{}</textarea>{} ",
                        field_id, label, field_id, name, described, value, message
                    )
                } else {
                    html!(
                        "<label for=\"{}\">{}</label> <input id=\"{}\" name=\"{}\" type=\"{}\" step=\"1\" value=\"{}\" required{}>{} ",
                        field_id, label, field_id, name, kind, value, described, message
                    )
                }
            };
            let channel = typed("channel", s.channel.as_str().to_owned());
            html!(
                "<li><form method=\"post\" action=\"/desk/incidents/{}/sessions/{}\" class=\"correction\">\
                 <p>{} · {} · {}</p>{}{}{}{}<button type=\"submit\">{}</button></form></li>\n",
                timeline.incident.id,
                session_id,
                when(lang, s.session.started_at),
                m::desk_span_minutes(lang, (s.session.seconds() + 59) / 60),
                s.agent,
                field("started_at", m::desk_session_started(lang), "datetime-local", format_local_input(s.session.started_at)),
                field("ended_at", m::desk_session_ended(lang), "datetime-local", format_local_input(s.session.ended_at)),
                select_field(&format!("channel-{session_id}"), "channel", m::desk_channel(lang), &channels(lang), &channel),
                field("reason", m::desk_session_reason(lang), "textarea", String::new()),
                m::desk_correct_button(lang)
            )
        })
        .collect();
    html!(
        "<h2>{}</h2><p class=\"hint\">{}</p><ol class=\"corrections\">{}</ol>\n",
        m::desk_correct_heading(lang),
        m::desk_correct_hint(lang),
        forms
    )
}

/// The desk's forms on an incident: attempts, sessions (`correct:{id}`
/// corrects one), the phone call (`phone/start`, `phone/stop`,
/// `phone/discard`), messages, closing.
pub async fn desk_action<D: Database>(
    app: &App<D>,
    request: &Request,
    caller: &Caller,
    id: &str,
    action: &str,
    now: Instant,
    entropy: &mut Entropy,
) -> Result<Handled> {
    let object = form(request)?;
    let lang = DeskLanguage::of(request);
    let back = format!("/desk/incidents/{id}");
    let outcome = match action {
        "attempts" => match AttemptInput::parse(&object) {
            Ok(input) => app
                .record_attempt(caller, id, input, now, entropy)
                .await
                .map(|(_, _, jobs)| jobs),
            Err(errors) => Err(AppError::Invalid(errors)),
        },
        "sessions" => match DeskSessionInput::parse(&object) {
            Ok(input) => app
                .change_session(caller, id, None, Some(input.session), now, entropy)
                .await
                .map(|charged| charged.jobs),
            Err(errors) => Err(AppError::Invalid(errors)),
        },
        "phone/start" => app
            .start_phone_call(caller, id, now)
            .await
            .map(|_| Vec::new()),
        "phone/stop" => app
            .stop_phone_call(caller, id, now, entropy)
            .await
            .map(|charged| charged.jobs),
        "phone/discard" => app
            .discard_phone_call(caller, id)
            .await
            .map(|()| Vec::new()),
        correction if correction.starts_with("correct:") => {
            let session_id = &correction["correct:".len()..];
            match DeskSessionInput::parse(&object) {
                Ok(input) => app
                    .change_session(
                        caller,
                        id,
                        Some(session_id),
                        Some(input.session),
                        now,
                        entropy,
                    )
                    .await
                    .map(|charged| charged.jobs),
                Err(errors) => Err(AppError::Invalid(errors)),
            }
        }
        "messages" => match crate::app::incidents::message_body(&object) {
            Ok(body) => app.staff_message(caller, id, body, now, entropy).await,
            Err(errors) => Err(AppError::Invalid(errors)),
        },
        _ => match crate::app::incidents::resolution(&object) {
            Ok(resolution) => app
                .close_incident(caller, id, resolution, now, entropy)
                .await
                .map(|(_, jobs)| jobs),
            Err(errors) => Err(AppError::Invalid(errors)),
        },
    };
    match outcome {
        Ok(jobs) => Ok(Handled::with_jobs(Response::redirect(&back), jobs)),
        Err(AppError::Invalid(errors)) => {
            let refused = Refused {
                action,
                values: &object,
                errors: &errors,
            };
            desk_incident_page(app, caller, id, Some(refused), lang, now).await
        }
        Err(error) => refusal_page(lang.unknown(), Area::Desk, error),
    }
}

/// The desk's "Take (mine)" button: the incident becomes the agent's.
pub async fn take_incident<D: Database>(
    app: &App<D>,
    caller: &Caller,
    id: &str,
    lang: Language,
) -> Result<Handled> {
    match app.take_incident(caller, id).await {
        Ok(_) => Ok(Response::redirect(&format!("/desk/incidents/{id}")).into()),
        Err(error) => refusal_page(lang, Area::Desk, error),
    }
}
