//! reviews/<round>/<department>.yaml: opinions, responses and export receipts.

use std::borrow::Cow;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::enums::Decision;
use super::office::{self, Office};

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
    /// Who gives the opinion: an office, or the 主管部门 (a departments.yaml id).
    pub office: Reviewer,
    /// 字段: the field the opinion is about, a diff path (`fee.standard`,
    /// `materials[结婚证].copies`); absent when it is about the whole item.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
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

impl Opinion {
    /// The department's answer, when it wrote one.
    pub fn answer(&self) -> Option<&str> {
        self.response
            .as_deref()
            .map(str::trim)
            .filter(|r| !r.is_empty())
    }
}

/// Who reviews: one of the offices (`catalog.yaml` `offices`, docs/catalog.md),
/// or the supervising department (主管部门) of a public institution or
/// state-owned enterprise, which seed 000 charges with reviewing its
/// enterprises' items.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Reviewer {
    /// An office id.
    Office(String),
    /// A departments.yaml id.
    Department(String),
}

impl Reviewer {
    /// An office by its id.
    pub fn office(id: &str) -> Reviewer {
        Reviewer::Office(id.to_string())
    }

    /// The id written in review files: the office id or the department id.
    pub fn id(&self) -> &str {
        match self {
            Reviewer::Office(id) | Reviewer::Department(id) => id,
        }
    }

    /// Reads a reviewer without knowing the catalog's offices: a default
    /// office's id or name (编办, 法制办, 司法局…) is that office; anything
    /// else a department id until `resolve` sees the catalog's offices.
    pub fn parse(text: &str) -> Reviewer {
        match office::default_id(text) {
            Some(id) => Reviewer::office(id),
            None => Reviewer::Department(text.trim().to_string()),
        }
    }

    /// Reads a reviewer against the catalog's offices: an office's id or
    /// name (or a default office's older id or name) is that office;
    /// anything else a department id (the caller checks it is one).
    pub fn parse_in(text: &str, offices: &[Office]) -> Reviewer {
        match office::find(offices, text) {
            Some(office) => Reviewer::office(&office.id),
            None => Reviewer::parse(text),
        }
    }

    /// This reviewer as the catalog's offices name it: a department id
    /// that is an office's id or name becomes the office, a default
    /// office's id becomes the office now holding it. A default office the
    /// catalog does not list stays as it was (a finding when loaded).
    pub fn resolve(&self, offices: &[Office]) -> Reviewer {
        Reviewer::parse_in(self.id(), offices)
    }

    /// The office among `offices`, when this reviewer is one of them.
    pub fn office_in<'a>(&self, offices: &'a [Office]) -> Option<&'a Office> {
        match self {
            Reviewer::Office(id) => offices.iter().find(|o| o.id == *id),
            Reviewer::Department(_) => None,
        }
    }
}

impl Serialize for Reviewer {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.id())
    }
}

impl<'de> Deserialize<'de> for Reviewer {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        String::deserialize(d).map(|text| Reviewer::parse(&text))
    }
}

impl JsonSchema for Reviewer {
    fn schema_name() -> Cow<'static, str> {
        "Reviewer".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        // A plain string: offices are the catalog's (catalog.yaml
        // `offices`) and department ids the register's; an unknown value
        // gets a message naming the offices when loaded.
        let offices: Vec<&str> = office::DEFAULT_OFFICES
            .iter()
            .map(|o| o.id.as_str())
            .collect();
        json_schema!({
            "type": "string",
            "minLength": 1,
            "description": "审核部门：catalog.yaml offices 中的 id（缺省：zhengfuban 政府办公室 | bianban 编办 | fagaiwei 发改委 | caizheng 财政局 | fazhi 法制办 | guoziwei 国资委 | shenguanban 审管办 | public 社会公众）；或事业单位、国有企业的主管部门 id",
            "examples": offices,
        })
    }
}

/// A feedback workbook handed to the department (`review export` writes
/// one per workbook; the review-1 gate reads them).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Receipt {
    /// The workbook file name.
    pub workbook: String,
    /// Export date, YYYY-MM-DD (China Standard Time).
    #[schemars(regex(pattern = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"))]
    pub date: String,
    /// Number of items in the workbook.
    pub items: u32,
    /// The reviewer whose workbook this was (`review export --office`: an
    /// office, or a supervising department's id); absent for the
    /// department's own feedback workbook, the one the review-1 gate asks for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub office: Option<Reviewer>,
    /// The opinions the workbook carried (a department's feedback
    /// workbook): the review-1 gate holds while an opinion addressed to the
    /// department is in none of its receipts. Receipts written before
    /// qingdan recorded this carry none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub opinions: Vec<Carried>,
}

/// One opinion as a receipt records it: who gave it, on which item, on
/// which version of the item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Carried {
    /// The reviewer's id.
    pub office: Reviewer,
    /// The item as the opinion names it.
    pub item: String,
    /// The opinion's fingerprint.
    #[schemars(regex(pattern = r"^[0-9a-f]{12}$"))]
    pub fingerprint: String,
}

impl Carried {
    /// The opinion as a receipt records it.
    pub fn of(opinion: &Opinion) -> Carried {
        Carried {
            office: opinion.office.clone(),
            item: opinion.item.trim().to_string(),
            fingerprint: opinion.fingerprint.clone(),
        }
    }
}

const FILE_KEYS: &[&str] = &["opinions", "receipts"];
const OPINION_KEYS: &[&str] = &[
    "item",
    "office",
    "field",
    "opinion",
    "decision",
    "response",
    "resolved",
    "fingerprint",
];
const RECEIPT_KEYS: &[&str] = &["workbook", "date", "items", "office", "opinions"];
const CARRIED_KEYS: &[&str] = &["office", "item", "fingerprint"];

/// The keys of a review file in the order qingdan writes them, at a path
/// of mapping keys (list positions left out).
pub fn key_order(path: &[&str]) -> &'static [&'static str] {
    match path {
        [] => FILE_KEYS,
        ["opinions"] => OPINION_KEYS,
        ["receipts"] => RECEIPT_KEYS,
        ["receipts", "opinions"] => CARRIED_KEYS,
        _ => &[],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Serialising keeps the struct's field order; the key tables must follow it.
    fn keys_of<T: Serialize>(value: &T) -> Vec<String> {
        let text = serde_json::to_string(value).unwrap();
        let map: serde_json::Map<String, serde_json::Value> = serde_json::from_str(&text).unwrap();
        let mut keys: Vec<(usize, String)> = map
            .keys()
            .map(|k| (text.find(&format!("\"{k}\":")).unwrap(), k.clone()))
            .collect();
        keys.sort();
        keys.into_iter().map(|(_, k)| k).collect()
    }

    #[test]
    fn key_tables_follow_the_struct_fields() {
        let opinion = Opinion {
            item: "a".into(),
            office: Reviewer::office("bianban"),
            field: Some("fee.standard".into()),
            opinion: "b".into(),
            decision: Decision::Pass,
            response: Some("c".into()),
            resolved: true,
            fingerprint: "0123456789ab".into(),
        };
        assert_eq!(keys_of(&opinion), OPINION_KEYS);
        let receipt = Receipt {
            workbook: "a".into(),
            date: "2027-01-01".into(),
            items: 1,
            office: Some(Reviewer::Department("zjj".into())),
            opinions: vec![Carried::of(&opinion)],
        };
        assert_eq!(keys_of(&receipt), RECEIPT_KEYS);
        assert_eq!(keys_of(&receipt.opinions[0]), CARRIED_KEYS);
        let file = ReviewFile {
            opinions: vec![opinion],
            receipts: vec![receipt],
        };
        assert_eq!(keys_of(&file), FILE_KEYS);
    }

    #[test]
    fn review_files_written_before_receipts_listed_opinions_still_load() {
        let text = "opinions:\n  - item: items/wsjw/生育登记.yaml\n    office: 编办\n    opinion: 请核实\n    decision: 修改\n    fingerprint: \"0123456789ab\"\nreceipts:\n  - {workbook: wsjw-一审反馈.xlsx, date: 2027-03-10, items: 4}\n  - {workbook: fagaiwei-发改委-一审审核.xlsx, date: 2027-03-09, items: 1, office: fagaiwei}\n";
        let doc = crate::yaml::parse(text).unwrap().unwrap().value;
        assert!(
            jsonschema::is_valid(&crate::model::schema::review(), &doc),
            "{doc}"
        );
        let file: ReviewFile = serde_json::from_value(doc).unwrap();
        assert_eq!(file.receipts.len(), 2);
        assert!(file.receipts.iter().all(|r| r.opinions.is_empty()));
        assert_eq!(file.opinions[0].office, Reviewer::office("bianban"));
        assert_eq!(file.opinions[0].decision, Decision::Revise);
    }
}
