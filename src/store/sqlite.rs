//! SQLite as a [`Database`], for native tests of the store and of the use
//! cases, loaded with the same `schema.sql` that D1 runs.

use std::sync::Mutex;

use rusqlite::types::ValueRef;
use rusqlite::Connection;

use super::{Blobs, Database, DbError, ObjectPage, Row, Statement, Value, Written};
use crate::domain::time::Instant;

/// The whole current schema, as D1 gets it.
pub const SCHEMA: &str = include_str!("../../schema.sql");

/// D1's limits, which the native database enforces too, so that a test
/// that passes here does not fail on D1 for size.
pub const D1_MAX_PARAMETERS: usize = 100;
pub const D1_MAX_SQL_BYTES: usize = 100_000;
pub const D1_MAX_VALUE_BYTES: usize = 2_000_000;

pub struct Sqlite {
    connection: Mutex<Connection>,
    queries: std::sync::atomic::AtomicUsize,
    opened: std::time::Instant,
    /// The object store's stand-in (R2 in the Worker): a map in memory of
    /// the bytes and when they were stored (by the machine's clock, as R2
    /// records its own).
    objects: Mutex<std::collections::BTreeMap<String, (Vec<u8>, Instant)>>,
}

fn failed(error: rusqlite::Error) -> DbError {
    DbError::from_message(error.to_string())
}

impl Sqlite {
    /// A fresh in-memory database with the current schema.
    pub fn in_memory() -> Result<Self, DbError> {
        let connection = Connection::open_in_memory().map_err(failed)?;
        connection.execute_batch(SCHEMA).map_err(failed)?;
        Ok(Self {
            connection: Mutex::new(connection),
            queries: std::sync::atomic::AtomicUsize::new(0),
            opened: std::time::Instant::now(),
            objects: Mutex::default(),
        })
    }

    /// Statements run so far (each statement of a batch counts, as on D1).
    pub fn queries(&self) -> usize {
        self.queries.load(std::sync::atomic::Ordering::Relaxed)
    }

    fn within_d1_limits(&self, statement: &Statement) -> Result<(), DbError> {
        self.queries
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let too_long = statement
            .params
            .iter()
            .any(|p| matches!(p, Value::Text(t) if t.len() > D1_MAX_VALUE_BYTES));
        if statement.params.len() > D1_MAX_PARAMETERS
            || statement.sql.len() > D1_MAX_SQL_BYTES
            || too_long
        {
            return Err(DbError::Failed(format!(
                "beyond D1's limits: {} parameters, {} bytes of SQL",
                statement.params.len(),
                statement.sql.len()
            )));
        }
        Ok(())
    }

    fn run(connection: &Connection, statement: &Statement) -> Result<(Vec<Row>, u64), DbError> {
        let mut prepared = connection.prepare(&statement.sql).map_err(failed)?;
        let names: Vec<String> = prepared
            .column_names()
            .iter()
            .map(|n| n.to_string())
            .collect();
        let params = rusqlite::params_from_iter(statement.params.iter().map(|value| match value {
            Value::Null => rusqlite::types::Value::Null,
            Value::Integer(n) => rusqlite::types::Value::Integer(*n),
            Value::Text(t) => rusqlite::types::Value::Text(t.clone()),
        }));
        let mut rows = prepared.query(params).map_err(failed)?;
        let mut out = Vec::new();
        while let Some(row) = rows.next().map_err(failed)? {
            let mut values = Vec::with_capacity(names.len());
            for (index, name) in names.iter().enumerate() {
                let value = match row.get_ref(index).map_err(failed)? {
                    ValueRef::Null => Value::Null,
                    ValueRef::Integer(n) => Value::Integer(n),
                    ValueRef::Text(t) => Value::Text(String::from_utf8_lossy(t).into_owned()),
                    other => {
                        return Err(DbError::Decode(format!(
                            "{name} has an unsupported type {other:?}"
                        )))
                    }
                };
                values.push((name.clone(), value));
            }
            out.push(Row(values));
        }
        drop(rows);
        Ok((out, connection.changes()))
    }
}

impl Sqlite {
    /// The keys in the object store's stand-in, in order.
    pub fn object_keys(&self) -> Vec<String> {
        self.objects
            .lock()
            .map(|objects| objects.keys().cloned().collect())
            .unwrap_or_default()
    }
}

impl Blobs for Sqlite {
    async fn put_object(&self, key: &str, bytes: &[u8], _: &str) -> Result<(), DbError> {
        let mut objects = self
            .objects
            .lock()
            .map_err(|e| DbError::Failed(e.to_string()))?;
        objects.insert(key.to_owned(), (bytes.to_vec(), machine_clock()));
        Ok(())
    }

    async fn get_object(&self, key: &str) -> Result<Option<Vec<u8>>, DbError> {
        let objects = self
            .objects
            .lock()
            .map_err(|e| DbError::Failed(e.to_string()))?;
        Ok(objects.get(key).map(|(bytes, _)| bytes.clone()))
    }

    async fn delete_object(&self, key: &str) -> Result<(), DbError> {
        let mut objects = self
            .objects
            .lock()
            .map_err(|e| DbError::Failed(e.to_string()))?;
        objects.remove(key);
        Ok(())
    }

    async fn list_objects(
        &self,
        prefix: &str,
        cursor: Option<String>,
    ) -> Result<ObjectPage, DbError> {
        let objects = self
            .objects
            .lock()
            .map_err(|e| DbError::Failed(e.to_string()))?;
        let from = match cursor {
            Some(after) if after.as_str() >= prefix => std::ops::Bound::Excluded(after),
            _ => std::ops::Bound::Included(prefix.to_owned()),
        };
        let mut page: Vec<(String, Instant)> = objects
            .range::<String, _>((from, std::ops::Bound::Unbounded))
            .take_while(|(key, _)| key.starts_with(prefix))
            .take(OBJECTS_PER_PAGE + 1)
            .map(|(key, (_, stored))| (key.clone(), *stored))
            .collect();
        let more = page.len() > OBJECTS_PER_PAGE;
        page.truncate(OBJECTS_PER_PAGE);
        let cursor = more
            .then(|| page.last().map(|(key, _)| key.clone()))
            .flatten();
        Ok(ObjectPage {
            objects: page,
            cursor,
        })
    }
}

/// The machine's time, for the stand-in's record of when an object was
/// stored (R2 keeps its own).
fn machine_clock() -> Instant {
    let millis = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |since| since.as_millis() as i64);
    crate::domain::time::from_unix_millis(millis).unwrap_or_default()
}

/// Keys a page of the stand-in lists, as R2 lists at most 1,000.
const OBJECTS_PER_PAGE: usize = 1000;

impl Database for Sqlite {
    async fn query(&self, statement: Statement) -> Result<Vec<Row>, DbError> {
        let connection = self
            .connection
            .lock()
            .map_err(|e| DbError::Failed(e.to_string()))?;
        Self::run(&connection, &statement).map(|(rows, _)| rows)
    }

    async fn write_batch(&self, statements: Vec<Statement>) -> Result<Vec<Written>, DbError> {
        let mut connection = self
            .connection
            .lock()
            .map_err(|e| DbError::Failed(e.to_string()))?;
        let transaction = connection.transaction().map_err(failed)?;
        let mut changes = Vec::with_capacity(statements.len());
        for statement in &statements {
            self.within_d1_limits(statement)?;
            let (rows, changes_made) = Self::run(&transaction, statement)?;
            changes.push(Written {
                changes: changes_made,
                rows,
            });
        }
        transaction.commit().map_err(failed)?;
        Ok(changes)
    }

    async fn reads(&self, statements: Vec<Statement>) -> Result<Vec<Vec<Row>>, DbError> {
        let mut connection = self
            .connection
            .lock()
            .map_err(|e| DbError::Failed(e.to_string()))?;
        // One transaction, as D1 runs a batch: the reads see one state.
        let transaction = connection.transaction().map_err(failed)?;
        let mut results = Vec::with_capacity(statements.len());
        for statement in &statements {
            self.within_d1_limits(statement)?;
            results.push(Self::run(&transaction, statement)?.0);
        }
        transaction.commit().map_err(failed)?;
        Ok(results)
    }

    fn micros(&self) -> u64 {
        u64::try_from(self.opened.elapsed().as_micros()).unwrap_or(u64::MAX)
    }
}
