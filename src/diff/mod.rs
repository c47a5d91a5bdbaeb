//! Comparing a catalog at two points (docs/diff.md): which items were
//! added, changed, cancelled or removed, and which of their fields changed.
//! Files whose contents are equal on both sides (same git blob id) are not
//! read; the others are parsed and compared as records, never as text.

mod fields;
mod matching;
mod messages;
mod record;
pub mod wording;
mod worsening;

use std::collections::{BTreeMap, HashMap, HashSet};

use crate::catalog::read_register;
use crate::finding::{Finding, ItemRef, Message, Severity};
use crate::source::{ObjectId, Source};

pub use fields::{FieldChange, Seg, path_text};
pub use messages::MESSAGES;
use record::Record;
pub use wording::Wording;
pub use worsening::Worsening;

/// The rule id of the finding a deleted item file gives.
pub const DELETED_RULE: &str = "item-deleted";

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Change {
    Added,
    Changed,
    Cancelled,
    Removed,
}

impl Change {
    pub const ALL: [Change; 4] = [
        Change::Added,
        Change::Changed,
        Change::Cancelled,
        Change::Removed,
    ];

    /// The JSON key.
    pub fn key(self) -> &'static str {
        match self {
            Change::Added => "added",
            Change::Changed => "changed",
            Change::Cancelled => "cancelled",
            Change::Removed => "removed",
        }
    }

    /// The key of its word (`新增`, `变更`, `取消`, `删除`) in the general messages.
    pub fn message_key(self) -> &'static str {
        match self {
            Change::Added => "diff.change.added",
            Change::Changed => "diff.change.changed",
            Change::Cancelled => "diff.change.cancelled",
            Change::Removed => "diff.change.removed",
        }
    }
}

/// One item that differs.
#[derive(Debug, Clone, PartialEq)]
pub struct ItemChange {
    pub change: Change,
    pub code: Option<String>,
    pub name: String,
    pub department: String,
    /// Where the item is now (where it was, for a removed item).
    pub file: String,
    /// Where it was, when the file was renamed or moved.
    pub old_file: Option<String>,
    /// Empty for added and removed items; a cancelled item's other changes.
    pub fields: Vec<FieldChange>,
}

impl ItemChange {
    /// The department before, when the item moved to another one.
    pub fn old_department(&self) -> Option<&str> {
        self.fields
            .iter()
            .find(|f| f.path == [Seg::Key("department".into())])
            .and_then(|f| f.old.as_str())
    }

    /// The field changes that are worse for the applicant, with how.
    pub fn worsening(&self) -> Vec<(&FieldChange, Worsening)> {
        self.fields
            .iter()
            .filter_map(|f| f.worsens().map(|w| (f, w)))
            .collect()
    }
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub added: usize,
    pub changed: usize,
    pub cancelled: usize,
    pub removed: usize,
}

impl Counts {
    fn count(&mut self, change: Change) {
        *self.get_mut(change) += 1;
    }
    fn get_mut(&mut self, change: Change) -> &mut usize {
        match change {
            Change::Added => &mut self.added,
            Change::Changed => &mut self.changed,
            Change::Cancelled => &mut self.cancelled,
            Change::Removed => &mut self.removed,
        }
    }
    pub fn get(&self, change: Change) -> usize {
        let mut copy = *self;
        *copy.get_mut(change)
    }
    pub fn total(&self) -> usize {
        self.added + self.changed + self.cancelled + self.removed
    }
}

#[derive(Debug, Clone, Default)]
pub struct Diff {
    /// Sorted by department, then file.
    pub items: Vec<ItemChange>,
    /// Files that could not be compared, and deleted item files.
    pub findings: Vec<Finding>,
    /// Department id → name, from either side's register (the newer wins).
    pub departments: BTreeMap<String, String>,
}

impl Diff {
    pub fn summary(&self) -> Counts {
        let mut counts = Counts::default();
        self.items.iter().for_each(|i| counts.count(i.change));
        counts
    }

    /// Counts per department, in department order.
    pub fn by_department(&self) -> Vec<(String, Counts)> {
        let mut out: BTreeMap<String, Counts> = BTreeMap::new();
        for item in &self.items {
            out.entry(item.department.clone())
                .or_default()
                .count(item.change);
        }
        out.into_iter().collect()
    }

    /// The department's name, or its id when the register does not know it.
    pub fn department_name<'a>(&'a self, id: &'a str) -> &'a str {
        self.departments.get(id).map_or(id, String::as_str)
    }

    /// Keeps the items of these departments (an item that moved counts for
    /// both) and the field changes under these keys; empty lists keep all.
    pub fn retain(&mut self, departments: &[String], keys: &[String]) {
        if !departments.is_empty() {
            let wanted = |d: &str| departments.iter().any(|w| w == d);
            self.items
                .retain(|i| wanted(&i.department) || i.old_department().is_some_and(wanted));
            self.findings.retain(|f| {
                f.item
                    .as_ref()
                    .and_then(|i| i.department.as_deref())
                    .is_none_or(wanted)
            });
        }
        if !keys.is_empty() {
            for item in &mut self.items {
                item.fields
                    .retain(|f| keys.iter().any(|k| under(&f.path_text(), k)));
            }
            let status_wanted = keys.iter().any(|k| k == "status");
            self.items.retain(|i| {
                !i.fields.is_empty() || (i.change == Change::Cancelled && status_wanted)
            });
        }
    }
}

/// `materials[结婚证].copies` is under `materials`, `materials[结婚证]` and
/// itself, not under `material`.
fn under(path: &str, key: &str) -> bool {
    path.strip_prefix(key)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with('.') || rest.starts_with('['))
}

/// Compares the items of two catalogs. `Err` when a side cannot list its
/// files at all.
pub fn compare(old: &dyn Source, new: &dyn Source) -> Result<Diff, String> {
    let old_ids = old.item_ids()?;
    let new_ids = new.item_ids()?;
    let (old_files, new_files) = differing(&old_ids, &new_ids);
    let mut findings = Vec::new();
    let mut unreadable = HashSet::new();
    let old_records = read_all(old, &old_files, &mut findings, &mut unreadable);
    let new_records = read_all(new, &new_files, &mut findings, &mut unreadable);
    // A file unreadable on one side is not compared with its namesake.
    let old_records: Vec<Record> = old_records
        .into_iter()
        .filter(|r| !unreadable.contains(&r.file))
        .collect();
    let new_records: Vec<Record> = new_records
        .into_iter()
        .filter(|r| !unreadable.contains(&r.file))
        .collect();
    let sample = unchanged_sample(new, &new_ids, &new_files);
    let boilerplate =
        matching::Boilerplate::of(old_records.iter().chain(&new_records).chain(&sample));
    let matching = matching::pair(&old_records, &new_records, &boilerplate);
    let mut items = Vec::new();
    for &(o, n) in &matching.pairs {
        items.extend(changed(&old_records[o], &new_records[n]));
    }
    items.extend(
        matching
            .new_only
            .iter()
            .map(|&n| alone(&new_records[n], Change::Added)),
    );
    for &o in &matching.old_only {
        let item = alone(&old_records[o], Change::Removed);
        findings.push(deleted(&item));
        items.push(item);
    }
    items.sort_by(|a, b| {
        (&a.department, &a.file, a.change).cmp(&(&b.department, &b.file, b.change))
    });
    findings.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    let mut departments = BTreeMap::new();
    for source in [old, new] {
        departments.extend(read_register(source).into_iter().map(|d| (d.id, d.name)));
    }
    Ok(Diff {
        items,
        findings,
        departments,
    })
}

type Ids = [(crate::source::Entry, Option<ObjectId>)];

/// How many unchanged items to read for what most items share.
const BOILERPLATE_SAMPLE: usize = 200;

/// Up to [`BOILERPLATE_SAMPLE`] unchanged items of the new side, spread
/// evenly over them in path order: with the changed items they tell which
/// lines most of the catalog shares, without reading every file.
fn unchanged_sample(source: &dyn Source, ids: &Ids, changed: &[String]) -> Vec<Record> {
    let changed: HashSet<&str> = changed.iter().map(String::as_str).collect();
    let unchanged: Vec<&str> = ids
        .iter()
        .map(|(e, _)| e.path.as_str())
        .filter(|p| !changed.contains(p))
        .collect();
    let step = unchanged.len().div_ceil(BOILERPLATE_SAMPLE).max(1);
    unchanged
        .iter()
        .step_by(step)
        .filter_map(|file| record::read(source, file).ok())
        .collect()
}

/// The item files of each side whose bytes are not the same file on the
/// other side: only these are read.
fn differing(old: &Ids, new: &Ids) -> (Vec<String>, Vec<String>) {
    let old_index: HashMap<&str, Option<ObjectId>> =
        old.iter().map(|(e, id)| (e.path.as_str(), *id)).collect();
    let same: HashSet<&str> = new
        .iter()
        .filter(|(e, id)| id.is_some() && old_index.get(e.path.as_str()) == Some(id))
        .map(|(e, _)| e.path.as_str())
        .collect();
    let rest = |ids: &Ids| {
        ids.iter()
            .filter(|(e, _)| !same.contains(e.path.as_str()))
            .map(|(e, _)| e.path.clone())
            .collect()
    };
    (rest(old), rest(new))
}

fn read_all(
    source: &dyn Source,
    files: &[String],
    findings: &mut Vec<Finding>,
    unreadable: &mut HashSet<String>,
) -> Vec<Record> {
    let mut out = Vec::with_capacity(files.len());
    for file in files {
        match record::read(source, file) {
            Ok(record) => out.push(record),
            Err(finding) => {
                findings.push(finding);
                unreadable.insert(file.clone());
            }
        }
    }
    out
}

/// A matched pair; `None` when only the formatting changed.
fn changed(old: &Record, new: &Record) -> Option<ItemChange> {
    let mut fields = fields::compare(&old.value, &new.value);
    let cancelled = !old.cancelled && new.cancelled;
    if cancelled {
        fields.retain(|f| f.path != [Seg::Key("status".into())]);
    }
    let moved = old.file != new.file;
    if fields.is_empty() && !moved && !cancelled {
        return None;
    }
    Some(ItemChange {
        change: if cancelled {
            Change::Cancelled
        } else {
            Change::Changed
        },
        code: new.code.clone().or_else(|| old.code.clone()),
        name: new.name.clone(),
        department: new.department.clone(),
        file: new.file.clone(),
        old_file: moved.then(|| old.file.clone()),
        fields,
    })
}

fn alone(record: &Record, change: Change) -> ItemChange {
    ItemChange {
        change,
        code: record.code.clone(),
        name: record.name.clone(),
        department: record.department.clone(),
        file: record.file.clone(),
        old_file: None,
        fields: Vec::new(),
    }
}

/// Published items are cancelled (`status: cancelled`), never deleted.
fn deleted(item: &ItemChange) -> Finding {
    Finding {
        rule: DELETED_RULE,
        severity: Severity::Warning,
        file: Some(item.file.clone()),
        path: None,
        location: None,
        message: Message::new("diff.deleted"),
        item: Some(ItemRef {
            code: item.code.clone(),
            name: Some(item.name.clone()),
            department: Some(item.department.clone()),
        }),
        omitted: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::MemorySource;

    const ITEM: &str = "name: 生育登记\nkind: public_service\ncategory: health\ndepartment: wsjw\ntargets: [natural_person]\nlegal_basis:\n  - {title: 《甲法》, article: 第一条}\ntime_limit: {promised: 5个工作日}\n";

    fn catalog(files: &[(&str, &str)]) -> MemorySource {
        let mut source = MemorySource::new();
        for (path, text) in files {
            source.insert(path, text);
        }
        source
    }

    #[test]
    fn equal_files_are_not_read_and_formatting_is_no_change() {
        let old = catalog(&[("items/wsjw/a.yaml", ITEM), ("items/wsjw/b.yaml", ITEM)]);
        let reformatted = format!(
            "# 注释\n{}",
            ITEM.replace("category: health", "category:   医疗卫生")
        );
        let new = catalog(&[
            ("items/wsjw/a.yaml", ITEM),
            ("items/wsjw/b.yaml", &reformatted),
        ]);
        let (old_files, new_files) = differing(&old.item_ids().unwrap(), &new.item_ids().unwrap());
        assert_eq!(
            (old_files.as_slice(), new_files.as_slice()),
            (
                ["items/wsjw/b.yaml".to_string()].as_slice(),
                ["items/wsjw/b.yaml".to_string()].as_slice()
            )
        );
        assert!(compare(&old, &new).unwrap().items.is_empty());
    }

    #[test]
    fn cancelled_carries_the_other_changes() {
        let old = catalog(&[("items/wsjw/a.yaml", ITEM)]);
        let new = catalog(&[(
            "items/wsjw/a.yaml",
            &format!("{}status: cancelled\nremarks: 并入其他事项\n", ITEM),
        )]);
        let diff = compare(&old, &new).unwrap();
        assert_eq!(diff.items.len(), 1);
        assert_eq!(diff.items[0].change, Change::Cancelled);
        let paths: Vec<String> = diff.items[0]
            .fields
            .iter()
            .map(FieldChange::path_text)
            .collect();
        assert_eq!(paths, ["remarks"]);
    }

    #[test]
    fn a_deleted_file_is_removed_and_a_finding() {
        let diff = compare(&catalog(&[("items/wsjw/a.yaml", ITEM)]), &catalog(&[])).unwrap();
        assert_eq!(
            diff.summary(),
            Counts {
                removed: 1,
                ..Counts::default()
            }
        );
        assert_eq!(diff.findings[0].rule, DELETED_RULE);
    }

    #[test]
    fn unreadable_files_are_set_aside() {
        let old = catalog(&[("items/wsjw/a.yaml", ITEM)]);
        let new = catalog(&[("items/wsjw/a.yaml", "name: [\n")]);
        let diff = compare(&old, &new).unwrap();
        assert!(diff.items.is_empty());
        assert_eq!(diff.findings[0].rule, "parse-error");
    }

    #[test]
    fn filters() {
        assert!(under("materials[结婚证].copies", "materials"));
        assert!(under("materials[结婚证].copies", "materials[结婚证]"));
        assert!(!under("materials[结婚证].copies", "material"));
        let old = catalog(&[("items/wsjw/a.yaml", ITEM)]);
        let new = catalog(&[(
            "items/wsjw/a.yaml",
            &ITEM
                .replace("5个工作日", "3个工作日")
                .replace("category: health", "category: other"),
        )]);
        let mut diff = compare(&old, &new).unwrap();
        diff.retain(&[], &["time_limit".into()]);
        assert_eq!(diff.items[0].fields.len(), 1);
        diff.retain(&["mzj".into()], &[]);
        assert!(diff.items.is_empty());
    }
}
