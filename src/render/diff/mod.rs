//! A diff for people and scripts: one module per output format, and the
//! messages they share (headers, summaries) here; field names and values
//! in words come from `diff::wording`.

pub mod json;
pub mod markdown;
pub mod notice;
pub mod sheet;
pub mod table;
pub mod xlsx;

pub(crate) use crate::diff::wording::resolve;
use crate::diff::{Change, Counts, Diff, ItemChange, Wording};
use crate::i18n::Lang;
use crate::texts;

/// What the two sides are called in titles: `HEAD`, `工作区`, a folder.
#[derive(Debug, Clone)]
pub struct Sides {
    pub old: String,
    pub new: String,
}

/// Words for one language: the diff's [`Wording`] (field names, values,
/// departments) and the renderers' messages.
pub struct Words<'a> {
    wording: Wording<'a>,
}

impl<'a> std::ops::Deref for Words<'a> {
    type Target = Wording<'a>;
    fn deref(&self) -> &Wording<'a> {
        &self.wording
    }
}

impl<'a> Words<'a> {
    pub fn new(lang: Lang, diff: &'a Diff) -> Self {
        Words {
            wording: Wording::new(lang, &diff.departments),
        }
    }

    pub fn tr(&self, key: &str) -> String {
        texts::tr(self.lang, key, &[])
    }

    pub fn change(&self, change: Change) -> String {
        self.tr(change.message_key())
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
    use crate::diff::Seg;
    use serde_json::Value;
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
