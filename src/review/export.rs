//! The xlsx of a review workbook: 汇总 (what the workbook is, per item
//! counts), 意见 (the sheet to fill, with drop-downs for 结论 and 已办结),
//! 问题 (every finding), and the hidden sheet of values. Every text is a
//! string cell: nothing a reviewer types or a clerk wrote becomes a formula.

use std::collections::BTreeMap;

use rust_xlsxwriter::{Format, Workbook, Worksheet, XlsxError};

use crate::book::{
    CellOut, ValueList, add_drop_downs, add_lists_sheet, fit_row, new_workbook, write_cell,
    write_headers,
};
use crate::catalog::Catalog;
use crate::columns::{Column, YES_NO};
use crate::diff::Wording;
use crate::finding::{Finding, Severity};
use crate::i18n::Lang;
use crate::model::{Labelled, Opinion, Reviewer, Round};
use crate::rounds::reviews::OpinionState;
use crate::rounds::routing::Reason;

use super::columns::{
    About, CHANGE_COLUMNS, FINDING_COLUMNS, OPINION_COLUMNS, ReviewSheet, SUMMARY_COLUMNS,
};
use super::select::{Audience, Entry, Selection};

/// The workbook's file name: who it is for (id and name) and the round,
/// in Chinese whatever the language of the sheets, so that a receipt names
/// the same file whoever exported it.
pub fn file_name(selection: &Selection, catalog: &Catalog) -> String {
    let round = selection.round.zh();
    let name = match &selection.audience {
        Audience::Department(id) => format!("{id}-{}-{round}反馈", department_name(catalog, id).0),
        Audience::Reviewer(reviewer) => format!(
            "{}-{}-{round}审核",
            reviewer.id(),
            reviewer_name(catalog, reviewer).0
        ),
    };
    format!("{}.xlsx", crate::source::naming::file_stem(&name))
}

/// A department's name in both languages (its register name is its name in either).
fn department_name(catalog: &Catalog, id: &str) -> (String, String) {
    let name = catalog.department(id).map_or(id, |d| d.name.as_str());
    (name.to_string(), name.to_string())
}

/// An office's label, or a supervising department's name.
pub fn reviewer_name(catalog: &Catalog, reviewer: &Reviewer) -> (String, String) {
    match reviewer {
        Reviewer::Office(_) => crate::rounds::gates::reviewer_label(catalog, reviewer),
        Reviewer::Department(id) => department_name(catalog, id),
    }
}

/// The bytes of the workbook; `date` is the export date (YYYY-MM-DD, CST).
pub fn workbook(
    selection: &Selection,
    catalog: &Catalog,
    lang: Lang,
    date: &str,
) -> Result<Vec<u8>, XlsxError> {
    let mut book = new_workbook()?;
    let writer = Writer { catalog, lang };
    writer.summary(
        add_sheet(&mut book, ReviewSheet::Summary, lang)?,
        selection,
        date,
    )?;
    let opinions = add_sheet(&mut book, ReviewSheet::Opinions, lang)?;
    let lists = value_lists(lang);
    write_headers(opinions, &OPINION_COLUMNS, lang, 0)?;
    add_drop_downs(opinions, &OPINION_COLUMNS, lang, &lists)?;
    writer.opinions(opinions, selection)?;
    if selection.round == Round::Adjust {
        writer.changes(add_sheet(&mut book, ReviewSheet::Changes, lang)?, selection)?;
    }
    writer.findings(
        add_sheet(&mut book, ReviewSheet::Findings, lang)?,
        selection,
    )?;
    add_lists_sheet(&mut book, lang, &lists)?;
    book.save_to_buffer()
}

fn add_sheet(
    book: &mut Workbook,
    sheet: ReviewSheet,
    lang: Lang,
) -> Result<&mut Worksheet, XlsxError> {
    let ws = book.add_worksheet();
    ws.set_name(sheet.name(lang))?;
    Ok(ws)
}

/// The drop-down values: 结论 and 是/否.
fn value_lists(lang: Lang) -> Vec<ValueList> {
    let decision = OPINION_COLUMNS
        .iter()
        .find(|c| c.key == "decision")
        .expect("the opinion sheet has 结论");
    vec![
        ValueList::of_choices(decision, lang),
        ValueList::yes_no(lang),
    ]
}

struct Writer<'a> {
    catalog: &'a Catalog,
    lang: Lang,
}

/// One row of a sheet: the text (or number) of each column key.
type Cells = Vec<(&'static str, CellOut)>;

impl Writer<'_> {
    fn pick(&self, (zh, en): (String, String)) -> String {
        self.lang.pick(&zh, &en).to_string()
    }

    /// The description rows (label, key, name), then the per item table.
    fn summary(
        &self,
        ws: &mut Worksheet,
        selection: &Selection,
        date: &str,
    ) -> Result<(), XlsxError> {
        let round = selection.round;
        let (who, id, name) = match &selection.audience {
            Audience::Department(id) => (
                About::Department,
                id.clone(),
                self.pick(department_name(self.catalog, id)),
            ),
            Audience::Reviewer(r) => (
                About::Reviewer,
                r.id().to_string(),
                self.pick(reviewer_name(self.catalog, r)),
            ),
        };
        let about = [
            (
                About::Round,
                round.key().to_string(),
                round_name(round, self.lang).to_string(),
            ),
            (who, id, name),
            (About::Exported, date.to_string(), String::new()),
        ];
        let bold = Format::new().set_bold();
        for (row, (label, key, name)) in about.iter().enumerate() {
            ws.write_string_with_format(row as u32, 0, label.label(self.lang), &bold)?;
            ws.write_string(row as u32, 1, key)?;
            if !name.is_empty() {
                ws.write_string(row as u32, 2, name)?;
            }
        }
        let top = about.len() as u32 + 1;
        write_headers(ws, &SUMMARY_COLUMNS, self.lang, top)?;
        for (i, entry) in selection.entries.iter().enumerate() {
            let open = entry
                .opinions
                .iter()
                .filter(|(_, o)| OpinionState::of(o) == OpinionState::Open)
                .count();
            let mut cells = self.item_cells(entry);
            cells.extend([
                ("errors", number(count(&entry.findings, Severity::Error))),
                (
                    "warnings",
                    number(count(&entry.findings, Severity::Warning)),
                ),
                ("opinions", number(entry.opinions.len())),
                ("open", number(open)),
            ]);
            write_row(ws, top + 1 + i as u32, &SUMMARY_COLUMNS, cells)?;
        }
        Ok(())
    }

    /// A row per opinion; an item without one gets an empty row (a
    /// reviewer writes a new opinion there).
    fn opinions(&self, ws: &mut Worksheet, selection: &Selection) -> Result<(), XlsxError> {
        let mut row = 1;
        for entry in &selection.entries {
            let mut rows: Vec<Option<(usize, &Opinion)>> =
                entry.opinions.iter().map(|(i, o)| Some((*i, *o))).collect();
            if rows.is_empty() {
                rows.push(None);
            }
            for opinion in rows {
                let mut cells = self.item_cells(entry);
                cells.extend(self.opinion_cells(entry, &selection.audience, opinion));
                write_row(ws, row, &OPINION_COLUMNS, cells)?;
                row += 1;
            }
        }
        Ok(())
    }

    fn opinion_cells(
        &self,
        entry: &Entry,
        audience: &Audience,
        opinion: Option<(usize, &Opinion)>,
    ) -> Cells {
        let mut cells = Vec::new();
        let reviewer = opinion
            .map(|(_, o)| o.office.clone())
            .or_else(|| match audience {
                Audience::Reviewer(r) => Some(r.clone()),
                Audience::Department(_) => None,
            });
        match reviewer {
            Some(reviewer) => {
                cells.push((
                    "office",
                    text(self.pick(reviewer_name(self.catalog, &reviewer))),
                ));
                cells.push(("reason", text(self.reasons(&entry.reasons_of(&reviewer)))));
            }
            None => cells.push(("reason", text(self.expected_reviewers(entry)))),
        }
        let findings: Vec<String> = entry
            .findings
            .iter()
            .map(|f| format!("[{}] {}", f.rule, super::TEXTS.text(self.lang, &f.message)))
            .collect();
        cells.push(("findings", text(findings.join("\n"))));
        cells.push(("fingerprint", text(entry.fingerprint.clone())));
        if let Some((index, opinion)) = opinion {
            let yes_no = if opinion.resolved {
                &YES_NO[0]
            } else {
                &YES_NO[1]
            };
            cells.extend([
                ("opinion", text(opinion.opinion.clone())),
                (
                    "decision",
                    text(self.lang.pick(opinion.decision.zh(), opinion.decision.en())),
                ),
                (
                    "response",
                    text(opinion.response.clone().unwrap_or_default()),
                ),
                ("resolved", text(yes_no.text(self.lang))),
                ("opinion_no", number(index + 1)),
            ]);
        }
        cells
    }

    fn reasons(&self, reasons: &[Reason]) -> String {
        let labels: Vec<&str> = reasons
            .iter()
            .map(|r| self.lang.pick(r.label().0, r.label().1))
            .collect();
        labels.join(self.lang.pick("、", ", "))
    }

    /// On an item without opinions: who reviews it and why, `发改委（收费标准）、…`.
    fn expected_reviewers(&self, entry: &Entry) -> String {
        let mut reviewers: Vec<&Reviewer> = Vec::new();
        for route in &entry.routes {
            if !reviewers.contains(&&route.reviewer) {
                reviewers.push(&route.reviewer);
            }
        }
        let parts: Vec<String> = reviewers
            .iter()
            .map(|r| {
                let name = self.pick(reviewer_name(self.catalog, r));
                let reasons = self.reasons(&entry.reasons_of(r));
                self.lang
                    .pick(
                        &format!("{name}（{reasons}）"),
                        &format!("{name} ({reasons})"),
                    )
                    .to_string()
            })
            .collect();
        parts.join(self.lang.pick("、", "; "))
    }

    fn findings(&self, ws: &mut Worksheet, selection: &Selection) -> Result<(), XlsxError> {
        write_headers(ws, &FINDING_COLUMNS, self.lang, 0)?;
        let mut row = 1;
        for entry in &selection.entries {
            for finding in &entry.findings {
                let mut cells = self.item_cells(entry);
                let severity = match finding.severity {
                    Severity::Error => "severity.error",
                    Severity::Warning => "severity.warning",
                };
                cells.extend([
                    ("severity", text(super::TEXTS.tr(self.lang, severity, &[]))),
                    ("rule", text(finding.rule)),
                    ("where", text(place(finding))),
                    (
                        "message",
                        text(super::TEXTS.text(self.lang, &finding.message)),
                    ),
                ]);
                write_row(ws, row, &FINDING_COLUMNS, cells)?;
                row += 1;
            }
        }
        Ok(())
    }

    /// 变更 (adjust round): each item's field changes, one per line, and
    /// those worse for the applicant, flagged for the reviewer.
    fn changes(&self, ws: &mut Worksheet, selection: &Selection) -> Result<(), XlsxError> {
        write_headers(ws, &CHANGE_COLUMNS, self.lang, 0)?;
        let departments: BTreeMap<String, String> = self
            .catalog
            .departments
            .iter()
            .map(|d| (d.id.clone(), d.name.clone()))
            .collect();
        let wording = Wording::new(self.lang, &departments);
        let changed = selection
            .entries
            .iter()
            .filter_map(|e| Some((e, e.change?)));
        for (row, (entry, change)) in changed.enumerate() {
            let lines: Vec<String> = change
                .fields
                .iter()
                .map(|f| wording.change_line(f))
                .collect();
            let worse: Vec<String> = change
                .worsening()
                .iter()
                .map(|(f, w)| {
                    let label = super::TEXTS.tr(self.lang, w.key(), &[]);
                    let colon = self.lang.pick("：", ": ");
                    format!("{label}{colon}{}", wording.change_line(f))
                })
                .collect();
            let yes_no = &YES_NO[usize::from(worse.is_empty())];
            let mut cells = self.item_cells(entry);
            cells.extend([
                (
                    "change",
                    text(super::TEXTS.tr(self.lang, change.change.message_key(), &[])),
                ),
                ("changes", text(lines.join("\n"))),
                ("worsening", text(yes_no.text(self.lang))),
                ("worsening_detail", text(worse.join("\n"))),
            ]);
            write_row(ws, row as u32 + 1, &CHANGE_COLUMNS, cells)?;
        }
        Ok(())
    }

    /// 实施主体, 文件, 事项编码, 事项名称.
    fn item_cells(&self, entry: &Entry) -> Cells {
        let department = self.pick(department_name(self.catalog, &entry.item.department));
        vec![
            ("department", text(department)),
            ("file", text(entry.loaded.file.clone())),
            ("code", text(entry.item.code.clone().unwrap_or_default())),
            ("name", text(entry.item.name.clone())),
        ]
    }
}

fn round_name(round: Round, lang: Lang) -> &'static str {
    lang.pick(round.zh(), round.en())
}

fn count(findings: &[&Finding], severity: Severity) -> usize {
    findings.iter().filter(|f| f.severity == severity).count()
}

/// `materials[2].name 41:11`: the key path and the line:column in the item file.
fn place(finding: &Finding) -> String {
    let path = finding.path.clone().unwrap_or_default();
    match finding.location {
        Some(l) if path.is_empty() => format!("{}:{}", l.line(), l.column()),
        Some(l) => format!("{path} {}:{}", l.line(), l.column()),
        None => path,
    }
}

fn text(value: impl Into<String>) -> CellOut {
    CellOut::Text(value.into())
}

fn number(n: usize) -> CellOut {
    CellOut::Number(n as f64)
}

/// Writes each cell under its column; empty texts are left out.
fn write_row(
    ws: &mut Worksheet,
    row: u32,
    columns: &[Column],
    cells: Cells,
) -> Result<(), XlsxError> {
    let texts = cells.iter().filter_map(|(key, cell)| match cell {
        CellOut::Text(text) => {
            let column = columns.iter().find(|c| c.key == *key)?;
            Some((text.as_str(), column.width))
        }
        CellOut::Number(_) => None,
    });
    fit_row(ws, row, texts)?;
    for (key, cell) in cells {
        if cell == CellOut::Text(String::new()) {
            continue;
        }
        let col = columns
            .iter()
            .position(|c| c.key == key)
            .expect("every cell has its column");
        write_cell(ws, row, col as u16, Some(cell))?;
    }
    Ok(())
}
