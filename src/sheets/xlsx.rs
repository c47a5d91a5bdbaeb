//! Reading an xlsx workbook cell by cell (calamine's streaming reader), so
//! that a hostile sheet — 100,000 columns, a far-away last cell — costs
//! memory for the cells of known columns only. Formulas give their cached
//! value; date cells are kept as dates (never guessed into text).

use std::io::Cursor;

use calamine::{DataRef, Reader, Xlsx};

use crate::columns::Sheet;
use crate::finding::{Finding, Message, Severity};

use super::grid::{Merge, SheetBuilder};
use super::read::{Cell, SheetData, Unreadable, no_items_sheet};
use super::{RULE, column_letters};

/// The sheets of ours in the workbook. A broken 事项 sheet makes the whole
/// workbook unreadable; a broken 申请材料 or 办理流程 sheet is left out (its
/// items keep what they have) with an error finding.
pub fn read(
    bytes: Vec<u8>,
    workbook: &str,
    findings: &mut Vec<Finding>,
) -> Result<Vec<SheetData>, Unreadable> {
    check_unpacked_size(&bytes, MAX_UNPACKED_BYTES)?;
    let mut book = Xlsx::new(Cursor::new(bytes)).map_err(|e| unreadable(&e.to_string()))?;
    let names = book.sheet_names();
    let mut out: Vec<SheetData> = Vec::new();
    let mut seen: Vec<Sheet> = Vec::new();
    for name in &names {
        let Some(sheet) = Sheet::from_name(name) else {
            continue;
        };
        if seen.contains(&sheet) {
            continue;
        }
        seen.push(sheet);
        match read_sheet(&mut book, sheet, name, workbook, findings) {
            Ok(Some(data)) => out.push(data),
            Ok(None) => {}
            Err(error) if sheet == Sheet::Items => {
                return Err(unreadable(&format!("{name}: {error}")));
            }
            Err(error) => {
                let message = Message::new("import.broken_sheet").arg("error", error);
                let mut finding = Finding::new(&RULE, message).in_file(workbook);
                finding.path = Some(name.clone());
                finding.severity = Severity::Error;
                findings.push(finding);
            }
        }
    }
    if !seen.contains(&Sheet::Items) {
        findings.push(no_items_sheet(workbook, &names));
    }
    Ok(out)
}

/// What the parts of a workbook may unpack to, together. A few kilobytes of
/// zip can claim gigabytes (a zip bomb), and some parts (shared strings) are
/// read whole; a real item workbook of 10,000 items unpacks to about 20 MB.
pub(crate) const MAX_UNPACKED_BYTES: u64 = 512 * 1024 * 1024;

/// Refuses a workbook whose parts claim more than `limit` bytes unpacked.
/// A file that is no zip at all is left to the reader to report.
pub(crate) fn check_unpacked_size(bytes: &[u8], limit: u64) -> Result<(), Unreadable> {
    let Ok(mut archive) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return Ok(());
    };
    let mut total: u64 = 0;
    for i in 0..archive.len() {
        if let Ok(part) = archive.by_index_raw(i) {
            total = total.saturating_add(part.size());
        }
    }
    if total > limit {
        return Err(Unreadable(
            Message::new("import.workbook_unpacks_too_large")
                .arg("bytes", total)
                .arg("limit", limit),
        ));
    }
    Ok(())
}

fn unreadable(error: &str) -> Unreadable {
    Unreadable(Message::new("import.unreadable_workbook").arg("error", error))
}

fn read_sheet(
    book: &mut Xlsx<Cursor<Vec<u8>>>,
    sheet: Sheet,
    name: &str,
    workbook: &str,
    findings: &mut Vec<Finding>,
) -> Result<Option<SheetData>, String> {
    let merges = book
        .merge_cells_by_sheet_name(name)
        .map_err(|e| e.to_string())?;
    let merges = merges
        .iter()
        .map(|d| Merge {
            first: d.start,
            last: d.end,
        })
        .collect();
    let mut builder = SheetBuilder::new(sheet, name, workbook, merges);
    let mut reader = book
        .worksheet_cells_reader(name)
        .map_err(|e| e.to_string())?;
    let mut last = None;
    loop {
        match reader.next_cell_with_formula() {
            Ok(Some(record)) => {
                let (row, col) = record.pos;
                let cell = cell(&record.value, record.formula.is_some());
                builder.push(row, col, cell, record.formula.as_deref());
                last = Some((row, col));
                if builder.full() {
                    break;
                }
            }
            Ok(None) => break,
            Err(e) => {
                let after = last.map_or_else(String::new, |(r, c)| {
                    format!(" ({}{})", column_letters(c), r + 1)
                });
                return Err(format!("{e}{after}"));
            }
        }
    }
    Ok(builder.finish(findings))
}

/// A calamine value as a cell; a formula with no cached value is unreadable.
pub(super) fn cell(value: &DataRef, formula: bool) -> Cell {
    match value {
        DataRef::Empty if formula => Cell::Unreadable {
            zh: "没有计算结果的公式",
            en: "a formula without a computed value",
        },
        DataRef::Empty => Cell::Empty,
        DataRef::String(s) => Cell::text_cell(s),
        DataRef::SharedString(s) => Cell::text_cell(s),
        DataRef::Float(f) => Cell::Number(*f),
        DataRef::Int(i) => Cell::Number(*i as f64),
        DataRef::Bool(b) => Cell::Bool(*b),
        DataRef::DateTime(d) => Cell::Date(date_text(d.to_ymd_hms_milli(), d.is_duration())),
        DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => Cell::Date(s.clone()),
        DataRef::Error(_) => Cell::Unreadable {
            zh: "错误值",
            en: "an error value",
        },
    }
}

/// A date as people read it: `2017-02-28`, `08:30`, or both.
pub fn date_text(
    (y, mo, d, h, mi, s, _): (u16, u8, u8, u8, u8, u8, u16),
    duration: bool,
) -> String {
    let time = if s == 0 {
        format!("{h:02}:{mi:02}")
    } else {
        format!("{h:02}:{mi:02}:{s:02}")
    };
    if duration || (y, mo, d) <= (1900, 1, 0) {
        time
    } else if (h, mi, s) == (0, 0, 0) {
        format!("{y:04}-{mo:02}-{d:02}")
    } else {
        format!("{y:04}-{mo:02}-{d:02} {time}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_workbook_claiming_too_much_unpacked_is_refused() {
        use std::io::Write;
        let mut zipped = Cursor::new(Vec::new());
        {
            let mut writer = zip::ZipWriter::new(&mut zipped);
            let stored = zip::write::SimpleFileOptions::default()
                .compression_method(zip::CompressionMethod::Stored);
            writer.start_file("xl/sharedStrings.xml", stored).unwrap();
            writer.write_all(&[b'a'; 4096]).unwrap();
            writer.finish().unwrap();
        }
        let bytes = zipped.into_inner();
        let Err(Unreadable(message)) = check_unpacked_size(&bytes, 1024) else {
            panic!("refused")
        };
        assert_eq!(message.key, "import.workbook_unpacks_too_large");
        assert!(check_unpacked_size(&bytes, 8192).is_ok());
        assert!(
            check_unpacked_size(b"not a zip", 1).is_ok(),
            "left to the reader"
        );
    }

    #[test]
    fn dates_as_shown() {
        assert_eq!(date_text((2017, 2, 28, 0, 0, 0, 0), false), "2017-02-28");
        assert_eq!(
            date_text((2017, 2, 28, 8, 30, 0, 0), false),
            "2017-02-28 08:30"
        );
        assert_eq!(date_text((1899, 12, 31, 8, 30, 0, 0), false), "08:30");
    }
}
