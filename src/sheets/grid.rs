//! One sheet's cells, fed in row order by the xlsx or csv reader, made into
//! a header and rows of the known columns. Only the first rows are kept
//! whole (to find the header); after that only cells of known columns are
//! kept, so a sheet of 100,000 columns costs no more than one of 30.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU32, AtomicU64, AtomicUsize, Ordering};

use crate::columns::{Column, Sheet};
use crate::finding::{Finding, Message, Severity};

use super::read::{Cell, Row, SheetData};
use super::{RULE, cell_finding, column_letters};

/// The header is looked for in the first rows: a title row or two above it
/// is common in hand-made workbooks.
pub const HEADER_SCAN_ROWS: u32 = 10;
/// Excel's last column is XFD: anything beyond is not a spreadsheet's.
pub const MAX_COLUMNS: u32 = 16_384;
/// Unknown headers reported one by one before they are summed up.
const UNKNOWN_HEADERS_LISTED: usize = 10;

/// How much of one sheet is read (docs/workbooks.md): rows kept (rows with
/// something in a column of the record) and cells looked at. Reading stops
/// where either is reached, with one finding naming the row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    pub rows: u32,
    pub cells: u64,
    /// Findings of one rule in one workbook kept while reading (`import
    /// --max-per-file`); the rest are counted in one marker (`finding::cap`).
    pub per_file: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            rows: DEFAULT_MAX_ROWS,
            cells: DEFAULT_MAX_CELLS,
            per_file: crate::finding::DEFAULT_MAX_PER_FILE,
        }
    }
}

/// The default of `--max-rows`: a city's 10,000 items with several
/// materials each fit.
pub const DEFAULT_MAX_ROWS: u32 = 100_000;
/// The default of `--max-cells`.
pub const DEFAULT_MAX_CELLS: u64 = 5_000_000;

static MAX_ROWS: AtomicU32 = AtomicU32::new(DEFAULT_MAX_ROWS);
static MAX_CELLS: AtomicU64 = AtomicU64::new(DEFAULT_MAX_CELLS);
static MAX_PER_FILE: AtomicUsize = AtomicUsize::new(crate::finding::DEFAULT_MAX_PER_FILE);

/// Sets the limits of every sheet read from now on (the CLI's `--max-rows`
/// and `--max-cells`).
pub fn set_limits(limits: Limits) {
    MAX_ROWS.store(limits.rows.max(1), Ordering::Relaxed);
    MAX_CELLS.store(limits.cells.max(1), Ordering::Relaxed);
    MAX_PER_FILE.store(limits.per_file.max(1), Ordering::Relaxed);
}

/// The limits in force.
pub fn limits() -> Limits {
    Limits {
        rows: MAX_ROWS.load(Ordering::Relaxed),
        cells: MAX_CELLS.load(Ordering::Relaxed),
        per_file: MAX_PER_FILE.load(Ordering::Relaxed),
    }
}

/// A rectangle of merged cells, 0-based and inclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Merge {
    pub first: (u32, u32),
    pub last: (u32, u32),
}

impl Merge {
    /// One column, several rows: the value is meant for every row.
    fn is_vertical(&self) -> bool {
        self.first.1 == self.last.1 && self.last.0 > self.first.0
    }
    fn covers_row(&self, row: u32) -> bool {
        (self.first.0..=self.last.0).contains(&row)
    }
    fn covers_column(&self, col: u32) -> bool {
        (self.first.1..=self.last.1).contains(&col)
    }
    fn name(&self) -> String {
        let cell = |(r, c): (u32, u32)| format!("{}{}", column_letters(c), r + 1);
        format!("{}:{}", cell(self.first), cell(self.last))
    }
}

/// The last row, when it has nothing in a column of the record (only a
/// 序号, say) and no merge may fill it: not a row, so not kept (a million
/// such rows cost nothing).
fn drop_hollow_last_row(rows: &mut Vec<Row>, merges: &[Merge]) {
    let Some(last) = rows.last() else { return };
    let hollow = !last
        .cells
        .iter()
        .any(|(_, c, cell)| c.is_record_key() && !cell.is_empty());
    let number = last.number;
    if hollow && !merges.iter().any(|m| m.covers_row(number - 1)) {
        rows.pop();
    }
}

enum State {
    /// Keeping whole rows until the header is found.
    Scanning(Vec<(u32, Vec<(u32, Cell)>)>),
    /// The header row and the known columns (by 0-based column).
    Reading {
        header_row: u32,
        columns: Vec<(u32, &'static Column)>,
        index: HashMap<u32, usize>,
    },
    /// No usable header: the rest is ignored.
    Unusable,
}

/// Builds one sheet from its cells.
pub struct SheetBuilder<'a> {
    sheet: Sheet,
    name: String,
    workbook: &'a str,
    merges: Vec<Merge>,
    state: State,
    rows: Vec<Row>,
    beyond_last_column: bool,
    findings: Vec<Finding>,
    limits: Limits,
    /// Cells looked at so far.
    cells_seen: u64,
    /// The 1-based row where reading stopped, and which limit stopped it.
    cut: Option<(u32, &'static str)>,
}

impl<'a> SheetBuilder<'a> {
    /// `name` as the workbook spells it; empty for a csv file (cells are
    /// then named `G12`).
    pub fn new(sheet: Sheet, name: &str, workbook: &'a str, merges: Vec<Merge>) -> Self {
        SheetBuilder {
            sheet,
            name: name.to_string(),
            workbook,
            merges,
            state: State::Scanning(Vec::new()),
            rows: Vec::new(),
            beyond_last_column: false,
            findings: Vec::new(),
            limits: limits(),
            cells_seen: 0,
            cut: None,
        }
    }

    /// Whether a limit was reached: the reader stops feeding cells.
    pub fn full(&self) -> bool {
        self.cut.is_some()
    }

    /// One cell (0-based row and column), in row order. `formula` is the
    /// formula of a cell whose cached value `cell` is.
    pub fn push(&mut self, row: u32, col: u32, cell: Cell, formula: Option<&str>) {
        if self.cut.is_some() {
            return;
        }
        self.cells_seen += 1;
        if self.cells_seen > self.limits.cells {
            self.cut = Some((row + 1, "cells"));
            return;
        }
        if col >= MAX_COLUMNS {
            self.beyond_last_column = true;
            return;
        }
        if cell.is_empty() && formula.is_none() {
            return;
        }
        if let State::Scanning(pending) = &mut self.state {
            if row < HEADER_SCAN_ROWS {
                if let Some(finding) = formula
                    .and_then(|f| formula_finding(self.workbook, &self.name, row, col, f, &cell))
                {
                    self.findings.push(finding);
                }
                match pending.last_mut() {
                    Some((r, cells)) if *r == row => cells.push((col, cell)),
                    _ => pending.push((row, vec![(col, cell)])),
                }
                return;
            }
            self.decide();
        }
        self.keep(row, col, cell, formula);
    }

    /// A cell of a data row, kept when its column is known.
    fn keep(&mut self, row: u32, col: u32, cell: Cell, formula: Option<&str>) {
        let State::Reading {
            header_row,
            columns,
            index,
        } = &self.state
        else {
            return;
        };
        if row <= *header_row {
            return;
        }
        let Some(&i) = index.get(&col) else { return };
        if let Some(finding) =
            formula.and_then(|f| formula_finding(self.workbook, &self.name, row, col, f, &cell))
        {
            self.findings.push(finding);
        }
        let number = row + 1;
        if self.rows.last().is_none_or(|r| r.number != number) {
            drop_hollow_last_row(&mut self.rows, &self.merges);
            if self.rows.len() >= self.limits.rows as usize {
                self.cut = Some((number, "rows"));
                return;
            }
            let cells = columns
                .iter()
                .map(|(c, column)| (*c, *column, Cell::Empty))
                .collect();
            self.rows.push(Row { number, cells });
        }
        if let Some(last) = self.rows.last_mut() {
            last.cells[i].2 = cell;
        }
    }

    /// Finds the header among the rows kept so far, then reads the rows
    /// below it.
    fn decide(&mut self) {
        let State::Scanning(mut pending) = std::mem::replace(&mut self.state, State::Unusable)
        else {
            return;
        };
        fill_vertical_merges_in_pending(&mut pending, &self.merges);
        let scores: Vec<usize> = pending
            .iter()
            .map(|(_, cells)| self.known_headers(cells))
            .collect();
        let best = scores
            .iter()
            .enumerate()
            .max_by_key(|(i, s)| (**s, std::cmp::Reverse(*i)))
            .map(|(i, s)| (i, *s));
        let Some((at, _)) = best.filter(|(_, s)| *s > 0) else {
            let row = pending.first().map_or(0, |(r, _)| *r);
            self.missing_columns(row, &[]);
            return;
        };
        let (header_row, header) = pending[at].clone();
        let Some(columns) = self.header_columns(header_row, &header) else {
            return;
        };
        self.header_merges(header_row);
        let index = columns
            .iter()
            .enumerate()
            .map(|(i, (c, _))| (*c, i))
            .collect();
        self.state = State::Reading {
            header_row,
            columns,
            index,
        };
        for (row, cells) in pending.into_iter().skip(at + 1) {
            for (col, cell) in cells {
                // Formula findings were given while scanning.
                self.keep(row, col, cell, None);
            }
        }
    }

    fn known_headers(&self, cells: &[(u32, Cell)]) -> usize {
        cells
            .iter()
            .filter(|(_, c)| c.text().is_some_and(|t| self.sheet.column(&t).is_some()))
            .count()
    }

    /// The known columns of the header row; `None` (and a finding) when a
    /// required one is missing.
    fn header_columns(
        &mut self,
        header_row: u32,
        header: &[(u32, Cell)],
    ) -> Option<Vec<(u32, &'static Column)>> {
        let mut columns: Vec<(u32, &'static Column)> = Vec::new();
        let mut unknown = 0;
        for (col, cell) in header {
            let Some(text) = cell.text().filter(|t| !t.is_empty()) else {
                continue;
            };
            let at = |key| {
                let message = Message::new(key).arg("header", text.as_str());
                cell_finding(
                    &RULE,
                    Severity::Warning,
                    self.workbook,
                    &self.name,
                    header_row + 1,
                    *col,
                    message,
                )
            };
            match self.sheet.column(&text) {
                None => {
                    unknown += 1;
                    if unknown <= UNKNOWN_HEADERS_LISTED {
                        self.findings.push(at("import.unknown_header"));
                    }
                }
                Some(c) if columns.iter().any(|(_, seen)| seen.key == c.key) => {
                    self.findings.push(at("import.duplicate_header"))
                }
                Some(c) => columns.push((*col, c)),
            }
        }
        if unknown > UNKNOWN_HEADERS_LISTED {
            let message = Message::new("import.more_unknown_headers")
                .arg("count", unknown - UNKNOWN_HEADERS_LISTED);
            self.findings
                .push(self.sheet_finding(Severity::Warning, message));
        }
        let missing: Vec<&Column> = self
            .sheet
            .columns()
            .iter()
            .filter(|c| c.required && !columns.iter().any(|(_, f)| f.key == c.key))
            .collect();
        if !missing.is_empty() {
            self.missing_columns(header_row, &missing);
            return None;
        }
        columns.sort_by_key(|(c, _)| *c);
        Some(columns)
    }

    fn missing_columns(&mut self, header_row: u32, missing: &[&Column]) {
        let all: Vec<&Column> = self.sheet.columns().iter().filter(|c| c.required).collect();
        let missing = if missing.is_empty() {
            all.as_slice()
        } else {
            missing
        };
        let message = super::read::missing_columns_message(missing);
        self.findings.push(cell_finding(
            &RULE,
            Severity::Error,
            self.workbook,
            &self.name,
            header_row + 1,
            0,
            message,
        ));
    }

    /// Merged cells across columns of the header: only the first column
    /// has a name; the others are not read.
    fn header_merges(&mut self, header_row: u32) {
        for merge in self.merges.clone() {
            if merge.covers_row(header_row) && merge.last.1 > merge.first.1 {
                let message = Message::new("import.merged_header").arg("cells", merge.name());
                let (row, col) = merge.first;
                self.findings.push(cell_finding(
                    &RULE,
                    Severity::Warning,
                    self.workbook,
                    &self.name,
                    row + 1,
                    col,
                    message,
                ));
            }
        }
    }

    /// Merged cells below the header: a merge down one column gives every
    /// row its value (a warning says so); any other merge keeps its value
    /// in its first cell only.
    fn data_merges(&mut self) {
        let State::Reading {
            header_row, index, ..
        } = &self.state
        else {
            return;
        };
        let (header_row, index) = (*header_row, index.clone());
        for merge in self.merges.clone() {
            if merge.last.0 <= header_row || !index.keys().any(|c| merge.covers_column(*c)) {
                continue;
            }
            let (row, col) = merge.first;
            let key = if merge.is_vertical() && row > header_row {
                self.fill_down(&merge, index[&col]);
                "import.merged_filled"
            } else {
                "import.merged_cells"
            };
            let message = Message::new(key).arg("cells", merge.name());
            self.findings.push(cell_finding(
                &RULE,
                Severity::Warning,
                self.workbook,
                &self.name,
                row + 1,
                col,
                message,
            ));
        }
    }

    fn fill_down(&mut self, merge: &Merge, i: usize) {
        let top = merge.first.0 + 1;
        let Some(value) = self
            .rows
            .iter()
            .find(|r| r.number == top)
            .map(|r| r.cells[i].2.clone())
        else {
            return;
        };
        for row in self
            .rows
            .iter_mut()
            .filter(|r| r.number > top && r.number <= merge.last.0 + 1)
        {
            if row.cells[i].2.is_empty() {
                row.cells[i].2 = value.clone();
            }
        }
    }

    fn sheet_finding(&self, severity: Severity, message: Message) -> Finding {
        let mut finding = Finding::new(&RULE, message).in_file(self.workbook);
        finding.severity = severity;
        if !self.name.is_empty() {
            finding.path = Some(self.name.clone());
        }
        finding
    }

    /// The sheet, or `None` when it has no usable header. Rows with nothing
    /// in a column of the record (only a 序号, say) are not rows.
    pub fn finish(mut self, findings: &mut Vec<Finding>) -> Option<SheetData> {
        if matches!(self.state, State::Scanning(_)) {
            self.decide();
        }
        if self.beyond_last_column {
            let message = Message::new("import.beyond_last_column");
            self.findings
                .push(self.sheet_finding(Severity::Warning, message));
        }
        if let Some((row, limit)) = self.cut {
            let message = Message::new(if limit == "rows" {
                "import.too_many_rows"
            } else {
                "import.too_many_cells"
            })
            .arg("row", u64::from(row))
            .arg(
                "limit",
                if limit == "rows" {
                    u64::from(self.limits.rows)
                } else {
                    self.limits.cells
                },
            );
            let mut finding = self.sheet_finding(Severity::Error, message);
            finding.location = Some(crate::finding::Location::Point {
                line: row,
                column: 1,
            });
            self.findings.push(finding);
        }
        self.data_merges();
        findings.append(&mut self.findings);
        let State::Reading { columns, .. } = self.state else {
            return None;
        };
        let rows = self
            .rows
            .into_iter()
            .filter(|r| {
                r.cells
                    .iter()
                    .any(|(_, c, cell)| c.is_record_key() && !cell.is_empty())
            })
            .collect();
        Some(SheetData {
            sheet: self.sheet,
            name: self.name,
            columns,
            rows,
        })
    }
}

/// A merge down one column within the first rows (a two-row header whose
/// names span both rows) gives its text to each row it covers.
fn fill_vertical_merges_in_pending(pending: &mut Vec<(u32, Vec<(u32, Cell)>)>, merges: &[Merge]) {
    for merge in merges
        .iter()
        .filter(|m| m.is_vertical() && m.first.0 < HEADER_SCAN_ROWS)
    {
        let (row, col) = merge.first;
        let value = pending
            .iter()
            .find(|(r, _)| *r == row)
            .and_then(|(_, cells)| cells.iter().find(|(c, _)| *c == col));
        let Some((_, value)) = value.cloned() else {
            continue;
        };
        for target in row + 1..=merge.last.0.min(HEADER_SCAN_ROWS - 1) {
            match pending.iter().position(|(r, _)| *r >= target) {
                Some(p) if pending[p].0 == target => {
                    let cells = &mut pending[p].1;
                    if !cells.iter().any(|(c, _)| *c == col) {
                        cells.push((col, value.clone()));
                        cells.sort_by_key(|(c, _)| *c);
                    }
                }
                Some(p) => pending.insert(p, (target, vec![(col, value.clone())])),
                None => pending.push((target, vec![(col, value.clone())])),
            }
        }
    }
}

/// A formula cell with a cached value: the value is read, and a warning
/// says so. One without a cached value is unreadable, and reported where
/// its cell is read.
fn formula_finding(
    workbook: &str,
    sheet: &str,
    row: u32,
    col: u32,
    formula: &str,
    cell: &Cell,
) -> Option<Finding> {
    let value = cell.text()?;
    let formula: String = formula.chars().take(60).collect();
    let message = Message::new("import.formula_value")
        .arg("formula", formula)
        .arg("value", value);
    Some(cell_finding(
        &RULE,
        Severity::Warning,
        workbook,
        sheet,
        row + 1,
        col,
        message,
    ))
}
