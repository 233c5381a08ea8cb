//! Request bodies: JSON objects for scripts and partners, URL-encoded forms
//! from HTML forms. The fields in them are read into commands by
//! [`crate::app::input`], the same for both.

use serde_json::{Map, Value};

use super::message::{Method, Request};
use crate::app::input::Fields;
use crate::domain::field::{FieldErrors, Invalid};
use crate::domain::idempotency::{IdempotencyKey, RequestFingerprint};
use crate::domain::messages as m;
use crate::http::ApiError;

/// The two body formats the API reads.
pub enum Body {
    Json(Map<String, Value>),
    Form(Vec<(String, String)>),
}

/// Reads a body as a JSON object, or as a form where `form` allows it.
pub fn body(request: &Request, form: bool) -> Result<Body, ApiError> {
    let accepted = if form {
        "application/json or application/x-www-form-urlencoded"
    } else {
        "application/json"
    };
    match request.media_type().as_deref() {
        Some("application/json") => match serde_json::from_slice::<Value>(&request.body) {
            Ok(Value::Object(object)) => Ok(Body::Json(object)),
            Ok(_) => Err(ApiError::MalformedBody(
                m::problem_not_json_object(request.language()).into(),
            )),
            Err(error) => Err(ApiError::MalformedBody(m::problem_malformed_json(
                request.language(),
                m::ProblemMalformedJson {
                    line: &error.line().to_string(),
                    column: &error.column().to_string(),
                },
            ))),
        },
        Some("application/x-www-form-urlencoded") if form => {
            serde_urlencoded::from_bytes(&request.body)
                .map(Body::Form)
                .map_err(|_| {
                    ApiError::MalformedBody(m::problem_form_encoding(request.language()).into())
                })
        }
        _ => Err(ApiError::UnsupportedMediaType(accepted)),
    }
}

/// Field errors, as the 422 answer that names them.
pub fn invalid(errors: FieldErrors) -> ApiError {
    ApiError::App(crate::app::AppError::Invalid(errors))
}

/// A JSON object body (forms are for the public website's pages only).
pub fn json_object(request: &Request) -> Result<Map<String, Value>, ApiError> {
    match body(request, false)? {
        Body::Json(object) => Ok(object),
        Body::Form(_) => Err(ApiError::UnsupportedMediaType("application/json")),
    }
}

/// A JSON object, or a form whose fields are read as strings.
pub fn json_or_form(request: &Request) -> Result<Map<String, Value>, ApiError> {
    Ok(match body(request, true)? {
        Body::Json(object) => object,
        Body::Form(pairs) => pairs
            .into_iter()
            .map(|(k, v)| (k, Value::String(v)))
            .collect(),
    })
}

/// The `Idempotency-Key` header, parsed (`None` when the request has none),
/// and the request's fingerprint for it.
pub fn idempotency(
    request: &Request,
) -> Option<Result<(IdempotencyKey, RequestFingerprint), Invalid>> {
    let key = request.header("idempotency-key")?;
    let fingerprint = RequestFingerprint::of(request.method.as_str(), &request.path, &request.body);
    Some(IdempotencyKey::parse(key).map(|key| (key, fingerprint)))
}

/// One required string field of a small JSON body, such as `{"token"}`.
pub fn single_text(request: &Request, name: &str) -> Result<Result<String, FieldErrors>, ApiError> {
    let object = match body(request, matches!(request.method, Method::Post))? {
        Body::Json(object) => object,
        Body::Form(pairs) => pairs
            .into_iter()
            .map(|(key, value)| (key, Value::String(value)))
            .collect(),
    };
    let mut fields = Fields::new(&object);
    let value = fields.text(name);
    let mut errors = fields.errors;
    Ok(match value {
        Some(value) if errors.is_empty() => Ok(value),
        _ => {
            if errors.is_empty() {
                errors.push(name, Invalid::required());
            }
            Err(errors)
        }
    })
}

/// One field of a form-encoded body, if the body is a form and has it.
pub fn form_field(request: &Request, name: &str) -> Option<String> {
    if request.media_type().as_deref() != Some("application/x-www-form-urlencoded") {
        return None;
    }
    serde_urlencoded::from_bytes::<Vec<(String, String)>>(&request.body)
        .ok()?
        .into_iter()
        .find_map(|(key, value)| (key == name).then_some(value))
}

/// The file part `name` of a `multipart/form-data` body: 415 for another
/// media type, 422 naming the field when it is missing.
pub fn file_part<'a>(
    request: &'a Request,
    name: &str,
) -> Result<super::multipart::Part<'a>, ApiError> {
    let content_type = request.header("content-type").unwrap_or_default();
    let multipart = content_type
        .split(';')
        .next()
        .is_some_and(|media| media.trim().eq_ignore_ascii_case("multipart/form-data"));
    if !multipart {
        return Err(ApiError::UnsupportedMediaType("multipart/form-data"));
    }
    let Some(parts) = super::multipart::parts(content_type, &request.body) else {
        return Err(ApiError::MalformedBody(
            m::problem_multipart_framing(request.language()).into(),
        ));
    };
    parts
        .into_iter()
        .find(|part| part.name == name)
        .ok_or_else(|| {
            let mut errors = FieldErrors::default();
            errors.push(name, Invalid::required());
            invalid(errors)
        })
}
