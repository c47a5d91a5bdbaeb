//! Writing xlsx workbooks, shared by the item template (`sheets`), review
//! workbooks (`review`) and exports (`export`): reproducible metadata,
//! annotated headers, drop-down lists drawn from a hidden sheet, and cells
//! by column kind.
//!
//! The layout of a sheet a person reads or prints is here too, as options a
//! writer applies: [`row_height`] (rows tall enough for every wrapped line:
//! neither LibreOffice nor Excel fits rows to text written by a library),
//! [`Styles`] (top-aligned wrapped text with borders, titles),
//! [`write_title`] (a title and a subtitle row above the headers),
//! [`PrintSetup`] (A4, landscape where wide, header rows on every page,
//! one page wide, footer 第 &P 页 共 &N 页) and [`protect`].

use rust_xlsxwriter::{
    DataValidation, DataValidationErrorStyle, DocProperties, ExcelDateTime, Format, FormatAlign,
    FormatBorder, Formula, Note, ProtectionOptions, Workbook, Worksheet, XlsxError,
};
use serde_json::Value;

use crate::columns::{Column, Kind, Label, YES_NO};
use crate::i18n::Lang;
use crate::model::{Department, Qualification};

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
/// frozen and the header repeated on printed pages), widths and cell
/// formats of `columns`, the print setup for their width.
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
    // Every text column wraps, top-aligned: rows are given the height of
    // their lines (`fit_row`), so long single-valued text shows whole too.
    let wrapped = Format::new()
        .set_num_format("@")
        .set_text_wrap()
        .set_align(FormatAlign::Top);
    let number = Format::new().set_align(FormatAlign::Top);
    for (i, column) in columns.iter().enumerate() {
        let col = i as u16;
        ws.set_column_width(col, column.width)?;
        match column.kind {
            // Numbers at the top of their row too, beside wrapped text.
            Kind::Seq | Kind::Count(_) => {
                ws.set_column_format(col, &number)?;
            }
            _ => {
                ws.set_column_format(col, &wrapped)?;
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
    let total: f64 = columns.iter().map(|c| c.width).sum();
    PrintSetup::for_width(total, Some((top, top))).apply(ws, lang)
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
        drop_down(ws, i as u16, list_col, list, lang)?;
    }
    Ok(())
}

/// A drop-down on column `col` below the header, drawn from column
/// `list_col` of the hidden sheet (which holds `list`).
pub fn drop_down(
    ws: &mut Worksheet,
    col: u16,
    list_col: usize,
    list: &ValueList,
    lang: Lang,
) -> Result<(), XlsxError> {
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
    ws.add_data_validation(1, col, LAST_ROW, col, &validation)?;
    Ok(())
}

/// The format of a cell people write in on a protected sheet: text,
/// wrapped, top-aligned, unlocked, on a pale yellow that tells it apart.
pub fn unlocked_format() -> Format {
    Format::new()
        .set_num_format("@")
        .set_text_wrap()
        .set_align(FormatAlign::Top)
        .set_unlocked()
        .set_background_color(0xFFF9E5)
}

/// Leaves the columns of `columns` whose keys are in `writable` editable
/// on a sheet [`protect`] guards: their cells (written without a format of
/// their own) take the column's format, wrapped text and unlocked.
pub fn unlock_columns(
    ws: &mut Worksheet,
    columns: &[Column],
    writable: &[&str],
) -> Result<(), XlsxError> {
    let unlocked = unlocked_format();
    for (i, column) in columns.iter().enumerate() {
        if writable.contains(&column.key) {
            ws.set_column_format(i as u16, &unlocked)?;
        }
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
        Kind::Date => value.as_str()?.to_string(),
        Kind::Issuer => department_name(departments, value.as_str()?).to_string(),
        Kind::Qualifications => {
            let lines: Vec<String> = value
                .as_array()?
                .iter()
                .filter_map(|q| match q {
                    Value::String(line) => Some(line.clone()),
                    Value::Object(_) => serde_json::from_value::<Qualification>(q.clone())
                        .ok()
                        .map(|q| qualification_line(&q, lang)),
                    _ => None,
                })
                .collect();
            lines.join("\n")
        }
    };
    (!text.is_empty()).then_some(CellOut::Text(text))
}

/// A qualification as one line of its cell:
/// `测绘资质乙级，乙测资字1号，有效期 2024-03-15 至 2029-03-14` (`sheets::read`
/// reads it back in either language).
pub fn qualification_line(q: &Qualification, lang: Lang) -> String {
    let mut parts = vec![q.name.clone()];
    if let Some(number) = &q.number {
        parts.push(number.clone());
    }
    let validity = match (&q.valid_from, lang) {
        (Some(from), Lang::Zh) => format!("有效期 {from} 至 {}", q.valid_until),
        (Some(from), Lang::En) => format!("valid {from} to {}", q.valid_until),
        (None, Lang::Zh) => format!("有效期至 {}", q.valid_until),
        (None, Lang::En) => format!("valid until {}", q.valid_until),
    };
    parts.push(validity);
    parts.join(lang.pick("，", ", "))
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

/// Display width of `text` in column-width units: CJK and other wide
/// characters count double, as they take two digit widths on screen.
pub fn display_width(text: &str) -> usize {
    text.chars().map(char_width).sum()
}

fn char_width(ch: char) -> usize {
    if (ch as u32) < 0x1100 { 1 } else { 2 }
}

/// Lines `text` takes in a column `width` units wide with wrapping on:
/// explicit line breaks, then greedy breaking — between any two wide
/// characters, at spaces within Latin text, inside a word too long for a
/// line. Errs towards one line too many: a row a little tall hides
/// nothing, one too short hides a line.
pub fn wrapped_lines(text: &str, width: f64) -> usize {
    // A cell keeps about a digit's width of padding. Wide characters are
    // two digits wide in Excel's CJK fonts, a little less in LibreOffice's.
    let room = (width - 1.0).floor().max(1.0) as usize;
    text.split('\n').map(|line| line_count(line, room)).sum()
}

fn line_count(line: &str, room: usize) -> usize {
    let mut lines = 1;
    let mut used = 0;
    for token in tokens(line) {
        let w = display_width(token);
        if used + w <= room {
            used += w;
        } else if token == " " {
            // A space at a break disappears.
            lines += 1;
            used = 0;
        } else if w <= room {
            lines += 1;
            used = w;
        } else {
            // A word wider than the line: broken where it fills.
            for ch in token.chars() {
                let cw = char_width(ch);
                if used + cw > room {
                    lines += 1;
                    used = 0;
                }
                used += cw;
            }
        }
    }
    lines
}

/// Wide characters one by one, runs of narrow non-space characters as
/// words, and single spaces.
fn tokens(line: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, ch) in line.char_indices() {
        let word_char = ch != ' ' && char_width(ch) == 1;
        if word_char {
            start.get_or_insert(i);
            continue;
        }
        if let Some(s) = start.take() {
            out.push(&line[s..i]);
        }
        out.push(&line[i..i + ch.len_utf8()]);
    }
    if let Some(s) = start {
        out.push(&line[s..]);
    }
    out
}

/// Points per line of 11-point text (Excel's default row is 15 points;
/// LibreOffice's CJK lines measured in the PDF of an export are shorter).
pub const LINE_HEIGHT: f64 = 15.0;
/// Excel's largest row height.
pub const MAX_ROW_HEIGHT: f64 = 409.0;

/// The height in points of a row holding `cells` (text, width of its
/// column), so that every wrapped line shows; `None` when one line is
/// enough and the default height serves.
pub fn row_height<'a>(cells: impl IntoIterator<Item = (&'a str, f64)>) -> Option<f64> {
    let lines = cells
        .into_iter()
        .map(|(text, width)| wrapped_lines(text, width))
        .max()
        .unwrap_or(1);
    (lines > 1).then(|| (lines as f64 * LINE_HEIGHT + 3.0).min(MAX_ROW_HEIGHT))
}

/// The text cells of a row of `columns` with their column widths, for
/// [`row_height`].
pub fn texts_and_widths<'a>(
    columns: &'a [Column],
    cells: &'a [Option<CellOut>],
) -> impl Iterator<Item = (&'a str, f64)> {
    columns
        .iter()
        .zip(cells)
        .filter_map(|(column, cell)| match cell {
            Some(CellOut::Text(text)) => Some((text.as_str(), column.width)),
            _ => None,
        })
}

/// Sets the height of `row` for `cells` (see [`row_height`]).
pub fn fit_row<'a>(
    ws: &mut Worksheet,
    row: u32,
    cells: impl IntoIterator<Item = (&'a str, f64)>,
) -> Result<(), XlsxError> {
    if let Some(height) = row_height(cells) {
        ws.set_row_height(row, height)?;
    }
    Ok(())
}

/// The formats of a sheet a person reads: bold shaded headers, text
/// top-aligned and wrapped, numbers centred, all with thin borders; a large
/// bold title and a plain subtitle.
pub struct Styles {
    pub header: Format,
    pub text: Format,
    pub number: Format,
    pub title: Format,
    pub subtitle: Format,
    /// A row standing for a group (a department in a list), bold on grey,
    /// not wrapped: the text runs on over the group row's empty cells.
    pub group: Format,
}

impl Styles {
    /// With borders (`bordered`) for printed tables, without for sheets
    /// people fill in.
    pub fn new(bordered: bool) -> Styles {
        let border = if bordered {
            FormatBorder::Thin
        } else {
            FormatBorder::None
        };
        let header = Format::new()
            .set_bold()
            .set_text_wrap()
            .set_align(FormatAlign::Center)
            .set_align(FormatAlign::VerticalCenter)
            .set_background_color(0xDDEBF7)
            .set_border(FormatBorder::Thin);
        // `@`: a cell typed into later stays text too.
        let text = Format::new()
            .set_num_format("@")
            .set_text_wrap()
            .set_align(FormatAlign::Top)
            .set_border(border);
        let number = Format::new()
            .set_align(FormatAlign::Top)
            .set_align(FormatAlign::Center)
            .set_border(border);
        let title = Format::new()
            .set_bold()
            .set_font_size(16)
            .set_align(FormatAlign::Center)
            .set_align(FormatAlign::VerticalCenter);
        let subtitle = Format::new()
            .set_align(FormatAlign::Center)
            .set_align(FormatAlign::VerticalCenter);
        let group = Format::new()
            .set_bold()
            .set_align(FormatAlign::VerticalCenter)
            .set_background_color(0xEDEDED)
            .set_border(border);
        Styles {
            header,
            text,
            number,
            title,
            subtitle,
            group,
        }
    }
}

/// A title row and, when there is one, a subtitle row from row 0, each
/// merged across `columns` columns; returns the first row after them.
pub fn write_title(
    ws: &mut Worksheet,
    columns: u16,
    title: &str,
    subtitle: Option<&str>,
    styles: &Styles,
) -> Result<u32, XlsxError> {
    let last = columns.saturating_sub(1);
    let mut row = 0;
    let mut line = |ws: &mut Worksheet, text: &str, format: &Format, height: f64| {
        if last == 0 {
            ws.write_string_with_format(row, 0, text, format)?;
        } else {
            ws.merge_range(row, 0, row, last, text, format)?;
        }
        ws.set_row_height(row, height)?;
        row += 1;
        Ok::<(), XlsxError>(())
    };
    line(ws, title, &styles.title, 30.0)?;
    if let Some(subtitle) = subtitle.filter(|s| !s.is_empty()) {
        line(ws, subtitle, &styles.subtitle, 20.0)?;
    }
    Ok(row)
}

/// Excel's paper size code for A4.
pub const A4: u8 = 9;

/// Columns wider than this (in width units, at 100%) do not fit an A4
/// portrait page: 210 mm less the margins is about 94 units.
pub const PORTRAIT_WIDTH: f64 = 94.0;

/// Columns wider than this do not fit an A4 landscape page at 100%.
pub const LANDSCAPE_WIDTH: f64 = 135.0;

/// Landscape pages a row of columns `total_width` wide needs at about
/// 100%: a sheet wider than a few pages is printed across pages rather
/// than shrunk until nobody can read it.
pub fn pages_wide(total_width: f64) -> u16 {
    (total_width / LANDSCAPE_WIDTH).ceil().clamp(1.0, 20.0) as u16
}

/// How a sheet prints.
pub struct PrintSetup {
    /// Landscape; see [`PrintSetup::for_width`].
    pub landscape: bool,
    /// Rows (first, last; 0-based) printed at the top of every page.
    pub repeat_rows: Option<(u32, u32)>,
    /// Shrink to one page wide (as many pages tall as it takes).
    pub fit_width: bool,
}

impl PrintSetup {
    /// Landscape when the columns (their widths summed) are wider than a
    /// portrait page; fitted to the page width.
    pub fn for_width(total_width: f64, repeat_rows: Option<(u32, u32)>) -> PrintSetup {
        PrintSetup {
            landscape: total_width > PORTRAIT_WIDTH,
            repeat_rows,
            fit_width: true,
        }
    }

    /// A4, the orientation, repeated rows, the fit, centred, narrow margins
    /// and the footer `第 &P 页 共 &N 页` (`Page &P of &N`).
    pub fn apply(&self, ws: &mut Worksheet, lang: Lang) -> Result<(), XlsxError> {
        ws.set_paper_size(A4);
        if self.landscape {
            ws.set_landscape();
        } else {
            ws.set_portrait();
        }
        if let Some((first, last)) = self.repeat_rows {
            ws.set_repeat_rows(first, last)?;
        }
        if self.fit_width {
            ws.set_print_fit_to_pages(1, 0);
        }
        ws.set_print_center_horizontally(true);
        ws.set_margins(0.5, 0.5, 0.6, 0.6, 0.3, 0.3);
        ws.set_footer(lang.pick("&C第 &P 页 共 &N 页", "&CPage &P of &N"));
        Ok(())
    }
}

/// Protects `ws` against edits (no password: a guard against slips, not a
/// lock) while filtering, sorting, resizing and selecting stay allowed.
/// Cells written with a format from `Format::set_unlocked` stay editable.
pub fn protect(ws: &mut Worksheet) {
    let options = ProtectionOptions {
        format_columns: true,
        format_rows: true,
        sort: true,
        use_autofilter: true,
        ..ProtectionOptions::default()
    };
    ws.protect_with_options(&options);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wide_characters_count_double() {
        assert_eq!(display_width("IC卡"), 4);
        assert_eq!(display_width("居民身份证"), 10);
        assert_eq!(display_width("ａ"), 2);
    }

    #[test]
    fn lines_of_wrapped_text() {
        // 10 CJK characters, 20 units: a 12-wide column holds 5 a line
        // (a unit of padding), an 8-wide one 3.
        assert_eq!(wrapped_lines("居民身份证居民身份证", 12.0), 2);
        assert_eq!(wrapped_lines("居民身份证居民身份证", 8.0), 4);
        assert_eq!(wrapped_lines("短", 12.0), 1);
        assert_eq!(wrapped_lines("一\n二\n三", 40.0), 3);
        assert_eq!(wrapped_lines("", 10.0), 1);
        // Latin text breaks at spaces: "aaaa bbbb" in 7 units of room.
        assert_eq!(wrapped_lines("aaaa bbbb", 8.0), 2);
        // A word longer than the line is broken inside.
        assert_eq!(wrapped_lines("aaaaaaaaaaaaaaaaaaaa", 8.0), 3);
    }

    #[test]
    fn rows_are_as_tall_as_their_tallest_cell() {
        assert_eq!(row_height([("一行", 20.0), ("也是一行", 20.0)]), None);
        let two = row_height([("一\n二", 20.0), ("x", 5.0)]).unwrap();
        let three = row_height([("一\n二\n三", 20.0)]).unwrap();
        assert!(two >= 2.0 * 15.0 && three > two, "{two} {three}");
        let huge = "行\n".repeat(500);
        assert_eq!(row_height([(huge.as_str(), 20.0)]), Some(MAX_ROW_HEIGHT));
    }

    #[test]
    fn wide_sheets_print_across_pages() {
        assert_eq!(pages_wide(80.0), 1);
        assert_eq!(pages_wide(LANDSCAPE_WIDTH + 1.0), 2);
        assert_eq!(pages_wide(1e9), 20);
    }

    #[test]
    fn landscape_only_when_wide() {
        assert!(!PrintSetup::for_width(80.0, None).landscape);
        assert!(PrintSetup::for_width(150.0, Some((0, 0))).landscape);
    }
}
