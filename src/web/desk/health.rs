//! The desk's health page, for admins: what waits for the queue, emails in
//! trouble (with their actions), this week's missed callback deadlines,
//! and the cron sweep's last run.

use super::*;
use crate::app::Health;

/// `GET /desk/health`.
pub async fn health_page<D: Database>(
    app: &App<D>,
    caller: &Caller,
    lang: DeskLanguage,
    now: Instant,
) -> Result<Handled> {
    let (staff, health) = app.health(caller, now).await?;
    let lang = lang.of_staff(&staff);
    let Health {
        backlog,
        troubled,
        breaches,
        week_start,
        last_cron_run,
    } = &health;
    let count = |n: i64| html!("{}", crate::domain::format::number(lang, n));
    let queue = table(
        lang,
        m::desk_health_queue(lang),
        &[m::desk_health_what(lang), m::desk_health_how_many(lang)],
        &[
            vec![
                html!("{}", m::desk_health_emails_due(lang)),
                count(backlog.emails_due),
            ],
            vec![
                html!("{}", m::desk_health_emails_waiting(lang)),
                count(backlog.emails_waiting),
            ],
            vec![
                html!("{}", m::desk_health_emails_sending(lang)),
                count(backlog.emails_sending),
            ],
            vec![
                html!("{}", m::desk_health_timers_due(lang)),
                count(backlog.timers_due),
            ],
            vec![
                html!("{}", m::desk_health_bulletin_emails(lang)),
                count(backlog.bulletin_recipients),
            ],
        ],
    );
    let cron = match last_cron_run {
        Some(run) => {
            let outcome = match &run.error {
                Some(error) => m::desk_health_cron_stopped(lang, error),
                None => m::desk_health_cron_jobs(lang, run.jobs),
            };
            html!(
                "<p id=\"last-cron-run\">{}</p>",
                m::desk_health_cron_ran(
                    lang,
                    m::DeskHealthCronRan {
                        started_html: &when(lang, run.started_at),
                        finished_html: &when(lang, run.finished_at),
                        outcome: &outcome,
                    }
                )
            )
        }
        None => html!(
            "<p id=\"last-cron-run\">{}</p>",
            m::desk_health_cron_never(lang)
        ),
    };
    let emails: Vec<Vec<Html>> = troubled
        .iter()
        .map(|email| {
            let status = if email.status == "unknown" {
                email_unknown(lang)
            } else {
                html!("{}", m::desk_email_failed_after(lang, email.attempts))
            };
            let resend = if email.resendable() {
                html!(
                    "<form method=\"post\" action=\"/desk/health/emails/{}/resend\" class=\"inline\" \
                     data-confirm=\"{}\"><button type=\"submit\">{}</button></form> ",
                    email.id,
                    m::desk_health_resend_confirm(lang, &email.to),
                    m::desk_health_resend(lang)
                )
            } else {
                html!("<span>{}</span> ", m::desk_health_link_email(lang))
            };
            vec![
                when(lang, email.created_at),
                html!("{}", email.to),
                html!("{}", email.subject),
                status,
                html!("{}", email.last_error.as_deref().unwrap_or("")),
                html!(
                    "{}<form method=\"post\" action=\"/desk/health/emails/{}/close\" class=\"inline\"><button type=\"submit\">{}</button></form>",
                    resend,
                    email.id,
                    m::desk_health_close(lang)
                ),
            ]
        })
        .collect();
    let emails = if emails.is_empty() {
        html!(
            "<h2>{}</h2>\n<p>{}</p>",
            m::desk_health_troubled(lang),
            m::desk_health_troubled_none(lang)
        )
    } else {
        table(
            lang,
            m::desk_health_troubled_caption(lang),
            &[
                m::desk_email_written(lang),
                m::desk_email_to(lang),
                m::desk_email_subject(lang),
                m::desk_email_status(lang),
                m::desk_email_last_error(lang),
                m::desk_email_action(lang),
            ],
            &emails,
        )
    };
    let missed: Vec<Vec<Html>> = breaches
        .iter()
        .map(|breach| {
            vec![
                when(lang, breach.at),
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
            "<h2>{}</h2>\n<p>{}</p>",
            m::desk_health_missed(lang),
            m::desk_health_missed_none(lang, &when(lang, *week_start))
        )
    } else {
        table(
            lang,
            m::desk_health_missed(lang),
            &[
                m::desk_health_missed_at(lang),
                m::desk_health_incident(lang),
            ],
            &missed,
        )
    };
    let body = html!("{}\n{}\n{}\n{}", cron, queue, emails, missed);
    Ok(page_in(
        lang,
        Area::DeskAs(staff.role),
        200,
        m::desk_health_title(lang),
        body,
    )
    .into())
}

/// `POST /desk/health/emails/{id}/resend`.
pub async fn resend_email<D: Database>(
    app: &App<D>,
    caller: &Caller,
    outbox_id: &str,
    lang: Language,
    now: Instant,
    entropy: &mut Entropy,
) -> Result<Handled> {
    match app.resend_email(caller, outbox_id, now, entropy).await {
        Ok(jobs) => Ok(Handled::with_jobs(Response::redirect("/desk/health"), jobs)),
        Err(error @ AppError::Operations(_)) => Ok(problem_page(lang, Area::Desk, error.into())),
        Err(other) => Err(other.into()),
    }
}

/// `POST /desk/health/emails/{id}/close`.
pub async fn close_email<D: Database>(
    app: &App<D>,
    caller: &Caller,
    outbox_id: &str,
    lang: Language,
    now: Instant,
) -> Result<Handled> {
    match app.close_email(caller, outbox_id, now).await {
        Ok(()) => Ok(Response::redirect("/desk/health").into()),
        Err(error @ AppError::Operations(_)) => Ok(problem_page(lang, Area::Desk, error.into())),
        Err(other) => Err(other.into()),
    }
}
