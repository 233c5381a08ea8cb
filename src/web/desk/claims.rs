//! License claims: registrations of a serial someone else holds, or "0".

use super::*;

/// `GET /desk/claims`: the claims waiting for staff, each with its three
/// decisions.
pub async fn claims_page<D: Database>(app: &App<D>, caller: &Caller) -> Result<Handled> {
    let (staff, claims) = app.license_claims(caller).await?;
    let desk = Area::DeskAs(staff.role);
    let rows: Vec<Vec<Html>> = claims
        .iter()
        .map(|c| {
            let id = &c.id;
            let action = |what: &str| format!("/desk/claims/{id}/{what}");
            vec![
                when(UNTRANSLATED, c.created_at),
                html!("{}<br>{}", c.company_name, c.email),
                html!("{}", c.serial),
                html!("{}", status_text(UNTRANSLATED, c.status.as_str())),
                html!(
                    "<form method=\"post\" action=\"{}\" class=\"inline\"><label for=\"serial-{}\">Serial (if not as typed)</label> \
                     <input id=\"serial-{}\" name=\"serial\"> <button type=\"submit\">Assign</button></form>\
                     <form method=\"post\" action=\"{}\" class=\"inline\"><button type=\"submit\">Ask the holder</button></form>\
                     <form method=\"post\" action=\"{}\" class=\"inline\"><label for=\"reason-{}\">Reason</label> \
                     <input id=\"reason-{}\" name=\"reason\" required> <button type=\"submit\">Refuse</button></form>",
                    action("assign"),
                    id,
                    id,
                    action("join"),
                    action("refuse"),
                    id,
                    id
                ),
            ]
        })
        .collect();
    let body = html!(
        "<p>A registration whose company is not the licensee of its serial (or typed 0) is a claim: assign the license if nobody holds it, \
         ask the holder's contacts to take the claimant in, or refuse with a reason the claimant is emailed.</p>{}",
        table(UNTRANSLATED,
            "License claims, oldest first",
            &["Registered", "Claimant", "Serial typed", "Status", "Decide"],
            &rows
        )
    );
    Ok(page_in(UNTRANSLATED, desk, 200, "License claims", body).into())
}

/// `POST /desk/claims/{id}/assign|join|refuse`.
pub async fn decide_claim<D: Database>(
    app: &App<D>,
    request: &Request,
    caller: &Caller,
    id: &str,
    action: crate::app::ClaimAction,
    now: Instant,
    entropy: &mut Entropy,
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
        Err(error) => refusal_page(UNTRANSLATED, Area::Desk, error),
    }
}
