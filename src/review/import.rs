//! A filled review workbook back into `reviews/<round>/<department>.yaml`:
//! an office's workbook gives opinions (new ones, or changes to its own),
//! a department's gives responses. Rows find their item by 事项编码 or 文件
//! and their opinion by 意见编号. The whole workbook is checked first;
//! with any error nothing of it is written.

use std::collections::BTreeMap;

use calamine::{Data, Reader};
use serde_json::Value;

use crate::catalog::{Catalog, LoadedItem};
use crate::columns::{Choices, Column};
use crate::finding::{Finding, Message, Severity};
use crate::model::{Decision, Labelled, Opinion, Reviewer, Round};
use crate::rounds::fingerprint::fingerprint;
use crate::rounds::reviews::{self, ItemIndex};
use crate::sheets::cell_finding;
use crate::sheets::import::{Workbook, unreadable};
use crate::sheets::read::{self, Cell, Row};
use crate::source::Source;

use super::RULE;
use super::columns::{About, IMPORT_COLUMNS, ReviewSheet};
use super::file::Current;
use super::select::Audience;

/// What a workbook says it is, from its 汇总 sheet.
#[derive(Debug, Clone, PartialEq)]
pub struct Header {
    pub round: Round,
    pub audience: Audience,
}

/// One review file to write.
#[derive(Debug, Clone)]
pub struct Planned {
    /// `reviews/<round>/<department>.yaml`.
    pub file: String,
    pub text: String,
    pub added: usize,
    pub updated: usize,
    pub answered: usize,
}

/// The outcome of reading one workbook.
#[derive(Debug, Default)]
pub struct Plan {
    pub workbook: String,
    pub header: Option<Header>,
    /// Empty when the workbook has an error.
    pub files: Vec<Planned>,
    pub findings: Vec<Finding>,
    /// The workbook could not be opened at all.
    pub unreadable: bool,
}

impl Plan {
    pub fn has_errors(&self) -> bool {
        self.findings.iter().any(|f| f.severity == Severity::Error)
    }
}

/// Reads `workbook` against the catalog and the review files as they are
/// now, and plans the review files to write.
pub fn plan(catalog: &Catalog, source: &dyn Source, workbook: Workbook, force: bool) -> Plan {
    let mut plan = Plan {
        workbook: workbook.label.clone(),
        ..Plan::default()
    };
    let sheets = match read_sheets(workbook.bytes) {
        Ok(sheets) => sheets,
        Err(message) => {
            plan.findings.push(unreadable(&workbook.label, message));
            plan.unreadable = true;
            return plan;
        }
    };
    let header = match header(catalog, &sheets.about) {
        Ok(header) => header,
        Err((message, Some(row))) => {
            let (sheet, value_column) = (&sheets.summary, 1);
            let finding = cell_finding(
                &RULE,
                RULE.default_severity,
                &workbook.label,
                sheet,
                row,
                value_column,
                message,
            );
            plan.findings.push(finding);
            return plan;
        }
        Err((message, None)) => {
            plan.findings
                .push(Finding::new(&RULE, message).in_file(workbook.label.as_str()));
            return plan;
        }
    };
    let Some((sheet_name, range)) = sheets.opinions else {
        plan.findings.push(
            Finding::new(&RULE, Message::new("review.no_opinions_sheet"))
                .in_file(workbook.label.as_str()),
        );
        return plan;
    };
    let Some((_, rows)) = read::read_table(
        IMPORT_COLUMNS.as_slice(),
        &sheet_name,
        &range,
        &workbook.label,
        &mut plan.findings,
    ) else {
        return plan;
    };
    let mut state = State {
        catalog,
        source,
        index: ItemIndex::new(catalog),
        header: header.clone(),
        force,
        at: At {
            workbook: workbook.label.clone(),
            sheet: sheet_name,
        },
        files: BTreeMap::new(),
        seen: Vec::new(),
        findings: Vec::new(),
    };
    for row in &rows {
        state.row(row);
    }
    plan.findings.append(&mut state.findings);
    plan.header = Some(header);
    if !plan.has_errors() {
        plan.files = state
            .files
            .into_values()
            .flatten()
            .filter_map(FileChanges::planned)
            .collect();
    }
    plan
}

/// The sheets import reads.
struct Sheets {
    /// 汇总 as spelled in the workbook.
    summary: String,
    /// The description rows of 汇总: label cell, value cell, the row (from 1).
    about: Vec<(About, String, u32)>,
    /// 意见: its name as spelled, its cells.
    opinions: Option<(String, calamine::Range<Data>)>,
}

fn read_sheets(bytes: Vec<u8>) -> Result<Sheets, Message> {
    let mut book = read::open(bytes)?;
    let mut sheets = Sheets {
        summary: String::new(),
        about: Vec::new(),
        opinions: None,
    };
    for name in book.sheet_names() {
        match ReviewSheet::from_name(&name) {
            Some(ReviewSheet::Summary) if sheets.about.is_empty() => {
                let range = worksheet_range(&mut book, &name)?;
                sheets.about = about_rows(&range);
                sheets.summary = name.clone();
            }
            Some(ReviewSheet::Opinions) if sheets.opinions.is_none() => {
                let range = worksheet_range(&mut book, &name)?;
                sheets.opinions = Some((name.clone(), range));
            }
            _ => {}
        }
    }
    Ok(sheets)
}

/// A sheet's cells, or why the workbook cannot be read (a malformed sheet
/// is an unreadable workbook too).
fn worksheet_range<R: std::io::Read + std::io::Seek>(
    book: &mut calamine::Xlsx<R>,
    name: &str,
) -> Result<calamine::Range<Data>, Message> {
    crate::sheets::xlsx::worksheet_range(book, name)
        .map_err(|error| Message::new("import.unreadable_file").arg("error", error))
}

/// The rows at the top of 汇总 down to the first empty one: a label in the
/// first column, its value (a key or an id) in the second, and the row.
fn about_rows(range: &calamine::Range<Data>) -> Vec<(About, String, u32)> {
    let text = |data: Option<&Data>| {
        data.map(Cell::from_data)
            .and_then(|c| c.text())
            .unwrap_or_default()
    };
    let first_row = range.start().map_or(0, |(row, _)| row);
    let mut out = Vec::new();
    for (i, cells) in range.rows().enumerate() {
        let label = text(cells.first());
        if label.is_empty() {
            break;
        }
        if let Some(about) = About::from_label(&label) {
            let row = first_row.saturating_add(i as u32).saturating_add(1);
            out.push((about, text(cells.get(1)), row));
        }
    }
    out
}

/// The round and the audience the 汇总 sheet names; what is wrong with it,
/// with the row of the value cell at fault when there is one.
fn header(
    catalog: &Catalog,
    about: &[(About, String, u32)],
) -> Result<Header, (Message, Option<u32>)> {
    let value = |wanted: About| {
        about
            .iter()
            .find(|(a, _, _)| *a == wanted)
            .map(|(_, v, row)| (v.as_str(), *row))
    };
    let not_a_workbook = || (Message::new("review.not_a_workbook"), None);
    let (round_text, round_row) = value(About::Round).ok_or_else(not_a_workbook)?;
    let round = Round::parse(round_text).ok_or_else(|| {
        let message = Message::new("review.unknown_round").arg("round", round_text);
        (message, Some(round_row))
    })?;
    let unknown = |id: &str, row| {
        let message = Message::new("review.unknown_audience").arg("id", id);
        (message, Some(row))
    };
    let audience = match (value(About::Department), value(About::Reviewer)) {
        (Some((id, row)), _) => {
            catalog.department(id).ok_or_else(|| unknown(id, row))?;
            Audience::Department(id.to_string())
        }
        (None, Some((id, row))) => {
            Audience::Reviewer(catalog.reviewer(id).ok_or_else(|| unknown(id, row))?)
        }
        (None, None) => return Err(not_a_workbook()),
    };
    Ok(Header { round, audience })
}

/// Where findings point: the workbook as given and the 意见 sheet.
struct At {
    workbook: String,
    sheet: String,
}

/// One review file being changed.
struct FileChanges {
    path: String,
    current: Current,
    /// The file's opinions as loaded (to check what a row's 意见编号 names).
    loaded: Vec<Opinion>,
    /// The file's opinions as written, with this workbook's changes.
    opinions: Vec<Value>,
    added: usize,
    updated: usize,
    answered: usize,
}

impl FileChanges {
    fn planned(self) -> Option<Planned> {
        if self.added + self.updated + self.answered == 0 {
            return None;
        }
        let text = self.current.with_opinions(self.opinions);
        Some(Planned {
            file: self.path,
            text,
            added: self.added,
            updated: self.updated,
            answered: self.answered,
        })
    }
}

/// The cells of one row that import reads.
struct RowCells<'r> {
    row: &'r Row,
}

impl<'r> RowCells<'r> {
    fn cell(&self, key: &str) -> Option<(u32, &'static Column, &'r Cell)> {
        self.row
            .cells
            .iter()
            .find(|(_, c, _)| c.key == key)
            .map(|(col, c, cell)| (*col, *c, cell))
    }

    /// A cell's text, trimmed; empty when absent.
    fn text(&self, key: &str) -> String {
        self.cell(key)
            .and_then(|(_, _, cell)| cell.text())
            .unwrap_or_default()
    }

    /// The column of `key` (the first cell's when the sheet lacks it).
    fn column(&self, key: &str) -> u32 {
        self.cell(key).map_or_else(
            || self.row.cells.first().map_or(0, |c| c.0),
            |(col, _, _)| col,
        )
    }
}

struct State<'a> {
    catalog: &'a Catalog,
    source: &'a dyn Source,
    index: ItemIndex<'a>,
    header: Header,
    force: bool,
    at: At,
    /// Department → its review file of the round.
    files: BTreeMap<String, Option<FileChanges>>,
    /// (department, 意见编号, row) already claimed by a row.
    seen: Vec<(String, u64, u32)>,
    findings: Vec<Finding>,
}

/// What a row changes in one opinion.
struct Target {
    department: String,
    /// 0-based index in the review file, when the row names an opinion.
    index: Option<usize>,
}

impl<'a> State<'a> {
    fn finding(&mut self, row: &Row, column: u32, severity: Severity, message: Message) {
        let finding = cell_finding(
            &RULE,
            severity,
            &self.at.workbook,
            &self.at.sheet,
            row.number,
            column,
            message,
        );
        self.findings.push(finding);
    }

    fn error(&mut self, row: &Row, column: u32, message: Message) {
        self.finding(row, column, Severity::Error, message);
    }

    fn row(&mut self, row: &Row) {
        let cells = RowCells { row };
        let Some(loaded) = self.item(&cells) else {
            return;
        };
        let Some(item) = loaded.item.as_ref() else {
            return self.error(
                row,
                cells.column("file"),
                Message::new("review.item_unreadable").arg("file", loaded.file.as_str()),
            );
        };
        let exported = cells.text("fingerprint");
        // A department answers 修改 by changing the item: its workbook is
        // stale only when the opinions changed since the export (the
        // office's cells, checked with the response).
        let answering = matches!(self.header.audience, Audience::Department(_));
        if !answering && !self.fresh(&cells, &item.name, &exported, &fingerprint(item)) {
            return;
        }
        let Some(target) = self.target(&cells, loaded, &item.department) else {
            return;
        };
        match self.header.audience.clone() {
            Audience::Department(_) => self.response(&cells, target),
            Audience::Reviewer(reviewer) => {
                self.opinion(&cells, target, loaded, &reviewer, &exported)
            }
        }
    }

    /// The item a row names: by 事项编码, else by 文件.
    fn item(&mut self, cells: &RowCells) -> Option<&'a LoadedItem> {
        let (code, file) = (cells.text("code"), cells.text("file"));
        let found = [&code, &file]
            .into_iter()
            .filter(|t| !t.is_empty())
            .find_map(|t| self.index.find(t));
        if found.is_none() {
            let column = cells.column(if code.is_empty() { "file" } else { "code" });
            let message = if code.is_empty() && file.is_empty() {
                Message::new("review.no_item")
            } else {
                Message::new("review.row_unknown_item")
                    .arg("item", if code.is_empty() { file } else { code })
            };
            self.error(cells.row, column, message);
        }
        found
    }

    /// The item is as it was exported; with `force`, a changed item is
    /// accepted with a warning.
    fn fresh(&mut self, cells: &RowCells, name: &str, exported: &str, now: &str) -> bool {
        let column = cells.column("fingerprint");
        if exported.is_empty() {
            self.error(cells.row, column, Message::new("review.no_fingerprint"));
            return false;
        }
        if exported == now {
            return true;
        }
        let (key, severity) = if self.force {
            ("review.stale_forced", Severity::Warning)
        } else {
            ("review.stale", Severity::Error)
        };
        let message = Message::new(key)
            .arg("name", name)
            .arg("then", exported)
            .arg("now", now);
        self.finding(cells.row, column, severity, message);
        self.force
    }

    /// The review file the row goes to and the opinion its 意见编号 names,
    /// checked to be an opinion on this item (of this reviewer, in an
    /// office's workbook).
    fn target(
        &mut self,
        cells: &RowCells,
        loaded: &LoadedItem,
        department: &str,
    ) -> Option<Target> {
        let column = cells.column("opinion_no");
        let number = match cells
            .cell("opinion_no")
            .map(|(_, c, cell)| read::cell_value(c, cell, &[]))
        {
            None | Some(Ok(None)) => None,
            Some(Ok(Some(value))) => value.as_u64(),
            Some(Err(message)) => {
                self.error(cells.row, column, message);
                return None;
            }
        };
        let file = self.file(cells.row, department)?;
        let Some(number) = number else {
            return Some(Target {
                department: department.to_string(),
                index: None,
            });
        };
        let path = file.path.clone();
        let opinion = file.loaded.get(number as usize - 1).cloned();
        let ours = opinion.as_ref().is_some_and(|o| {
            let same_item = self
                .index
                .find(&o.item)
                .is_some_and(|l| l.file == loaded.file);
            let same_reviewer = match &self.header.audience {
                Audience::Reviewer(r) => o.office == *r,
                Audience::Department(_) => true,
            };
            same_item && same_reviewer
        });
        if !ours {
            let message = Message::new("review.opinion_moved")
                .arg("number", number)
                .arg("file", path);
            self.error(cells.row, column, message);
            return None;
        }
        if let Some((_, _, first)) = self
            .seen
            .iter()
            .find(|(d, n, _)| d == department && *n == number)
        {
            let message = Message::new("review.duplicate_opinion_no")
                .arg("number", number)
                .arg("row", u64::from(*first));
            self.error(cells.row, column, message);
            return None;
        }
        self.seen
            .push((department.to_string(), number, cells.row.number));
        Some(Target {
            department: department.to_string(),
            index: Some(number as usize - 1),
        })
    }

    /// The department's review file of the round, read on first use; `None`
    /// (and its findings) when it does not load cleanly.
    fn file(&mut self, row: &Row, department: &str) -> Option<&mut FileChanges> {
        if !self.files.contains_key(department) {
            let loaded = self.load_file(department);
            if loaded.is_none() {
                let message = Message::new("review.file_unusable")
                    .arg("file", reviews::path_of(self.header.round, department));
                self.error(row, row.cells.first().map_or(0, |c| c.0), message);
            }
            self.files.insert(department.to_string(), loaded);
        }
        self.files.get_mut(department).and_then(Option::as_mut)
    }

    fn load_file(&mut self, department: &str) -> Option<FileChanges> {
        let round = self.header.round;
        let path = reviews::path_of(round, department);
        let loaded = match reviews::read_file(self.source, self.catalog, round, department) {
            Ok(doc) => doc.map(|d| d.review.opinions).unwrap_or_default(),
            Err(problems) => {
                self.findings.extend(problems);
                return None;
            }
        };
        let current = Current::read(self.source, &path).ok()?;
        let opinions = current.opinions();
        Some(FileChanges {
            path,
            current,
            loaded,
            opinions,
            added: 0,
            updated: 0,
            answered: 0,
        })
    }

    /// A department's workbook: the response to the row's opinion.
    fn response(&mut self, cells: &RowCells, target: Target) {
        let response = cells.text("response");
        let Some(index) = target.index else {
            if !response.is_empty() {
                self.error(
                    cells.row,
                    cells.column("response"),
                    Message::new("review.nothing_to_answer"),
                );
            }
            return;
        };
        let file = self
            .files
            .get_mut(&target.department)
            .and_then(Option::as_mut)
            .expect("the target's file is loaded");
        let recorded = file.loaded[index].clone();
        if !response.is_empty() && recorded.answer() != Some(response.as_str()) {
            file.opinions[index]["response"] = Value::String(response);
            file.answered += 1;
        }
        self.keep_office_cells(cells, &recorded);
    }

    /// A department cannot change an office's opinion: say so when it tried.
    fn keep_office_cells(&mut self, cells: &RowCells, recorded: &Opinion) {
        let decision = Choices::Decision
            .parse(&cells.text("decision"))
            .and_then(Decision::parse);
        let field = cells.text("field");
        let field_changed = match crate::labels::field_path(&field) {
            Some(path) => Some(path) != recorded.field,
            None => !field.is_empty() || recorded.field.is_some(),
        };
        for (key, changed) in [
            ("opinion", cells.text("opinion") != recorded.opinion.trim()),
            ("decision", decision != Some(recorded.decision)),
            ("field", field_changed),
        ] {
            if changed && let Some((col, column, _)) = cells.cell(key) {
                let message = Message::new("review.department_cannot_change")
                    .localized("column", column.zh, column.en);
                self.finding(cells.row, col, Severity::Warning, message);
            }
        }
    }

    /// An office's workbook: a new opinion, or changes to its own.
    fn opinion(
        &mut self,
        cells: &RowCells,
        target: Target,
        loaded: &LoadedItem,
        reviewer: &Reviewer,
        exported: &str,
    ) {
        let Some(filled) = self.filled(cells, target.index.is_none()) else {
            return;
        };
        let file = self
            .files
            .get_mut(&target.department)
            .and_then(Option::as_mut)
            .expect("the target's file is loaded");
        match target.index {
            Some(index) => {
                let recorded = &file.loaded[index];
                let written = &mut file.opinions[index];
                let mut changed = false;
                if let Some(text) = filled.opinion.filter(|t| *t != recorded.opinion.trim()) {
                    written["opinion"] = Value::String(text);
                    changed = true;
                }
                if let Some(decision) = filled.decision.filter(|d| *d != recorded.decision) {
                    written["decision"] = Value::String(decision.key().to_string());
                    changed = true;
                }
                if filled.field != recorded.field {
                    match &filled.field {
                        Some(path) => written["field"] = Value::String(path.clone()),
                        None => {
                            if let Some(map) = written.as_object_mut() {
                                map.remove("field");
                            }
                        }
                    }
                    changed = true;
                }
                if changed {
                    // The opinion is now on the version the office looked at.
                    written["fingerprint"] = Value::String(exported.to_string());
                }
                if let Some(resolved) = filled.resolved.filter(|r| *r != recorded.resolved) {
                    written["resolved"] = Value::Bool(resolved);
                    changed = true;
                }
                file.updated += usize::from(changed);
            }
            None => {
                let (Some(decision), opinion) = (filled.decision, filled.opinion) else {
                    return;
                };
                let text = opinion.unwrap_or_else(|| decision.zh().to_string());
                // A workbook imported twice gives its opinions once.
                let index = &self.index;
                let given = file.loaded.iter().any(|o| {
                    o.office == *reviewer
                        && o.decision == decision
                        && o.opinion.trim() == text
                        && index.find(&o.item).is_some_and(|l| l.file == loaded.file)
                });
                if given {
                    return;
                }
                let opinion = Opinion {
                    item: loaded
                        .item_ref
                        .code
                        .clone()
                        .unwrap_or_else(|| loaded.file.clone()),
                    office: reviewer.clone(),
                    field: filled.field.clone(),
                    opinion: text,
                    decision,
                    response: None,
                    resolved: filled.resolved.unwrap_or(false),
                    fingerprint: exported.to_string(),
                };
                file.opinions
                    .push(serde_json::to_value(opinion).expect("opinions serialize"));
                file.added += 1;
            }
        }
    }

    /// The office's cells of a row; `None` (and findings) when one cannot
    /// be read, or a new opinion lacks its decision or its text.
    fn filled(&mut self, cells: &RowCells, new: bool) -> Option<Filled> {
        let mut ok = true;
        let mut value = |key: &str| match cells
            .cell(key)
            .map(|(col, c, cell)| (col, read::cell_value(c, cell, &[])))
        {
            None | Some((_, Ok(None))) => None,
            Some((_, Ok(Some(value)))) => Some(value),
            Some((col, Err(message))) => {
                ok = false;
                self.error(cells.row, col, message);
                None
            }
        };
        let opinion = value("opinion").and_then(|v| v.as_str().map(str::to_string));
        let decision = value("decision").and_then(|v| v.as_str().and_then(Decision::parse));
        let resolved = value("resolved").and_then(|v| v.as_bool());
        let field_text = value("field").and_then(|v| v.as_str().map(str::to_string));
        let field = match field_text {
            None => None,
            Some(text) => match crate::labels::field_path(&text) {
                Some(path) => Some(path),
                None => {
                    ok = false;
                    let message = Message::new("review.unknown_field").arg("field", text);
                    self.error(cells.row, cells.column("field"), message);
                    None
                }
            },
        };
        if !ok {
            return None;
        }
        if new && (opinion.is_some() || decision.is_some()) {
            match decision {
                None => {
                    self.error(
                        cells.row,
                        cells.column("decision"),
                        Message::new("review.decision_required"),
                    );
                    return None;
                }
                Some(d) if opinion.is_none() && d != Decision::Pass => {
                    let message = Message::new("review.opinion_required").localized(
                        "decision",
                        d.zh(),
                        d.en(),
                    );
                    self.error(cells.row, cells.column("opinion"), message);
                    return None;
                }
                Some(_) => {}
            }
        }
        Some(Filled {
            opinion,
            decision,
            resolved,
            field,
        })
    }
}

/// What an office wrote in a row (empty cells: `None`).
struct Filled {
    opinion: Option<String>,
    decision: Option<Decision>,
    resolved: Option<bool>,
    /// 字段, as a diff path.
    field: Option<String>,
}
