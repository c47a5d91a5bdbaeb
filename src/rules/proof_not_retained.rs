//! `proof-not-retained`: a proof missing from the retained list (保留的证明
//! 事项清单) when the proofs register has one. Seed 004: proofs are kept
//! only as listed; whatever is not on the list is not to be asked for.

use crate::catalog::{Catalog, ItemView};
use crate::finding::{Finding, Message, Severity};
use crate::model::Material;

use super::{Rule, is_proof, material_findings};

pub static RULE: Rule = Rule {
    id: "proof-not-retained",
    default_severity: Severity::Warning,
    can_be_silenced: true,
    summary_zh: "证明不在保留的证明事项清单中",
    summary_en: "a proof missing from the retained list of the proofs register",
    messages: &[(
        "proof.not_retained",
        "证明「{material}」不在保留的证明事项清单中：列入清单，或不再要求提供",
        "proof `{material}` is not on the retained list: have it listed, or stop asking for it",
    )],
};

pub fn check_item(catalog: &Catalog, view: &ItemView, out: &mut Vec<Finding>) {
    let registers = &catalog.registers;
    if registers
        .proofs
        .as_ref()
        .is_none_or(|p| p.retained.is_empty())
    {
        return;
    }
    let flaw = |material: &Material| {
        let missing = is_proof(catalog, material)
            && registers.retained_proof(&material.name).is_none()
            // A cancelled proof is banned-proof's.
            && registers.cancelled_proof(&material.name).is_none();
        missing.then(|| Message::new("proof.not_retained").arg("material", material.name.as_str()))
    };
    material_findings(&RULE, view, "name", flaw, out);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{MATERIALS, PROOFS, named_material_findings};

    fn run(name: &str, keys: &str, registers: &[(&str, &str)]) -> Vec<Finding> {
        named_material_findings(name, keys, registers, check_item)
    }

    #[test]
    fn a_proof_off_the_list() {
        let out = run("亲属关系证明", "    proof: true\n", &[PROOFS]);
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].path.as_deref(), Some("materials[0].name"));
    }

    #[test]
    fn a_proof_by_the_materials_register() {
        // Not marked `proof: true`, but the materials register calls it one.
        let retained = (PROOFS.0, "retained:\n  - name: 出生医学证明\n");
        assert_eq!(run("无犯罪记录证明", "", &[MATERIALS, retained]).len(), 1);
    }

    #[test]
    fn listed_cancelled_and_unlisted_registers_are_clean() {
        assert!(run("无犯罪记录证明", "    proof: true\n", &[PROOFS]).is_empty());
        assert!(run("单身证明", "    proof: true\n", &[PROOFS]).is_empty());
        assert!(run("亲属关系证明", "", &[PROOFS]).is_empty());
        // No retained list: nothing to be missing from.
        let cancelled_only = (PROOFS.0, "cancelled:\n  - name: 单身证明\n");
        assert!(run("亲属关系证明", "    proof: true\n", &[cancelled_only]).is_empty());
        assert!(run("亲属关系证明", "    proof: true\n", &[]).is_empty());
    }
}
