//! `parent-item`: a sub-item's `parent` (主项) must name an item of the
//! catalog, by code or file, that is active and belongs to the same
//! department — checked like `department` (issue 20).

use crate::catalog::Catalog;
use crate::finding::{Finding, Message, Severity};

use super::{Rule, loaded_finding};

pub static RULE: Rule = Rule {
    id: "parent-item",
    default_severity: Severity::Error,
    can_be_silenced: false,
    summary_zh: "子项的主项不存在、已取消、属于其他实施主体或就是自己",
    summary_en: "a sub-item's main item missing, cancelled, of another department, or itself",
    messages: &[
        (
            "parent.unknown",
            "主项「{parent}」不存在：应填清单中主项的事项编码或事项文件",
            "main item `{parent}` does not exist: give the main item's code or file",
        ),
        (
            "parent.cancelled",
            "主项「{name}」已取消，子项不能挂在已取消的事项下",
            "main item `{name}` is cancelled; a sub-item cannot belong to it",
        ),
        (
            "parent.other_department",
            "主项「{name}」的实施主体是「{department}」，子项应属于同一实施主体（本事项为「{own}」）",
            "main item `{name}` belongs to `{department}`; a sub-item belongs to the same department (this one: `{own}`)",
        ),
        (
            "parent.itself",
            "事项不能是自己的主项",
            "an item cannot be its own main item",
        ),
    ],
};

pub fn check(catalog: &Catalog, out: &mut Vec<Finding>) {
    for (loaded, item) in catalog.records().filter(|(_, i)| i.is_active()) {
        let Some(parent) = item.parent.as_deref().filter(|p| !p.trim().is_empty()) else {
            continue;
        };
        let finding = |message| loaded_finding(&RULE, loaded, "parent", message);
        let Some(main) = catalog.parent_of(item) else {
            out.push(finding(
                Message::new("parent.unknown").arg("parent", parent),
            ));
            continue;
        };
        if main.file == loaded.file {
            out.push(finding(Message::new("parent.itself")));
            continue;
        }
        let name = main.item_ref.name.as_deref().unwrap_or(parent);
        let Some(main_item) = main.item.as_ref() else {
            // A main item that does not load has its own findings.
            continue;
        };
        if !main_item.is_active() {
            out.push(finding(Message::new("parent.cancelled").arg("name", name)));
        } else if main_item.department != item.department {
            out.push(finding(
                Message::new("parent.other_department")
                    .arg("name", name)
                    .arg("department", main_item.department.as_str())
                    .arg("own", item.department.as_str()),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::tests::catalog_with;
    use crate::i18n::Lang;
    use crate::rules::testing::item_named;

    fn findings(files: &[(&str, &str)]) -> Vec<(String, String, String)> {
        let catalog = catalog_with(files);
        let mut out = Vec::new();
        check(&catalog, &mut out);
        out.iter()
            .map(|f| {
                (
                    f.file.clone().unwrap_or_default(),
                    crate::texts::text(Lang::Zh, &f.message),
                    crate::texts::text(Lang::En, &f.message),
                )
            })
            .collect()
    }

    #[test]
    fn a_sub_item_of_an_active_main_item_of_its_department_is_clean() {
        let main = item_named("主项", "mzj", "code: \"001\"\n");
        let by_code = item_named("子项甲", "mzj", "parent: \"001\"\n");
        let by_file = item_named("子项乙", "mzj", "parent: 主项.yaml\n");
        let out = findings(&[
            ("items/mzj/主项.yaml", &main),
            ("items/mzj/子项甲.yaml", &by_code),
            ("items/mzj/子项乙.yaml", &by_file),
        ]);
        assert!(out.is_empty(), "{out:?}");
    }

    #[test]
    fn unknown_cancelled_other_department_and_itself() {
        let cancelled = item_named("旧主项", "mzj", "status: cancelled\n");
        let other = item_named("卫健主项", "wsjw", "");
        let out = findings(&[
            ("items/mzj/旧主项.yaml", &cancelled),
            ("items/wsjw/卫健主项.yaml", &other),
            (
                "items/mzj/a.yaml",
                &item_named("a", "mzj", "parent: \"999\"\n"),
            ),
            (
                "items/mzj/b.yaml",
                &item_named("b", "mzj", "parent: 旧主项.yaml\n"),
            ),
            (
                "items/mzj/c.yaml",
                &item_named("c", "mzj", "parent: items/wsjw/卫健主项.yaml\n"),
            ),
            (
                "items/mzj/d.yaml",
                &item_named("d", "mzj", "parent: d.yaml\n"),
            ),
        ]);
        let zh: Vec<&str> = out.iter().map(|(_, zh, _)| zh.as_str()).collect();
        assert_eq!(
            zh,
            [
                "主项「999」不存在：应填清单中主项的事项编码或事项文件",
                "主项「旧主项」已取消，子项不能挂在已取消的事项下",
                "主项「卫健主项」的实施主体是「wsjw」，子项应属于同一实施主体（本事项为「mzj」）",
                "事项不能是自己的主项",
            ]
        );
        assert_eq!(out[0].0, "items/mzj/a.yaml");
        assert_eq!(
            out[2].2,
            "main item `卫健主项` belongs to `wsjw`; a sub-item belongs to the same department (this one: `mzj`)"
        );
    }
}
