//! Partners: adding resellers and technicians, their keys, revoking them.

use super::*;

pub(crate) const KINDS: [(&str, &str); 3] = [
    ("reseller", "Reseller"),
    ("technician", "Technician"),
    ("both", "Reseller and technician"),
];

/// The partners page, with the caller and the partners read in one batch.
pub(crate) async fn partners_html<D: Database>(
    app: &App<D>,
    caller: &Caller,
    status: u16,
    errors: &FieldErrors,
    values: &Map<String, Value>,
) -> Result<Handled> {
    let (staff, partners) = app.partners(caller).await?;
    let role = staff.role;
    let rows: Vec<Vec<Html>> = partners
        .iter()
        .map(|p| {
            let id = &p.id;
            let state = match p.revoked_at {
                Some(at) => html!("revoked {}", when(UNTRANSLATED, at)),
                None => html!(
                    "<form method=\"post\" action=\"/desk/partners/{}/revoke\" class=\"inline\" \
                     data-confirm=\"Revoke {}'s key? Their calls stop at once.\">\
                     <button type=\"submit\" aria-label=\"Revoke {}\">Revoke</button></form>",
                    id,
                    p.name,
                    p.name
                ),
            };
            vec![
                html!("{}", id),
                html!("{}", p.name),
                html!("{}", p.kind),
                html!("{}", p.country),
                html!("{}", p.email),
                state,
            ]
        })
        .collect();
    let chosen = value(values, "kind");
    let body = html!(
        "{}<h2>Add a partner</h2><form method=\"post\" action=\"/desk/partners\">{}<p>{}</p>{}{}\
         <button type=\"submit\">Add the partner</button></form>",
        table(
            UNTRANSLATED,
            "Partners",
            &["Id", "Name", "Kind", "Country", "Email", "Key"],
            &rows
        ),
        input(
            "name",
            "Name",
            "text",
            value(values, "name"),
            errors,
            " required"
        ),
        select_field("kind", "kind", "Kind", &KINDS, chosen),
        input(
            "country",
            "Country (ISO code)",
            "text",
            value(values, "country"),
            errors,
            " required"
        ),
        input(
            "email",
            "Email",
            "email",
            value(values, "email"),
            errors,
            " required"
        )
    );
    Ok(desk(role, status, "Partners", body))
}

/// `GET /desk/partners`.
pub async fn partners_page<D: Database>(app: &App<D>, caller: &Caller) -> Result<Handled> {
    partners_html(app, caller, 200, &FieldErrors::default(), &Map::new()).await
}

/// `POST /desk/partners`: the key is shown on this page once, never again.
pub async fn create_partner<D: Database>(
    app: &App<D>,
    request: &Request,
    caller: &Caller,
    now: Instant,
    entropy: &mut Entropy,
) -> Result<Handled> {
    let object = form(request)?;
    let record = match crate::app::partner_record(&object, entropy) {
        Ok(record) => record,
        Err(errors) => return partners_html(app, caller, 422, &errors, &object).await,
    };
    let staff = app.identify(caller).await?.staff()?;
    match app.create_partner(record, now, entropy).await {
        Ok((partner, key)) => {
            let body = html!(
                "<p role=\"status\">{} ({}) is added as <code>{}</code>.</p>\
                 <p>Their API key, shown this once: give it to them now.</p>\
                 <p><code id=\"api-key\">{}</code> <button type=\"button\" data-copy=\"{}\">Copy</button></p>\
                 <p><a href=\"/desk/partners\">Back to the partners</a></p>",
                partner.name,
                partner.kind,
                partner.id,
                key.as_str(),
                key.as_str()
            );
            Ok(desk(staff.role, 200, "Partner added", body))
        }
        Err(error) => Ok(problem_page(UNTRANSLATED, Area::Desk, error.into())),
    }
}

/// `POST /desk/partners/{id}/revoke`.
pub async fn revoke_partner<D: Database>(
    app: &App<D>,
    caller: &Caller,
    id: &str,
    now: Instant,
) -> Result<Handled> {
    match app.revoke_partner(caller, id, now).await {
        Ok(_) => Ok(Response::redirect("/desk/partners").into()),
        Err(error) => refusal_page(UNTRANSLATED, Area::Desk, error),
    }
}
