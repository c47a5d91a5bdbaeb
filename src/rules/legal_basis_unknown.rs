//! `legal-basis-unknown`: a legal basis whose title the laws register
//! (法律法规库) lacks. Only a registered law can be checked for its level
//! and whether it is still in force; seed 000 gives 法制办 the legality
//! review.

use crate::catalog::{Catalog, ItemView};
use crate::finding::{Finding, Message, Severity};

use super::{Rule, cited_laws, item_finding};

pub static RULE: Rule = Rule {
    id: "legal-basis-unknown",
    default_severity: Severity::Warning,
    can_be_silenced: true,
    summary_zh: "实施依据不在法律法规库中",
    summary_en: "a legal basis the laws register lacks",
    messages: &[(
        "law.unknown",
        "实施依据《{title}》不在法律法规库中：核对名称，或在 registers/laws.yaml 中登记它的效力层级",
        "legal basis 《{title}》 is not in the laws register: check the title, or register it and its level in registers/laws.yaml",
    )],
};

pub fn check_item(catalog: &Catalog, view: &ItemView, out: &mut Vec<Finding>) {
    if catalog.registers.laws.is_none() {
        return;
    }
    for (path, title) in cited_laws(view) {
        if catalog.registers.law(title).is_none() {
            let message = Message::new("law.unknown").arg("title", title);
            out.push(item_finding(&RULE, view, &path, message));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::tests::GUIDE_ITEM;
    use crate::rules::testing::{LAWS, findings_with_registers};

    fn run(title: &str, registers: &[(&str, &str)]) -> Vec<Finding> {
        let item = GUIDE_ITEM.replace("《中华人民共和国人口与计划生育法》", title);
        findings_with_registers(&item, registers, check_item)
    }

    #[test]
    fn a_title_the_register_lacks() {
        let out = run("《中华人民共和国人口计生法》", &[LAWS]);
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].path.as_deref(), Some("legal_basis[0].title"));
    }

    #[test]
    fn registered_titles_however_bracketed_and_no_register() {
        assert!(run("《中华人民共和国人口与计划生育法》", &[LAWS]).is_empty());
        assert!(run("中华人民共和国人口与计划生育法", &[LAWS]).is_empty());
        assert!(
            run(
                "《关于进一步做好无犯罪记录证明出具工作的通知(试行)》",
                &[LAWS]
            )
            .is_empty()
        );
        assert!(run("《中华人民共和国人口计生法》", &[]).is_empty());
    }
}
