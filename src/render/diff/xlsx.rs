//! Sheets as an xlsx workbook: every cell a string cell (never a formula),
//! a bold frozen header row, columns wide enough to read.

use rust_xlsxwriter::{Format, Workbook, XlsxError};

use super::sheet::Sheet;

pub fn workbook(sheets: &[Sheet]) -> Result<Vec<u8>, XlsxError> {
    let mut workbook = Workbook::new();
    let bold = Format::new().set_bold();
    for sheet in sheets {
        let ws = workbook.add_worksheet();
        ws.set_name(&sheet.name)?;
        for (col, header) in sheet.headers.iter().enumerate() {
            ws.write_string_with_format(0, col as u16, header, &bold)?;
        }
        for (r, row) in sheet.rows.iter().enumerate() {
            for (col, cell) in row.iter().enumerate() {
                ws.write_string(r as u32 + 1, col as u16, cell)?;
            }
        }
        for col in 0..sheet.headers.len() {
            ws.set_column_width(col as u16, width(sheet, col))?;
        }
        ws.set_freeze_panes(1, 0)?;
    }
    workbook.save_to_buffer()
}

/// Display width of the widest cell (CJK counts double), within bounds.
fn width(sheet: &Sheet, col: usize) -> f64 {
    let cells =
        std::iter::once(&sheet.headers[col]).chain(sheet.rows.iter().filter_map(|r| r.get(col)));
    let widest = cells
        .map(|c| {
            c.chars()
                .map(|ch| if ch.is_ascii() { 1 } else { 2 })
                .sum::<usize>()
        })
        .max()
        .unwrap_or(8);
    (widest as f64 + 2.0).clamp(8.0, 60.0)
}
