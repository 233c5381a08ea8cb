//! Bulletins: news for every subscriber, written and published by admins.

use super::*;

pub(crate) fn desk_html(
    lang: Language,
    summaries: &[BulletinSummary],
    errors: &FieldErrors,
    subject: &str,
    body: &str,
) -> Html {
    let count = |n: i64| crate::domain::format::number(lang, n);
    let rows: Vec<Vec<Html>> = summaries
        .iter()
        .map(|s| {
            vec![
                when(lang, s.bulletin.published_at),
                html!(
                    "<a href=\"/news/{}\">{}</a>",
                    s.bulletin.id,
                    s.bulletin.subject
                ),
                html!("{}", count(s.recipients)),
                html!("{}", count(s.sent)),
                html!("{}", count(s.failed)),
                html!("{}", count(s.pending)),
            ]
        })
        .collect();
    html!(
        "<form method=\"post\" action=\"/desk/bulletins\">\n{}{}<p>{}</p>\n<button type=\"submit\">{}</button>\n</form>\n{}",
        input("subject", "Subject", "text", subject, errors, " required maxlength=\"150\""),
        textarea_with("body", "Text", body, errors),
        m::desk2_bulletins_hint(lang),
        m::desk2_bulletins_publish(lang),
        table(
            lang,
            m::desk2_bulletins_caption(lang),
            &[
                m::desk2_bulletins_published(lang),
                m::desk2_bulletins_subject(lang),
                m::desk2_bulletins_recipients(lang),
                m::desk2_bulletins_sent(lang),
                m::desk2_bulletins_failed(lang),
                m::desk2_bulletins_pending(lang),
            ],
            &rows
        )
    )
}

/// `GET /desk/bulletins`: the form and the bulletins with their counts.
pub async fn desk_page<D: Database>(
    app: &App<D>,
    caller: &Caller,
    lang: Language,
) -> Result<Handled> {
    let (staff, summaries) = app
        .bulletins_as(caller, crate::app::bulletins::BULLETINS_SHOWN)
        .await?;
    let desk = Area::DeskAs(staff.role);
    let html = desk_html(lang, &summaries, &FieldErrors::default(), "", "");
    Ok(page_in(lang, desk, 200, m::desk2_bulletins_title(lang), html).into())
}

/// `POST /desk/bulletins`: published, or the form again with its errors.
pub async fn desk_publish<D: Database>(
    app: &App<D>,
    request: &Request,
    principal: &Principal,
    now: Instant,
    entropy: &mut Entropy,
    lang: Language,
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
            let errors = errors.in_language(lang);
            let html = desk_html(lang, &summaries, &errors, text("subject"), text("body"));
            Ok(page_in(lang, desk, 422, m::desk2_bulletins_title(lang), html).into())
        }
    }
}
