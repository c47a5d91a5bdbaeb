//! The report as terminal tables (comfy-table): the title, then each
//! section under its heading. A wide table of measures is shown as
//! narrower ones (its [`Split`]): the whole catalog as measure | value
//! rows, then a table per group of related measures, each beginning with
//! the columns that name the row. No table is wider than [`WIDTH`]
//! columns; long headings wrap within their cells. Charts are for xlsx
//! and html.

use comfy_table::presets::UTF8_FULL_CONDENSED;
use comfy_table::{CellAlignment, ColumnConstraint, ContentArrangement, Table};

use super::super::words::word;
use super::{Cell, Report, Section, Split};

/// The widest a table is drawn: readable in a terminal of 100 columns.
pub const WIDTH: u16 = 100;

pub fn render(report: &Report) -> String {
    let mut out = format!("{}\n", report.title);
    for section in &report.sections {
        out.push('\n');
        out.push_str(&section.title);
        out.push('\n');
        if section.rows.is_empty() {
            out.push_str(word(report.lang, "none"));
            out.push('\n');
            continue;
        }
        match &section.split {
            None => out.push_str(&table(section.headers.clone(), section.rows.iter(), 1)),
            Some(split) => split_tables(&mut out, section, split, report),
        }
        out.push('\n');
    }
    out
}

/// The section as narrower tables.
fn split_tables(out: &mut String, section: &Section, split: &Split, report: &Report) {
    let mut rows = section.rows.as_slice();
    if split.summary
        && let Some((whole, rest)) = rows.split_first()
    {
        rows = rest;
        let name = whole.first().map(Cell::text).unwrap_or_default();
        let headers = vec![word(report.lang, "measure").to_string(), name];
        let pairs: Vec<Vec<Cell>> = section
            .headers
            .iter()
            .zip(whole)
            .skip(split.lead)
            .map(|(header, cell)| vec![Cell::Text(header.clone()), cell.clone()])
            .collect();
        out.push_str(&table(headers, pairs.iter(), 1));
        out.push('\n');
    }
    if rows.is_empty() {
        return;
    }
    for (title, columns) in &split.groups {
        let pick = |all: &[String]| -> Vec<String> {
            (0..split.lead)
                .chain(columns.iter().copied())
                .filter_map(|c| all.get(c).cloned())
                .collect()
        };
        let picked: Vec<Vec<Cell>> = rows
            .iter()
            .map(|row| {
                (0..split.lead)
                    .chain(columns.iter().copied())
                    .filter_map(|c| row.get(c).cloned())
                    .collect()
            })
            .collect();
        out.push('\n');
        out.push_str(title);
        out.push('\n');
        out.push_str(&table(pick(&section.headers), picked.iter(), split.lead));
        out.push('\n');
    }
}

/// A table whose first `names` columns (what names a row) never wrap; the
/// headings of the others do when the table would be too wide.
fn table<'a>(
    headers: Vec<String>,
    rows: impl Iterator<Item = &'a Vec<Cell>>,
    names: usize,
) -> String {
    let mut table = Table::new();
    table.load_style(UTF8_FULL_CONDENSED);
    table.force_no_tty();
    table.set_content_arrangement(ContentArrangement::Dynamic);
    table.set_width(WIDTH);
    table.set_header(headers);
    for row in rows {
        table.add_row(row.iter().map(cell));
    }
    for column in table.column_iter_mut().take(names) {
        column.set_constraint(ColumnConstraint::ContentWidth);
    }
    table.to_string()
}

fn cell(cell: &Cell) -> comfy_table::Cell {
    let shown = comfy_table::Cell::new(cell.text());
    match cell {
        Cell::Text(_) => shown,
        _ => shown.set_alignment(CellAlignment::Right),
    }
}
