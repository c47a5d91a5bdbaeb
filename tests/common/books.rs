//! Review workbooks as the tests fill and read them: openpyxl (a
//! third-party writer, as an office's Excel would be) fills cells of the
//! 意见 sheet; calamine reads sheets back.

use std::path::Path;

use calamine::{Data, Reader, Xlsx};

/// openpyxl: in the second sheet (意见), each edit finds the first row whose
/// cells under the `match` headers hold those texts and sets the `set` cells.
const FILL: &str = r#"
import json, sys, openpyxl
path, edits = sys.argv[1], json.loads(sys.argv[2])
wb = openpyxl.load_workbook(path)
ws = wb[wb.sheetnames[1]]
headers = {c.value: c.column for c in ws[1]}
for e in edits:
    for row in range(2, ws.max_row + 1):
        if all(str(ws.cell(row, headers[h]).value or '') == v for h, v in e['match'].items()):
            for h, v in e['set'].items():
                ws.cell(row, headers[h]).value = v
            break
    else:
        raise SystemExit('no row for %r' % (e,))
wb.save(path)
"#;

/// One edit: the row whose `match` cells hold these texts gets the `set` cells.
pub struct Edit<'a> {
    pub matching: &'a [(&'a str, &'a str)],
    pub set: &'a [(&'a str, &'a str)],
}

/// Fills `workbook` (relative to `dir`) through openpyxl; headers are
/// given in Chinese.
pub fn fill(dir: &Path, workbook: &str, edits: &[Edit]) {
    fill_in(dir, workbook, "zh", edits)
}

/// [`fill`] for a workbook exported with `--lang lang`.
pub fn fill_in(dir: &Path, workbook: &str, lang: &str, edits: &[Edit]) {
    let header = |zh: &str| match lang {
        "en" => qingdan::review::columns::OPINION_COLUMNS
            .iter()
            .find(|c| c.zh == zh)
            .map_or(zh, |c| c.en)
            .to_string(),
        _ => zh.to_string(),
    };
    let edits: Vec<serde_json::Value> = edits
        .iter()
        .map(|e| {
            let object = |pairs: &[(&str, &str)]| {
                pairs
                    .iter()
                    .map(|(k, v)| (header(k), serde_json::Value::from(*v)))
                    .collect::<serde_json::Map<_, _>>()
            };
            serde_json::json!({"match": object(e.matching), "set": object(e.set)})
        })
        .collect();
    python(
        dir,
        FILL,
        &[workbook, &serde_json::Value::from(edits).to_string()],
    );
}

/// Runs a python3 script (openpyxl, which `scripts/test` installs) in
/// `dir` with `args`; its stdout.
pub fn python(dir: &Path, script: &str, args: &[&str]) -> String {
    let output = std::process::Command::new("python3")
        .arg("-c")
        .arg(script)
        .args(args)
        .current_dir(dir)
        .output()
        .expect("python3 runs");
    assert!(
        output.status.success(),
        "openpyxl (scripts/test installs it): {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("python3 writes UTF-8")
}

/// The rows of a sheet below its header, each as (header, text) pairs.
pub fn rows(path: &Path, sheet: &str) -> Vec<Vec<(String, String)>> {
    let mut book: Xlsx<_> =
        calamine::open_workbook(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let range = book.worksheet_range(sheet).unwrap();
    let mut rows = range.rows();
    let header: Vec<String> = rows.next().unwrap().iter().map(text).collect();
    rows.map(|r| header.iter().cloned().zip(r.iter().map(text)).collect())
        .collect()
}

/// The cell under `header` in a row of [`rows`].
pub fn cell<'a>(row: &'a [(String, String)], header: &str) -> &'a str {
    row.iter()
        .find(|(h, _)| h == header)
        .map_or("", |(_, v)| v.as_str())
}

fn text(data: &Data) -> String {
    match data {
        Data::Empty => String::new(),
        Data::Float(f) if f.fract() == 0.0 => format!("{}", *f as i64),
        other => other.to_string(),
    }
}

/// The one file in `dir` whose name starts with `prefix`.
pub fn named(dir: &Path, prefix: &str) -> String {
    let names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .filter(|n| n.starts_with(prefix))
        .collect();
    assert_eq!(names.len(), 1, "{prefix} in {names:?}");
    names[0].clone()
}

/// openpyxl: a sheet as Excel would enforce it — whether it is
/// protected, and per row below the header its height and each cell's
/// header, text and lock.
const INSPECT: &str = r#"
import json, sys, openpyxl
ws = openpyxl.load_workbook(sys.argv[1])[sys.argv[2]]
headers = [c.value for c in ws[1]]
rows = []
for r in range(2, ws.max_row + 1):
    cells = [{"header": h, "value": "" if c.value is None else str(c.value), "locked": bool(c.protection.locked)}
             for h, c in zip(headers, ws[r])]
    rows.append({"height": ws.row_dimensions[r].height, "cells": cells})
print(json.dumps({"protected": bool(ws.protection.sheet), "headers": headers, "rows": rows}))
"#;

/// A sheet as openpyxl reads it (see `INSPECT`): `protected`, `headers`,
/// `rows` of `height` and `cells` (`header`, `value`, `locked`).
pub fn inspect(path: &Path, sheet: &str) -> serde_json::Value {
    let dir = path.parent().expect("a workbook in a folder");
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .expect("a file name");
    let out = python(dir, INSPECT, &[name, sheet]);
    serde_json::from_str(&out).expect("json from the script")
}
