//! Sheets as an xlsx workbook: every cell a string cell (never a formula),
//! a bold frozen header row, columns wide enough to read, text wrapped and
//! top-aligned in bordered cells with rows as tall as their lines, printed
//! on A4 with the header on every page (`book`'s layout).

use rust_xlsxwriter::{Workbook, XlsxError};

use super::sheet::Sheet;
use crate::book::{PrintSetup, Styles, display_width, fit_row};
use crate::i18n::Lang;

pub fn workbook(sheets: &[Sheet], lang: Lang) -> Result<Vec<u8>, XlsxError> {
    let mut workbook = Workbook::new();
    let styles = Styles::new(true);
    for sheet in sheets {
        let ws = workbook.add_worksheet();
        ws.set_name(&sheet.name)?;
        let widths: Vec<f64> = (0..sheet.headers.len()).map(|c| width(sheet, c)).collect();
        for (col, header) in sheet.headers.iter().enumerate() {
            ws.set_column_width(col as u16, widths[col])?;
            ws.write_string_with_format(0, col as u16, header, &styles.header)?;
        }
        fit_row(
            ws,
            0,
            sheet
                .headers
                .iter()
                .map(String::as_str)
                .zip(widths.iter().copied()),
        )?;
        for (r, row) in sheet.rows.iter().enumerate() {
            let r = r as u32 + 1;
            fit_row(
                ws,
                r,
                row.iter().map(String::as_str).zip(widths.iter().copied()),
            )?;
            for (col, cell) in row.iter().enumerate() {
                ws.write_string_with_format(r, col as u16, cell, &styles.text)?;
            }
        }
        ws.set_freeze_panes(1, 0)?;
        PrintSetup::for_width(widths.iter().sum(), Some((0, 0))).apply(ws, lang)?;
    }
    workbook.save_to_buffer()
}

/// Display width of the widest line of a column (CJK counts double),
/// within bounds: longer text wraps.
fn width(sheet: &Sheet, col: usize) -> f64 {
    let cells =
        std::iter::once(&sheet.headers[col]).chain(sheet.rows.iter().filter_map(|r| r.get(col)));
    let widest = cells
        .flat_map(|c| c.split('\n'))
        .map(display_width)
        .max()
        .unwrap_or(8);
    (widest as f64 + 2.0).clamp(8.0, 60.0)
}
