//! `unknown-department`: an item's `department` is not in the register, or
//! its file is not in that department's folder (`items/<department>/`).

use crate::catalog::Catalog;
use crate::finding::{Finding, Message, Severity};
use crate::yaml::PathSeg;

use super::Rule;

pub static RULE: Rule = Rule {
    id: "unknown-department",
    default_severity: Severity::Error,
    can_be_silenced: false,
    summary_zh: "实施主体不在 departments.yaml 中，或文件不在该主体的目录下",
    summary_en: "`department` not in the register, or the file not under its folder",
    messages: &[
        ("department.unknown", "实施主体「{department}」不在 departments.yaml 中", "department `{department}` is not in departments.yaml"),
        ("department.wrong_folder", "实施主体为「{department}」，但文件位于「items/{folder}」目录，应放在「items/{department}」", "department is `{department}` but the file is in `items/{folder}`; it belongs in `items/{department}`"),
    ],
};

pub fn check(catalog: &Catalog, out: &mut Vec<Finding>) {
    for loaded in &catalog.items {
        let Some(doc) = &loaded.spans else { continue };
        let Some(department) = loaded.item_ref.department.as_deref() else { continue };
        let path = [PathSeg::Key("department".into())];
        let span = doc.find(&path).map(|n| n.span);
        let finding = |message: Message| {
            Finding::new(&RULE, message)
                .in_file(&loaded.file)
                .at("department", span)
                .for_item(Some(loaded.item_ref.clone()))
        };
        if catalog.department(department).is_none() {
            out.push(finding(Message::new("department.unknown").arg("department", department)));
            continue;
        }
        let folder = folder_of(&loaded.file);
        if folder != department {
            out.push(finding(
                Message::new("department.wrong_folder")
                    .arg("department", department)
                    .arg("folder", folder),
            ));
        }
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
    use crate::catalog::tests::catalog_with;

    #[test]
    fn registered_department_in_its_folder_is_clean() {
        let c = catalog_with(&[("items/wsjw/a.yaml", "department: wsjw")]);
        let mut out = Vec::new();
        check(&c, &mut out);
        assert!(out.is_empty(), "{out:?}");
    }

    #[test]
    fn unknown_department() {
        let c = catalog_with(&[("items/wsjw/a.yaml", "department: nobody")]);
        let mut out = Vec::new();
        check(&c, &mut out);
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].message.key, "department.unknown");
        assert_eq!(out[0].path.as_deref(), Some("department"));
    }

    #[test]
    fn file_in_another_departments_folder() {
        let c = catalog_with(&[("items/mzj/a.yaml", "department: wsjw"), ("items/b.yaml", "department: wsjw")]);
        let mut out = Vec::new();
        check(&c, &mut out);
        assert_eq!(out.len(), 2);
        assert!(out.iter().all(|f| f.message.key == "department.wrong_folder"));
    }
}
