//! `government-material`: a material issued by government (`source:
//! government`) that the materials register does not know. Seed 004:
//! 证件、批文纳入电子证照库; what a department issues must be registered, with
//! whether it can be shared, before applicants can be spared it.

use crate::catalog::{Catalog, ItemView};
use crate::finding::{Finding, Message, Severity};
use crate::model::{Material, MaterialSource};

use super::{Rule, material_findings};

pub static RULE: Rule = Rule {
    id: "government-material",
    default_severity: Severity::Warning,
    can_be_silenced: true,
    summary_zh: "政府部门核发的材料不在材料目录中",
    summary_en: "a `source: government` material the materials register does not know",
    messages: &[(
        "material.unregistered",
        "材料「{material}」由政府部门核发，但材料目录中没有：请在 registers/materials.yaml 中登记，并写明能否共享获取",
        "material `{material}` is issued by government but the materials register lacks it: register it in registers/materials.yaml and say whether it can be shared",
    )],
};

pub fn check_item(catalog: &Catalog, view: &ItemView, out: &mut Vec<Finding>) {
    if catalog.registers.materials.is_none() {
        return;
    }
    let flaw = |material: &Material| {
        let unknown = material.source == Some(MaterialSource::Government)
            && catalog.registers.material(&material.name).is_none();
        unknown
            .then(|| Message::new("material.unregistered").arg("material", material.name.as_str()))
    };
    material_findings(&RULE, view, "name", flaw, out);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{MATERIALS, named_material_findings};

    fn run(name: &str, registers: &[(&str, &str)]) -> Vec<Finding> {
        // The test item's material is `source: government`.
        named_material_findings(name, "    source: government\n", registers, check_item)
    }

    #[test]
    fn an_unregistered_government_material() {
        let out = run("火灾事故认定书", &[MATERIALS]);
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].path.as_deref(), Some("materials[0].name"));
        // 身份证明 is no 身份证: it is not known either.
        assert_eq!(run("身份证明", &[MATERIALS]).len(), 1);
    }

    #[test]
    fn registered_or_not_issued_by_government_or_no_register() {
        assert!(run("家庭成员居民身份证", &[MATERIALS]).is_empty());
        assert!(run("火灾事故认定书", &[]).is_empty());
        let own = named_material_findings(
            "火灾事故认定书",
            "    source: applicant\n",
            &[MATERIALS],
            check_item,
        );
        assert!(own.is_empty());
    }
}
