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
    let mut merges = scan_merges(&bytes);
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
        let scanned = merges.as_mut().and_then(|m| m.remove(name.as_str()));
        match read_sheet(&mut book, sheet, name, workbook, scanned, findings) {
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

/// A calamine call on a workbook a user gave. calamine's arithmetic
/// overflows on some hostile parts — a reversed `<dimension ref="A5:M4">`,
/// a cell reference `A99999999999` (fuzzing found both) — which is a panic
/// where overflow is checked: `malformed` then says why the sheet cannot be
/// read, and the run goes on. Every call that reads a sheet goes through here.
fn guarded<T>(
    call: impl FnOnce() -> Result<T, calamine::XlsxError>,
    malformed: impl FnOnce() -> String,
) -> Result<T, String> {
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(call)) {
        Ok(result) => result.map_err(|e| e.to_string()),
        Err(_) => Err(malformed()),
    }
}

/// calamine's streaming reader of sheet `name` (opening it reads the
/// sheet's `<dimension>`).
pub(crate) fn cells_reader<'a, R: std::io::Read + std::io::Seek>(
    book: &'a mut Xlsx<R>,
    name: &str,
) -> Result<calamine::XlsxCellReader<'a, R>, String> {
    guarded(
        move || book.worksheet_cells_reader(name),
        || format!("{name}: malformed sheet (<dimension>)"),
    )
}

/// The sheet's next cell.
pub(crate) fn next_cell<'a, R: std::io::Read + std::io::Seek>(
    reader: &mut calamine::XlsxCellReader<'a, R>,
) -> Result<Option<calamine::XlsxCellFormula<'a>>, String> {
    guarded(
        || reader.next_cell_with_formula(),
        || "malformed sheet (a cell reference out of range)".to_string(),
    )
}

/// Sheet `name` whole (review workbooks, read as ranges).
pub(crate) fn worksheet_range<R: std::io::Read + std::io::Seek>(
    book: &mut Xlsx<R>,
    name: &str,
) -> Result<calamine::Range<calamine::Data>, String> {
    guarded(
        || book.worksheet_range(name),
        || format!("{name}: malformed sheet"),
    )
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

/// The merged ranges of every sheet, by sheet name, found by scanning each
/// sheet part's bytes for `mergeCell` elements as it is unpacked. XML
/// parsing a whole sheet only for the merges at its end (calamine's way)
/// cost a million-row sheet a second when only 100,000 rows are read.
/// `None` when the workbook's parts cannot be mapped this way: calamine
/// reads the merges then.
fn scan_merges(bytes: &[u8]) -> Option<std::collections::HashMap<String, Vec<Merge>>> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).ok()?;
    let workbook = read_part(&mut zip, "xl/workbook.xml")?;
    let rels = read_part(&mut zip, "xl/_rels/workbook.xml.rels")?;
    let mut paths = Vec::new();
    for tag in elements(&workbook, "sheet") {
        let name = unescape(attribute(tag, "name")?);
        let id = attribute(tag, "r:id")?;
        let target = elements(&rels, "Relationship")
            .find(|t| attribute(t, "Id") == Some(id))
            .and_then(|t| attribute(t, "Target"))?;
        let path = match target.strip_prefix('/') {
            Some(absolute) => absolute.to_string(),
            None => format!("xl/{target}"),
        };
        paths.push((name, path));
    }
    let mut out = std::collections::HashMap::new();
    for (name, path) in paths {
        let file = zip.by_name(&path).ok()?;
        out.insert(name, merges_in(file)?);
    }
    Some(out)
}

/// A small part of the archive as text (at most 16 MiB read).
fn read_part(zip: &mut zip::ZipArchive<Cursor<&[u8]>>, path: &str) -> Option<String> {
    use std::io::Read;
    let mut text = String::new();
    zip.by_name(path)
        .ok()?
        .take(1 << 24)
        .read_to_string(&mut text)
        .ok()?;
    Some(text)
}

/// The sheet names of a workbook, from `xl/workbook.xml` alone: telling a
/// register workbook from an item workbook needs no shared strings or
/// styles, which opening it with calamine would read whole.
pub(crate) fn sheet_names(bytes: &[u8]) -> Option<Vec<String>> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).ok()?;
    let workbook = read_part(&mut zip, "xl/workbook.xml")?;
    elements(&workbook, "sheet")
        .map(|tag| attribute(tag, "name").map(unescape))
        .collect()
}

/// The `mergeCell` ranges of a sheet part, read in chunks: memory stays a
/// chunk, whatever the part unpacks to.
fn merges_in(mut part: impl std::io::Read) -> Option<Vec<Merge>> {
    let mut merges = Vec::new();
    let mut buffer: Vec<u8> = Vec::new();
    let mut chunk = vec![0; 1 << 16];
    loop {
        let n = part.read(&mut chunk).ok()?;
        buffer.extend_from_slice(&chunk[..n]);
        // Complete elements only: what follows the last `<` waits for more.
        let end = if n == 0 {
            buffer.len()
        } else {
            buffer.iter().rposition(|b| *b == b'<').unwrap_or(0)
        };
        let text = String::from_utf8_lossy(&buffer[..end]);
        for tag in merge_cells(&text) {
            let range = attribute(tag, "ref")?;
            let (first, last) = range.split_once(':').unwrap_or((range, range));
            merges.push(Merge {
                first: cell_position(first)?,
                last: cell_position(last)?,
            });
        }
        buffer.drain(..end);
        if n == 0 {
            return Some(merges);
        }
    }
}

/// The `mergeCell` start tags of a piece of sheet XML, found by a substring
/// search (a million cells are not split one by one).
fn merge_cells(text: &str) -> impl Iterator<Item = &str> {
    text.match_indices("mergeCell").filter_map(|(at, _)| {
        let open = text[..at].rfind('<')?;
        let prefix = &text[open + 1..at];
        if !(prefix.is_empty() || prefix.ends_with(':') && !prefix.contains([' ', '>'])) {
            return None;
        }
        let rest = &text[at..];
        let tag = &rest[..rest.find('>')?];
        let after = tag["mergeCell".len()..].chars().next()?;
        (after.is_whitespace() || after == '/').then_some(&text[open + 1..at + tag.len()])
    })
}

/// The start tags of elements named `name` (any namespace prefix), each
/// as the text between `<` and `>`.
fn elements<'t>(text: &'t str, name: &'t str) -> impl Iterator<Item = &'t str> + 't {
    text.split('<').skip(1).filter_map(move |piece| {
        let tag = piece.split('>').next()?;
        let local = tag.split([' ', '/', '\t', '\n', '\r']).next()?;
        let local = local.rsplit(':').next()?;
        (local == name).then_some(tag)
    })
}

/// The value of `attribute="…"` (or with single quotes) in a start tag.
fn attribute<'t>(tag: &'t str, attribute: &str) -> Option<&'t str> {
    let mut rest = tag;
    while let Some(at) = rest.find(attribute) {
        let before = rest[..at].chars().last();
        let after = &rest[at + attribute.len()..];
        let after = after.trim_start();
        if before.is_some_and(char::is_whitespace)
            && let Some(value) = after.strip_prefix('=')
        {
            let value = value.trim_start();
            let quote = value.chars().next()?;
            if quote == '"' || quote == '\'' {
                let value = &value[1..];
                return value.find(quote).map(|end| &value[..end]);
            }
        }
        rest = &rest[at + attribute.len()..];
    }
    None
}

fn unescape(text: &str) -> String {
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

/// `B3` → (row 2, column 1), 0-based.
fn cell_position(cell: &str) -> Option<(u32, u32)> {
    let cell = cell.trim().replace('$', "");
    let digits = cell.find(|c: char| c.is_ascii_digit())?;
    let (letters, row) = cell.split_at(digits);
    if letters.is_empty() || !letters.bytes().all(|b| b.is_ascii_uppercase()) {
        return None;
    }
    let column = letters.bytes().try_fold(0u32, |n, b| {
        n.checked_mul(26)?.checked_add(u32::from(b - b'A') + 1)
    })?;
    let row: u32 = row.parse().ok()?;
    Some((row.checked_sub(1)?, column - 1))
}

fn unreadable(error: &str) -> Unreadable {
    Unreadable(Message::new("import.unreadable_workbook").arg("error", error))
}

fn read_sheet(
    book: &mut Xlsx<Cursor<Vec<u8>>>,
    sheet: Sheet,
    name: &str,
    workbook: &str,
    scanned: Option<Vec<Merge>>,
    findings: &mut Vec<Finding>,
) -> Result<Option<SheetData>, String> {
    let merges = match scanned {
        Some(merges) => merges,
        None => book
            .merge_cells_by_sheet_name(name)
            .map_err(|e| e.to_string())?
            .iter()
            .map(|d| Merge {
                first: d.start,
                last: d.end,
            })
            .collect(),
    };
    let mut builder = SheetBuilder::new(sheet, name, workbook, merges);
    let mut reader = cells_reader(book, name)?;
    let mut last = None;
    loop {
        match next_cell(&mut reader) {
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

#[cfg(test)]
mod merge_scan_tests {
    use super::*;

    #[test]
    fn the_scan_finds_the_merges_calamine_finds() {
        let mut book = rust_xlsxwriter::Workbook::new();
        let sheet = book.add_worksheet();
        sheet.set_name("事项").unwrap();
        let format = rust_xlsxwriter::Format::new();
        // Enough rows that the merges come well after the first chunk.
        for row in 1..5_000u32 {
            sheet.write_string(row, 0, format!("事项{row}")).unwrap();
        }
        sheet.merge_range(1, 4, 5, 4, "wsjw", &format).unwrap();
        sheet.merge_range(7, 1, 8, 3, "宽", &format).unwrap();
        let bytes = book.save_to_buffer().unwrap();
        let scanned = scan_merges(&bytes).unwrap().remove("事项").unwrap();
        let mut calamine = Xlsx::new(Cursor::new(bytes)).unwrap();
        let expected: Vec<Merge> = calamine
            .merge_cells_by_sheet_name("事项")
            .unwrap()
            .iter()
            .map(|d| Merge {
                first: d.start,
                last: d.end,
            })
            .collect();
        assert_eq!(scanned, expected);
        assert_eq!(scanned.len(), 2);
    }

    #[test]
    fn sheet_names_are_calamine_s() {
        let mut book = rust_xlsxwriter::Workbook::new();
        for name in ["法律法规库", "事项", "A&B <x>", "取值"] {
            book.add_worksheet().set_name(name).unwrap();
        }
        book.worksheet_from_index(3).unwrap().set_hidden(true);
        let bytes = book.save_to_buffer().unwrap();
        let calamine = Xlsx::new(Cursor::new(bytes.clone())).unwrap();
        assert_eq!(sheet_names(&bytes).unwrap(), calamine.sheet_names());
        assert_eq!(sheet_names(b"not a zip"), None);
    }

    #[test]
    fn merges_across_chunks_and_with_a_prefix() {
        let filler = "<row r=\"1\"><c r=\"A1\"><v>1</v></c></row>".repeat(5_000);
        let xml = format!(
            "<x:worksheet><x:sheetData>{filler}</x:sheetData>\
             <x:mergeCells count=\"2\"><x:mergeCell ref=\"$A$2:A6\"/>\
             <x:mergeCell  ref='B3'/></x:mergeCells></x:worksheet>"
        );
        let merges = merges_in(xml.as_bytes()).unwrap();
        assert_eq!(
            merges,
            [
                Merge {
                    first: (1, 0),
                    last: (5, 0)
                },
                Merge {
                    first: (2, 1),
                    last: (2, 1)
                }
            ]
        );
        assert_eq!(cell_position("AA10"), Some((9, 26)));
        assert_eq!(cell_position("a1"), None);
    }
}
