//! `unknown-department`: an item's `department` (or one of its
//! `joint_departments`, 联办机构) is not in the register, or its file is not
//! in that department's folder (`items/<department>/`).

use crate::catalog::{Catalog, ItemView};
use crate::finding::{Finding, Message, Severity};
use crate::yaml::PathSeg;

use super::{Rule, item_finding};

pub static RULE: Rule = Rule {
    id: "unknown-department",
    default_severity: Severity::Error,
    can_be_silenced: false,
    summary_zh: "实施主体或联办机构不在 departments.yaml 中，或文件不在该主体的目录下",
    summary_en: "`department` or a joint department not in the register, or the file not under its folder",
    messages: &[
        (
            "department.unknown",
            "实施主体「{department}」不在 departments.yaml 中",
            "department `{department}` is not in departments.yaml",
        ),
        (
            "department.unknown_joint",
            "联办机构「{department}」不在 departments.yaml 中",
            "joint department `{department}` is not in departments.yaml",
        ),
        (
            "department.wrong_folder",
            "实施主体为「{department}」，但文件位于「items/{folder}」目录，应放在「items/{department}」",
            "department is `{department}` but the file is in `items/{folder}`; it belongs in `items/{department}`",
        ),
    ],
};

pub fn check_item(catalog: &Catalog, view: &ItemView, out: &mut Vec<Finding>) {
    check_department(catalog, view, out);
    if let Some(item) = view.item {
        for (i, joint) in item.joint_departments.iter().enumerate() {
            if catalog.department(joint.trim()).is_none() {
                let path = format!("joint_departments[{i}]");
                out.push(item_finding(
                    &RULE,
                    view,
                    &path,
                    Message::new("department.unknown_joint").arg("department", joint.as_str()),
                ));
            }
        }
    }
}

fn check_department(catalog: &Catalog, view: &ItemView, out: &mut Vec<Finding>) {
    // Read from the raw record: a schema error elsewhere in the file must
    // not hide a wrong department.
    let Some(department) = view.item_ref.department.as_deref() else {
        return;
    };
    let span = view
        .spans
        .find(&[PathSeg::Key("department".into())])
        .map(|n| n.span);
    let finding = |message: Message| {
        Finding::new(&RULE, message)
            .in_file(view.file)
            .at("department", span)
            .for_item(Some(view.item_ref.clone()))
    };
    if catalog.department(department).is_none() {
        out.push(finding(
            Message::new("department.unknown").arg("department", department),
        ));
        return;
    }
    let folder = folder_of(view.file);
    if folder != department {
        out.push(finding(
            Message::new("department.wrong_folder")
                .arg("department", department)
                .arg("folder", folder),
        ));
    }
}

/// `items/mzj/a.yaml` → `mzj`; `items/a.yaml` → ``; `items/mzj/x/a.yaml` → `mzj/x`.
fn folder_of(file: &str) -> &str {
    let rest = file.strip_prefix("items/").unwrap_or(file);
    rest.rfind('/').map_or("", |i| &rest[..i])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::tests::item_rule_findings;

    fn run(files: &[(&str, &str)]) -> Vec<Finding> {
        item_rule_findings(files, check_item)
    }

    #[test]
    fn joint_departments_must_be_registered() {
        let text =
            crate::rules::testing::item_named("a", "wsjw", "joint_departments: [mzj, gaj]\n");
        let out = run(&[("items/wsjw/a.yaml", &text)]);
        assert_eq!(out.len(), 1, "{out:?}");
        assert_eq!(out[0].path.as_deref(), Some("joint_departments[1]"));
        assert_eq!(out[0].location.unwrap().line(), 10);
        assert_eq!(
            crate::texts::text(crate::i18n::Lang::Zh, &out[0].message),
            "联办机构「gaj」不在 departments.yaml 中"
        );
        assert_eq!(
            crate::texts::text(crate::i18n::Lang::En, &out[0].message),
            "joint department `gaj` is not in departments.yaml"
        );
    }

    #[test]
    fn registered_department_in_its_folder_is_clean() {
        let out = run(&[("items/wsjw/a.yaml", "department: wsjw")]);
        assert!(out.is_empty(), "{out:?}");
    }

    #[test]
    fn unknown_department() {
        let out = run(&[("items/wsjw/a.yaml", "department: nobody")]);
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].message.key, "department.unknown");
        assert_eq!(out[0].path.as_deref(), Some("department"));
    }

    #[test]
    fn file_in_another_departments_folder() {
        let out = run(&[
            ("items/mzj/a.yaml", "department: wsjw"),
            ("items/b.yaml", "department: wsjw"),
        ]);
        assert_eq!(out.len(), 2);
        assert!(
            out.iter()
                .all(|f| f.message.key == "department.wrong_folder")
        );
    }
}
