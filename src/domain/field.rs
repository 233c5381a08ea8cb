//! Field errors: what a form or JSON body got wrong, named field by field, so
//! that an answer can list every problem at once.

use serde::Serialize;

use super::language::{Language, UnknownLanguage};
use super::messages as m;

impl From<UnknownLanguage> for Invalid {
    fn from(_: UnknownLanguage) -> Self {
        Invalid::said("invalid", m::field_language)
    }
}

/// A sentence in every language the portal speaks, made when an error is
/// (so the error can be shown later to whoever reads it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Said(Vec<String>);

impl Said {
    /// The sentence in each language, `say` once a language.
    pub fn new<S: Into<String>>(say: impl Fn(Language) -> S) -> Self {
        Self(Language::ALL.iter().map(|&l| say(l).into()).collect())
    }

    /// The same sentence in every language: for text written in English
    /// only, until its message is in the catalogues.
    pub fn untranslated(text: impl Into<String>) -> Self {
        let text = text.into();
        Self::new(|_| text.clone())
    }

    pub fn get(&self, language: Language) -> &str {
        let index = Language::ALL
            .iter()
            .position(|&l| l == language)
            .unwrap_or_default();
        self.0.get(index).map_or("", String::as_str)
    }
}

/// One invalid field: its path in the JSON body (`contact.email`) and why
/// (`detail`, in the language of [`FieldErrors::in_language`], English
/// until then).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldError {
    pub field: String,
    pub code: &'static str,
    pub detail: String,
    #[serde(skip)]
    pub said: Said,
}

/// The reason a value was refused, as a machine code and a sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invalid {
    pub code: &'static str,
    pub said: Said,
}

impl Invalid {
    /// A refusal written in English only: left only where issue 23's
    /// phone and country parsers and the sign-in form are rewritten
    /// (`tests/api/problems.rs` lists them); use [`Invalid::said`].
    pub fn new(code: &'static str, detail: impl Into<String>) -> Self {
        Self {
            code,
            said: Said::untranslated(detail),
        }
    }

    /// A refusal whose sentence is a catalogue's message:
    /// `Invalid::said("required", |l| m::field_required(l))`.
    pub fn said<S: Into<String>>(code: &'static str, say: impl Fn(Language) -> S) -> Self {
        Self {
            code,
            said: Said::new(say),
        }
    }

    /// The sentence in English, for logs and tests.
    pub fn detail(&self) -> &str {
        self.said.get(Language::En)
    }

    pub fn required() -> Self {
        Self::said("required", m::field_required)
    }
}

/// A field's error refused again under another name (or by another
/// layer): its code and its sentence in every language.
impl From<FieldError> for Invalid {
    fn from(error: FieldError) -> Self {
        Self {
            code: error.code,
            said: error.said,
        }
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
            detail: invalid.said.get(Language::En).to_owned(),
            said: invalid.said,
        });
    }

    /// Records an error found elsewhere (a nested object's, another
    /// layer's) under its own field.
    pub fn add(&mut self, error: FieldError) {
        let field = error.field.clone();
        self.push(&field, error.into());
    }

    /// The errors with each `detail` in `language`, for a page or a
    /// problem's `errors` shown to its reader.
    pub fn in_language(mut self, language: Language) -> Self {
        for error in &mut self.0 {
            error.detail = error.said.get(language).to_owned();
        }
        self
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
