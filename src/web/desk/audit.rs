//! The audit log: who did what at the desk and by partners.

use super::*;

/// A staff or partner role as stored, in the reader's words; one the
/// catalogue does not know is shown as stored.
fn role_text(lang: Language, role: &str) -> Html {
    let said = match role {
        "admin" => m::desk2_role_admin(lang),
        "finance" => m::desk2_role_finance(lang),
        "agent" => m::desk2_role_agent(lang),
        "reseller" => m::desk2_role_reseller(lang),
        "technician" => m::desk2_role_technician(lang),
        "both" => m::desk2_role_both(lang),
        other => return html!("{}", other),
    };
    html!("{}", said)
}

/// `/desk/audit?target=&actor=`: who did what, newest first.
pub async fn audit_page<D: Database>(
    app: &App<D>,
    request: &Request,
    caller: &Caller,
    lang: Language,
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
                when(lang, e.created_at),
                html!("{} ({})", e.actor_name, role_text(lang, &e.role)),
                html!("{}", e.action),
                html!("{}", e.target),
                html!("<code>{}</code>", e.detail),
            ]
        })
        .collect();
    let filter = html!(
        "<form method=\"get\" action=\"/desk/audit\">{}{}<button type=\"submit\">{}</button></form>",
        input(
            "target",
            m::desk2_audit_target(lang),
            "text",
            target.as_deref().unwrap_or(""),
            &FieldErrors::default(),
            ""
        ),
        input(
            "actor",
            m::desk2_audit_actor(lang),
            "text",
            actor.as_deref().unwrap_or(""),
            &FieldErrors::default(),
            ""
        ),
        m::desk2_audit_filter(lang)
    );
    let body = html!(
        "{}{}",
        filter,
        table(
            lang,
            m::desk2_audit_caption(lang),
            &[
                m::desk2_audit_when(lang),
                m::desk2_audit_who(lang),
                m::desk2_audit_action(lang),
                m::desk2_audit_target_column(lang),
                m::desk2_audit_details(lang),
            ],
            &rows,
        )
    );
    Ok(page_in(lang, desk, 200, m::desk2_audit_title(lang), body).into())
}
