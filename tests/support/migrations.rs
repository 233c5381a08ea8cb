//! The migration files, for the test crates that apply them.

use std::path::{Path, PathBuf};

/// The migration files, in the order they apply.
pub fn migration_files() -> Vec<PathBuf> {
    let mut migrations: Vec<_> =
        std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("migrations"))
            .unwrap()
            .map(|entry| entry.unwrap().path())
            .filter(|path| path.extension().is_some_and(|e| e == "sql"))
            .collect();
    migrations.sort();
    migrations
}
