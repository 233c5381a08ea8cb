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
    let filter = match crate::app::input::queue_filter(|name| request.query_param(name)) {
        Ok(filter) => filter,
        Err(errors) => return refusal_page(UNTRANSLATED, Area::Desk, AppError::Invalid(errors)),
    };
    let (staff, queue) = app.desk_queue(caller, &filter, now).await?;
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
                ("ok", html!("closed {}", when(UNTRANSLATED, closed)))
            } else if i.callback.deadline_missed(now) {
                ("late", html!("deadline missed"))
            } else if left <= Duration::zero() {
                ("ok", html!("deadline passed"))
            } else if left <= Duration::hours(4) {
                ("soon", html!("{} min left", left.num_minutes()))
            } else {
                ("ok", html!("{} h left", left.num_hours()))
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
                status_text(UNTRANSLATED, i.callback.status.as_str()),
                when(UNTRANSLATED, i.callback.due_by),
                label,
                i.assignee.as_deref().unwrap_or("nobody yet")
            )
        })
        .collect();
    let mut html = queue_controls(&filter, &queue);
    let (name, empty) = view_words(&filter);
    if queue.page.incidents.is_empty() {
        html.push(html!("<p id=\"queue-empty\" role=\"status\">{}</p>", empty));
    } else {
        let order = if filter.view.closed() {
            "most recently closed first"
        } else {
            "nearest deadline first"
        };
        let caption = format!("{name}, {order}");
        html.push(scroll_region(
            &caption,
            html!(
                "<table id=\"incident-queue\"><caption>{}</caption>\
                 <thead><tr><th scope=\"col\">Incident</th><th scope=\"col\">Status</th><th scope=\"col\">Call by</th><th scope=\"col\">Time left</th><th scope=\"col\">Taken by</th></tr></thead>\
                 <tbody>{}</tbody></table>",
                caption,
                rows
            ),
        ));
    }
    html.push(pages(&filter, &queue.page));
    if queue.charted {
        html.push(html!("\n<h2>The last 30 days</h2>\n"));
        html.push(crate::web::chart::callback_times(
            UNTRANSLATED,
            &queue.callback_after,
            queue.target,
            queue.deadline,
        ));
        html.push(crate::web::chart::coupons_per_day(
            UNTRANSLATED,
            &queue.coupons_per_day,
        ));
    }
    Ok(page_in(UNTRANSLATED, desk, 200, "Support desk", html).into())
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
fn view_words(filter: &QueueFilter) -> (String, String) {
    let (name, empty) = match (filter.view, &filter.assignee) {
        (View::Open, Assignee::Me) => ("Your open incidents", "You have no open incidents."),
        (View::Open, Assignee::Nobody) => (
            "Open incidents nobody has taken",
            "No open incident waits for someone to take it.",
        ),
        (View::Open, _) => ("Open incidents", "No open incidents."),
        (View::Breached, _) => ("Breached incidents", "No breached incidents. Good."),
        (View::Is(Status::AwaitingCallback), _) => (
            "Incidents awaiting the callback",
            "No incidents await a callback.",
        ),
        (View::Is(Status::InProgress), _) => ("Incidents in progress", "No incidents in progress."),
        (View::Is(Status::AwaitingCustomer), _) => (
            "Incidents awaiting the customer",
            "No incidents await the customer.",
        ),
        (View::Is(Status::Closed), _) => ("Closed incidents", "No closed incidents."),
    };
    let agent = match &filter.assignee {
        Assignee::Agent(email) => format!(" taken by {email}"),
        _ => String::new(),
    };
    let (name, empty) = (format!("{name}{agent}"), empty.to_owned());
    match (&filter.assignee, empty.strip_suffix('.')) {
        (Assignee::Agent(_), Some(text)) => (name, format!("{text}{agent}.")),
        _ => (name, empty),
    }
}

/// The views as tabs (the current one marked), the filter by agent, and
/// the organisation filtered by with a link to clear it.
fn queue_controls(filter: &QueueFilter, queue: &crate::app::DeskQueue) -> Html {
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
        tab("Open", View::Open, Assignee::Anyone),
        tab(
            "Awaiting customer",
            View::Is(Status::AwaitingCustomer),
            Assignee::Anyone,
        ),
        tab("Breached", View::Breached, Assignee::Anyone),
        tab("Closed", View::Is(Status::Closed), Assignee::Anyone),
        tab("Mine", View::Open, Assignee::Me),
        tab("Unassigned", View::Open, Assignee::Nobody),
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
        option("", "Everyone"),
        option("me", "Me"),
        option("none", "Nobody yet"),
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
                .unwrap_or_else(|| format!("an unknown organisation ({id})"));
            (
                html!("<input type=\"hidden\" name=\"organisation_id\" value=\"{}\">", id),
                html!(
                    "<p id=\"queue-organisation\">Only the incidents of <a href=\"/desk/organisations/{}\">{}</a>. <a href=\"{}\">Clear: every organisation's</a></p>",
                    id,
                    name,
                    queue_href(&cleared)
                ),
            )
        }
        None => (Html::EMPTY, Html::EMPTY),
    };
    html!(
        "<nav class=\"queue-views\" aria-label=\"Incident views\"><ul>{}</ul></nav>\
         {}<form method=\"get\" action=\"/desk\" class=\"queue-filter\">\
         <input type=\"hidden\" name=\"status\" value=\"{}\">{}\
         <label for=\"queue-assignee\">Taken by</label> \
         <select id=\"queue-assignee\" name=\"assignee\">{}</select> \
         <button type=\"submit\">Show</button></form>",
        tabs,
        organisation,
        filter.view.as_str(),
        organisation_field,
        options
    )
}

/// Older and newer pages of closed incidents.
fn pages(filter: &QueueFilter, page: &crate::app::QueuePage) -> Html {
    let newer = if page.page > 1 {
        html!(
            "<a href=\"{}\" rel=\"prev\">Newer</a> ",
            queue_href(&filter.on_page(page.page - 1))
        )
    } else {
        Html::EMPTY
    };
    let older = page.next_page.map_or(Html::EMPTY, |next| {
        html!(
            "<a href=\"{}\" rel=\"next\">Older</a>",
            queue_href(&filter.on_page(next))
        )
    });
    if page.page == 1 && page.next_page.is_none() {
        return Html::EMPTY;
    }
    html!(
        "<nav class=\"queue-pages\" aria-label=\"Pages\"><p>Page {}. {}{}</p></nav>",
        page.page,
        newer,
        older
    )
}

pub async fn desk_incident<D: Database>(
    app: &App<D>,
    caller: &Caller,
    id: &str,
    now: Instant,
) -> Result<Handled> {
    desk_incident_page(app, caller, id, None, now).await
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
    now: Instant,
) -> Result<Handled> {
    let (staff, timeline) = match app.desk_incident(caller, id).await {
        Ok(read) => read,
        Err(error) => return refusal_page(UNTRANSLATED, Area::Desk, error),
    };
    let desk = Area::DeskAs(staff.role);
    let incident = &timeline.incident;
    let mut html = at_the_top(&timeline, now);
    html.push(timeline_html(UNTRANSLATED, &timeline));
    html.push(crate::web::attachments::section(
        UNTRANSLATED,
        &timeline,
        &format!("/desk/incidents/{id}"),
    ));
    let title = format!("{}: {}", incident.title(), incident.subject);
    // A closed incident is read, not worked: no forms, no call buttons.
    if incident.callback.status == crate::domain::incident::Status::Closed {
        return Ok(page_in(UNTRANSLATED, desk, 200, &title, html).into());
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
    let field_error = |errors: &FieldErrors, name: &str| {
        error_for(errors, name).map_or(Html::EMPTY, |e| {
            html!("<p class=\"field-error\" role=\"alert\">{}</p>", e)
        })
    };
    let outcomes = [
        ("no_answer", "No answer"),
        ("busy", "Busy"),
        ("failed", "Failed"),
        ("reached", "Reached"),
    ];
    if !posted.is_empty() {
        html.push(html!(
            "<p class=\"field-error\" role=\"alert\">Nothing was recorded: correct the marked field below.</p>\n"
        ));
    }
    let id = &incident.id;
    if incident.assignee.as_deref() != Some(staff.email.as_str()) {
        html.push(html!(
            "<form method=\"post\" action=\"/desk/incidents/{}/take\"><button type=\"submit\">Take it (mine)</button></form>\n",
            id
        ));
    }
    html.push(crate::web::portal::live_panel(UNTRANSLATED, id, true));
    html.push(phone_panel(id, timeline.phone_call.as_ref()));
    html.push(corrections(&timeline, refused.as_ref()));
    html.push(html!(
        "<h2>Record a callback attempt</h2><form method=\"post\" action=\"/desk/incidents/{}/attempts\">{}{}{}{}{}<button type=\"submit\">Record attempt</button></form>\n\
         <h2>Log a support session</h2><p class=\"hint\">Calls in the browser and phone calls timed with Start and Stop are measured; log by hand only what was not. Times are Ljubljana's.</p><form method=\"post\" action=\"/desk/incidents/{}/sessions\">{}{}{}{}{}<button type=\"submit\">Log session</button></form>\n\
         <h2>Write to the customer</h2><form method=\"post\" action=\"/desk/incidents/{}/messages\">{}<button type=\"submit\">Send</button></form>\n\
         <h2>Close</h2><form method=\"post\" action=\"/desk/incidents/{}/close\" data-confirm=\"Close this incident and email the statement?\">{}<button type=\"submit\">Close incident</button></form>",
        id,
        select_with("outcome", "outcome", "Outcome", &outcomes, &value(attempt, "outcome")),
        field_error(attempt_errors, "outcome"),
        select_with("attempt-channel", "channel", "Channel", &channels(UNTRANSLATED), &value(attempt, "channel")),
        field_error(attempt_errors, "channel"),
        textarea_with("note", crate::web::portal::INTERNAL_NOTE, &value(attempt, "note"), attempt_errors),
        id,
        input("started_at", "Started (Ljubljana time)", "datetime-local", &value(session, "started_at"), session_errors, " step=\"1\" required"),
        input("ended_at", "Ended (Ljubljana time)", "datetime-local", &value(session, "ended_at"), session_errors, " step=\"1\" required"),
        select_with("session-channel", "channel", "Channel", &channels(UNTRANSLATED), &value(session, "channel")),
        field_error(session_errors, "channel"),
        textarea_with("reason", "Reason (kept in the audit log)", &value(session, "reason"), session_errors),
        id,
        textarea_with("body", "Message", &value(message, "body"), message_errors),
        id,
        textarea_with("resolution", "Resolution", &value(close, "resolution"), close_errors)
    ));
    Ok(page_in(UNTRANSLATED, desk, status, &title, html).into())
}

/// What the agent needs before calling: who asked and how to reach them,
/// when it was raised, and how long is left to the target and deadline.
fn at_the_top(timeline: &crate::app::incidents::Timeline, now: Instant) -> Html {
    let incident = &timeline.incident;
    let c = &incident.callback;
    let ago = |at: Instant| -> String { span(now - at) + " ago" };
    let left = |by: Instant| -> String {
        if by <= now {
            format!("passed {} ago", span(now - by))
        } else {
            format!("{} left", span(by - now))
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
        "<dl id=\"incident-summary\"><dt>Number</dt><dd>{}</dd><dt>Customer</dt><dd>{} · {}</dd>\
         <dt>Email</dt><dd><a href=\"mailto:{}\">{}</a></dd><dt>Phone</dt><dd><a href=\"tel:{}\">{}</a></dd>\
         <dt>Preferred call times</dt><dd>{}</dd><dt>Raised</dt><dd>{} ({})</dd>{}{}</dl>\n",
        incident.title(),
        company,
        contact,
        email,
        email,
        tel,
        phone,
        incident.preferred_times.as_deref().unwrap_or("any time"),
        when(UNTRANSLATED, incident.created_at),
        ago(incident.created_at),
        if open {
            html!(
                "<dt>Target</dt><dd>{} ({})</dd><dt>Deadline</dt><dd>{} ({})</dd>",
                when(UNTRANSLATED, c.target_by),
                left(c.target_by),
                when(UNTRANSLATED, c.due_by),
                left(c.due_by)
            )
        } else {
            Html::EMPTY
        },
        incident.assignee.as_deref().map_or(Html::EMPTY, |who| html!("<dt>Taken by</dt><dd>{}</dd>", who))
    )
}

/// A span of time as an agent says it: minutes, hours and minutes, or days.
fn span(d: Duration) -> String {
    let minutes = d.num_minutes().max(0);
    match minutes {
        0..=59 => format!("{minutes} min"),
        60..=2879 => format!("{} h {} min", minutes / 60, minutes % 60),
        _ => format!("{} days", minutes / 1440),
    }
}

/// Start and Stop of a phone call, timed by the server's clock; a call
/// started and not stopped shows as running after a reload.
fn phone_panel(id: &str, running: Option<&crate::store::PhoneCallRecord>) -> Html {
    match running {
        None => html!(
            "<section id=\"phone\" aria-labelledby=\"phone-heading\"><h2 id=\"phone-heading\">Phone call</h2>\
             <p>Phoning the customer? Start when they answer and Stop when you hang up: the portal times the call by its own clock.</p>\
             <form method=\"post\" action=\"/desk/incidents/{}/phone/start\"><button type=\"submit\" id=\"phone-start\">Start phone call</button></form></section>\n",
            id
        ),
        Some(call) => html!(
            "<section id=\"phone\" aria-labelledby=\"phone-heading\"><h2 id=\"phone-heading\">Phone call</h2>\
             <p id=\"phone-running\" role=\"status\">A phone call is running since {}, started by {}.</p>\
             <form method=\"post\" action=\"/desk/incidents/{}/phone/stop\"><button type=\"submit\" id=\"phone-stop\">Stop phone call</button></form> \
             <form method=\"post\" action=\"/desk/incidents/{}/phone/discard\" data-confirm=\"Discard this phone call without recording it?\"><button type=\"submit\" class=\"secondary\">Discard without recording</button></form></section>\n",
            when(UNTRANSLATED, call.started_at),
            call.agent,
            id,
            id
        ),
    }
}

/// A form per recorded session to correct its times (Ljubljana's wall
/// clock, to the second) with a reason; the refused one comes back as typed.
fn corrections(timeline: &Timeline, refused: Option<&Refused<'_>>) -> Html {
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
                let error = errors.and_then(|e| error_for(e, name));
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
                 <p>{} · {} min · {}</p>{}{}{}{}<button type=\"submit\">Correct</button></form></li>\n",
                timeline.incident.id,
                session_id,
                when(UNTRANSLATED, s.session.started_at),
                (s.session.seconds() + 59) / 60,
                s.agent,
                field("started_at", "Started (Ljubljana time)", "datetime-local", format_local_input(s.session.started_at)),
                field("ended_at", "Ended (Ljubljana time)", "datetime-local", format_local_input(s.session.ended_at)),
                select_field(&format!("channel-{session_id}"), "channel", "Channel", &channels(UNTRANSLATED), &channel),
                field("reason", "Reason (kept in the audit log)", "textarea", String::new())
            )
        })
        .collect();
    html!(
        "<h2>Correct a session</h2><p class=\"hint\">Times are Ljubljana's; every correction needs a reason and is audited. The whole incident is charged again in started 15-minute increments.</p><ol class=\"corrections\">{}</ol>\n",
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
            desk_incident_page(app, caller, id, Some(refused), now).await
        }
        Err(error) => refusal_page(UNTRANSLATED, Area::Desk, error),
    }
}

/// The desk's "Take (mine)" button: the incident becomes the agent's.
pub async fn take_incident<D: Database>(
    app: &App<D>,
    caller: &Caller,
    id: &str,
) -> Result<Handled> {
    match app.take_incident(caller, id).await {
        Ok(_) => Ok(Response::redirect(&format!("/desk/incidents/{id}")).into()),
        Err(error) => refusal_page(UNTRANSLATED, Area::Desk, error),
    }
}
