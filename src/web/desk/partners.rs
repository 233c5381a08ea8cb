//! Partners: adding resellers and technicians, their keys, revoking them.

use super::*;

/// The kinds of partner, as the select offers them.
pub(crate) fn kinds(lang: Language) -> [(&'static str, &'static str); 3] {
    [
        ("reseller", m::desk2_partners_kind_reseller(lang)),
        ("technician", m::desk2_partners_kind_technician(lang)),
        ("both", m::desk2_partners_kind_both(lang)),
    ]
}

/// A kind as stored (`technician`), as the table names it; one the
/// catalogue does not know as stored.
fn kind_name(lang: Language, kind: &str) -> String {
    kinds(lang)
        .iter()
        .find(|(value, _)| *value == kind)
        .map_or_else(|| kind.to_owned(), |(_, name)| (*name).to_owned())
}

/// A kind within a sentence (`… (technician) is added`).
fn kind_word(lang: Language, kind: &str) -> String {
    match kind {
        "reseller" => m::desk2_role_reseller(lang).to_owned(),
        "technician" => m::desk2_role_technician(lang).to_owned(),
        "both" => m::desk2_role_both(lang).to_owned(),
        other => other.to_owned(),
    }
}

/// The partners page, with the caller and the partners read in one batch.
pub(crate) async fn partners_html<D: Database>(
    app: &App<D>,
    caller: &Caller,
    status: u16,
    errors: &FieldErrors,
    values: &Map<String, Value>,
    lang: Language,
) -> Result<Handled> {
    let (staff, partners) = app.partners(caller).await?;
    let role = staff.role;
    let errors = &errors.clone().in_language(lang);
    let rows: Vec<Vec<Html>> = partners
        .iter()
        .map(|p| {
            let id = &p.id;
            let state = match p.revoked_at {
                Some(at) => m::desk2_partners_revoked(lang, &when(lang, at)),
                None => html!(
                    "<form method=\"post\" action=\"/desk/partners/{}/revoke\" class=\"inline\" \
                     data-confirm=\"{}\">\
                     <button type=\"submit\" aria-label=\"{}\">{}</button></form>",
                    id,
                    m::desk2_partners_revoke_confirm(lang, &p.name),
                    m::desk2_partners_revoke_name(lang, &p.name),
                    m::desk2_partners_revoke(lang)
                ),
            };
            vec![
                html!("{}", id),
                html!("{}", p.name),
                html!("{}", kind_name(lang, p.kind.as_str())),
                html!(
                    "{}",
                    crate::domain::country::Country::parse(&p.country)
                        .map_or(p.country.as_str(), |c| c.name(lang))
                ),
                html!("{}", p.email),
                state,
            ]
        })
        .collect();
    let chosen = value(values, "kind");
    let body = html!(
        "{}<h2>{}</h2><form method=\"post\" action=\"/desk/partners\">{}<p>{}</p>{}{}\
         <button type=\"submit\">{}</button></form>",
        table(
            lang,
            m::desk2_partners_caption(lang),
            &[
                m::desk2_partners_id(lang),
                m::desk2_partners_name(lang),
                m::desk2_partners_kind(lang),
                m::desk2_partners_country(lang),
                m::desk2_partners_email(lang),
                m::desk2_partners_key(lang),
            ],
            &rows
        ),
        m::desk2_partners_add_heading(lang),
        input(
            "name",
            m::desk2_partners_name(lang),
            "text",
            value(values, "name"),
            errors,
            " required"
        ),
        select_field(
            "kind",
            "kind",
            m::desk2_partners_kind(lang),
            &kinds(lang),
            chosen
        ),
        country_field(
            lang,
            "country",
            m::desk2_partners_country_label(lang),
            match value(values, "country") {
                "" => "SI",
                chosen => chosen,
            },
            errors,
        ),
        input(
            "email",
            m::desk2_partners_email(lang),
            "email",
            value(values, "email"),
            errors,
            " required"
        ),
        m::desk2_partners_add_button(lang)
    );
    Ok(desk2_page(
        lang,
        role,
        status,
        m::desk2_partners_title(lang),
        body,
    ))
}

/// `GET /desk/partners`.
pub async fn partners_page<D: Database>(
    app: &App<D>,
    caller: &Caller,
    lang: Language,
) -> Result<Handled> {
    partners_html(app, caller, 200, &FieldErrors::default(), &Map::new(), lang).await
}

/// `POST /desk/partners`: the key is shown on this page once, never again.
pub async fn create_partner<D: Database>(
    app: &App<D>,
    request: &Request,
    caller: &Caller,
    now: Instant,
    entropy: &mut Entropy,
    lang: Language,
) -> Result<Handled> {
    let object = form(request)?;
    let record = match crate::app::partner_record(&object, entropy) {
        Ok(record) => record,
        Err(errors) => return partners_html(app, caller, 422, &errors, &object, lang).await,
    };
    let staff = app.identify(caller).await?.staff()?;
    match app.create_partner(record, now, entropy).await {
        Ok((partner, key)) => {
            let body = html!(
                "<p role=\"status\">{}</p>\
                 <p>{}</p>\
                 <p><code id=\"api-key\">{}</code> <button type=\"button\" data-copy=\"{}\">{}</button></p>\
                 <p><a href=\"/desk/partners\">{}</a></p>",
                m::desk2_partners_added(
                    lang,
                    m::Desk2PartnersAdded {
                        name: &partner.name,
                        kind: &kind_word(lang, partner.kind.as_str()),
                        id_html: &html!("<code>{}</code>", partner.id),
                    }
                ),
                m::desk2_partners_key_once(lang),
                key.as_str(),
                key.as_str(),
                m::desk2_partners_copy(lang),
                m::desk2_partners_back(lang)
            );
            Ok(desk2_page(
                lang,
                staff.role,
                200,
                m::desk2_partners_added_title(lang),
                body,
            ))
        }
        Err(error) => Ok(problem_page(lang, Area::Desk, error.into())),
    }
}

/// `POST /desk/partners/{id}/revoke`.
pub async fn revoke_partner<D: Database>(
    app: &App<D>,
    caller: &Caller,
    id: &str,
    now: Instant,
    lang: Language,
) -> Result<Handled> {
    match app.revoke_partner(caller, id, now).await {
        Ok(_) => Ok(Response::redirect("/desk/partners").into()),
        Err(error) => refusal_page(lang, Area::Desk, error),
    }
}
