//! Compiles the message catalogues (`locales/*.ftl`, Fluent syntax) into
//! Rust, one function a message (`codegen/messages.rs` says how). A
//! catalogue a translator got wrong fails the build with what to fix.

#[path = "codegen/messages.rs"]
mod messages;

fn main() {
    println!("cargo:rerun-if-changed=locales");
    println!("cargo:rerun-if-changed=codegen/messages.rs");
    let mut catalogues = Vec::new();
    let entries = std::fs::read_dir("locales").expect("the folder locales/");
    for entry in entries {
        let path = entry.expect("a file of locales/").path();
        if path.extension().is_some_and(|e| e == "ftl") {
            let language = path
                .file_stem()
                .and_then(|s| s.to_str())
                .expect("a catalogue named by its language code")
                .to_owned();
            let source = std::fs::read_to_string(&path).expect("a UTF-8 catalogue");
            catalogues.push((language, source));
        }
    }
    catalogues.sort();
    match messages::generate("en", &catalogues) {
        Ok(code) => {
            let out = std::path::Path::new(&std::env::var("OUT_DIR").expect("OUT_DIR"))
                .join("messages.rs");
            std::fs::write(out, code).expect("the generated catalogue written");
        }
        Err(errors) => {
            for error in &errors {
                println!("cargo:warning={error}");
            }
            panic!(
                "{} error(s) in locales/*.ftl:\n{}",
                errors.len(),
                errors.join("\n")
            );
        }
    }
}
