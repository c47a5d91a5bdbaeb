//! The diff as flat sheets (headers and text rows) for csv and xlsx: a
//! sheet of items, a sheet of field changes, a sheet of counts.

use std::borrow::Cow;

use super::Words;
use crate::diff::{Change, Counts, Diff, ItemChange};

pub struct Sheet {
    pub name: String,
    /// Lines above the table (a title first), in xlsx only.
    pub preamble: Vec<String>,
    pub headers: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

fn headers(words: &Words, keys: &[&str]) -> Vec<String> {
    keys.iter().map(|k| words.tr(k)).collect()
}

/// One row per item.
pub fn items(diff: &Diff, words: &Words) -> Sheet {
    let keys = [
        "diff.col.change",
        "diff.col.code",
        "diff.col.name",
        "diff.col.department",
        "diff.col.file",
        "diff.col.old_file",
        "diff.col.fields",
    ];
    let rows = diff
        .items
        .iter()
        .map(|i| [item_cells(words, i), vec![i.fields.len().to_string()]].concat())
        .collect();
    Sheet {
        preamble: Vec::new(),
        name: words.tr("diff.sheet.items"),
        headers: headers(words, &keys),
        rows,
    }
}

/// Change, code, name, department, file, old file.
fn item_cells(words: &Words, item: &ItemChange) -> Vec<String> {
    vec![
        words.change(item.change),
        item.code.clone().unwrap_or_default(),
        item.name.clone(),
        words.department(&item.department),
        item.file.clone(),
        item.old_file.clone().unwrap_or_default(),
    ]
}

/// One row per field change, with what makes it worse for the applicant
/// (for reviewers); an item without field changes gets one row.
pub fn fields(diff: &Diff, words: &Words) -> Sheet {
    let keys = [
        "diff.col.change",
        "diff.col.code",
        "diff.col.name",
        "diff.col.department",
        "diff.col.file",
        "diff.col.old_file",
        "diff.col.path",
        "diff.col.field",
        "diff.col.old",
        "diff.col.new",
        "diff.col.worse",
    ];
    let mut rows = Vec::new();
    for item in &diff.items {
        let lead = item_cells(words, item);
        if item.fields.is_empty() {
            rows.push([lead.clone(), vec![String::new(); 5]].concat());
        }
        for f in &item.fields {
            let tail = vec![
                f.path_text(),
                words.field(&f.path),
                words.value(&f.path, &f.old),
                words.value(&f.path, &f.new),
                f.worsens().map(|w| words.tr(w.key())).unwrap_or_default(),
            ];
            rows.push([lead.clone(), tail].concat());
        }
    }
    Sheet {
        preamble: Vec::new(),
        name: words.tr("diff.sheet.fields"),
        headers: headers(words, &keys),
        rows,
    }
}

/// Counts per department and their total.
pub fn stat(diff: &Diff, words: &Words) -> Sheet {
    let mut keys = vec!["diff.col.department"];
    keys.extend(Change::ALL.iter().map(|c| change_key(*c)));
    keys.push("diff.col.total");
    let counts_row = |label: String, counts: &Counts| {
        let mut row = vec![label];
        row.extend(Change::ALL.iter().map(|c| counts.get(*c).to_string()));
        row.push(counts.total().to_string());
        row
    };
    let mut rows: Vec<Vec<String>> = diff
        .by_department()
        .iter()
        .map(|(dept, counts)| counts_row(words.department(dept), counts))
        .collect();
    rows.push(counts_row(words.tr("diff.col.total"), &diff.summary()));
    Sheet {
        preamble: Vec::new(),
        name: words.tr("diff.sheet.stat"),
        headers: headers(words, &keys),
        rows,
    }
}

fn change_key(change: Change) -> &'static str {
    match change {
        Change::Added => "diff.change.added",
        Change::Changed => "diff.change.changed",
        Change::Cancelled => "diff.change.cancelled",
        Change::Removed => "diff.change.removed",
    }
}

/// CSV, UTF-8 with a BOM (so that spreadsheets read Chinese), CRLF line
/// ends; cells a spreadsheet would run as formulas get a leading `'`.
pub fn csv(sheet: &Sheet) -> String {
    let mut out = String::from("\u{feff}");
    for row in std::iter::once(&sheet.headers).chain(&sheet.rows) {
        let cells: Vec<String> = row.iter().map(|c| quote(&defuse(c))).collect();
        out.push_str(&cells.join(","));
        out.push_str("\r\n");
    }
    out
}

/// The people's form of [`csv`]: the same, with a tab before every cell
/// of the column headed `code_header`, so that LibreOffice and Excel keep
/// a code such as 0151160200200014 as text (see `export::csv`).
pub fn csv_for_people(sheet: &Sheet, code_header: &str) -> String {
    let code = sheet.headers.iter().position(|h| h == code_header);
    let mut out = String::from("\u{feff}");
    out.push_str(&line(&sheet.headers, None));
    for row in &sheet.rows {
        out.push_str(&line(row, code));
    }
    out
}

fn line(row: &[String], code: Option<usize>) -> String {
    let cells: Vec<String> = row
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let cell = defuse(c);
            if Some(i) == code && !cell.is_empty() {
                quote(&format!("\t{cell}"))
            } else {
                quote(&cell)
            }
        })
        .collect();
    format!("{}\r\n", cells.join(","))
}

/// The CSV on the Web description of the programs' file `url`: every
/// column a string (codes above all), counts as integers.
pub fn csv_metadata(sheet: &Sheet, url: &str) -> String {
    let columns: Vec<serde_json::Value> = sheet
        .headers
        .iter()
        .enumerate()
        .map(|(i, h)| {
            let numbers = !sheet.rows.is_empty()
                && sheet
                    .rows
                    .iter()
                    .all(|r| r.get(i).is_some_and(|c| c.parse::<u64>().is_ok()));
            let datatype = if numbers { "integer" } else { "string" };
            serde_json::json!({"name": format!("c{}", i + 1), "titles": h, "datatype": datatype})
        })
        .collect();
    let doc = serde_json::json!({
        "@context": "http://www.w3.org/ns/csvw",
        "url": url,
        "dc:title": sheet.name,
        "dialect": {"encoding": "utf-8", "header": true, "lineTerminators": ["\r\n"]},
        "tableSchema": {"columns": columns},
    });
    serde_json::to_string_pretty(&doc).expect("metadata serialize") + "\n"
}

/// `=1+1` → `'=1+1`: a cell starting with `=`, `+`, `-`, `@`, tab or CR
/// is never a formula.
pub fn defuse(cell: &str) -> Cow<'_, str> {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

fn quote(cell: &str) -> String {
    if cell.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", cell.replace('"', "\"\""))
    } else {
        cell.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_cells_are_quoted_and_defused() {
        let sheet = Sheet {
            name: String::new(),
            preamble: Vec::new(),
            headers: vec!["a".into(), "b".into()],
            rows: vec![vec!["=1+1".into(), "x,\"y\"\nz".into()]],
        };
        assert_eq!(csv(&sheet), "\u{feff}a,b\r\n'=1+1,\"x,\"\"y\"\"\nz\"\r\n");
        assert_eq!(
            csv_for_people(&sheet, "a"),
            "\u{feff}a,b\r\n\t'=1+1,\"x,\"\"y\"\"\nz\"\r\n"
        );
        let meta: serde_json::Value = serde_json::from_str(&csv_metadata(&sheet, "d.csv")).unwrap();
        assert_eq!(meta["tableSchema"]["columns"][0]["datatype"], "string");
        assert_eq!(meta["url"], "d.csv");
        assert_eq!(defuse("-3"), "'-3");
        assert_eq!(defuse("生育登记"), "生育登记");
    }
}
