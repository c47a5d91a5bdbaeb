//! The round records seed 000 asks to be kept on file: the public
//! consultation before 二审 closes (`reviews/review-2/consultation.yaml`),
//! the city government's approval (`reviews/approved/approval.yaml`) and
//! the publication (`reviews/published/publication.yaml`, written by
//! `round advance --document-number`).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::config::Date;

/// 征求意见记录: how the public was consulted (seed 000: 以适当方式向社会征求意见).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "征求意见记录 (consultation)")]
pub struct Consultation {
    /// 征求意见期间, e.g. 2027-04-01至2027-04-30.
    #[schemars(length(min = 1))]
    pub period: String,
    /// 征求意见方式: where the draft was published.
    #[schemars(length(min = 1))]
    pub channel: String,
    /// 收到意见条数.
    pub comments: u32,
    /// 意见处理情况.
    #[schemars(length(min = 1))]
    pub handling: String,
}

/// 审定记录: the meeting that approved the catalog.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "审定记录 (approval)")]
pub struct Approval {
    /// 会议, e.g. 市政府第12次常务会议.
    #[schemars(length(min = 1))]
    pub meeting: String,
    /// 会议日期, YYYY-MM-DD.
    pub date: Date,
    /// 纪要号.
    #[schemars(length(min = 1))]
    pub minutes_number: String,
}

/// 公布记录: the document that published the catalog.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "公布记录 (publication)")]
pub struct Publication {
    /// 发布机关.
    #[schemars(length(min = 1))]
    pub issuer: String,
    /// 文号, e.g. 瓯政发〔2027〕12号.
    #[schemars(length(min = 1))]
    pub document_number: String,
    /// 发布日期, YYYY-MM-DD.
    pub date: Date,
}

/// `reviews/review-2/consultation.yaml`.
pub const CONSULTATION_FILE: &str = "reviews/review-2/consultation.yaml";
/// `reviews/approved/approval.yaml`.
pub const APPROVAL_FILE: &str = "reviews/approved/approval.yaml";
/// `reviews/published/publication.yaml`.
pub const PUBLICATION_FILE: &str = "reviews/published/publication.yaml";

const PUBLICATION_KEYS: &[&str] = &["issuer", "document_number", "date"];

/// A round record's path (the loader reads it as a record, not as a
/// department's review file).
pub fn is_record(file: &str) -> bool {
    [CONSULTATION_FILE, APPROVAL_FILE, PUBLICATION_FILE].contains(&file)
}

/// The publication record's key order (the only record qingdan writes).
pub fn publication_key_order(path: &[&str]) -> &'static [&'static str] {
    match path {
        [] => PUBLICATION_KEYS,
        _ => &[],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_read_their_documented_keys() {
        let approval: Approval = serde_json::from_value(serde_json::json!({
            "meeting": "市政府第12次常务会议", "date": "2027-05-20", "minutes_number": "〔2027〕12号"
        }))
        .unwrap();
        assert_eq!(approval.date.0, "2027-05-20");
        let text = serde_json::to_string(&Publication {
            issuer: "瓯江市人民政府".into(),
            document_number: "瓯政发〔2027〕12号".into(),
            date: Date("2027-06-01".into()),
        })
        .unwrap();
        let order: Vec<usize> = PUBLICATION_KEYS
            .iter()
            .map(|k| text.find(&format!("\"{k}\"")).unwrap())
            .collect();
        assert!(order.windows(2).all(|w| w[0] < w[1]), "{text}");
    }
}
