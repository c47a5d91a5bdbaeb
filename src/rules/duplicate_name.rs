//! `duplicate-name`: two active items of one department with one name.
//! The record (docs/catalog.md) makes the name unique among a department's active items;
//! seed 001 asks for standard item names (标准化规范事项名称), and an item
//! listed twice is reported and reviewed twice. One name in two departments
//! is no duplicate: that is `similar-name`'s business.

use std::collections::HashMap;

use crate::catalog::Catalog;
use crate::finding::{Finding, Message, Severity};

use super::{Rule, loaded_finding};

pub static RULE: Rule = Rule {
    id: "duplicate-name",
    default_severity: Severity::Error,
    can_be_silenced: true,
    summary_zh: "同一实施主体有两个名称相同的有效事项",
    summary_en: "two active items of one department with one name",
    messages: &[(
        "duplicate.name",
        "本部门另有同名有效事项「{name}」（{file}）",
        "the department has another active item named `{name}` ({file})",
    )],
};

pub fn check(catalog: &Catalog, out: &mut Vec<Finding>) {
    // Items of each (department, name), in file order.
    let mut groups: HashMap<(&str, &str), Vec<usize>> = HashMap::new();
    let mut keys = Vec::new();
    for (i, loaded) in catalog.items.iter().enumerate() {
        let Some(item) = loaded.item.as_ref().filter(|item| item.is_active()) else {
            continue;
        };
        let key = (item.department.as_str(), item.name.trim());
        let group = groups.entry(key).or_default();
        if group.is_empty() {
            keys.push(key);
        }
        group.push(i);
    }
    for key in keys {
        let members = &groups[&key];
        if members.len() < 2 {
            continue;
        }
        // Each names another: the first names the second, the rest the first.
        for (n, &i) in members.iter().enumerate() {
            let other = &catalog.items[if n == 0 { members[1] } else { members[0] }];
            let message = Message::new("duplicate.name")
                .arg("name", key.1)
                .arg("file", other.file.as_str());
            out.push(loaded_finding(&RULE, &catalog.items[i], "name", message));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::tests::catalog_with;
    use crate::rules::testing::item_named as item;

    fn run(files: &[(&str, &str)]) -> Vec<Finding> {
        let mut out = Vec::new();
        check(&catalog_with(files), &mut out);
        out
    }

    #[test]
    fn one_name_twice_in_a_department() {
        let a = item("生育登记", "wsjw", "");
        let b = item("生育登记 ", "wsjw", "");
        let out = run(&[
            ("items/wsjw/生育登记.yaml", &a),
            ("items/wsjw/生育登记-2.yaml", &b),
        ]);
        let found: Vec<_> = out
            .iter()
            .map(|f| (f.file.clone().unwrap(), f.path.clone().unwrap()))
            .collect();
        // Files load in path order: `生育登记-2.yaml` sorts first.
        assert_eq!(
            found,
            [
                ("items/wsjw/生育登记-2.yaml".to_string(), "name".to_string()),
                ("items/wsjw/生育登记.yaml".into(), "name".into())
            ]
        );
        assert_eq!(
            out[0].message.args[1].1,
            crate::finding::Arg::Text("items/wsjw/生育登记.yaml".into())
        );
        assert_eq!(
            out[1].message.args[1].1,
            crate::finding::Arg::Text("items/wsjw/生育登记-2.yaml".into())
        );
        // The finding carries the line of the name.
        assert_eq!(out[0].location.unwrap().line(), 1);
        assert_eq!(
            out[0].item.as_ref().unwrap().name.as_deref(),
            Some("生育登记")
        );
    }

    #[test]
    fn near_misses_are_clean() {
        let a = item("生育登记", "wsjw", "");
        // One name in two departments, a cancelled twin, a different name.
        let other_department = item("生育登记", "mzj", "");
        let cancelled = item("生育登记", "wsjw", "status: cancelled\n");
        let different = item("生育登记服务", "wsjw", "");
        let files = [
            ("items/wsjw/生育登记.yaml", a.as_str()),
            ("items/mzj/生育登记.yaml", other_department.as_str()),
            ("items/wsjw/生育登记-2.yaml", cancelled.as_str()),
            ("items/wsjw/生育登记服务.yaml", different.as_str()),
        ];
        assert!(run(&files).is_empty());
    }
}
