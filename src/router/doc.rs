//! What the OpenAPI document says of a route, beside the route in its row:
//! its summary, the body it takes, its query parameters, and its answers
//! with the types they are made of. Natively these are recorded (the types'
//! schemas derived by utoipa); in the Worker every method is a no-op and
//! nothing of it is compiled in, since the document is a static asset.

use super::table::Route;

/// A schema, registered with the components it refers to, as a reference.
#[cfg(not(target_arch = "wasm32"))]
pub type SchemaOf = fn(
    &mut Vec<(
        String,
        utoipa::openapi::RefOr<utoipa::openapi::schema::Schema>,
    )>,
) -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema>;

#[cfg(not(target_arch = "wasm32"))]
fn schema_of<T: utoipa::ToSchema>(
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
fn params_of<T: utoipa::IntoParams>() -> Vec<utoipa::openapi::path::Parameter> {
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

#[cfg(not(target_arch = "wasm32"))]
impl<H> Route<H> {
    /// What the route does, in a line.
    pub(super) fn summary(mut self, summary: &'static str) -> Self {
        self.doc.summary = summary;
        self
    }

    /// A JSON body of type `T`.
    pub(super) fn takes<T: utoipa::ToSchema>(mut self) -> Self {
        self.doc
            .body
            .push(("application/json", Some(schema_of::<T>)));
        self
    }

    /// A body of another media type, read as text.
    pub(super) fn takes_media(mut self, media_type: &'static str) -> Self {
        self.doc.body.push((media_type, None));
        self
    }

    /// Its query parameters, as the fields of `T`.
    pub(super) fn query<T: utoipa::IntoParams>(mut self) -> Self {
        self.doc.query = Some(params_of::<T>);
        self
    }

    /// A JSON answer of type `T` with this status.
    pub(super) fn answers<T: utoipa::ToSchema>(
        mut self,
        status: u16,
        description: &'static str,
    ) -> Self {
        self.doc.answers.push(Answer {
            status,
            description,
            content: vec![("application/json", Some(schema_of::<T>))],
        });
        self
    }

    /// A JSON answer whose fields are not yet described.
    pub(super) fn answers_json(mut self, status: u16, description: &'static str) -> Self {
        self.doc.answers.push(Answer {
            status,
            description,
            content: vec![("application/json", None)],
        });
        self
    }

    /// The same answer in another media type too (`text/csv`,
    /// `application/xml`), chosen by a query parameter or `Accept`.
    pub(super) fn also_as(mut self, media_type: &'static str) -> Self {
        if let Some(last) = self.doc.answers.last_mut() {
            last.content.push((media_type, None));
        }
        self
    }

    /// An answer without a body of ours (a redirect).
    pub(super) fn answers_bare(mut self, status: u16, description: &'static str) -> Self {
        self.doc.answers.push(Answer {
            status,
            description,
            content: Vec::new(),
        });
        self
    }

    pub(super) fn withholds_links(mut self) -> Self {
        self.doc.withholds_links = true;
        self
    }
}

/// In the Worker, the document's methods do nothing: the document is not
/// compiled in.
#[cfg(target_arch = "wasm32")]
#[allow(clippy::extra_unused_type_parameters)]
impl<H> Route<H> {
    pub(super) fn summary(self, _: &'static str) -> Self {
        self
    }
    pub(super) fn takes<T>(self) -> Self {
        self
    }
    pub(super) fn takes_media(self, _: &'static str) -> Self {
        self
    }
    pub(super) fn query<T>(self) -> Self {
        self
    }
    pub(super) fn answers<T>(self, _: u16, _: &'static str) -> Self {
        self
    }
    pub(super) fn also_as(self, _: &'static str) -> Self {
        self
    }
    pub(super) fn answers_json(self, _: u16, _: &'static str) -> Self {
        self
    }
    pub(super) fn answers_bare(self, _: u16, _: &'static str) -> Self {
        self
    }
    pub(super) fn withholds_links(self) -> Self {
        self
    }
}
