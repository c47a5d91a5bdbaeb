//! The diff as terminal tables (comfy-table): a title, one table per
//! department, the summary line. Colours only when the style asks.

use crate::i18n::terminal_safe;
use comfy_table::presets::UTF8_FULL_CONDENSED;
use comfy_table::{Cell, Color, Table};

use super::{LINE_HEADERS, Line, Sides, Words, grouped_lines, title};
use crate::diff::{Change, Diff};
use crate::render::Style;

pub fn render(diff: &Diff, sides: &Sides, style: Style) -> String {
    let words = Words::new(style.lang, diff);
    let mut out = format!("{}\n\n", title(&words, sides));
    for (department, lines) in grouped_lines(diff, &words) {
        out.push_str(&department);
        out.push('\n');
        let headers: Vec<String> = LINE_HEADERS.iter().map(|k| words.tr(k)).collect();
        let mut table = new_table(headers, style.color);
        for line in &lines {
            table.add_row(row(&words, line, style.color));
        }
        out.push_str(&table.to_string());
        out.push_str("\n\n");
    }
    out.push_str(&words.summary(&diff.summary()));
    out.push('\n');
    out
}

/// Counts per department (`--stat`).
pub fn render_stat(diff: &Diff, sides: &Sides, style: Style) -> String {
    let words = Words::new(style.lang, diff);
    let sheet = super::sheet::stat(diff, &words);
    let mut table = new_table(sheet.headers.clone(), style.color);
    for cells in &sheet.rows {
        table.add_row(cells.iter().map(|c| terminal_safe(c).into_owned()));
    }
    format!(
        "{}\n\n{table}\n{}\n",
        title(&words, sides),
        words.summary(&diff.summary())
    )
}

fn new_table(headers: Vec<String>, color: bool) -> Table {
    let mut table = Table::new();
    table.load_style(UTF8_FULL_CONDENSED);
    if color {
        table.enforce_styling();
    } else {
        table.force_no_tty();
    }
    table.set_header(headers);
    table
}

fn row(words: &Words, line: &Line, color: bool) -> Vec<Cell> {
    let paint = |cell: Cell, c: Color| if color { cell.fg(c) } else { cell };
    let change = match line.change {
        Some(change) => paint(Cell::new(words.change(change)), change_color(change)),
        None => Cell::new(""),
    };
    vec![
        change,
        Cell::new(terminal_safe(&line.code)),
        Cell::new(terminal_safe(&line.name)),
        Cell::new(terminal_safe(&line.field)),
        paint(Cell::new(terminal_safe(&line.old)), Color::Red),
        paint(Cell::new(terminal_safe(&line.new)), Color::Green),
    ]
}

fn change_color(change: Change) -> Color {
    match change {
        Change::Added => Color::Green,
        Change::Changed => Color::Yellow,
        Change::Cancelled => Color::Magenta,
        Change::Removed => Color::Red,
    }
}
