//! The diff as markdown: a title, the summary, one table per department.

use super::{LINE_HEADERS, Sides, Words, grouped_lines, title};
use crate::diff::Diff;
use crate::i18n::Lang;

pub fn render(diff: &Diff, sides: &Sides, lang: Lang) -> String {
    let words = Words::new(lang, diff);
    let mut out = format!(
        "# {}\n\n{}\n",
        title(&words, sides),
        words.summary(&diff.summary())
    );
    for (department, lines) in grouped_lines(diff, &words) {
        out.push_str(&format!("\n## {}\n\n", cell(&department)));
        let headers: Vec<String> = LINE_HEADERS.iter().map(|k| words.tr(k)).collect();
        let rows = lines.iter().map(|l| {
            let change = l.change.map(|c| words.change(c)).unwrap_or_default();
            vec![
                change,
                l.code.clone(),
                l.name.clone(),
                l.field.clone(),
                l.old.clone(),
                l.new.clone(),
            ]
        });
        out.push_str(&table(&headers, rows));
    }
    out
}

/// Counts per department (`--stat`).
pub fn render_stat(diff: &Diff, sides: &Sides, lang: Lang) -> String {
    let words = Words::new(lang, diff);
    let sheet = super::sheet::stat(diff, &words);
    format!(
        "# {}\n\n{}\n\n{}",
        title(&words, sides),
        words.summary(&diff.summary()),
        table(&sheet.headers, sheet.rows.into_iter())
    )
}

/// A pipe table.
pub fn table(headers: &[String], rows: impl Iterator<Item = Vec<String>>) -> String {
    let line = |cells: &[String]| {
        format!(
            "| {} |\n",
            cells
                .iter()
                .map(|c| cell(c))
                .collect::<Vec<_>>()
                .join(" | ")
        )
    };
    let mut out = line(headers);
    out.push_str(&format!("|{}\n", "---|".repeat(headers.len())));
    for row in rows {
        out.push_str(&line(&row));
    }
    out
}

/// Text safe inside a table cell: pipes escaped, line breaks as `<br>`.
pub fn cell(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace('|', "\\|")
        .replace("\r\n", "<br>")
        .replace('\n', "<br>")
}
