//! From filled workbooks to item files (docs/workbooks.md). Planning is
//! separate from writing: [`plan`] reads the workbooks against the catalog
//! and says which file gets which text; the caller validates the plan (see
//! [`validate_plan`]) and writes it, or only lists it under `--dry-run`.
//!
//! Identity: a row with 事项编码 is the item with that code; else a 文件
//! cell naming an item file is that item; else department + name. A
//! matching item is changed only with `force`, and then only the keys the
//! workbook carries; a code is never changed.

use std::collections::{HashMap, HashSet};

use serde::Deserialize;
use serde_json::{Map, Value};

use crate::catalog::Catalog;
use crate::columns::{Column, Sheet};
use crate::finding::{Finding, ItemRef, Message, Severity};
use crate::i18n::Lang;
use crate::model::{Department, Item};
use crate::rules::{parse_error, schema, unknown_department};
use crate::source::{Overlay, Source, naming};
use crate::validate::{self, Report};
use crate::yaml;
use crate::yaml::write::item_text;

use super::read::{self, Cell, Row, SheetData};
use super::template::{self, CellOut};
use super::{RULE, cell_finding, merge};

/// What happens to one item file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Create,
    Update,
    /// A matching item whose values the workbook does not change.
    Unchanged,
}

impl Action {
    pub fn key(self) -> &'static str {
        match self {
            Action::Create => "created",
            Action::Update => "updated",
            Action::Unchanged => "unchanged",
        }
    }
}

/// Where a row is: workbook as given, sheet name as spelled there, row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowRef {
    pub workbook: String,
    pub sheet: String,
    pub row: u32,
}

impl RowRef {
    /// `事项!12` (`12` in a csv file).
    pub fn place(&self) -> String {
        super::cell_name(&self.sheet, &self.row.to_string())
    }
    /// `民政局.xlsx:事项!12`.
    pub fn full(&self) -> String {
        format!("{}:{}", self.workbook, self.place())
    }
    /// The cell of this row in `column`: `事项!B12`, with the workbook
    /// when it is not `from` (`民政局.xlsx:事项!B12`).
    fn cell_label(&self, column: u32, from: &str) -> String {
        let cell = super::cell_name(
            &self.sheet,
            &format!("{}{}", super::column_letters(column), self.row),
        );
        if self.workbook == from {
            cell
        } else {
            format!("{}:{cell}", self.workbook)
        }
    }
}

/// One item file to write.
#[derive(Debug, Clone)]
pub struct Planned {
    /// Catalog-relative path.
    pub file: String,
    pub text: String,
    pub action: Action,
    pub from: RowRef,
}

#[derive(Debug, Default)]
pub struct Plan {
    pub planned: Vec<Planned>,
    /// Rows (of any sheet) that were not imported.
    pub skipped: Vec<RowRef>,
    pub findings: Vec<Finding>,
    /// Workbooks that could not be opened at all.
    pub unreadable: Vec<String>,
}

/// A workbook as the user named it, with its bytes.
pub struct Workbook {
    pub label: String,
    pub bytes: Vec<u8>,
}

/// Reads the workbooks and decides what to write. `source` is the catalog
/// `catalog` was loaded from (existing files are read from it).
pub fn plan(catalog: &Catalog, source: &dyn Source, workbooks: Vec<Workbook>, force: bool) -> Plan {
    let mut state = State {
        catalog,
        source,
        force,
        plan: Plan::default(),
        claimed: HashMap::new(),
        new_files: HashSet::new(),
        step_materials: false,
        workbook_start: 0,
        compact_at: COMPACT_FROM,
    };
    for workbook in workbooks {
        let label = workbook.label.clone();
        let start = state.plan.findings.len();
        state.workbook_start = start;
        state.workbook(workbook);
        only_lacks_force(&mut state.plan.findings, start, &label);
    }
    state.plan.findings.sort_by_key(sheet_order);
    state
        .plan
        .skipped
        .sort_by_key(|r| (r.workbook.clone(), Sheet::from_name(&r.sheet), r.row));
    state.plan.skipped.dedup();
    state.plan
}

/// Workbook findings in reading order: workbook, sheet, row, column.
/// A workbook whose only findings are rows of items that exist (it was
/// pre-filled from the catalog and imported without `--force`) gets one
/// hint instead of one identical error per row.
fn only_lacks_force(findings: &mut Vec<Finding>, start: usize, workbook: &str) {
    let own = &findings[start..];
    // A marker of a cap while reading stands for the rows it left out.
    let exists = |f: &Finding| f.message.key == "import.exists" || f.omitted.is_some();
    if own.len() < 2 || !own.iter().all(exists) {
        return;
    }
    let count = own.iter().map(crate::finding::weight).sum::<usize>() as u64;
    let message = Message::new("import.needs_force")
        .arg("count", count)
        .arg("workbook", workbook);
    findings.truncate(start);
    findings.push(Finding::new(&RULE, message).in_file(workbook));
}

fn sheet_order(finding: &Finding) -> (Option<String>, usize, u32, u32) {
    let sheet_name = finding
        .path
        .as_deref()
        .map(|p| p.split_once('!').map_or(p, |(s, _)| s));
    let sheet = sheet_name.and_then(Sheet::from_name);
    let sheet_index = sheet.map_or(0, |s| s as usize + 1);
    let (line, column) = finding.location.map_or((0, 0), |l| (l.line(), l.column()));
    (finding.file.clone(), sheet_index, line, column)
}

/// The catalog as the plan would leave it, validated; the report keeps the
/// findings of the planned files only.
pub fn validate_plan(
    source: &dyn Source,
    plan: &Plan,
) -> Result<Report, crate::catalog::LoadError> {
    let overlay = overlay(source, plan);
    let only: Vec<String> = plan.planned.iter().map(|p| p.file.clone()).collect();
    if only.is_empty() {
        return Ok(Report {
            summary: Default::default(),
            findings: Vec::new(),
        });
    }
    validate::validate(&overlay, &only).map(|(_, report)| report)
}

/// The finding for a workbook file that could not even be read.
pub fn unopened(workbook: &str, error: &str) -> Finding {
    unreadable(
        workbook,
        Message::new("import.unreadable_file").arg("error", error),
    )
}

/// A workbook that could not be read at all, and why.
pub fn unreadable(workbook: &str, message: Message) -> Finding {
    Finding::new(&parse_error::RULE, message).in_file(workbook)
}

/// The catalog with the planned files in place.
pub fn overlay<'a>(source: &'a dyn Source, plan: &'a Plan) -> Overlay<'a> {
    let mut overlay = Overlay::new(source);
    for p in &plan.planned {
        overlay.insert(&p.file, &p.text);
    }
    overlay
}

/// An item row made into a record, or not.
struct ItemRow {
    at: RowRef,
    seq: Option<String>,
    file: Option<String>,
    code: Option<(String, u32)>,
    /// The column of the first cell, for findings about the whole row.
    first_column: u32,
    name_column: u32,
    /// The item the row names, for its findings.
    names: ItemRef,
    record: Map<String, Value>,
}

/// 序号 → the item row's index, `None` when that row was skipped.
type SeqIndex = HashMap<String, Option<usize>>;

/// A material or step row joined to its item by 事项序号.
struct PartRow {
    at: RowRef,
    item_seq: String,
    item_seq_column: u32,
    step_seq: Option<u64>,
    record: Map<String, Value>,
}

struct State<'a> {
    catalog: &'a Catalog,
    source: &'a dyn Source,
    force: bool,
    plan: Plan,
    /// Item identity (an existing file, or `department/name` of a new
    /// item) → the row that claimed it first, and its 事项名称 column.
    claimed: HashMap<String, (RowRef, u32)>,
    /// New files planned so far.
    new_files: HashSet<String>,
    /// The workbook being read has 提交材料 on its steps sheet (an older
    /// workbook without it keeps each step's materials).
    step_materials: bool,
    /// Where the findings of the workbook being read start, and the count
    /// at which they are capped next (see [`State::compact`]).
    workbook_start: usize,
    compact_at: usize,
}

/// Findings held before the first cap while reading: below it, a workbook's
/// findings are kept whole until the end.
const COMPACT_FROM: usize = 10_000;

impl State<'_> {
    /// Caps the findings of the workbook being read once they pile up
    /// (`finding::cap`, merging with the markers of earlier caps): memory
    /// stays bounded by the rules and sheets, not by 100,000 bad rows. Call
    /// only between rows (no finding index is held).
    fn compact(&mut self) {
        if self.plan.findings.len() < self.compact_at {
            return;
        }
        let own = self.plan.findings.split_off(self.workbook_start);
        let max = super::grid::limits().per_file;
        self.plan.findings.extend(crate::finding::cap(own, max));
        self.compact_at = (self.plan.findings.len() * 2).max(COMPACT_FROM);
    }

    fn workbook(&mut self, mut workbook: Workbook) {
        let label = workbook.label.clone();
        // Register sheets go to their files; item sheets beside them (a
        // workbook may hold both) are read as ever.
        if let Some(with_items) = super::registers::register_workbook(&workbook.bytes) {
            let (catalog, source, force) = (self.catalog, self.source, self.force);
            let bytes = match with_items {
                true => workbook.bytes.clone(),
                false => std::mem::take(&mut workbook.bytes),
            };
            super::registers::plan_workbook(catalog, source, &label, bytes, force, &mut self.plan);
            if !with_items {
                return;
            }
        }
        let sheets = match read::read_workbook(workbook.bytes, &label, &mut self.plan.findings) {
            Ok(sheets) => sheets,
            Err(read::Unreadable(message)) => {
                self.plan.findings.push(unreadable(&label, message));
                self.plan.unreadable.push(label);
                return;
            }
        };
        let Some(items_sheet) = sheets.iter().find(|s| s.sheet == Sheet::Items) else {
            return;
        };
        let mut rows = self.item_rows(&label, items_sheet);
        for part_sheet in sheets.iter().filter(|s| s.sheet != Sheet::Items) {
            let parts = self.part_rows(&label, part_sheet);
            self.join(&rows_seqs(&rows), &mut rows, parts, part_sheet.sheet);
        }
        let carried = carried_keys(&sheets);
        self.step_materials = sheets
            .iter()
            .any(|s| s.sheet == Sheet::Steps && s.has("materials"));
        for row in rows.into_iter().filter_map(|(_, row)| row) {
            self.compact();
            self.item(&label, row, &carried);
        }
    }

    /// The rows of 事项 as records (`None` for a skipped row, kept so that
    /// its materials and steps are dropped without a second finding).
    fn item_rows(
        &mut self,
        label: &str,
        sheet: &SheetData,
    ) -> Vec<(Option<String>, Option<ItemRow>)> {
        let mut out = Vec::new();
        let mut seqs: HashMap<String, u32> = HashMap::new();
        for row in &sheet.rows {
            self.compact();
            let at = RowRef {
                workbook: label.to_string(),
                sheet: sheet.name.clone(),
                row: row.number,
            };
            let seq = record_text(sheet, row, "seq").map(|(s, _)| s);
            let names = self.row_names(sheet, row);
            let start = self.plan.findings.len();
            let record = self.record(label, sheet, row);
            self.attribute_since(start, &names);
            let Some(record) = record else {
                self.plan.skipped.push(at);
                out.push((seq, None));
                continue;
            };
            let text = |key: &str| record_text(sheet, row, key);
            let mut item = ItemRow {
                at: at.clone(),
                seq: text("seq").map(|(s, _)| s),
                file: text("file").map(|(s, _)| s),
                code: text("code"),
                first_column: row.cells.first().map_or(0, |c| c.0),
                name_column: column_of(sheet, "name"),
                names,
                record,
            };
            item.record.remove("code");
            if let Some(seq) = &item.seq {
                if let Some(first) = seqs.get(seq) {
                    let message = Message::new("import.duplicate_seq")
                        .arg("seq", seq.as_str())
                        .arg("row", u64::from(*first));
                    let start = self.plan.findings.len();
                    self.row_finding(&item.at, column_of(sheet, "seq"), message);
                    self.attribute_since(start, &item.names);
                    out.push((None, None));
                    continue;
                }
                seqs.insert(seq.clone(), row.number);
            }
            out.push((item.seq.clone(), Some(item)));
        }
        out
    }

    fn part_rows(&mut self, label: &str, sheet: &SheetData) -> Vec<PartRow> {
        let mut out = Vec::new();
        for row in &sheet.rows {
            self.compact();
            let at = RowRef {
                workbook: label.to_string(),
                sheet: sheet.name.clone(),
                row: row.number,
            };
            let Some(record) = self.record(label, sheet, row) else {
                self.plan.skipped.push(at);
                continue;
            };
            let Some((item_seq, _)) = record_text(sheet, row, "item_seq") else {
                continue;
            };
            let step_seq = record_text(sheet, row, "step_seq").and_then(|(s, _)| s.parse().ok());
            out.push(PartRow {
                at,
                item_seq,
                item_seq_column: column_of(sheet, "item_seq"),
                step_seq,
                record,
            });
        }
        out
    }

    /// Materials or steps into their items' records, in row order (steps
    /// by 步骤序号 where given). A part whose item row was skipped goes with
    /// it, without a second finding.
    fn join(
        &mut self,
        seqs: &SeqIndex,
        items: &mut [(Option<String>, Option<ItemRow>)],
        mut parts: Vec<PartRow>,
        sheet: Sheet,
    ) {
        let key = sheet.list_key().expect("a part sheet has a list");
        if sheet == Sheet::Steps {
            parts.sort_by_key(|p| p.step_seq.unwrap_or(u64::MAX));
        }
        for part in parts {
            match seqs.get(part.item_seq.as_str()) {
                Some(Some(i)) => {
                    if let Some(item) = items[*i].1.as_mut() {
                        push_path(&mut item.record, key, Value::Object(part.record));
                    }
                }
                Some(None) => self.plan.skipped.push(part.at),
                None => {
                    let message =
                        Message::new("import.no_item_for_seq").arg("seq", part.item_seq.as_str());
                    self.row_finding(&part.at, part.item_seq_column, message);
                }
            }
        }
    }

    /// A row's cells as a record; `None` (and findings) when a cell cannot
    /// be read or a required one is empty.
    fn record(&mut self, label: &str, sheet: &SheetData, row: &Row) -> Option<Map<String, Value>> {
        let mut record = Map::new();
        let mut ok = true;
        for (col, column, cell) in &row.cells {
            match read::cell_value(column, cell, &self.catalog.departments) {
                Ok(Some(value)) if column.is_record_key() => {
                    set_path(&mut record, column.key, value)
                }
                Ok(Some(_)) => {}
                Ok(None) if column.required => {
                    ok = false;
                    let message = Message::new("import.required_cell")
                        .localized("column", column.zh, column.en);
                    self.plan.findings.push(cell_finding(
                        &schema::RULE,
                        Severity::Error,
                        label,
                        &sheet.name,
                        row.number,
                        *col,
                        message,
                    ));
                }
                Ok(None) => {}
                Err(message) => {
                    ok = false;
                    let rule = if message.key == "department.unknown" {
                        &unknown_department::RULE
                    } else {
                        &schema::RULE
                    };
                    self.plan.findings.push(cell_finding(
                        rule,
                        Severity::Error,
                        label,
                        &sheet.name,
                        row.number,
                        *col,
                        message,
                    ));
                }
            }
        }
        if ok && sheet.sheet == Sheet::Items {
            ok = self.check_item_record(label, sheet, row, &record);
        }
        ok.then_some(record)
    }

    /// Checks a record needs beyond its cells: a fee needs 是否收费, and the
    /// department id must be a safe folder name.
    fn check_item_record(
        &mut self,
        label: &str,
        sheet: &SheetData,
        row: &Row,
        record: &Map<String, Value>,
    ) -> bool {
        let mut ok = true;
        if let Some(fee) = record.get("fee")
            && fee.get("charged").is_none()
        {
            let column = Sheet::Items.column_by_key("fee.charged");
            let col = if sheet.has("fee.charged") {
                column_of(sheet, "fee.charged")
            } else {
                row.cells[0].0
            };
            let message =
                Message::new("import.fee_needs_charged").localized("column", column.zh, column.en);
            self.plan.findings.push(cell_finding(
                &schema::RULE,
                Severity::Error,
                label,
                &sheet.name,
                row.number,
                col,
                message,
            ));
            ok = false;
        }
        if let Some(id) = record.get("department").and_then(Value::as_str)
            && !safe_folder_name(id)
        {
            let message = Message::new("import.unsafe_department").arg("department", id);
            let col = column_of(sheet, "department");
            self.plan.findings.push(cell_finding(
                &RULE,
                Severity::Error,
                label,
                &sheet.name,
                row.number,
                col,
                message,
            ));
            ok = false;
        }
        ok
    }

    fn row_finding(&mut self, at: &RowRef, column: u32, message: Message) {
        self.plan.findings.push(cell_finding(
            &RULE,
            Severity::Error,
            &at.workbook,
            &at.sheet,
            at.row,
            column,
            message,
        ));
        self.plan.skipped.push(at.clone());
    }

    /// The item a row of 事项 names, read from its cells as written (the
    /// department by id when the register knows it): a skipped row's
    /// findings still say which item failed.
    fn row_names(&self, sheet: &SheetData, row: &Row) -> ItemRef {
        let department = row
            .cells
            .iter()
            .find(|(_, c, _)| c.key == "department")
            .and_then(|(_, column, cell)| {
                match read::cell_value(column, cell, &self.catalog.departments) {
                    Ok(Some(Value::String(id))) => Some(id),
                    _ => match cell {
                        Cell::Text(text) if !text.trim().is_empty() => {
                            Some(text.trim().to_string())
                        }
                        _ => None,
                    },
                }
            });
        ItemRef {
            code: record_text(sheet, row, "code").map(|(c, _)| c),
            name: record_text(sheet, row, "name").map(|(n, _)| n),
            department,
        }
    }

    /// Gives the findings from `start` on that name no item this one.
    fn attribute_since(&mut self, start: usize, names: &ItemRef) {
        for finding in &mut self.plan.findings[start..] {
            if finding.item.is_none() {
                finding.item = Some(names.clone());
            }
        }
    }

    /// One item row: find what it is, then plan its file.
    fn item(&mut self, label: &str, row: ItemRow, carried: &[&'static str]) {
        let names = row.names.clone();
        let start = self.plan.findings.len();
        self.plan_item(label, row, carried);
        self.attribute_since(start, &names);
    }

    fn plan_item(&mut self, label: &str, row: ItemRow, carried: &[&'static str]) {
        let department = row
            .record
            .get("department")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string();
        let name = row
            .record
            .get("name")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string();
        let existing = match self.identify(&row, &department, &name) {
            Ok(existing) => existing,
            Err((column, message)) => return self.row_finding(&row.at, column, message),
        };
        // Two new rows of one name are one item, unless their reference
        // codes say they are two (the duplicate name is then reported by
        // the validation that follows).
        let reference = row
            .record
            .get("reference_code")
            .and_then(Value::as_str)
            .unwrap_or_default();
        let identity = existing
            .clone()
            .unwrap_or_else(|| format!("{department}/{name}#{reference}"));
        if let Some((first, column)) = self.claimed.get(&identity) {
            let message =
                Message::new("import.duplicate_row").arg("first", first.cell_label(*column, label));
            return self.row_finding(&row.at, row.name_column, message);
        }
        self.claimed
            .insert(identity, (row.at.clone(), row.name_column));
        match existing {
            None => self.create(row, &department, &name),
            Some(file) => self.update(row, &file, &department, carried),
        }
    }

    /// The existing item file a row stands for, if any.
    fn identify(
        &self,
        row: &ItemRow,
        department: &str,
        name: &str,
    ) -> Result<Option<String>, (u32, Message)> {
        let items = || self.catalog.items.iter();
        if let Some((code, column)) = &row.code {
            return match items().find(|i| i.item_ref.code.as_deref() == Some(code.as_str())) {
                Some(found) => Ok(Some(found.file.clone())),
                None => Err((
                    *column,
                    Message::new("import.unknown_code").arg("code", code.as_str()),
                )),
            };
        }
        if let Some(file) = &row.file {
            let file = file.replace('\\', "/");
            let candidates = [
                file.clone(),
                format!("items/{file}"),
                format!("items/{department}/{file}"),
            ];
            if let Some(found) = items().find(|i| candidates.contains(&i.file)) {
                return Ok(Some(found.file.clone()));
            }
        }
        let same = |i: &&crate::catalog::LoadedItem| {
            i.item_ref.department.as_deref() == Some(department)
                && i.item_ref.name.as_deref().map(str::trim) == Some(name)
        };
        let candidates: Vec<&crate::catalog::LoadedItem> = items().filter(same).collect();
        let reference = row.record.get("reference_code").and_then(Value::as_str);
        let by_reference = candidates
            .iter()
            .find(|i| reference.is_some() && reference_code(i) == reference);
        Ok(by_reference.or(candidates.first()).map(|i| i.file.clone()))
    }

    fn create(&mut self, row: ItemRow, department: &str, name: &str) {
        let item = match Item::deserialize(&Value::Object(row.record)) {
            Ok(item) => item,
            Err(e) => {
                let message = Message::new("import.not_a_record").arg("detail", e.to_string());
                return self.row_finding(&row.at, row.first_column, message);
            }
        };
        let folder = format!("items/{department}/");
        let taken = |candidate: &str| {
            let path = format!("{folder}{candidate}");
            self.new_files.contains(&path)
                || self
                    .catalog
                    .items
                    .iter()
                    .any(|i| i.file.eq_ignore_ascii_case(&path))
        };
        let file = format!("{folder}{}", naming::file_name(name, taken));
        self.new_files.insert(file.clone());
        self.plan.planned.push(Planned {
            file,
            text: item_text(&item),
            action: Action::Create,
            from: row.at,
        });
    }

    fn update(&mut self, row: ItemRow, file: &str, department: &str, carried: &[&'static str]) {
        if !self.force {
            let message = Message::new("import.exists").arg("file", file);
            return self.row_finding(&row.at, row.name_column, message);
        }
        let old_text = self.source.read_text(file).ok();
        let old = old_text
            .as_deref()
            .and_then(|t| yaml::parse(t).ok().flatten())
            .map(|d| d.value);
        let (Some(old_text), Some(old @ Value::Object(_))) = (old_text, old) else {
            let message = Message::new("import.existing_unreadable").arg("file", file);
            return self.row_finding(&row.at, row.first_column, message);
        };
        if old
            .get("department")
            .and_then(Value::as_str)
            .is_some_and(|d| d != department)
        {
            let message = Message::new("import.department_differs")
                .arg("file", file)
                .arg("department", department);
            return self.row_finding(&row.at, row.first_column, message);
        }
        let keep = !self.step_materials;
        let merged = merge_record(&old, &row.record, carried, keep);
        let unedited = merge_record(
            &old,
            &as_sheets_give(&old, &self.catalog.departments),
            carried,
            keep,
        );
        let (old_canon, new_canon, unedited_canon) =
            (canonical(&old), canonical(&merged), canonical(&unedited));
        let mut changes: Vec<(String, Option<Value>)> = Vec::new();
        let mut expected = old.clone();
        for key in top_keys(carried) {
            let new_value = new_canon.get(key).cloned();
            // A key the clerk did not touch reads back as the template wrote
            // it (trimmed, split into lines…): that is no change.
            if old_canon.get(key) != new_value.as_ref()
                && unedited_canon.get(key) != new_value.as_ref()
            {
                set_or_remove(&mut expected, key, new_value.clone());
                changes.push((key.to_string(), new_value));
            }
        }
        if changes.is_empty() {
            let planned = Planned {
                file: file.to_string(),
                text: old_text,
                action: Action::Unchanged,
                from: row.at,
            };
            return self.plan.planned.push(planned);
        }
        let text = merge::apply(&old_text, &changes, &expected);
        self.plan.planned.push(Planned {
            file: file.to_string(),
            text,
            action: Action::Update,
            from: row.at,
        });
    }
}

/// The record a workbook pre-filled with `old` gives back when nobody
/// edits it: each value written into its cell and read back.
fn as_sheets_give(old: &Value, departments: &[Department]) -> Map<String, Value> {
    let typed = canonical(old);
    let mut out = Map::new();
    for sheet in Sheet::ALL {
        for row in template::sheet_records(sheet, 1, "", &typed) {
            let mut record = Map::new();
            for column in sheet.columns().iter().filter(|c| c.is_record_key()) {
                let cell = match template::cell_out(column, &row, departments, Lang::Zh) {
                    Some(CellOut::Text(text)) => Cell::text_cell(&text),
                    Some(CellOut::Number(n)) => Cell::Number(n),
                    None => Cell::Empty,
                };
                if let Ok(Some(value)) = read::cell_value(column, &cell, departments) {
                    set_path(&mut record, column.key, value);
                }
            }
            match sheet.list_key() {
                None => out.extend(record),
                Some(key) => {
                    push_path(&mut out, key, Value::Object(record));
                }
            }
        }
    }
    out
}

/// The cell text of a join column (序号, 文件, 事项编码) and its column.
fn record_text(sheet: &SheetData, row: &Row, key: &str) -> Option<(String, u32)> {
    let (col, _, cell) = row.cells.iter().find(|(_, c, _)| c.key == key)?;
    match read::cell_value(sheet.sheet.column_by_key(key), cell, &[]) {
        Ok(Some(Value::String(s))) => Some((s, *col)),
        Ok(Some(Value::Number(n))) => Some((n.to_string(), *col)),
        _ => None,
    }
}

fn reference_code(item: &crate::catalog::LoadedItem) -> Option<&str> {
    item.item.as_ref().and_then(|i| i.reference_code.as_deref())
}

fn rows_seqs(rows: &[(Option<String>, Option<ItemRow>)]) -> SeqIndex {
    let mut index = SeqIndex::new();
    for (i, (seq, row)) in rows.iter().enumerate() {
        if let Some(seq) = seq {
            index.entry(seq.clone()).or_insert(row.as_ref().map(|_| i));
        }
    }
    index
}

fn column_of(sheet: &SheetData, key: &str) -> u32 {
    sheet
        .columns
        .iter()
        .find(|(_, c)| c.key == key)
        .map_or(0, |(col, _)| *col)
}

/// The record keys (dotted) a workbook carries: its record columns, and
/// `materials` / `process` / `fee.items` when it has those sheets. Never
/// `code`.
fn carried_keys(sheets: &[SheetData]) -> Vec<&'static str> {
    let mut keys = Vec::new();
    for sheet in sheets {
        match sheet.sheet {
            Sheet::Items => keys.extend(
                sheet
                    .columns
                    .iter()
                    .map(|(_, c)| *c)
                    .filter(|c: &&Column| c.is_record_key() && c.key != "code")
                    .map(|c| c.key),
            ),
            Sheet::Materials | Sheet::Steps | Sheet::Locations | Sheet::Charges => {
                keys.extend(sheet.sheet.list_key());
            }
        }
    }
    keys
}

fn top_keys(carried: &[&'static str]) -> Vec<&'static str> {
    let mut tops: Vec<&'static str> = Vec::new();
    for key in carried {
        let top = key.split('.').next().unwrap_or(key);
        if !tops.contains(&top) {
            tops.push(top);
        }
    }
    tops
}

/// The existing record with the carried keys taken from the sheet (absent
/// in the sheet: removed). With `keep_step_materials` (a steps sheet without
/// 提交材料) steps keep the material names of the existing step of the same
/// name.
fn merge_record(
    old: &Value,
    sheet: &Map<String, Value>,
    carried: &[&'static str],
    keep_step_materials: bool,
) -> Value {
    let mut merged = old.clone();
    for key in carried {
        let mut new_value = get_path(sheet, key);
        if *key == "process"
            && keep_step_materials
            && let Some(Value::Array(steps)) = &mut new_value
        {
            keep_materials_of_steps(old.get("process"), steps);
        }
        set_or_remove_path(&mut merged, key, new_value);
    }
    merged
}

fn keep_materials_of_steps(old: Option<&Value>, steps: &mut [Value]) {
    let Some(Value::Array(old_steps)) = old else {
        return;
    };
    for step in steps {
        let name = step.get("name").cloned();
        let previous = old_steps.iter().find(|s| s.get("name") == name.as_ref());
        if let Some(materials) = previous.and_then(|s| s.get("materials"))
            && let Value::Object(map) = step
        {
            map.insert("materials".into(), materials.clone());
        }
    }
}

/// A record as its typed form writes it (enumeration keys, defaults left
/// out), so that `医疗卫生` and `health` compare equal; as it is when it is
/// not a valid record.
fn canonical(value: &Value) -> Value {
    match Item::deserialize(value) {
        Ok(item) => serde_json::to_value(item).expect("items serialize"),
        Err(_) => value.clone(),
    }
}

fn get_path(map: &Map<String, Value>, key: &str) -> Option<Value> {
    let mut parts = key.split('.');
    let mut value = map.get(parts.next()?)?;
    for part in parts {
        value = value.get(part)?;
    }
    Some(value.clone())
}

/// `value` appended to the list at the dotted `key`, created when absent.
fn push_path(map: &mut Map<String, Value>, key: &str, value: Value) {
    match key.split_once('.') {
        None => {
            if let Value::Array(list) = map.entry(key).or_insert_with(|| Value::Array(Vec::new())) {
                list.push(value);
            }
        }
        Some((head, rest)) => {
            if let Value::Object(child) =
                map.entry(head).or_insert_with(|| Value::Object(Map::new()))
            {
                push_path(child, rest, value);
            }
        }
    }
}

fn set_path(map: &mut Map<String, Value>, key: &str, value: Value) {
    match key.split_once('.') {
        None => {
            map.insert(key.to_string(), value);
        }
        Some((head, rest)) => {
            let child = map.entry(head).or_insert_with(|| Value::Object(Map::new()));
            if let Value::Object(child) = child {
                set_path(child, rest, value);
            }
        }
    }
}

fn set_or_remove(record: &mut Value, key: &str, value: Option<Value>) {
    if let Value::Object(map) = record {
        match value {
            Some(v) => {
                map.insert(key.to_string(), v);
            }
            None => {
                map.remove(key);
            }
        }
    }
}

/// Sets a dotted key, or removes it (and a parent left empty).
fn set_or_remove_path(record: &mut Value, key: &str, value: Option<Value>) {
    let Value::Object(map) = record else { return };
    match (key.split_once('.'), value) {
        (None, value) => set_or_remove(record, key, value),
        (Some((head, rest)), Some(value)) => {
            let child = map.entry(head).or_insert_with(|| Value::Object(Map::new()));
            if !child.is_object() {
                *child = Value::Object(Map::new());
            }
            set_or_remove_path(child, rest, Some(value));
        }
        (Some((head, rest)), None) => {
            if let Some(child) = map.get_mut(head) {
                set_or_remove_path(child, rest, None);
                if child.as_object().is_some_and(Map::is_empty) {
                    map.remove(head);
                }
            }
        }
    }
}

/// Department ids become folder names: the register's pattern, no more.
fn safe_folder_name(id: &str) -> bool {
    let mut chars = id.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        && id.len() <= 32
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '-')
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn dotted_keys() {
        let mut record = json!({"fee": {"charged": true, "basis": "x"}, "name": "a"});
        set_or_remove_path(&mut record, "fee.basis", None);
        assert_eq!(record, json!({"fee": {"charged": true}, "name": "a"}));
        set_or_remove_path(&mut record, "fee.charged", None);
        assert_eq!(record, json!({"name": "a"}));
        set_or_remove_path(&mut record, "time_limit.legal", Some(json!("无")));
        assert_eq!(record, json!({"name": "a", "time_limit": {"legal": "无"}}));
    }

    #[test]
    fn folder_names() {
        assert!(safe_folder_name("wsjw"));
        assert!(safe_folder_name("a-1_b"));
        assert!(!safe_folder_name("../x"));
        assert!(!safe_folder_name(""));
        assert!(!safe_folder_name("WSJW"));
    }
}
