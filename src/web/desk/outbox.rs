//! The outbox: the emails the portal wrote, as staff may read them.

use super::*;

pub async fn outbox_page<D: Database>(app: &App<D>, caller: &Caller) -> Result<Handled> {
    let (staff, messages) = app.outbox(caller, None, 100).await?;
    let desk = Area::DeskAs(staff.role);
    let rows: Vec<Vec<Html>> = messages
        .iter()
        .map(|m| {
            let status = match m.status {
                crate::store::OutboxStatus::Pending if m.attempts > 0 => html!(
                    "pending: attempt {} at {}",
                    m.attempts + 1,
                    when(UNTRANSLATED, m.next_attempt_at)
                ),
                crate::store::OutboxStatus::Unknown => html!(
                    "unknown: the send was interrupted and may have arrived; check with the recipient"
                ),
                other => html!("{}", status_text(UNTRANSLATED, other.as_str())),
            };
            vec![
                when(UNTRANSLATED, m.created_at),
                html!("{}", m.to),
                html!("{}", m.subject),
                status,
                html!("{}", m.last_error.as_deref().unwrap_or("")),
            ]
        })
        .collect();
    let body = table(
        UNTRANSLATED,
        "The last 100 emails",
        &["Written", "To", "Subject", "Status", "Last error"],
        &rows,
    );
    Ok(page_in(UNTRANSLATED, desk, 200, "Outbox", body).into())
}
