//! `proof-without-basis`: a material marked as a certificate (`proof: true`,
//! 证明) with no `basis` (设定依据). Seed 004: proofs without a legal basis
//! are to be cancelled (没有法律法规依据的，原则上一律予以取消); seed 001
//! (砍掉各类繁琐无谓的证明) says the same.

use crate::catalog::{Catalog, ItemView};
use crate::finding::{Finding, Message, Severity};
use crate::model::Material;

use super::{Rule, material_findings};

pub static RULE: Rule = Rule {
    id: "proof-without-basis",
    default_severity: Severity::Error,
    can_be_silenced: true,
    summary_zh: "证明类材料未写明设定依据",
    summary_en: "`proof: true` without a `basis`",
    messages: &[(
        "proof.no_basis",
        "材料「{material}」是证明，但未写明设定依据（basis）；没有法律法规依据的证明应当取消",
        "material `{material}` is a proof but has no `basis`; proofs without a legal basis are to be cancelled",
    )],
};

pub fn check_item(_: &Catalog, view: &ItemView, out: &mut Vec<Finding>) {
    let flaw = |material: &Material| {
        let has_basis = material
            .basis
            .as_deref()
            .is_some_and(|b| !b.trim().is_empty());
        (material.proof && !has_basis)
            .then(|| Message::new("proof.no_basis").arg("material", material.name.as_str()))
    };
    material_findings(&RULE, view, "proof", flaw, out);
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
    fn proof_without_basis() {
        let out = run("    proof: true\n");
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].path.as_deref(), Some("materials[0].proof"));
        assert_eq!(run("    proof: true\n    basis: \" \"\n").len(), 1);
    }

    #[test]
    fn proof_with_basis_and_non_proofs_are_clean() {
        assert!(run("    proof: true\n    basis: 《社会救助暂行办法》第十一条\n").is_empty());
        assert!(run("    proof: false\n").is_empty());
        assert!(run("").is_empty());
    }
}
