//! `shared-material-required`: a material the office can obtain from another
//! department's data (`shared: true`) is still asked of the applicant.
//! It also fires when the materials register (材料目录) says the material
//! is shareable, whatever the item declares (found by standard name or
//! alias, normalised as `similar-name` normalises).
//! Seeds 001 and 004: 办事部门可通过与其他部门信息共享获取相关信息的，不得
//! 要求申请人提供证明材料.

use crate::catalog::{Catalog, ItemView};
use crate::finding::{Finding, Message, Severity};
use crate::model::Material;

use super::Rule;

pub static RULE: Rule = Rule {
    id: "shared-material-required",
    default_severity: Severity::Error,
    can_be_silenced: true,
    summary_zh: "可通过信息共享获取的材料仍要求申请人提供",
    summary_en: "a material with `shared: true`: the office must not ask the applicant for it",
    messages: &[
        (
            "shared.required",
            "材料「{material}」可通过信息共享获取，不得要求申请人提供，应从申请材料中删除",
            "material `{material}` can be obtained by data sharing; the applicant must not be asked for it: remove it from the materials",
        ),
        (
            "shared.register",
            "材料「{material}」即材料目录中的「{standard}」，可通过{system}共享获取，不得要求申请人提供，应从申请材料中删除",
            "material `{material}` is `{standard}` of the materials register, obtainable through {system}: the applicant must not be asked for it; remove it from the materials",
        ),
    ],
};

pub fn check_item(catalog: &Catalog, view: &ItemView, out: &mut Vec<Finding>) {
    let flaw = |material: &Material| {
        if material.shared {
            return Some(Message::new("shared.required").arg("material", material.name.as_str()));
        }
        let (entry, _) = catalog
            .registers
            .material(&material.name)
            .filter(|(entry, _)| entry.shareable)?;
        let message = Message::new("shared.register")
            .arg("material", material.name.as_str())
            .arg("standard", entry.name.as_str());
        Some(match entry.system.as_deref() {
            Some(system) => message.arg("system", system),
            None => message.localized("system", "数据共享", "data sharing"),
        })
    };
    // The finding marks the name when only the register knows.
    let Some(item) = super::active(view) else {
        return;
    };
    for (i, material) in item.materials.iter().enumerate() {
        if let Some(message) = flaw(material) {
            let key = if material.shared { "shared" } else { "name" };
            out.push(super::item_finding(
                &RULE,
                view,
                &format!("materials[{i}].{key}"),
                message,
            ));
        }
    }
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

    #[test]
    fn the_register_says_it_is_shareable() {
        use crate::rules::testing::{MATERIALS, named_material_findings};
        let run = |name: &str, registers: &[(&str, &str)]| {
            named_material_findings(name, "    source: government\n", registers, check_item)
        };
        let out = run("家庭成员身份证", &[MATERIALS]);
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].message.key, "shared.register");
        assert_eq!(out[0].path.as_deref(), Some("materials[0].name"));
        assert_eq!(run("户口簿复印件", &[MATERIALS]).len(), 1);
        // 身份证明 is not 身份证; 申请表 is not shareable; no register, no finding.
        assert!(run("身份证明", &[MATERIALS]).is_empty());
        assert!(run("申请表", &[MATERIALS]).is_empty());
        assert!(run("家庭成员身份证", &[]).is_empty());
    }
}
