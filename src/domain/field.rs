//! Field errors: what a form or JSON body got wrong, named field by field, so
//! that an answer can list every problem at once.

use serde::Serialize;

/// One invalid field: its path in the JSON body (`contact.email`) and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldError {
    pub field: String,
    pub code: &'static str,
    pub detail: String,
}

/// The reason a value was refused, as a machine code and a sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invalid {
    pub code: &'static str,
    pub detail: String,
}

impl Invalid {
    pub fn new(code: &'static str, detail: impl Into<String>) -> Self {
        Self {
            code,
            detail: detail.into(),
        }
    }

    pub fn required() -> Self {
        Self::new("required", "is required")
    }
}

/// Collects the errors of one input; empty means the input was valid.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct FieldErrors(Vec<FieldError>);

impl FieldErrors {
    /// Records an error; a field keeps only its first, the most specific
    /// (a wrong type, say, rather than "required" after it).
    pub fn push(&mut self, field: &str, invalid: Invalid) {
        if self.0.iter().any(|error| error.field == field) {
            return;
        }
        self.0.push(FieldError {
            field: field.to_owned(),
            code: invalid.code,
            detail: invalid.detail,
        });
    }

    /// Parses one field, recording its error and giving `None` when invalid.
    pub fn check<T>(&mut self, field: &str, parsed: Result<T, Invalid>) -> Option<T> {
        match parsed {
            Ok(value) => Some(value),
            Err(invalid) => {
                self.push(field, invalid);
                None
            }
        }
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn list(&self) -> &[FieldError] {
        &self.0
    }

    pub fn into_list(self) -> Vec<FieldError> {
        self.0
    }
}
