//! The sheets of a review workbook and their columns. The item's own
//! columns (实施主体, 文件, 事项编码, 事项名称) are those of the item sheets,
//! with notes that fit a review; the rest belong to the review.

use std::sync::LazyLock;

use crate::columns::{Choices, Column, ITEM_COLUMNS, Kind, Sheet, normalize_header};
use crate::i18n::Lang;
use crate::model::Duty;
use crate::rounds::routing::Reason;

/// The sheets a review workbook holds, besides the hidden list of values.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReviewSheet {
    /// What the workbook is (round, department or office) and per item counts.
    Summary,
    /// One row per opinion (or per item awaiting one): the sheet people fill.
    Opinions,
    /// One row per finding of `validate`.
    Findings,
    /// The adjust round only: one row per item changed since the last
    /// publication, with its field changes and whether they are worse for
    /// the applicant.
    Changes,
    /// The materials of the workbook's items (the item sheets' columns).
    Materials,
    /// The steps of the workbook's items (the item sheets' columns).
    Steps,
}

impl ReviewSheet {
    pub fn name(self, lang: Lang) -> &'static str {
        let (zh, en) = self.names();
        lang.pick(zh, en)
    }

    fn names(self) -> (&'static str, &'static str) {
        match self {
            ReviewSheet::Summary => ("汇总", "Summary"),
            ReviewSheet::Opinions => ("意见", "Opinions"),
            ReviewSheet::Findings => ("问题", "Findings"),
            ReviewSheet::Changes => ("变更", "Changes"),
            ReviewSheet::Materials => (Sheet::Materials.zh(), Sheet::Materials.en()),
            ReviewSheet::Steps => (Sheet::Steps.zh(), Sheet::Steps.en()),
        }
    }

    /// The sheet a workbook's sheet name stands for, Chinese or English.
    pub fn from_name(name: &str) -> Option<ReviewSheet> {
        [
            ReviewSheet::Summary,
            ReviewSheet::Opinions,
            ReviewSheet::Findings,
            ReviewSheet::Changes,
            ReviewSheet::Materials,
            ReviewSheet::Steps,
        ]
        .into_iter()
        .find(|s| names_match(name, s.names()))
    }
}

/// An item column of the item sheets with a note for review workbooks.
fn item_column(key: &str, note_zh: &'static str, note_en: &'static str) -> Column {
    Column {
        required: false,
        note_zh,
        note_en,
        ..*Sheet::Items.column_by_key(key)
    }
}

fn column(
    key: &'static str,
    zh: &'static str,
    en: &'static str,
    width: f64,
    kind: Kind,
    note_zh: &'static str,
    note_en: &'static str,
) -> Column {
    Column {
        key,
        zh,
        en,
        width,
        kind,
        required: false,
        note_zh,
        note_en,
    }
}

const DO_NOT_EDIT_ZH: &str = "请勿修改";
const DO_NOT_EDIT_EN: &str = "Do not edit";

/// The item columns every sheet starts with.
fn item_columns() -> Vec<Column> {
    vec![
        item_column("department", DO_NOT_EDIT_ZH, DO_NOT_EDIT_EN),
        item_column(
            "file",
            "事项文件，导入时据此（或事项编码）找到事项；请勿修改",
            "The item file; import finds the item by it (or by the code). Do not edit",
        ),
        item_column(
            "code",
            "事项编码，导入时据此（或文件）找到事项；请勿修改",
            "The item code; import finds the item by it (or by the file). Do not edit",
        ),
        item_column("name", DO_NOT_EDIT_ZH, DO_NOT_EDIT_EN),
    ]
}

/// 意见: the sheet offices and departments fill.
pub static OPINION_COLUMNS: LazyLock<Vec<Column>> = LazyLock::new(|| {
    let mut columns = item_columns();
    columns.extend([
        column("office", "审核部门", "Reviewer", 16.0, Kind::Text, "提出意见的审核部门（或主管部门）", "The office (or supervising department) giving the opinion"),
        column("reason", "审核事由", "Why routed", 16.0, Kind::Text,
            "该审核部门为何审核此事项：收费标准、收费依据、实施依据、中介服务、主管部门、国有企业或一般审核",
            "Why the office reviews the item: fee standard, fee basis, legal basis, intermediary, supervisor, state-owned enterprise or general review"),
        column("field", "字段", "Field", 16.0, Kind::Text,
            "审核部门可从下拉列表中选择意见所针对的字段（如「收费·收费标准」）；针对整个事项时留空",
            "For the office: the field the opinion is about, from the list (e.g. Fee · fee standard); empty for the whole item"),
        column("opinion", "审核意见", "Opinion", 40.0, Kind::Text,
            "审核部门填写：对事项的具体意见", "For the office: the opinion on the item"),
        column("decision", "结论", "Decision", 12.0, Kind::Choice(Choices::Decision),
            "审核部门从下拉列表中选择：通过、修改、不予列入、转交", "For the office: pick Pass, Revise, Reject or Transfer"),
        column("response", "部门答复", "Response", 40.0, Kind::Text,
            "实施主体填写：对意见的答复（如何修改，或不修改的理由）", "For the department: the answer (what was changed, or why not)"),
        column("resolved", "已办结", "Resolved", 10.0, Kind::Bool,
            "审核部门认可答复后填「是」", "For the office: Yes once the response is accepted"),
        column("findings", "检查问题", "Findings", 40.0, Kind::Lines,
            "qingdan validate 对此事项发现的问题（详见「问题」表）", "What qingdan validate finds in the item (see the Findings sheet)"),
        Column {
            required: true,
            ..column("fingerprint", "指纹", "Fingerprint", 14.0, Kind::Code,
                "导出时事项内容的指纹；导入时事项已被修改则拒绝（除非 --force）。请勿修改",
                "The item's fingerprint at export; import refuses a changed item (unless --force). Do not edit")
        },
        column("opinion_no", "意见编号", "Opinion No.", 10.0, Kind::Count(1),
            "审核意见文件中的第几条意见；新意见留空。请勿修改", "The opinion's number in the review file; empty for a new opinion. Do not edit"),
    ]);
    columns
});

/// The 意见 sheet of a workbook showing `content`, in reading order: the
/// item, who reviews it and why, what validate found, the content under
/// review, the cells to write in (字段 … 已办结), and last what import
/// checks (指纹, 意见编号). Columns appended to [`OPINION_COLUMNS`] come
/// before 指纹.
pub fn opinion_sheet_columns(content: &[Column]) -> Vec<Column> {
    const FIRST: [&str; 7] = [
        "department",
        "file",
        "code",
        "name",
        "office",
        "reason",
        "findings",
    ];
    const LAST: [&str; 2] = ["fingerprint", "opinion_no"];
    let of = |keys: &[&str]| -> Vec<Column> {
        keys.iter()
            .filter_map(|k| OPINION_COLUMNS.iter().find(|c| c.key == *k))
            .copied()
            .collect()
    };
    let mut out = of(&FIRST);
    out.extend(content.iter().copied());
    out.extend(
        OPINION_COLUMNS
            .iter()
            .filter(|c| !FIRST.contains(&c.key) && !LAST.contains(&c.key))
            .copied(),
    );
    out.extend(of(&LAST));
    out
}

/// Every column of the item's content a review workbook may show, in the
/// item sheet's order: the 事项 sheet's columns (but the item columns every
/// sheet starts with), 办理地点（多处） after 办理时间 and 收费项目明细
/// after 政府定价. 实施依据 shows each basis's level (效力层级) where the
/// laws register knows it.
pub static CONTENT_COLUMNS: LazyLock<Vec<Column>> = LazyLock::new(|| {
    let shown_first = ["seq", "file", "code", "name", "department"];
    let mut out = Vec::new();
    for c in ITEM_COLUMNS
        .iter()
        .filter(|c| !shown_first.contains(&c.key))
    {
        out.push(Column {
            required: false,
            note_zh: CONTENT_NOTE_ZH,
            note_en: CONTENT_NOTE_EN,
            ..*c
        });
        match c.key {
            "hours" => out.push(column(
                "locations",
                "办理地点（多处）",
                "Locations",
                36.0,
                Kind::Lines,
                "事项的各办理地点：名称、地址、办理时间、联系电话。供审核，请勿修改",
                "The item's places: name, address, hours, phone. For review; do not edit",
            )),
            "fee.government_priced" => out.push(column(
                "fee.items",
                "收费项目明细",
                "Charges",
                44.0,
                Kind::Lines,
                "每个收费项目一段：名称、收费标准、收费依据、定价方式。供审核，请勿修改",
                "One paragraph per charge: name, standard, basis, pricing. For review; do not edit",
            )),
            _ => {}
        }
    }
    out
});

const CONTENT_NOTE_ZH: &str = "事项的内容，供审核；请勿修改（意见写在「审核意见」列）";
const CONTENT_NOTE_EN: &str =
    "The item's content, for review; do not edit (write opinions under Opinion)";

/// The content a duty reviews (keys of [`CONTENT_COLUMNS`]); `None`: all of it.
fn duty_keys(reason: Reason) -> Option<&'static [&'static str]> {
    match reason {
        Reason::Duty(Duty::FeeStandard | Duty::FeeBasis) => Some(&[
            "fee.charged",
            "fee.standard",
            "fee.basis",
            "fee.government_priced",
            "fee.items",
        ]),
        Reason::Duty(Duty::NormativeDocuments) => Some(&["legal_basis"]),
        Reason::Duty(Duty::Intermediaries) => Some(&["intermediaries"]),
        Reason::Duty(_) | Reason::Supervisor => None,
    }
}

/// The content columns for a workbook whose reviewer reviews under
/// `reasons` (all of them: an empty list, as for a department's own
/// workbook or the public's).
pub fn content_columns(reasons: &[Reason]) -> Vec<Column> {
    let mut keys: Vec<&str> = Vec::new();
    for reason in reasons {
        match duty_keys(*reason) {
            None => return CONTENT_COLUMNS.clone(),
            Some(k) => keys.extend(k),
        }
    }
    if reasons.is_empty() {
        return CONTENT_COLUMNS.clone();
    }
    CONTENT_COLUMNS
        .iter()
        .filter(|c| keys.contains(&c.key))
        .copied()
        .collect()
}

/// The columns import knows on the 意见 sheet: the review's and every
/// content column (which it reads past).
pub static IMPORT_COLUMNS: LazyLock<Vec<Column>> =
    LazyLock::new(|| opinion_sheet_columns(&CONTENT_COLUMNS));

/// The columns a workbook's audience writes in (every other cell is
/// protected): an office its opinion, a department its response.
pub fn writable(department: bool) -> &'static [&'static str] {
    if department {
        &["response"]
    } else {
        &["field", "opinion", "decision", "resolved"]
    }
}

/// 申请材料 and 办理流程: the item's 事项编码 and 事项名称, then the item
/// sheet's own columns (not its 事项序号).
pub fn list_sheet_columns(sheet: Sheet) -> Vec<Column> {
    let mut out: Vec<Column> = item_columns()
        .into_iter()
        .filter(|c| c.key == "code" || c.key == "name")
        .collect();
    out.extend(
        sheet
            .columns()
            .iter()
            .filter(|c| c.key != "item_seq")
            .map(|c| Column {
                required: false,
                ..*c
            }),
    );
    out
}

/// 问题: one row per finding.
pub static FINDING_COLUMNS: LazyLock<Vec<Column>> = LazyLock::new(|| {
    let mut columns = item_columns();
    columns.extend([
        column(
            "severity",
            "级别",
            "Severity",
            8.0,
            Kind::Text,
            "错误或警告",
            "Error or warning",
        ),
        column(
            "rule",
            "规则",
            "Rule",
            22.0,
            Kind::Text,
            "规则 id（qingdan validate 中的方括号内）",
            "The rule id (in brackets in qingdan validate)",
        ),
        column(
            "where",
            "位置",
            "Where",
            24.0,
            Kind::Text,
            "事项文件中的位置：键路径和行:列",
            "Where in the item file: key path and line:column",
        ),
        column(
            "message",
            "问题",
            "Finding",
            50.0,
            Kind::Text,
            "发现的问题",
            "What was found",
        ),
    ]);
    columns
});

/// 变更 (adjust round): one row per changed item.
pub static CHANGE_COLUMNS: LazyLock<Vec<Column>> = LazyLock::new(|| {
    let mut columns = item_columns();
    columns.extend([
        column("change", "调整类型", "Change", 10.0, Kind::Text,
            "自上次公布以来：新增、变更、取消", "Since the last publication: added, changed, cancelled"),
        column("changes", "变更内容", "What changed", 60.0, Kind::Lines,
            "每行一项：字段：原值 → 新值", "One per line: field: old → new"),
        column("worsening", "是否不利变更", "Worse for applicants", 12.0, Kind::Bool,
            "变更是否对申请人不利：材料或份数增加、时限延长、到现场次数增加、新增或提高收费、网办程度降低、新增条件（仅供审核，不写入公告）",
            "Whether the change is worse for applicants: more materials or copies, longer limits, more visits, a fee added or raised, less online, conditions added (for reviewers; never in the notice)"),
        column("worsening_detail", "不利变更说明", "How it is worse", 40.0, Kind::Lines,
            "每行一项不利变更及其字段", "One per line: what is worse, and the field"),
    ]);
    columns
});

/// 汇总: one row per item, below the workbook's description.
pub static SUMMARY_COLUMNS: LazyLock<Vec<Column>> = LazyLock::new(|| {
    let mut columns = item_columns();
    columns.extend([
        column(
            "errors",
            "错误",
            "Errors",
            8.0,
            Kind::Count(0),
            "error 级别问题数",
            "Error-level findings",
        ),
        column(
            "warnings",
            "警告",
            "Warnings",
            8.0,
            Kind::Count(0),
            "warning 级别问题数",
            "Warning-level findings",
        ),
        column(
            "opinions",
            "意见",
            "Opinions",
            8.0,
            Kind::Count(0),
            "本轮意见数",
            "Opinions of the round",
        ),
        column(
            "open",
            "未答复",
            "Open",
            8.0,
            Kind::Count(0),
            "既未答复也未办结的意见数",
            "Opinions neither answered nor resolved",
        ),
    ]);
    columns
});

/// The labels of the description rows at the top of 汇总 (label, value
/// key, value name): import reads the workbook's round and reviewer there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum About {
    Round,
    Department,
    Reviewer,
    Exported,
}

impl About {
    pub const ALL: [About; 4] = [
        About::Round,
        About::Department,
        About::Reviewer,
        About::Exported,
    ];

    pub fn label(self, lang: Lang) -> &'static str {
        let (zh, en) = self.labels();
        lang.pick(zh, en)
    }

    fn labels(self) -> (&'static str, &'static str) {
        match self {
            About::Round => ("轮次", "Round"),
            About::Department => ("实施主体", "Department"),
            About::Reviewer => ("审核部门", "Reviewer"),
            About::Exported => ("导出日期", "Exported"),
        }
    }

    pub fn from_label(text: &str) -> Option<About> {
        About::ALL
            .into_iter()
            .find(|a| names_match(text, a.labels()))
    }
}

/// A name as a workbook spells it against our Chinese and English names.
fn names_match(text: &str, (zh, en): (&str, &str)) -> bool {
    let text = normalize_header(text);
    normalize_header(zh) == text || normalize_header(en) == text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_are_unique_within_a_sheet_in_both_languages() {
        let materials = list_sheet_columns(Sheet::Materials);
        let steps = list_sheet_columns(Sheet::Steps);
        for table in [
            &*IMPORT_COLUMNS,
            &*FINDING_COLUMNS,
            &*SUMMARY_COLUMNS,
            &materials,
            &steps,
            &*CHANGE_COLUMNS,
        ] {
            let mut seen = std::collections::HashSet::new();
            for c in table {
                assert!(seen.insert(normalize_header(c.zh)), "{}", c.zh);
                assert!(seen.insert(normalize_header(c.en)), "{}", c.en);
            }
        }
    }

    #[test]
    fn each_duty_shows_its_content() {
        let keys = |reasons: &[Reason]| -> Vec<&str> {
            content_columns(reasons).iter().map(|c| c.key).collect()
        };
        assert_eq!(
            keys(&[Reason::Duty(Duty::FeeBasis)]),
            [
                "fee.charged",
                "fee.standard",
                "fee.basis",
                "fee.government_priced",
                "fee.items"
            ]
        );
        assert_eq!(
            keys(&[Reason::Duty(Duty::NormativeDocuments)]),
            ["legal_basis"]
        );
        assert_eq!(
            keys(&[
                Reason::Duty(Duty::Intermediaries),
                Reason::Duty(Duty::NormativeDocuments)
            ]),
            ["legal_basis", "intermediaries"]
        );
        let all = keys(&[Reason::Duty(Duty::AllItems)]);
        assert_eq!(all, keys(&[]));
        assert_eq!(all.len(), CONTENT_COLUMNS.len());
        for key in [
            "kind",
            "conditions",
            "time_limit.promised",
            "fee.items",
            "locations",
            "remarks",
        ] {
            assert!(all.contains(&key), "{key}");
        }
        assert!(!all.contains(&"name") && !all.contains(&"seq"));
        // The sheet: the review's columns, the content, then 指纹 and 意见编号.
        let sheet = opinion_sheet_columns(&content_columns(&[Reason::Duty(Duty::FeeBasis)]));
        let order: Vec<&str> = sheet.iter().map(|c| c.key).collect();
        let at = |k| order.iter().position(|o| *o == k).unwrap();
        assert!(at("findings") < at("fee.standard") && at("fee.items") < at("field"));
        assert!(at("resolved") < at("fingerprint"));
        assert_eq!(sheet.len(), OPINION_COLUMNS.len() + 5);
        assert_eq!(order.last(), Some(&"opinion_no"));
    }

    #[test]
    fn item_labels_are_the_item_sheets_own() {
        let file = OPINION_COLUMNS.iter().find(|c| c.key == "file").unwrap();
        assert_eq!(
            (file.zh, file.en),
            (
                Sheet::Items.column_by_key("file").zh,
                Sheet::Items.column_by_key("file").en
            )
        );
        assert_eq!(
            ReviewSheet::from_name("opinions"),
            Some(ReviewSheet::Opinions)
        );
        assert_eq!(About::from_label(" 轮 次"), Some(About::Round));
    }
}
