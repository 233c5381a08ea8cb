//! Bulletins: news for every subscriber, written and published by admins.

use super::*;

/// What the form was sent with: the English subject and text, and the
/// Slovenian ones (`subject_sl`, `body_sl`).
pub(crate) struct Draft<'a> {
    pub subject: &'a str,
    pub body: &'a str,
    pub subject_sl: &'a str,
    pub body_sl: &'a str,
}

pub(crate) fn desk_html(
    summaries: &[BulletinSummary],
    errors: &FieldErrors,
    draft: &Draft<'_>,
) -> Html {
    let rows: Vec<Vec<Html>> = summaries
        .iter()
        .map(|s| {
            vec![
                when(UNTRANSLATED, s.bulletin.published_at),
                html!(
                    "<a href=\"/news/{}\">{}</a>",
                    s.bulletin.id,
                    s.bulletin.subject
                ),
                html!("{}", s.recipients),
                html!("{}", s.sent),
                html!("{}", s.failed),
                html!("{}", s.pending),
            ]
        })
        .collect();
    html!(
        "<form method=\"post\" action=\"/desk/bulletins\">\n{}{}{}{}<p>Blank lines part paragraphs; lines starting with \"- \" or \"1. \" make a list. \
         It goes to every subscribed contact at once.</p>\n<button type=\"submit\">Publish and send</button>\n</form>\n{}",
        input("subject", m::email_bulletin_field_subject(UNTRANSLATED), "text", draft.subject, errors, " required maxlength=\"150\""),
        textarea_with("body", m::email_bulletin_field_body(UNTRANSLATED), draft.body, errors),
        input("subject_sl", m::email_bulletin_field_subject_sl(UNTRANSLATED), "text", draft.subject_sl, errors, " maxlength=\"150\" lang=\"sl\""),
        textarea_with("body_sl", m::email_bulletin_field_body_sl(UNTRANSLATED), draft.body_sl, errors),
        table(
            UNTRANSLATED,
            "Bulletins",
            &["Published", "Subject", "Recipients", "Sent", "Failed", "Not yet written"],
            &rows
        )
    )
}

/// `GET /desk/bulletins`: the form and the bulletins with their counts.
pub async fn desk_page<D: Database>(app: &App<D>, caller: &Caller) -> Result<Handled> {
    let (staff, summaries) = app
        .bulletins_as(caller, crate::app::bulletins::BULLETINS_SHOWN)
        .await?;
    let desk = Area::DeskAs(staff.role);
    let empty = Draft {
        subject: "",
        body: "",
        subject_sl: "",
        body_sl: "",
    };
    let html = desk_html(&summaries, &FieldErrors::default(), &empty);
    Ok(page_in(UNTRANSLATED, desk, 200, "Bulletins", html).into())
}

/// `POST /desk/bulletins`: published, or the form again with its errors.
pub async fn desk_publish<D: Database>(
    app: &App<D>,
    request: &Request,
    principal: &Principal,
    now: Instant,
    entropy: &mut Entropy,
) -> Result<Handled> {
    let staff = principal.staff()?;
    let desk = Area::DeskAs(staff.role);
    let object = form(request)?;
    match crate::app::bulletins::parse(&object) {
        Ok(bulletin) => {
            let published = app
                .publish_bulletin(&bulletin, &staff.email, now, entropy)
                .await?;
            Ok(Handled::with_jobs(
                Response::redirect("/desk/bulletins"),
                published.jobs,
            ))
        }
        Err(errors) => {
            let text = |name: &str| object.get(name).and_then(Value::as_str).unwrap_or("");
            let summaries = app
                .bulletins(crate::app::bulletins::BULLETINS_SHOWN)
                .await?;
            let draft = Draft {
                subject: text("subject"),
                body: text("body"),
                subject_sl: text("subject_sl"),
                body_sl: text("body_sl"),
            };
            let html = desk_html(&summaries, &errors, &draft);
            Ok(page_in(UNTRANSLATED, desk, 422, "Bulletins", html).into())
        }
    }
}
