//! Review files edited as text: a receipt or changed opinions replace
//! their top-level key only, so that the rest of the file (hand-written
//! opinions, comments) stays as it was. A file that does not exist yet is
//! written whole.

use serde_json::{Map, Value};

use crate::model::Receipt;
use crate::sheets::merge;
use crate::source::{ReadProblem, Source};
use crate::yaml::write::REVIEW_LAYOUT;

/// A review file as it is now: its text and its value (empty when absent).
#[derive(Debug, Clone, Default)]
pub struct Current {
    pub text: String,
    pub value: Map<String, Value>,
}

impl Current {
    /// Reads `path` of the catalog; a file that is not there is empty.
    /// The caller has checked that the file loads (`reviews::read_file`).
    pub fn read(source: &dyn Source, path: &str) -> Result<Current, ReadProblem> {
        let text = match source.read_text(path) {
            Ok(text) => text,
            Err(ReadProblem::Missing) => return Ok(Current::default()),
            Err(problem) => return Err(problem),
        };
        let value = match crate::yaml::parse(&text) {
            Ok(Some(doc)) => doc.value.as_object().cloned().unwrap_or_default(),
            _ => Map::new(),
        };
        Ok(Current { text, value })
    }

    /// The opinions as written (keys or Chinese labels, as the file has them).
    pub fn opinions(&self) -> Vec<Value> {
        self.list("opinions")
    }

    fn list(&self, key: &str) -> Vec<Value> {
        self.value
            .get(key)
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default()
    }

    /// The text with `receipt` in place of the file's receipt of the same
    /// reviewer (one per department, round and office: a re-export
    /// rewrites it), or after the others.
    pub fn with_receipt(&self, receipt: &Receipt) -> String {
        let office = receipt.office.as_ref().map(|r| r.id().to_string());
        let same = |value: &Value| {
            let theirs = value
                .get("office")
                .and_then(Value::as_str)
                .map(|text| crate::model::Reviewer::parse(text).id().to_string());
            theirs == office
        };
        let new = serde_json::to_value(receipt).expect("receipts serialize");
        let mut receipts = self.list("receipts");
        match receipts.iter().position(same) {
            Some(at) => {
                receipts[at] = new;
                let mut seen = false;
                receipts.retain(|r| !same(r) || !std::mem::replace(&mut seen, true));
            }
            None => receipts.push(new),
        }
        self.with_key("receipts", Value::Array(receipts))
    }

    /// The text with `opinions` in place of the file's.
    pub fn with_opinions(&self, opinions: Vec<Value>) -> String {
        self.with_key("opinions", Value::Array(opinions))
    }

    fn with_key(&self, key: &str, value: Value) -> String {
        let mut expected = self.value.clone();
        expected.insert(key.to_string(), value.clone());
        merge::apply_in(
            &REVIEW_LAYOUT,
            &self.text,
            &[(key.to_string(), Some(value))],
            &Value::Object(expected),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ReviewFile, Reviewer};

    const HAND_WRITTEN: &str = "\
# 编办意见（手写）
opinions:
  - item: items/wsjw/生育登记.yaml
    office: 编办        # 中文也可
    opinion: 请核实
    decision: 修改
    fingerprint: \"0123456789ab\"
";

    fn current(text: &str) -> Current {
        let value = crate::yaml::parse(text)
            .unwrap()
            .map(|d| d.value.as_object().cloned().unwrap())
            .unwrap_or_default();
        Current {
            text: text.to_string(),
            value,
        }
    }

    fn receipt(office: Option<Reviewer>) -> Receipt {
        Receipt {
            workbook: "wsjw-瓯江市卫生健康委员会-一审反馈.xlsx".into(),
            date: "2027-03-10".into(),
            items: 2,
            office,
            opinions: Vec::new(),
        }
    }

    fn read_back(text: &str) -> ReviewFile {
        serde_json::from_value(crate::yaml::parse(text).unwrap().unwrap().value).unwrap()
    }

    #[test]
    fn a_receipt_leaves_hand_written_opinions_as_they_are() {
        let text = current(HAND_WRITTEN).with_receipt(&receipt(None));
        assert!(text.starts_with(HAND_WRITTEN), "{text}");
        assert_eq!(
            &text[HAND_WRITTEN.len()..],
            "receipts:\n  - workbook: wsjw-瓯江市卫生健康委员会-一审反馈.xlsx\n    date: \"2027-03-10\"\n    items: 2\n"
        );
        let twice = current(&text).with_receipt(&receipt(Some(Reviewer::office("fagaiwei"))));
        assert_eq!(read_back(&twice).receipts.len(), 2);
        assert!(twice.starts_with(HAND_WRITTEN));
    }

    #[test]
    fn a_re_export_rewrites_the_receipt_of_its_reviewer() {
        let mut text = current(HAND_WRITTEN).with_receipt(&receipt(None));
        let fagaiwei = Some(Reviewer::office("fagaiwei"));
        text = current(&text).with_receipt(&receipt(fagaiwei.clone()));
        for day in ["2027-03-11", "2027-03-12", "2027-03-13"] {
            let again = Receipt {
                date: day.into(),
                ..receipt(None)
            };
            text = current(&text).with_receipt(&again);
        }
        // 中文 office labels name the same reviewer as keys.
        let relabelled = text.replace("office: fagaiwei", "office: 发改委");
        text = current(&relabelled).with_receipt(&receipt(fagaiwei));
        let receipts = read_back(&text).receipts;
        assert_eq!(receipts.len(), 2, "{text}");
        assert_eq!(receipts[0].date, "2027-03-13");
        assert!(receipts[0].office.is_none());
        assert!(text.starts_with(HAND_WRITTEN));
    }

    #[test]
    fn a_new_file_is_written_whole_with_its_modeline() {
        let text = Current::default().with_receipt(&receipt(None));
        assert!(
            text.starts_with(crate::yaml::write::REVIEW_MODELINE),
            "{text}"
        );
        assert_eq!(read_back(&text).receipts, [receipt(None)]);
    }

    #[test]
    fn opinions_are_written_in_record_order() {
        let file = current(HAND_WRITTEN);
        let mut opinions = file.opinions();
        opinions[0]["response"] = "已核实".into();
        let text = file.with_opinions(opinions);
        assert!(
            text.starts_with("# 编办意见（手写）\nopinions:\n"),
            "{text}"
        );
        assert!(
            text.contains("    decision: 修改\n    response: 已核实\n    fingerprint:"),
            "{text}"
        );
        assert_eq!(
            read_back(&text).opinions[0].response.as_deref(),
            Some("已核实")
        );
    }
}
