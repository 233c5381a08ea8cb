//! D1 as the store's [`Database`].

use js_sys::{Array, Object, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use worker::worker_sys::types::{D1Database as D1Sys, D1PreparedStatement, D1Result};
use worker::D1Database;

use crate::store::{Blobs, Database, DbError, ObjectPage, Row, Statement, Value, Written};

/// D1, with the R2 bucket of attachments' bytes beside it (`ATTACHMENTS`;
/// none where the Worker is configured without it).
pub struct D1(pub D1Database, pub Option<worker::Bucket>);

/// D1's error as text: the error's message and its causes' (SQLite's words,
/// "UNIQUE constraint failed: table.column", may be in either), which
/// [`DbError::from_message`] sorts.
fn failed(error: JsValue) -> DbError {
    let mut text = String::new();
    let mut current = error;
    for _ in 0..4 {
        let message = match current.dyn_ref::<js_sys::Error>() {
            Some(error) => String::from(error.message()),
            None => current.as_string().unwrap_or_default(),
        };
        if !text.is_empty() && !message.is_empty() {
            text.push_str(": ");
        }
        text.push_str(&message);
        match current.dyn_ref::<js_sys::Error>().map(js_sys::Error::cause) {
            Some(cause) if !cause.is_undefined() && !cause.is_null() => current = cause,
            _ => break,
        }
    }
    DbError::from_message(text)
}

impl D1 {
    fn database(&self) -> &D1Sys {
        self.0.as_ref().unchecked_ref()
    }

    fn prepare(&self, statement: &Statement) -> Result<D1PreparedStatement, DbError> {
        let params: Array = statement
            .params
            .iter()
            .map(|value| match value {
                Value::Null => JsValue::NULL,
                // D1 binds JavaScript numbers: exact for the integers the portal
                // stores (cents, counts), all far below 2^53.
                Value::Integer(n) => JsValue::from_f64(*n as f64),
                Value::Text(text) => JsValue::from_str(text),
            })
            .collect();
        self.database()
            .prepare(statement.sql.as_ref())
            .and_then(|prepared| prepared.bind(params))
            .map_err(failed)
    }

    /// The statements' results, in order, as one D1 batch (one round trip).
    async fn run(&self, statements: &[Statement]) -> Result<Vec<D1Result>, DbError> {
        let prepared = statements
            .iter()
            .map(|s| self.prepare(s))
            .collect::<Result<Array, _>>()?;
        let promise = self.database().batch(prepared).map_err(failed)?;
        let results = JsFuture::from(promise).await.map_err(failed)?;
        let results: Array = results.dyn_into().map_err(failed)?;
        results
            .iter()
            .map(|result| checked(result.unchecked_into()))
            .collect()
    }
}

/// A result, or the error it reports.
fn checked(result: D1Result) -> Result<D1Result, DbError> {
    match result.error().map_err(failed)? {
        Some(error) => Err(DbError::from_message(error)),
        None => Ok(result),
    }
}

/// A D1 result's rows, read from the JavaScript objects as they are (no
/// serde round trip): text, null, or a number that must be an integer.
fn rows(result: &D1Result) -> Result<Vec<Row>, DbError> {
    let Some(rows) = result.results().map_err(failed)? else {
        return Ok(Vec::new());
    };
    rows.iter()
        .map(|row| {
            Object::entries(row.unchecked_ref())
                .iter()
                .map(|entry| {
                    let entry: Array = entry.unchecked_into();
                    let name = entry.get(0).as_string().unwrap_or_default();
                    let value = entry.get(1);
                    let value = if value.is_null() || value.is_undefined() {
                        Value::Null
                    } else if let Some(text) = value.as_string() {
                        Value::Text(text)
                    } else {
                        value.as_f64().and_then(Value::from_number).ok_or_else(|| {
                            DbError::Decode(format!("{name} is not text, null or an integer"))
                        })?
                    };
                    Ok((name, value))
                })
                .collect::<Result<Vec<_>, _>>()
                .map(Row)
        })
        .collect()
}

impl D1 {
    fn bucket(&self) -> Result<&worker::Bucket, DbError> {
        self.1
            .as_ref()
            .ok_or_else(|| DbError::Failed("no R2 bucket ATTACHMENTS is bound".into()))
    }
}

fn r2_failed(error: worker::Error) -> DbError {
    DbError::Failed(format!("R2: {error}"))
}

impl Blobs for D1 {
    async fn put_object(&self, key: &str, bytes: &[u8], media_type: &str) -> Result<(), DbError> {
        self.bucket()?
            .put(key, bytes.to_vec())
            .http_metadata(worker::HttpMetadata {
                content_type: Some(media_type.to_owned()),
                ..Default::default()
            })
            .execute()
            .await
            .map_err(r2_failed)?;
        Ok(())
    }

    async fn get_object(&self, key: &str) -> Result<Option<Vec<u8>>, DbError> {
        let Some(object) = self.bucket()?.get(key).execute().await.map_err(r2_failed)? else {
            return Ok(None);
        };
        match object.body() {
            Some(body) => Ok(Some(body.bytes().await.map_err(r2_failed)?)),
            None => Ok(None),
        }
    }

    async fn delete_object(&self, key: &str) -> Result<(), DbError> {
        self.bucket()?.delete(key).await.map_err(r2_failed)
    }

    async fn list_objects(
        &self,
        prefix: &str,
        cursor: Option<String>,
    ) -> Result<ObjectPage, DbError> {
        let mut list = self.bucket()?.list().prefix(prefix);
        if let Some(cursor) = cursor {
            list = list.cursor(cursor);
        }
        let listed = list.execute().await.map_err(r2_failed)?;
        let objects = listed
            .objects()
            .iter()
            .filter_map(|object| {
                let stored =
                    crate::domain::time::from_unix_millis(object.uploaded().as_millis() as i64)?;
                Some((object.key(), stored))
            })
            .collect();
        Ok(ObjectPage {
            objects,
            cursor: listed.truncated().then(|| listed.cursor()).flatten(),
        })
    }
}

impl Database for D1 {
    async fn query(&self, statement: Statement) -> Result<Vec<Row>, DbError> {
        let promise = self.prepare(&statement)?.all().map_err(failed)?;
        let result = JsFuture::from(promise).await.map_err(failed)?;
        rows(&checked(result.unchecked_into())?)
    }

    async fn reads(&self, statements: Vec<Statement>) -> Result<Vec<Vec<Row>>, DbError> {
        self.run(&statements).await?.iter().map(rows).collect()
    }

    fn micros(&self) -> u64 {
        // Whole milliseconds since the epoch, exact in an f64; a cast, not formatting.
        (js_sys::Date::now() * 1000.0) as u64
    }

    async fn write_batch(&self, statements: Vec<Statement>) -> Result<Vec<Written>, DbError> {
        self.run(&statements)
            .await?
            .iter()
            .map(|result| {
                // `meta.changes`: rows written; 0 when D1 does not say.
                let changes = result
                    .meta()
                    .and_then(|meta| Reflect::get(&meta, &JsValue::from_str("changes")))
                    .ok()
                    .and_then(|changes| changes.as_f64());
                Ok(Written {
                    changes: changes.unwrap_or(0.0) as u64,
                    rows: rows(result)?,
                })
            })
            .collect()
    }
}
