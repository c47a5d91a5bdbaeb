//! Reading a workbook: xlsx (see [`super::xlsx`]) or csv (see
//! [`super::csv`]) into sheets of known columns (see [`super::grid`]), and
//! each cell read by its column's kind into a value of the record.

use std::io::Cursor;

use calamine::{Data, Reader, Xlsx};
use serde_json::{Value, json};

use crate::columns::{Choices, Column, Kind, Sheet, find_column, parse_bool};
use crate::finding::{Finding, Message, Severity};
use crate::model::Department;

use super::{RULE, cell_finding};

/// One cell as the workbook holds it.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Empty,
    Text(String),
    Number(f64),
    Bool(bool),
    /// A date or time cell, as the spreadsheet shows it (`2017-02-28`).
    Date(String),
    /// An error value (`#N/A`), a formula without a value: what it is.
    Unreadable {
        zh: &'static str,
        en: &'static str,
    },
}

impl Cell {
    /// A text cell: blank text is empty; line ends made `\n`.
    pub fn text_cell(s: &str) -> Cell {
        if s.trim().is_empty() {
            Cell::Empty
        } else {
            Cell::Text(s.replace("\r\n", "\n").replace('\r', "\n"))
        }
    }

    /// A cell as calamine read it (review workbooks).
    pub fn from_data(data: &Data) -> Cell {
        match data {
            Data::Empty => Cell::Empty,
            Data::String(s) if s.trim().is_empty() => Cell::Empty,
            Data::String(s) => Cell::Text(s.replace("\r\n", "\n").replace('\r', "\n")),
            Data::Float(f) => Cell::Number(*f),
            Data::Int(i) => Cell::Number(*i as f64),
            Data::Bool(b) => Cell::Bool(*b),
            Data::DateTime(_) | Data::DateTimeIso(_) | Data::DurationIso(_) => Cell::Unreadable {
                zh: "日期或时间",
                en: "a date or time",
            },
            Data::Error(_) => Cell::Unreadable {
                zh: "错误值",
                en: "an error value",
            },
        }
    }

    pub fn is_empty(&self) -> bool {
        *self == Cell::Empty
    }

    /// The cell as text, numbers without a trailing `.0`.
    pub fn text(&self) -> Option<String> {
        match self {
            Cell::Text(s) => Some(s.trim().to_string()),
            Cell::Number(f) => Some(number_text(*f)),
            Cell::Bool(b) => Some(b.to_string()),
            Cell::Empty | Cell::Date(_) | Cell::Unreadable { .. } => None,
        }
    }
}

fn number_text(f: f64) -> String {
    if f.fract() == 0.0 && f.abs() < 1e15 {
        format!("{}", f as i64)
    } else {
        f.to_string()
    }
}

/// Numbers from 10^15 on have lost digits: a double holds 15 of them.
const EXACT_DIGITS_LIMIT: f64 = 1e15;

/// One sheet of the workbook that is one of ours.
#[derive(Debug, Clone)]
pub struct SheetData {
    pub sheet: Sheet,
    /// The name as the workbook spells it (for cell names); empty for csv.
    pub name: String,
    /// The columns found, by 0-based column number.
    pub columns: Vec<(u32, &'static Column)>,
    pub rows: Vec<Row>,
}

impl SheetData {
    pub fn has(&self, key: &str) -> bool {
        self.columns.iter().any(|(_, c)| c.key == key)
    }
}

/// One non-empty row under the header.
#[derive(Debug, Clone)]
pub struct Row {
    /// 1-based, as the spreadsheet shows it.
    pub number: u32,
    /// The cells of the known columns: 0-based column number, column, cell.
    pub cells: Vec<(u32, &'static Column, Cell)>,
}

/// Why a workbook could not be read at all: a message for its finding.
#[derive(Debug, Clone)]
pub struct Unreadable(pub Message);

/// What a workbook file is, from its first bytes and its name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Xlsx,
    Csv,
    /// Excel 97-2003 (an OLE compound file).
    Xls,
}

pub fn format_of(bytes: &[u8], label: &str) -> Format {
    const OLE: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    if bytes.starts_with(OLE) {
        Format::Xls
    } else if !bytes.starts_with(b"PK") && label.to_lowercase().ends_with(".csv") {
        Format::Csv
    } else {
        Format::Xlsx
    }
}

/// Reads the sheets 事项, 申请材料 and 办理流程 (Chinese or English names) of
/// an xlsx workbook, or the 事项 columns of a csv file. Header problems
/// become findings; a sheet missing a required column is left out (its
/// rows cannot become records).
pub fn read_workbook(
    bytes: Vec<u8>,
    workbook: &str,
    findings: &mut Vec<Finding>,
) -> Result<Vec<SheetData>, Unreadable> {
    let sheets = match format_of(&bytes, workbook) {
        Format::Xls => return Err(Unreadable(Message::new("import.xls_workbook"))),
        Format::Csv => super::csv::read(&bytes, workbook, findings)?
            .into_iter()
            .collect(),
        Format::Xlsx => super::xlsx::read(bytes, workbook, findings)?,
    };
    Ok(sheets)
}

/// The finding for a workbook without a 事项 sheet, naming the sheets it has.
pub fn no_items_sheet(workbook: &str, names: &[String]) -> Finding {
    let message = Message::new("import.no_items_sheet").arg("sheets", names.join("、"));
    Finding::new(&RULE, message).in_file(workbook)
}

/// Opens an xlsx workbook held in memory.
pub fn open(bytes: Vec<u8>) -> Result<Xlsx<Cursor<Vec<u8>>>, Message> {
    // The zip-bomb guard of item workbooks applies to review workbooks too.
    super::xlsx::check_unpacked_size(&bytes, super::xlsx::MAX_UNPACKED_BYTES)
        .map_err(|Unreadable(message)| message)?;
    Xlsx::new(Cursor::new(bytes))
        .map_err(|e| Message::new("import.unreadable_file").arg("error", e.to_string()))
}

/// The columns found (sheet column, column) and the non-empty rows of a sheet.
pub type Table = (Vec<(u32, &'static Column)>, Vec<Row>);

/// The columns found and the non-empty rows of a sheet whose first row
/// holds headers of `table`. Header problems become findings; `None` when
/// a required column is missing.
pub fn read_table(
    table: &'static [Column],
    name: &str,
    range: &calamine::Range<Data>,
    workbook: &str,
    findings: &mut Vec<Finding>,
) -> Option<Table> {
    let (top, left) = range.start().unwrap_or((0, 0));
    let mut rows = range.rows();
    let header = rows.next().unwrap_or(&[]);
    let header_row = top + 1;
    let mut columns: Vec<(u32, &'static Column)> = Vec::new();
    for (i, data) in header.iter().enumerate() {
        let col = left + i as u32;
        let Some(text) = Cell::from_data(data).text() else {
            continue;
        };
        let at = |key| {
            cell_finding(
                &RULE,
                Severity::Warning,
                workbook,
                name,
                header_row,
                col,
                Message::new(key).arg("header", text.as_str()),
            )
        };
        match find_column(table, &text) {
            None => findings.push(at("import.unknown_header")),
            Some(c) if columns.iter().any(|(_, seen)| seen.key == c.key) => {
                findings.push(at("import.duplicate_header"))
            }
            Some(c) => columns.push((col, c)),
        }
    }
    if let Some(message) = missing_columns(table, &columns) {
        findings.push(cell_finding(
            &RULE,
            Severity::Error,
            workbook,
            name,
            header_row,
            left,
            message,
        ));
        return None;
    }
    let mut data_rows = Vec::new();
    for (offset, cells) in rows.enumerate() {
        let number = header_row + 1 + offset as u32;
        let row_cells: Vec<(u32, &'static Column, Cell)> = columns
            .iter()
            .map(|(col, column)| {
                let cell = cells
                    .get((col - left) as usize)
                    .map_or(Cell::Empty, Cell::from_data);
                (*col, *column, cell)
            })
            .collect();
        if row_cells.iter().all(|(_, _, c)| c.is_empty()) {
            continue;
        }
        data_rows.push(Row {
            number,
            cells: row_cells,
        });
    }
    Some((columns, data_rows))
}

/// The finding's message when the headers `found` lack required columns
/// of `table`.
pub fn missing_columns(table: &[Column], found: &[(u32, &Column)]) -> Option<Message> {
    let missing: Vec<&Column> = table
        .iter()
        .filter(|c| c.required && !found.iter().any(|(_, f)| f.key == c.key))
        .collect();
    (!missing.is_empty()).then(|| missing_columns_message(&missing))
}

/// `import.missing_columns`, naming these columns.
pub fn missing_columns_message(missing: &[&Column]) -> Message {
    let zh: Vec<&str> = missing.iter().map(|c| c.zh).collect();
    let en: Vec<&str> = missing.iter().map(|c| c.en).collect();
    Message::new("import.missing_columns").localized("columns", zh.join("、"), en.join(", "))
}

/// Why a cell could not be read: the message for its finding.
pub type CellProblem = Message;

/// Reads one cell by its column's kind. `Ok(None)` for an empty cell.
/// 实施主体 becomes the department's id.
pub fn cell_value(
    column: &Column,
    cell: &Cell,
    departments: &[Department],
) -> Result<Option<Value>, CellProblem> {
    let header = || (column.zh, column.en);
    let (h_zh, h_en) = header();
    match cell {
        Cell::Unreadable { zh, en } => {
            return Err(Message::new("import.unreadable_cell")
                .localized("column", h_zh, h_en)
                .localized("what", *zh, *en));
        }
        Cell::Date(shown) => {
            return Err(Message::new("import.date_cell")
                .localized("column", h_zh, h_en)
                .arg("value", shown.as_str()));
        }
        Cell::Number(_) if column.kind == Kind::Code => return Err(code_is_number(column, cell)),
        Cell::Text(text) if column.kind == Kind::Code && looks_like_a_rounded_number(text) => {
            return Err(code_is_number(column, cell));
        }
        Cell::Number(f)
            if f.abs() >= EXACT_DIGITS_LIMIT && !matches!(column.kind, Kind::Count(_)) =>
        {
            return Err(Message::new("import.number_lost_digits")
                .localized("column", h_zh, h_en)
                .arg("value", number_text(*f)));
        }
        _ => {}
    }
    let Some(text) = cell.text().filter(|t| !t.is_empty()) else {
        return Ok(None);
    };
    // Control characters could rewrite a reviewer's terminal: refused. Tab
    // and newline stay where a cell holds lines or free text (not a name).
    let lines_allowed = match column.kind {
        Kind::Lines
        | Kind::Words
        | Kind::LegalBasis
        | Kind::ChoiceList(_)
        | Kind::Qualifications => true,
        Kind::Text => column.key != "name",
        _ => false,
    };
    if let Some(c) = text.chars().find(|c| {
        crate::i18n::is_unsafe_control(*c) || (!lines_allowed && matches!(c, '\n' | '\t'))
    }) {
        return Err(Message::new("import.control_character")
            .localized("column", h_zh, h_en)
            .arg("char", format!("U+{:04X}", c as u32))
            .arg("value", crate::i18n::terminal_safe(&text).into_owned()));
    }
    let bad = |key: &'static str| {
        let (h_zh, h_en) = header();
        Message::new(key)
            .localized("column", h_zh, h_en)
            .arg("value", text.as_str())
    };
    let value = match column.kind {
        Kind::Seq | Kind::File | Kind::Text | Kind::Code => Value::String(text.clone()),
        Kind::Lines => list(lines(&text)),
        Kind::Words => list(words(&text)),
        Kind::LegalBasis => Value::Array(lines(&text).iter().map(|l| legal_basis(l)).collect()),
        Kind::Bool => Value::Bool(parse_bool(&text).ok_or_else(|| bad("import.bad_bool"))?),
        Kind::Count(min) => match whole_number(cell, &text) {
            Some(n) if n >= u64::from(min) => json!(n),
            _ => return Err(bad("import.bad_number").arg("min", u64::from(min))),
        },
        Kind::Choice(choices) => Value::String(
            choice(choices, &text)
                .ok_or_else(|| allowed(bad("import.bad_choice"), choices))?
                .into(),
        ),
        Kind::ChoiceList(choices) => {
            let mut keys = Vec::new();
            for word in words(&text) {
                let key = choice(choices, &word).ok_or_else(|| {
                    let (h_zh, h_en) = header();
                    allowed(
                        Message::new("import.bad_choice")
                            .localized("column", h_zh, h_en)
                            .arg("value", word.as_str()),
                        choices,
                    )
                })?;
                keys.push(Value::String(key.into()));
            }
            Value::Array(keys)
        }
        Kind::Department => match department(departments, &text) {
            Some(d) => Value::String(d.id.clone()),
            None => return Err(Message::new("department.unknown").arg("department", text.as_str())),
        },
        Kind::Departments => list(
            words(&text)
                .into_iter()
                .map(|w| department(departments, &w).map_or(w, |d| d.id.clone()))
                .collect(),
        ),
        Kind::Date => Value::String(date(&text).ok_or_else(|| bad("import.bad_date"))?),
        Kind::Issuer => {
            Value::String(department(departments, &text).map_or(text.clone(), |d| d.id.clone()))
        }
        Kind::Qualifications => {
            let mut out = Vec::new();
            for line in lines(&text) {
                out.push(qualification(&line).ok_or_else(|| {
                    let (h_zh, h_en) = header();
                    Message::new("import.bad_qualification")
                        .localized("column", h_zh, h_en)
                        .arg("value", line.as_str())
                })?);
            }
            Value::Array(out)
        }
    };
    Ok(match &value {
        Value::Array(items) if items.is_empty() => None,
        _ => Some(value),
    })
}

fn code_is_number(column: &Column, cell: &Cell) -> Message {
    Message::new("import.code_is_number")
        .localized("column", column.zh, column.en)
        .arg("value", cell.text().unwrap_or_default())
}

/// `2.03303E+15`: how Excel writes a long number into a csv file. As a
/// code it has lost its digits.
fn looks_like_a_rounded_number(text: &str) -> bool {
    let text = text.trim();
    let Some((mantissa, exponent)) = text.split_once(['E', 'e']) else {
        return false;
    };
    let exponent = exponent.strip_prefix('+').unwrap_or(exponent);
    !mantissa.is_empty()
        && mantissa.chars().all(|c| c.is_ascii_digit() || c == '.')
        && !exponent.is_empty()
        && exponent.chars().all(|c| c.is_ascii_digit())
}

fn choice(choices: Choices, text: &str) -> Option<&'static str> {
    choices.parse(text)
}

fn allowed(message: Message, choices: Choices) -> Message {
    let labels = choices.labels();
    let zh: Vec<&str> = labels.iter().map(|l| l.zh).collect();
    let en: Vec<&str> = labels.iter().map(|l| l.en).collect();
    message.localized("allowed", zh.join("、"), en.join(", "))
}

fn list(texts: Vec<String>) -> Value {
    Value::Array(texts.into_iter().map(Value::String).collect())
}

/// A calendar date as `YYYY-MM-DD`, from `2024-03-15`, `2024/3/15`,
/// `2024.3.15` or `2024年3月15日`; `None` for anything else (`2023-02-29`).
pub fn date(text: &str) -> Option<String> {
    let text = text.trim().trim_end_matches('日');
    let parts: Vec<&str> = text.split(['-', '/', '.', '年', '月']).collect();
    let [y, m, d] = parts.as_slice() else {
        return None;
    };
    let number = |s: &str, digits: std::ops::RangeInclusive<usize>| {
        (digits.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse::<u32>().ok())
            .flatten()
    };
    let (y, m, d) = (number(y, 4..=4)?, number(m, 1..=2)?, number(d, 1..=2)?);
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return None,
    };
    (1..=days)
        .contains(&d)
        .then(|| format!("{y:04}-{m:02}-{d:02}"))
}

/// One qualification line, as `book::qualification_line` writes it in
/// either language: `名称，证书编号，有效期 起始日 至 截止日`; the number and
/// the first day may be left out (`名称，有效期至 截止日`). `None` when the
/// validity is missing or not dates in order.
pub fn qualification(line: &str) -> Option<Value> {
    let parts: Vec<&str> = line.split(['，', ',']).map(str::trim).collect();
    let (validity, rest) = parts.split_last()?;
    let (name, number) = match rest {
        [] => return None,
        [name] => (name.to_string(), None),
        [names @ .., number] => (names.join("，"), Some(number.to_string())),
    };
    let lower = validity.to_lowercase();
    let validity = lower
        .strip_prefix("有效期")
        .or_else(|| lower.strip_prefix("valid"))?;
    let dates: Vec<String> = validity
        .split(|c: char| c.is_whitespace() || matches!(c, '至' | '～' | '~'))
        .filter(|t| !t.is_empty() && !matches!(*t, "to" | "until" | "from"))
        .map(date)
        .collect::<Option<_>>()?;
    let (from, until) = match dates.as_slice() {
        [until] => (None, until.clone()),
        [from, until] if from <= until => (Some(from.clone()), until.clone()),
        _ => return None,
    };
    if name.is_empty() || number.as_deref() == Some("") {
        return None;
    }
    let mut q = serde_json::Map::new();
    q.insert("name".into(), Value::String(name));
    if let Some(number) = number {
        q.insert("number".into(), Value::String(number));
    }
    if let Some(from) = from {
        q.insert("valid_from".into(), Value::String(from));
    }
    q.insert("valid_until".into(), Value::String(until));
    Some(Value::Object(q))
}

/// One value a line, blank lines dropped.
pub fn lines(text: &str) -> Vec<String> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect()
}

/// Values split on lines, `；`, `;` and `、`.
pub fn words(text: &str) -> Vec<String> {
    text.split(['\n', '；', ';', '、'])
        .map(str::trim)
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// `《title》article`: the title runs to the first `》`; what follows is the
/// article. A line without `》` is all title. A line starting with
/// `设定依据：` (or `Setting:`) is a setting basis; `实施依据：` (or
/// `Implementing:`) may start an implementing one.
pub fn legal_basis(line: &str) -> Value {
    let (role, line) = basis_role(line);
    let mut value = match line.find('》') {
        Some(end) => {
            let cut = end + '》'.len_utf8();
            let article = line[cut..].trim();
            if article.is_empty() {
                json!({"title": line[..cut].trim()})
            } else {
                json!({"title": line[..cut].trim(), "article": article})
            }
        }
        None => json!({"title": line}),
    };
    if let (Some(role), Value::Object(map)) = (role, &mut value) {
        map.insert("role".into(), role.into());
    }
    value
}

/// The role a line's prefix names (`setting`; `None` for implementing, the
/// default) and the rest of the line.
fn basis_role(line: &str) -> (Option<&'static str>, &str) {
    const PREFIXES: [(&str, Option<&str>); 4] = [
        ("设定依据", Some("setting")),
        ("setting", Some("setting")),
        ("实施依据", None),
        ("implementing", None),
    ];
    let trimmed = line.trim();
    for (prefix, role) in PREFIXES {
        let Some(head) = trimmed.get(..prefix.len()) else {
            continue;
        };
        if !head.eq_ignore_ascii_case(prefix) {
            continue;
        }
        let rest = trimmed[prefix.len()..].trim_start();
        if let Some(rest) = rest.strip_prefix('：').or_else(|| rest.strip_prefix(':')) {
            return (role, rest.trim());
        }
    }
    (None, trimmed)
}

fn whole_number(cell: &Cell, text: &str) -> Option<u64> {
    match cell {
        Cell::Number(f) if f.fract() == 0.0 && *f >= 0.0 && *f < 1e15 => Some(*f as u64),
        Cell::Number(_) => None,
        _ => text.parse().ok(),
    }
}

/// A department by id or by name.
pub fn department<'a>(departments: &'a [Department], text: &str) -> Option<&'a Department> {
    let text = text.trim();
    departments
        .iter()
        .find(|d| d.id == text)
        .or_else(|| departments.iter().find(|d| d.name.trim() == text))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_calendar_days() {
        assert_eq!(date("2024-03-15").as_deref(), Some("2024-03-15"));
        assert_eq!(date(" 2024/3/5 ").as_deref(), Some("2024-03-05"));
        assert_eq!(date("2024.12.31").as_deref(), Some("2024-12-31"));
        assert_eq!(date("2024年3月15日").as_deref(), Some("2024-03-15"));
        assert_eq!(date("2024-02-29").as_deref(), Some("2024-02-29"));
        for bad in [
            "2023-02-29",
            "2024-13-01",
            "2024-04-31",
            "24-03-15",
            "2024-03",
            "明年",
            "",
        ] {
            assert_eq!(date(bad), None, "{bad}");
        }
    }

    #[test]
    fn qualification_lines_read_back_in_both_languages() {
        use crate::book::qualification_line;
        use crate::i18n::Lang;
        use crate::model::Qualification;
        let full = Qualification {
            name: "测绘资质甲级（不动产测绘、工程测量）".into(),
            number: Some("甲测资字33500417".into()),
            valid_from: Some("2023-07-01".into()),
            valid_until: "2028-06-30".into(),
        };
        let bare = Qualification {
            number: None,
            valid_from: None,
            ..full.clone()
        };
        for q in [&full, &bare] {
            for lang in [Lang::Zh, Lang::En] {
                let line = qualification_line(q, lang);
                let back: Qualification =
                    serde_json::from_value(qualification(&line).unwrap()).unwrap();
                assert_eq!(&back, q, "{line}");
            }
        }
        assert_eq!(
            qualification("资质乙级, 乙字1号, valid from 2024-3-15 to 2029-03-14").unwrap(),
            json!({"name": "资质乙级", "number": "乙字1号",
                   "valid_from": "2024-03-15", "valid_until": "2029-03-14"})
        );
        for bad in [
            "测绘资质乙级",
            "测绘资质乙级，乙测资字2号",
            "测绘资质乙级，有效期",
            "测绘资质乙级，有效期 2029-03-14 至 2024-03-15",
            "测绘资质乙级，有效期 2023-02-29",
            "，有效期至 2029-03-14",
        ] {
            assert_eq!(qualification(bad), None, "{bad}");
        }
    }

    #[test]
    fn legal_basis_lines() {
        assert_eq!(
            legal_basis("《社会救助暂行办法》第四十七条"),
            json!({"title": "《社会救助暂行办法》", "article": "第四十七条"})
        );
        assert_eq!(legal_basis("《条例》"), json!({"title": "《条例》"}));
        assert_eq!(
            legal_basis("某某规定第一条"),
            json!({"title": "某某规定第一条"})
        );
        assert_eq!(
            legal_basis("设定依据：《社会救助暂行办法》第四条"),
            json!({"title": "《社会救助暂行办法》", "article": "第四条", "role": "setting"})
        );
        assert_eq!(
            legal_basis("Setting: 《条例》"),
            json!({"title": "《条例》", "role": "setting"})
        );
        assert_eq!(
            legal_basis("实施依据:《条例》第一条"),
            json!({"title": "《条例》", "article": "第一条"})
        );
    }

    #[test]
    fn control_characters_are_refused_tab_and_newline_kept_where_lines_are() {
        let column = |key: &str| {
            crate::columns::ITEM_COLUMNS
                .iter()
                .find(|c| c.key == key)
                .unwrap()
        };
        let read = |key: &str, text: &str| cell_value(column(key), &Cell::text_cell(text), &[]);
        let refused = read("name", "临时\u{1b}]8;;http://x\u{7}救助").unwrap_err();
        assert_eq!(refused.key, "import.control_character");
        let shown = crate::texts::text(crate::i18n::Lang::En, &refused);
        assert!(
            shown.contains("U+001B") && shown.contains("\\u{1b}"),
            "{shown}"
        );
        assert!(!shown.contains('\u{1b}'));
        assert!(read("name", "临时\n救助").is_err(), "a name is one line");
        assert!(read("name", "临时\u{202e}救助").is_err(), "bidi override");
        assert!(
            read("conditions", "一\n二\t三").is_ok(),
            "lines keep tab and newline"
        );
        assert!(read("conditions", "一\u{7f}").is_err());
    }

    #[test]
    fn splitting() {
        assert_eq!(
            words("自然人、法人；社会组织;\n其他组织 "),
            ["自然人", "法人", "社会组织", "其他组织"]
        );
        assert_eq!(lines("一\n\n 二 \n"), ["一", "二"]);
    }

    #[test]
    fn codes_may_not_be_number_cells() {
        let code = Sheet::Items.column_by_key("code");
        assert!(cell_value(code, &Cell::Number(2.0330300003001235e15), &[]).is_err());
        assert_eq!(
            cell_value(code, &Cell::Text("001".into()), &[]).unwrap(),
            Some(json!("001"))
        );
        let visits = Sheet::Items.column_by_key("visits");
        assert_eq!(
            cell_value(visits, &Cell::Number(1.0), &[]).unwrap(),
            Some(json!(1))
        );
        assert!(cell_value(visits, &Cell::Number(1.5), &[]).is_err());
        let copies = Sheet::Materials.column_by_key("copies");
        assert!(cell_value(copies, &Cell::Text("0".into()), &[]).is_err());
    }
}
