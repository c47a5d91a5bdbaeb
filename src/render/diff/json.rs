//! The diff for scripts: the JSON shape of docs/outputs.md, exactly. Values are as the
//! record writes them (keys, not labels).

use serde::Serialize;
use serde_json::Value;

use super::resolve;
use crate::diff::{Counts, Diff, FieldChange};
use crate::labels::{self, Record};

#[derive(Serialize)]
struct Document<'a> {
    summary: JsonCounts,
    items: Vec<JsonItem<'a>>,
}

#[derive(Serialize)]
struct JsonCounts {
    added: usize,
    changed: usize,
    cancelled: usize,
    removed: usize,
}

impl From<Counts> for JsonCounts {
    fn from(c: Counts) -> Self {
        JsonCounts {
            added: c.added,
            changed: c.changed,
            cancelled: c.cancelled,
            removed: c.removed,
        }
    }
}

#[derive(Serialize)]
struct JsonItem<'a> {
    change: &'static str,
    code: Option<&'a str>,
    name: &'a str,
    department: &'a str,
    file: &'a str,
    old_file: Option<&'a str>,
    fields: Vec<JsonField<'a>>,
}

#[derive(Serialize)]
struct JsonField<'a> {
    path: String,
    old: Ordered<'a>,
    new: Ordered<'a>,
}

/// A value whose records list their keys in record order (`name` first),
/// as the item files do, rather than alphabetically.
struct Ordered<'a> {
    value: &'a Value,
    record: Option<Record>,
}

impl Serialize for Ordered<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::{SerializeMap, SerializeSeq};
        match self.value {
            Value::Object(map) => {
                let mut keys: Vec<&String> = map.keys().collect();
                let order = self.record.map(labels::fields).unwrap_or(&[]);
                keys.sort_by_key(|k| {
                    order
                        .iter()
                        .position(|f| f.key == k.as_str())
                        .unwrap_or(usize::MAX)
                });
                let mut out = s.serialize_map(Some(keys.len()))?;
                for key in keys {
                    let record = self
                        .record
                        .and_then(|r| labels::field(r, key))
                        .and_then(|f| f.record);
                    out.serialize_entry(
                        key,
                        &Ordered {
                            value: &map[key],
                            record,
                        },
                    )?;
                }
                out.end()
            }
            Value::Array(list) => {
                let mut out = s.serialize_seq(Some(list.len()))?;
                for value in list {
                    out.serialize_element(&Ordered {
                        value,
                        record: self.record,
                    })?;
                }
                out.end()
            }
            scalar => scalar.serialize(s),
        }
    }
}

/// `{"summary": {...}, "items": [...]}`, pretty-printed, newline-terminated.
pub fn render(diff: &Diff) -> String {
    let items = diff
        .items
        .iter()
        .map(|i| JsonItem {
            change: i.change.key(),
            code: i.code.as_deref(),
            name: &i.name,
            department: &i.department,
            file: &i.file,
            old_file: i.old_file.as_deref(),
            fields: i.fields.iter().map(field).collect(),
        })
        .collect();
    finish(&Document {
        summary: diff.summary().into(),
        items,
    })
}

fn field(f: &FieldChange) -> JsonField<'_> {
    let record = resolve(&f.path).1.and_then(|field| field.record);
    JsonField {
        path: f.path_text(),
        old: Ordered {
            value: &f.old,
            record,
        },
        new: Ordered {
            value: &f.new,
            record,
        },
    }
}

#[derive(Serialize)]
struct StatDocument<'a> {
    summary: JsonCounts,
    departments: Vec<JsonDepartment<'a>>,
}

#[derive(Serialize)]
struct JsonDepartment<'a> {
    department: &'a str,
    name: Option<&'a str>,
    #[serde(flatten)]
    counts: JsonCounts,
}

/// `--stat`: `{"summary": {...}, "departments": [{"department", "name", counts…}]}`.
pub fn render_stat(diff: &Diff) -> String {
    let per = diff.by_department();
    let departments = per
        .iter()
        .map(|(id, counts)| JsonDepartment {
            department: id,
            name: diff.departments.get(id).map(String::as_str),
            counts: (*counts).into(),
        })
        .collect();
    finish(&StatDocument {
        summary: diff.summary().into(),
        departments,
    })
}

fn finish(doc: &impl Serialize) -> String {
    let mut text = serde_json::to_string_pretty(doc).expect("a diff serializes");
    text.push('\n');
    text
}
