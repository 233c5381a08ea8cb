//! The layers' imports, checked: each layer of `src/` may use only the
//! layers beneath it (lib.rs and the README draw them), so the core never
//! learns of HTTP or the Worker, `api` and `web` are peers that never use
//! each other, and nothing but the Worker uses the router. Within a layer,
//! no module uses another that uses it back (no circles).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Each layer and the layers it may use (besides itself). `html` is the
/// `html!` macro, exported at the crate's root by `domain::html`.
const LAYERS: [(&str, &[&str]); 8] = [
    ("domain", &["html"]),
    ("store", &["domain", "html"]),
    ("app", &["domain", "store", "html"]),
    ("http", &["domain", "store", "app", "html"]),
    ("api", &["domain", "store", "app", "http", "html"]),
    ("web", &["domain", "store", "app", "http", "html"]),
    (
        "router",
        &["domain", "store", "app", "http", "api", "web", "html"],
    ),
    (
        "worker",
        &[
            "domain", "store", "app", "http", "api", "web", "router", "html",
        ],
    ),
];

fn rust_files(dir: &Path, found: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, found);
        } else if path.extension().is_some_and(|e| e == "rs") {
            found.push(path);
        }
    }
}

/// The file's text without comments, so that doc links and prose do not
/// count as uses.
fn code(path: &Path) -> String {
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .map(|line| match line.find("//") {
            Some(at) => &line[..at],
            None => line,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The top modules a text names as `crate::name`.
fn crate_uses(text: &str) -> BTreeSet<String> {
    let mut uses = BTreeSet::new();
    let mut rest = text;
    while let Some(at) = rest.find("crate::") {
        let after = &rest[at + "crate::".len()..];
        let name: String = after
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect();
        if !name.is_empty() {
            uses.insert(name);
        }
        rest = after;
    }
    uses
}

/// The layer and module of a file: `src/web/desk.rs` is ("web", "desk").
fn place(src: &Path, path: &Path) -> Option<(String, String)> {
    let relative = path.strip_prefix(src).ok()?;
    let mut parts = relative.iter().map(|p| p.to_string_lossy().into_owned());
    let layer = parts.next()?;
    let module = parts
        .next()
        .map(|m| m.trim_end_matches(".rs").to_owned())
        .unwrap_or_default();
    Some((layer, module))
}

#[test]
fn each_layer_uses_only_the_layers_beneath_it() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let mut wrong = Vec::new();
    for path in &files {
        let Some((layer, _)) = place(&src, path) else {
            continue;
        };
        let Some((_, allowed)) = LAYERS.iter().find(|(name, _)| *name == layer) else {
            continue; // lib.rs
        };
        for used in crate_uses(&code(path)) {
            if used != layer && !allowed.contains(&used.as_str()) {
                wrong.push(format!(
                    "{} uses crate::{used}",
                    path.strip_prefix(&src).unwrap().display()
                ));
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "layers used against the rule:\n{}",
        wrong.join("\n")
    );
}

/// A module's siblings that it names (`super::x`, `crate::layer::x`).
fn sibling_uses(text: &str, layer: &str, siblings: &BTreeSet<String>) -> BTreeSet<String> {
    let mut uses = BTreeSet::new();
    for prefix in ["super::".to_owned(), format!("crate::{layer}::")] {
        let mut rest = text;
        while let Some(at) = rest.find(&prefix) {
            let after = &rest[at + prefix.len()..];
            let name: String = after
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            if siblings.contains(&name) {
                uses.insert(name);
            }
            rest = after;
        }
    }
    uses
}

#[test]
fn no_module_of_a_layer_uses_one_that_uses_it_back() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    // Each layer's modules (files directly in it, or folders), mod.rs aside:
    // it declares the modules and is no module of its own.
    let mut modules: BTreeMap<String, BTreeMap<String, String>> = BTreeMap::new();
    for path in &files {
        let Some((layer, module)) = place(&src, path) else {
            continue;
        };
        if module.is_empty() || module == "mod" {
            continue;
        }
        let text = modules.entry(layer).or_default().entry(module).or_default();
        text.push_str(&code(path));
    }
    let mut circles = Vec::new();
    for (layer, texts) in &modules {
        let names: BTreeSet<String> = texts.keys().cloned().collect();
        let edges: BTreeMap<&String, BTreeSet<String>> = texts
            .iter()
            .map(|(module, text)| {
                let mut uses = sibling_uses(text, layer, &names);
                uses.remove(module);
                (module, uses)
            })
            .collect();
        // A circle is a module reachable from one it uses.
        for (module, uses) in &edges {
            let mut seen = BTreeSet::new();
            let mut stack: Vec<String> = uses.iter().cloned().collect();
            while let Some(next) = stack.pop() {
                if &next == *module {
                    circles.push(format!("{layer}::{module}"));
                    break;
                }
                if seen.insert(next.clone()) {
                    stack.extend(edges.get(&next).into_iter().flatten().cloned());
                }
            }
        }
    }
    assert!(
        circles.is_empty(),
        "modules in a circle of uses: {circles:?}"
    );
}
