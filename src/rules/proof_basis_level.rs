//! `proof-basis-level`: a proof whose basis (设定依据) is not a law,
//! administrative regulation, State Council decision or local regulation
//! in the laws register (the levels `catalog.yaml` `proof_levels` permits).
//! Seed 004: 没有法律法规依据的证明，原则上一律予以取消; seed 000 gives 法制办
//! the legality review of normative documents.

use crate::catalog::registers::cited_titles;
use crate::catalog::{Catalog, ItemView};
use crate::finding::{Finding, Message, Severity};
use crate::model::{Labelled, Material};

use super::{Rule, is_proof, material_findings};

pub static RULE: Rule = Rule {
    id: "proof-basis-level",
    default_severity: Severity::Error,
    can_be_silenced: true,
    summary_zh: "证明的设定依据不是法律、行政法规、国务院决定或地方性法规",
    summary_en: "a proof whose basis is not a law, administrative regulation, State Council decision or local regulation",
    messages: &[
        (
            "proof_basis.level",
            "证明「{material}」的设定依据《{title}》是{level}；证明事项只能由{levels}设定，否则应当取消",
            "proof `{material}` rests on 《{title}》, a {level}; proofs may be set only by: {levels}; otherwise cancel it",
        ),
        (
            "proof_basis.unknown",
            "证明「{material}」的设定依据「{basis}」不在法律法规库中；证明事项只能由{levels}设定",
            "proof `{material}` rests on `{basis}`, which the laws register lacks; proofs may be set only by: {levels}",
        ),
    ],
};

pub fn check_item(catalog: &Catalog, view: &ItemView, out: &mut Vec<Finding>) {
    if catalog.registers.laws.is_none() {
        return;
    }
    let permitted = catalog.config.proof_levels();
    let levels = || {
        let zh: Vec<&str> = permitted.iter().map(|l| l.zh()).collect();
        let en: Vec<&str> = permitted.iter().map(|l| l.en()).collect();
        (zh.join("、"), en.join(", ").to_lowercase())
    };
    let flaw = |material: &Material| {
        let basis = material.basis.as_deref().filter(|b| !b.trim().is_empty())?;
        if !is_proof(catalog, material) {
            return None;
        }
        let titles = cited_titles(basis);
        let laws: Vec<_> = titles
            .iter()
            .filter_map(|t| catalog.registers.law(t).map(|law| (*t, law)))
            .collect();
        if laws.iter().any(|(_, law)| permitted.contains(&law.level)) {
            return None;
        }
        let (zh, en) = levels();
        let message = match laws.first() {
            Some((title, law)) => Message::new("proof_basis.level")
                .arg("title", *title)
                .localized("level", law.level.zh(), law.level.en().to_lowercase()),
            None => Message::new("proof_basis.unknown").arg("basis", basis),
        };
        Some(
            message
                .arg("material", material.name.as_str())
                .localized("levels", zh, en),
        )
    };
    material_findings(&RULE, view, "basis", flaw, out);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::tests::{GUIDE_ITEM, item_rule_findings_with};
    use crate::rules::testing::{LAWS, named_material_findings};

    fn run(basis: &str, registers: &[(&str, &str)]) -> Vec<Finding> {
        let keys = format!("    proof: true\n    basis: {basis}\n");
        named_material_findings("亲属关系证明", &keys, registers, check_item)
    }

    #[test]
    fn a_normative_document_cannot_set_a_proof() {
        let out = run(
            "《关于进一步做好无犯罪记录证明出具工作的通知(试行)》",
            &[LAWS],
        );
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].message.key, "proof_basis.level");
        assert_eq!(out[0].path.as_deref(), Some("materials[0].basis"));
    }

    #[test]
    fn a_basis_the_register_lacks() {
        let out = run("本局内部工作规定", &[LAWS]);
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].message.key, "proof_basis.unknown");
    }

    #[test]
    fn a_law_by_a_slightly_different_spelling_is_enough() {
        // Full-width brackets and spaces in the title, an article after it.
        assert!(run("《社会救助暂行办法 》第十一条", &[LAWS]).is_empty());
        assert!(
            run(
                "《关于进一步做好无犯罪记录证明出具工作的通知》、《中华人民共和国人口与计划生育法》",
                &[LAWS]
            )
            .is_empty()
        );
    }

    #[test]
    fn no_register_and_non_proofs_are_clean() {
        assert!(run("本局内部工作规定", &[]).is_empty());
        let keys = "    basis: 本局内部工作规定\n";
        assert!(named_material_findings("申请表", keys, &[LAWS], check_item).is_empty());
    }

    #[test]
    fn the_catalog_may_permit_other_levels() {
        let item = GUIDE_ITEM.replace(
            "    source: government\n",
            "    source: government\n    proof: true\n    basis: 《关于进一步做好无犯罪记录证明出具工作的通知（试行）》\n",
        );
        let files = [LAWS, ("items/wsjw/a.yaml", item.as_str())];
        let config = "proof_levels: [law, normative_document]\n";
        assert!(item_rule_findings_with(config, &files, check_item).is_empty());
        assert_eq!(item_rule_findings_with("", &files, check_item).len(), 1);
    }
}
