//! The audit log: who did what at the desk and by partners.

use super::*;

/// `/desk/audit?target=&actor=`: who did what, newest first.
pub async fn audit_page<D: Database>(
    app: &App<D>,
    request: &Request,
    caller: &Caller,
) -> Result<Handled> {
    let target = request
        .query_param("target")
        .filter(|t| !t.trim().is_empty());
    let actor = request
        .query_param("actor")
        .filter(|a| !a.trim().is_empty());
    let (staff, entries) = app
        .audit_log(caller, target.as_deref(), actor.as_deref(), 200)
        .await?;
    let desk = Area::DeskAs(staff.role);
    let rows: Vec<Vec<Html>> = entries
        .iter()
        .map(|e| {
            vec![
                when(UNTRANSLATED, e.created_at),
                html!("{} ({})", e.actor_name, e.role),
                html!("{}", e.action),
                html!("{}", e.target),
                html!("<code>{}</code>", e.detail),
            ]
        })
        .collect();
    let filter = html!(
        "<form method=\"get\" action=\"/desk/audit\">{}{}<button type=\"submit\">Filter</button></form>",
        input("target", "Target (an id)", "text", target.as_deref().unwrap_or(""), &FieldErrors::default(), ""),
        input("actor", "Actor (an id or email)", "text", actor.as_deref().unwrap_or(""), &FieldErrors::default(), "")
    );
    let body = html!(
        "{}{}",
        filter,
        table(
            UNTRANSLATED,
            "Staff and partner actions",
            &["When", "Who", "Action", "Target", "Details"],
            &rows,
        )
    );
    Ok(page_in(UNTRANSLATED, desk, 200, "Audit log", body).into())
}
