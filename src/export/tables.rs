//! The tables of the published catalog, as seeds 004, 000 and 003 ask for
//! them: 公共服务事项清单, 办事指南要素表, 申请材料, 办理流程, 收费事项,
//! 收费项目 (one row per charge), 共享需求, 证明事项清单 (every proof asked,
//! with basis, issuer and the proofs register's word on it), 可转移事项, and
//! the intermediary services with their agencies
//! (中介服务事项清单, 承揽机构名录, seeds 000 and 003). Headers and widths come from [`crate::columns`];
//! cell text comes from the item workbook's writer
//! ([`crate::book::cell_out`]), so a published cell reads like
//! a template cell. xlsx and csv both write these rows.

use serde_json::Value;

use crate::book::{CellOut, cell_out};
use crate::catalog::{Catalog, LoadedIntermediary};
use crate::columns::{
    AGENCY_COLUMNS, Column, INTERMEDIARY_COLUMNS, Kind, Sheet, YES_NO, export_column,
};
use crate::i18n::{self, Lang};
use crate::model::{Agency, Department, Item, ItemKind, Labelled, Material, MaterialSource, Step};

use super::{Progress, Publication};

/// One table of the publication.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Table {
    /// 公共服务事项清单: every active item.
    Items,
    /// 办事指南要素表: the service-guide elements of each guide item (seed 004).
    Guide,
    /// 申请材料: one row per material.
    Materials,
    /// 办理流程: one row per step.
    Steps,
    /// 收费事项: charged items with standard and basis (fee catalog, seed 003).
    Fees,
    /// 收费项目: one row per charge of a charged item (`Fee::charges`).
    Charges,
    /// 共享需求: materials an office could obtain from other departments' data.
    Sharing,
    /// 证明事项清单: one row per material that is a proof ([`proof_of`]).
    Proofs,
    /// 可转移事项: items social organisations could take over (seed 000).
    Transferable,
    /// 中介服务事项清单: the active services of `intermediaries/`.
    Intermediaries,
    /// 承揽机构名录: the agencies of `registers/agencies.yaml`.
    Agencies,
}

impl Table {
    pub const ALL: [Table; 11] = [
        Table::Items,
        Table::Guide,
        Table::Materials,
        Table::Steps,
        Table::Fees,
        Table::Charges,
        Table::Sharing,
        Table::Proofs,
        Table::Transferable,
        Table::Intermediaries,
        Table::Agencies,
    ];

    pub fn zh(self) -> &'static str {
        match self {
            Table::Items => "公共服务事项清单",
            Table::Guide => "办事指南要素表",
            Table::Materials => "申请材料",
            Table::Steps => "办理流程",
            Table::Fees => "收费事项",
            Table::Charges => "收费项目",
            Table::Sharing => "共享需求",
            Table::Proofs => "证明事项清单",
            Table::Transferable => "可转移事项",
            Table::Intermediaries => "中介服务事项清单",
            Table::Agencies => "承揽机构名录",
        }
    }

    pub fn en(self) -> &'static str {
        match self {
            Table::Items => "Public service items",
            Table::Guide => "Service guide elements",
            Table::Materials => "Materials",
            Table::Steps => "Process steps",
            Table::Fees => "Charged items",
            Table::Charges => "Charges",
            Table::Sharing => "Data sharing needs",
            Table::Proofs => "Proofs",
            Table::Transferable => "Transferable items",
            Table::Intermediaries => "Intermediary services",
            Table::Agencies => "Agencies",
        }
    }

    /// The sheet name (at most 31 characters, as Excel wants).
    pub fn name(self, lang: Lang) -> &'static str {
        lang.pick(self.zh(), self.en())
    }

    /// The csv file name: the Chinese name, or a plain English one.
    pub fn file_name(self, lang: Lang) -> String {
        match lang {
            Lang::Zh => format!("{}.csv", self.zh()),
            Lang::En => format!("{}.csv", self.en().to_ascii_lowercase().replace(' ', "-")),
        }
    }

    fn index(self) -> usize {
        Table::ALL
            .iter()
            .position(|t| *t == self)
            .expect("every table is listed")
    }

    /// The columns, in order.
    pub fn columns(self) -> Vec<TableColumn> {
        use Source::{Counter, Guide, Item, Part};
        let item = |key| TableColumn {
            column: Sheet::Items.column_by_key(key),
            from: Item,
        };
        let material = |key| TableColumn {
            column: Sheet::Materials.column_by_key(key),
            from: Part,
        };
        let step = |key| TableColumn {
            column: Sheet::Steps.column_by_key(key),
            from: Part,
        };
        let charge = |key| TableColumn {
            column: Sheet::Charges.column_by_key(key),
            from: Part,
        };
        let part = |key| TableColumn {
            column: export_column(key),
            from: Part,
        };
        let guide = |key| TableColumn {
            column: export_column(key),
            from: Guide,
        };
        let main_item = TableColumn {
            column: export_column("parent_name"),
            from: Guide,
        };
        let mut columns = vec![TableColumn {
            column: Sheet::Items.column_by_key("seq"),
            from: Counter,
        }];
        let rest: Vec<TableColumn> = match self {
            Table::Items => {
                // 所属主项 after 事项名称, 行使层级 after 实施主体, 全程代办
                // after 到现场次数.
                let keys = [
                    "kind",
                    "category",
                    "department",
                    "level",
                    "targets",
                    "legal_basis",
                ];
                let more = [
                    "time_limit.promised",
                    "fee.charged",
                    "online",
                    "visits",
                    "proxy",
                    "consultation",
                ];
                let mut out: Vec<TableColumn> = ["code", "name"].map(item).into();
                out.push(main_item);
                out.extend(keys.into_iter().chain(more).map(item));
                out
            }
            Table::Guide => {
                let mut out: Vec<TableColumn> = ["code", "name"].map(item).into();
                out.push(main_item);
                out.extend(
                    ["department", "targets", "acceptance_scope"]
                        .into_iter()
                        .chain(["accepting_unit", "location", "hours"])
                        .map(item),
                );
                out.push(guide("guide.locations"));
                out.extend(["conditions", "legal_basis"].map(item));
                out.extend(
                    [
                        "guide.materials",
                        "guide.samples",
                        "guide.common_errors",
                        "guide.process",
                    ]
                    .map(guide),
                );
                let keys = [
                    "time_limit.legal",
                    "time_limit.promised",
                    "case_type",
                    "result.name",
                    "result.kind",
                    "result.delivery",
                    "fee.charged",
                    "fee.standard",
                    "fee.basis",
                ];
                let more = [
                    "consultation",
                    "complaint",
                    "online",
                    "online_url",
                    "visits",
                    "commitment",
                ];
                out.extend(keys.into_iter().chain(more).map(item));
                // 行使层级 after 实施主体.
                let at = out
                    .iter()
                    .position(|c| c.column.key == "department")
                    .map_or(out.len(), |n| n + 1);
                out.insert(at, item("level"));
                out.push(item("proxy"));
                out
            }
            Table::Materials => {
                let mut out = vec![material("item_seq")];
                out.extend(["code", "name", "department"].map(item));
                out.extend(
                    Sheet::Materials
                        .columns()
                        .iter()
                        .filter(|c| c.key != "item_seq")
                        .map(|c| material(c.key)),
                );
                out
            }
            Table::Steps => {
                let mut out = vec![step("item_seq")];
                out.extend(["code", "name", "department"].map(item));
                out.extend(
                    Sheet::Steps
                        .columns()
                        .iter()
                        .filter(|c| c.key != "item_seq")
                        .map(|c| step(c.key)),
                );
                out
            }
            Table::Fees => {
                let keys = [
                    "code",
                    "name",
                    "department",
                    "fee.standard",
                    "fee.basis",
                    "fee.government_priced",
                ];
                keys.map(item).into()
            }
            Table::Charges => {
                let mut out = vec![charge("item_seq")];
                out.extend(["code", "name", "department"].map(item));
                out.extend(["name", "standard", "basis", "pricing"].map(charge));
                out
            }
            Table::Proofs => {
                let mut out = vec![material("item_seq")];
                out.extend(["code", "name", "department"].map(item));
                out.push(part("proof.name"));
                out.extend(["when", "basis"].map(material));
                out.extend(["proof.issuer", "proof.register"].map(part));
                out
            }
            Table::Sharing => {
                let mut out: Vec<TableColumn> = ["code", "name", "department"].map(item).into();
                let keys = [
                    "name",
                    "form",
                    "source",
                    "proof",
                    "basis",
                    "shared",
                    "shared_from",
                ];
                out.extend(keys.map(material));
                out
            }
            Table::Transferable => {
                let keys = [
                    "code",
                    "name",
                    "category",
                    "department",
                    "targets",
                    "legal_basis",
                    "transfer.to",
                    "transfer.reason",
                    "transfer.scope",
                ];
                keys.map(item).into()
            }
            Table::Intermediaries => INTERMEDIARY_COLUMNS
                .iter()
                .map(|column| TableColumn {
                    column,
                    from: Source::Record,
                })
                .collect(),
            Table::Agencies => AGENCY_COLUMNS
                .iter()
                .map(|column| TableColumn {
                    column,
                    from: Source::Record,
                })
                .collect(),
        };
        columns.extend(rest);
        columns
    }
}

/// One column of a table: its header, width and kind, and what it shows.
#[derive(Debug, Clone, Copy)]
pub struct TableColumn {
    pub column: &'static Column,
    from: Source,
}

impl TableColumn {
    pub fn header(&self, lang: Lang) -> &'static str {
        self.column.header(lang)
    }
}

/// Where a cell's value comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Source {
    /// The row's number within its table (序号).
    Counter,
    /// A key of the item record.
    Item,
    /// A key of the material or step the row is about.
    Part,
    /// A summary of the item's materials or steps (办事指南要素表).
    Guide,
    /// A key of the service or agency record the row is about.
    Record,
}

/// One row's cells; `None` is an empty cell.
pub type Row = Vec<Option<CellOut>>;

/// A material the office needs from another department: issued by
/// government, or marked as obtainable by data sharing (seeds 001, 004).
pub fn is_sharing_need(material: &Material) -> bool {
    material.shared
        || material.shared_from.is_some()
        || material.source == Some(MaterialSource::Government)
}

/// What the catalog knows of a proof an item asks for: who issues it, its
/// basis when the item gives none, and the proofs register's word on it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Proof<'a> {
    /// 开具单位: the materials register's issuer, else the retained list's
    /// (a departments.yaml id or an outside body's name).
    pub issuer: Option<&'a str>,
    /// 设定依据: the item's, else the retained list's.
    pub basis: Option<&'a str>,
    pub status: Option<ProofStatus<'a>>,
}

/// The proofs register (`registers/proofs.yaml`) on one proof.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum ProofStatus<'a> {
    /// On the retained list (保留的证明事项清单).
    Retained,
    /// Missing from a retained list that is not empty (`proof-not-retained`).
    NotRetained,
    /// A cancelled proof still asked (`banned-proof`), with the act.
    Cancelled(Option<&'a str>),
}

impl ProofStatus<'_> {
    pub fn text(self, lang: Lang) -> String {
        let key = match self {
            ProofStatus::Retained => "export.proof.retained",
            ProofStatus::NotRetained => "export.proof.not_retained",
            ProofStatus::Cancelled(Some(act)) => {
                return i18n::GENERAL.tr(lang, "export.proof.cancelled_by", &[("act", act.into())]);
            }
            ProofStatus::Cancelled(None) => "export.proof.cancelled",
        };
        i18n::GENERAL.tr(lang, key, &[])
    }
}

/// A material is a proof (证明) when the item says so (`proof: true`), when
/// the materials register lists it as kind `proof` (as the proof rules read
/// it, [`crate::rules::is_proof`]), or when the proofs register names it,
/// retained or cancelled: a cancelled proof still asked is listed (and is
/// a `banned-proof` error), never hidden. Names are matched as the
/// registers match them (standard name or alias, normalised).
pub fn proof_of<'a>(catalog: &'a Catalog, material: &'a Material) -> Option<Proof<'a>> {
    let registers = &catalog.registers;
    let cancelled = registers.cancelled_proof(&material.name);
    let retained = registers.retained_proof(&material.name);
    let declared = crate::rules::is_proof(catalog, material);
    if !declared && cancelled.is_none() && retained.is_none() {
        return None;
    }
    let listing = registers.proofs.as_ref().filter(|p| !p.retained.is_empty());
    let status = match (cancelled, retained) {
        (Some(c), _) => Some(ProofStatus::Cancelled(c.act.as_deref())),
        (None, Some(_)) => Some(ProofStatus::Retained),
        (None, None) => listing.map(|_| ProofStatus::NotRetained),
    };
    let entry_issuer = registers
        .material(&material.name)
        .and_then(|(entry, _)| entry.issuer.as_deref());
    let basis = material.basis.as_deref().filter(|b| !b.trim().is_empty());
    Some(Proof {
        issuer: entry_issuer.or_else(|| retained.and_then(|r| r.issuer.as_deref())),
        basis: basis.or_else(|| retained.and_then(|r| r.basis.as_deref())),
        status,
    })
}

pub fn is_charged(item: &Item) -> bool {
    item.fee.as_ref().is_some_and(|f| f.charged)
}

/// Only public services move to social organisations (seed 000); a power
/// marked transferable is a `consistency` error, not a row of the list.
pub fn is_transferable(item: &Item) -> bool {
    item.transferable == Some(true) && item.kind == ItemKind::PublicService
}

/// Calls `emit` with every row of every table, item by item in the
/// publication's order (so one pass serves all tables), and `progress`
/// after each item.
pub fn for_each_row<E>(
    publication: &Publication,
    mut emit: impl FnMut(Table, &Row) -> Result<(), E>,
    progress: Progress,
) -> Result<(), E> {
    let columns: Vec<Vec<TableColumn>> = Table::ALL.iter().map(|t| t.columns()).collect();
    let mut counters = [0usize; Table::ALL.len()];
    let lang = publication.lang;
    let departments = &publication.catalog.departments;
    for (i, (_, item)) in publication.items.iter().enumerate() {
        let mut record = serde_json::to_value(item).expect("items serialize");
        record["seq"] = Value::from(i + 1);
        let cells = CellSource {
            catalog: publication.catalog,
            item,
            record: &record,
            departments,
            lang,
        };
        for (table, part) in rows_of(publication.catalog, item, &record, i + 1, lang) {
            let n = table.index();
            counters[n] += 1;
            let row = cells.row(&columns[n], counters[n], part.as_ref());
            emit(table, &row)?;
        }
        progress(i + 1);
    }
    let catalog = publication.catalog;
    let services = catalog
        .intermediaries
        .iter()
        .filter(|s| s.record.is_active());
    let n = Table::Intermediaries.index();
    for (i, service) in services.enumerate() {
        let record = service_record(catalog, service);
        let row = record_row(&columns[n], i + 1, &record, departments, lang);
        emit(Table::Intermediaries, &row)?;
    }
    let n = Table::Agencies.index();
    for (i, agency) in catalog.agencies.iter().enumerate() {
        let record = agency_record(catalog, agency, lang);
        let row = record_row(&columns[n], i + 1, &record, departments, lang);
        emit(Table::Agencies, &row)?;
    }
    Ok(())
}

fn record_row(
    columns: &[TableColumn],
    counter: usize,
    record: &Value,
    departments: &[Department],
    lang: Lang,
) -> Row {
    columns
        .iter()
        .map(|c| match c.from {
            Source::Counter => Some(CellOut::Number(counter as f64)),
            _ => cell_out(c.column, record, departments, lang),
        })
        .collect()
}

/// A service as its row shows it: its id, and the items requiring it by
/// name and code where the catalog has them.
fn service_record(catalog: &Catalog, service: &LoadedIntermediary) -> Value {
    let mut record = serde_json::to_value(&service.record).expect("records serialize");
    record["id"] = Value::from(service.id.as_str());
    let items: Vec<Value> = service
        .record
        .required_by
        .iter()
        .map(|entry| {
            let found = catalog
                .records()
                .find(|(loaded, _)| loaded.answers_to(entry));
            match found {
                Some((_, item)) => match &item.code {
                    Some(code) => Value::from(format!("{}（{code}）", item.name)),
                    None => Value::from(item.name.as_str()),
                },
                None => Value::from(entry.as_str()),
            }
        })
        .collect();
    record["required_by"] = Value::from(items);
    record
}

/// An agency as its row shows it: each qualification on a line with its
/// validity, each service by name.
fn agency_record(catalog: &Catalog, agency: &Agency, lang: Lang) -> Value {
    let mut record = serde_json::to_value(agency).expect("records serialize");
    let lines: Vec<Value> = agency
        .qualifications
        .iter()
        .map(|q| Value::from(qualification_line(q, lang)))
        .collect();
    record["qualifications"] = Value::from(lines);
    let services: Vec<Value> = agency
        .services
        .iter()
        .map(|id| match catalog.intermediary(id) {
            Some(service) => Value::from(service.record.name.as_str()),
            None => Value::from(id.as_str()),
        })
        .collect();
    record["services"] = Value::from(services);
    record
}

/// `测绘资质乙级，乙测资字1号，有效期 2024-03-15 至 2029-03-14`: as the
/// template writes it (and import reads it back).
pub use crate::book::qualification_line;

/// The rows one item gives: the table and, for material and step rows, the
/// part with its item's 序号 (and step number) added.
fn rows_of(
    catalog: &Catalog,
    item: &Item,
    record: &Value,
    seq: usize,
    lang: Lang,
) -> Vec<(Table, Option<Value>)> {
    let mut rows = vec![(Table::Items, None)];
    if item.guide {
        rows.push((Table::Guide, None));
    }
    let parts = |key: &str| {
        record
            .get(key)
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default()
    };
    let numbered = |mut part: Value, n: usize| {
        part["item_seq"] = Value::from(seq);
        part["step_seq"] = Value::from(n + 1);
        part
    };
    let materials = parts("materials");
    rows.extend(
        materials
            .iter()
            .enumerate()
            .map(|(n, m)| (Table::Materials, Some(numbered(m.clone(), n)))),
    );
    rows.extend(
        parts("process")
            .into_iter()
            .enumerate()
            .map(|(n, s)| (Table::Steps, Some(numbered(s, n)))),
    );
    if is_charged(item) {
        rows.push((Table::Fees, None));
    }
    let charges = item.fee.as_ref().map(|f| f.charges()).unwrap_or_default();
    rows.extend(charges.into_iter().map(|c| {
        let part = serde_json::json!({
            "item_seq": seq,
            "name": c.name,
            "standard": c.standard,
            "basis": c.basis,
            "pricing": c.pricing,
        });
        (Table::Charges, Some(part))
    }));
    let sharing = item
        .materials
        .iter()
        .zip(&materials)
        .filter(|(m, _)| is_sharing_need(m));
    rows.extend(sharing.map(|(_, value)| (Table::Sharing, Some(value.clone()))));
    let proofs = item
        .materials
        .iter()
        .zip(materials)
        .filter_map(|(m, value)| proof_of(catalog, m).map(|p| (p, value)));
    rows.extend(proofs.map(|(proof, mut value)| {
        value["item_seq"] = Value::from(seq);
        value["basis"] = proof.basis.map_or(Value::Null, Value::from);
        value["proof"] = serde_json::json!({
            "name": value["name"],
            "issuer": proof.issuer,
            "register": proof.status.map(|s| s.text(lang)),
        });
        (Table::Proofs, Some(value))
    }));
    if is_transferable(item) {
        rows.push((Table::Transferable, None));
    }
    rows
}

/// What the cells of one item's rows are read from.
struct CellSource<'a> {
    catalog: &'a crate::catalog::Catalog,
    item: &'a Item,
    record: &'a Value,
    departments: &'a [Department],
    lang: Lang,
}

impl CellSource<'_> {
    fn row(&self, columns: &[TableColumn], counter: usize, part: Option<&Value>) -> Row {
        columns
            .iter()
            .map(|c| self.cell(c, counter, part))
            .collect()
    }

    fn cell(&self, column: &TableColumn, counter: usize, part: Option<&Value>) -> Option<CellOut> {
        match column.from {
            Source::Counter => Some(CellOut::Number(counter as f64)),
            Source::Item => self.or_no(
                column,
                cell_out(column.column, self.record, self.departments, self.lang),
            ),
            Source::Part => self.or_no(
                column,
                cell_out(column.column, part?, self.departments, self.lang),
            ),
            Source::Guide if column.column.key == "parent_name" => {
                let main = self.catalog.parent_of(self.item)?.item.as_ref()?;
                Some(CellOut::Text(main.name.clone()))
            }
            Source::Guide => {
                let lines = guide_lines(column.column.key, self.item, self.lang);
                (!lines.is_empty()).then(|| CellOut::Text(lines.join("\n")))
            }
            Source::Record => None,
        }
    }
}

impl CellSource<'_> {
    /// 否 for a yes/no the record leaves out: a published table says no
    /// rather than leaving the reader to guess.
    fn or_no(&self, column: &TableColumn, cell: Option<CellOut>) -> Option<CellOut> {
        if cell.is_none() && column.column.kind == Kind::Bool {
            return Some(CellOut::Text(YES_NO[1].text(self.lang).to_string()));
        }
        cell
    }
}

/// The lines of a summary column of 办事指南要素表.
fn guide_lines(key: &str, item: &Item, lang: Lang) -> Vec<String> {
    let colon = lang.pick("：", ": ");
    match key {
        "guide.materials" => item
            .materials
            .iter()
            .enumerate()
            .map(|(n, m)| numbered(n, &material_line(m, lang)))
            .collect(),
        "guide.samples" => item
            .materials
            .iter()
            .filter_map(|m| m.sample.as_ref().map(|s| format!("{}{colon}{s}", m.name)))
            .collect(),
        "guide.common_errors" => item
            .materials
            .iter()
            .flat_map(|m| {
                m.common_errors
                    .iter()
                    .map(move |e| format!("{}{colon}{e}", m.name))
            })
            .collect(),
        "guide.locations" => item
            .locations
            .iter()
            .enumerate()
            .map(|(n, p)| {
                numbered(
                    n,
                    &with_details(
                        &p.name,
                        &[p.address.as_deref(), p.hours.as_deref(), p.phone.as_deref()],
                        lang,
                    ),
                )
            })
            .collect(),
        "guide.process" => item
            .process
            .iter()
            .enumerate()
            .map(|(n, s)| numbered(n, &step_line(s, lang)))
            .collect(),
        _ => Vec::new(),
    }
}

fn numbered(n: usize, text: &str) -> String {
    format!("{}. {text}", n + 1)
}

/// `居民身份证（原件，1 份）`.
fn material_line(material: &Material, lang: Lang) -> String {
    let form = material.form.map(|f| lang.pick(f.zh(), f.en()).to_string());
    let copies = material
        .copies
        .map(|n| i18n::GENERAL.tr(lang, "export.copies", &[("copies", u64::from(n).into())]));
    with_details(&material.name, &[form.as_deref(), copies.as_deref()], lang)
}

/// `公示（窗口工作人员，7日，特别程序：公示，不计入承诺时限）`: a special
/// procedure says so where the guide lists it.
fn step_line(step: &Step, lang: Lang) -> String {
    let special = step.special.map(|s| {
        let label = lang.pick(s.zh(), s.en());
        i18n::GENERAL.tr(lang, "export.special", &[("special", label.into())])
    });
    let details = [
        step.actor.as_deref(),
        step.time_limit.as_deref(),
        special.as_deref(),
    ];
    with_details(&step.name, &details, lang)
}

/// `name（a，b）` with the details that are there; `name` without any.
fn with_details(name: &str, details: &[Option<&str>], lang: Lang) -> String {
    let details: Vec<&str> = details.iter().flatten().copied().collect();
    if details.is_empty() {
        return name.to_string();
    }
    let (open, separator, close) = match lang {
        Lang::Zh => ("（", "，", "）"),
        Lang::En => (" (", ", ", ")"),
    };
    format!("{name}{open}{}{close}", details.join(separator))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_main_table_has_the_columns_of_the_issue() {
        let headers: Vec<&str> = Table::Items
            .columns()
            .iter()
            .map(|c| c.header(Lang::Zh))
            .collect();
        assert_eq!(
            headers.join(", "),
            "序号, 事项编码, 事项名称, 所属主项, 事项类型, 服务类别, 实施主体, 行使层级, 服务对象, 实施依据, 承诺时限, 是否收费, 网上办理, 到现场次数, 全程代办, 咨询方式"
        );
    }

    #[test]
    fn headers_are_unique_within_a_table_in_both_languages() {
        for table in Table::ALL {
            for lang in [Lang::Zh, Lang::En] {
                let mut headers: Vec<&str> =
                    table.columns().iter().map(|c| c.header(lang)).collect();
                let count = headers.len();
                headers.sort();
                headers.dedup();
                assert_eq!(headers.len(), count, "{} {lang:?}", table.zh());
            }
            assert!(table.en().len() <= 31 && table.zh().chars().count() <= 31);
        }
    }

    #[test]
    fn file_names() {
        assert_eq!(Table::Guide.file_name(Lang::Zh), "办事指南要素表.csv");
        assert_eq!(Table::Sharing.file_name(Lang::En), "data-sharing-needs.csv");
    }

    #[test]
    fn details_in_both_languages() {
        assert_eq!(
            with_details("受理", &[Some("窗口"), None, Some("即办")], Lang::Zh),
            "受理（窗口，即办）"
        );
        assert_eq!(with_details("Accept", &[None], Lang::En), "Accept");
        assert_eq!(
            with_details("Accept", &[Some("clerk")], Lang::En),
            "Accept (clerk)"
        );
    }

    #[test]
    fn special_procedures_are_shown_apart() {
        let headers: Vec<&str> = Table::Steps
            .columns()
            .iter()
            .map(|c| c.header(Lang::Zh))
            .collect();
        assert!(headers.contains(&"特别程序"), "{headers:?}");
        let step = Step {
            name: "公示".into(),
            actor: Some("经办人员".into()),
            department: None,
            time_limit: Some("7日".into()),
            special: Some(crate::model::Special::Publicity),
            materials: vec![],
            note: None,
        };
        assert_eq!(
            step_line(&step, Lang::Zh),
            "公示（经办人员，7日，特别程序：公示，不计入承诺时限）"
        );
        assert_eq!(
            step_line(&step, Lang::En),
            "公示 (经办人员, 7日, special procedure: Public notice, outside the promised limit)"
        );
    }

    fn material(name: &str, proof: bool, basis: Option<&str>) -> Material {
        serde_json::from_value(serde_json::json!({"name": name, "proof": proof, "basis": basis}))
            .expect("a material")
    }

    const MATERIALS: &str = "\
- name: 疾病诊断证明书
  kind: proof
  issuer: wsjw
- name: 居民身份证
  aliases: [身份证]
  kind: licence
";

    const PROOFS: &str = "\
cancelled:
  - name: 单身证明
    act: 某市关于取消一批证明事项的决定
retained:
  - name: 火灾事故认定书
    basis: 《中华人民共和国消防法》第五十一条
    issuer: 消防救援机构
";

    #[test]
    fn without_registers_a_proof_is_what_the_item_says() {
        let catalog = crate::catalog::tests::catalog_with(&[]);
        let declared = material("亲属关系证明", true, Some("《某条例》第三条"));
        let proof = proof_of(&catalog, &declared).expect("a proof");
        assert_eq!(proof.basis, Some("《某条例》第三条"));
        assert_eq!((proof.issuer, proof.status), (None, None));
        assert_eq!(proof_of(&catalog, &material("申请表", false, None)), None);
        // A cancelled proof's name is nothing without the register.
        assert_eq!(proof_of(&catalog, &material("单身证明", false, None)), None);
    }

    /// What the sheet shows of a material: basis, issuer, the register's
    /// word (in English); `None` when it is no proof.
    type Shown = Option<(Option<String>, Option<String>, Option<String>)>;

    fn shown(catalog: &Catalog, name: &str, proof: bool) -> Shown {
        let material = material(name, proof, None);
        proof_of(catalog, &material).map(|p| {
            (
                p.basis.map(String::from),
                p.issuer.map(String::from),
                p.status.map(|s| s.text(Lang::En)),
            )
        })
    }

    fn some(basis: Option<&str>, issuer: Option<&str>, status: Option<&str>) -> Shown {
        Some((
            basis.map(String::from),
            issuer.map(String::from),
            status.map(String::from),
        ))
    }

    #[test]
    fn the_registers_make_a_proof_and_say_what_of_it() {
        let catalog = crate::catalog::tests::catalog_with(&[
            ("registers/materials.yaml", MATERIALS),
            ("registers/proofs.yaml", PROOFS),
        ]);
        let of = |name: &str, proof: bool| shown(&catalog, name, proof);
        // The materials register's kind, matched by the end of the name.
        assert_eq!(
            of("医疗机构出具的疾病诊断证明书", false),
            some(None, Some("wsjw"), Some("not on the retained list"))
        );
        // A register name inside a longer name that goes on is no match.
        assert_eq!(of("疾病诊断证明书复核意见", false), None);
        assert_eq!(of("身份证明", false), None);
        assert_eq!(of("居民身份证", false), None, "a licence is no proof");
        // The retained list gives the basis and issuer the item leaves out.
        assert_eq!(
            of("火灾事故认定书", false),
            some(
                Some("《中华人民共和国消防法》第五十一条"),
                Some("消防救援机构"),
                Some("on the retained list")
            )
        );
        // A cancelled proof still asked is listed, whatever the item says.
        assert_eq!(
            of("单身证明", false),
            some(
                None,
                None,
                Some("cancelled (某市关于取消一批证明事项的决定)")
            )
        );
    }

    #[test]
    fn an_empty_retained_list_says_nothing_of_a_proof() {
        let catalog = crate::catalog::tests::catalog_with(&[(
            "registers/proofs.yaml",
            "cancelled:\n  - name: 单身证明\n",
        )]);
        assert_eq!(
            shown(&catalog, "亲属关系证明", true),
            some(None, None, None)
        );
        assert_eq!(
            shown(&catalog, "单身证明", true),
            some(None, None, Some("cancelled"))
        );
    }

    #[test]
    fn the_register_word_in_both_languages() {
        let cancelled = ProofStatus::Cancelled(Some("某决定"));
        assert_eq!(cancelled.text(Lang::Zh), "已取消（某决定）");
        assert_eq!(cancelled.text(Lang::En), "cancelled (某决定)");
        assert_eq!(ProofStatus::Cancelled(None).text(Lang::En), "cancelled");
        assert_eq!(
            ProofStatus::Retained.text(Lang::Zh),
            "列入保留的证明事项清单"
        );
        assert_eq!(
            ProofStatus::NotRetained.text(Lang::En),
            "not on the retained list"
        );
    }

    #[test]
    fn the_new_tables_columns() {
        let headers = |table: Table, lang| -> String {
            let h: Vec<&str> = table.columns().iter().map(|c| c.header(lang)).collect();
            h.join(", ")
        };
        assert_eq!(
            headers(Table::Charges, Lang::Zh),
            "序号, 事项序号, 事项编码, 事项名称, 实施主体, 收费项目名称, 收费标准, 收费依据, 定价方式"
        );
        assert_eq!(
            headers(Table::Proofs, Lang::Zh),
            "序号, 事项序号, 事项编码, 事项名称, 实施主体, 证明名称, 材料情形, 设定依据, 开具单位, 证明事项清单对照"
        );
        assert_eq!(Table::Proofs.file_name(Lang::En), "proofs.csv");
        assert_eq!(Table::Charges.file_name(Lang::Zh), "收费项目.csv");
    }
}
