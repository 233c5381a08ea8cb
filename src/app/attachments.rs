//! Files attached to incidents: a participant (a contact of the incident's
//! organisation, or an agent) attaches and downloads them. The bytes go to
//! the object store first and the row after, in its own batch: a row always
//! has its object, and an object whose row failed is removed again.

use super::{App, AppError, Caller, Download};
use crate::domain::attachment::{object_key, sha256_hex, Accepted};
use crate::domain::entropy::Entropy;
use crate::domain::time::Instant;
use crate::store::{self, AttachmentRecord, Database, UploadedBy};

/// Who attaches: a contact, staff, or a contact by email.
pub struct Uploader {
    pub by: UploadedBy,
    /// The contact's `con_…` or the staff member's email.
    pub id: String,
    pub name: String,
}

impl<D: Database> App<D> {
    /// A contact attaches a file to one of their organisation's open
    /// incidents; another organisation's is not found.
    pub async fn attach_as_customer(
        &self,
        caller: &Caller,
        incident_id: &str,
        file: &Accepted,
        bytes: &[u8],
        now: Instant,
        entropy: &mut Entropy,
    ) -> Result<AttachmentRecord, AppError> {
        let (principal, timeline) = self.my_incident(caller, incident_id).await?;
        timeline.refuse_if_closed()?;
        let uploader = Uploader {
            by: UploadedBy::Contact,
            id: principal.contact.id.to_string(),
            name: principal.contact.name.to_string(),
        };
        let customer_id = timeline.incident.customer_id.to_string();
        self.attach(
            incident_id,
            &customer_id,
            uploader,
            file,
            bytes,
            now,
            entropy,
        )
        .await
    }

    /// An agent attaches a file to an open incident.
    pub async fn attach_as_staff(
        &self,
        caller: &Caller,
        incident_id: &str,
        file: &Accepted,
        bytes: &[u8],
        now: Instant,
        entropy: &mut Entropy,
    ) -> Result<AttachmentRecord, AppError> {
        let (staff, timeline) = self.desk_incident(caller, incident_id).await?;
        timeline.refuse_if_closed()?;
        let uploader = Uploader {
            by: UploadedBy::Staff,
            id: staff.email.clone(),
            name: staff.name.clone(),
        };
        let customer_id = timeline.incident.customer_id.to_string();
        self.attach(
            incident_id,
            &customer_id,
            uploader,
            file,
            bytes,
            now,
            entropy,
        )
        .await
    }

    /// Stores the bytes, then the row; a failed row removes the bytes.
    #[allow(clippy::too_many_arguments)]
    pub(crate) async fn attach(
        &self,
        incident_id: &str,
        customer_id: &str,
        uploader: Uploader,
        file: &Accepted,
        bytes: &[u8],
        now: Instant,
        entropy: &mut Entropy,
    ) -> Result<AttachmentRecord, AppError> {
        let id = entropy.id("att");
        let record = attachment_record(incident_id, customer_id, &uploader, file, bytes, id, now);
        self.put_attachment(&record, bytes).await?;
        if let Err(error) = self
            .store
            .write(vec![store::insert_attachment(&record)])
            .await
        {
            // The row failed: the object goes too (else the sweep finds it).
            let _ = self.store.db().delete_object(&record.object_key).await;
            return Err(error.into());
        }
        Ok(record)
    }

    /// Writes an attachment's bytes under its object key, before its row.
    pub(crate) async fn put_attachment(
        &self,
        record: &AttachmentRecord,
        bytes: &[u8],
    ) -> Result<(), AppError> {
        self.store
            .db()
            .put_object(&record.object_key, bytes, record.kind.media_type())
            .await?;
        Ok(())
    }

    /// One of the calling customer's organisation's attachments, to save.
    pub async fn my_attachment(
        &self,
        caller: &Caller,
        incident_id: &str,
        attachment_id: &str,
    ) -> Result<Download, AppError> {
        let (_, timeline) = self.my_incident(caller, incident_id).await?;
        self.download(timeline.attachments, attachment_id).await
    }

    /// Any incident's attachment, for the desk.
    pub async fn desk_attachment(
        &self,
        caller: &Caller,
        incident_id: &str,
        attachment_id: &str,
    ) -> Result<Download, AppError> {
        let (_, timeline) = self.desk_incident(caller, incident_id).await?;
        self.download(timeline.attachments, attachment_id).await
    }

    async fn download(
        &self,
        attachments: Vec<AttachmentRecord>,
        attachment_id: &str,
    ) -> Result<Download, AppError> {
        let record = attachments
            .into_iter()
            .find(|a| a.id == attachment_id)
            .ok_or(AppError::NotFound)?;
        let body = self
            .store
            .db()
            .get_object(&record.object_key)
            .await?
            .ok_or(AppError::NotFound)?;
        Ok(Download {
            media_type: record.kind.media_type(),
            file_name: record.name.as_str().to_owned(),
            body,
        })
    }
}

/// The row of an accepted file with this id, attached by `uploader` now
/// (its object key and SHA-256 from the id and the bytes), for every way a
/// file arrives: an upload, or an emailed reply.
pub(crate) fn attachment_record(
    incident_id: &str,
    customer_id: &str,
    uploader: &Uploader,
    file: &Accepted,
    bytes: &[u8],
    id: String,
    now: Instant,
) -> AttachmentRecord {
    AttachmentRecord {
        object_key: object_key(incident_id, &id),
        id,
        incident_id: incident_id.to_owned(),
        customer_id: customer_id.to_owned(),
        uploaded_by: uploader.by,
        uploader_id: uploader.id.clone(),
        uploader_name: uploader.name.clone(),
        name: file.name.clone(),
        size: i64::try_from(file.size).unwrap_or(i64::MAX),
        kind: file.kind,
        sha256: sha256_hex(bytes),
        created_at: now,
    }
}
