//! The outbox: the emails the portal wrote, as staff may read them.

use super::*;

/// An email in the unknown state, with what to do about it.
pub(crate) fn email_unknown(lang: Language) -> Html {
    html!("{}", m::desk_email_unknown(lang))
}

pub async fn outbox_page<D: Database>(
    app: &App<D>,
    caller: &Caller,
    lang: DeskLanguage,
) -> Result<Handled> {
    let (staff, messages) = app.outbox(caller, None, 100).await?;
    let lang = lang.of_staff(&staff);
    let desk = Area::DeskAs(staff.role);
    let rows: Vec<Vec<Html>> = messages
        .iter()
        .map(|m| {
            let status = match m.status {
                crate::store::OutboxStatus::Pending if m.attempts > 0 => m::desk_email_retry(
                    lang,
                    m::DeskEmailRetry {
                        attempt: &(m.attempts + 1).to_string(),
                        at_html: &when(lang, m.next_attempt_at),
                    },
                ),
                crate::store::OutboxStatus::Unknown => email_unknown(lang),
                other => html!("{}", status_text(lang, other.as_str())),
            };
            vec![
                when(lang, m.created_at),
                html!("{}", m.to),
                html!("{}", m.subject),
                status,
                html!("{}", m.last_error.as_deref().unwrap_or("")),
            ]
        })
        .collect();
    let body = table(
        lang,
        m::desk_outbox_caption(lang),
        &[
            m::desk_email_written(lang),
            m::desk_email_to(lang),
            m::desk_email_subject(lang),
            m::desk_email_status(lang),
            m::desk_email_last_error(lang),
        ],
        &rows,
    );
    Ok(page_in(lang, desk, 200, m::desk_outbox_title(lang), body).into())
}
