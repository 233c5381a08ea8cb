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
    lang: Language,
    summaries: &[BulletinSummary],
    errors: &FieldErrors,
    draft: &Draft<'_>,
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
        "<form method=\"post\" action=\"/desk/bulletins\">\n{}{}{}{}<p>{}</p>\n<button type=\"submit\">{}</button>\n</form>\n{}",
        input("subject", m::email_bulletin_field_subject(lang), "text", draft.subject, errors, " required maxlength=\"150\""),
        textarea_with("body", m::email_bulletin_field_body(lang), draft.body, errors),
        input("subject_sl", m::email_bulletin_field_subject_sl(lang), "text", draft.subject_sl, errors, " maxlength=\"150\" lang=\"sl\""),
        textarea_with("body_sl", m::email_bulletin_field_body_sl(lang), draft.body_sl, errors),
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
    let empty = Draft {
        subject: "",
        body: "",
        subject_sl: "",
        body_sl: "",
    };
    let html = desk_html(lang, &summaries, &FieldErrors::default(), &empty);
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
            let draft = Draft {
                subject: text("subject"),
                body: text("body"),
                subject_sl: text("subject_sl"),
                body_sl: text("body_sl"),
            };
            let html = desk_html(lang, &summaries, &errors, &draft);
            Ok(page_in(lang, desk, 422, m::desk2_bulletins_title(lang), html).into())
        }
    }
}
