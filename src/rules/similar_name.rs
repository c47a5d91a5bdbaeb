//! `similar-name`: active items of different departments whose names are
//! equal once normalised, or whose character-bigram Jaccard index is at
//! least 0.8. Seed 001 asks for standard item names and seed 000 for a
//! catalog without 漏报、瞒报、错报: one service offered under two
//! departments is usually one item filed twice, or an unclear 实施主体.
//!
//! Names are compared through `similarity::similar_pairs` (prefix filtering,
//! no all-pairs comparison), on distinct normalised names only: items with
//! one normalised name are a group, compared once. Each item gets at most
//! one finding, naming its closest match, so the report stays as long as
//! the catalog even when a name is shared by many departments.
//!
//! Within one department the rule looks for near-duplicates of another
//! kind: names that differ only by a synonym (查询/查阅, 申领/申请) or a
//! generic ending (服务, 办理, 事项): 档案查询, 档案查阅 and 档案查询服务 are
//! one service filed three times. Bigram Jaccard would not do here: 探矿权
//! and 采矿权, 转入 and 转出, 结婚 and 离婚 are one character apart and
//! different services. Equal names are `duplicate-name`'s.

use std::collections::HashMap;

use crate::catalog::Catalog;
use crate::finding::{Finding, Message, Severity};
use crate::similarity::{self, Threshold};

use super::{Rule, loaded_finding};

pub static RULE: Rule = Rule {
    id: "similar-name",
    default_severity: Severity::Warning,
    can_be_silenced: true,
    summary_zh: "不同实施主体的有效事项名称相同或相近（字二元组 Jaccard ≥ 0.8），或同一实施主体的事项名称只差同义词或泛称（档案查询／档案查阅／档案查询服务）",
    summary_en: "active items of different departments with equal or near-equal names (bigram Jaccard ≥ 0.8), or of one department whose names differ only by a synonym or a generic ending (档案查询 / 档案查阅 / 档案查询服务)",
    messages: &[
        (
            "similar.one",
            "事项名称与{department}的「{other}」相近（{file}），请确认是否为同一事项",
            "the name is close to 「{other}」 of {department} ({file}): is it one service?",
        ),
        (
            "similar.many",
            "事项名称与其他部门的 {count} 个事项相近，最接近的是{department}的「{other}」（{file}），请确认是否为同一事项",
            "the name is close to {count} {count:item|items} of other departments, closest 「{other}」 of {department} ({file}): is it one service?",
        ),
        (
            "similar.same_department",
            "事项名称与本部门的「{other}」（{file}）只差同义词或泛称，请确认是否为同一事项",
            "the name differs from 「{other}」 of the same department ({file}) only by a synonym or a generic word: is it one service?",
        ),
    ],
};

/// docs/rules.md: Jaccard ≥ 0.8.
pub const THRESHOLD: Threshold = Threshold::new(4, 5);

/// Items sharing one normalised name.
struct Group {
    /// Indexes into `catalog.items`, in file order.
    members: Vec<usize>,
    /// Members per department.
    per_department: HashMap<String, usize>,
    /// The first member, and the first member of another department than
    /// its: together they give every member a match outside its department.
    first: usize,
    first_elsewhere: Option<usize>,
}

pub fn check(catalog: &Catalog, out: &mut Vec<Finding>) {
    across_departments(catalog, out);
    within_departments(catalog, out);
}

/// Words that name one action in practice: each maps to the first.
const SYNONYMS: &[(&str, &str)] = &[
    ("查阅", "查询"),
    ("查看", "查询"),
    ("调阅", "查询"),
    ("申领", "申请"),
    ("申办", "申请"),
    ("补领", "补发"),
    ("补办", "补发"),
    ("换领", "换发"),
    ("颁发", "核发"),
    ("问询", "咨询"),
];

/// Endings that say nothing about what the service is.
const GENERIC_ENDINGS: &[&str] = &["服务", "办理", "业务", "事项", "工作", "申请"];

/// A normalised name with synonyms made one and generic endings dropped
/// (档案查阅服务 → 档案查询); at least two characters stay.
pub fn canonical(normalized: &str) -> String {
    let mut name = normalized.to_string();
    for (word, canonical) in SYNONYMS {
        name = name.replace(word, canonical);
    }
    while let Some(ending) = GENERIC_ENDINGS
        .iter()
        .find(|e| name.ends_with(*e) && name.chars().count() > e.chars().count() + 1)
    {
        name.truncate(name.len() - ending.len());
    }
    name
}

/// Items of one department whose canonical names agree and normalised
/// names do not: each gets one finding naming the first such other item.
fn within_departments(catalog: &Catalog, out: &mut Vec<Finding>) {
    let mut by_canonical: HashMap<(&str, String), Vec<(usize, String)>> = HashMap::new();
    for (i, loaded) in catalog.items.iter().enumerate() {
        let Some(item) = loaded.item.as_ref().filter(|item| item.is_active()) else {
            continue;
        };
        let normalized = similarity::normalize(&item.name);
        let key = (item.department.as_str(), canonical(&normalized));
        by_canonical.entry(key).or_default().push((i, normalized));
    }
    let mut findings: Vec<(usize, usize)> = Vec::new();
    for members in by_canonical.values() {
        for (i, name) in members {
            if let Some((other, _)) = members.iter().find(|(_, n)| n != name) {
                findings.push((*i, *other));
            }
        }
    }
    findings.sort_unstable();
    for (i, other) in findings {
        let other = &catalog.items[other];
        let Some(other_item) = other.item.as_ref() else {
            continue;
        };
        let message = Message::new("similar.same_department")
            .arg("other", other_item.name.as_str())
            .arg("file", other.file.as_str());
        out.push(loaded_finding(&RULE, &catalog.items[i], "name", message));
    }
}

fn across_departments(catalog: &Catalog, out: &mut Vec<Finding>) {
    let groups = groups(catalog);
    let sets: Vec<_> = groups
        .iter()
        .map(|(name, _)| similarity::bigrams(name))
        .collect();
    // For each group: the similar groups, itself first, with the index.
    let mut similar: Vec<Vec<(usize, f64)>> = (0..groups.len()).map(|g| vec![(g, 1.0)]).collect();
    for (a, b, j) in similarity::similar_pairs(&sets, THRESHOLD) {
        similar[a].push((b, j));
        similar[b].push((a, j));
    }
    for (g, (_, group)) in groups.iter().enumerate() {
        for &i in &group.members {
            let department = department_of(catalog, i);
            if let Some(finding) = finding_for(catalog, i, department, &similar[g], &groups) {
                out.push(finding);
            }
        }
    }
}

/// Active items by normalised name, in order of first appearance.
fn groups(catalog: &Catalog) -> Vec<(String, Group)> {
    let mut by_name: HashMap<String, usize> = HashMap::new();
    let mut groups: Vec<(String, Group)> = Vec::new();
    for (i, loaded) in catalog.items.iter().enumerate() {
        let Some(item) = loaded.item.as_ref().filter(|item| item.is_active()) else {
            continue;
        };
        let name = similarity::normalize(&item.name);
        if name.is_empty() {
            continue;
        }
        let g = *by_name.entry(name.clone()).or_insert_with(|| {
            groups.push((
                name,
                Group {
                    members: Vec::new(),
                    per_department: HashMap::new(),
                    first: i,
                    first_elsewhere: None,
                },
            ));
            groups.len() - 1
        });
        let group = &mut groups[g].1;
        group.members.push(i);
        *group
            .per_department
            .entry(item.department.clone())
            .or_default() += 1;
        if group.first_elsewhere.is_none()
            && item.department
                != catalog.items[group.first]
                    .item
                    .as_ref()
                    .map_or("", |f| f.department.as_str())
        {
            group.first_elsewhere = Some(i);
        }
    }
    groups
}

fn department_of(catalog: &Catalog, i: usize) -> &str {
    catalog.items[i]
        .item
        .as_ref()
        .map_or("", |item| item.department.as_str())
}

/// The finding of item `i`: its closest match outside its department (the
/// highest index, then the first file) and how many there are.
fn finding_for(
    catalog: &Catalog,
    i: usize,
    department: &str,
    similar: &[(usize, f64)],
    groups: &[(String, Group)],
) -> Option<Finding> {
    let mut count = 0;
    let mut best: Option<(f64, usize)> = None;
    for &(h, j) in similar {
        let group = &groups[h].1;
        let elsewhere =
            group.members.len() - group.per_department.get(department).copied().unwrap_or(0);
        if elsewhere == 0 {
            continue;
        }
        count += elsewhere;
        let candidate = if department_of(catalog, group.first) != department {
            group.first
        } else {
            group.first_elsewhere?
        };
        let better = best.is_none_or(|(bj, bi)| j > bj || (j == bj && candidate < bi));
        if better {
            best = Some((j, candidate));
        }
    }
    let (_, other) = best?;
    let other = &catalog.items[other];
    let other_item = other.item.as_ref()?;
    let department_name = catalog
        .department(&other_item.department)
        .map_or(other_item.department.as_str(), |d| d.name.as_str());
    let message = if count == 1 {
        Message::new("similar.one")
    } else {
        Message::new("similar.many").arg("count", count)
    };
    let message = message
        .arg("other", other_item.name.as_str())
        .arg("department", department_name)
        .arg("file", other.file.as_str());
    Some(loaded_finding(&RULE, &catalog.items[i], "name", message))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::tests::catalog_with;
    use crate::rules::testing::item_named as item;

    fn run(items: &[(&str, &str, &str)]) -> Vec<(String, &'static str, String)> {
        let texts: Vec<(String, String)> = items
            .iter()
            .map(|(name, dept, extra)| {
                (format!("items/{dept}/{name}.yaml"), item(name, dept, extra))
            })
            .collect();
        let files: Vec<(&str, &str)> = texts
            .iter()
            .map(|(p, t)| (p.as_str(), t.as_str()))
            .collect();
        let mut out = Vec::new();
        check(&catalog_with(&files), &mut out);
        out.iter()
            .map(|f| {
                let other = f
                    .message
                    .args
                    .iter()
                    .find(|(n, _)| *n == "other")
                    .map(|(_, a)| format!("{a:?}"))
                    .unwrap();
                (f.file.clone().unwrap(), f.message.key, other)
            })
            .collect()
    }

    #[test]
    fn equal_normalised_names_in_two_departments() {
        let out = run(&[
            ("公交IC卡挂失补办", "wsjw", ""),
            ("公交ＩＣ卡挂失（补办）", "mzj", ""),
        ]);
        assert_eq!(out.len(), 2);
        assert!(out.iter().all(|(_, key, _)| *key == "similar.one"));
        // Files load in path order: mzj first.
        assert!(
            out[0].0.contains("mzj") && out[0].2.contains("公交IC卡挂失补办"),
            "{out:?}"
        );
        assert!(
            out[1].0.contains("wsjw") && out[1].2.contains("挂失（补办）"),
            "{out:?}"
        );
    }

    #[test]
    fn close_names_in_two_departments() {
        // 住房公积金个人贷款申请 / 住房公积金个人贷款申请受理: 10 of 12 bigrams.
        let out = run(&[
            ("住房公积金个人贷款申请", "wsjw", ""),
            ("住房公积金个人贷款申请受理", "mzj", ""),
        ]);
        assert_eq!(out.len(), 2);
    }

    #[test]
    fn near_misses_are_clean() {
        // Below 0.8 (0.6) across departments, a different service within
        // one, or cancelled.
        assert!(run(&[("生育登记", "wsjw", ""), ("生育登记服务", "mzj", "")]).is_empty());
        assert!(run(&[("生育登记", "wsjw", ""), ("生育登记（补办）", "wsjw", "")]).is_empty());
        assert!(
            run(&[
                ("生育登记", "wsjw", ""),
                ("生育登记", "mzj", "status: cancelled\n")
            ])
            .is_empty()
        );
    }

    #[test]
    fn one_finding_per_item_naming_the_closest() {
        let out = run(&[
            ("住房公积金个人贷款申请", "wsjw", ""),
            ("住房公积金个人贷款申请", "mzj", ""),
            ("住房公积金个人贷款申请受理", "mzj", ""),
        ]);
        // The wsjw item matches two mzj items; each mzj item matches the wsjw one only.
        let keys: Vec<_> = out
            .iter()
            .map(|(file, key, _)| (file.as_str(), *key))
            .collect();
        assert_eq!(
            keys,
            [
                ("items/mzj/住房公积金个人贷款申请.yaml", "similar.one"),
                ("items/wsjw/住房公积金个人贷款申请.yaml", "similar.many"),
                ("items/mzj/住房公积金个人贷款申请受理.yaml", "similar.one"),
            ]
        );
        // The equal name is closer than the longer one.
        assert!(
            out[1].2.contains("\"住房公积金个人贷款申请\""),
            "{:?}",
            out[1]
        );
    }

    #[test]
    fn near_duplicates_within_one_department() {
        let out = run(&[
            ("档案查询", "mzj", ""),
            ("档案查阅", "mzj", ""),
            ("档案查询服务", "mzj", ""),
        ]);
        let found: Vec<(&str, &str)> = out
            .iter()
            .map(|(file, key, other)| {
                assert_eq!(*key, "similar.same_department");
                (file.as_str(), other.as_str())
            })
            .collect();
        // Files load in path order: 档案查询, 档案查询服务, 档案查阅.
        assert_eq!(
            found,
            [
                ("items/mzj/档案查询.yaml", "Text(\"档案查询服务\")"),
                ("items/mzj/档案查询服务.yaml", "Text(\"档案查询\")"),
                ("items/mzj/档案查阅.yaml", "Text(\"档案查询\")"),
            ]
        );
    }

    /// One character apart, different services: 广安区's real pairs.
    #[test]
    fn different_services_of_one_department_stay_clean() {
        for (a, b) in [
            ("探矿权延续登记", "采矿权延续登记"),
            ("教练车备案证办理（转入）", "教练车备案证办理（转出）"),
            ("离婚登记预约", "结婚登记预约"),
            ("失业登记", "就业登记"),
            ("招聘会服务", "招聘服务"),
            ("烟草专卖零售许可证新办", "烟草专卖零售许可证补办"),
        ] {
            assert!(run(&[(a, "mzj", ""), (b, "mzj", "")]).is_empty(), "{a} {b}");
        }
    }

    #[test]
    fn canonical_names() {
        assert_eq!(canonical("档案查阅服务"), "档案查询");
        assert_eq!(canonical("证件补领申请"), "证件补发");
        assert_eq!(canonical("服务"), "服务");
    }

    #[test]
    fn the_within_department_message_in_both_languages() {
        use crate::i18n::Lang;
        use crate::texts::text;
        let message = Message::new("similar.same_department")
            .arg("other", "档案查阅")
            .arg("file", "items/mzj/档案查阅.yaml");
        assert_eq!(
            text(Lang::Zh, &message),
            "事项名称与本部门的「档案查阅」（items/mzj/档案查阅.yaml）只差同义词或泛称，请确认是否为同一事项"
        );
        assert!(
            text(Lang::En, &message)
                .starts_with("the name differs from 「档案查阅」 of the same department")
        );
    }
}
