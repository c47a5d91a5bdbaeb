//! A diff for people and scripts: one module per output format, and the
//! wording they share (field names, values, headers) here.

pub mod json;
pub mod markdown;
pub mod notice;
pub mod sheet;
pub mod table;
pub mod xlsx;

use std::collections::BTreeMap;

use serde_json::Value;

use crate::diff::{Change, Counts, Diff, ItemChange, Seg};
use crate::i18n::Lang;
use crate::labels::{self, Field, Record};
use crate::texts;

/// What the two sides are called in titles: `HEAD`, `工作区`, a folder.
#[derive(Debug, Clone)]
pub struct Sides {
    pub old: String,
    pub new: String,
}

/// Words for one language: field names, values, departments.
pub struct Words<'a> {
    pub lang: Lang,
    departments: &'a BTreeMap<String, String>,
}

impl<'a> Words<'a> {
    pub fn new(lang: Lang, diff: &'a Diff) -> Self {
        Words {
            lang,
            departments: &diff.departments,
        }
    }

    pub fn tr(&self, key: &str) -> String {
        texts::tr(self.lang, key, &[])
    }

    pub fn change(&self, change: Change) -> String {
        let key = match change {
            Change::Added => "diff.change.added",
            Change::Changed => "diff.change.changed",
            Change::Cancelled => "diff.change.cancelled",
            Change::Removed => "diff.change.removed",
        };
        self.tr(key)
    }

    /// `瓯江市民政局（mzj）`, or the id alone when the register lacks it.
    pub fn department(&self, id: &str) -> String {
        match self.departments.get(id) {
            Some(name) => match self.lang {
                Lang::Zh => format!("{name}（{id}）"),
                Lang::En => format!("{name} ({id})"),
            },
            None => id.to_string(),
        }
    }

    /// The department's name alone (for the notice).
    pub fn department_name(&self, id: &str) -> String {
        self.departments
            .get(id)
            .cloned()
            .unwrap_or_else(|| id.to_string())
    }

    /// `新增 1 项，变更 2 项，取消 1 项，删除 1 项`; `没有差异` when none.
    pub fn summary(&self, counts: &Counts) -> String {
        if counts.total() == 0 {
            return self.tr("diff.none");
        }
        texts::tr(
            self.lang,
            "diff.summary",
            &[
                ("added", counts.added.into()),
                ("changed", counts.changed.into()),
                ("cancelled", counts.cancelled.into()),
                ("removed", counts.removed.into()),
            ],
        )
    }

    /// A field path in words: `承诺时限`, `申请材料“结婚证”的份数`,
    /// `copies of material “结婚证”`.
    pub fn field(&self, path: &[Seg]) -> String {
        let phrases = self.phrases(path);
        match self.lang {
            Lang::Zh => phrases.join("的"),
            Lang::En => phrases.into_iter().rev().collect::<Vec<_>>().join(" of "),
        }
    }

    /// One phrase per level: a list element with its key, or a key. A key
    /// inside a nested record (time_limit, fee) stands alone: its label
    /// already says what it belongs to (承诺时限).
    fn phrases(&self, path: &[Seg]) -> Vec<String> {
        let mut phrases: Vec<String> = Vec::new();
        let mut record = Some(Record::Item);
        let mut last: Option<(Option<Record>, Option<&'static Field>)> = None;
        let mut after_key = false;
        for seg in path {
            match seg {
                Seg::Key(key) => {
                    let field = record.and_then(|r| labels::field(r, key));
                    let label =
                        field.map_or_else(|| key.clone(), |f| f.label(self.lang).to_string());
                    if after_key {
                        phrases.pop();
                    }
                    phrases.push(label);
                    last = Some((record, field));
                    record = field.and_then(|f| f.record);
                    after_key = true;
                }
                Seg::Element(key) => {
                    let (owner, field) = last.unwrap_or((None, None));
                    let element = field.map_or("", |f| f.element_label(self.lang));
                    let shown = self.scalar(owner, field, key);
                    let space = if self.lang == Lang::En { " " } else { "" };
                    phrases.pop();
                    phrases.push(format!("{element}{space}“{shown}”"));
                    after_key = false;
                }
            }
        }
        phrases
    }

    /// A value in words: enumeration labels, 是/否, lists joined with 、,
    /// records as `label：value` lines; empty for absent.
    pub fn value(&self, path: &[Seg], value: &Value) -> String {
        let (owner, field, element) = resolve(path);
        match value {
            Value::Object(_) => {
                let record = field.and_then(|f| f.record);
                self.record(record, value)
            }
            Value::Array(list) if !element => {
                let record = field.and_then(|f| f.record);
                let parts: Vec<String> = list
                    .iter()
                    .map(|v| {
                        if v.is_object() {
                            self.record(record, v)
                        } else {
                            self.scalar_value(owner, field, v)
                        }
                    })
                    .collect();
                parts.join(self.list_separator())
            }
            other => self.scalar_value(owner, field, other),
        }
    }

    fn list_separator(&self) -> &'static str {
        match self.lang {
            Lang::Zh => "、",
            Lang::En => ", ",
        }
    }

    fn record(&self, record: Option<Record>, value: &Value) -> String {
        let Some(map) = value.as_object() else {
            return String::new();
        };
        let known: Vec<&'static Field> = record.map(labels::fields).unwrap_or(&[]).iter().collect();
        let mut keys: Vec<&String> = map.keys().collect();
        keys.sort_by_key(|k| {
            known
                .iter()
                .position(|f| f.key == k.as_str())
                .unwrap_or(usize::MAX)
        });
        let colon = match self.lang {
            Lang::Zh => "：",
            Lang::En => ": ",
        };
        let parts: Vec<String> = keys
            .into_iter()
            .map(|key| {
                let field = record.and_then(|r| labels::field(r, key));
                let label = field.map_or_else(|| key.clone(), |f| f.label(self.lang).to_string());
                let child = &map[key];
                let text = match child {
                    Value::Object(_) => self.record(field.and_then(|f| f.record), child),
                    Value::Array(list) => list
                        .iter()
                        .map(|v| {
                            if v.is_object() {
                                self.record(field.and_then(|f| f.record), v)
                            } else {
                                self.scalar_value(record, field, v)
                            }
                        })
                        .collect::<Vec<_>>()
                        .join(self.list_separator()),
                    scalar => self.scalar_value(record, field, scalar),
                };
                format!("{label}{colon}{text}")
            })
            .collect();
        parts.join("\n")
    }

    fn scalar_value(
        &self,
        owner: Option<Record>,
        field: Option<&'static Field>,
        value: &Value,
    ) -> String {
        match value {
            Value::Null => String::new(),
            Value::Bool(b) => labels::yes_no(*b, self.lang).to_string(),
            Value::String(s) => self.scalar(owner, field, s),
            other => other.to_string(),
        }
    }

    /// A text value: an enumeration key as its label, a department id as its name.
    fn scalar(&self, owner: Option<Record>, field: Option<&'static Field>, text: &str) -> String {
        let (Some(owner), Some(field)) = (owner, field) else {
            return text.to_string();
        };
        if owner == Record::Item && field.key == "department" {
            return self.department_name(text);
        }
        labels::value_label(owner, field.key, text, self.lang)
            .map_or_else(|| text.to_string(), str::to_string)
    }
}

/// The record holding the path's last key, that key's field, and whether
/// the path ends in a list element.
pub(crate) fn resolve(path: &[Seg]) -> (Option<Record>, Option<&'static Field>, bool) {
    let mut record = Some(Record::Item);
    let mut owner = None;
    let mut field = None;
    let mut element = false;
    for seg in path {
        match seg {
            Seg::Key(key) => {
                owner = record;
                field = record.and_then(|r| labels::field(r, key));
                record = field.and_then(|f| f.record);
                element = false;
            }
            Seg::Element(_) => element = true,
        }
    }
    (owner, field, element)
}

/// One line of the grouped report (table, markdown): an item's first line
/// carries its change, code and name; the next ones only a field.
pub struct Line {
    pub change: Option<Change>,
    pub code: String,
    pub name: String,
    pub field: String,
    pub old: String,
    pub new: String,
}

/// Column headers of the grouped report.
pub const LINE_HEADERS: [&str; 6] = [
    "diff.col.change",
    "diff.col.code",
    "diff.col.name",
    "diff.col.field",
    "diff.col.old",
    "diff.col.new",
];

/// The report's lines per department (shown as `name（id）`), in order.
pub fn grouped_lines(diff: &Diff, words: &Words) -> Vec<(String, Vec<Line>)> {
    by_department(diff)
        .into_iter()
        .map(|(dept, items)| {
            (
                words.department(dept),
                items.iter().flat_map(|i| item_lines(words, i)).collect(),
            )
        })
        .collect()
}

fn item_lines(words: &Words, item: &ItemChange) -> Vec<Line> {
    let mut changes: Vec<(String, String, String)> = item
        .fields
        .iter()
        .map(|f| {
            (
                words.field(&f.path),
                words.value(&f.path, &f.old),
                words.value(&f.path, &f.new),
            )
        })
        .collect();
    if let Some(old_file) = &item.old_file {
        changes.insert(
            0,
            (
                words.tr("diff.col.file"),
                old_file.clone(),
                item.file.clone(),
            ),
        );
    }
    if changes.is_empty() {
        changes.push(Default::default());
    }
    changes
        .into_iter()
        .enumerate()
        .map(|(i, (field, old, new))| {
            let first = i == 0;
            Line {
                change: first.then_some(item.change),
                code: if first {
                    item.code.clone().unwrap_or_default()
                } else {
                    String::new()
                },
                name: if first {
                    item.name.clone()
                } else {
                    String::new()
                },
                field,
                old,
                new,
            }
        })
        .collect()
}

/// Items grouped by department, in department order.
pub fn by_department(diff: &Diff) -> Vec<(&str, Vec<&ItemChange>)> {
    let mut groups: Vec<(&str, Vec<&ItemChange>)> = Vec::new();
    for item in &diff.items {
        match groups.last_mut() {
            Some((dept, items)) if *dept == item.department => items.push(item),
            _ => groups.push((&item.department, vec![item])),
        }
    }
    groups
}

/// The title line: `事项比对：HEAD → 工作区`.
pub fn title(words: &Words, sides: &Sides) -> String {
    texts::tr(
        words.lang,
        "diff.title",
        &[
            ("old", sides.old.clone().into()),
            ("new", sides.new.clone().into()),
        ],
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn path(text: &[&str]) -> Vec<Seg> {
        text.iter()
            .map(|s| match s.strip_prefix('[') {
                Some(key) => Seg::Element(key.trim_end_matches(']').to_string()),
                None => Seg::Key(s.to_string()),
            })
            .collect()
    }

    #[test]
    fn field_names() {
        let diff = Diff::default();
        let zh = Words::new(Lang::Zh, &diff);
        let en = Words::new(Lang::En, &diff);
        assert_eq!(zh.field(&path(&["time_limit", "promised"])), "承诺时限");
        assert_eq!(
            zh.field(&path(&["materials", "[结婚证]"])),
            "申请材料“结婚证”"
        );
        assert_eq!(
            zh.field(&path(&["materials", "[结婚证]", "copies"])),
            "申请材料“结婚证”的份数"
        );
        assert_eq!(
            en.field(&path(&["materials", "[结婚证]", "copies"])),
            "copies of material “结婚证”"
        );
        assert_eq!(
            zh.field(&path(&["targets", "[legal_person]"])),
            "服务对象“法人”"
        );
        assert_eq!(zh.field(&path(&["unknown"])), "unknown");
    }

    /// Keys listed in arrays (headers) are not seen by the i18n test's scan
    /// of `tr(` calls: every `"diff.…"` / `"notice.…"` literal here must exist.
    #[test]
    fn every_listed_key_has_text() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/render/diff");
        for entry in std::fs::read_dir(dir).unwrap() {
            let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
            for prefix in ["\"diff.", "\"notice."] {
                for part in text.split(prefix).skip(1) {
                    let key = format!("{}{}", &prefix[1..], part.split('"').next().unwrap());
                    if key.ends_with('.')
                        || !key
                            .chars()
                            .all(|c| c.is_ascii_lowercase() || c == '_' || c == '.')
                    {
                        continue;
                    }
                    assert_ne!(texts::template(Lang::En, &key), key, "no text for {key}");
                }
            }
        }
    }

    #[test]
    fn values() {
        let diff = Diff::default();
        let zh = Words::new(Lang::Zh, &diff);
        assert_eq!(zh.value(&path(&["category"]), &json!("health")), "医疗卫生");
        assert_eq!(
            zh.value(
                &path(&["materials", "[结婚证]"]),
                &json!({"name": "结婚证", "form": "copy", "proof": true})
            ),
            "材料名称：结婚证\n材料形式：复印件\n是否证明：是"
        );
        assert_eq!(
            zh.value(
                &path(&["targets"]),
                &json!(["natural_person", "legal_person"])
            ),
            "自然人、法人"
        );
        assert_eq!(zh.value(&path(&["visits"]), &Value::Null), "");
    }
}
