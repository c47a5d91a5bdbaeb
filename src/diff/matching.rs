//! Which old item is which new item (docs/diff.md): by `code`, then by
//! file path, then by name among the unmatched (same department first),
//! then by content similarity, as git detects renames. Each phase pairs only
//! what is unambiguous (one candidate on each side).

use std::collections::{BTreeMap, HashMap};
use std::hash::{DefaultHasher, Hash, Hasher};

use super::fields;
use super::record::Record;

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

pub fn pair(old: &[Record], new: &[Record]) -> Matching {
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
    pair_similar(&mut state);
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

fn content(record: &Record) -> Content {
    let mut lines: Vec<(u64, usize)> = fields::lines(&record.value)
        .into_iter()
        .map(|line| {
            let mut h = DefaultHasher::new();
            line.hash(&mut h);
            (h.finish(), line.len())
        })
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

/// The best-scoring pairs first, each record used once.
fn pair_similar(state: &mut State) {
    let olds = State::untaken(&state.old_taken);
    let news = State::untaken(&state.new_taken);
    if olds.is_empty() || news.is_empty() || olds.len() * news.len() > MAX_SIMILARITY_PAIRS {
        return;
    }
    let old_content: HashMap<usize, Content> =
        olds.iter().map(|&i| (i, content(&state.old[i]))).collect();
    let new_content: HashMap<usize, Content> =
        news.iter().map(|&i| (i, content(&state.new[i]))).collect();
    let mut candidates: Vec<(f64, usize, usize)> = Vec::new();
    for &o in &olds {
        for &n in &news {
            if !may_be_same(&state.old[o], &state.new[n]) {
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
}
