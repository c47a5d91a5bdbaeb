//! `shared-material-required`: a material the office can obtain from another
//! department's data (`shared: true`) is still asked of the applicant.
//! Seeds 001 and 004: 办事部门可通过与其他部门信息共享获取相关信息的，不得
//! 要求申请人提供证明材料.

use crate::catalog::{Catalog, ItemView};
use crate::finding::{Finding, Message, Severity};
use crate::model::Material;

use super::{Rule, material_findings};

pub static RULE: Rule = Rule {
    id: "shared-material-required",
    default_severity: Severity::Error,
    can_be_silenced: true,
    summary_zh: "可通过信息共享获取的材料仍要求申请人提供",
    summary_en: "a material with `shared: true`: the office must not ask the applicant for it",
    messages: &[(
        "shared.required",
        "材料「{material}」可通过信息共享获取，不得要求申请人提供，应从申请材料中删除",
        "material `{material}` can be obtained by data sharing; the applicant must not be asked for it: remove it from the materials",
    )],
};

pub fn check_item(_: &Catalog, view: &ItemView, out: &mut Vec<Finding>) {
    let flaw = |material: &Material| {
        material
            .shared
            .then(|| Message::new("shared.required").arg("material", material.name.as_str()))
    };
    material_findings(&RULE, view, "shared", flaw, out);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::tests::item_rule_findings;
    use crate::rules::testing::guide_item_with_material;

    fn run(material_extra: &str) -> Vec<Finding> {
        item_rule_findings(
            &[(
                "items/wsjw/a.yaml",
                &guide_item_with_material(material_extra),
            )],
            check_item,
        )
    }

    #[test]
    fn shared_material_is_asked_for() {
        let out = run("    shared: true\n    shared_from: 公安人口信息库\n");
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].path.as_deref(), Some("materials[0].shared"));
    }

    #[test]
    fn unshared_materials_are_clean() {
        assert!(run("    shared: false\n").is_empty());
        // Naming a source without claiming it can be shared is no finding.
        assert!(run("    shared_from: 公安人口信息库\n").is_empty());
    }
}
