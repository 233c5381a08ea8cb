//! Bulletins: news for every subscriber, written and published by admins.

use super::*;

pub(crate) fn desk_html(
    summaries: &[BulletinSummary],
    errors: &FieldErrors,
    subject: &str,
    body: &str,
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
        "<form method=\"post\" action=\"/desk/bulletins\">\n{}{}<p>Blank lines part paragraphs; lines starting with \"- \" or \"1. \" make a list. \
         It goes to every subscribed contact at once.</p>\n<button type=\"submit\">Publish and send</button>\n</form>\n{}",
        input("subject", "Subject", "text", subject, errors, " required maxlength=\"150\""),
        textarea_with("body", "Text", body, errors),
        table(UNTRANSLATED,
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
    let html = desk_html(&summaries, &FieldErrors::default(), "", "");
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
            let html = desk_html(&summaries, &errors, text("subject"), text("body"));
            Ok(page_in(UNTRANSLATED, desk, 422, "Bulletins", html).into())
        }
    }
}
