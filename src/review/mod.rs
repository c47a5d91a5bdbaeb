//! Review workbooks (docs/rounds.md, `review export` / `review import`):
//! offices and departments exchange opinions in Excel, the way they work
//! today, and the trail lands in `reviews/<round>/<department>.yaml`.
//!
//! - `select`: what goes into a department's feedback workbook or an
//!   office's workbook (items, findings, routed opinions), as data;
//! - `columns`: the sheets' column tables (item labels come from
//!   [`crate::columns`]);
//! - `export`: the xlsx bytes; `file`: review-file text edits (receipts,
//!   opinions) that keep the rest of the file as it is;
//! - `import`: a filled workbook back into review files, all or nothing.
//!
//! Nothing here prints.

pub mod columns;
pub mod export;
pub mod file;
pub mod import;
mod messages;
pub mod select;

pub use messages::MESSAGES;

/// The workbooks' lookup: they show validate's findings (rule messages) and
/// round states beside their own words.
pub static TEXTS: Texts = Texts::new(|| {
    crate::rules::all()
        .iter()
        .map(|rule| rule.messages)
        .chain([
            i18n::MESSAGES,
            crate::diff::MESSAGES,
            crate::rounds::MESSAGES,
            MESSAGES,
        ])
        .collect()
});

use crate::finding::Severity;
use crate::i18n::{self, Texts};
use crate::rules::Rule;

/// Problems of a review workbook: not one of ours, a stale item, an
/// opinion number that no longer fits. (Not in `rules::all()`: `validate`
/// never reports it.)
pub static RULE: Rule = Rule {
    id: "review-import",
    default_severity: Severity::Error,
    can_be_silenced: false,
    summary_zh: "导入审核工作簿时的问题：不是审核工作簿、事项自导出后已修改、意见编号不符",
    summary_en: "review workbook problems: not a review workbook, an item changed since export, an opinion number that does not fit",
    messages: &[],
};
