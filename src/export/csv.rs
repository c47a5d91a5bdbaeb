//! The publication as csv, each table in two forms in the output folder:
//!
//! - `X.csv`, for programs: the exact values, with `X.csv-metadata.json`
//!   (CSV on the Web) typing every column — codes are strings;
//! - `X-阅读版.csv` (`x-reading.csv`), for people who double-click it: the
//!   same rows, each code preceded by a tab. LibreOffice and Excel then
//!   keep the cell as text, so 0151160200200014 keeps its leading 0 and
//!   1051160200100019 its last digit (as a number it would be rounded to
//!   15 significant digits). `="0151…"` is not used: LibreOffice shows it
//!   as typed (tests/export.rs opens the file in LibreOffice).
//!
//! Both are UTF-8 with a BOM (so Excel reads Chinese), CRLF line ends
//! (RFC 4180, what Excel writes). In both, a cell a spreadsheet would take
//! for a formula — starting with `=`, `+`, `-`, `@`, tab or CR — gets a
//! leading `'` (docs/export.md).

use std::fs::File;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use serde_json::json;

use super::tables::{self, Row, Table, TableColumn};
use super::{Progress, Publication};
use crate::book::CellOut;
use crate::columns::Kind;
use crate::i18n::Lang;

const BOM: &[u8] = "\u{feff}".as_bytes();

/// Writes every table into `dir` (the export's staging folder, see
/// `output::write_folder`); returns the files written, in table order.
pub fn write(
    publication: &Publication,
    dir: &Path,
    progress: Progress,
) -> io::Result<Vec<PathBuf>> {
    let lang = publication.lang;
    let paths: Vec<PathBuf> = Table::ALL
        .iter()
        .flat_map(|t| [t.file_name(lang), reading_name(*t, lang)])
        .map(|name| dir.join(name))
        .collect();
    let mut files = paths
        .iter()
        .map(File::create)
        .collect::<io::Result<Vec<_>>>()?;
    let columns: Vec<Vec<TableColumn>> = Table::ALL.iter().map(|t| t.columns()).collect();
    let codes: Vec<Vec<bool>> = columns
        .iter()
        .map(|cs| cs.iter().map(|c| c.column.kind == Kind::Code).collect())
        .collect();
    {
        let mut writers = Vec::with_capacity(files.len());
        for (n, file) in files.iter_mut().enumerate() {
            let mut writer = writer(file)?;
            let headers: Vec<&str> = columns[n / 2].iter().map(|c| c.header(lang)).collect();
            writer.write_record(headers)?;
            writers.push(writer);
        }
        let position = |table: Table| {
            Table::ALL
                .iter()
                .position(|t| *t == table)
                .expect("every table is listed")
        };
        tables::for_each_row(
            publication,
            |table, row| {
                let n = position(table);
                write_row(&mut writers[2 * n], row, None)?;
                write_row(&mut writers[2 * n + 1], row, Some(&codes[n]))
            },
            progress,
        )?;
        for writer in &mut writers {
            writer.flush()?;
        }
    }
    let mut written = Vec::with_capacity(paths.len() + Table::ALL.len());
    for (file, path) in files.into_iter().zip(paths) {
        file.sync_all()?;
        written.push(path);
    }
    for (table, columns) in Table::ALL.iter().zip(&columns) {
        let path = dir.join(format!("{}-metadata.json", table.file_name(lang)));
        let mut file = File::create(&path)?;
        let text = serde_json::to_string_pretty(&metadata(*table, columns, lang))
            .expect("metadata serialize");
        file.write_all(text.as_bytes())?;
        file.write_all(b"\n")?;
        file.sync_all()?;
        written.push(path);
    }
    Ok(written)
}

/// The people's file of a table: `申请材料-阅读版.csv`, `materials-reading.csv`.
pub fn reading_name(table: Table, lang: Lang) -> String {
    let name = table.file_name(lang);
    let stem = name.trim_end_matches(".csv");
    format!("{stem}{}.csv", lang.pick("-阅读版", "-reading"))
}

/// The CSV on the Web description of a table's programs' file
/// (<https://www.w3.org/TR/tabular-metadata/>): a column per header, its
/// key as name, 序号 and counts as integers, everything else — codes
/// above all — as strings.
fn metadata(table: Table, columns: &[TableColumn], lang: Lang) -> serde_json::Value {
    let mut seen: Vec<String> = Vec::new();
    let described: Vec<serde_json::Value> = columns
        .iter()
        .map(|c| {
            let base = c.column.key.replace('.', "_");
            let mut name = base.clone();
            let mut n = 2;
            while seen.contains(&name) {
                name = format!("{base}_{n}");
                n += 1;
            }
            seen.push(name.clone());
            let datatype = match c.column.kind {
                Kind::Seq | Kind::Count(_) => "integer",
                _ => "string",
            };
            json!({"name": name, "titles": c.header(lang), "datatype": datatype})
        })
        .collect();
    json!({
        "@context": "http://www.w3.org/ns/csvw",
        "url": table.file_name(lang),
        "dc:title": table.name(lang),
        "dialect": {"encoding": "utf-8", "header": true, "lineTerminators": ["\r\n"]},
        "tableSchema": {"columns": described},
    })
}

fn writer(file: &mut File) -> io::Result<csv::Writer<&mut File>> {
    file.write_all(BOM)?;
    Ok(csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(file))
}

/// A row; with `codes` (the reading form), the code columns' cells get
/// a leading tab after the formula guard.
fn write_row(
    writer: &mut csv::Writer<&mut File>,
    row: &Row,
    codes: Option<&[bool]>,
) -> io::Result<()> {
    let cells = row.iter().enumerate().map(|(c, cell)| match cell {
        Some(CellOut::Text(text)) => {
            let text = defused(text);
            match codes {
                Some(codes) if codes[c] && !text.is_empty() => format!("\t{text}"),
                _ => text,
            }
        }
        Some(CellOut::Number(n)) => n.to_string(),
        None => String::new(),
    });
    writer.write_record(cells).map_err(io::Error::from)
}

/// The text as a cell no spreadsheet executes: a leading `'` before a
/// formula trigger (OWASP's CSV injection advice).
pub fn defused(text: &str) -> String {
    match text.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{text}"),
        _ => text.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_triggers_get_a_quote() {
        assert_eq!(
            defused("=HYPERLINK(\"http://x\",\"y\")"),
            "'=HYPERLINK(\"http://x\",\"y\")"
        );
        assert_eq!(defused("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(defused("+1"), "'+1");
        assert_eq!(defused("-1"), "'-1");
        assert_eq!(defused("\tx"), "'\tx");
        assert_eq!(defused("\rx"), "'\rx");
        assert_eq!(defused("居民身份证"), "居民身份证");
        assert_eq!(defused("a=b"), "a=b");
        assert_eq!(defused(""), "");
    }

    #[test]
    fn reading_names() {
        assert_eq!(
            reading_name(Table::Materials, Lang::Zh),
            "申请材料-阅读版.csv"
        );
        assert_eq!(
            reading_name(Table::Sharing, Lang::En),
            "data-sharing-needs-reading.csv"
        );
    }

    #[test]
    fn metadata_types_codes_as_strings_and_names_columns_once() {
        let columns = Table::Sharing.columns();
        let meta = metadata(Table::Sharing, &columns, Lang::Zh);
        let described = meta["tableSchema"]["columns"].as_array().unwrap();
        let code = described
            .iter()
            .find(|c| c["titles"] == "事项编码")
            .unwrap();
        assert_eq!(code["datatype"], "string");
        assert_eq!(described[0]["datatype"], "integer");
        let mut names: Vec<&str> = described
            .iter()
            .map(|c| c["name"].as_str().unwrap())
            .collect();
        let count = names.len();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), count);
        assert_eq!(meta["url"], "共享需求.csv");
    }
}
