//! The library's modules import only downward. Every top-level module of
//! `src/` has a rank in `LAYERS`; a `crate::<module>` reference (a `use` or
//! a path in code) to a module of the same or a higher rank fails this test,
//! and with it any cycle, since a cycle needs at least one such edge.
//! DEVELOPING.md's layer table is checked against the same list.
//!
//! Unit tests (`#[cfg(test)]` items) are not scanned: they may drive a module
//! through the pipeline above it (load a catalog, run validate), which the
//! library itself never does.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// Layers, lowest first; within a layer, a module may import those listed
/// before it. The binary (`main.rs`, `cli/`) sits above all of them.
const LAYERS: &[(&str, &[&str])] = &[
    ("infrastructure", &["i18n", "parallel", "fsutil", "lock"]),
    ("model", &["model", "columns", "labels", "book"]),
    ("yaml / findings", &["yaml", "finding"]),
    ("source", &["source", "coding_rule"]),
    ("load", &["history", "catalog"]),
    (
        "analyses",
        &[
            "similarity",
            "rules",
            "validate",
            "generate",
            "diff",
            "rounds",
            "coding",
            "sheets",
            "review",
            "export",
            "stats",
            "scaffold",
        ],
    ),
    ("messages", &["texts"]),
    ("render", &["render"]),
];

/// Edges allowed although they go upward: none today. An entry names the
/// file and the module it may use, with the reason beside it.
const ALLOWED: &[(&str, &str)] = &[];

#[test]
fn the_library_imports_only_downward() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let problems = check(&src, LAYERS, ALLOWED);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn an_upward_import_fails() {
    let tree = scratch_tree(&[
        ("low.rs", "pub fn f() {}\n"),
        ("high/mod.rs", "use crate::low::f;\n"),
        ("high/part.rs", "pub fn g() { crate::low::f() }\n"),
    ]);
    let layers: &[(&str, &[&str])] = &[("low", &["low"]), ("high", &["high"])];
    assert_eq!(check(tree.path(), layers, &[]), Vec::<String>::new());

    std::fs::write(
        tree.path().join("low.rs"),
        "// crate::high in a comment is no import\n\
         const S: &str = \"crate::high\";\n\
         pub fn f() {\n    crate::high::part::g();\n}\n",
    )
    .unwrap();
    assert_eq!(
        check(tree.path(), layers, &[]),
        ["low.rs:4: low (layer low) imports high (layer high)"]
    );
    // The same edge, allowed by name, passes.
    assert_eq!(
        check(tree.path(), layers, &[("low.rs", "high")]),
        Vec::<String>::new()
    );
}

#[test]
fn a_cycle_within_a_layer_fails_and_grouped_uses_count() {
    let tree = scratch_tree(&[
        ("a.rs", "use crate::{b::x, c};\n"),
        ("b.rs", "pub fn x() {}\n"),
        (
            "c.rs",
            "pub use crate::{\n    a as again,\n};\n#[cfg(test)]\nmod tests {\n    use crate::a;\n}\n",
        ),
    ]);
    let layers: &[(&str, &[&str])] = &[("one", &["b", "c", "a"])];
    assert_eq!(
        check(tree.path(), layers, &[]),
        ["c.rs:1: c (layer one) imports a (layer one)"]
    );
}

#[test]
fn every_module_has_a_layer() {
    let tree = scratch_tree(&[("a.rs", ""), ("stray/mod.rs", "")]);
    let layers: &[(&str, &[&str])] = &[("one", &["a", "gone"])];
    assert_eq!(
        check(tree.path(), layers, &[]),
        [
            "stray: a module without a layer in tests/layers.rs",
            "gone: in tests/layers.rs but not in src/",
        ]
    );
}

#[test]
fn developing_md_shows_the_same_layers() {
    let text = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("DEVELOPING.md"))
        .unwrap();
    let documented: Vec<(String, Vec<String>)> = text
        .lines()
        .skip_while(|l| !l.starts_with("| layer |"))
        .skip(2)
        .take_while(|l| l.starts_with('|'))
        .map(|l| {
            let cells: Vec<&str> = l.split('|').map(str::trim).collect();
            let modules = cells[2]
                .split(',')
                .map(|m| m.trim().trim_matches('`').to_string())
                .collect();
            (cells[1].to_string(), modules)
        })
        .collect();
    let expected: Vec<(String, Vec<String>)> = LAYERS
        .iter()
        .map(|(name, modules)| {
            let modules = modules.iter().map(|m| m.to_string()).collect();
            (name.to_string(), modules)
        })
        .collect();
    assert_eq!(documented, expected);
}

/// Problems of the tree under `src`: modules without a layer, and imports
/// of a module not strictly below the importer.
fn check(src: &Path, layers: &[(&str, &[&str])], allowed: &[(&str, &str)]) -> Vec<String> {
    let order: Vec<(&str, &str)> = layers
        .iter()
        .flat_map(|(layer, modules)| modules.iter().map(move |m| (*m, *layer)))
        .collect();
    let rank = |module: &str| order.iter().position(|(m, _)| *m == module);
    let mut problems = Vec::new();
    let mut present = BTreeSet::new();
    for file in rust_files(src) {
        let rel = file
            .strip_prefix(src)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        let Some(module) = top_module(&rel) else {
            continue;
        };
        present.insert(module.clone());
        let Some(from) = rank(&module) else {
            continue;
        };
        let code = std::fs::read_to_string(&file).unwrap();
        for (line, target) in crate_references(&code) {
            let allowed = allowed.iter().any(|(f, t)| rel == *f && target == *t);
            match rank(&target) {
                Some(to) if to >= from && target != module && !allowed => problems.push(format!(
                    "{rel}:{line}: {module} (layer {}) imports {target} (layer {})",
                    order[from].1, order[to].1
                )),
                _ => {}
            }
        }
    }
    for module in &present {
        if rank(module).is_none() {
            problems.push(format!(
                "{module}: a module without a layer in tests/layers.rs"
            ));
        }
    }
    for (module, _) in &order {
        if !present.contains(*module) {
            problems.push(format!("{module}: in tests/layers.rs but not in src/"));
        }
    }
    problems
}

/// The top-level module of a file under `src/`; `None` for the crate roots
/// and the binary's own modules.
fn top_module(rel: &str) -> Option<String> {
    let first = rel.split('/').next()?;
    let name = first.strip_suffix(".rs").unwrap_or(first);
    match name {
        "lib" | "main" | "cli" => None,
        _ => Some(name.to_string()),
    }
}

fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(dir) = pending.pop() {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                pending.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

/// `(line, module)` for every `crate::module` and every module of a
/// `crate::{a, b::c}` group, outside comments, strings and test items.
fn crate_references(code: &str) -> Vec<(usize, String)> {
    let code = without_tests(&blank_comments_and_strings(code));
    let line_of = |at: usize| code[..at].matches('\n').count() + 1;
    let mut out = Vec::new();
    for (at, _) in code.match_indices("crate::") {
        let before = code[..at].chars().next_back();
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
            continue; // `some_crate::` is not `crate::`
        }
        let rest = &code[at + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            let body = &group[..matching_brace(group)];
            let mut depth = 0;
            let mut start = 0;
            for (i, c) in body.char_indices() {
                match c {
                    '{' => depth += 1,
                    '}' => depth -= 1,
                    ',' if depth == 0 => {
                        out.extend(first_ident(&body[start..]).map(|m| (line_of(at), m)));
                        start = i + 1;
                    }
                    _ => {}
                }
            }
            out.extend(first_ident(&body[start..]).map(|m| (line_of(at), m)));
        } else {
            out.extend(first_ident(rest).map(|m| (line_of(at), m)));
        }
    }
    out
}

fn first_ident(text: &str) -> Option<String> {
    let text = text.trim_start();
    let end = text
        .find(|c: char| !(c.is_alphanumeric() || c == '_'))
        .unwrap_or(text.len());
    (end > 0).then(|| text[..end].to_string())
}

/// The length of the text before the `}` closing an already opened `{`.
fn matching_brace(text: &str) -> usize {
    let mut depth = 1;
    for (i, c) in text.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => {
                depth -= 1;
                if depth == 0 {
                    return i;
                }
            }
            _ => {}
        }
    }
    text.len()
}

/// The code with every item under `#[cfg(test)]` blanked (newlines kept).
fn without_tests(code: &str) -> String {
    let mut out = code.to_string();
    let mut from = 0;
    while let Some(found) = out[from..].find("#[cfg(test)]") {
        let start = from + found;
        let after = start + "#[cfg(test)]".len();
        let end = match out[after..].find(['{', ';']) {
            Some(i) if out[after + i..].starts_with('{') => {
                after + i + 1 + matching_brace(&out[after + i + 1..]) + 1
            }
            Some(i) => after + i + 1,
            None => out.len(),
        };
        let end = end.min(out.len());
        let blank: String = out[start..end]
            .chars()
            .map(|c| if c == '\n' { '\n' } else { ' ' })
            .collect();
        out.replace_range(start..end, &blank);
        from = end;
    }
    out
}

/// Comments, string and char literals replaced by spaces (newlines kept), so
/// that `crate::` in a doc comment or a message is not read as a path.
fn blank_comments_and_strings(code: &str) -> String {
    let chars: Vec<char> = code.chars().collect();
    let mut out = String::with_capacity(code.len());
    let mut i = 0;
    let blank = |out: &mut String, c: char| out.push(if c == '\n' { '\n' } else { ' ' });
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        if c == '/' && next == Some('/') {
            while i < chars.len() && chars[i] != '\n' {
                blank(&mut out, chars[i]);
                i += 1;
            }
        } else if c == '/' && next == Some('*') {
            let mut depth = 0;
            while i < chars.len() {
                if chars[i] == '/' && chars.get(i + 1) == Some(&'*') {
                    depth += 1;
                } else if chars[i] == '*' && chars.get(i + 1) == Some(&'/') {
                    depth -= 1;
                    blank(&mut out, chars[i]);
                    i += 1;
                    if depth == 0 {
                        blank(&mut out, chars[i]);
                        i += 1;
                        break;
                    }
                }
                blank(&mut out, chars[i]);
                i += 1;
            }
        } else if c == 'r' && matches!(next, Some('"') | Some('#')) && !ident_before(&chars, i) {
            // A raw string: r"…", r#"…"#.
            let hashes = chars[i + 1..].iter().take_while(|&&c| c == '#').count();
            if chars.get(i + 1 + hashes) != Some(&'"') {
                out.push(c);
                i += 1;
                continue;
            }
            let close: Vec<char> = std::iter::once('"')
                .chain(std::iter::repeat_n('#', hashes))
                .collect();
            let mut j = i + 2 + hashes;
            while j < chars.len() && !chars[j..].starts_with(&close) {
                j += 1;
            }
            let end = (j + close.len()).min(chars.len());
            chars[i..end].iter().for_each(|&c| blank(&mut out, c));
            i = end;
        } else if c == '"' {
            blank(&mut out, c);
            i += 1;
            while i < chars.len() && chars[i] != '"' {
                let step = if chars[i] == '\\' { 2 } else { 1 };
                chars[i..(i + step).min(chars.len())]
                    .iter()
                    .for_each(|&c| blank(&mut out, c));
                i += step;
            }
            if i < chars.len() {
                blank(&mut out, chars[i]);
                i += 1;
            }
        } else if c == '\'' && char_literal_len(&chars[i..]).is_some() {
            let len = char_literal_len(&chars[i..]).unwrap();
            chars[i..i + len].iter().for_each(|&c| blank(&mut out, c));
            i += len;
        } else {
            out.push(c);
            i += 1;
        }
    }
    out
}

fn ident_before(chars: &[char], i: usize) -> bool {
    i > 0 && (chars[i - 1].is_alphanumeric() || chars[i - 1] == '_')
}

/// The length of a char literal (`'a'`, `'\n'`, `'\u{4e2d}'`) starting here;
/// `None` for a lifetime (`'a`).
fn char_literal_len(chars: &[char]) -> Option<usize> {
    if chars.get(1) == Some(&'\\') {
        let close = chars.iter().skip(2).position(|&c| c == '\'')?;
        return Some(close + 3);
    }
    (chars.get(2) == Some(&'\'')).then_some(3)
}

/// A scratch `src/` with the given files.
fn scratch_tree(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (path, text) in files {
        let path = dir.path().join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    dir
}
