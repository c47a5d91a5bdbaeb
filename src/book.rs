//! Writing xlsx workbooks, shared by the item template (`sheets`), review
//! workbooks (`review`) and exports (`export`): reproducible metadata,
//! annotated headers, drop-down lists drawn from a hidden sheet, and cells
//! by column kind.

use rust_xlsxwriter::{
    DataValidation, DataValidationErrorStyle, DocProperties, ExcelDateTime, Format, FormatAlign,
    Formula, Note, Workbook, Worksheet, XlsxError,
};
use serde_json::Value;

use crate::columns::{Column, Kind, Label, YES_NO};
use crate::i18n::Lang;
use crate::model::Department;

/// Rows a drop-down covers: the whole sheet below the header.
const LAST_ROW: u32 = 1_048_575;

pub fn lists_sheet_name(lang: Lang) -> &'static str {
    lang.pick("取值", "Lists")
}

/// A new workbook whose metadata do not change between runs: the same
/// input gives the same bytes.
pub fn new_workbook() -> Result<Workbook, XlsxError> {
    let mut book = Workbook::new();
    let created = ExcelDateTime::from_ymd(2017, 1, 1)?;
    book.set_properties(&DocProperties::new().set_creation_datetime(&created));
    Ok(book)
}

/// The hidden sheet the drop-downs draw their values from.
pub fn add_lists_sheet(
    book: &mut Workbook,
    lang: Lang,
    lists: &[ValueList],
) -> Result<(), XlsxError> {
    let ws = book.add_worksheet();
    ws.set_name(lists_sheet_name(lang))?;
    write_lists(ws, lists)?;
    ws.set_hidden(true);
    Ok(())
}

/// Bold, annotated headers in row `top` (0-based; the rows down to it
/// frozen), widths and cell formats of `columns`.
pub fn write_headers(
    ws: &mut Worksheet,
    columns: &[Column],
    lang: Lang,
    top: u32,
) -> Result<(), XlsxError> {
    let header = Format::new()
        .set_bold()
        .set_text_wrap()
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter)
        .set_background_color(0xDDEBF7);
    let text = Format::new().set_num_format("@");
    let wrapped = Format::new().set_num_format("@").set_text_wrap();
    for (i, column) in columns.iter().enumerate() {
        let col = i as u16;
        ws.set_column_width(col, column.width)?;
        match column.kind {
            Kind::Seq | Kind::Count(_) => {}
            kind if kind.is_multi() => {
                ws.set_column_format(col, &wrapped)?;
            }
            _ => {
                ws.set_column_format(col, &text)?;
            }
        }
        ws.write_string_with_format(top, col, column.header(lang), &header)?;
        let note = Note::new(column.note(lang))
            .add_author_prefix(false)
            .set_width(260)
            .set_height(90);
        ws.insert_note(top, col, &note)?;
    }
    ws.set_row_height(top, 30)?;
    ws.set_freeze_panes(top + 1, 0)?;
    Ok(())
}

/// One column of the hidden sheet: its header and values.
pub struct ValueList {
    /// The kind of column it serves.
    pub kind: Kind,
    pub header: String,
    pub values: Vec<String>,
}

impl ValueList {
    /// The labels of an enumeration column.
    pub fn of_choices(column: &Column, lang: Lang) -> ValueList {
        let values = match column.kind {
            Kind::Choice(choices) | Kind::ChoiceList(choices) => choices
                .offered()
                .iter()
                .map(|l| l.text(lang).to_string())
                .collect(),
            _ => Vec::new(),
        };
        ValueList {
            kind: column.kind,
            header: column.header(lang).to_string(),
            values,
        }
    }

    /// 是/否.
    pub fn yes_no(lang: Lang) -> ValueList {
        let values = YES_NO
            .iter()
            .map(|l: &Label| l.text(lang).to_string())
            .collect();
        ValueList {
            kind: Kind::Bool,
            header: lang.pick("是/否", "Yes/No").to_string(),
            values,
        }
    }
}

fn write_lists(ws: &mut Worksheet, lists: &[ValueList]) -> Result<(), XlsxError> {
    for (i, list) in lists.iter().enumerate() {
        let col = i as u16;
        ws.write_string(0, col, &list.header)?;
        for (row, value) in list.values.iter().enumerate() {
            ws.write_string(row as u32 + 1, col, value)?;
        }
        ws.set_column_width(col, 24)?;
    }
    Ok(())
}

/// The list a column draws its drop-down from, if any.
fn list_for<'a>(column: &Column, lists: &'a [ValueList]) -> Option<(usize, &'a ValueList)> {
    lists
        .iter()
        .enumerate()
        .find(|(_, l)| l.kind == column.kind)
}

/// Drop-downs on every column of `columns` that has a list, drawn from the
/// hidden sheet.
pub fn add_drop_downs(
    ws: &mut Worksheet,
    columns: &[Column],
    lang: Lang,
    lists: &[ValueList],
) -> Result<(), XlsxError> {
    for (i, column) in columns.iter().enumerate() {
        let Some((list_col, list)) = list_for(column, lists) else {
            continue;
        };
        if list.values.is_empty() {
            continue;
        }
        let letters = column_letters(list_col as u32);
        let formula = format!(
            "='{}'!${letters}$2:${letters}${}",
            lists_sheet_name(lang),
            list.values.len() + 1
        );
        // A warning, not a refusal: keys and ids are accepted too.
        let validation = DataValidation::new()
            .allow_list_formula(Formula::new(formula))
            .set_error_style(DataValidationErrorStyle::Warning);
        ws.add_data_validation(1, i as u16, LAST_ROW, i as u16, &validation)?;
    }
    Ok(())
}

/// What a pre-filled cell holds.
#[derive(Debug, Clone, PartialEq)]
pub enum CellOut {
    Text(String),
    Number(f64),
}

/// The cell of `column` for a record value (the inverse of reading it).
pub fn cell_out(
    column: &Column,
    record: &Value,
    departments: &[Department],
    lang: Lang,
) -> Option<CellOut> {
    let value = column.key.split('.').try_fold(record, |v, k| v.get(k))?;
    let texts = |v: &Value| -> Vec<String> {
        v.as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|x| x.as_str().map(str::to_string))
                    .collect()
            })
            .unwrap_or_default()
    };
    let list_separator = lang.pick("、", "; ");
    let text = match column.kind {
        Kind::Seq | Kind::Count(_) => return value.as_f64().map(CellOut::Number),
        Kind::File | Kind::Text | Kind::Code => value.as_str()?.to_string(),
        Kind::Lines => texts(value).join("\n"),
        Kind::Words => texts(value).join("、"),
        Kind::LegalBasis => legal_basis_text(value, lang),
        Kind::Bool => {
            let label = if value.as_bool()? {
                &YES_NO[0]
            } else {
                &YES_NO[1]
            };
            label.text(lang).to_string()
        }
        Kind::Choice(choices) => {
            let key = value.as_str()?;
            choices
                .labels()
                .iter()
                .find(|l| l.key == key)
                .map_or(key, |l| l.text(lang))
                .to_string()
        }
        Kind::ChoiceList(choices) => {
            let labels = choices.labels();
            let words: Vec<&str> = texts(value)
                .iter()
                .map(|k| {
                    labels
                        .iter()
                        .find(|l| l.key == k)
                        .map_or("", |l| l.text(lang))
                })
                .collect();
            words.join(list_separator)
        }
        Kind::Department => department_name(departments, value.as_str()?).to_string(),
        Kind::Departments => {
            let names: Vec<&str> = value
                .as_array()?
                .iter()
                .filter_map(Value::as_str)
                .map(|id| department_name(departments, id))
                .collect();
            names.join("、")
        }
    };
    (!text.is_empty()).then_some(CellOut::Text(text))
}

/// A department's name for its id; the text itself when the register does
/// not know it.
fn department_name<'a>(departments: &'a [Department], id: &'a str) -> &'a str {
    departments
        .iter()
        .find(|d| d.id == id)
        .map_or(id, |d| d.name.as_str())
}

/// How a setting basis (设定依据) starts its line in a cell; the import
/// reads either language's prefix (`crate::columns::basis_role_prefix`).
pub const SETTING_PREFIX: (&str, &str) = ("设定依据：", "Setting: ");

fn legal_basis_text(value: &Value, lang: Lang) -> String {
    let lines: Vec<String> = value
        .as_array()
        .into_iter()
        .flatten()
        .map(|b| {
            let title = b.get("title").and_then(Value::as_str).unwrap_or_default();
            let article = b.get("article").and_then(Value::as_str).unwrap_or_default();
            let prefix = match b.get("role").and_then(Value::as_str) {
                Some("setting") => lang.pick(SETTING_PREFIX.0, SETTING_PREFIX.1),
                _ => "",
            };
            format!("{prefix}{title}{article}")
        })
        .collect();
    lines.join("\n")
}

pub fn write_cell(
    ws: &mut Worksheet,
    row: u32,
    col: u16,
    cell: Option<CellOut>,
) -> Result<(), XlsxError> {
    match cell {
        Some(CellOut::Text(text)) => ws.write_string(row, col, text).map(|_| ()),
        Some(CellOut::Number(n)) => ws.write_number(row, col, n).map(|_| ()),
        None => Ok(()),
    }
}

/// Points per line of wrapped 11-point text, as LibreOffice and Excel lay
/// out a Chinese line.
const LINE_HEIGHT: f64 = 16.0;

/// The height a row needs to show every line of its wrapped cells: each
/// cell's lines, each wrapped at its column's width (a Chinese character
/// takes two width units, other characters one). `None` when one line is
/// enough (the sheet's default height).
pub fn fitted_height<'a>(cells: impl IntoIterator<Item = (f64, &'a str)>) -> Option<f64> {
    let lines = cells
        .into_iter()
        .map(|(width, text)| wrapped_lines(text, width))
        .max()
        .unwrap_or(1);
    // Excel's tallest row is 409 points; a longer cell scrolls.
    (lines > 1).then(|| (lines as f64 * LINE_HEIGHT).min(MAX_ROW_HEIGHT))
}

const MAX_ROW_HEIGHT: f64 = 409.0;

fn wrapped_lines(text: &str, width: f64) -> usize {
    // A little is lost to the cell's margins.
    let usable = (width - 1.0).max(1.0);
    text.split('\n')
        .map(|line| {
            let units: f64 = line
                .chars()
                .map(|c| if c.is_ascii() { 1.1 } else { 2.0 })
                .sum();
            ((units / usable).ceil() as usize).max(1)
        })
        .sum()
}

/// The fitted height of a row about to be written (see [`fitted_height`]).
pub fn row_height(columns: &[Column], cells: &[Option<CellOut>]) -> Option<f64> {
    fitted_height(
        columns
            .iter()
            .zip(cells)
            .filter_map(|(c, cell)| match cell {
                Some(CellOut::Text(text)) => Some((c.width, text.as_str())),
                _ => None,
            }),
    )
}

/// `A`, `B`, … `Z`, `AA` for a 0-based column.
pub fn column_letters(column: u32) -> String {
    let mut n = column + 1;
    let mut letters = Vec::new();
    while n > 0 {
        let rem = (n - 1) % 26;
        letters.push(char::from(b'A' + rem as u8));
        n = (n - 1) / 26;
    }
    letters.iter().rev().collect()
}

#[cfg(test)]
mod height_tests {
    use super::*;

    #[test]
    fn rows_grow_with_lines_and_wrapping() {
        assert_eq!(fitted_height([(20.0, "一行")]), None);
        assert_eq!(fitted_height([(20.0, "一\n二\n三")]), Some(48.0));
        // 30 Chinese characters in a column 20 wide: 60 units over 19 → 4 lines.
        let long = "汉".repeat(30);
        assert_eq!(
            fitted_height([(20.0, long.as_str()), (40.0, "a\nb")]),
            Some(64.0)
        );
        assert_eq!(fitted_height([]), None);
        let tall = "行\n".repeat(100);
        assert_eq!(fitted_height([(20.0, tall.as_str())]), Some(409.0));
    }
}
