//! A diff in words: field paths (`申请材料“结婚证”的份数`), values
//! (enumeration labels, 是/否, records as `label：value` lines) and
//! departments, for one language. The diff renderers and the adjust
//! round's review workbooks say changes the same way.

use std::collections::BTreeMap;

use serde_json::Value;

use super::{FieldChange, Seg};
use crate::i18n::Lang;
use crate::labels::{self, Field, Record};

/// Field names, values and departments in words, for one language.
pub struct Wording<'a> {
    pub lang: Lang,
    departments: &'a BTreeMap<String, String>,
}

impl<'a> Wording<'a> {
    pub fn new(lang: Lang, departments: &'a BTreeMap<String, String>) -> Self {
        Wording { lang, departments }
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
pub fn resolve(path: &[Seg]) -> (Option<Record>, Option<&'static Field>, bool) {
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

impl Wording<'_> {
    /// `申请材料“户口簿”的份数：1 → 2`: a change on one line (values on
    /// several lines joined with `；`); `（无）` for an absent side.
    pub fn change_line(&self, change: &FieldChange) -> String {
        let none = self.lang.pick("（无）", "(none)");
        let side = |v: &Value| {
            let text = self
                .value(&change.path, v)
                .replace('\n', self.lang.pick("；", "; "));
            if text.is_empty() {
                none.to_string()
            } else {
                text
            }
        };
        let colon = self.lang.pick("：", ": ");
        format!(
            "{}{colon}{} → {}",
            self.field(&change.path),
            side(&change.old),
            side(&change.new)
        )
    }
}
