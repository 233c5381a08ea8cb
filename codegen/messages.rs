//! Compiles the Fluent catalogues (`locales/*.ftl`) into Rust: one function a
//! message, with a `match` on the language. The build fails on what a
//! translator can get wrong: a message missing from a language, a variable a
//! translation invents or forgets, a plural selector that lacks a form the
//! language needs. Nothing of Fluent reaches the WASM, and the linker keeps
//! only the messages a Worker says.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write;

use fluent_syntax::ast;
use fluent_syntax::parser;

/// The CLDR cardinal plural categories a language's integers use. A new
/// language adds its line here and its rule in `plural()` of the crate.
pub fn plural_categories(language: &str) -> Option<&'static [&'static str]> {
    match language {
        "en" | "de" => Some(&["one", "other"]),
        "sl" => Some(&["one", "two", "few", "other"]),
        "hr" => Some(&["one", "few", "other"]),
        _ => None,
    }
}

#[derive(Debug, Clone, PartialEq)]
enum Piece {
    Text(String),
    Var(String),
    Select {
        var: String,
        /// Exact numbers first, then categories; the default last.
        exact: Vec<(i64, Vec<Piece>)>,
        categories: Vec<(String, Vec<Piece>)>,
        default: Vec<Piece>,
    },
}

/// A variable's Rust type: selectors are numbers, `_html` ones markup.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Kind {
    Str,
    Html,
    Number,
}

type Messages = BTreeMap<String, Vec<Piece>>;

/// `(language code, source)` of every catalogue; `reference` names the one
/// whose messages and variables every other must have.
pub fn generate(reference: &str, catalogues: &[(String, String)]) -> Result<String, Vec<String>> {
    let mut errors = Vec::new();
    let mut parsed: BTreeMap<String, Messages> = BTreeMap::new();
    for (language, source) in catalogues {
        if plural_categories(language).is_none() {
            errors.push(format!(
                "{language}.ftl: no plural rule for `{language}`: add its categories to the generator and its rule to plural()"
            ));
        }
        match read(language, source) {
            Ok(messages) => {
                parsed.insert(language.clone(), messages);
            }
            Err(mut more) => errors.append(&mut more),
        }
    }
    let Some(reference_messages) = parsed.get(reference) else {
        errors.push(format!(
            "{reference}.ftl: the reference catalogue is missing"
        ));
        return Err(errors);
    };
    let mut signatures: BTreeMap<String, BTreeMap<String, Kind>> = BTreeMap::new();
    for (id, pieces) in reference_messages {
        signatures.insert(id.clone(), variables(pieces));
    }
    for (language, messages) in &parsed {
        let categories = plural_categories(language).unwrap_or(&[]);
        for (id, signature) in &signatures {
            let Some(pieces) = messages.get(id) else {
                errors.push(format!("{language}.ftl: `{id}` is missing"));
                continue;
            };
            let own = variables(pieces);
            for (var, kind) in &own {
                match signature.get(var) {
                    None => errors.push(format!(
                        "{language}.ftl: `{id}` uses ${var}, which `{reference}` does not have"
                    )),
                    Some(expected) if *kind == Kind::Number && *expected != Kind::Number => {
                        errors.push(format!(
                            "{language}.ftl: `{id}` selects on ${var}, which is not a number in `{reference}`"
                        ))
                    }
                    _ => {}
                }
            }
            for var in signature.keys() {
                if !own.contains_key(var) {
                    errors.push(format!("{language}.ftl: `{id}` leaves out ${var}"));
                }
            }
            check_plurals(language, id, pieces, categories, &mut errors);
        }
        for id in messages.keys() {
            if !signatures.contains_key(id) {
                errors.push(format!(
                    "{language}.ftl: `{id}` is not in `{reference}`, the reference"
                ));
            }
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(emit(&parsed, &signatures))
}

/// The messages of one catalogue, terms and message references inlined.
fn read(language: &str, source: &str) -> Result<Messages, Vec<String>> {
    let resource = parser::parse(source).map_err(|(_, errs)| {
        errs.iter()
            .map(|e| {
                let line = source[..e.pos.start.min(source.len())].lines().count();
                format!("{language}.ftl:{line}: {:?}", e.kind)
            })
            .collect::<Vec<_>>()
    })?;
    let mut errors = Vec::new();
    let mut terms = BTreeMap::new();
    let mut raw = BTreeMap::new();
    for entry in &resource.body {
        match entry {
            ast::Entry::Message(m) => {
                if !m.attributes.is_empty() {
                    errors.push(format!(
                        "{language}.ftl: `{}` has attributes: write each as a message of its own",
                        m.id.name
                    ));
                }
                match &m.value {
                    Some(value) => {
                        if raw.insert(m.id.name, value).is_some() {
                            errors
                                .push(format!("{language}.ftl: `{}` is defined twice", m.id.name));
                        }
                    }
                    None => errors.push(format!("{language}.ftl: `{}` has no value", m.id.name)),
                }
            }
            ast::Entry::Term(t) => {
                terms.insert(t.id.name, &t.value);
            }
            ast::Entry::Junk { content } => {
                errors.push(format!("{language}.ftl: cannot read `{}`", content.trim()))
            }
            _ => {}
        }
    }
    let mut messages = Messages::new();
    for (id, pattern) in &raw {
        let mut stack = vec![id.to_string()];
        match lower(pattern, &raw, &terms, &mut stack) {
            Ok(pieces) => {
                messages.insert(id.to_string(), merge_text(pieces));
            }
            Err(e) => errors.push(format!("{language}.ftl: `{id}`: {e}")),
        }
    }
    if errors.is_empty() {
        Ok(messages)
    } else {
        Err(errors)
    }
}

type Patterns<'a, 's> = BTreeMap<&'s str, &'a ast::Pattern<&'s str>>;

fn lower(
    pattern: &ast::Pattern<&str>,
    messages: &Patterns,
    terms: &Patterns,
    stack: &mut Vec<String>,
) -> Result<Vec<Piece>, String> {
    let mut out = Vec::new();
    for element in &pattern.elements {
        match element {
            ast::PatternElement::TextElement { value } => out.push(Piece::Text(value.to_string())),
            ast::PatternElement::Placeable { expression } => {
                out.append(&mut expression_pieces(expression, messages, terms, stack)?)
            }
        }
    }
    Ok(out)
}

fn expression_pieces(
    expression: &ast::Expression<&str>,
    messages: &Patterns,
    terms: &Patterns,
    stack: &mut Vec<String>,
) -> Result<Vec<Piece>, String> {
    match expression {
        ast::Expression::Inline(inline) => inline_pieces(inline, messages, terms, stack),
        ast::Expression::Select { selector, variants } => {
            let ast::InlineExpression::VariableReference { id } = selector else {
                return Err("select only on a variable".into());
            };
            let mut exact = Vec::new();
            let mut categories = Vec::new();
            let mut default = None;
            for variant in variants {
                let pieces = merge_text(lower(&variant.value, messages, terms, stack)?);
                if variant.default {
                    default = Some(pieces.clone());
                }
                match &variant.key {
                    ast::VariantKey::NumberLiteral { value } => {
                        let n = value
                            .parse()
                            .map_err(|_| format!("[{value}]: whole numbers only"))?;
                        exact.push((n, pieces));
                    }
                    ast::VariantKey::Identifier { name } => {
                        categories.push((name.to_string(), pieces))
                    }
                }
            }
            Ok(vec![Piece::Select {
                var: id.name.to_string(),
                exact,
                categories,
                default: default.ok_or("a select needs a *default")?,
            }])
        }
    }
}

fn inline_pieces(
    inline: &ast::InlineExpression<&str>,
    messages: &Patterns,
    terms: &Patterns,
    stack: &mut Vec<String>,
) -> Result<Vec<Piece>, String> {
    match inline {
        ast::InlineExpression::StringLiteral { value } => Ok(vec![Piece::Text(
            unescape(value).ok_or_else(|| format!("bad escape in \"{value}\""))?,
        )]),
        ast::InlineExpression::NumberLiteral { value } => Ok(vec![Piece::Text(value.to_string())]),
        ast::InlineExpression::VariableReference { id } => {
            Ok(vec![Piece::Var(id.name.to_string())])
        }
        ast::InlineExpression::MessageReference {
            id,
            attribute: None,
        } => reference(id.name, messages, messages, terms, stack),
        ast::InlineExpression::TermReference {
            id,
            attribute: None,
            arguments: None,
        } => reference(&format!("-{}", id.name), terms, messages, terms, stack),
        ast::InlineExpression::Placeable { expression } => {
            expression_pieces(expression, messages, terms, stack)
        }
        _ => Err("functions, attributes and parameterised terms are not supported".into()),
    }
}

fn reference(
    name: &str,
    table: &Patterns,
    messages: &Patterns,
    terms: &Patterns,
    stack: &mut Vec<String>,
) -> Result<Vec<Piece>, String> {
    if stack.iter().any(|s| s == name) {
        return Err(format!("refers to itself through {}", stack.join(" → ")));
    }
    let key = name.trim_start_matches('-');
    let pattern = table
        .get(key)
        .ok_or_else(|| format!("unknown reference {name}"))?;
    stack.push(name.to_string());
    let pieces = lower(pattern, messages, terms, stack);
    stack.pop();
    pieces
}

/// Fluent's string-literal escapes: `\"`, `\\`, `\uHHHH`, `\UHHHHHH`.
fn unescape(value: &str) -> Option<String> {
    let mut out = String::new();
    let mut chars = value.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next()? {
            '"' => out.push('"'),
            '\\' => out.push('\\'),
            u @ ('u' | 'U') => {
                let len = if u == 'u' { 4 } else { 6 };
                let hex: String = chars.by_ref().take(len).collect();
                out.push(char::from_u32(u32::from_str_radix(&hex, 16).ok()?)?);
            }
            _ => return None,
        }
    }
    Some(out)
}

fn merge_text(pieces: Vec<Piece>) -> Vec<Piece> {
    let mut out: Vec<Piece> = Vec::new();
    for piece in pieces {
        match (out.last_mut(), piece) {
            (Some(Piece::Text(last)), Piece::Text(more)) => last.push_str(&more),
            (_, piece) => out.push(piece),
        }
    }
    out
}

fn variables(pieces: &[Piece]) -> BTreeMap<String, Kind> {
    let mut out = BTreeMap::new();
    collect(pieces, &mut out);
    out
}

fn collect(pieces: &[Piece], out: &mut BTreeMap<String, Kind>) {
    for piece in pieces {
        match piece {
            Piece::Text(_) => {}
            Piece::Var(name) => {
                let kind = if name.ends_with("_html") {
                    Kind::Html
                } else {
                    Kind::Str
                };
                let entry = out.entry(name.clone()).or_insert(kind);
                *entry = (*entry).max(kind);
            }
            Piece::Select {
                var,
                exact,
                categories,
                default,
            } => {
                out.insert(var.clone(), Kind::Number);
                for (_, p) in exact {
                    collect(p, out);
                }
                for (_, p) in categories {
                    collect(p, out);
                }
                collect(default, out);
            }
        }
    }
}

fn check_plurals(
    language: &str,
    id: &str,
    pieces: &[Piece],
    needed: &[&str],
    errors: &mut Vec<String>,
) {
    for piece in pieces {
        if let Piece::Select {
            var,
            exact,
            categories,
            default,
        } = piece
        {
            let named: BTreeSet<&str> = categories.iter().map(|(c, _)| c.as_str()).collect();
            for category in &named {
                if !needed.contains(category) {
                    errors.push(format!(
                        "{language}.ftl: `{id}`: [{category}] is not a plural form of `{language}` ({})",
                        needed.join(", ")
                    ));
                }
            }
            for category in needed {
                if !named.contains(category) {
                    errors.push(format!(
                        "{language}.ftl: `{id}`: ${var} needs the [{category}] form in `{language}` ({})",
                        needed.join(", ")
                    ));
                }
            }
            for (_, p) in exact {
                check_plurals(language, id, p, needed, errors);
            }
            for (_, p) in categories {
                check_plurals(language, id, p, needed, errors);
            }
            check_plurals(language, id, default, needed, errors);
        }
    }
}

fn rust_name(id: &str) -> String {
    let name = id.replace('-', "_");
    match name.as_str() {
        "type" | "match" | "move" | "ref" | "self" | "loop" | "fn" | "use" | "mod" | "in" => {
            format!("r#{name}")
        }
        _ => name,
    }
}

fn rust_type(kind: Kind, lifetime: &str) -> String {
    match kind {
        Kind::Str => format!("&{lifetime} str"),
        Kind::Html => format!("&{lifetime} Html"),
        Kind::Number => "i64".to_string(),
    }
}

/// `incident-opened` → `IncidentOpened`.
fn type_name(id: &str) -> String {
    id.split('-').map(variant).collect()
}

fn variant(code: &str) -> String {
    let mut chars = code.chars();
    chars
        .next()
        .map(|c| c.to_ascii_uppercase().to_string() + chars.as_str())
        .unwrap_or_default()
}

fn emit(
    parsed: &BTreeMap<String, Messages>,
    signatures: &BTreeMap<String, BTreeMap<String, Kind>>,
) -> String {
    let languages: Vec<&String> = parsed.keys().collect();
    let mut out = String::new();
    out.push_str(
        "// @generated from locales/*.ftl by build.rs; edit the catalogues, not this.\n\n",
    );
    // The crate's `Language` names each catalogue: a catalogue without its
    // variant, or a variant without its catalogue, does not compile.
    let _ = writeln!(
        out,
        "/// The catalogues compiled in, by language code.\npub const CATALOGUES: [&str; {}] = [{}];",
        languages.len(),
        languages.iter().map(|l| format!("{l:?}")).collect::<Vec<_>>().join(", ")
    );
    for (id, signature) in signatures {
        let name = rust_name(id);
        let markup = signature.values().any(|k| *k == Kind::Html);
        let plain = signature.is_empty();
        let ret = if markup {
            "Html"
        } else if plain {
            "&'static str"
        } else {
            "String"
        };
        // Two or more variables are named fields, so that none can be swapped.
        let named = signature.len() > 1;
        let params = if named {
            let ty = type_name(id);
            let _ = writeln!(
                out,
                "\n/// The variables of `{id}`.\npub struct {ty}<'a> {{"
            );
            for (var, kind) in signature {
                let _ = writeln!(
                    out,
                    "    pub {}: {},",
                    rust_name(var),
                    rust_type(*kind, "'a")
                );
            }
            out.push_str("}\n");
            format!(", args: {ty}<'_>")
        } else {
            signature
                .iter()
                .map(|(var, kind)| format!(", {}: {}", rust_name(var), rust_type(*kind, "'_")))
                .collect()
        };
        let _ = writeln!(
            out,
            "\n#[allow(unused_variables)]\npub fn {name}(language: Language{params}) -> {ret} {{"
        );
        if named {
            let fields: Vec<String> = signature.keys().map(|v| rust_name(v)).collect();
            let _ = writeln!(
                out,
                "    let {} {{ {} }} = args;",
                type_name(id),
                fields.join(", ")
            );
        }
        out.push_str("    match language {\n");
        for l in &languages {
            let pieces = &parsed[*l][id];
            let _ = write!(out, "        Language::{} => ", variant(l));
            if plain {
                let text = match pieces.as_slice() {
                    [Piece::Text(t)] => t.clone(),
                    [] => String::new(),
                    _ => unreachable!("a message without variables is text"),
                };
                let _ = writeln!(out, "{text:?},");
            } else {
                out.push_str("{\n            let mut out = String::new();\n");
                emit_pieces(&mut out, pieces, signature, markup, 3);
                if markup {
                    out.push_str("            Html::from_catalogue(out)\n        }\n");
                } else {
                    out.push_str("            out\n        }\n");
                }
            }
        }
        out.push_str("    }\n}\n");
    }

    // Every message rendered with sample values, for the catalogue tests.
    out.push_str("\n/// Every message in `language`, its variables filled with samples.\n#[cfg(test)]\npub fn every_message(language: Language, number: i64) -> Vec<(&'static str, String)> {\n    vec![\n");
    for (id, signature) in signatures {
        let sample = |(var, kind): (&String, &Kind)| match kind {
            Kind::Str => format!("\"«{var}»\""),
            Kind::Html => format!("&Html::from_catalogue(\"«{var}»\".to_string())"),
            Kind::Number => "number".to_string(),
        };
        let args: String = if signature.len() > 1 {
            let fields: Vec<String> = signature
                .iter()
                .map(|(var, kind)| format!("{}: {}", rust_name(var), sample((var, kind))))
                .collect();
            format!(", {} {{ {} }}", type_name(id), fields.join(", "))
        } else {
            signature
                .iter()
                .map(|e| format!(", {}", sample(e)))
                .collect()
        };
        let call = format!("{}(language{args})", rust_name(id));
        let markup = signature.values().any(|k| *k == Kind::Html);
        let value = if markup {
            format!("{call}.into_string()")
        } else {
            format!("{call}.to_string()")
        };
        let _ = writeln!(out, "        ({id:?}, {value}),");
    }
    out.push_str("    ]\n}\n");
    out
}

fn emit_pieces(
    out: &mut String,
    pieces: &[Piece],
    signature: &BTreeMap<String, Kind>,
    markup: bool,
    depth: usize,
) {
    let pad = "    ".repeat(depth);
    for piece in pieces {
        match piece {
            // Markup's text is escaped by the crate's one escaping function.
            Piece::Text(text) if markup => {
                let _ = writeln!(out, "{pad}out.push_str(&super::escape({text:?}));");
            }
            Piece::Text(text) => {
                let _ = writeln!(out, "{pad}out.push_str({text:?});");
            }
            Piece::Var(var) => {
                let name = rust_name(var);
                match signature[var] {
                    Kind::Number => {
                        let _ =
                            writeln!(out, "{pad}out.push_str(&super::number(language, {name}));");
                    }
                    Kind::Html => {
                        let _ = writeln!(out, "{pad}out.push_str({name}.as_str());");
                    }
                    Kind::Str if markup => {
                        let _ = writeln!(out, "{pad}out.push_str(&super::escape({name}));");
                    }
                    Kind::Str => {
                        let _ = writeln!(out, "{pad}out.push_str({name});");
                    }
                }
            }
            Piece::Select {
                var,
                exact,
                categories,
                default,
            } => {
                let name = rust_name(var);
                let _ = writeln!(
                    out,
                    "{pad}match ({name}, super::plural(language, {name})) {{"
                );
                for (n, p) in exact {
                    let _ = writeln!(out, "{pad}    ({n}, _) => {{");
                    emit_pieces(out, p, signature, markup, depth + 2);
                    let _ = writeln!(out, "{pad}    }}");
                }
                // The default's own arm is the catch-all below.
                for (category, p) in categories.iter().filter(|(_, p)| p != default) {
                    let _ = writeln!(
                        out,
                        "{pad}    (_, super::Plural::{}) => {{",
                        variant(category)
                    );
                    emit_pieces(out, p, signature, markup, depth + 2);
                    let _ = writeln!(out, "{pad}    }}");
                }
                let _ = writeln!(
                    out,
                    "{pad}    #[allow(unreachable_patterns)]\n{pad}    _ => {{"
                );
                emit_pieces(out, default, signature, markup, depth + 2);
                let _ = writeln!(out, "{pad}    }}\n{pad}}}");
            }
        }
    }
}
