//! The publication as csv: one file per table in the output folder, UTF-8
//! with a BOM (so Excel reads Chinese), CRLF line ends (RFC 4180, what
//! Excel writes). A cell a spreadsheet would take for a formula — starting
//! with `=`, `+`, `-`, `@`, tab or CR — gets a leading `'` (docs/export.md).

use std::fs::File;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use super::tables::{self, Row, Table};
use super::{Progress, Publication};
use crate::book::CellOut;

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
        .map(|t| dir.join(t.file_name(lang)))
        .collect();
    let mut files = paths
        .iter()
        .map(File::create)
        .collect::<io::Result<Vec<_>>>()?;
    {
        let mut writers = Vec::with_capacity(files.len());
        for (table, file) in Table::ALL.iter().zip(files.iter_mut()) {
            let mut writer = writer(file)?;
            let headers: Vec<&str> = table.columns().iter().map(|c| c.header(lang)).collect();
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
            |table, row| write_row(&mut writers[position(table)], row),
            progress,
        )?;
        for writer in &mut writers {
            writer.flush()?;
        }
    }
    for file in files {
        file.sync_all()?;
    }
    Ok(paths)
}

fn writer(file: &mut File) -> io::Result<csv::Writer<&mut File>> {
    file.write_all(BOM)?;
    Ok(csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(file))
}

fn write_row(writer: &mut csv::Writer<&mut File>, row: &Row) -> io::Result<()> {
    let cells = row.iter().map(|cell| match cell {
        Some(CellOut::Text(text)) => defused(text),
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
}
