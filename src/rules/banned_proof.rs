//! `banned-proof`: a material that is a cancelled proof (证明事项 register,
//! `cancelled`). Seed 004 names 单身证明、无子女证明、未购房证明 as the
//! 奇葩证明 people meet and asks that proofs without a legal basis be
//! cancelled; seeds 001 and 003 ask to cut 证明和盖章环节.

use crate::catalog::{Catalog, ItemView};
use crate::finding::{Finding, Message, Severity};
use crate::model::Material;

use super::{Rule, material_findings};

pub static RULE: Rule = Rule {
    id: "banned-proof",
    default_severity: Severity::Error,
    can_be_silenced: true,
    summary_zh: "要求提供已取消的证明",
    summary_en: "a material that is a cancelled proof",
    messages: &[
        (
            "proof.cancelled",
            "材料「{material}」是已取消的证明「{proof}」，不得要求申请人提供",
            "material `{material}` is the cancelled proof `{proof}`: the applicant must not be asked for it",
        ),
        (
            "proof.cancelled_by",
            "材料「{material}」是已取消的证明「{proof}」（{act}），不得要求申请人提供",
            "material `{material}` is the proof `{proof}`, cancelled by {act}: the applicant must not be asked for it",
        ),
    ],
};

pub fn check_item(catalog: &Catalog, view: &ItemView, out: &mut Vec<Finding>) {
    let flaw = |material: &Material| {
        let proof = catalog.registers.cancelled_proof(&material.name)?;
        let message = match proof.act.as_deref().filter(|a| !a.trim().is_empty()) {
            Some(act) => Message::new("proof.cancelled_by").arg("act", act),
            None => Message::new("proof.cancelled"),
        };
        Some(
            message
                .arg("material", material.name.as_str())
                .arg("proof", proof.name.as_str()),
        )
    };
    material_findings(&RULE, view, "name", flaw, out);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{PROOFS, named_material_findings};

    fn run(name: &str, registers: &[(&str, &str)]) -> Vec<Finding> {
        named_material_findings(name, "    proof: true\n", registers, check_item)
    }

    #[test]
    fn a_cancelled_proof_by_name_or_alias() {
        let out = run("单身证明", &[PROOFS]);
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].message.key, "proof.cancelled");
        assert_eq!(out[0].path.as_deref(), Some("materials[0].name"));
        assert_eq!(run("申请人未婚证明", &[PROOFS]).len(), 1);
        assert_eq!(run("夫妻双方无子女证明（原件）", &[PROOFS]).len(), 1);
    }

    #[test]
    fn the_act_is_named_when_the_register_has_it() {
        let proofs = (
            PROOFS.0,
            "cancelled:\n  - name: 单身证明\n    act: 某市关于取消一批证明事项的决定\n",
        );
        let out = run("单身证明", &[proofs]);
        assert_eq!(out[0].message.key, "proof.cancelled_by");
    }

    #[test]
    fn other_proofs_and_no_register_are_clean() {
        assert!(run("单身证明", &[]).is_empty());
        assert!(run("无犯罪记录证明", &[PROOFS]).is_empty());
        // A longer name that goes on is another material.
        assert!(run("单身证明书写规范说明", &[PROOFS]).is_empty());
    }
}
