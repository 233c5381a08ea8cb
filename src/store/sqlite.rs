//! SQLite as a [`Database`], for native tests of the store and of the use
//! cases, loaded with the same `schema.sql` that D1 runs.

use std::sync::Mutex;

use rusqlite::types::ValueRef;
use rusqlite::Connection;

use super::{Database, DbError, Row, Statement, Value};

/// The whole current schema, as D1 gets it.
pub const SCHEMA: &str = include_str!("../../schema.sql");

pub struct Sqlite {
    connection: Mutex<Connection>,
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
        })
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

impl Database for Sqlite {
    async fn query(&self, statement: Statement) -> Result<Vec<Row>, DbError> {
        let connection = self
            .connection
            .lock()
            .map_err(|e| DbError::Failed(e.to_string()))?;
        Self::run(&connection, &statement).map(|(rows, _)| rows)
    }

    async fn batch(&self, statements: Vec<Statement>) -> Result<Vec<u64>, DbError> {
        let mut connection = self
            .connection
            .lock()
            .map_err(|e| DbError::Failed(e.to_string()))?;
        let transaction = connection.transaction().map_err(failed)?;
        let mut changes = Vec::with_capacity(statements.len());
        for statement in &statements {
            let (_, changed) = Self::run(&transaction, statement)?;
            changes.push(changed);
        }
        transaction.commit().map_err(failed)?;
        Ok(changes)
    }
}
