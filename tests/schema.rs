//! `schema.sql` is the whole current schema and `migrations/` builds it step
//! by step: applied in order to an empty database, they must give the same.

use std::path::Path;

use rusqlite::Connection;

/// A description of a database's schema that ignores comments, layout and
/// the order in which objects were created.
fn describe(connection: &Connection) -> Vec<String> {
    let mut described = Vec::new();
    let mut objects = connection
        .prepare("SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name")
        .unwrap();
    let rows = objects
        .query_map([], |row| {
            Ok((
                row.get::<_, String>(0)?,
                row.get::<_, String>(1)?,
                row.get::<_, String>(2)?,
                row.get::<_, Option<String>>(3)?,
            ))
        })
        .unwrap();
    for row in rows {
        let (kind, name, table, sql) = row.unwrap();
        described.push(format!(
            "{kind} {name} on {table}: {}",
            normalise(sql.as_deref().unwrap_or(""))
        ));
        if kind == "table" {
            let mut columns = connection
                .prepare(&format!("SELECT name, type, \"notnull\", dflt_value, pk FROM pragma_table_xinfo('{name}')"))
                .unwrap();
            let columns = columns
                .query_map([], |c| {
                    Ok(format!(
                        "  column {} {} notnull={} default={:?} pk={}",
                        c.get::<_, String>(0)?,
                        c.get::<_, String>(1)?,
                        c.get::<_, i64>(2)?,
                        c.get::<_, Option<String>>(3)?,
                        c.get::<_, i64>(4)?
                    ))
                })
                .unwrap();
            described.extend(columns.map(Result::unwrap));
        }
    }
    described
}

/// Drops `--` comments and folds white space, so that layout does not count.
fn normalise(sql: &str) -> String {
    sql.lines()
        .map(|line| line.split("--").next().unwrap_or(""))
        .collect::<Vec<_>>()
        .join(" ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .replace("( ", "(")
        .replace(" )", ")")
        .replace(" ,", ",")
}

#[test]
fn the_migrations_build_exactly_schema_sql() {
    let from_schema = Connection::open_in_memory().unwrap();
    from_schema
        .execute_batch(include_str!("../schema.sql"))
        .unwrap();

    let from_migrations = Connection::open_in_memory().unwrap();
    let mut migrations: Vec<_> =
        std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("migrations"))
            .unwrap()
            .map(|entry| entry.unwrap().path())
            .filter(|path| path.extension().is_some_and(|e| e == "sql"))
            .collect();
    migrations.sort();
    assert!(!migrations.is_empty(), "no migrations found");
    for migration in &migrations {
        let sql = std::fs::read_to_string(migration).unwrap();
        from_migrations
            .execute_batch(&sql)
            .unwrap_or_else(|e| panic!("{}: {e}", migration.display()));
    }

    let (expected, actual) = (describe(&from_schema), describe(&from_migrations));
    assert!(expected
        .iter()
        .any(|line| line.starts_with("table customers")));
    let missing: Vec<_> = expected
        .iter()
        .filter(|line| !actual.contains(line))
        .collect();
    let extra: Vec<_> = actual
        .iter()
        .filter(|line| !expected.contains(line))
        .collect();
    assert!(
        missing.is_empty() && extra.is_empty(),
        "schema.sql has, the migrations lack: {missing:#?}\nthe migrations have, schema.sql lacks: {extra:#?}"
    );
    assert_eq!(actual, expected, "same objects, another order");
}

#[test]
fn every_table_is_strict() {
    let connection = Connection::open_in_memory().unwrap();
    connection
        .execute_batch(include_str!("../schema.sql"))
        .unwrap();
    let mut tables = connection
        .prepare("SELECT name, strict FROM pragma_table_list WHERE schema = 'main' AND name NOT LIKE 'sqlite_%'")
        .unwrap();
    let tables: Vec<(String, i64)> = tables
        .query_map([], |row| Ok((row.get(0)?, row.get(1)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert!(tables.len() >= 5);
    for (name, strict) in tables {
        assert_eq!(strict, 1, "table {name} is not STRICT");
    }
}
