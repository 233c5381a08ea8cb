//! The EN 16931 validator vendored in `tests/fixtures/einvoice` (the CEN
//! schematron on saxonche), for the test crates that issue invoices.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Once;

/// Installs the Python packages the validator needs, pinned in
/// `scripts/requirements-test.txt`, when they are missing: a plain `cargo
/// test` on a fresh clone needs nothing done first.
fn ensure_saxonche() {
    static INSTALLED: Once = Once::new();
    INSTALLED.call_once(|| {
        let present = Command::new("python3")
            .args(["-c", "import saxonche"])
            .status()
            .is_ok_and(|status| status.success());
        if !present {
            let requirements =
                Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/requirements-test.txt");
            let installed = Command::new("python3")
                .args(["-m", "pip", "install", "--quiet", "-r"])
                .arg(&requirements)
                .status()
                .expect("python3 runs pip");
            assert!(
                installed.success(),
                "pip could not install {requirements:?}"
            );
        }
    });
}

/// Writes the documents (file name, UBL) to a fresh directory and validates
/// them in one run: whether every one passed without a fatal rule, and the
/// validator's report. Each run has its own directory, since tests run in
/// parallel and each removes its own.
pub fn validate(documents: &[(String, String)]) -> (bool, String) {
    static RUNS: AtomicUsize = AtomicUsize::new(0);
    ensure_saxonche();
    let run = RUNS.fetch_add(1, Ordering::Relaxed);
    let dir = std::env::temp_dir().join(format!("spica-einvoice-{}-{run}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let paths: Vec<PathBuf> = documents
        .iter()
        .map(|(name, xml)| {
            let path = dir.join(name);
            std::fs::write(&path, xml).unwrap();
            path
        })
        .collect();
    let validator =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/einvoice/validate-ubl");
    let output = Command::new("python3")
        .arg(&validator)
        .args(&paths)
        .output()
        .unwrap_or_else(|e| panic!("{}: {e}", validator.display()));
    let _ = std::fs::remove_dir_all(&dir);
    let report = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    let all_passed =
        output.status.success() && report.matches(": 0 fatal").count() == documents.len();
    (all_passed, report)
}
