//! The fields of a request, read into commands the same way whichever
//! transport supplied them: a JSON body, or a form's fields as strings. Each
//! command is parsed once, here or in its use case's module, with every
//! limit in one place.

use serde_json::{Map, Value};

use crate::domain::field::{FieldErrors, Invalid};
use crate::domain::messages as m;
use crate::domain::registration::RegistrationInput;
use crate::domain::token::Token;

/// A JSON object read field by field, recording fields of the wrong type.
pub struct Fields<'a> {
    object: &'a Map<String, Value>,
    prefix: &'a str,
    pub errors: FieldErrors,
}

impl<'a> Fields<'a> {
    pub fn new(object: &'a Map<String, Value>) -> Self {
        Self {
            object,
            prefix: "",
            errors: FieldErrors::default(),
        }
    }

    fn path(&self, name: &str) -> String {
        format!("{}{name}", self.prefix)
    }

    /// A string field; missing or null is `None`.
    pub fn text(&mut self, name: &str) -> Option<String> {
        match self.object.get(name) {
            None | Some(Value::Null) => None,
            Some(Value::String(text)) => Some(text.clone()),
            Some(_) => {
                let path = self.path(name);
                self.errors
                    .push(&path, Invalid::said("type", m::field_not_text));
                None
            }
        }
    }

    /// A required string field, parsed; its error is recorded.
    pub fn parse<T>(
        &mut self,
        name: &str,
        parse: impl Fn(&str) -> Result<T, Invalid>,
    ) -> Option<T> {
        let parsed = self
            .text(name)
            .as_deref()
            .map_or(Err(Invalid::required()), parse);
        let path = self.path(name);
        self.errors.check(&path, parsed)
    }

    /// An optional string field (missing or blank is `Some(None)`), parsed;
    /// `None` when it is present and invalid.
    pub fn parse_optional<T>(
        &mut self,
        name: &str,
        parse: impl Fn(&str) -> Result<T, Invalid>,
    ) -> Option<Option<T>> {
        match self.text(name).filter(|v| !v.trim().is_empty()) {
            None => Some(None),
            Some(value) => {
                let path = self.path(name);
                self.errors.check(&path, parse(&value).map(Some))
            }
        }
    }

    /// A required whole number: a JSON integer, or the text of one (a
    /// form's field), parsed by `parse`; its error is recorded.
    pub fn whole_number<T>(
        &mut self,
        name: &str,
        parse: impl Fn(i64) -> Result<T, Invalid>,
    ) -> Option<T> {
        let number = match self.object.get(name) {
            None | Some(Value::Null) => Err(Invalid::required()),
            Some(Value::Number(number)) => number
                .as_i64()
                .ok_or_else(|| Invalid::said("type", m::field_whole_number)),
            Some(Value::String(text)) => text
                .trim()
                .parse::<i64>()
                .map_err(|_| Invalid::said("type", m::field_whole_number)),
            Some(_) => Err(Invalid::said("type", m::field_whole_number)),
        };
        let path = self.path(name);
        self.errors.check(&path, number.and_then(parse))
    }

    pub fn boolean(&mut self, name: &str) -> Option<bool> {
        match self.object.get(name) {
            None | Some(Value::Null) => None,
            Some(Value::Bool(flag)) => Some(*flag),
            Some(_) => {
                let path = self.path(name);
                self.errors
                    .push(&path, Invalid::said("type", m::field_true_or_false));
                None
            }
        }
    }

    /// Reads a nested object's fields with `read`; a nested value that is not
    /// an object is an error of the object's own name.
    pub fn object<T: Default>(&mut self, name: &str, read: impl FnOnce(&mut Fields<'_>) -> T) -> T {
        match self.object.get(name) {
            Some(Value::Object(inner)) => {
                let prefix = format!("{}{name}.", self.prefix);
                let mut nested = Fields {
                    object: inner,
                    prefix: &prefix,
                    errors: FieldErrors::default(),
                };
                let value = read(&mut nested);
                for error in nested.errors.into_list() {
                    self.errors.add(error);
                }
                value
            }
            None | Some(Value::Null) => T::default(),
            Some(_) => {
                let path = self.path(name);
                self.errors
                    .push(&path, Invalid::said("type", m::field_not_object));
                T::default()
            }
        }
    }
}

/// An RFC 3339 instant field.
pub fn instant(text: &str) -> Result<crate::domain::time::Instant, Invalid> {
    crate::domain::time::parse(text).ok_or_else(|| Invalid::said("invalid", m::field_instant))
}

/// A wall-clock time in Ljubljana, as the desk's `datetime-local` fields
/// send it, read as the instant it names.
pub fn local_time(text: &str) -> Result<crate::domain::time::Instant, Invalid> {
    use crate::domain::time::{from_ljubljana, parse_local_input};
    let local =
        parse_local_input(text).ok_or_else(|| Invalid::said("invalid", m::field_local_time))?;
    from_ljubljana(local).ok_or_else(|| Invalid::said("invalid", m::field_skipped_hour))
}

/// The desk queue's view from a query string, as the API and the desk's
/// page read it: `status`, `organisation_id`, `assignee`, `page`.
pub fn queue_filter(
    param: impl Fn(&str) -> Option<String>,
) -> Result<crate::domain::queue::QueueFilter, FieldErrors> {
    let [status, organisation_id, assignee, page] =
        ["status", "organisation_id", "assignee", "page"].map(&param);
    crate::domain::queue::QueueFilter::parse(
        status.as_deref(),
        organisation_id.as_deref(),
        assignee.as_deref(),
        page.as_deref(),
    )
}

/// A calendar date field, `YYYY-MM-DD`.
pub fn date(text: &str) -> Result<chrono::NaiveDate, Invalid> {
    crate::domain::time::parse_iso_date(text).ok_or_else(|| Invalid::said("invalid", m::field_date))
}

/// The `token` field of a body that carries an emailed link's token (a
/// JSON body or a page's form), parsed before any lookup: missing, not a
/// string, or not a token this portal issues is an error of `token`.
pub fn token_field(object: &Map<String, Value>) -> Result<Token, FieldErrors> {
    let mut fields = Fields::new(object);
    let token = fields.parse("token", Token::parse);
    token.ok_or(fields.errors)
}

/// The registration fields of a JSON body (nested `company` and `contact`).
pub fn registration_json(object: &Map<String, Value>) -> RegistrationInput {
    let mut fields = Fields::new(object);
    let mut input = RegistrationInput {
        serial: fields.text("serial"),
        newsletter: fields.boolean("newsletter"),
        accept_terms: fields.boolean("accept_terms"),
        ..RegistrationInput::default()
    };
    let company = fields.object("company", |company| {
        (
            company.text("name"),
            company.text("street"),
            company.text("postal_code"),
            company.text("city"),
            company.text("country"),
            company.text("vat_id"),
        )
    });
    (
        input.company_name,
        input.street,
        input.postal_code,
        input.city,
        input.country,
        input.vat_id,
    ) = company;
    let contact = fields.object("contact", |contact| {
        (
            contact.text("name"),
            contact.text("email"),
            contact.text("phone"),
            contact.text("language"),
        )
    });
    (input.contact_name, input.email, input.phone, input.language) = contact;
    input.decoding = fields.errors;
    input
}

/// Each JSON field path of a registration and its flat name in the HTML form.
pub const REGISTRATION_FORM_NAMES: [(&str, &str); 13] = [
    ("serial", "serial"),
    ("company.name", "company_name"),
    ("company.street", "street"),
    ("company.postal_code", "postal_code"),
    ("company.city", "city"),
    ("company.country", "country"),
    ("company.vat_id", "vat_id"),
    ("contact.name", "contact_name"),
    ("contact.email", "email"),
    ("contact.phone", "phone"),
    ("contact.language", "language"),
    ("newsletter", "newsletter"),
    ("accept_terms", "accept_terms"),
];

/// The form's name for a JSON field path.
pub fn form_name(path: &str) -> &str {
    REGISTRATION_FORM_NAMES
        .iter()
        .find(|(json, _)| *json == path)
        .map_or(path, |(_, form)| form)
}

/// A checkbox or select value: present and not a "no" is yes.
fn form_flag(value: Option<&str>) -> bool {
    value.is_some_and(|v| {
        !matches!(
            v.trim().to_ascii_lowercase().as_str(),
            "" | "0" | "false" | "off" | "no"
        )
    })
}

/// The registration fields of the public website's flat HTML form.
pub fn registration_form(pairs: &[(String, String)]) -> RegistrationInput {
    let get = |name: &str| {
        pairs
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.clone())
    };
    RegistrationInput {
        serial: get("serial"),
        company_name: get("company_name"),
        street: get("street"),
        postal_code: get("postal_code"),
        city: get("city"),
        country: get("country"),
        vat_id: get("vat_id"),
        contact_name: get("contact_name"),
        email: get("email"),
        phone: get("phone"),
        newsletter: Some(form_flag(get("newsletter").as_deref())),
        accept_terms: Some(form_flag(get("accept_terms").as_deref())),
        language: get("language"),
        fallback_language: None,
        decoding: FieldErrors::default(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn fields_of(input: &RegistrationInput) -> Vec<String> {
        input
            .decoding
            .list()
            .iter()
            .map(|e| e.field.clone())
            .collect()
    }

    #[test]
    fn wrong_types_are_named_by_their_path() {
        let body = json!({"serial": 12, "company": {"name": ["x"]}, "contact": "ana", "newsletter": "yes"});
        let input = registration_json(body.as_object().unwrap());
        assert_eq!(
            fields_of(&input),
            ["serial", "newsletter", "company.name", "contact"]
        );
    }

    #[test]
    fn nested_json_fields_are_read() {
        let body = json!({"serial": "0", "company": {"name": "K", "country": "SI"}, "contact": {"email": "a@b.si"}});
        let input = registration_json(body.as_object().unwrap());
        assert!(input.decoding.is_empty());
        assert_eq!(input.company_name.as_deref(), Some("K"));
        assert_eq!(input.email.as_deref(), Some("a@b.si"));
    }

    #[test]
    fn form_checkboxes_are_yes_when_ticked() {
        let pairs = vec![("accept_terms".to_string(), "on".to_string())];
        let input = registration_form(&pairs);
        assert_eq!(
            (input.accept_terms, input.newsletter),
            (Some(true), Some(false))
        );
    }

    #[test]
    fn a_token_field_that_is_missing_not_text_or_not_ours_is_named_token() {
        let token = "A".repeat(43);
        assert!(token_field(json!({ "token": token }).as_object().unwrap()).is_ok());
        for (body, code) in [
            (json!({}), "required"),
            (json!({"token": 7}), "type"),
            (json!({"token": "not-a-token"}), "invalid"),
        ] {
            let errors = token_field(body.as_object().unwrap()).unwrap_err();
            let errors: Vec<_> = errors
                .list()
                .iter()
                .map(|e| (e.field.as_str(), e.code))
                .collect();
            assert_eq!(errors, [("token", code)], "{body}");
        }
    }

    #[test]
    fn every_json_path_has_a_form_name() {
        assert_eq!(form_name("contact.email"), "email");
        assert_eq!(form_name("company.name"), "company_name");
        assert_eq!(form_name("serial"), "serial");
    }
}
