//! Sheets as an xlsx workbook: every cell a string cell (never a formula),
//! a bold frozen header row, columns wide enough to read, text wrapped and
//! top-aligned in bordered cells with rows as tall as their lines, printed
//! on A4 with the header on every page (`book`'s layout).

use rust_xlsxwriter::{Workbook, Worksheet, XlsxError};

use super::sheet::Sheet;
use crate::book::{PrintSetup, Styles, display_width, fit_row, write_title};
use crate::i18n::Lang;

pub fn workbook(sheets: &[Sheet], lang: Lang) -> Result<Vec<u8>, XlsxError> {
    let mut workbook = Workbook::new();
    let styles = Styles::new(true);
    for sheet in sheets {
        let ws = workbook.add_worksheet();
        ws.set_name(&sheet.name)?;
        let widths: Vec<f64> = (0..sheet.headers.len()).map(|c| width(sheet, c)).collect();
        let top = preamble(ws, sheet, &styles)?;
        for (col, header) in sheet.headers.iter().enumerate() {
            ws.set_column_width(col as u16, widths[col])?;
            ws.write_string_with_format(top, col as u16, header, &styles.header)?;
        }
        fit_row(
            ws,
            top,
            sheet
                .headers
                .iter()
                .map(String::as_str)
                .zip(widths.iter().copied()),
        )?;
        for (r, row) in sheet.rows.iter().enumerate() {
            let r = top + r as u32 + 1;
            fit_row(
                ws,
                r,
                row.iter().map(String::as_str).zip(widths.iter().copied()),
            )?;
            for (col, cell) in row.iter().enumerate() {
                ws.write_string_with_format(r, col as u16, cell, &styles.text)?;
            }
        }
        ws.set_freeze_panes(top + 1, 0)?;
        PrintSetup::for_width(widths.iter().sum(), Some((top, top))).apply(ws, lang)?;
    }
    workbook.save_to_buffer()
}

/// The title and its subtitle above the table, merged across it (none
/// when the sheet has no preamble). Returns the row of the header.
fn preamble(ws: &mut Worksheet, sheet: &Sheet, styles: &Styles) -> Result<u32, XlsxError> {
    match sheet.preamble.split_first() {
        Some((title, rest)) => {
            let subtitle = rest.join("    ");
            write_title(
                ws,
                sheet.headers.len() as u16,
                title,
                Some(&subtitle),
                styles,
            )
        }
        None => Ok(0),
    }
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
