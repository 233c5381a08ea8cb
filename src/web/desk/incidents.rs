//! The incident queue with its charts, one incident, and the desk's actions on it.

use super::*;

/// `GET /desk`: the incident queue and the desk's charts.
pub async fn incidents_page<D: Database>(
    app: &App<D>,
    caller: &Caller,
    now: Instant,
) -> Result<Handled> {
    let (staff, queue) = app.desk_queue(caller, now).await?;
    let role = staff.role;
    let desk = Area::DeskAs(role);
    // Finance sees the queue but works no incidents: no links it may not follow.
    let opens_incidents = role.may(&[crate::domain::staff::StaffRole::Agent]);
    let rows: Html = queue
        .incidents
        .iter()
        .map(|i| {
            let left = i.callback.due_by - now;
            let (class, label) = if left <= Duration::zero() {
                ("late", "deadline passed".to_owned())
            } else if left <= Duration::hours(4) {
                ("soon", format!("{} min left", left.num_minutes()))
            } else {
                ("ok", format!("{} h left", left.num_hours()))
            };
            let subject = if opens_incidents {
                html!("<a href=\"/desk/incidents/{}\">{}</a>", i.id, i.subject)
            } else {
                html!("{}", i.subject)
            };
            html!(
                "<tr class=\"{}\"><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                class,
                subject,
                status_text(i.callback.status.as_str()),
                when(i.callback.due_by),
                label
            )
        })
        .collect();
    let caption = "Open incidents, nearest deadline first";
    let mut html = scroll_region(
        caption,
        html!(
            "<table id=\"incident-queue\"><caption>{}</caption>\
             <thead><tr><th scope=\"col\">Incident</th><th scope=\"col\">Status</th><th scope=\"col\">Call by</th><th scope=\"col\">Time left</th></tr></thead>\
             <tbody>{}</tbody></table>",
            caption,
            rows
        ),
    );
    html.push(html!("\n<h2>The last 30 days</h2>\n"));
    html.push(crate::web::chart::callback_times(
        &queue.callback_after,
        queue.target,
        queue.deadline,
    ));
    html.push(crate::web::chart::coupons_per_day(&queue.coupons_per_day));
    Ok(page_in(desk, 200, "Support desk", html).into())
}

pub async fn desk_incident<D: Database>(
    app: &App<D>,
    caller: &Caller,
    id: &str,
) -> Result<Handled> {
    desk_incident_page(app, caller, id, None).await
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
) -> Result<Handled> {
    let (staff, timeline) = match app.desk_incident(caller, id).await {
        Ok(read) => read,
        Err(error) => return refusal_page(Area::Desk, error),
    };
    let desk = Area::DeskAs(staff.role);
    let incident = &timeline.incident;
    let mut html = timeline.customer.as_ref().map_or(Html::EMPTY, |c| {
        html!(
            "<p>{} · {} · {}</p>",
            c.customer.company_name,
            c.contact.name,
            incident
                .phone
                .as_ref()
                .map_or(c.contact.phone.as_str(), Phone::as_str)
        )
    });
    html.push(timeline_html(&timeline));
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
    html.push(html!(
        "<h2>Record a callback attempt</h2><form method=\"post\" action=\"/desk/incidents/{}/attempts\">{}{}{}{}{}<button type=\"submit\">Record attempt</button></form>\n\
         <h2>Log a support session</h2><form method=\"post\" action=\"/desk/incidents/{}/sessions\">{}{}{}{}<button type=\"submit\">Log session</button></form>\n\
         <h2>Write to the customer</h2><form method=\"post\" action=\"/desk/incidents/{}/messages\">{}<button type=\"submit\">Send</button></form>\n\
         <h2>Close</h2><form method=\"post\" action=\"/desk/incidents/{}/close\" data-confirm=\"Close this incident and email the statement?\">{}<button type=\"submit\">Close incident</button></form>",
        id,
        select_with("outcome", "outcome", "Outcome", &outcomes, &value(attempt, "outcome")),
        field_error(attempt_errors, "outcome"),
        select_with("attempt-channel", "channel", "Channel", &CHANNELS, &value(attempt, "channel")),
        field_error(attempt_errors, "channel"),
        textarea_with("note", crate::web::portal::INTERNAL_NOTE, &value(attempt, "note"), attempt_errors),
        id,
        input("started_at", "Started (RFC 3339, UTC)", "text", &value(session, "started_at"), session_errors, " placeholder=\"2026-11-26T09:30:00Z\" required"),
        input("ended_at", "Ended (RFC 3339, UTC)", "text", &value(session, "ended_at"), session_errors, " placeholder=\"2026-11-26T09:47:00Z\" required"),
        select_with("session-channel", "channel", "Channel", &CHANNELS, &value(session, "channel")),
        field_error(session_errors, "channel"),
        id,
        textarea_with("body", "Message", &value(message, "body"), message_errors),
        id,
        textarea_with("resolution", "Resolution", &value(close, "resolution"), close_errors)
    ));
    Ok(page_in(desk, status, &incident.subject, html).into())
}

/// The desk's forms on an incident: attempts, sessions, messages, closing.
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
        "sessions" => match SessionInput::parse(&object) {
            Ok(input) => app
                .change_session(caller, id, None, Some(input), now, entropy)
                .await
                .map(|charged| charged.jobs),
            Err(errors) => Err(AppError::Invalid(errors)),
        },
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
            desk_incident_page(app, caller, id, Some(refused)).await
        }
        Err(error) => refusal_page(Area::Desk, error),
    }
}
