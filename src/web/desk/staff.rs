//! The staff list for admins (`/desk/staff`), with each member's own
//! language: the desk's pages speak it unless the language switch's cookie
//! says otherwise (`DeskLanguage`).

use super::*;
use crate::app::MemberChange;

/// `GET /desk/staff`.
pub async fn staff_page<D: Database>(
    app: &App<D>,
    caller: &Caller,
    lang: DeskLanguage,
) -> Result<Handled> {
    let (staff, members) = app.staff_list(caller).await?;
    let lang = lang.of_staff(&staff);
    let rows: Vec<Vec<Html>> = members
        .iter()
        .map(|member| {
            let role = match member.role {
                StaffRole::Agent => m::desk_staff_role_agent(lang),
                StaffRole::Finance => m::desk_staff_role_finance(lang),
                StaffRole::Admin => m::desk_staff_role_admin(lang),
            };
            let active = if member.deactivated_at.is_none() {
                m::desk_staff_yes(lang)
            } else {
                m::desk_staff_no(lang)
            };
            let mut options = vec![("", m::desk_staff_browser(lang))];
            options.extend(Language::ALL.map(|l| (l.as_str(), l.name())));
            let chosen = member.language.map_or("", Language::as_str);
            let field = format!("language-{}", member.id);
            vec![
                html!("{}", member.name),
                html!("{}", member.email),
                html!("{}", role),
                html!("{}", active),
                html!(
                    "<form method=\"post\" action=\"/desk/staff/{}/language\" class=\"inline\">\
                     <label for=\"{}\" class=\"visually-hidden\">{}</label> \
                     <select id=\"{}\" name=\"language\">{}</select> \
                     <button type=\"submit\">{}</button></form>",
                    member.id,
                    field,
                    m::desk_staff_language(lang),
                    field,
                    options_html(&options, chosen),
                    m::desk_staff_save(lang)
                ),
            ]
        })
        .collect();
    let body = html!(
        "<p>{}</p>{}",
        m::desk_staff_hint(lang),
        table(
            lang,
            m::desk_staff_caption(lang),
            &[
                m::desk_staff_name(lang),
                m::desk_staff_email(lang),
                m::desk_staff_role(lang),
                m::desk_staff_active(lang),
                m::desk_staff_language(lang),
            ],
            &rows,
        )
    );
    Ok(desk_in(
        lang,
        staff.role,
        200,
        m::desk_staff_title(lang),
        body,
    ))
}

/// `POST /desk/staff/{member_id}/language` (`language`: `sl`, `en`, or
/// empty for the browser's): back to the list.
pub async fn set_staff_language<D: Database>(
    app: &App<D>,
    request: &Request,
    caller: &Caller,
    member_id: &str,
    now: Instant,
) -> Result<Handled> {
    let object = form(request)?;
    let language = match value(&object, "language") {
        "" => None,
        code => match Language::parse(code) {
            Ok(language) => Some(language),
            Err(unknown) => {
                let mut errors = FieldErrors::default();
                errors.push("language", Invalid::from(unknown));
                return refusal_page(request.language(), Area::Desk, AppError::Invalid(errors));
            }
        },
    };
    let change = MemberChange {
        language: Some(language),
        ..MemberChange::default()
    };
    match app
        .change_staff_member(caller, member_id, change, now)
        .await
    {
        Ok(_) => Ok(Response::redirect("/desk/staff").into()),
        Err(error) => refusal_page(request.language(), Area::Desk, error),
    }
}
