//! Register workbooks (docs/registers.md, docs/workbooks.md): the registers
//! of `registers/` (材料目录, 法律法规库, 证明事项, 收费目录清单, 承揽机构名录)
//! and the 中介服务事项 of `intermediaries/`, written pre-filled by
//! `template --register NAME` and read back by `import`, which recognises
//! such a workbook by its sheet names. A register is imported whole: its
//! sheet is the register, and a register with one bad row is not written
//! (an entry is never dropped because its row could not be read).

use std::collections::HashMap;

use rust_xlsxwriter::XlsxError;
use serde_json::{Map, Value};

use crate::book::{
    ValueList, add_drop_downs, add_lists_sheet, cell_out, fit_row, new_workbook, texts_and_widths,
    write_cell, write_headers,
};
use crate::catalog::Catalog;
use crate::columns::{
    AGENCY_COLUMNS, CANCELLED_PROOF_COLUMNS, Column, INTERMEDIARY_COLUMNS, Kind,
    REGISTER_FEE_COLUMNS, REGISTER_LAW_COLUMNS, REGISTER_MATERIAL_COLUMNS, RETAINED_PROOF_COLUMNS,
    normalize_header,
};
use crate::finding::{Finding, Message, Severity};
use crate::i18n::Lang;
use crate::model::intermediary::{AGENCY_KEYS, INTERMEDIARY_KEYS, QUALIFICATION_KEYS};
use crate::model::{Agencies, Department, Fees, Intermediary, Laws, Materials, Proofs};
use crate::source::Source;
use crate::yaml;
use crate::yaml::write::{Layout, document_text, list_document_text};

use super::import::{Action, Plan, Planned, RowRef};
use super::read::{self, Cell, Row};
use super::{RULE, cell_finding, merge};

/// The workbooks `template --register NAME` (and `--intermediaries`) write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Book {
    Materials,
    Laws,
    Proofs,
    Fees,
    Agencies,
    /// 中介服务事项 with the 承揽机构 sheet.
    Intermediaries,
}

impl Book {
    /// The file `template` writes when not told otherwise.
    pub fn default_file(self) -> &'static str {
        match self {
            Book::Materials => "材料目录.xlsx",
            Book::Laws => "法律法规库.xlsx",
            Book::Proofs => "证明事项.xlsx",
            Book::Fees => "收费目录清单.xlsx",
            Book::Agencies => "承揽机构名录.xlsx",
            Book::Intermediaries => "中介服务事项.xlsx",
        }
    }

    pub fn sheets(self) -> &'static [&'static RegisterSheet] {
        match self {
            Book::Materials => &[&MATERIALS],
            Book::Laws => &[&LAWS],
            Book::Proofs => &[&CANCELLED, &RETAINED],
            Book::Fees => &[&FEES],
            Book::Agencies => &[&AGENCIES],
            Book::Intermediaries => &[&INTERMEDIARIES, &AGENCIES],
        }
    }
}

/// Where a sheet's rows go.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// A register file; its list at this key (`None`: the file is the list).
    Register(RegisterFile, Option<&'static str>),
    /// One `intermediaries/<id>.yaml` per row.
    Intermediaries,
}

/// A register file and how it is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RegisterFile {
    Materials,
    Laws,
    Proofs,
    Fees,
    Agencies,
}

impl RegisterFile {
    pub fn file(self) -> &'static str {
        match self {
            RegisterFile::Materials => "registers/materials.yaml",
            RegisterFile::Laws => "registers/laws.yaml",
            RegisterFile::Proofs => "registers/proofs.yaml",
            RegisterFile::Fees => "registers/fees.yaml",
            RegisterFile::Agencies => "registers/agencies.yaml",
        }
    }

    fn layout(self) -> Layout {
        let modeline = match self {
            RegisterFile::Materials => {
                "# yaml-language-server: $schema=../schemas/materials.schema.json\n"
            }
            RegisterFile::Laws => "# yaml-language-server: $schema=../schemas/laws.schema.json\n",
            RegisterFile::Proofs => {
                "# yaml-language-server: $schema=../schemas/proofs.schema.json\n"
            }
            RegisterFile::Fees => "# yaml-language-server: $schema=../schemas/fees.schema.json\n",
            RegisterFile::Agencies => {
                "# yaml-language-server: $schema=../schemas/agencies.schema.json\n"
            }
        };
        let key_order: fn(&[&str]) -> &'static [&'static str] = match self {
            RegisterFile::Materials => {
                |_| &["name", "aliases", "kind", "issuer", "shareable", "system"]
            }
            RegisterFile::Laws => |_| {
                &[
                    "title",
                    "level",
                    "number",
                    "issuer",
                    "effective",
                    "repealed",
                ]
            },
            RegisterFile::Proofs => |path| match path {
                [] => &["cancelled", "retained"],
                ["cancelled", ..] => &["name", "aliases", "act", "source"],
                _ => &["name", "aliases", "basis", "issuer"],
            },
            RegisterFile::Fees => |_| &["name", "department", "standard", "basis", "pricing"],
            RegisterFile::Agencies => |path| match path {
                ["qualifications", ..] => QUALIFICATION_KEYS,
                _ => AGENCY_KEYS,
            },
        };
        Layout {
            modeline,
            key_order,
        }
    }

    /// The register as its model reads it, back as a value: what two
    /// spellings of one register have in common (an empty list, a
    /// `shareable: false` are no value).
    fn canonical(self, value: Value) -> Result<Value, String> {
        fn via<T: serde::de::DeserializeOwned + serde::Serialize>(
            value: Value,
        ) -> Result<Value, String> {
            let typed: T = serde_json::from_value(value).map_err(|e| e.to_string())?;
            Ok(serde_json::to_value(typed).expect("registers serialize"))
        }
        match self {
            RegisterFile::Materials => via::<Materials>(value),
            RegisterFile::Laws => via::<Laws>(value),
            RegisterFile::Proofs => via::<Proofs>(value),
            RegisterFile::Fees => via::<Fees>(value),
            RegisterFile::Agencies => via::<Agencies>(value),
        }
    }
}

/// One sheet of a register workbook.
#[derive(Debug)]
pub struct RegisterSheet {
    pub zh: &'static str,
    pub en: &'static str,
    pub columns: &'static [Column],
    pub target: Target,
}

impl RegisterSheet {
    pub fn name(&self, lang: Lang) -> &'static str {
        lang.pick(self.zh, self.en)
    }
    /// The key that names an entry (`title` of a law, `name` elsewhere).
    fn identity(&self) -> &'static str {
        self.columns[0].key
    }
}

const fn sheet(
    zh: &'static str,
    en: &'static str,
    columns: &'static [Column],
    target: Target,
) -> RegisterSheet {
    RegisterSheet {
        zh,
        en,
        columns,
        target,
    }
}

use RegisterFile as F;
pub const MATERIALS: RegisterSheet = sheet(
    "材料目录",
    "Material register",
    REGISTER_MATERIAL_COLUMNS,
    Target::Register(F::Materials, None),
);
pub const LAWS: RegisterSheet = sheet(
    "法律法规库",
    "Law register",
    REGISTER_LAW_COLUMNS,
    Target::Register(F::Laws, None),
);
pub const CANCELLED: RegisterSheet = sheet(
    "已取消的证明",
    "Cancelled proofs",
    CANCELLED_PROOF_COLUMNS,
    Target::Register(F::Proofs, Some("cancelled")),
);
pub const RETAINED: RegisterSheet = sheet(
    "保留的证明事项",
    "Retained proofs",
    RETAINED_PROOF_COLUMNS,
    Target::Register(F::Proofs, Some("retained")),
);
pub const FEES: RegisterSheet = sheet(
    "收费目录清单",
    "Fee register",
    REGISTER_FEE_COLUMNS,
    Target::Register(F::Fees, None),
);
pub const AGENCIES: RegisterSheet = sheet(
    "承揽机构",
    "Agencies",
    AGENCY_COLUMNS,
    Target::Register(F::Agencies, None),
);
pub const INTERMEDIARIES: RegisterSheet = sheet(
    "中介服务事项",
    "Intermediary services",
    INTERMEDIARY_COLUMNS,
    Target::Intermediaries,
);

const ALL_SHEETS: [&RegisterSheet; 7] = [
    &MATERIALS,
    &LAWS,
    &CANCELLED,
    &RETAINED,
    &FEES,
    &AGENCIES,
    &INTERMEDIARIES,
];

/// The register sheet a workbook's sheet name stands for, Chinese or English.
pub fn sheet_named(name: &str) -> Option<&'static RegisterSheet> {
    let name = normalize_header(name);
    ALL_SHEETS
        .into_iter()
        .find(|s| normalize_header(s.zh) == name || normalize_header(s.en) == name)
}

const INTERMEDIARY_MODELINE: &str =
    "# yaml-language-server: $schema=../schemas/intermediary.schema.json\n";

fn intermediary_layout() -> Layout {
    Layout {
        modeline: INTERMEDIARY_MODELINE,
        key_order: |_| INTERMEDIARY_KEYS,
    }
}

/// A register file as the catalog holds it: its value, `None` when absent.
/// A file that does not read as YAML is an error naming it.
pub fn register_value(source: &dyn Source, file: RegisterFile) -> Result<Option<Value>, Message> {
    let Ok(text) = source.read_text(file.file()) else {
        return Ok(None);
    };
    match yaml::parse(&text) {
        Ok(doc) => Ok(doc.map(|d| d.value)),
        Err(e) => Err(Message::new("import.register_unreadable")
            .arg("file", file.file())
            .arg("line", u64::from(e.pos.line))),
    }
}

/// The records a sheet shows: the register's list, or each service with
/// its id.
fn sheet_records(
    sheet: &RegisterSheet,
    source: &dyn Source,
    catalog: &Catalog,
) -> Result<Vec<Value>, Message> {
    match sheet.target {
        Target::Register(file, key) => {
            let value = register_value(source, file)?;
            let list = match (value, key) {
                (Some(Value::Array(list)), None) => list,
                (Some(Value::Object(mut map)), Some(key)) => match map.remove(key) {
                    Some(Value::Array(list)) => list,
                    _ => Vec::new(),
                },
                _ => Vec::new(),
            };
            Ok(list)
        }
        Target::Intermediaries => Ok(catalog
            .intermediaries
            .iter()
            .map(|s| {
                let mut record = serde_json::to_value(&s.record).expect("records serialize");
                record["id"] = Value::from(s.id.as_str());
                record
            })
            .collect()),
    }
}

/// The workbook of `book`, pre-filled with the catalog's entries (headers
/// and drop-downs only where a register is absent). Returns the bytes and
/// the number of rows written.
pub fn workbook(
    book: Book,
    source: &dyn Source,
    catalog: &Catalog,
    lang: Lang,
) -> Result<Result<(Vec<u8>, usize), XlsxError>, Message> {
    let mut sheets = Vec::new();
    for sheet in book.sheets() {
        sheets.push((*sheet, sheet_records(sheet, source, catalog)?));
    }
    Ok(write_book(&sheets, &catalog.departments, lang))
}

fn write_book(
    sheets: &[(&RegisterSheet, Vec<Value>)],
    departments: &[Department],
    lang: Lang,
) -> Result<(Vec<u8>, usize), XlsxError> {
    let mut book = new_workbook()?;
    let lists = value_lists(sheets.iter().map(|(s, _)| *s), departments, lang);
    let mut count = 0;
    for (sheet, records) in sheets {
        let ws = book.add_worksheet();
        ws.set_name(sheet.name(lang))?;
        write_headers(ws, sheet.columns, lang, 0)?;
        add_drop_downs(ws, sheet.columns, lang, &lists)?;
        for (i, record) in records.iter().enumerate() {
            let row = i as u32 + 1;
            let cells: Vec<_> = sheet
                .columns
                .iter()
                .map(|column| cell_out(column, record, departments, lang))
                .collect();
            fit_row(ws, row, texts_and_widths(sheet.columns, &cells))?;
            for (c, cell) in cells.into_iter().enumerate() {
                write_cell(ws, row, c as u16, cell)?;
            }
        }
        count += records.len();
    }
    add_lists_sheet(&mut book, lang, &lists)?;
    Ok((book.save_to_buffer()?, count))
}

fn value_lists<'a>(
    sheets: impl Iterator<Item = &'a RegisterSheet>,
    departments: &[Department],
    lang: Lang,
) -> Vec<ValueList> {
    let mut lists: Vec<ValueList> = Vec::new();
    for sheet in sheets {
        for column in sheet.columns {
            let list = match column.kind {
                Kind::Choice(_) => ValueList::of_choices(column, lang),
                Kind::Bool => ValueList::yes_no(lang),
                Kind::Department => ValueList {
                    kind: Kind::Department,
                    header: column.header(lang).to_string(),
                    values: departments.iter().map(|d| d.name.clone()).collect(),
                },
                _ => continue,
            };
            if !lists.iter().any(|l| l.kind == list.kind) {
                lists.push(list);
            }
        }
    }
    lists
}

/// Whether an xlsx workbook is a register workbook: `Some` when a sheet of
/// it is named as one of ours, saying whether it has an item sheet (事项)
/// too. Read from the workbook's list of sheets only.
pub fn register_workbook(bytes: &[u8]) -> Option<bool> {
    use calamine::Reader;
    if !bytes.starts_with(b"PK")
        || super::xlsx::check_unpacked_size(bytes, super::xlsx::MAX_UNPACKED_BYTES).is_err()
    {
        return None;
    }
    let names = match super::xlsx::sheet_names(bytes) {
        Some(names) => names,
        // A workbook.xml our scan does not read: calamine's reading decides.
        None => calamine::Xlsx::new(std::io::Cursor::new(bytes))
            .ok()?
            .sheet_names(),
    };
    names.iter().any(|n| sheet_named(n).is_some()).then(|| {
        names
            .iter()
            .any(|n| crate::columns::Sheet::from_name(n) == Some(crate::columns::Sheet::Items))
    })
}

/// One register sheet read: its columns and rows as records.
struct ReadSheet {
    sheet: &'static RegisterSheet,
    name: String,
    columns: Vec<(u32, &'static Column)>,
    /// Each row's place and record; `None` for a row that was not read.
    rows: Vec<(RowRef, Option<Map<String, Value>>)>,
    /// False when reading stopped at the row or cell limit.
    complete: bool,
}

/// Plans the files a register workbook writes, into `plan`.
pub fn plan_workbook(
    catalog: &Catalog,
    source: &dyn Source,
    label: &str,
    bytes: Vec<u8>,
    force: bool,
    plan: &mut Plan,
) {
    use calamine::Reader;
    let mut xlsx = match read::open(bytes) {
        Ok(x) => x,
        Err(message) => {
            plan.findings
                .push(super::import::unreadable(label, message));
            plan.unreadable.push(label.to_string());
            return;
        }
    };
    let mut sheets: Vec<ReadSheet> = Vec::new();
    for name in xlsx.sheet_names() {
        let Some(sheet) = sheet_named(&name) else {
            continue;
        };
        if sheets.iter().any(|s| s.sheet.zh == sheet.zh) {
            continue;
        }
        let Some(SheetRead {
            columns,
            rows,
            complete,
        }) = read_sheet(&mut xlsx, sheet.columns, &name, label, plan)
        else {
            continue;
        };
        let rows = rows
            .into_iter()
            .map(|row| {
                let at = RowRef {
                    workbook: label.to_string(),
                    sheet: name.clone(),
                    row: row.number,
                };
                let record = row_record(&row, &name, label, &catalog.departments, plan);
                if record.is_none() {
                    plan.skipped.push(at.clone());
                }
                (at, record)
            })
            .collect();
        sheets.push(ReadSheet {
            sheet,
            name,
            columns,
            rows,
            complete,
        });
    }
    let mut files: Vec<RegisterFile> = Vec::new();
    for s in &sheets {
        if let Target::Register(file, _) = s.sheet.target
            && !files.contains(&file)
        {
            files.push(file);
        }
    }
    for file in files {
        let own: Vec<&ReadSheet> = sheets
            .iter()
            .filter(|s| matches!(s.sheet.target, Target::Register(f, _) if f == file))
            .collect();
        plan_register(source, label, file, &own, force, plan);
    }
    if let Some(s) = sheets
        .iter()
        .find(|s| s.sheet.target == Target::Intermediaries)
    {
        plan_intermediaries(catalog, source, label, s, force, plan);
    }
}

/// The columns and rows of a register sheet, read cell by cell (never as
/// a grid sized by the sheet's extent: a last cell at XFD1048576 costs
/// nothing), within the import's row and cell limits. The header is the
/// sheet's first row with a cell; `None` (with a finding) when a required
/// column is missing or the sheet cannot be read.
fn read_sheet(
    xlsx: &mut calamine::Xlsx<std::io::Cursor<Vec<u8>>>,
    table: &'static [Column],
    name: &str,
    label: &str,
    plan: &mut Plan,
) -> Option<SheetRead> {
    let limits = super::grid::limits();
    let unreadable = |e: String| {
        let message = Message::new("import.unreadable_file").arg("error", e);
        let mut finding = Finding::new(&RULE, message).in_file(label);
        finding.path = Some(name.to_string());
        finding
    };
    let mut reader = match super::xlsx::cells_reader(xlsx, name) {
        Ok(reader) => reader,
        Err(e) => {
            plan.findings.push(unreadable(e));
            return None;
        }
    };
    let mut header: Option<u32> = None;
    let mut columns: Vec<(u32, &'static Column)> = Vec::new();
    let mut rows: Vec<Row> = Vec::new();
    let mut seen: u64 = 0;
    let mut cut: Option<(u32, &'static str, u64)> = None;
    loop {
        let record = match super::xlsx::next_cell(&mut reader) {
            Ok(Some(record)) => record,
            Ok(None) => break,
            Err(e) => {
                plan.findings.push(unreadable(e));
                return None;
            }
        };
        let (row, col) = record.pos;
        seen += 1;
        if seen > limits.cells {
            cut = Some((row + 1, "import.too_many_cells", limits.cells));
            break;
        }
        let cell = super::xlsx::cell(&record.value, record.formula.is_some());
        if cell.is_empty() {
            continue;
        }
        let header_row = *header.get_or_insert(row);
        if row == header_row {
            let Some(text) = cell.text() else { continue };
            let warn = |key: &'static str| {
                let message = Message::new(key).arg("header", text.as_str());
                cell_finding(&RULE, Severity::Warning, label, name, row + 1, col, message)
            };
            match crate::columns::find_column(table, &text) {
                None => plan.findings.push(warn("import.unknown_header")),
                Some(c) if columns.iter().any(|(_, seen)| seen.key == c.key) => {
                    plan.findings.push(warn("import.duplicate_header"))
                }
                Some(c) => columns.push((col, c)),
            }
            continue;
        }
        let Some(&(_, column)) = columns.iter().find(|(c, _)| *c == col) else {
            continue;
        };
        if let Some(last) = rows.last_mut().filter(|last| last.number == row + 1) {
            last.cells.push((col, column, cell));
            continue;
        }
        if rows.len() as u64 >= u64::from(limits.rows) {
            cut = Some((row + 1, "import.too_many_rows", u64::from(limits.rows)));
            break;
        }
        rows.push(Row {
            number: row + 1,
            cells: vec![(col, column, cell)],
        });
    }
    let header_row = header.unwrap_or(0) + 1;
    let complete = cut.is_none();
    if let Some((row, key, limit)) = cut {
        let message = Message::new(key)
            .arg("row", u64::from(row))
            .arg("limit", limit);
        plan.findings.push(cell_finding(
            &RULE,
            Severity::Error,
            label,
            name,
            row,
            0,
            message,
        ));
    }
    if let Some(message) = read::missing_columns(table, &columns) {
        plan.findings.push(cell_finding(
            &RULE,
            Severity::Error,
            label,
            name,
            header_row,
            0,
            message,
        ));
        return None;
    }
    // Every row holds every known column, an empty cell where none was.
    for row in &mut rows {
        let mut cells = std::mem::take(&mut row.cells);
        row.cells = columns
            .iter()
            .map(|&(col, column)| {
                let at = cells.iter().position(|(c, _, _)| *c == col);
                let cell = at.map_or(Cell::Empty, |i| cells.swap_remove(i).2);
                (col, column, cell)
            })
            .collect();
    }
    Some(SheetRead {
        columns,
        rows,
        complete,
    })
}

/// A register sheet as [`read_sheet`] found it.
struct SheetRead {
    columns: Vec<(u32, &'static Column)>,
    rows: Vec<Row>,
    /// False when reading stopped at the row or cell limit.
    complete: bool,
}

/// A row's record: each cell read by its column's kind; `None` (with a
/// finding per bad cell) when a cell cannot be read or a required one is
/// empty.
fn row_record(
    row: &Row,
    sheet: &str,
    label: &str,
    departments: &[Department],
    plan: &mut Plan,
) -> Option<Map<String, Value>> {
    let mut record = Map::new();
    let mut ok = true;
    for (col, column, cell) in &row.cells {
        // A date cell in a date column is the date it shows.
        let date_cell;
        let cell = match (column.kind, cell) {
            (Kind::Date, Cell::Date(shown)) => {
                date_cell = Cell::Text(shown.clone());
                &date_cell
            }
            _ => cell,
        };
        let problem = match read::cell_value(column, cell, departments) {
            Ok(Some(value)) => {
                record.insert(column.key.to_string(), value);
                None
            }
            Ok(None) if column.required => {
                Some(Message::new("import.required_cell").localized("column", column.zh, column.en))
            }
            Ok(None) => None,
            Err(message) => Some(message),
        };
        if let Some(message) = problem {
            ok = false;
            plan.findings.push(cell_finding(
                &RULE,
                Severity::Error,
                label,
                sheet,
                row.number,
                *col,
                message,
            ));
        }
    }
    ok.then_some(record)
}

/// The text of the file before its first entry: the modeline and the
/// comments, kept when the file is re-written.
fn leading_comments(text: &str) -> String {
    let mut out = String::new();
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim();
        if !(trimmed.is_empty() || trimmed.starts_with('#')) {
            break;
        }
        out.push_str(line);
    }
    out
}

/// Entries of `old` by identity, to carry the keys the sheet has no
/// column for.
fn carry_keys(
    new: &mut [Map<String, Value>],
    old: &[Value],
    sheet: &RegisterSheet,
    columns: &[(u32, &'static Column)],
) {
    let identity = sheet.identity();
    let by_name: HashMap<String, &Map<String, Value>> = old
        .iter()
        .filter_map(Value::as_object)
        .filter_map(|m| Some((name_key(m.get(identity)?.as_str()?), m)))
        .collect();
    for entry in new {
        let Some(old) = entry
            .get(identity)
            .and_then(Value::as_str)
            .and_then(|n| by_name.get(&name_key(n)))
        else {
            continue;
        };
        for (key, value) in old.iter() {
            let carried = columns.iter().any(|(_, c)| c.key == key);
            if !carried && !entry.contains_key(key) {
                entry.insert(key.clone(), value.clone());
            }
        }
    }
}

fn name_key(name: &str) -> String {
    crate::model::names::normalize(name)
}

fn plan_register(
    source: &dyn Source,
    label: &str,
    file: RegisterFile,
    sheets: &[&ReadSheet],
    force: bool,
    plan: &mut Plan,
) {
    let path = file.file();
    let bad_rows = sheets
        .iter()
        .flat_map(|s| &s.rows)
        .filter(|(_, r)| r.is_none())
        .count();
    let first = sheets[0];
    let from = RowRef {
        workbook: label.to_string(),
        sheet: first.name.clone(),
        row: 1,
    };
    let file_finding = |plan: &mut Plan, message: Message| {
        let mut finding = Finding::new(&RULE, message).in_file(label);
        finding.path = Some(first.name.clone());
        plan.findings.push(finding);
    };
    if let Some(earlier) = plan.planned.iter().find(|p| p.file == path) {
        let message = Message::new("import.file_twice")
            .arg("file", path)
            .arg("first", earlier.from.full());
        file_finding(plan, message);
        return;
    }
    if sheets.iter().any(|s| !s.complete) {
        let message = Message::new("import.register_incomplete").arg("file", path);
        file_finding(plan, message);
        return;
    }
    if bad_rows > 0 {
        let message = Message::new("import.register_not_written")
            .arg("file", path)
            .arg("count", bad_rows as u64);
        file_finding(plan, message);
        return;
    }
    let old = match register_value(source, file) {
        Ok(old) => old,
        Err(message) => {
            file_finding(plan, message);
            return;
        }
    };
    let old_list = |key: Option<&str>| -> Vec<Value> {
        match (&old, key) {
            (Some(Value::Array(list)), None) => list.clone(),
            (Some(Value::Object(map)), Some(key)) => map
                .get(key)
                .and_then(Value::as_array)
                .cloned()
                .unwrap_or_default(),
            _ => Vec::new(),
        }
    };
    let mut lists: Vec<(Option<&str>, Vec<Value>)> = Vec::new();
    for s in sheets {
        let Target::Register(_, key) = s.sheet.target else {
            continue;
        };
        let mut entries: Vec<Map<String, Value>> =
            s.rows.iter().filter_map(|(_, r)| r.clone()).collect();
        carry_keys(&mut entries, &old_list(key), s.sheet, &s.columns);
        lists.push((key, entries.into_iter().map(Value::Object).collect()));
    }
    let value = match lists.as_slice() {
        [(None, list)] => Value::Array(list.clone()),
        _ => {
            // 证明事项: a list the workbook has no sheet for stays.
            let mut map = Map::new();
            for key in ["cancelled", "retained"] {
                let list = match lists.iter().find(|(k, _)| *k == Some(key)) {
                    Some((_, list)) => list.clone(),
                    None => old_list(Some(key)),
                };
                map.insert(key.to_string(), Value::Array(list));
            }
            Value::Object(map)
        }
    };
    let new = match file.canonical(value) {
        Ok(new) => new,
        Err(detail) => {
            let message = Message::new("import.register_invalid")
                .arg("file", path)
                .arg("detail", detail);
            file_finding(plan, message);
            return;
        }
    };
    let old_canonical = old.clone().and_then(|v| file.canonical(v).ok());
    let action = match &old {
        None => Action::Create,
        Some(_) if old_canonical.as_ref() == Some(&new) => Action::Unchanged,
        Some(_) if !force => {
            file_finding(
                plan,
                Message::new("import.register_exists").arg("file", path),
            );
            return;
        }
        Some(_) => Action::Update,
    };
    let old_text = source.read_text(path).ok();
    let text = match action {
        Action::Unchanged => old_text.clone().unwrap_or_default(),
        _ => register_text(file, &new, old_text.as_deref()),
    };
    plan.planned.push(Planned {
        file: path.to_string(),
        text,
        action,
        from,
    });
}

/// A register's text. Written anew: the modeline, then the entries as
/// qingdan writes YAML. Over an old file: its modeline and the comments
/// above its first entry stay, and so does the text of every entry the
/// import leaves as it was (its comments, its quoting); only changed or
/// new entries are written anew (the proofs register: each list it
/// changes, as a text edit). Whatever the edit, the text reads back as
/// `value`, else the whole register is written anew.
pub fn register_text(file: RegisterFile, value: &Value, old: Option<&str>) -> String {
    let layout = file.layout();
    let fresh = || {
        let header = old
            .map(leading_comments)
            .filter(|h| !h.trim().is_empty())
            .unwrap_or_else(|| layout.modeline.to_string());
        format!("{header}{}", body_text(&layout, value))
    };
    let Some(old) = old.filter(|t| !t.contains('\r') && !t.starts_with('\u{feff}')) else {
        return fresh();
    };
    let kept = match value {
        Value::Array(entries) => keep_entries(file, &layout, old, entries),
        Value::Object(map) => {
            let before = yaml::parse(old).ok().flatten().map(|d| d.value);
            let changes: Vec<(String, Option<Value>)> = map
                .iter()
                .filter(|(k, v)| before.as_ref().and_then(|b| b.get(k.as_str())) != Some(*v))
                .map(|(k, v)| (k.clone(), Some(v.clone())))
                .collect();
            Some(merge::apply_in(&layout, old, &changes, value))
        }
        _ => None,
    };
    match kept {
        Some(text)
            if yaml::parse(&text).ok().flatten().map(|d| d.value).as_ref() == Some(value) =>
        {
            text
        }
        _ => fresh(),
    }
}

fn body_text(layout: &Layout, value: &Value) -> String {
    let body_layout = Layout {
        modeline: "",
        ..*layout
    };
    match value {
        Value::Array(list) => list_document_text(&body_layout, list),
        other => document_text(&body_layout, other),
    }
}

/// A list register over its old text: the leading comments, then each
/// entry as the old file wrote it when one there is equal to it (with
/// the comment lines just above it), else written anew. `None` when the
/// old file is not a block list of entries.
fn keep_entries(
    file: RegisterFile,
    layout: &Layout,
    old: &str,
    entries: &[Value],
) -> Option<String> {
    let doc = yaml::parse(old).ok()??;
    let yaml::Shape::Seq(elements) = &doc.spans.shape else {
        return None;
    };
    let old_values = doc.value.as_array()?;
    let lines: Vec<&str> = old.split_inclusive('\n').collect();
    let header = leading_comments(old);
    let header_lines = header.split_inclusive('\n').count();
    // Each old entry's first line: its `- ` line.
    let starts: Vec<usize> = elements
        .iter()
        .map(|e| (e.span.start.line as usize).saturating_sub(1))
        .collect();
    if starts.first() != Some(&header_lines)
        || starts.windows(2).any(|w| w[0] >= w[1])
        || starts
            .iter()
            .any(|s| !lines.get(*s).is_some_and(|l| l.starts_with("- ")))
    {
        return None;
    }
    // An entry's text takes the comment lines just above its `- ` line.
    let mut bounds: Vec<usize> = starts
        .iter()
        .enumerate()
        .map(|(i, &start)| {
            let mut b = start;
            while i > 0 && b > starts[i - 1] + 1 && lines[b - 1].trim_start().starts_with('#') {
                b -= 1;
            }
            b
        })
        .collect();
    bounds.push(lines.len());
    let canonical = |v: &Value| file.canonical(Value::Array(vec![v.clone()])).ok();
    let old_canonical: Vec<Option<Value>> = old_values.iter().map(canonical).collect();
    let mut used = vec![false; old_values.len()];
    let mut out = header;
    for entry in entries {
        let wanted = canonical(entry);
        let same = (0..old_values.len())
            .find(|&i| !used[i] && wanted.is_some() && old_canonical[i] == wanted);
        match same {
            Some(i) => {
                used[i] = true;
                let mut text: String = lines[bounds[i]..bounds[i + 1]].concat();
                if !text.ends_with('\n') {
                    text.push('\n');
                }
                out.push_str(&text);
            }
            None => out.push_str(&body_text(layout, &Value::Array(vec![entry.clone()]))),
        }
    }
    Some(out)
}

/// Whether an id can be a file stem of `intermediaries/`.
fn safe_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 64
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_')
}

fn plan_intermediaries(
    catalog: &Catalog,
    source: &dyn Source,
    label: &str,
    sheet: &ReadSheet,
    force: bool,
    plan: &mut Plan,
) {
    let id_column = sheet
        .columns
        .iter()
        .find(|(_, c)| c.key == "id")
        .map_or(0, |(col, _)| *col);
    let mut seen: HashMap<String, u32> = HashMap::new();
    for (at, record) in &sheet.rows {
        let Some(mut record) = record.clone() else {
            continue;
        };
        let id = record
            .remove("id")
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default();
        let cell_error = |plan: &mut Plan, message: Message| {
            plan.findings.push(cell_finding(
                &RULE,
                Severity::Error,
                label,
                &sheet.name,
                at.row,
                id_column,
                message,
            ));
            plan.skipped.push(at.clone());
        };
        if !safe_id(&id) {
            cell_error(plan, Message::new("import.bad_service_id").arg("id", id));
            continue;
        }
        if let Some(first) = seen.insert(id.clone(), at.row) {
            cell_error(
                plan,
                Message::new("import.duplicate_service")
                    .arg("id", id)
                    .arg("row", u64::from(first)),
            );
            continue;
        }
        let file = format!("{}/{id}.yaml", crate::catalog::INTERMEDIARIES_DIR);
        if let Some(earlier) = plan.planned.iter().find(|p| p.file == file) {
            let first = earlier.from.full();
            cell_error(
                plan,
                Message::new("import.file_twice")
                    .arg("file", file)
                    .arg("first", first),
            );
            continue;
        }
        let existing = catalog.intermediary(&id);
        let old_text = source.read_text(&file).ok();
        let (action, text) = match (existing, old_text) {
            (None, Some(_)) => {
                cell_error(
                    plan,
                    Message::new("import.existing_unreadable").arg("file", file),
                );
                continue;
            }
            (None, None) => {
                let new = match canonical_service(Value::Object(record)) {
                    Ok(new) => new,
                    Err(detail) => {
                        cell_error(
                            plan,
                            Message::new("import.not_a_record").arg("detail", detail),
                        );
                        continue;
                    }
                };
                (Action::Create, document_text(&intermediary_layout(), &new))
            }
            (Some(service), old_text) => {
                let old = serde_json::to_value(&service.record).expect("records serialize");
                // Keys the sheet has no column for stay as they are.
                let mut merged = old.as_object().cloned().unwrap_or_default();
                for (_, column) in &sheet.columns {
                    if column.key == "id" {
                        continue;
                    }
                    match record.get(column.key) {
                        Some(v) => merged.insert(column.key.to_string(), v.clone()),
                        None => merged.remove(column.key),
                    };
                }
                let new = match canonical_service(Value::Object(merged)) {
                    Ok(new) => new,
                    Err(detail) => {
                        cell_error(
                            plan,
                            Message::new("import.not_a_record").arg("detail", detail),
                        );
                        continue;
                    }
                };
                if new == old {
                    (Action::Unchanged, old_text.unwrap_or_default())
                } else if !force {
                    cell_error(
                        plan,
                        Message::new("import.service_exists").arg("file", file),
                    );
                    continue;
                } else {
                    let changes: Vec<(String, Option<Value>)> = INTERMEDIARY_KEYS
                        .iter()
                        .filter(|k| old.get(**k) != new.get(**k))
                        .map(|k| (k.to_string(), new.get(*k).cloned()))
                        .collect();
                    let text = merge::apply_in(
                        &intermediary_layout(),
                        &old_text.unwrap_or_default(),
                        &changes,
                        &new,
                    );
                    (Action::Update, text)
                }
            }
        };
        plan.planned.push(Planned {
            file,
            text,
            action,
            from: at.clone(),
        });
    }
}

fn canonical_service(value: Value) -> Result<Value, String> {
    let typed: Intermediary = serde_json::from_value(value).map_err(|e| e.to_string())?;
    Ok(serde_json::to_value(typed).expect("records serialize"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn sheets_are_known_by_either_name_and_none_is_an_item_sheet() {
        assert_eq!(sheet_named("材料目录").map(|s| s.zh), Some("材料目录"));
        assert_eq!(
            sheet_named("ｆｅｅ register").map(|s| s.zh),
            Some("收费目录清单")
        );
        assert_eq!(sheet_named("承揽 机构").map(|s| s.zh), Some("承揽机构"));
        assert!(sheet_named("事项").is_none());
        for sheet in ALL_SHEETS {
            for name in [sheet.zh, sheet.en] {
                assert!(
                    crate::columns::Sheet::from_name(name).is_none(),
                    "{name} would be read as an item sheet"
                );
            }
        }
    }

    #[test]
    fn a_rewritten_register_keeps_its_leading_comments() {
        let old = "# yaml-language-server: $schema=../schemas/fees.schema.json\n# 收费目录清单\n\n- name: 旧\n  # 备注\n";
        let value = json!([{"name": "新", "pricing": "market"}]);
        assert_eq!(
            register_text(RegisterFile::Fees, &value, Some(old)),
            "# yaml-language-server: $schema=../schemas/fees.schema.json\n# 收费目录清单\n\n- name: 新\n  pricing: market\n"
        );
        assert_eq!(
            register_text(RegisterFile::Fees, &json!([]), None),
            "# yaml-language-server: $schema=../schemas/fees.schema.json\n[]\n"
        );
        let proofs = json!({"retained": [{"issuer": "gaj", "name": "亲属关系证明"}]});
        assert_eq!(
            register_text(RegisterFile::Proofs, &proofs, None),
            "# yaml-language-server: $schema=../schemas/proofs.schema.json\nretained:\n  - name: 亲属关系证明\n    issuer: gaj\n"
        );
    }

    #[test]
    fn entries_the_import_leaves_keep_their_text() {
        let old = "# yaml-language-server: $schema=../schemas/agencies.schema.json\n# 名录\n\n- name: 甲公司\n  credit_code: \"91330399MA2HT6Q499\"\n\n# 乙：2025年核实\n- name: 乙公司  # 全称\n  credit_code: \"91330399MA7K3L9P29\"\n  qualifications:\n    - name: 测绘资质甲级\n      valid_until: 2028-06-30\n";
        let value = json!([
            {"name": "甲公司", "credit_code": "91330399MA2HT6Q499", "contact": "0577-1"},
            {"name": "乙公司", "credit_code": "91330399MA7K3L9P29",
             "qualifications": [{"name": "测绘资质甲级", "valid_until": "2028-06-30"}]},
            {"name": "丙公司", "credit_code": "91330399MA7K3L9P30"},
        ]);
        assert_eq!(
            register_text(RegisterFile::Agencies, &value, Some(old)),
            "# yaml-language-server: $schema=../schemas/agencies.schema.json\n# 名录\n\n- name: 甲公司\n  credit_code: 91330399MA2HT6Q499\n  contact: \"0577-1\"\n# 乙：2025年核实\n- name: 乙公司  # 全称\n  credit_code: \"91330399MA7K3L9P29\"\n  qualifications:\n    - name: 测绘资质甲级\n      valid_until: 2028-06-30\n- name: 丙公司\n  credit_code: 91330399MA7K3L9P30\n"
        );
        // The proofs register: a text edit of the list that changed.
        let old = "# yaml-language-server: $schema=../schemas/proofs.schema.json\ncancelled:\n  # 种子 004\n  - name: 单身证明\n";
        let value =
            json!({"cancelled": [{"name": "单身证明"}], "retained": [{"name": "出生医学证明"}]});
        assert_eq!(
            register_text(RegisterFile::Proofs, &value, Some(old)),
            "# yaml-language-server: $schema=../schemas/proofs.schema.json\ncancelled:\n  # 种子 004\n  - name: 单身证明\nretained:\n  - name: 出生医学证明\n"
        );
    }

    #[test]
    fn canonical_registers_drop_what_is_no_value() {
        let spelled =
            json!([{"name": "营业执照", "kind": "licence", "shareable": false, "aliases": []}]);
        assert_eq!(
            RegisterFile::Materials.canonical(spelled).unwrap(),
            json!([{"name": "营业执照", "kind": "licence"}])
        );
        assert!(
            RegisterFile::Materials
                .canonical(json!([{"name": "x"}]))
                .is_err()
        );
    }

    #[test]
    fn service_ids_are_file_stems() {
        assert!(safe_id("fwmjch"));
        assert!(safe_id("fw-mj_2"));
        for bad in ["", "FW", "../x", "房屋", "a b"] {
            assert!(!safe_id(bad), "{bad}");
        }
    }
}
