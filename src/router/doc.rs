//! What the OpenAPI document says of a route, beside the route in its row:
//! its summary, the body it takes, its query parameters, and its answers
//! with the types they are made of. Natively these are recorded (the types'
//! schemas derived by utoipa); in the Worker nothing of it is compiled in,
//! since the document is a static asset. The row's builder methods that
//! fill it are in [`super::table`].

/// A schema, registered with the components it refers to, as a reference.
#[cfg(not(target_arch = "wasm32"))]
pub type SchemaOf = fn(
    &mut Vec<(
        String,
        utoipa::openapi::RefOr<utoipa::openapi::schema::Schema>,
    )>,
) -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema>;

#[cfg(not(target_arch = "wasm32"))]
pub(super) fn schema_of<T: utoipa::ToSchema>(
    components: &mut Vec<(
        String,
        utoipa::openapi::RefOr<utoipa::openapi::schema::Schema>,
    )>,
) -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
    T::schemas(components);
    components.push((T::name().into_owned(), T::schema()));
    utoipa::openapi::Ref::from_schema_name(T::name()).into()
}

#[cfg(not(target_arch = "wasm32"))]
pub(super) fn params_of<T: utoipa::IntoParams>() -> Vec<utoipa::openapi::path::Parameter> {
    T::into_params(|| Some(utoipa::openapi::path::ParameterIn::Query))
}

/// One answer: its status, what it means, and its content by media type
/// (none: a redirect or an empty answer).
#[cfg(not(target_arch = "wasm32"))]
#[derive(Clone)]
pub struct Answer {
    pub status: u16,
    pub description: &'static str,
    pub content: Vec<(&'static str, Option<SchemaOf>)>,
}

/// The document's part of a row.
#[cfg(not(target_arch = "wasm32"))]
#[derive(Clone, Default)]
pub struct Doc {
    pub summary: &'static str,
    /// The body's media types, each with its schema if JSON.
    pub body: Vec<(&'static str, Option<SchemaOf>)>,
    pub query: Option<fn() -> Vec<utoipa::openapi::path::Parameter>>,
    pub answers: Vec<Answer>,
    /// The route emails a link of a kind limited per address an hour, and
    /// answers 429 `/problems/link-withheld` beyond it.
    pub withholds_links: bool,
}
