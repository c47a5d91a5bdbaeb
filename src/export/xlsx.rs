//! The publication as one workbook: a sheet per table with frozen, wrapped
//! headers, widths from the column table, print setup (landscape, A4, the
//! header row on every page, one page wide) and every text as a string
//! cell — a name starting with `=` stays text, never a formula.
//!
//! Sheets use rust_xlsxwriter's constant-memory mode: rows go to a
//! temporary file as they are written, so 100,000 items need no more
//! memory than a few. All seven sheets are filled in one pass over the items.

use std::io::Write;

use rust_xlsxwriter::{
    DocProperties, ExcelDateTime, Format, FormatAlign, Workbook, Worksheet, XlsxError,
};

use super::tables::{self, Row, Table};
use super::{Progress, Publication};
use crate::book::CellOut;
use crate::columns::Kind;

const ZIP_LEVEL: u8 = 3;

/// Excel's paper size code for A4.
const A4: u8 = 9;

/// Writes the workbook to `out`.
pub fn write(
    publication: &Publication,
    out: &mut dyn WriteSend,
    progress: Progress,
) -> Result<(), XlsxError> {
    let mut book = Workbook::new();
    book.set_properties(&properties(publication)?);
    // Level 6 (the default) spends a third of the time compressing for a
    // file a fifth smaller; a published catalog is written once, read often,
    // but 100,000 items must stay well inside half a minute.
    book.set_zip_compression_level(ZIP_LEVEL);
    let formats = Formats::new();
    let mut sheets = Vec::with_capacity(Table::ALL.len());
    for table in Table::ALL {
        let mut ws = book.new_worksheet_with_constant_memory()?;
        set_up(&mut ws, table, publication, &formats)?;
        sheets.push(Filling {
            ws,
            next_row: 1,
            width: table.columns().len() as u16,
            columns: table.columns().iter().map(|c| *c.column).collect(),
        });
    }
    tables::for_each_row(
        publication,
        |table, row| sheets[index(table)].write(row),
        progress,
    )?;
    for filling in sheets {
        let mut ws = filling.ws;
        if filling.next_row > 1 {
            ws.autofilter(0, 0, filling.next_row - 1, filling.width - 1)?;
        }
        book.push_worksheet(ws);
    }
    book.save_to_writer(out)
}

/// `Write + Send`, as rust_xlsxwriter needs, behind a pointer.
pub trait WriteSend: Write + Send {}
impl<T: Write + Send> WriteSend for T {}

fn index(table: Table) -> usize {
    Table::ALL
        .iter()
        .position(|t| *t == table)
        .expect("every table is listed")
}

/// Fixed document properties: rust_xlsxwriter stamps the current time
/// otherwise, and the same catalog must give the same bytes.
fn properties(publication: &Publication) -> Result<DocProperties, XlsxError> {
    let created = ExcelDateTime::from_ymd(2017, 1, 1)?;
    let region = &publication.catalog.config.region.name;
    let title = format!("{region}{}", Table::Items.name(publication.lang));
    Ok(DocProperties::new()
        .set_title(title)
        .set_creation_datetime(&created))
}

struct Formats {
    header: Format,
    text: Format,
    number: Format,
}

impl Formats {
    fn new() -> Formats {
        let header = Format::new()
            .set_bold()
            .set_text_wrap()
            .set_align(FormatAlign::Center)
            .set_align(FormatAlign::VerticalCenter)
            .set_background_color(0xDDEBF7)
            .set_border(rust_xlsxwriter::FormatBorder::Thin);
        // `@`: a cell typed into later stays text too.
        let text = Format::new()
            .set_num_format("@")
            .set_text_wrap()
            .set_align(FormatAlign::Top);
        let number = Format::new()
            .set_align(FormatAlign::Top)
            .set_align(FormatAlign::Center);
        Formats {
            header,
            text,
            number,
        }
    }
}

fn set_up(
    ws: &mut Worksheet,
    table: Table,
    publication: &Publication,
    formats: &Formats,
) -> Result<(), XlsxError> {
    let lang = publication.lang;
    ws.set_name(table.name(lang))?;
    for (c, column) in table.columns().iter().enumerate() {
        let c = c as u16;
        ws.set_column_width(c, column.column.width)?;
        // Cells written without a format take their column's: one format
        // lookup per column instead of one per cell.
        let format = if is_number(column.column.kind) {
            &formats.number
        } else {
            &formats.text
        };
        ws.set_column_format(c, format)?;
        ws.write_string_with_format(0, c, column.header(lang), &formats.header)?;
    }
    ws.set_row_height(0, 30)?;
    ws.set_freeze_panes(1, 0)?;
    ws.set_landscape();
    ws.set_paper_size(A4);
    ws.set_repeat_rows(0, 0)?;
    // One page wide, as many pages tall as it takes.
    ws.set_print_fit_to_pages(1, 0);
    ws.set_footer(lang.pick("&C第 &P 页，共 &N 页", "&CPage &P of &N"));
    Ok(())
}

/// Columns of numbers (序号, counts); every other column holds text.
fn is_number(kind: Kind) -> bool {
    matches!(kind, Kind::Seq | Kind::Count(_))
}

/// A sheet being filled.
struct Filling {
    ws: Worksheet,
    next_row: u32,
    width: u16,
    /// The table's columns (their widths fit the row heights).
    columns: Vec<crate::columns::Column>,
}

impl Filling {
    fn write(&mut self, row: &Row) -> Result<(), XlsxError> {
        let r = self.next_row;
        // Before the cells: a constant-memory sheet writes rows in order.
        if let Some(height) = crate::book::row_height(&self.columns, row) {
            self.ws.set_row_height(r, height)?;
        }
        for (c, cell) in row.iter().enumerate() {
            let c = c as u16;
            match cell {
                // Strings only, never `write()`: text is never a formula.
                Some(CellOut::Text(text)) => self.ws.write_string(r, c, text)?,
                Some(CellOut::Number(n)) => self.ws.write_number(r, c, *n)?,
                None => continue,
            };
        }
        self.next_row += 1;
        Ok(())
    }
}
