//! Which items changed between two versions of a catalog, for the adjust
//! gate. Files with equal bytes are not parsed; the others are compared as
//! records by fingerprint, so layout and comments are no change; a file
//! moved or renamed is matched by its code. All of it stays in `since`, to
//! be replaced by the diff module's comparison once that lands.

use std::collections::{BTreeMap, BTreeSet};

use serde::Deserialize;

use crate::catalog::item_ref;
use crate::finding::ItemRef;
use crate::model::Item;
use crate::source::{EntryKind, Source};

use super::fingerprint::fingerprint;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum ChangeKind {
    Added,
    Changed,
    Cancelled,
    Removed,
}

impl ChangeKind {
    /// The JSON key.
    pub fn key(self) -> &'static str {
        match self {
            ChangeKind::Added => "added",
            ChangeKind::Changed => "changed",
            ChangeKind::Cancelled => "cancelled",
            ChangeKind::Removed => "removed",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct ItemChange {
    pub kind: ChangeKind,
    /// Where the item is now (where it was, when removed).
    pub file: String,
    /// Where it was, when the file moved.
    pub old_file: Option<String>,
    pub item: ItemRef,
}

/// One item file as read for the comparison.
struct Side {
    record: Option<Item>,
    item: ItemRef,
}

fn read(source: &dyn Source, path: &str) -> Side {
    let doc = source.read_text(path).ok().and_then(|text| crate::yaml::parse(&text).ok().flatten());
    match doc {
        Some(doc) => Side { record: Item::deserialize(&doc.value).ok(), item: item_ref(&doc.value) },
        None => Side { record: None, item: ItemRef::default() },
    }
}

/// The item files of a source, by path.
fn item_files(source: &dyn Source) -> Result<BTreeSet<String>, String> {
    Ok(source.item_entries()?.into_iter().filter(|e| e.kind == EntryKind::File).map(|e| e.path).collect())
}

/// How `new` differs from `old`; `None` when the records are equal.
fn compare(old: &Side, new: &Side) -> Option<ChangeKind> {
    match (&old.record, &new.record) {
        (Some(a), Some(b)) if fingerprint(a) == fingerprint(b) => None,
        (Some(a), Some(b)) if a.is_active() && !b.is_active() => Some(ChangeKind::Cancelled),
        _ => Some(ChangeKind::Changed),
    }
}

/// Every item that differs between `old` and `now`.
pub fn since(old: &dyn Source, now: &dyn Source) -> Result<Vec<ItemChange>, String> {
    let old_files = item_files(old)?;
    let now_files = item_files(now)?;
    let mut out = Vec::new();
    for path in old_files.intersection(&now_files) {
        if old.read_bytes(path).ok() == now.read_bytes(path).ok() {
            continue;
        }
        let (a, b) = (read(old, path), read(now, path));
        if let Some(kind) = compare(&a, &b) {
            out.push(ItemChange { kind, file: path.clone(), old_file: None, item: b.item });
        }
    }
    let mut removed: BTreeMap<&String, Side> = old_files.difference(&now_files).map(|p| (p, read(old, p))).collect();
    for path in now_files.difference(&old_files) {
        let side = read(now, path);
        let moved_from = removed
            .iter()
            .find(|(_, old)| old.item.code.is_some() && old.item.code == side.item.code)
            .map(|(p, _)| (*p).clone());
        match moved_from.and_then(|from| removed.remove(&from).map(|old| (from, old))) {
            Some((from, old)) => {
                if let Some(kind) = compare(&old, &side) {
                    out.push(ItemChange { kind, file: path.clone(), old_file: Some(from), item: side.item });
                }
            }
            None => out.push(ItemChange { kind: ChangeKind::Added, file: path.clone(), old_file: None, item: side.item }),
        }
    }
    for (path, side) in removed {
        out.push(ItemChange { kind: ChangeKind::Removed, file: path.clone(), old_file: None, item: side.item });
    }
    out.sort_by(|a, b| a.file.cmp(&b.file));
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::tests::MINIMAL_ITEM;
    use crate::source::MemorySource;

    fn source(files: &[(&str, &str)]) -> MemorySource {
        let mut source = MemorySource::new();
        for (path, text) in files {
            source.insert(path, text);
        }
        source
    }

    fn kinds(old: &[(&str, &str)], now: &[(&str, &str)]) -> Vec<(ChangeKind, String, Option<String>)> {
        since(&source(old), &source(now)).unwrap().into_iter().map(|c| (c.kind, c.file, c.old_file)).collect()
    }

    #[test]
    fn layout_and_comments_are_no_change() {
        let commented = format!("# 备注\n{}", MINIMAL_ITEM.replace("category: culture_sports", "category: 文化体育"));
        assert!(kinds(&[("items/wsjw/a.yaml", MINIMAL_ITEM)], &[("items/wsjw/a.yaml", &commented)]).is_empty());
    }

    #[test]
    fn added_changed_cancelled_removed() {
        let changed = MINIMAL_ITEM.replace("第十六条", "第十七条");
        let cancelled = format!("{MINIMAL_ITEM}status: cancelled\n");
        let old = [("items/wsjw/a.yaml", MINIMAL_ITEM), ("items/wsjw/b.yaml", MINIMAL_ITEM), ("items/wsjw/c.yaml", MINIMAL_ITEM)];
        let now = [("items/wsjw/a.yaml", changed.as_str()), ("items/wsjw/b.yaml", &cancelled), ("items/wsjw/d.yaml", MINIMAL_ITEM)];
        assert_eq!(
            kinds(&old, &now),
            [
                (ChangeKind::Changed, "items/wsjw/a.yaml".into(), None),
                (ChangeKind::Cancelled, "items/wsjw/b.yaml".into(), None),
                (ChangeKind::Removed, "items/wsjw/c.yaml".into(), None),
                (ChangeKind::Added, "items/wsjw/d.yaml".into(), None),
            ]
        );
    }

    #[test]
    fn a_moved_file_is_matched_by_its_code() {
        let coded = format!("code: \"2033039900100011\"\n{MINIMAL_ITEM}");
        let renamed = coded.replace("体育场馆开放", "体育场馆免费开放");
        let found = kinds(&[("items/wsjw/a.yaml", &coded)], &[("items/wsjw/b.yaml", &renamed)]);
        assert_eq!(found, [(ChangeKind::Changed, "items/wsjw/b.yaml".into(), Some("items/wsjw/a.yaml".into()))]);
        assert!(kinds(&[("items/wsjw/a.yaml", &coded)], &[("items/wsjw/b.yaml", &coded)]).is_empty());
    }
}
