//! Hostile item files: each gives one finding naming the file, nothing
//! panics or hangs, and every other item is still checked.

mod common;

use std::collections::BTreeSet;
use std::path::Path;

use common::{copy_dir, fixture, qingdan_in};
use serde_json::Value;

/// A copy of the `invalid` fixture catalog in a scratch folder.
fn scratch_catalog() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&fixture("invalid"), dir.path());
    dir
}

/// (file, rule, message) of every finding, and the summary.
fn findings(dir: &Path) -> (i32, BTreeSet<(String, String, String)>, Value) {
    let run = qingdan_in(
        dir,
        &["-C", ".", "--lang", "en", "validate", "--format", "json"],
    );
    let doc: Value =
        serde_json::from_str(&run.stdout).unwrap_or_else(|e| panic!("{e}: {}", run.transcript()));
    let set = doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["file"].as_str().unwrap_or_default().to_string(),
                f["rule"].as_str().unwrap().to_string(),
                f["message"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    (run.code, set, doc["summary"].clone())
}

const HOSTILE: &str = "items/wsjw/hostile.yaml";

/// Adds a hostile file with `make`, then checks the report: one finding for
/// it whose message contains `expected`, and all the other findings intact.
fn check(make: impl FnOnce(&Path), expected: &str) {
    let dir = scratch_catalog();
    let (_, baseline, base_summary) = findings(dir.path());
    make(&dir.path().join(HOSTILE));
    let (code, after, summary) = findings(dir.path());
    assert_eq!(code, 1);
    let new: Vec<_> = after.difference(&baseline).collect();
    assert_eq!(new.len(), 1, "one new finding: {new:?}");
    let (file, rule, message) = new[0];
    assert_eq!(file, HOSTILE);
    assert_eq!(rule, "parse-error");
    assert!(message.contains(expected), "{message}");
    assert!(
        baseline.is_subset(&after),
        "every other finding is still there"
    );
    assert_eq!(
        summary["files"],
        base_summary["files"].as_u64().unwrap() + 1
    );
}

#[test]
fn yaml_that_does_not_parse() {
    check(
        |p| std::fs::write(p, "name: [unclosed\nkind: {\n").unwrap(),
        "YAML syntax error",
    );
}

#[test]
fn a_binary_file() {
    check(
        |p| std::fs::write(p, b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0").unwrap(),
        "binary",
    );
}

#[test]
fn non_utf8_text() {
    // 临时救助 in GBK, as a Chinese editor might save it.
    check(
        |p| std::fs::write(p, b"name: \xc1\xd9\xca\xb1\xbe\xc8\xd6\xfa\n").unwrap(),
        "not UTF-8 (unreadable from line 1)",
    );
}

#[test]
fn an_alias_bomb() {
    let mut text = String::from(
        "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n",
    );
    let names = ["a", "b", "c", "d", "e", "f", "g", "h", "i"];
    for pair in names.windows(2) {
        let refs = vec![format!("*{}", pair[0]); 9].join(",");
        text.push_str(&format!("{n}: &{n} [{refs}]\n", n = pair[1]));
    }
    check(|p| std::fs::write(p, &text).unwrap(), "alias bomb");
}

#[test]
fn a_file_over_one_mebibyte() {
    let text = format!("name: \"{}\"\n", "长".repeat(400_000));
    check(|p| std::fs::write(p, text).unwrap(), "too large");
}

#[test]
fn an_empty_file() {
    check(|p| std::fs::write(p, "").unwrap(), "empty");
}

#[test]
fn a_directory_named_like_an_item() {
    check(|p| std::fs::create_dir(p).unwrap(), "folder");
}

#[test]
fn a_dangling_symlink() {
    check(
        |p| std::os::unix::fs::symlink("nowhere.yaml", p).unwrap(),
        "symbolic link",
    );
}

#[test]
fn deeply_nested_yaml() {
    let flow = format!("name: {}1{}\n", "[".repeat(10_000), "]".repeat(10_000));
    check(|p| std::fs::write(p, flow).unwrap(), "nested too deeply");
    let mapping = format!("name: {}1{}\n", "{a: ".repeat(10_000), "}".repeat(10_000));
    check(|p| std::fs::write(p, mapping).unwrap(), "nested too deeply");
}
