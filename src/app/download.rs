//! A file a use case renders for the caller to save (an invoice's UBL, the
//! accountant's CSV, the personal-data export): the API and the pages answer
//! it alike, as an attachment ([`crate::http::Response`]'s `From`).

/// A rendered file: its media type, the name it is saved under, its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Download {
    pub media_type: &'static str,
    pub file_name: String,
    pub body: Vec<u8>,
}
