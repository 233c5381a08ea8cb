//! Files attached to incidents, by API: `POST …/attachments` takes a
//! `multipart/form-data` body whose part `file` is the file; `GET
//! …/attachments/{attachment_id}` gives it back as an attachment.

use serde::Serialize;

use crate::app::{App, Caller};
use crate::domain::attachment::{self, Accepted, Refused};
use crate::domain::entropy::Entropy;
use crate::domain::field::FieldErrors;
use crate::domain::time::Instant;
use crate::http::{decode, ApiError, Handled, Request, Response, Result};
use crate::store::{AttachmentRecord, Database};

/// `POST /api/me/incidents/{incident_id}/attachments` and the staff's.
#[derive(Debug, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(utoipa::ToSchema))]
pub struct AttachmentAnswer {
    /// `att_…`: its download is `…/attachments/{attachment_id}`.
    pub attachment_id: String,
    /// The file's name as kept: without directories or control characters.
    pub name: String,
    /// In bytes.
    pub size: i64,
    /// The type it is served as: `image/png`, `image/jpeg`,
    /// `application/pdf`, `text/plain`, `text/csv` or `application/zip`.
    pub content_type: &'static str,
}

impl From<&AttachmentRecord> for AttachmentAnswer {
    fn from(record: &AttachmentRecord) -> Self {
        Self {
            attachment_id: record.id.clone(),
            name: record.name.as_str().to_owned(),
            size: record.size,
            content_type: record.kind.media_type(),
        }
    }
}

/// A file on an incident's timeline.
#[derive(Debug, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(utoipa::ToSchema))]
pub struct ListedAttachmentAnswer {
    #[serde(flatten)]
    pub file: AttachmentAnswer,
    /// `contact` (the portal or the API), `staff` (the desk) or `email` (a
    /// contact's emailed reply).
    pub uploaded_by: &'static str,
    /// The contact's or the agent's name.
    pub uploader_name: String,
    /// The SHA-256 of its bytes, in hex.
    pub sha256: String,
    /// RFC 3339.
    pub created_at: String,
}

impl From<&AttachmentRecord> for ListedAttachmentAnswer {
    fn from(record: &AttachmentRecord) -> Self {
        Self {
            file: AttachmentAnswer::from(record),
            uploaded_by: record.uploaded_by.as_str(),
            uploader_name: record.uploader_name.clone(),
            sha256: record.sha256.clone(),
            created_at: crate::domain::time::format(record.created_at),
        }
    }
}

/// The part `file` of the request, checked by the core's rule: too large
/// 413, a kind not taken (or bytes that are not that kind) 422 naming
/// `file`, another body 415.
pub fn accepted_file(request: &Request) -> Result<(Accepted, &[u8])> {
    let part = decode::file_part(request, "file")?;
    let name = part.filename.clone().unwrap_or_default();
    match attachment::accept(&name, part.body) {
        Ok(accepted) => Ok((accepted, part.body)),
        Err(Refused::TooLarge) => Err(ApiError::PayloadTooLarge),
        Err(Refused::Invalid(invalid)) => {
            let mut errors = FieldErrors::default();
            errors.push("file", invalid);
            Err(decode::invalid(errors))
        }
    }
}

pub async fn upload<D: Database>(
    app: &App<D>,
    request: &Request,
    caller: &Caller,
    incident_id: &str,
    staff: bool,
    now: Instant,
    entropy: &mut Entropy,
) -> Result<Handled> {
    let (file, bytes) = match accepted_file(request) {
        Ok(file) => file,
        Err(refused) => {
            // Whose incident it is comes first: another organisation's is
            // 404, whatever was sent.
            if staff {
                app.desk_incident(caller, incident_id).await?;
            } else {
                app.my_incident(caller, incident_id).await?;
            }
            return Err(refused);
        }
    };
    let record = if staff {
        app.attach_as_staff(caller, incident_id, &file, bytes, now, entropy)
            .await?
    } else {
        app.attach_as_customer(caller, incident_id, &file, bytes, now, entropy)
            .await?
    };
    Ok(Response::json(201, &AttachmentAnswer::from(&record)).into())
}

pub async fn download<D: Database>(
    app: &App<D>,
    caller: &Caller,
    incident_id: &str,
    attachment_id: &str,
    staff: bool,
) -> Result<Handled> {
    let file = if staff {
        app.desk_attachment(caller, incident_id, attachment_id)
            .await?
    } else {
        app.my_attachment(caller, incident_id, attachment_id)
            .await?
    };
    Ok(Response::from(file).into())
}
