//! Which old item is which new item (docs/diff.md): by `code`, then by
//! file path, then by name among the unmatched (same department first),
//! then by content similarity, as git detects renames. Each phase pairs only
//! what is unambiguous (one candidate on each side).
//!
//! Content similarity alone would pair unrelated items: generated and real
//! items share boilerplate (location, hours, consultation), and a removed
//! item of 民政局 would "become" a new item of 人社局, announcing a rename
//! that never happened. So a pair by content must share more than that —
//! the same department, a similar name (bigram Jaccard as `similar-name`),
//! or the same legal basis and materials — and the score leaves out the
//! lines most items of the catalog share ([`Boilerplate`]).

use std::collections::{BTreeMap, HashMap, HashSet};
use std::hash::{DefaultHasher, Hash, Hasher};

use super::fields;
use super::record::Record;
use crate::similarity;

/// Like git's default rename threshold: at least half the content shared.
const MIN_SIMILARITY: f64 = 0.5;
/// Past this many candidate pairs the similarity phase is skipped (as git's
/// rename limit): the remaining items stay added and removed.
const MAX_SIMILARITY_PAIRS: usize = 4_000_000;

#[derive(Debug, Default, PartialEq)]
pub struct Matching {
    /// (old index, new index).
    pub pairs: Vec<(usize, usize)>,
    pub old_only: Vec<usize>,
    pub new_only: Vec<usize>,
}

struct State<'a> {
    old: &'a [Record],
    new: &'a [Record],
    old_taken: Vec<bool>,
    new_taken: Vec<bool>,
    pairs: Vec<(usize, usize)>,
}

impl State<'_> {
    fn take(&mut self, o: usize, n: usize) {
        self.old_taken[o] = true;
        self.new_taken[n] = true;
        self.pairs.push((o, n));
    }

    /// Pairs the untaken records whose keys are equal and unique on both
    /// sides (and whose codes do not tell them apart).
    fn pair_by<K: Ord>(&mut self, key: impl Fn(&Record) -> Option<K>) {
        let mut groups: BTreeMap<K, (Vec<usize>, Vec<usize>)> = BTreeMap::new();
        for (i, r) in self
            .old
            .iter()
            .enumerate()
            .filter(|(i, _)| !self.old_taken[*i])
        {
            if let Some(k) = key(r) {
                groups.entry(k).or_default().0.push(i);
            }
        }
        for (i, r) in self
            .new
            .iter()
            .enumerate()
            .filter(|(i, _)| !self.new_taken[*i])
        {
            if let Some(k) = key(r) {
                groups.entry(k).or_default().1.push(i);
            }
        }
        for (olds, news) in groups.into_values() {
            if let ([o], [n]) = (olds.as_slice(), news.as_slice())
                && may_be_same(&self.old[*o], &self.new[*n])
            {
                self.take(*o, *n);
            }
        }
    }

    fn untaken(taken: &[bool]) -> Vec<usize> {
        taken
            .iter()
            .enumerate()
            .filter(|(_, t)| !**t)
            .map(|(i, _)| i)
            .collect()
    }
}

/// Lines (hashed) that most items of a catalog share: they say nothing
/// about which item is which.
#[derive(Debug, Default)]
pub struct Boilerplate(HashSet<u64>);

/// Below this many items, "most items" says nothing either.
const MIN_BOILERPLATE_POOL: usize = 10;

impl Boilerplate {
    /// The lines found in more than half of `records` (the changed items of
    /// both sides and a sample of the unchanged ones).
    pub fn of<'a>(records: impl IntoIterator<Item = &'a Record>) -> Boilerplate {
        let mut counts: HashMap<u64, usize> = HashMap::new();
        let mut pool = 0;
        for record in records {
            pool += 1;
            let distinct: HashSet<u64> = fields::lines(&record.value)
                .iter()
                .map(|l| line_hash(l))
                .collect();
            for h in distinct {
                *counts.entry(h).or_default() += 1;
            }
        }
        if pool < MIN_BOILERPLATE_POOL {
            return Boilerplate::default();
        }
        Boilerplate(
            counts
                .into_iter()
                .filter(|(_, n)| n * 2 > pool)
                .map(|(h, _)| h)
                .collect(),
        )
    }
}

fn line_hash(line: &str) -> u64 {
    let mut h = DefaultHasher::new();
    line.hash(&mut h);
    h.finish()
}

pub fn pair(old: &[Record], new: &[Record], boilerplate: &Boilerplate) -> Matching {
    let mut state = State {
        old,
        new,
        old_taken: vec![false; old.len()],
        new_taken: vec![false; new.len()],
        pairs: Vec::new(),
    };
    state.pair_by(|r| r.code.clone());
    state.pair_by(|r| Some(r.file.clone()));
    state.pair_by(|r| (!r.name.is_empty()).then(|| (r.department.clone(), r.name.clone())));
    state.pair_by(|r| (!r.name.is_empty()).then(|| r.name.clone()));
    pair_similar(&mut state, boilerplate);
    let mut pairs = state.pairs;
    pairs.sort();
    Matching {
        pairs,
        old_only: State::untaken(&state.old_taken),
        new_only: State::untaken(&state.new_taken),
    }
}

/// Codes are never changed or taken away (docs/coding.md: import never changes a
/// code), so a coded item is not one whose code differs or is gone; an
/// uncoded item may have been given one.
fn may_be_same(old: &Record, new: &Record) -> bool {
    match (&old.code, &new.code) {
        (Some(a), Some(b)) => a == b,
        (Some(_), None) => false,
        (None, _) => true,
    }
}

/// A record's content as weighted line hashes, sorted for a merge.
struct Content {
    lines: Vec<(u64, usize)>,
    total: usize,
}

/// The lines that are not boilerplate. An item with nothing of its own but
/// its name (a copy of a template, as in small test catalogs) keeps all
/// its lines: there is nothing else to compare.
fn content(record: &Record, boilerplate: &Boilerplate) -> Content {
    let all: Vec<(u64, usize, bool)> = fields::lines(&record.value)
        .into_iter()
        .map(|line| (line_hash(&line), line.len(), line.starts_with(".name=")))
        .collect();
    let own = |(h, _, name): &&(u64, usize, bool)| !name && !boilerplate.0.contains(h);
    let template_copy = !all.iter().any(|l| own(&l));
    let mut lines: Vec<(u64, usize)> = all
        .iter()
        .filter(|l| template_copy || !boilerplate.0.contains(&l.0))
        .map(|(h, len, _)| (*h, *len))
        .collect();
    lines.sort_unstable();
    let total = lines.iter().map(|(_, len)| len).sum();
    Content { lines, total }
}

/// Shared bytes over the larger side, as git scores renames.
fn similarity(a: &Content, b: &Content) -> f64 {
    let (mut i, mut j, mut shared) = (0, 0, 0);
    while i < a.lines.len() && j < b.lines.len() {
        match a.lines[i].0.cmp(&b.lines[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                shared += a.lines[i].1;
                i += 1;
                j += 1;
            }
        }
    }
    let larger = a.total.max(b.total);
    if larger == 0 {
        0.0
    } else {
        shared as f64 / larger as f64
    }
}

/// Whether two records share more than boilerplate: the same department,
/// a similar name, or the same legal basis and materials.
fn may_share_content(old: &Record, new: &Record) -> bool {
    let same = |key: &str| {
        let (a, b) = (old.value.get(key), new.value.get(key));
        a.is_some() && a == b
    };
    old.department == new.department
        || similarity::name_jaccard(&old.name, &new.name) >= SIMILAR_NAME
        || (same("legal_basis") && same_material_names(old, new))
}

/// `similar-name`'s threshold (Jaccard ≥ 0.8).
const SIMILAR_NAME: f64 = 0.8;

fn same_material_names(old: &Record, new: &Record) -> bool {
    let names = |r: &Record| -> Option<Vec<String>> {
        let list = r.value.get("materials")?.as_array()?;
        let mut names: Vec<String> = list
            .iter()
            .filter_map(|m| m.get("name")?.as_str().map(str::to_string))
            .collect();
        names.sort();
        (!names.is_empty()).then_some(names)
    };
    names(old).is_some_and(|a| names(new) == Some(a))
}

/// The best-scoring pairs first, each record used once.
fn pair_similar(state: &mut State, boilerplate: &Boilerplate) {
    let olds = State::untaken(&state.old_taken);
    let news = State::untaken(&state.new_taken);
    if olds.is_empty() || news.is_empty() || olds.len() * news.len() > MAX_SIMILARITY_PAIRS {
        return;
    }
    let old_content: HashMap<usize, Content> = olds
        .iter()
        .map(|&i| (i, content(&state.old[i], boilerplate)))
        .collect();
    let new_content: HashMap<usize, Content> = news
        .iter()
        .map(|&i| (i, content(&state.new[i], boilerplate)))
        .collect();
    let mut candidates: Vec<(f64, usize, usize)> = Vec::new();
    for &o in &olds {
        for &n in &news {
            let (old, new) = (&state.old[o], &state.new[n]);
            if !may_be_same(old, new) || !may_share_content(old, new) {
                continue;
            }
            let score = similarity(&old_content[&o], &new_content[&n]);
            if score >= MIN_SIMILARITY {
                candidates.push((score, o, n));
            }
        }
    }
    candidates.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    for (_, o, n) in candidates {
        if !state.old_taken[o] && !state.new_taken[n] {
            state.take(o, n);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diff::record::from_value;
    use serde_json::json;

    fn rec(file: &str, value: serde_json::Value) -> Record {
        from_value(file, value)
    }

    /// Pairs without boilerplate (too few items to tell what most share).
    fn pair(old: &[Record], new: &[Record]) -> Matching {
        super::pair(old, new, &Boilerplate::default())
    }

    /// The boilerplate of the issue: what generated and real items share.
    fn boilerplate_body(department: &str) -> serde_json::Value {
        json!({"department": department, "location": "市民中心一楼", "hours": "工作日 9:00—17:00",
            "consultation": "电话 0577-88990000", "fee": {"charged": false},
            "time_limit": {"legal": "无", "promised": "5个工作日"}})
    }

    #[test]
    fn code_before_path_before_name() {
        let old = vec![
            rec(
                "items/a/x.yaml",
                json!({"code": "1", "name": "甲", "department": "a"}),
            ),
            rec("items/a/y.yaml", json!({"name": "乙", "department": "a"})),
            rec("items/a/z.yaml", json!({"name": "丙", "department": "a"})),
        ];
        let new = vec![
            rec(
                "items/a/moved.yaml",
                json!({"code": "1", "name": "甲改", "department": "a"}),
            ),
            rec("items/a/y.yaml", json!({"name": "乙改", "department": "a"})),
            rec("items/b/z.yaml", json!({"name": "丙", "department": "b"})),
        ];
        let m = pair(&old, &new);
        assert_eq!(m.pairs, [(0, 0), (1, 1), (2, 2)]);
    }

    #[test]
    fn same_department_first() {
        let old = vec![rec(
            "items/a/x.yaml",
            json!({"name": "甲", "department": "a"}),
        )];
        let new = vec![
            rec("items/b/x2.yaml", json!({"name": "甲", "department": "b"})),
            rec("items/a/x2.yaml", json!({"name": "甲", "department": "a"})),
        ];
        let m = pair(&old, &new);
        assert_eq!(m.pairs, [(0, 1)]);
        assert_eq!(m.new_only, [0]);
    }

    #[test]
    fn codes_tell_items_apart() {
        let old = vec![rec(
            "items/a/x.yaml",
            json!({"code": "1", "name": "甲", "department": "a"}),
        )];
        let uncoded = vec![rec(
            "items/a/x2.yaml",
            json!({"name": "甲", "department": "a"}),
        )];
        assert_eq!(pair(&old, &uncoded).pairs, []);
        let recoded = vec![rec(
            "items/a/x2.yaml",
            json!({"code": "2", "name": "甲", "department": "a"}),
        )];
        assert_eq!(pair(&old, &recoded).pairs, []);
        assert_eq!(
            pair(&uncoded, &old).pairs,
            [(0, 0)],
            "an uncoded item may get a code"
        );
    }

    #[test]
    fn similar_content_is_a_rename() {
        let body = json!({"department": "a", "location": "市民中心一楼", "consultation": "电话 0577-88990000",
            "materials": [{"name": "居民身份证", "copies": 1}, {"name": "户口簿"}]});
        let mut a = body.clone();
        a["name"] = json!("生育登记");
        let mut b = body;
        b["name"] = json!("生育登记服务");
        let other = rec(
            "items/a/q.yaml",
            json!({"name": "完全不同", "department": "a", "hours": "工作日"}),
        );
        let m = pair(
            &[rec("items/a/生育登记.yaml", a)],
            &[other, rec("items/a/生育登记服务.yaml", b)],
        );
        assert_eq!(m.pairs, [(0, 1)]);
        assert_eq!(m.new_only, [0]);
    }

    #[test]
    fn boilerplate_alone_does_not_make_a_rename() {
        let mut removed = boilerplate_body("mzj");
        removed["name"] = json!("婚姻登记预约");
        let mut added = boilerplate_body("rsj");
        added["name"] = json!("失业保险金申领");
        let m = pair(
            &[rec("items/mzj/婚姻登记预约.yaml", removed)],
            &[rec("items/rsj/失业保险金申领.yaml", added)],
        );
        assert_eq!(m.pairs, []);
        assert_eq!(
            (m.old_only.as_slice(), m.new_only.as_slice()),
            (&[0][..], &[0][..])
        );
    }

    #[test]
    fn across_departments_a_similar_name_or_the_same_basis_and_materials_still_pairs() {
        let moved = |name: &str, extra: serde_json::Value| {
            let mut old = boilerplate_body("mzj");
            let mut new = boilerplate_body("rsj");
            old["name"] = json!("婚姻登记档案信息查询");
            new["name"] = json!(name);
            for (k, v) in extra.as_object().unwrap() {
                old[k] = v.clone();
                new[k] = v.clone();
            }
            pair(
                &[rec("items/mzj/a.yaml", old)],
                &[rec("items/rsj/b.yaml", new)],
            )
            .pairs
        };
        assert_eq!(
            moved("婚姻登记档案信息查询服务", json!({})),
            [(0, 0)],
            "similar name"
        );
        let basis = json!({"legal_basis": [{"title": "《婚姻登记条例》"}],
            "materials": [{"name": "居民身份证"}, {"name": "户口簿"}]});
        assert_eq!(
            moved("档案服务", basis),
            [(0, 0)],
            "same basis and materials"
        );
    }

    #[test]
    fn lines_most_items_share_are_left_out_of_the_score() {
        let items: Vec<Record> = (0..10)
            .map(|i| {
                let mut v = boilerplate_body("mzj");
                v["name"] = json!(format!("事项{i}"));
                v["conditions"] = json!([format!("第{i}类申请人")]);
                rec(&format!("items/mzj/{i}.yaml"), v)
            })
            .collect();
        let boilerplate = Boilerplate::of(&items);
        assert!(!boilerplate.0.is_empty());
        // Within one department, two items sharing only boilerplate stay
        // apart; without the boilerplate's help they would pair (6 of 7 lines).
        let m = super::pair(&items[..1], &items[1..2], &boilerplate);
        assert_eq!(m.pairs, []);
        assert_eq!(pair(&items[..1], &items[1..2]).pairs, [(0, 0)]);
        assert!(Boilerplate::of(&items[..9]).0.is_empty(), "too few items");
    }
}
