//! The report as terminal tables (comfy-table): the title, then each
//! section under its heading. Charts are for xlsx and html.

use comfy_table::presets::UTF8_FULL_CONDENSED;
use comfy_table::{CellAlignment, Table};

use super::{Cell, Report};

pub fn render(report: &Report) -> String {
    let mut out = format!("{}\n", report.title);
    for section in &report.sections {
        out.push('\n');
        out.push_str(&section.title);
        out.push('\n');
        if section.rows.is_empty() {
            out.push_str(super::super::words::word(report.lang, "none"));
            out.push('\n');
            continue;
        }
        let mut table = Table::new();
        table.load_style(UTF8_FULL_CONDENSED);
        table.force_no_tty();
        table.set_header(section.headers.clone());
        for row in &section.rows {
            table.add_row(row.iter().map(cell));
        }
        out.push_str(&table.to_string());
        out.push('\n');
    }
    out
}

fn cell(cell: &Cell) -> comfy_table::Cell {
    let shown = comfy_table::Cell::new(cell.text());
    match cell {
        Cell::Text(_) => shown,
        _ => shown.set_alignment(CellAlignment::Right),
    }
}
