//! The publication as one workbook a person can print as the 清单: on every
//! sheet a title row (`catalog.yaml` `publication.title`, or the region's
//! name and 公共服务事项清单) and a subtitle (issuer, 文号, date, when
//! known), bordered cells with wrapped top-aligned text in rows as tall as
//! their lines, print setup from `book` (A4, landscape where wide, the
//! header row on every page, one page wide, page numbers). Every text is a
//! string cell — a name starting with `=` stays text, never a formula.
//!
//! Beside the seven flat tables: the main list has a row naming each
//! department above its items; 办事指南 prints each guide item as a block
//! (element, value, down the page) readable at 100% on portrait A4; 汇总
//! counts items per department and kind.
//!
//! Sheets use rust_xlsxwriter's constant-memory mode: rows go to a
//! temporary file as they are written, so 100,000 items need no more
//! memory than a few. All sheets are filled in one pass over the items.

use std::collections::BTreeMap;
use std::io::Write;

use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook, Worksheet, XlsxError};

use super::tables::{self, Row, Table, TableColumn};
use super::{Heading, Progress, Publication};
use crate::book::{CellOut, PrintSetup, Styles, fit_row, write_title};
use crate::columns::Kind;
use crate::i18n::Lang;
use crate::model::{ItemKind, Labelled};

const ZIP_LEVEL: u8 = 3;

/// Widths of the 办事指南 sheet's two columns: element, value.
const GUIDE_WIDTHS: [f64; 2] = [16.0, 72.0];

/// Writes the workbook to `out`.
pub fn write(
    publication: &Publication,
    out: &mut dyn WriteSend,
    progress: Progress,
) -> Result<(), XlsxError> {
    let mut book = Workbook::new();
    let heading = publication.heading();
    book.set_properties(&properties(&heading)?);
    // Level 6 (the default) spends a third of the time compressing for a
    // file a fifth smaller; a published catalog is written once, read often,
    // but 100,000 items must stay well inside half a minute.
    book.set_zip_compression_level(ZIP_LEVEL);
    let styles = Styles::new(true);
    let lang = publication.lang;
    let mut sheets = Vec::with_capacity(Table::ALL.len());
    for table in Table::ALL {
        let mut ws = book.new_worksheet_with_constant_memory()?;
        let columns = table.columns();
        let top = set_up(&mut ws, table, &columns, &heading, lang, &styles)?;
        let department = (table == Table::Items)
            .then(|| columns.iter().position(|c| c.column.key == "department"))
            .flatten();
        sheets.push(Filling {
            ws,
            top,
            next_row: top + 1,
            widths: columns.iter().map(|c| c.column.width).collect(),
            numbers: columns.iter().map(|c| is_number(c.column.kind)).collect(),
            department,
            last_department: None,
        });
    }
    let mut guides = Guides::new(&mut book, &heading, lang, &styles)?;
    let guide_columns = Table::Guide.columns();
    tables::for_each_row(
        publication,
        |table, row| {
            if table == Table::Guide {
                guides.write(&mut book, &guide_columns, row, &styles)?;
            }
            sheets[index(table)].write(row, &styles)
        },
        progress,
    )?;
    for filling in sheets {
        let mut ws = filling.ws;
        let width = filling.widths.len() as u16;
        if filling.next_row > filling.top + 1 {
            ws.autofilter(filling.top, 0, filling.next_row - 1, width - 1)?;
        } else {
            // An empty table says so instead of printing a bare header.
            let none = lang.pick("（无）", "(none)");
            ws.write_string_with_format(filling.top + 1, 0, none, &styles.text)?;
        }
        book.push_worksheet(ws);
    }
    for ws in guides.finish() {
        book.push_worksheet(ws);
    }
    let summary = book.add_worksheet();
    write_summary(summary, publication, &heading, &styles)?;
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
fn properties(heading: &Heading) -> Result<DocProperties, XlsxError> {
    let created = ExcelDateTime::from_ymd(2017, 1, 1)?;
    Ok(DocProperties::new()
        .set_title(&heading.title)
        .set_creation_datetime(&created))
}

/// A sheet's title: the catalog's for the main list, the catalog's and
/// the table's for the others.
fn sheet_title(heading: &Heading, name: &str, main: bool, lang: Lang) -> String {
    if main {
        heading.title.clone()
    } else {
        format!(
            "{}{}{name}{}",
            heading.title,
            lang.pick("（", " — "),
            lang.pick("）", "")
        )
    }
}

/// The title and subtitle rows of sheet `name` over `columns` columns;
/// the first row after them.
fn titled(
    ws: &mut Worksheet,
    heading: &Heading,
    name: &str,
    main: bool,
    columns: usize,
    lang: Lang,
    styles: &Styles,
) -> Result<u32, XlsxError> {
    let title = sheet_title(heading, name, main, lang);
    let subtitle = heading.subtitle();
    write_title(ws, columns as u16, &title, subtitle.as_deref(), styles)
}

/// Name, title rows, header row, widths, print setup; returns the header
/// row.
fn set_up(
    ws: &mut Worksheet,
    table: Table,
    columns: &[TableColumn],
    heading: &Heading,
    lang: Lang,
    styles: &Styles,
) -> Result<u32, XlsxError> {
    ws.set_name(table.name(lang))?;
    let main = table == Table::Items;
    let top = titled(
        ws,
        heading,
        table.name(lang),
        main,
        columns.len(),
        lang,
        styles,
    )?;
    for (c, column) in columns.iter().enumerate() {
        let c = c as u16;
        ws.set_column_width(c, column.column.width)?;
        ws.write_string_with_format(top, c, column.header(lang), &styles.header)?;
    }
    let headers: Vec<(&str, f64)> = columns
        .iter()
        .map(|c| (c.header(lang), c.column.width))
        .collect();
    fit_row(ws, top, headers.iter().copied())?;
    ws.set_freeze_panes(top + 1, 0)?;
    let total = columns.iter().map(|c| c.column.width).sum();
    PrintSetup::for_width(total, Some((top, top))).apply(ws, lang)?;
    Ok(top)
}

/// Columns of numbers (序号, counts); every other column holds text.
fn is_number(kind: Kind) -> bool {
    matches!(kind, Kind::Seq | Kind::Count(_))
}

/// A sheet being filled.
struct Filling {
    ws: Worksheet,
    /// The header row.
    top: u32,
    next_row: u32,
    widths: Vec<f64>,
    numbers: Vec<bool>,
    /// The column of 实施主体 when departments get a row of their own.
    department: Option<usize>,
    last_department: Option<String>,
}

impl Filling {
    fn write(&mut self, row: &Row, styles: &Styles) -> Result<(), XlsxError> {
        if let Some(col) = self.department {
            let name = match &row[col] {
                Some(CellOut::Text(text)) => text.clone(),
                _ => String::new(),
            };
            if self.last_department.as_ref() != Some(&name) {
                self.group_row(&name, styles)?;
                self.last_department = Some(name);
            }
        }
        let r = self.next_row;
        let texts = row
            .iter()
            .zip(&self.widths)
            .filter_map(|(cell, width)| match cell {
                Some(CellOut::Text(text)) => Some((text.as_str(), *width)),
                _ => None,
            });
        fit_row(&mut self.ws, r, texts)?;
        for (c, cell) in row.iter().enumerate() {
            let format = if self.numbers[c] {
                &styles.number
            } else {
                &styles.text
            };
            let c = c as u16;
            match cell {
                // Strings only, never `write()`: text is never a formula.
                Some(CellOut::Text(text)) => {
                    self.ws.write_string_with_format(r, c, text, format)?
                }
                Some(CellOut::Number(n)) => self.ws.write_number_with_format(r, c, *n, format)?,
                // Blank cells keep their borders.
                None => self.ws.write_blank(r, c, format)?,
            };
        }
        self.next_row += 1;
        Ok(())
    }

    /// A row naming the department whose items follow.
    fn group_row(&mut self, name: &str, styles: &Styles) -> Result<(), XlsxError> {
        let r = self.next_row;
        let group = styles.group.clone();
        self.ws.write_string_with_format(r, 0, name, &group)?;
        for c in 1..self.widths.len() {
            self.ws.write_blank(r, c as u16, &group)?;
        }
        self.ws.set_row_height(r, 22)?;
        self.next_row += 1;
        Ok(())
    }
}

/// The 办事指南 sheet: one block per guide item.
struct Guides {
    ws: Worksheet,
    next_row: u32,
    label: Format,
    heading: Heading,
    lang: Lang,
    /// Sheets filled up to Excel's row limit, in order.
    full: Vec<Worksheet>,
}

/// The rows a worksheet may have (Excel's limit): 100,000 guide items take
/// about 2.9 million rows, so 办事指南 goes on in 办事指南（2）, （3）….
const MAX_ROWS: u32 = 1_048_576;

impl Guides {
    fn new(
        book: &mut Workbook,
        heading: &Heading,
        lang: Lang,
        styles: &Styles,
    ) -> Result<Guides, XlsxError> {
        let (ws, next_row) = Guides::sheet(book, heading, lang, styles, 1)?;
        let label = styles
            .text
            .clone()
            .set_bold()
            .set_background_color(0xF2F2F2);
        Ok(Guides {
            ws,
            next_row,
            label,
            heading: heading.clone(),
            lang,
            full: Vec::new(),
        })
    }

    /// Sheet `part` of 办事指南 (the first without a number) and its first
    /// free row.
    fn sheet(
        book: &mut Workbook,
        heading: &Heading,
        lang: Lang,
        styles: &Styles,
        part: usize,
    ) -> Result<(Worksheet, u32), XlsxError> {
        let mut ws = book.new_worksheet_with_constant_memory()?;
        let base = lang.pick("办事指南", "Service guides");
        let name = match (part, lang) {
            (1, _) => base.to_string(),
            (_, Lang::Zh) => format!("{base}（{part}）"),
            (_, Lang::En) => format!("{base} ({part})"),
        };
        ws.set_name(&name)?;
        for (c, width) in GUIDE_WIDTHS.iter().enumerate() {
            ws.set_column_width(c as u16, *width)?;
        }
        let next_row = titled(&mut ws, heading, &name, false, 2, lang, styles)?;
        PrintSetup::for_width(GUIDE_WIDTHS.iter().sum(), None).apply(&mut ws, lang)?;
        Ok((ws, next_row + 1))
    }

    /// Every sheet, in order.
    fn finish(self) -> Vec<Worksheet> {
        let mut out = self.full;
        out.push(self.ws);
        out
    }

    /// The item's name as the block's heading, then each element that has
    /// a value: name, value.
    fn write(
        &mut self,
        book: &mut Workbook,
        columns: &[TableColumn],
        row: &Row,
        styles: &Styles,
    ) -> Result<(), XlsxError> {
        let lang = self.lang;
        // A block never runs past the sheet's last row: heading, elements
        // and the blank row after them.
        let block = columns.len() as u32 + 2;
        if self.next_row + block > MAX_ROWS {
            let part = self.full.len() + 2;
            let (ws, next_row) = Guides::sheet(book, &self.heading, lang, styles, part)?;
            self.full.push(std::mem::replace(&mut self.ws, ws));
            self.next_row = next_row;
        }
        let text_of = |key: &str| {
            columns
                .iter()
                .position(|c| c.column.key == key)
                .and_then(|i| match &row[i] {
                    Some(CellOut::Text(t)) => Some(t.as_str()),
                    _ => None,
                })
        };
        let name = text_of("name").unwrap_or_default();
        let block_title = styles.group.clone();
        self.ws
            .write_string_with_format(self.next_row, 0, name, &block_title)?;
        self.ws.write_blank(self.next_row, 1, &block_title)?;
        self.ws.set_row_height(self.next_row, 24)?;
        self.next_row += 1;
        for (column, cell) in columns.iter().zip(row) {
            if matches!(column.column.kind, Kind::Seq) {
                continue;
            }
            let Some(CellOut::Text(value)) = cell else {
                continue;
            };
            let label = column.header(lang);
            let r = self.next_row;
            fit_row(
                &mut self.ws,
                r,
                [(label, GUIDE_WIDTHS[0]), (value.as_str(), GUIDE_WIDTHS[1])],
            )?;
            self.ws.write_string_with_format(r, 0, label, &self.label)?;
            self.ws
                .write_string_with_format(r, 1, value, &styles.text)?;
            self.next_row += 1;
        }
        // A blank row between blocks.
        self.next_row += 1;
        Ok(())
    }
}

/// 汇总: 序号, 实施主体, a count per item kind present, 合计; a total row.
fn write_summary(
    ws: &mut Worksheet,
    publication: &Publication,
    heading: &Heading,
    styles: &Styles,
) -> Result<(), XlsxError> {
    let lang = publication.lang;
    let name = lang.pick("汇总", "Summary");
    ws.set_name(name)?;
    let mut counts: BTreeMap<&str, BTreeMap<usize, usize>> = BTreeMap::new();
    let mut order: Vec<&str> = Vec::new();
    let kind_index = |kind: ItemKind| {
        ItemKind::VARIANTS
            .iter()
            .position(|v| v.value == kind)
            .unwrap_or(0)
    };
    for (_, item) in &publication.items {
        if !counts.contains_key(item.department.as_str()) {
            order.push(&item.department);
        }
        *counts
            .entry(&item.department)
            .or_default()
            .entry(kind_index(item.kind))
            .or_default() += 1;
    }
    let mut kinds: Vec<usize> = counts.values().flat_map(|m| m.keys().copied()).collect();
    kinds.sort_unstable();
    kinds.dedup();
    let mut headers: Vec<String> = vec![
        lang.pick("序号", "No.").into(),
        lang.pick("实施主体", "Department").into(),
    ];
    headers.extend(kinds.iter().map(|k| {
        lang.pick(ItemKind::VARIANTS[*k].zh, ItemKind::VARIANTS[*k].en)
            .into()
    }));
    headers.push(lang.pick("合计", "Total").into());
    let widths: Vec<f64> = (0..headers.len())
        .map(|c| match c {
            0 => 6.0,
            1 => 30.0,
            _ => 10.0,
        })
        .collect();
    let top = titled(ws, heading, name, false, headers.len(), lang, styles)?;
    for (c, header) in headers.iter().enumerate() {
        ws.set_column_width(c as u16, widths[c])?;
        ws.write_string_with_format(top, c as u16, header, &styles.header)?;
    }
    fit_row(
        ws,
        top,
        headers
            .iter()
            .map(String::as_str)
            .zip(widths.iter().copied()),
    )?;
    let departments = &publication.catalog.departments;
    let mut totals = vec![0usize; kinds.len()];
    let mut row = top + 1;
    for (n, id) in order.iter().enumerate() {
        let name = departments
            .iter()
            .find(|d| d.id == *id)
            .map_or(*id, |d| d.name.as_str());
        ws.write_number_with_format(row, 0, (n + 1) as f64, &styles.number)?;
        ws.write_string_with_format(row, 1, name, &styles.text)?;
        let mut sum = 0;
        for (c, kind) in kinds.iter().enumerate() {
            let count = counts[id].get(kind).copied().unwrap_or(0);
            totals[c] += count;
            sum += count;
            ws.write_number_with_format(row, c as u16 + 2, count as f64, &styles.number)?;
        }
        ws.write_number_with_format(row, kinds.len() as u16 + 2, sum as f64, &styles.number)?;
        fit_row(ws, row, [(name, widths[1])])?;
        row += 1;
    }
    let bold = styles.number.clone().set_bold();
    ws.write_blank(row, 0, &bold)?;
    ws.write_string_with_format(
        row,
        1,
        lang.pick("合计", "Total"),
        &styles.text.clone().set_bold(),
    )?;
    for (c, total) in totals.iter().enumerate() {
        ws.write_number_with_format(row, c as u16 + 2, *total as f64, &bold)?;
    }
    let all: usize = totals.iter().sum();
    ws.write_number_with_format(row, kinds.len() as u16 + 2, all as f64, &bold)?;
    ws.set_freeze_panes(top + 1, 0)?;
    PrintSetup::for_width(widths.iter().sum(), Some((top, top))).apply(ws, lang)?;
    Ok(())
}
