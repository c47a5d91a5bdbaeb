//! reviews/<round>/<department>.yaml: opinions, responses and export receipts.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::enums::{Decision, Office};

/// One department's review file for one round.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "审核意见 (review opinions)")]
pub struct ReviewFile {
    /// Opinions of the offices, with the department's responses.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub opinions: Vec<Opinion>,
    /// Feedback workbooks exported to the department.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub receipts: Vec<Receipt>,
}

/// 审核意见.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Opinion {
    /// The item: its code, or its file relative to the catalog.
    pub item: String,
    /// The office giving the opinion.
    pub office: Office,
    /// 意见.
    pub opinion: String,
    /// 结论.
    pub decision: Decision,
    /// 部门答复, written in the next report round.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub response: Option<String>,
    /// The office accepts the response.
    #[serde(default)]
    pub resolved: bool,
    /// First 12 hex digits of the SHA-256 of the item's canonical JSON when the opinion was written.
    #[schemars(regex(pattern = r"^[0-9a-f]{12}$"))]
    pub fingerprint: String,
}

/// A feedback workbook handed to the department.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Receipt {
    /// The workbook file name.
    pub workbook: String,
    /// Export date, YYYY-MM-DD.
    pub date: String,
    /// Number of items in the workbook.
    pub items: u32,
}
