//! How alike two item names are: normalisation, character bigrams, their
//! Jaccard index, and a similarity join that finds every pair of names at or
//! above a threshold without comparing all pairs.
//!
//! The join is prefix filtering (Chaudhuri et al. 2006; Bayardo et al. 2007,
//! "All-Pairs"): bigrams are ranked rarest first; two sets can reach Jaccard
//! t only if they share a bigram among the first `|s| - ⌈t·|s|⌉ + 1` of
//! each, so only those "prefix" bigrams are indexed and probed. Sets are
//! visited by size, and an indexed set smaller than `⌈t·|s|⌉` is skipped
//! (the size filter). Candidates are then verified exactly. Common bigrams
//! (申请, 办理, 登记) fall outside the prefixes, so the candidate lists stay
//! short and the work grows with the number of similar pairs, not with the
//! square of the number of names.

use std::collections::HashMap;

use rayon::prelude::*;

/// A threshold as a fraction `num / den`, so comparisons are exact.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Threshold {
    pub num: u64,
    pub den: u64,
}

impl Threshold {
    pub const fn new(num: u64, den: u64) -> Threshold {
        Threshold { num, den }
    }

    /// `shared / union ≥ num / den`.
    pub fn reached(self, shared: usize, union: usize) -> bool {
        union > 0 && shared as u64 * self.den >= self.num * union as u64
    }

    /// The least overlap two sets of sizes `a` and `b` need to reach t:
    /// `s / (a + b - s) ≥ t` ⇔ `s ≥ t (a + b) / (1 + t)`.
    fn overlap_needed(self, a: usize, b: usize) -> usize {
        (self.num * (a + b) as u64).div_ceil(self.num + self.den) as usize
    }

    /// ⌈t · n⌉: the fewest elements a set may have to reach t against a set
    /// of `n` (and the least overlap two sets of `n` need).
    fn ceil_of(self, n: usize) -> usize {
        (self.num * n as u64).div_ceil(self.den) as usize
    }
}

pub use crate::model::names::normalize;

/// One bigram; a one-character name is the single "bigram" `(c, '\0')`.
pub type Bigram = (char, char);

/// The set of character bigrams of a normalised name, sorted.
pub fn bigrams(normalized: &str) -> Vec<Bigram> {
    let chars: Vec<char> = normalized.chars().collect();
    let mut out: Vec<Bigram> = match chars.len() {
        0 => Vec::new(),
        1 => vec![(chars[0], '\0')],
        _ => chars.windows(2).map(|w| (w[0], w[1])).collect(),
    };
    out.sort_unstable();
    out.dedup();
    out
}

/// Size of the intersection of two sorted sets.
fn shared<T: Ord>(a: &[T], b: &[T]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

/// [`shared`] when it is at least `need`, else `None` — found early: the
/// merge stops once the elements left cannot make up the difference, which
/// for most candidates of a join is after the first few (rarest) elements.
fn shared_at_least<T: Ord>(a: &[T], b: &[T], need: usize) -> Option<usize> {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        if n + (a.len() - i).min(b.len() - j) < need {
            return None;
        }
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    (n >= need).then_some(n)
}

/// The Jaccard index of two sorted bigram sets (0 when both are empty).
pub fn jaccard(a: &[Bigram], b: &[Bigram]) -> f64 {
    let s = shared(a, b);
    let union = a.len() + b.len() - s;
    if union == 0 {
        0.0
    } else {
        s as f64 / union as f64
    }
}

/// How alike two names are: the Jaccard index of their normalised names'
/// bigrams, 1.0 when the normalised names are equal.
pub fn name_jaccard(a: &str, b: &str) -> f64 {
    let (a, b) = (normalize(a), normalize(b));
    if a == b {
        1.0
    } else {
        jaccard(&bigrams(&a), &bigrams(&b))
    }
}

/// Every pair `(i, j)`, `i < j`, of sets whose Jaccard index reaches `t`,
/// with the index. Sets must be sorted and deduplicated; empty sets match
/// nothing.
pub fn similar_pairs(sets: &[Vec<Bigram>], t: Threshold) -> Vec<(usize, usize, f64)> {
    similar_pairs_on(sets, t, crate::parallel::threads())
}

/// [`similar_pairs`] on `threads` threads. The sequential join probes each
/// set against the sets indexed before it; here the whole prefix index is
/// built first and each set probes only the entries before its own place,
/// so every set's probe is independent and the pairs are the same.
fn similar_pairs_on(
    sets: &[Vec<Bigram>],
    t: Threshold,
    threads: usize,
) -> Vec<(usize, usize, f64)> {
    let ranked = rank_by_rarity(sets);
    let mut order: Vec<usize> = (0..sets.len()).filter(|i| !sets[*i].is_empty()).collect();
    order.sort_by_key(|i| (ranked[*i].len(), *i));
    let prefix_len = |x: usize| ranked[x].len() - t.ceil_of(ranked[x].len()) + 1;
    let mut place = vec![usize::MAX; sets.len()];
    let mut index: HashMap<u32, Vec<usize>> = HashMap::new();
    for (p, &x) in order.iter().enumerate() {
        place[x] = p;
        for token in &ranked[x][..prefix_len(x)] {
            index.entry(*token).or_default().push(x);
        }
    }
    let probe = |x: usize, seen: &mut Vec<usize>, pairs: &mut Vec<(usize, usize, f64)>| {
        let size = ranked[x].len();
        let min_size = t.ceil_of(size);
        for token in &ranked[x][..prefix_len(x)] {
            // Lists are in visiting order: stop at the sets visited after x.
            for &y in index[token].iter().take_while(|y| place[**y] < place[x]) {
                if seen[y] == x || ranked[y].len() < min_size {
                    continue;
                }
                seen[y] = x;
                let Some(s) = shared_at_least(
                    &ranked[x],
                    &ranked[y],
                    t.overlap_needed(size, ranked[y].len()),
                ) else {
                    continue;
                };
                if t.reached(s, size + ranked[y].len() - s) {
                    let (a, b) = if x < y { (x, y) } else { (y, x) };
                    pairs.push((a, b, s as f64 / (size + ranked[y].len() - s) as f64));
                }
            }
        }
    };
    // Each job of the pool keeps its own `seen` marks (a set's own index as
    // the mark, so they need no clearing between sets); the pool balances
    // the probes, which grow longer for the sets visited later.
    let mut pairs: Vec<(usize, usize, f64)> = crate::parallel::on(threads, || {
        order
            .par_iter()
            .fold(
                || (vec![usize::MAX; sets.len()], Vec::new()),
                |(mut seen, mut pairs), &x| {
                    probe(x, &mut seen, &mut pairs);
                    (seen, pairs)
                },
            )
            .map(|(_, pairs)| pairs)
            .reduce(Vec::new, |mut all, some| {
                all.extend(some);
                all
            })
    });
    pairs.sort_by_key(|p| (p.0, p.1));
    pairs
}

/// Each set as the sorted ranks of its bigrams, rarest bigram first.
fn rank_by_rarity(sets: &[Vec<Bigram>]) -> Vec<Vec<u32>> {
    let mut frequency: HashMap<Bigram, u32> = HashMap::new();
    for set in sets {
        for bigram in set {
            *frequency.entry(*bigram).or_default() += 1;
        }
    }
    let mut by_rarity: Vec<(u32, Bigram)> = frequency.into_iter().map(|(b, n)| (n, b)).collect();
    by_rarity.sort_unstable();
    let rank: HashMap<Bigram, u32> = by_rarity
        .into_iter()
        .enumerate()
        .map(|(r, (_, b))| (b, r as u32))
        .collect();
    sets.iter()
        .map(|set| {
            let mut ranks: Vec<u32> = set.iter().map(|b| rank[b]).collect();
            ranks.sort_unstable();
            ranks
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn threads_find_the_same_pairs() {
        let names: Vec<Vec<Bigram>> = (0..3000)
            .map(|i| {
                bigrams(&normalize(&format!(
                    "{}社会救助{}申请{}",
                    i % 37,
                    i % 11,
                    i % 5
                )))
            })
            .collect();
        let one = similar_pairs_on(&names, Threshold::new(4, 5), 1);
        assert!(!one.is_empty());
        for threads in [2, 3, 8] {
            assert_eq!(similar_pairs_on(&names, Threshold::new(4, 5), threads), one);
        }
    }

    #[test]
    fn early_overlap_check() {
        let t = Threshold::new(4, 5);
        // s / (18 - s) ≥ 0.8 ⇔ s ≥ 8.
        assert_eq!(t.overlap_needed(9, 9), 8);
        assert!(t.reached(8, 10) && !t.reached(7, 11));
        let a = [1, 2, 3, 4, 5];
        assert_eq!(shared_at_least(&a, &[1, 2, 3, 4, 6], 4), Some(4));
        assert_eq!(shared_at_least(&a, &[1, 2, 3, 4, 6], 5), None);
        assert_eq!(shared_at_least(&a, &[0, 9], 1), None);
        assert_eq!(shared_at_least(&a, &a, 5), Some(5));
    }

    #[test]
    fn name_jaccard_of_two_names() {
        assert_eq!(name_jaccard("生育登记", "生育登记"), 1.0);
        assert_eq!(
            name_jaccard("公交IC卡挂失补办", "公交ＩＣ卡挂失（补办）"),
            1.0
        );
        assert_eq!(name_jaccard("生育登记", "结婚证补办"), 0.0);
        // 生育 育登 登记 vs 生育 育登 登记 记服 服务: 3 of 5.
        assert!((name_jaccard("生育登记", "生育登记服务") - 0.6).abs() < 1e-9);
    }

    const EIGHTY: Threshold = Threshold::new(4, 5);

    fn set(name: &str) -> Vec<Bigram> {
        bigrams(&normalize(name))
    }

    #[test]
    fn normalisation() {
        assert_eq!(
            normalize("住房公积金提取（购买自住住房）"),
            "住房公积金提取购买自住住房"
        );
        assert_eq!(normalize(" 公交ＩＣ卡 挂失/补办 "), "公交ic卡挂失补办");
        assert_eq!(normalize("拖拉机/联合收割机·登记"), "拖拉机联合收割机登记");
        assert_eq!(normalize("（）"), "");
    }

    #[test]
    fn bigram_sets() {
        assert_eq!(
            set("生育登记"),
            vec![('生', '育'), ('登', '记'), ('育', '登')]
        );
        assert_eq!(set("证"), vec![('证', '\0')]);
        assert!(set("").is_empty());
        // Repeated bigrams count once.
        assert_eq!(set("哈哈哈").len(), 1);
    }

    #[test]
    fn jaccard_index() {
        assert_eq!(jaccard(&set("生育登记"), &set("生育登记")), 1.0);
        assert_eq!(jaccard(&set("生育登记"), &set("生育登记服务")), 0.6);
        assert_eq!(jaccard(&set(""), &set("")), 0.0);
    }

    /// The plain all-pairs answer the join must equal.
    fn brute_force(sets: &[Vec<Bigram>], t: Threshold) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        for i in 0..sets.len() {
            for j in i + 1..sets.len() {
                let s = shared(&sets[i], &sets[j]);
                if !sets[i].is_empty()
                    && !sets[j].is_empty()
                    && t.reached(s, sets[i].len() + sets[j].len() - s)
                {
                    out.push((i, j));
                }
            }
        }
        out
    }

    #[test]
    fn the_join_equals_all_pairs() {
        let names = [
            "住房公积金个人贷款申请",
            "住房公积金个人贷款申请受理",
            "住房公积金个人住房贷款申请",
            "公积金个人贷款申请",
            "生育登记",
            "生育登记服务",
            "生育服务登记",
            "失业登记",
            "失业保险金申领",
            "失业保险金申请",
            "临时救助申请",
            "临时救助",
            "证",
            "证",
            "",
            "最低生活保障申请",
            "最低生活保障金申请",
            "居民最低生活保障申请",
        ];
        let sets: Vec<_> = names.iter().map(|n| set(n)).collect();
        for t in [
            EIGHTY,
            Threshold::new(1, 2),
            Threshold::new(1, 1),
            Threshold::new(3, 10),
        ] {
            let found: Vec<_> = similar_pairs(&sets, t).iter().map(|p| (p.0, p.1)).collect();
            assert_eq!(found, brute_force(&sets, t), "{t:?}");
        }
    }

    #[test]
    fn the_join_on_generated_names_equals_all_pairs() {
        // Names built from a small vocabulary so that many pairs are close.
        let parts = [
            "住房",
            "公积金",
            "个人",
            "贷款",
            "申请",
            "提取",
            "登记",
            "补发",
            "证书",
            "查询",
            "服务",
        ];
        let mut sets = Vec::new();
        let mut state = 7u64;
        for _ in 0..400 {
            let mut name = String::new();
            for _ in 0..(2 + state % 4) {
                state = state
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                name.push_str(parts[(state >> 33) as usize % parts.len()]);
            }
            sets.push(set(&name));
        }
        let found: Vec<_> = similar_pairs(&sets, EIGHTY)
            .iter()
            .map(|p| (p.0, p.1))
            .collect();
        assert_eq!(found, brute_force(&sets, EIGHTY));
    }
}

/// `cargo test --release -- --ignored join_scales`: the join on 100,000
/// generated names (a rough check that it is not quadratic; the real
/// benchmark lives elsewhere).
#[cfg(test)]
mod scale {
    use super::*;

    #[test]
    #[ignore]
    fn join_scales() {
        const CHARS: &str = "住房公积金个人贷款申请提取登记补发证书查询服务生育失业保险最低生活保障临时救助残疾人两项补贴婚姻档案出租汽车驾驶员从业资格计量器具强制检定市场主体商标注册面积测绘租赁义务教育学生学籍转接教师新生入学公交老年卡挂失基础成果提供图书馆读者体育场馆开放";
        let chars: Vec<char> = CHARS.chars().collect();
        let actions = [
            "申请", "登记", "补发", "查询", "办理", "变更", "注销", "申领", "备案", "服务",
        ];
        let mut state = 11u64;
        let mut next = || {
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (state >> 33) as usize
        };
        let names: Vec<String> = (0..100_000)
            .map(|_| {
                let len = 4 + next() % 8;
                let mut name: String = (0..len).map(|_| chars[next() % chars.len()]).collect();
                name.push_str(actions[next() % actions.len()]);
                name
            })
            .collect();
        let started = std::time::Instant::now();
        let sets: Vec<_> = names.iter().map(|n| bigrams(&normalize(n))).collect();
        let pairs = similar_pairs(&sets, Threshold::new(4, 5));
        eprintln!(
            "{} names, {} pairs, {:?}",
            names.len(),
            pairs.len(),
            started.elapsed()
        );
        assert!(started.elapsed().as_secs() < 30);
    }
}
