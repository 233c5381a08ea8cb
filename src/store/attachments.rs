//! Files attached to incidents: their rows (the bytes are in the object
//! store under `object_key`, see [`super::Blobs`]).

use super::{DbError, Query, Row, Statement};
use crate::domain::attachment::{FileName, Kind};
use crate::domain::time::{format, Instant};

/// Who attached a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UploadedBy {
    /// A contact, on the portal or by API.
    Contact,
    /// A staff member on the desk.
    Staff,
    /// A contact, in an emailed reply.
    Email,
}

impl UploadedBy {
    pub fn as_str(self) -> &'static str {
        match self {
            UploadedBy::Contact => "contact",
            UploadedBy::Staff => "staff",
            UploadedBy::Email => "email",
        }
    }

    fn parse(text: &str) -> Option<Self> {
        match text {
            "contact" => Some(UploadedBy::Contact),
            "staff" => Some(UploadedBy::Staff),
            "email" => Some(UploadedBy::Email),
            _ => None,
        }
    }
}

/// An attachment as the database holds it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AttachmentRecord {
    pub id: String,
    pub incident_id: String,
    pub customer_id: String,
    pub uploaded_by: UploadedBy,
    /// The contact's `con_…`, or the staff member's email.
    pub uploader_id: String,
    pub uploader_name: String,
    pub name: FileName,
    pub size: i64,
    pub kind: Kind,
    pub sha256: String,
    pub object_key: String,
    pub created_at: Instant,
}

const COLUMNS: &str = "id, incident_id, customer_id, uploaded_by, uploader_id, uploader_name, \
     name, size, content_type, sha256, object_key, created_at";

impl AttachmentRecord {
    fn from_row(row: &Row) -> Result<Self, DbError> {
        Ok(Self {
            id: row.text("id")?,
            incident_id: row.text("incident_id")?,
            customer_id: row.text("customer_id")?,
            uploaded_by: row.parsed("uploaded_by", UploadedBy::parse)?,
            uploader_id: row.text("uploader_id")?,
            uploader_name: row.text("uploader_name")?,
            name: FileName::stored(row.text("name")?),
            size: row.integer("size")?,
            kind: row.parsed("content_type", Kind::from_media_type)?,
            sha256: row.text("sha256")?,
            object_key: row.text("object_key")?,
            created_at: row.instant("created_at")?,
        })
    }
}

fn decode_all(rows: &[Row]) -> Result<Vec<AttachmentRecord>, DbError> {
    rows.iter().map(AttachmentRecord::from_row).collect()
}

/// Records an attachment whose object is already stored.
pub fn insert_attachment(record: &AttachmentRecord) -> Statement {
    Statement::new(
        format!(
            "INSERT INTO attachments ({COLUMNS}) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)"
        ),
        vec![
            record.id.as_str().into(),
            record.incident_id.as_str().into(),
            record.customer_id.as_str().into(),
            record.uploaded_by.as_str().into(),
            record.uploader_id.as_str().into(),
            record.uploader_name.as_str().into(),
            record.name.as_str().into(),
            record.size.into(),
            record.kind.media_type().into(),
            record.sha256.as_str().into(),
            record.object_key.as_str().into(),
            format(record.created_at).into(),
        ],
    )
}

/// One attachment of one incident (none when it is another incident's).
pub fn attachment_of(incident_id: &str, attachment_id: &str) -> Query<Option<AttachmentRecord>> {
    Query::new(
        Statement::new(
            format!("SELECT {COLUMNS} FROM attachments WHERE incident_id = ?1 AND id = ?2"),
            vec![incident_id.into(), attachment_id.into()],
        ),
        |rows| rows.first().map(AttachmentRecord::from_row).transpose(),
    )
}

/// Which of these object keys have their attachment's row: the others are
/// orphans (an upload whose batch never came).
pub fn known_object_keys(keys: &[String]) -> Vec<Query<Vec<String>>> {
    super::bulk(
        "SELECT object_key FROM attachments WHERE object_key IN (SELECT value FROM json_each(?1))",
        keys.iter().map(|key| serde_json::json!(key)),
    )
    .into_iter()
    .map(|statement| {
        Query::new(statement, |rows| {
            rows.iter().map(|row| row.text("object_key")).collect()
        })
    })
    .collect()
}

/// An incident's attachments, oldest first.
pub fn attachments_of_incident(incident_id: &str) -> Query<Vec<AttachmentRecord>> {
    Query::new(
        Statement::new(
            format!(
                "SELECT {COLUMNS} FROM attachments WHERE incident_id = ?1 ORDER BY created_at, id"
            ),
            vec![incident_id.into()],
        ),
        decode_all,
    )
}

/// An organisation's attachments, oldest first (the personal-data export).
pub fn attachments_of_customer(customer_id: &str) -> Query<Vec<AttachmentRecord>> {
    Query::new(
        Statement::new(
            format!(
                "SELECT {COLUMNS} FROM attachments WHERE customer_id = ?1 ORDER BY created_at, id"
            ),
            vec![customer_id.into()],
        ),
        decode_all,
    )
}

/// The files a contact attached (theirs, for erasure).
pub fn attachments_uploaded_by(contact_id: &str) -> Query<Vec<AttachmentRecord>> {
    Query::new(
        Statement::new(
            format!(
                "SELECT {COLUMNS} FROM attachments \
                 WHERE uploaded_by IN ('contact', 'email') AND uploader_id = ?1 ORDER BY created_at, id"
            ),
            vec![contact_id.into()],
        ),
        decode_all,
    )
}

/// Removes attachments' rows by id (their objects are removed after).
pub fn delete_attachments(ids: &[String]) -> Vec<Statement> {
    ids.iter()
        .map(|id| {
            Statement::new(
                "DELETE FROM attachments WHERE id = ?1",
                vec![id.as_str().into()],
            )
        })
        .collect()
}

/// The files of the contact whose erasure link this is (theirs to erase).
pub fn attachments_of_erasure_link(
    hash: crate::domain::token::SecretHash,
) -> Query<Vec<AttachmentRecord>> {
    Query::new(
        Statement::new(
            format!(
                "SELECT {COLUMNS} FROM attachments WHERE uploaded_by IN ('contact', 'email') AND uploader_id = \
                 (SELECT id FROM contacts WHERE erasure_token_hash = ?1 AND erased_at IS NULL) ORDER BY created_at, id"
            ),
            vec![hash.to_hex().into()],
        ),
        decode_all,
    )
}

/// The files of incidents closed before `cutoff`, at most `limit` a run:
/// they have served their purpose.
pub fn attachments_past_retention(cutoff: Instant, limit: i64) -> Query<Vec<AttachmentRecord>> {
    Query::new(
        Statement::new(
            format!(
                "SELECT {COLUMNS} FROM attachments WHERE incident_id IN \
                 (SELECT id FROM incidents WHERE status = 'closed' AND closed_at < ?1) \
                 ORDER BY created_at, id LIMIT ?2"
            ),
            vec![format(cutoff).into(), limit.into()],
        ),
        decode_all,
    )
}
