//! License claims: registrations of a serial someone else holds, or "0".

use super::*;

/// `GET /desk/claims`: the claims waiting for staff, each with its three
/// decisions.
pub async fn claims_page<D: Database>(
    app: &App<D>,
    caller: &Caller,
    lang: Language,
) -> Result<Handled> {
    let (staff, claims) = app.license_claims(caller).await?;
    let desk = Area::DeskAs(staff.role);
    let rows: Vec<Vec<Html>> = claims
        .iter()
        .map(|c| {
            let id = &c.id;
            let action = |what: &str| format!("/desk/claims/{id}/{what}");
            vec![
                when(lang, c.created_at),
                html!("{}<br>{}", c.company_name, c.email),
                html!("{}", c.serial),
                html!("{}", status_text(lang, c.status.as_str())),
                html!(
                    "<form method=\"post\" action=\"{}\" class=\"inline\"><label for=\"serial-{}\">{}</label> \
                     <input id=\"serial-{}\" name=\"serial\"> <button type=\"submit\">{}</button></form>\
                     <form method=\"post\" action=\"{}\" class=\"inline\"><button type=\"submit\">{}</button></form>\
                     <form method=\"post\" action=\"{}\" class=\"inline\"><label for=\"reason-{}\">{}</label> \
                     <input id=\"reason-{}\" name=\"reason\" required> <button type=\"submit\">{}</button></form>",
                    action("assign"),
                    id,
                    m::desk2_claims_serial(lang),
                    id,
                    m::desk2_claims_assign(lang),
                    action("join"),
                    m::desk2_claims_join(lang),
                    action("refuse"),
                    id,
                    m::desk2_claims_reason(lang),
                    id,
                    m::desk2_claims_refuse(lang)
                ),
            ]
        })
        .collect();
    let body = html!(
        "<p>{}</p>{}",
        m::desk2_claims_intro(lang),
        table(
            lang,
            m::desk2_claims_caption(lang),
            &[
                m::desk2_claims_registered(lang),
                m::desk2_claims_claimant(lang),
                m::desk2_claims_serial_typed(lang),
                m::desk2_claims_status(lang),
                m::desk2_claims_decide(lang),
            ],
            &rows
        )
    );
    Ok(page_in(lang, desk, 200, m::desk2_claims_title(lang), body).into())
}

/// `POST /desk/claims/{id}/assign|join|refuse`.
#[allow(clippy::too_many_arguments)]
pub async fn decide_claim<D: Database>(
    app: &App<D>,
    request: &Request,
    caller: &Caller,
    id: &str,
    action: crate::app::ClaimAction,
    now: Instant,
    entropy: &mut Entropy,
    lang: Language,
) -> Result<Handled> {
    let object = form(request)?;
    match app
        .decide_claim(caller, id, action, &object, now, entropy)
        .await
    {
        Ok(decision) => {
            let jobs = match decision {
                crate::app::ClaimDecision::Assigned { .. } => Vec::new(),
                crate::app::ClaimDecision::JoinRequested { jobs }
                | crate::app::ClaimDecision::Refused { jobs } => jobs,
            };
            Ok(Handled::with_jobs(Response::redirect("/desk/claims"), jobs))
        }
        Err(error) => refusal_page(lang, Area::Desk, error),
    }
}
