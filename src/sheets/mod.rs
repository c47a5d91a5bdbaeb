//! Item workbooks (docs/workbooks.md): the template clerks fill, and reading
//! a filled workbook back into item files. The columns come from
//! [`crate::columns`].

pub mod csv;
pub mod grid;
pub mod import;
pub mod merge;
pub mod read;
pub mod registers;
pub mod template;
pub mod xlsx;

use crate::finding::{Finding, Location, Message, Severity};
use crate::rules::Rule;

/// Problems of a workbook that are not a rule of the record: a header
/// nobody knows, a row naming an item that exists, a material without its
/// item. (Not in `rules::all()`: `validate` never reports it.)
pub static RULE: Rule = Rule {
    id: "import",
    default_severity: Severity::Error,
    can_be_silenced: false,
    summary_zh: "导入表格时的问题：未知的列、重复的行、已存在的事项、找不到所属事项的材料或环节",
    summary_en: "workbook problems: unknown columns, duplicate rows, existing items, materials or steps without their item",
    messages: &[],
};

pub use crate::book::column_letters;
pub use grid::{DEFAULT_MAX_CELLS, DEFAULT_MAX_ROWS, Limits, set_limits};

/// The largest workbook or csv file read (docs/workbooks.md): ten times a
/// 10,000-item workbook.
pub const MAX_INPUT_BYTES: u64 = 256 * 1024 * 1024;

/// The bytes of a workbook or csv file given on the command line. Only a
/// regular file is read (a device such as `/dev/zero`, a FIFO or a folder
/// is refused before it is opened), and only up to [`MAX_INPUT_BYTES`].
pub fn read_input(path: &std::path::Path) -> Result<Vec<u8>, Message> {
    use std::io::Read;
    let io = |e: std::io::Error| Message::new("import.unreadable_file").arg("error", e.to_string());
    let meta = std::fs::metadata(path).map_err(io)?;
    if !meta.file_type().is_file() {
        return Err(Message::new("import.not_regular"));
    }
    let too_large = |bytes: u64| {
        Message::new("import.input_too_large")
            .arg("bytes", bytes)
            .arg("limit", MAX_INPUT_BYTES)
    };
    if meta.len() > MAX_INPUT_BYTES {
        return Err(too_large(meta.len()));
    }
    let file = std::fs::File::open(path).map_err(io)?;
    // Swapped since it was looked at: refused all the same.
    if !file.metadata().map_err(io)?.file_type().is_file() {
        return Err(Message::new("import.not_regular"));
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.take(MAX_INPUT_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(io)?;
    if bytes.len() as u64 > MAX_INPUT_BYTES {
        return Err(too_large(bytes.len() as u64));
    }
    Ok(bytes)
}

/// A finding about one cell: `file` is the workbook as given, `path` the
/// cell (`事项!G12`, or `G12` in a csv file, whose sheet name is empty),
/// the location its 1-based row and column.
pub fn cell_finding(
    rule: &'static Rule,
    severity: Severity,
    workbook: &str,
    sheet: &str,
    row: u32,
    column: u32,
    message: Message,
) -> Finding {
    let mut finding = Finding::new(rule, message).in_file(workbook);
    finding.severity = severity;
    finding.path = Some(cell_name(
        sheet,
        &format!("{}{row}", column_letters(column)),
    ));
    finding.location = Some(Location::Point {
        line: row,
        column: column + 1,
    });
    finding
}

/// `事项!G12`, or `G12` in a csv file.
pub fn cell_name(sheet: &str, cell: &str) -> String {
    if sheet.is_empty() {
        cell.to_string()
    } else {
        format!("{sheet}!{cell}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_names() {
        assert_eq!(column_letters(0), "A");
        assert_eq!(column_letters(6), "G");
        assert_eq!(column_letters(25), "Z");
        assert_eq!(column_letters(26), "AA");
        assert_eq!(column_letters(701), "ZZ");
        assert_eq!(column_letters(702), "AAA");
    }
}
