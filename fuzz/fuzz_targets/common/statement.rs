//! Checks shared by the bank-statement targets: what a parsed statement
//! promises, that an error can always be shown to staff, and that whatever
//! the parser accepts can be reconciled (the next step of every upload).

use std::collections::{HashMap, HashSet};

use spica_portal::domain::reconciliation::{reconcile, Counts};
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
            // What an upload does next, with no orders and nothing seen before.
            let reconciliation = reconcile(&statement.entries, &HashSet::new(), &HashMap::new());
            let counts = Counts::of(&reconciliation.lines);
            assert_eq!(counts.entries, statement.entries.len());
            assert_eq!(
                counts.matched, 0,
                "nothing matches when there are no orders"
            );
        }
        Err(error) => {
            // The message is shown to staff: formatting it must not panic.
            let _ = error.to_string();
        }
    }
}
