//! The sheets of a review workbook and their columns. The item's own
//! columns (实施主体, 文件, 事项编码, 事项名称) are those of the item sheets,
//! with notes that fit a review; the rest belong to the review.

use std::sync::LazyLock;

use crate::columns::{Choices, Column, Kind, Sheet, normalize_header};
use crate::i18n::Lang;

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
        }
    }

    /// The sheet a workbook's sheet name stands for, Chinese or English.
    pub fn from_name(name: &str) -> Option<ReviewSheet> {
        [
            ReviewSheet::Summary,
            ReviewSheet::Opinions,
            ReviewSheet::Findings,
            ReviewSheet::Changes,
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
        for table in [
            &*OPINION_COLUMNS,
            &*FINDING_COLUMNS,
            &*SUMMARY_COLUMNS,
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
