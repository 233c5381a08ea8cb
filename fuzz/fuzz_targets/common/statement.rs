//! Checks shared by the bank-statement targets: what a parsed statement
//! promises, and that an error can always be shown to staff.

use std::collections::HashSet;

use spica_portal::domain::statement::{Statement, StatementError};

pub fn check(result: Result<Statement, StatementError>) {
    match result {
        Ok(statement) => {
            let mut keys = HashSet::new();
            for (position, entry) in statement.entries.iter().enumerate() {
                assert_eq!(entry.index, position, "entries are in file order");
                assert!(
                    keys.insert(entry.key.as_str()),
                    "idempotency key {:?} is not unique within the statement",
                    entry.key
                );
            }
        }
        Err(error) => {
            // The message is shown to staff: formatting it must not panic.
            let _ = error.to_string();
        }
    }
}
