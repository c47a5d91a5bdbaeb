//! `material-name`: a material written under an alias where the materials
//! register (材料目录) has a standard name. 居民身份证 written under twenty
//! names cannot be shared, counted or cut; seed 004 asks for standard
//! material lists (材料目录) and the 电子证照库.

use crate::catalog::{Catalog, ItemView};
use crate::finding::{Finding, Message, Severity};
use crate::model::Material;

use super::{Rule, material_findings};

pub static RULE: Rule = Rule {
    id: "material-name",
    default_severity: Severity::Warning,
    can_be_silenced: true,
    summary_zh: "材料名称不是材料目录中的标准名称",
    summary_en: "a material named by an alias of the materials register",
    messages: &[(
        "material.alias",
        "材料「{material}」在材料目录中的标准名称是「{standard}」，请改用标准名称",
        "material `{material}` is called `{standard}` in the materials register: use the standard name",
    )],
};

pub fn check_item(catalog: &Catalog, view: &ItemView, out: &mut Vec<Finding>) {
    let flaw = |material: &Material| {
        let (entry, found) = catalog.registers.material(&material.name)?;
        found.alias.then(|| {
            Message::new("material.alias")
                .arg("material", material.name.as_str())
                .arg("standard", entry.name.as_str())
        })
    };
    material_findings(&RULE, view, "name", flaw, out);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{MATERIALS, named_material_findings};

    fn run(name: &str, registers: &[(&str, &str)]) -> Vec<Finding> {
        named_material_findings(name, "    source: government\n", registers, check_item)
    }

    #[test]
    fn an_alias_names_the_standard_name() {
        let out = run("身份证", &[MATERIALS]);
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].path.as_deref(), Some("materials[0].name"));
        let standard = out[0].message.args.iter().find(|(k, _)| *k == "standard");
        assert_eq!(standard.unwrap().1, "居民身份证".into());
        assert_eq!(run("申请人身份证复印件", &[MATERIALS]).len(), 1);
    }

    #[test]
    fn standard_names_other_materials_and_no_register_are_clean() {
        assert!(run("居民身份证", &[MATERIALS]).is_empty());
        assert!(run("家庭成员居民身份证", &[MATERIALS]).is_empty());
        // 身份证明 is not 身份证: an alias inside a longer name is no match.
        assert!(run("身份证明", &[MATERIALS]).is_empty());
        assert!(run("身份证", &[]).is_empty());
    }
}
