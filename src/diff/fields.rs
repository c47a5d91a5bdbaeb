//! Field-level comparison of two parsed records. Lists are compared as sets
//! of keyed elements (materials and steps by name, texts by their text), so
//! inserting one material is one addition and reordering changes nothing.

use std::collections::HashMap;

use serde_json::Value;

use crate::labels::{self, Record};

/// One step of a field path.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Seg {
    /// A key of a record: `time_limit`.
    Key(String),
    /// A list element by its key: `[结婚证]`.
    Element(String),
}

/// A field whose value differs. `Null` stands for absent.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldChange {
    pub path: Vec<Seg>,
    pub old: Value,
    pub new: Value,
}

impl FieldChange {
    /// `time_limit.promised`, `materials[结婚证].copies`.
    pub fn path_text(&self) -> String {
        path_text(&self.path)
    }

    /// The item key the change is under (`materials`).
    pub fn top_key(&self) -> &str {
        match self.path.first() {
            Some(Seg::Key(key)) => key,
            _ => "",
        }
    }
}

pub fn path_text(path: &[Seg]) -> String {
    let mut out = String::new();
    for seg in path {
        match seg {
            Seg::Key(key) => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(key);
            }
            Seg::Element(key) => {
                out.push('[');
                out.push_str(key);
                out.push(']');
            }
        }
    }
    out
}

/// Every difference between two item records, in record order.
pub fn compare(old: &Value, new: &Value) -> Vec<FieldChange> {
    let mut out = Vec::new();
    walk(Some(Record::Item), &mut Vec::new(), old, new, &mut out);
    out
}

fn walk(
    record: Option<Record>,
    path: &mut Vec<Seg>,
    old: &Value,
    new: &Value,
    out: &mut Vec<FieldChange>,
) {
    if old == new {
        return;
    }
    match (old, new) {
        (Value::Object(_), Value::Object(_)) => {
            for key in ordered_keys(record, old, new) {
                let child = record
                    .and_then(|r| labels::field(r, &key))
                    .and_then(|f| f.record);
                let (a, b) = (
                    old.get(&key).unwrap_or(&Value::Null),
                    new.get(&key).unwrap_or(&Value::Null),
                );
                path.push(Seg::Key(key));
                walk(child, path, a, b, out);
                path.pop();
            }
        }
        (Value::Array(_) | Value::Null, Value::Array(_) | Value::Null) if !path.is_empty() => {
            compare_lists(record, path, as_list(old), as_list(new), out);
        }
        _ => out.push(FieldChange {
            path: path.clone(),
            old: old.clone(),
            new: new.clone(),
        }),
    }
}

fn as_list(value: &Value) -> &[Value] {
    value.as_array().map(Vec::as_slice).unwrap_or(&[])
}

/// New order first (additions and changes where they now stand), then what
/// was taken out; where an element moved is not a change.
fn compare_lists(
    record: Option<Record>,
    path: &mut Vec<Seg>,
    old: &[Value],
    new: &[Value],
    out: &mut Vec<FieldChange>,
) {
    let old_keyed = keyed(record, old);
    let new_keyed = keyed(record, new);
    let old_index: HashMap<&str, &Value> =
        old_keyed.iter().map(|(k, v)| (k.as_str(), *v)).collect();
    let new_index: HashMap<&str, &Value> =
        new_keyed.iter().map(|(k, v)| (k.as_str(), *v)).collect();
    for (key, value) in &new_keyed {
        path.push(Seg::Element(key.clone()));
        match old_index.get(key.as_str()) {
            Some(before) => walk(record, path, before, value, out),
            None => out.push(FieldChange {
                path: path.clone(),
                old: Value::Null,
                new: (*value).clone(),
            }),
        }
        path.pop();
    }
    for (key, value) in &old_keyed {
        if !new_index.contains_key(key.as_str()) {
            path.push(Seg::Element(key.clone()));
            out.push(FieldChange {
                path: path.clone(),
                old: (*value).clone(),
                new: Value::Null,
            });
            path.pop();
        }
    }
}

/// Each element with its key; a key seen before gets `#2`, `#3`…
fn keyed(record: Option<Record>, list: &[Value]) -> Vec<(String, &Value)> {
    let mut seen: HashMap<String, usize> = HashMap::new();
    list.iter()
        .map(|value| {
            let key = element_key(record, value);
            let n = seen.entry(key.clone()).or_insert(0);
            *n += 1;
            let key = if *n == 1 { key } else { format!("{key}#{n}") };
            (key, value)
        })
        .collect()
}

/// Materials and steps by name, legal bases by 《title》article, ignores by
/// rule, texts by their text.
pub fn element_key(record: Option<Record>, value: &Value) -> String {
    let text = |key: &str| value.get(key).and_then(Value::as_str);
    match (record, value) {
        (_, Value::String(s)) => s.clone(),
        (Some(Record::LegalBasis), _) => format!(
            "{}{}",
            text("title").unwrap_or(""),
            text("article").unwrap_or("")
        ),
        (Some(Record::Ignore), _) if text("rule").is_some() => {
            text("rule").unwrap_or("").to_string()
        }
        (_, Value::Object(_)) if text("name").is_some() => text("name").unwrap_or("").to_string(),
        _ => value.to_string(),
    }
}

/// Known keys in record order, then any others alphabetically (a draft that
/// failed the schema may carry keys the record does not have).
fn ordered_keys(record: Option<Record>, old: &Value, new: &Value) -> Vec<String> {
    let present = |key: &str| old.get(key).is_some() || new.get(key).is_some();
    let mut keys: Vec<String> = Vec::new();
    if let Some(record) = record {
        keys.extend(
            labels::fields(record)
                .iter()
                .filter(|f| present(f.key))
                .map(|f| f.key.to_string()),
        );
    }
    let mut others: Vec<String> = [old, new]
        .iter()
        .filter_map(|v| v.as_object())
        .flat_map(|map| map.keys())
        .filter(|k| !keys.contains(k))
        .cloned()
        .collect();
    others.sort();
    others.dedup();
    keys.extend(others);
    keys
}

/// The record as `path=value` lines with their weights (bytes), for the
/// content similarity of unmatched items.
pub fn lines(value: &Value) -> Vec<String> {
    let mut out = Vec::new();
    flatten(Some(Record::Item), &mut String::new(), value, &mut out);
    out
}

fn flatten(record: Option<Record>, prefix: &mut String, value: &Value, out: &mut Vec<String>) {
    let len = prefix.len();
    match value {
        Value::Object(map) => {
            for (key, child) in map {
                let next = record
                    .and_then(|r| labels::field(r, key))
                    .and_then(|f| f.record);
                prefix.push('.');
                prefix.push_str(key);
                flatten(next, prefix, child, out);
                prefix.truncate(len);
            }
        }
        Value::Array(list) => {
            for (key, child) in keyed(record, list) {
                prefix.push('[');
                prefix.push_str(&key);
                prefix.push(']');
                flatten(record, prefix, child, out);
                prefix.truncate(len);
            }
        }
        scalar => out.push(format!("{prefix}={scalar}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn paths(old: Value, new: Value) -> Vec<String> {
        compare(&old, &new)
            .iter()
            .map(FieldChange::path_text)
            .collect()
    }

    #[test]
    fn nested_keys_and_keyed_elements() {
        let old = json!({"name": "a", "time_limit": {"promised": "5个工作日"},
            "materials": [{"name": "身份证", "copies": 1}, {"name": "户口簿"}]});
        let new = json!({"name": "a", "time_limit": {"promised": "3个工作日"},
            "materials": [{"name": "户口簿"}, {"name": "结婚证"}, {"name": "身份证", "copies": 2}]});
        // Record order: materials before time_limit; within a list, the new order.
        assert_eq!(
            paths(old, new),
            [
                "materials[结婚证]",
                "materials[身份证].copies",
                "time_limit.promised"
            ]
        );
    }

    #[test]
    fn reordering_is_no_change_and_text_lists_are_sets() {
        let old = json!({"conditions": ["甲", "乙"], "materials": [{"name": "x"}, {"name": "y"}]});
        let new = json!({"conditions": ["乙", "甲"], "materials": [{"name": "y"}, {"name": "x"}]});
        assert!(compare(&old, &new).is_empty());
        let added = compare(
            &old,
            &json!({"conditions": ["乙", "丙", "甲"], "materials": [{"name": "x"}, {"name": "y"}]}),
        );
        assert_eq!(added.len(), 1);
        assert_eq!(added[0].path_text(), "conditions[丙]");
        assert_eq!(added[0].new, json!("丙"));
    }

    #[test]
    fn absent_lists_and_records() {
        let changes = compare(
            &json!({}),
            &json!({"materials": [{"name": "x"}], "fee": {"charged": false}}),
        );
        let texts: Vec<String> = changes.iter().map(FieldChange::path_text).collect();
        assert_eq!(texts, ["materials[x]", "fee"]);
        assert_eq!(changes[1].old, Value::Null);
    }

    #[test]
    fn duplicate_keys_are_numbered() {
        let changes = compare(
            &json!({"conditions": ["甲"]}),
            &json!({"conditions": ["甲", "甲"]}),
        );
        assert_eq!(changes[0].path_text(), "conditions[甲#2]");
    }

    #[test]
    fn legal_bases_by_text() {
        let old = json!({"legal_basis": [{"title": "《甲法》", "article": "第一条"}]});
        let new = json!({"legal_basis": [{"title": "《甲法》", "article": "第二条"}]});
        let texts: Vec<String> = compare(&old, &new)
            .iter()
            .map(FieldChange::path_text)
            .collect();
        assert_eq!(
            texts,
            ["legal_basis[《甲法》第二条]", "legal_basis[《甲法》第一条]"]
        );
    }

    #[test]
    fn lines_name_elements_by_key() {
        let lines = lines(&json!({"name": "a", "materials": [{"name": "x", "copies": 1}]}));
        assert!(
            lines.contains(&".materials[x].copies=1".to_string()),
            "{lines:?}"
        );
    }
}
