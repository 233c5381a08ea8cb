//! The desk's health page, for admins: what waits for the queue, emails in
//! trouble (with their actions), this week's missed callback deadlines,
//! and the cron sweep's last run.

use super::*;
use crate::app::Health;

/// `GET /desk/health`.
pub async fn health_page<D: Database>(
    app: &App<D>,
    caller: &Caller,
    now: Instant,
) -> Result<Handled> {
    let (staff, health) = app.health(caller, now).await?;
    let Health {
        backlog,
        troubled,
        breaches,
        week_start,
        last_cron_run,
    } = &health;
    let queue = table(
        UNTRANSLATED,
        "Waiting for the queue",
        &["What", "How many"],
        &[
            vec![html!("Emails due now"), html!("{}", backlog.emails_due)],
            vec![
                html!("Emails waiting out a retry"),
                html!("{}", backlog.emails_waiting),
            ],
            vec![
                html!("Emails being sent"),
                html!("{}", backlog.emails_sending),
            ],
            vec![
                html!("Callback timers due and not run"),
                html!("{}", backlog.timers_due),
            ],
            vec![
                html!("Bulletin emails not yet written"),
                html!("{}", backlog.bulletin_recipients),
            ],
        ],
    );
    let cron = match last_cron_run {
        Some(run) => {
            let outcome = match &run.error {
                Some(error) => html!("stopped: {}", error),
                None => html!("{} job(s) sent again", run.jobs),
            };
            html!(
                "<p id=\"last-cron-run\">The cron sweep last ran at {} and finished at {}: {}.</p>",
                when(UNTRANSLATED, run.started_at),
                when(UNTRANSLATED, run.finished_at),
                outcome
            )
        }
        None => html!("<p id=\"last-cron-run\">The cron sweep has not run yet (it runs every 10 minutes).</p>"),
    };
    let emails: Vec<Vec<Html>> = troubled
        .iter()
        .map(|email| {
            let status = if email.status == "unknown" {
                html!("unknown: the send was interrupted and may have arrived; check with the recipient")
            } else {
                html!("failed after {} attempt(s)", email.attempts)
            };
            let resend = if email.resendable() {
                html!(
                    "<form method=\"post\" action=\"/desk/health/emails/{}/resend\" class=\"inline\" \
                     data-confirm=\"Send this email again to {}?\"><button type=\"submit\">Resend</button></form> ",
                    email.id,
                    email.to
                )
            } else {
                html!("<span>A link email: the person asks for a new link.</span> ")
            };
            vec![
                when(UNTRANSLATED, email.created_at),
                html!("{}", email.to),
                html!("{}", email.subject),
                status,
                html!("{}", email.last_error.as_deref().unwrap_or("")),
                html!(
                    "{}<form method=\"post\" action=\"/desk/health/emails/{}/close\" class=\"inline\"><button type=\"submit\">Close</button></form>",
                    resend,
                    email.id
                ),
            ]
        })
        .collect();
    let emails = if emails.is_empty() {
        html!("<h2>Emails in trouble</h2>\n<p>No email failed or is in an unknown state.</p>")
    } else {
        table(
            UNTRANSLATED,
            "Emails in trouble: failed, or delivery unknown",
            &["Written", "To", "Subject", "Status", "Last error", "Action"],
            &emails,
        )
    };
    let missed: Vec<Vec<Html>> = breaches
        .iter()
        .map(|breach| {
            vec![
                when(UNTRANSLATED, breach.at),
                html!(
                    "<a href=\"/desk/incidents/{}\">{}</a>: {}",
                    breach.incident_id,
                    breach.number.as_deref().unwrap_or(&breach.incident_id),
                    breach.subject
                ),
            ]
        })
        .collect();
    let missed = if missed.is_empty() {
        html!(
            "<h2>Missed callback deadlines this week</h2>\n<p>None since {}.</p>",
            when(UNTRANSLATED, *week_start)
        )
    } else {
        table(
            UNTRANSLATED,
            "Missed callback deadlines this week",
            &["Missed at", "Incident"],
            &missed,
        )
    };
    let body = html!("{}\n{}\n{}\n{}", cron, queue, emails, missed);
    Ok(page_in(UNTRANSLATED, Area::DeskAs(staff.role), 200, "Health", body).into())
}

/// `POST /desk/health/emails/{id}/resend`.
pub async fn resend_email<D: Database>(
    app: &App<D>,
    caller: &Caller,
    outbox_id: &str,
    now: Instant,
    entropy: &mut Entropy,
) -> Result<Handled> {
    match app.resend_email(caller, outbox_id, now, entropy).await {
        Ok(jobs) => Ok(Handled::with_jobs(Response::redirect("/desk/health"), jobs)),
        Err(error @ AppError::Operations(_)) => {
            Ok(problem_page(UNTRANSLATED, Area::Desk, error.into()))
        }
        Err(other) => Err(other.into()),
    }
}

/// `POST /desk/health/emails/{id}/close`.
pub async fn close_email<D: Database>(
    app: &App<D>,
    caller: &Caller,
    outbox_id: &str,
    now: Instant,
) -> Result<Handled> {
    match app.close_email(caller, outbox_id, now).await {
        Ok(()) => Ok(Response::redirect("/desk/health").into()),
        Err(error @ AppError::Operations(_)) => {
            Ok(problem_page(UNTRANSLATED, Area::Desk, error.into()))
        }
        Err(other) => Err(other.into()),
    }
}
