//! Files attached to an incident, on its pages: the list (each a download
//! link), the form that attaches one, and the answers to both.

use super::forms::{problem_page, refusal_page, when};
use super::shell::{page_in, Area};
use crate::app::{App, Caller, Timeline};
use crate::domain::attachment::{self, Refused};
use crate::domain::entropy::Entropy;
use crate::domain::html::Html;
use crate::domain::language::Language;
use crate::domain::messages as m;
use crate::domain::time::Instant;
use crate::html;
use crate::http::{decode, Handled, Request, Response, Result};
use crate::store::{Database, UploadedBy};

/// The incident's files and, while it is open, the form to attach one.
/// `base` is the incident's page (`/portal/incidents/{id}` or the desk's).
pub(crate) fn section(lang: Language, timeline: &Timeline, base: &str) -> Html {
    let mut items = Html::EMPTY;
    for file in &timeline.attachments {
        let by = match file.uploaded_by {
            UploadedBy::Staff => m::portal_attachment_by_staff(lang).to_owned(),
            UploadedBy::Contact => file.uploader_name.clone(),
            UploadedBy::Email => m::portal_attachment_by_email(lang, &file.uploader_name),
        };
        items.push(html!(
            "<li><a href=\"{}/attachments/{}\" download>{}</a> ({}, {}) · {} · {}</li>",
            base,
            file.id,
            file.name.as_str(),
            file.kind.media_type(),
            size_text(lang, file.size),
            by,
            when(lang, file.created_at)
        ));
    }
    let list = if timeline.attachments.is_empty() {
        html!("<p>{}</p>", m::portal_attachments_none(lang))
    } else {
        html!("<ul class=\"attachments\">{}</ul>", items)
    };
    let open = timeline.incident.callback.status != crate::domain::incident::Status::Closed;
    let form = if open {
        html!(
            "<form method=\"post\" action=\"{}/attachments\" enctype=\"multipart/form-data\">\
             <label for=\"attachment-file\">{}</label>\
             <input type=\"file\" id=\"attachment-file\" name=\"file\" required accept=\".png,.jpg,.jpeg,.pdf,.txt,.log,.csv,.zip\">\
             <button type=\"submit\">{}</button></form>",
            base,
            m::portal_attachment_field(lang),
            m::portal_attach_button(lang)
        )
    } else {
        Html::EMPTY
    };
    html!(
        "<section id=\"attachments\" aria-labelledby=\"attachments-heading\"><h2 id=\"attachments-heading\">{}</h2>{}{}</section>\n",
        m::portal_attachments_heading(lang),
        list,
        form
    )
}

/// A size as people read it: bytes, KB or MB (decimal, one place).
fn size_text(lang: Language, size: i64) -> String {
    let tenths = |whole: i64, tenth: i64| (whole.to_string(), tenth.to_string());
    match size {
        s if s < 1_000 => m::portal_size_bytes(lang, s),
        s if s < 1_000_000 => {
            let (whole, tenth) = tenths(s / 1_000, s % 1_000 / 100);
            m::portal_size_kb(
                lang,
                m::PortalSizeKb {
                    whole: &whole,
                    tenth: &tenth,
                },
            )
        }
        s => {
            let (whole, tenth) = tenths(s / 1_000_000, s % 1_000_000 / 100_000);
            m::portal_size_mb(
                lang,
                m::PortalSizeMb {
                    whole: &whole,
                    tenth: &tenth,
                },
            )
        }
    }
}

/// The attach form's post: back to the incident's page, or a page saying
/// why the file was not taken (413, 422) with the way back.
#[allow(clippy::too_many_arguments)]
pub async fn attach_from_page<D: Database>(
    app: &App<D>,
    request: &Request,
    caller: &Caller,
    lang: Language,
    id: &str,
    desk: bool,
    now: Instant,
    entropy: &mut Entropy,
) -> Result<Handled> {
    let (area, base) = if desk {
        (Area::Desk, format!("/desk/incidents/{id}"))
    } else {
        (Area::Customer, format!("/portal/incidents/{id}"))
    };
    let part = match decode::file_part(request, "file") {
        Ok(part) => part,
        Err(error) => {
            if let Err(refusal) = participant(app, caller, id, desk).await {
                return refusal_page(lang, area, refusal);
            }
            return Ok(problem_page(lang, area, error));
        }
    };
    let name = part.filename.clone().unwrap_or_default();
    let file = match attachment::accept(&name, part.body) {
        Ok(file) => file,
        Err(refused) => {
            if let Err(refusal) = participant(app, caller, id, desk).await {
                return refusal_page(lang, area, refusal);
            }
            let status = if refused == Refused::TooLarge {
                413
            } else {
                422
            };
            let reason = match &refused {
                Refused::TooLarge => {
                    m::portal_attachment_too_large(lang, &(attachment::MAX_BYTES >> 20).to_string())
                }
                Refused::Invalid(invalid) => invalid.said.get(lang).to_owned(),
            };
            let body = html!(
                "<p role=\"alert\">{}</p><p><a href=\"{}\">{}</a></p>",
                m::portal_attachment_refused(lang, &reason),
                base,
                m::portal_back_to_incident(lang)
            );
            return Ok(page_in(
                lang,
                area,
                status,
                m::portal_attachment_refused_title(lang),
                body,
            )
            .into());
        }
    };
    let attached = if desk {
        app.attach_as_staff(caller, id, &file, part.body, now, entropy)
            .await
    } else {
        app.attach_as_customer(caller, id, &file, part.body, now, entropy)
            .await
    };
    match attached {
        Ok(_) => Ok(Response::redirect(&format!("{base}#attachments")).into()),
        Err(error) => refusal_page(lang, area, error),
    }
}

/// Whether the caller takes part in the incident (a refusal otherwise):
/// asked before saying what was wrong with the file, so another
/// organisation's incident is 404 whatever was sent.
async fn participant<D: Database>(
    app: &App<D>,
    caller: &Caller,
    id: &str,
    desk: bool,
) -> std::result::Result<(), crate::app::AppError> {
    if desk {
        app.desk_incident(caller, id).await.map(|_| ())
    } else {
        app.my_incident(caller, id).await.map(|_| ())
    }
}

/// A file's download link: the file itself, as an attachment.
pub async fn attachment_download_page<D: Database>(
    app: &App<D>,
    caller: &Caller,
    lang: Language,
    id: &str,
    attachment_id: &str,
    desk: bool,
) -> Result<Handled> {
    let file = if desk {
        app.desk_attachment(caller, id, attachment_id).await
    } else {
        app.my_attachment(caller, id, attachment_id).await
    };
    match file {
        Ok(file) => Ok(Response::from(file).into()),
        Err(error) => refusal_page(lang, if desk { Area::Desk } else { Area::Customer }, error),
    }
}
