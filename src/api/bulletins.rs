//! News bulletins: staff publish them (API and desk page), anyone reads
//! them at `/news`, and a bulletin's link unsubscribes its recipient.

use serde_json::{json, Value};

use super::decode;
use super::http::{Handled, Request, Response};
use super::pages::{escape, page, page_in, Area};
use super::web::{form, input, table, textarea_with};
use super::Result;
use crate::app::{App, AppError, Caller, Principal};
use crate::domain::bulletin::{body_html, Bulletin};
use crate::domain::entropy::Entropy;
use crate::domain::field::FieldErrors;
use crate::domain::time::{format, Instant};
use crate::domain::token::Token;
use crate::store::{BulletinSummary, Database};

/// The bulletins the staff list and `/news` show.
const BULLETINS_SHOWN: i64 = 100;

fn summary_json(summary: &BulletinSummary) -> Value {
    let b = &summary.bulletin;
    json!({
        "bulletin_id": b.id,
        "subject": b.subject,
        "published_at": format(b.published_at),
        "published_by": b.published_by,
        "recipients": summary.recipients,
        "sent": summary.sent,
        "failed": summary.failed,
        "pending": summary.pending,
    })
}

fn parse(object: &serde_json::Map<String, Value>) -> std::result::Result<Bulletin, FieldErrors> {
    Bulletin::parse(
        object.get("subject").and_then(Value::as_str),
        object.get("body").and_then(Value::as_str),
    )
}

/// `POST /api/staff/bulletins {"subject", "body"}`: 202, as the sending
/// goes on in the queue.
pub async fn publish<D: Database>(
    app: &App<D>,
    request: &Request,
    principal: &Principal,
    now: Instant,
    entropy: &mut Entropy,
) -> Result<Handled> {
    let staff = principal.staff()?;
    let bulletin = parse(&decode::json_object(request)?).map_err(decode::invalid)?;
    let published = app
        .publish_bulletin(&bulletin, &staff.email, now, entropy)
        .await?;
    let body = json!({
        "bulletin_id": published.id,
        "recipients": published.recipients,
        "status": "sending",
    });
    Ok(Handled::with_jobs(
        Response::json(202, &body).with_header("location", &format!("/news/{}", published.id)),
        published.jobs,
    ))
}

/// `GET /api/staff/bulletins`: the newest first, with their counts.
pub async fn list<D: Database>(app: &App<D>, caller: &Caller) -> Result<Handled> {
    let (_, summaries) = app.bulletins_as(caller, BULLETINS_SHOWN).await?;
    let bulletins: Vec<Value> = summaries.iter().map(summary_json).collect();
    Ok(Response::json(200, &json!({ "bulletins": bulletins })).into())
}

fn desk_html(
    summaries: &[BulletinSummary],
    errors: &FieldErrors,
    subject: &str,
    body: &str,
) -> String {
    let rows: Vec<Vec<String>> = summaries
        .iter()
        .map(|s| {
            vec![
                super::web::when(s.bulletin.published_at),
                format!(
                    "<a href=\"/news/{}\">{}</a>",
                    escape(&s.bulletin.id),
                    escape(&s.bulletin.subject)
                ),
                s.recipients.to_string(),
                s.sent.to_string(),
                s.failed.to_string(),
                s.pending.to_string(),
            ]
        })
        .collect();
    format!(
        "<form method=\"post\" action=\"/desk/bulletins\">\n{}{}<p>Blank lines part paragraphs; lines starting with \"- \" or \"1. \" make a list. \
         It goes to every subscribed contact at once.</p>\n<button type=\"submit\">Publish and send</button>\n</form>\n{}",
        input("subject", "Subject", "text", subject, errors, " required maxlength=\"150\""),
        textarea_with("body", "Text", body, errors),
        table(
            "Bulletins",
            &["Published", "Subject", "Recipients", "Sent", "Failed", "Not yet written"],
            &rows
        ),
    )
}

/// `GET /desk/bulletins`: the form and the bulletins with their counts.
pub async fn desk_page<D: Database>(app: &App<D>, caller: &Caller) -> Result<Handled> {
    let (staff, summaries) = app.bulletins_as(caller, BULLETINS_SHOWN).await?;
    let desk = Area::DeskAs(staff.role);
    let html = desk_html(&summaries, &FieldErrors::default(), "", "");
    Ok(page_in(desk, 200, "Bulletins", &html).into())
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
    match parse(&object) {
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
            let summaries = app.bulletins(BULLETINS_SHOWN).await?;
            let html = desk_html(&summaries, &errors, text("subject"), text("body"));
            Ok(page_in(desk, 422, "Bulletins", &html).into())
        }
    }
}

/// `GET /news`: every published bulletin, newest first.
pub async fn news<D: Database>(app: &App<D>) -> Result<Handled> {
    let items: String = app
        .bulletins(BULLETINS_SHOWN)
        .await?
        .iter()
        .map(|s| {
            format!(
                "<li><a href=\"/news/{}\">{}</a> <time datetime=\"{at}\">{date}</time></li>\n",
                escape(&s.bulletin.id),
                escape(&s.bulletin.subject),
                at = escape(&format(s.bulletin.published_at)),
                date = s.bulletin.published_at.format("%-d %B %Y"),
            )
        })
        .collect();
    let body = if items.is_empty() {
        "<p>No news yet.</p>".to_owned()
    } else {
        format!("<ul class=\"news\">\n{items}</ul>")
    };
    Ok(page(200, "News", &body).into())
}

/// `GET /news/{id}`: one bulletin, as its email's HTML.
pub async fn news_item<D: Database>(app: &App<D>, id: &str) -> Result<Handled> {
    let bulletin = app.store.bulletin(id).await?.ok_or(AppError::NotFound)?;
    let body = format!(
        "<p><time datetime=\"{}\">{}</time></p>\n{}<p><a href=\"/news\">All news</a></p>",
        escape(&format(bulletin.published_at)),
        bulletin.published_at.format("%-d %B %Y"),
        body_html(&bulletin.body).as_str()
    );
    Ok(page(200, &bulletin.subject, &body).into())
}

/// The token of an unsubscribe link: in the query (the link itself, and
/// the one-click POST of RFC 8058) or a posted field.
fn unsubscribe_token(request: &Request) -> Option<Token> {
    request
        .query_param("token")
        .or_else(|| decode::form_field(request, "token"))
        .and_then(|t| Token::parse(&t).ok())
}

fn incomplete_link() -> Handled {
    page(
        400,
        "Unsubscribe",
        "<p role=\"alert\">This link is not valid. Open the link from the newest email exactly as it was sent.</p>",
    )
    .into()
}

/// `GET /unsubscribe?token=…`: a page with the button (a GET changes
/// nothing, as mail scanners open links).
pub fn unsubscribe_page(request: &Request) -> Handled {
    let Some(token) = unsubscribe_token(request) else {
        return incomplete_link();
    };
    page(
        200,
        "Unsubscribe",
        &format!(
            "<p>Stop receiving Spica's news by email? You can subscribe again in your profile.</p>\n\
             <form method=\"post\" action=\"/unsubscribe?token={}\">\n<button type=\"submit\">Unsubscribe</button>\n</form>",
            escape(token.as_str())
        ),
    )
    .into()
}

/// `POST /unsubscribe?token=…`: unsubscribes, without signing in.
pub async fn unsubscribe<D: Database>(app: &App<D>, request: &Request) -> Result<Handled> {
    let Some(token) = unsubscribe_token(request) else {
        return Ok(incomplete_link());
    };
    if !app.unsubscribe(&token).await? {
        return Ok(incomplete_link());
    }
    Ok(page(
        200,
        "Unsubscribed",
        "<p role=\"status\">You will receive no more news from Spica by email.</p>",
    )
    .into())
}
