//! One item file as the diff sees it: the parsed record in canonical form,
//! so that formatting, comments, key order and label spellings
//! (`category: 医疗卫生` = `category: health`) are not changes.

use serde::Deserialize;
use serde_json::Value;

use crate::finding::Finding;
use crate::model::{Item, Labelled, Status};
use crate::rules::parse_error;
use crate::source::Source;
use crate::yaml;

#[derive(Debug, Clone)]
pub struct Record {
    pub file: String,
    pub value: Value,
    pub code: Option<String>,
    pub name: String,
    pub department: String,
    pub cancelled: bool,
}

/// Reads and parses one item file; a file that is not YAML gives the
/// finding that says so.
#[allow(
    clippy::result_large_err,
    reason = "a Finding is what callers report; the error path is rare and not hot"
)]
pub fn read(source: &dyn Source, file: &str) -> Result<Record, Finding> {
    let text = source
        .read_text(file)
        .map_err(|problem| parse_error::unreadable(file, &problem))?;
    let doc = match yaml::parse(&text) {
        Ok(Some(doc)) => doc,
        Ok(None) => return Err(parse_error::empty(file)),
        Err(e) => return Err(parse_error::invalid_yaml(file, &e)),
    };
    Ok(from_value(file, doc.value))
}

/// The record through the item type when it is one (defaults dropped, enum
/// labels as keys); a draft that fails the schema is compared as written.
pub fn from_value(file: &str, raw: Value) -> Record {
    let value = match Item::deserialize(&raw) {
        Ok(item) => serde_json::to_value(&item).expect("an item serializes"),
        Err(_) => raw,
    };
    let text = |key: &str| value.get(key).and_then(Value::as_str).map(str::to_string);
    let department = text("department").unwrap_or_else(|| folder_of(file));
    let cancelled = text("status").and_then(|s| Status::parse(&s)) == Some(Status::Cancelled);
    Record {
        file: file.to_string(),
        code: text("code"),
        name: text("name").unwrap_or_default(),
        department,
        cancelled,
        value,
    }
}

/// `items/<department>/x.yaml` → `<department>`.
fn folder_of(file: &str) -> String {
    file.split('/')
        .nth(1)
        .filter(|_| file.matches('/').count() >= 2)
        .unwrap_or_default()
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::MemorySource;

    #[test]
    fn labels_and_defaults_are_canonical() {
        let a = "name: 甲\nkind: public_service\ncategory: health\ndepartment: wsjw\ntargets: [natural_person]\nlegal_basis: []\nguide: true\n";
        let b = "# 注释\nname:   甲\nkind: 20\ncategory: 医疗卫生\ndepartment: wsjw\ntargets:\n  - 自然人\nlegal_basis: []\n";
        let mut source = MemorySource::new();
        source.insert("items/wsjw/a.yaml", a);
        source.insert("items/wsjw/b.yaml", b);
        let (ra, rb) = (
            read(&source, "items/wsjw/a.yaml").unwrap(),
            read(&source, "items/wsjw/b.yaml").unwrap(),
        );
        assert_eq!(ra.value, rb.value);
        assert!(!ra.cancelled);
    }

    #[test]
    fn drafts_are_compared_as_written() {
        let record = from_value(
            "items/mzj/x.yaml",
            serde_json::json!({"name": "乙", "unknown": 1, "status": "已取消"}),
        );
        assert_eq!(record.department, "mzj");
        assert!(record.cancelled);
        assert_eq!(record.value["unknown"], 1);
    }
}
