//! The xlsx of a review workbook: 汇总 (what the workbook is, per item
//! counts), 意见 (the sheet to fill, with drop-downs for 字段, 结论 and
//! 已办结, and the content of the item the reviewer's duty covers), 问题
//! (every finding, placed by Chinese field names), 申请材料 and 办理流程
//! (the items' materials and steps, in the item sheets' columns), and the
//! hidden sheet of values. Every sheet is protected but for the cells its
//! audience writes in. Every text is a string cell: nothing a reviewer
//! types or a clerk wrote becomes a formula.

use std::collections::BTreeMap;

use rust_xlsxwriter::{Format, Workbook, Worksheet, XlsxError};

use crate::book::{
    CellOut, ValueList, add_lists_sheet, cell_out, drop_down, fit_row, new_workbook, pages_wide,
    protect, unlock_columns, unlocked_format, write_cell, write_headers,
};
use crate::catalog::Catalog;
use crate::columns::{Column, Sheet, YES_NO};
use crate::diff::Wording;
use crate::finding::{Finding, Severity};
use crate::i18n::Lang;
use crate::labels::{self, FieldChoice, Record};
use crate::model::{BasisRole, Item, Labelled, Opinion, Reviewer, Round};
use crate::rounds::reviews::OpinionState;
use crate::rounds::routing::Reason;
use crate::sheets::template::sheet_records;

use super::columns::{
    About, CHANGE_COLUMNS, FINDING_COLUMNS, OPINION_COLUMNS, ReviewSheet, SUMMARY_COLUMNS,
    content_columns, list_sheet_columns, opinion_sheet_columns, writable,
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
    let name = catalog.department_name(id);
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
    let fields = labels::field_choices();
    let writer = Writer {
        catalog,
        lang,
        fields,
    };
    let summary = add_sheet(&mut book, ReviewSheet::Summary, lang)?;
    writer.summary(summary, selection, date)?;
    protect(summary);
    let columns = opinion_sheet_columns(&content_columns(&reasons_shown(selection)));
    let department = matches!(selection.audience, Audience::Department(_));
    let opinions = add_sheet(&mut book, ReviewSheet::Opinions, lang)?;
    let lists = value_lists(lang, fields);
    write_headers(opinions, &columns, lang, 0)?;
    print_across(opinions, &columns)?;
    unlock_columns(opinions, &columns, writable(department))?;
    for (key, list_col) in [("field", FIELD_LIST), ("decision", 0), ("resolved", 1)] {
        if let Some(col) = columns.iter().position(|c| c.key == key) {
            drop_down(opinions, col as u16, list_col, &lists[list_col], lang)?;
        }
    }
    writer.opinions(opinions, selection, &columns)?;
    protect(opinions);
    if selection.round == Round::Adjust {
        let changes = add_sheet(&mut book, ReviewSheet::Changes, lang)?;
        writer.changes(changes, selection)?;
        protect(changes);
    }
    let findings = add_sheet(&mut book, ReviewSheet::Findings, lang)?;
    writer.findings(findings, selection)?;
    protect(findings);
    for (sheet, list) in [
        (ReviewSheet::Materials, Sheet::Materials),
        (ReviewSheet::Steps, Sheet::Steps),
    ] {
        let ws = add_sheet(&mut book, sheet, lang)?;
        writer.list_sheet(ws, selection, list)?;
        protect(ws);
    }
    add_lists_sheet(&mut book, lang, &lists)?;
    book.save_to_buffer()
}

/// The item's content makes a sheet wide: printed across landscape pages
/// at a size people read (not shrunk to one), the header row and 事项名称
/// repeated on each, so every page names the items its rows are.
fn print_across(ws: &mut Worksheet, columns: &[Column]) -> Result<(), XlsxError> {
    let width: f64 = columns.iter().map(|c| c.width).sum();
    ws.set_print_fit_to_pages(pages_wide(width), 0);
    if let Some(name) = columns.iter().position(|c| c.key == "name") {
        ws.set_repeat_columns(name as u16, name as u16)?;
    }
    Ok(())
}

/// The duties whose content the 意见 sheet shows: a reviewer's reasons
/// for the items it holds; none (everything) for a department's own
/// workbook, and for a reviewer holding only items it gave opinions on.
fn reasons_shown(selection: &Selection) -> Vec<Reason> {
    let Audience::Reviewer(reviewer) = &selection.audience else {
        return Vec::new();
    };
    let mut reasons: Vec<Reason> = Vec::new();
    for entry in &selection.entries {
        let of_entry = entry.reasons_of(reviewer);
        if of_entry.is_empty() {
            return Vec::new();
        }
        reasons.extend(of_entry);
    }
    reasons.sort();
    reasons.dedup();
    reasons
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

/// The hidden sheet's column of 字段 labels.
const FIELD_LIST: usize = 2;

/// The drop-down values: 结论, 是/否 and the fields an opinion may name
/// (by label; import reads a label back as its path).
fn value_lists(lang: Lang, fields: &[FieldChoice]) -> Vec<ValueList> {
    let column = |key| {
        OPINION_COLUMNS
            .iter()
            .find(|c| c.key == key)
            .expect("the opinion sheet has the column")
    };
    let field = column("field");
    vec![
        ValueList::of_choices(column("decision"), lang),
        ValueList::yes_no(lang),
        ValueList {
            kind: field.kind,
            header: field.header(lang).to_string(),
            values: fields.iter().map(|f| f.label(lang).to_string()).collect(),
        },
    ]
}

struct Writer<'a> {
    catalog: &'a Catalog,
    lang: Lang,
    fields: &'a [FieldChoice],
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
    fn opinions(
        &self,
        ws: &mut Worksheet,
        selection: &Selection,
        columns: &[Column],
    ) -> Result<(), XlsxError> {
        let department = matches!(selection.audience, Audience::Department(_));
        let writable = writable(department);
        let unlocked = unlocked_format();
        let mut row = 1;
        for entry in &selection.entries {
            let content = self.content_cells(entry, columns);
            let mut rows: Vec<Option<(usize, &Opinion)>> =
                entry.opinions.iter().map(|(i, o)| Some((*i, *o))).collect();
            if rows.is_empty() {
                rows.push(None);
            }
            for opinion in rows {
                let mut cells = self.item_cells(entry);
                cells.extend(self.opinion_cells(entry, &selection.audience, opinion));
                cells.extend(content.iter().cloned());
                // The cells to write in exist, unlocked, however a
                // program other than Excel reads the column's format.
                let blank: Vec<u16> = columns
                    .iter()
                    .enumerate()
                    .filter(|(_, c)| writable.contains(&c.key))
                    .filter(|(_, c)| {
                        !cells
                            .iter()
                            .any(|(k, v)| k == &c.key && *v != CellOut::Text(String::new()))
                    })
                    .map(|(i, _)| i as u16)
                    .collect();
                write_row(ws, row, columns, cells)?;
                for col in blank {
                    ws.write_blank(row, col, &unlocked)?;
                }
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
                ("field", text(self.field_label(opinion.field.as_deref()))),
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
                    ("where", text(place(finding, self.lang))),
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

    /// 字段: the label of an opinion's field (its path when not one of the list).
    fn field_label(&self, path: Option<&str>) -> String {
        let Some(path) = path else {
            return String::new();
        };
        self.fields
            .iter()
            .find(|f| f.path == path)
            .map_or(path, |f| f.label(self.lang))
            .to_string()
    }

    /// The item's content under the content columns of `columns`.
    fn content_cells(&self, entry: &Entry, columns: &[Column]) -> Cells {
        let record = serde_json::to_value(entry.item).expect("items serialize");
        let mut cells = Cells::new();
        for column in columns {
            let cell = match column.key {
                "legal_basis" => Some(text(self.bases(entry.item))),
                "fee.items" => Some(text(self.charges(entry.item))),
                "locations" => Some(text(self.places(entry.item))),
                key if OPINION_COLUMNS.iter().any(|c| c.key == key) => None,
                _ => cell_out(column, &record, &self.catalog.departments, self.lang),
            };
            if let Some(cell) = cell {
                cells.push((column.key, cell));
            }
        }
        cells
    }

    /// 实施依据, a line per basis with its level (效力层级) where the laws
    /// register knows the title.
    fn bases(&self, item: &Item) -> String {
        let lines: Vec<String> = item
            .legal_basis
            .iter()
            .map(|b| {
                let prefix = match b.role {
                    BasisRole::Setting => self
                        .lang
                        .pick(crate::book::SETTING_PREFIX.0, crate::book::SETTING_PREFIX.1),
                    _ => "",
                };
                let article = b.article.as_deref().unwrap_or_default();
                let level = self
                    .catalog
                    .registers
                    .law(&b.title)
                    .map(|law| {
                        let level = self.lang.pick(law.level.zh(), law.level.en());
                        self.lang
                            .pick(&format!("（{level}）"), &format!(" ({level})"))
                            .to_string()
                    })
                    .unwrap_or_default();
                format!("{prefix}{}{article}{level}", b.title)
            })
            .collect();
        lines.join("\n")
    }

    /// 收费项目明细: a paragraph per charge, its name then 收费标准, 收费依据
    /// and 定价方式 as `label：value` lines.
    fn charges(&self, item: &Item) -> String {
        let Some(fee) = item.fee.as_ref() else {
            return String::new();
        };
        let label = |key| labels::field(Record::Charge, key).map_or(key, |f| f.label(self.lang));
        let colon = self.lang.pick("：", ": ");
        let paragraphs: Vec<String> = fee
            .items
            .iter()
            .enumerate()
            .map(|(i, charge)| {
                let mut lines = vec![format!("{}. {}", i + 1, charge.name)];
                let pricing = charge
                    .pricing
                    .map(|p| self.lang.pick(p.zh(), p.en()).to_string());
                for (key, value) in [
                    ("standard", charge.standard.clone()),
                    ("basis", charge.basis.clone()),
                    ("pricing", pricing),
                ] {
                    if let Some(value) = value.filter(|v| !v.trim().is_empty()) {
                        let label = labels::capitalized(label(key));
                        lines.push(format!("{label}{colon}{value}"));
                    }
                }
                lines.join("\n")
            })
            .collect();
        paragraphs.join("\n")
    }

    /// 办理地点（多处）: a line per place, `名称：地址（办理时间；电话）`.
    fn places(&self, item: &Item) -> String {
        let colon = self.lang.pick("：", ": ");
        let lines: Vec<String> = item
            .locations
            .iter()
            .map(|p| {
                let mut line = p.name.clone();
                if let Some(address) = &p.address {
                    line.push_str(colon);
                    line.push_str(address);
                }
                let extra: Vec<&str> = [&p.hours, &p.phone]
                    .into_iter()
                    .filter_map(|v| v.as_deref())
                    .collect();
                if !extra.is_empty() {
                    let extra = extra.join(self.lang.pick("；", "; "));
                    line.push_str(
                        self.lang
                            .pick(&format!("（{extra}）"), &format!(" ({extra})")),
                    );
                }
                line
            })
            .collect();
        lines.join("\n")
    }

    /// 申请材料 or 办理流程: each item's materials or steps, under its
    /// 事项编码 and 事项名称, in the item sheet's columns.
    fn list_sheet(
        &self,
        ws: &mut Worksheet,
        selection: &Selection,
        sheet: Sheet,
    ) -> Result<(), XlsxError> {
        let columns = list_sheet_columns(sheet);
        write_headers(ws, &columns, self.lang, 0)?;
        print_across(ws, &columns)?;
        let mut row = 1;
        for entry in &selection.entries {
            let record = serde_json::to_value(entry.item).expect("items serialize");
            for part in sheet_records(sheet, 0, &entry.loaded.file, &record) {
                // By position: the item's 事项名称 and a material's 材料名称
                // are both `name`.
                let mut cells = vec![
                    Some(text(entry.item.code.clone().unwrap_or_default())),
                    Some(text(entry.item.name.clone())),
                ];
                cells.extend(
                    columns
                        .iter()
                        .skip(2)
                        .map(|c| cell_out(c, &part, &self.catalog.departments, self.lang)),
                );
                fit_row(ws, row, crate::book::texts_and_widths(&columns, &cells))?;
                for (col, cell) in cells.into_iter().enumerate() {
                    if cell != Some(text(String::new())) {
                        write_cell(ws, row, col as u16, cell)?;
                    }
                }
                row += 1;
            }
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

/// `申请材料第3项·材料名称（第41行）`: the field in words and the line in
/// the item file.
fn place(finding: &Finding, lang: Lang) -> String {
    let field = finding
        .path
        .as_deref()
        .map(|p| labels::path_label(p, lang))
        .unwrap_or_default();
    let line = finding.location.map(|l| u64::from(l.line()));
    let message = match (field.is_empty(), line) {
        (_, None) => return field,
        (true, Some(line)) => crate::i18n::Message::new("review.place_line").arg("line", line),
        (false, Some(line)) => crate::i18n::Message::new("review.place")
            .arg("field", field)
            .arg("line", line),
    };
    super::TEXTS.text(lang, &message)
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Location;
    use crate::i18n::Message;

    #[test]
    fn findings_are_placed_by_field_names_in_both_languages() {
        let mut finding = Finding::new(&super::super::RULE, Message::new("review.no_item"));
        finding.path = Some("materials[1].name".into());
        finding.location = Some(Location::Point {
            line: 41,
            column: 11,
        });
        assert_eq!(
            place(&finding, Lang::Zh),
            "申请材料第2项·材料名称（第41行）"
        );
        assert_eq!(place(&finding, Lang::En), "material 2 · name (line 41)");
        finding.path = None;
        assert_eq!(place(&finding, Lang::Zh), "第41行");
        assert_eq!(place(&finding, Lang::En), "line 41");
        finding.location = None;
        finding.path = Some("fee.standard".into());
        assert_eq!(place(&finding, Lang::Zh), "收费·收费标准");
    }
}
