//! Migration 0007 rebuilds the outbox: the rows written before it keep their
//! data, pending ones become due at once, and a settled one keeps its text
//! with the secret of its link taken out, as the Worker redacts it now.

use std::path::Path;

use rusqlite::Connection;
use spica_portal::domain::notification::redact_links;

const TOKEN: &str = "Zm9vYmFyLWJhei1xdXV4LTAxMjM0NTY3ODlBQkNERUY";

#[path = "support/migrations.rs"]
mod support;
use support::migration_files;

fn apply(connection: &Connection, migration: &Path) {
    connection
        .execute_batch(&std::fs::read_to_string(migration).unwrap())
        .unwrap_or_else(|e| panic!("{}: {e}", migration.display()));
}

#[test]
fn the_outbox_rebuild_keeps_every_row_and_redacts_settled_links() {
    let connection = Connection::open_in_memory().unwrap();
    let (before, after): (Vec<_>, Vec<_>) = migration_files()
        .into_iter()
        .partition(|path| path.file_name().unwrap().to_str().unwrap() < "0007");
    for migration in &before {
        apply(&connection, migration);
    }
    let text = format!(
        "Hello,\n\nopen this link to sign in:\n\nhttps://portal.test/sign-in?token={TOKEN}\n\nThe link is valid once.\n"
    );
    for (id, status, attempts) in [
        ("msg_sent", "sent", 1),
        ("msg_pending", "pending", 2),
        ("msg_not_sent", "not_sent", 1),
        ("msg_failed", "failed", 6),
    ] {
        connection
            .execute(
                "INSERT INTO outbox (id, to_address, subject, body_text, status, attempts, created_at) \
                 VALUES (?1, 'ana@kovinar.si', 'Sign in', ?2, ?3, ?4, '2026-11-20T10:00:00.000Z')",
                rusqlite::params![id, text, status, attempts],
            )
            .unwrap();
    }
    connection
        .execute(
            "INSERT INTO outbox (id, to_address, subject, body_text, status, created_at) \
             VALUES ('msg_plain', 'desk@spica.test', 'New incident', 'No link here.', 'sent', '2026-11-20T11:00:00.000Z')",
            [],
        )
        .unwrap();
    for migration in &after {
        apply(&connection, migration);
    }

    let rows: Vec<(String, String, String, i64, String, Option<String>)> = connection
        .prepare(
            "SELECT id, status, body_text, attempts, next_attempt_at, claimed_until FROM outbox ORDER BY id",
        )
        .unwrap()
        .query_map([], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?))
        })
        .unwrap()
        .map(Result::unwrap)
        .collect();
    let ids: Vec<&str> = rows.iter().map(|r| r.0.as_str()).collect();
    assert_eq!(
        ids,
        [
            "msg_failed",
            "msg_not_sent",
            "msg_pending",
            "msg_plain",
            "msg_sent"
        ]
    );
    for (id, status, body, attempts, next_attempt_at, claimed_until) in &rows {
        assert!(claimed_until.is_none());
        assert!(
            next_attempt_at.starts_with("2026-11-20T1"),
            "{id}: due when written"
        );
        match id.as_str() {
            "msg_pending" => {
                assert_eq!((status.as_str(), *attempts), ("pending", 2));
                assert_eq!(body, &text, "a pending message keeps its link to send it");
            }
            "msg_plain" => assert_eq!(body, "No link here."),
            _ => {
                assert!(!body.contains(TOKEN), "{id}: {body}");
                assert_eq!(body, &redact_links(&text), "{id}");
            }
        }
    }
    let sent_attempts: i64 = connection
        .query_row(
            "SELECT attempts FROM outbox WHERE id = 'msg_failed'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(sent_attempts, 6);
    // The new statuses and the lease check hold.
    assert!(
        connection
            .execute(
                "UPDATE outbox SET status = 'sending' WHERE id = 'msg_pending'",
                []
            )
            .is_err(),
        "sending needs a lease"
    );
    connection
        .execute(
            "UPDATE outbox SET status = 'unknown' WHERE id = 'msg_sent'",
            [],
        )
        .unwrap();
}
