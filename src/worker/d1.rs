//! D1 as the store's [`Database`].

use serde_json::Value as Json;
use wasm_bindgen::JsValue;
use worker::{D1Database, D1PreparedStatement};

use crate::store::{Database, DbError, Row, Statement, Value};

pub struct D1(pub D1Database);

fn failed(error: worker::Error) -> DbError {
    DbError::from_message(error.to_string())
}

impl D1 {
    fn prepare(&self, statement: &Statement) -> Result<D1PreparedStatement, DbError> {
        let params: Vec<JsValue> = statement
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
        self.0
            .prepare(statement.sql.as_ref())
            .bind(&params)
            .map_err(failed)
    }
}

fn rows(result: &worker::D1Result) -> Result<Vec<Row>, DbError> {
    if let Some(error) = result.error() {
        return Err(DbError::from_message(error));
    }
    result
        .results::<serde_json::Map<String, Json>>()
        .map_err(failed)?
        .into_iter()
        .map(Row::from_json_object)
        .collect()
}

impl Database for D1 {
    async fn query(&self, statement: Statement) -> Result<Vec<Row>, DbError> {
        rows(&self.prepare(&statement)?.all().await.map_err(failed)?)
    }

    async fn reads(&self, statements: Vec<Statement>) -> Result<Vec<Vec<Row>>, DbError> {
        let prepared = statements
            .iter()
            .map(|s| self.prepare(s))
            .collect::<Result<Vec<_>, _>>()?;
        self.0
            .batch(prepared)
            .await
            .map_err(failed)?
            .iter()
            .map(rows)
            .collect()
    }

    fn micros(&self) -> u64 {
        // Whole milliseconds since the epoch, exact in an f64; a cast, not formatting.
        (js_sys::Date::now() * 1000.0) as u64
    }

    async fn batch(&self, statements: Vec<Statement>) -> Result<Vec<u64>, DbError> {
        let prepared = statements
            .iter()
            .map(|s| self.prepare(s))
            .collect::<Result<Vec<_>, _>>()?;
        let results = self.0.batch(prepared).await.map_err(failed)?;
        results
            .iter()
            .map(|result| match result.error() {
                Some(error) => Err(DbError::from_message(error)),
                None => Ok(result
                    .meta()
                    .map_err(failed)?
                    .and_then(|meta| meta.changes)
                    .unwrap_or(0) as u64),
            })
            .collect()
    }
}
