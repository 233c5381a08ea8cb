//! Compiles the message catalogues (`locales/*.ftl`, Fluent syntax) into
//! Rust, one function a message (`codegen/messages.rs` says how). A
//! catalogue a translator got wrong fails the build with what to fix.

#[path = "codegen/messages.rs"]
mod messages;

fn main() {
    println!("cargo:rerun-if-changed=locales");
    println!("cargo:rerun-if-changed=codegen/messages.rs");
    // A language's catalogue is `locales/<code>.ftl` and the files of
    // `locales/<code>/`, read as one text (an area's messages may live in a
    // file of their own).
    let mut catalogues: std::collections::BTreeMap<String, String> = Default::default();
    let mut entries: Vec<_> = std::fs::read_dir("locales")
        .expect("the folder locales/")
        .map(|entry| entry.expect("a file of locales/").path())
        .collect();
    entries.sort();
    for path in entries {
        let language = path
            .file_stem()
            .and_then(|s| s.to_str())
            .expect("a catalogue named by its language code")
            .to_owned();
        if path.is_dir() {
            let mut files: Vec<_> = std::fs::read_dir(&path)
                .expect("a language's folder")
                .map(|entry| entry.expect("a file of a language's folder").path())
                .filter(|file| file.extension().is_some_and(|e| e == "ftl"))
                .collect();
            files.sort();
            for file in files {
                let text = std::fs::read_to_string(&file).expect("a UTF-8 catalogue");
                catalogues
                    .entry(language.clone())
                    .or_default()
                    .push_str(&format!("\n{text}\n"));
            }
        } else if path.extension().is_some_and(|e| e == "ftl") {
            let text = std::fs::read_to_string(&path).expect("a UTF-8 catalogue");
            catalogues
                .entry(language)
                .or_default()
                .push_str(&format!("\n{text}\n"));
        }
    }
    let catalogues: Vec<(String, String)> = catalogues.into_iter().collect();
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
